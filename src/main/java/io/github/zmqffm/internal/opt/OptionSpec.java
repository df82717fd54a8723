package io.github.zmqffm.internal.opt;

import io.github.zmqffm.SocketType;

/**
 * What the binding knows about one option key, socket or context: its zmq.h name and number,
 * how its value travels, who may read and write it, what the loaded libzmq needs to honour it,
 * and whether its value is a secret. The public {@code SocketOption} and {@code ContextOption}
 * keys each hold one, and every check that needs no native call happens here, once for both.
 *
 * @param name the zmq.h name without {@code ZMQ_}, e.g. "SNDHWM"
 * @param id the zmq.h number
 * @param kind how the value travels through libzmq
 * @param access who may read and write it
 * @param availability what the loaded libzmq needs to honour it
 * @param secret whether exception messages must hide the value
 */
public record OptionSpec(String name, int id, Kind kind, Access access, Availability availability, boolean secret) {
    /**
     * How a value travels through {@code zmq_setsockopt}/{@code zmq_getsockopt} or
     * {@code zmq_ctx_set}/{@code zmq_ctx_get}. DESCRIPTOR is libzmq's {@code fd_t}: an
     * {@code int} on POSIX, a {@code SOCKET} on Windows.
     */
    public enum Kind { INT, LONG, BOOL, BYTES, STRING, CURVE_KEY, SOCKET_TYPE, DESCRIPTOR }

    /** What libzmq allows: reading, writing, or both. */
    public enum Access { READ_ONLY, WRITE_ONLY, READ_WRITE }

    /** {@return the Java type of the value} */
    public Class<?> valueType() {
        return switch (kind) {
            case INT, DESCRIPTOR -> Integer.class;
            case LONG -> Long.class;
            case BOOL -> Boolean.class;
            case BYTES, CURVE_KEY -> byte[].class;
            case STRING -> String.class;
            case SOCKET_TYPE -> SocketType.class;
        };
    }

    /** {@return whether the key may be read} */
    public boolean isReadable() {
        return access != Access.WRITE_ONLY;
    }

    /** {@return whether the key may be written} */
    public boolean isWritable() {
        return access != Access.READ_ONLY;
    }

    /**
     * Refuses a value that cannot be written, before any native call.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if the key is read-only, the value of the wrong type, or
     *         a CURVE key neither 32 bytes nor 40 Z85 characters
     * @throws UnsupportedOperationException if the loaded libzmq cannot honour the key
     */
    public void checkWrite(Object value) {
        if (value == null) {
            throw new NullPointerException("value for " + name);
        }
        if (!isWritable()) {
            throw new IllegalArgumentException(name + " is read-only");
        }
        if (!valueType().isInstance(value)) {
            throw new IllegalArgumentException(name + " takes a " + valueType().getSimpleName()
                    + ", not a " + value.getClass().getSimpleName());
        }
        if (kind == Kind.CURVE_KEY) {
            CurveKeys.check(name, (byte[]) value);
        }
        availability.check(name);
    }

    /**
     * A {@code byte[]} value given as text: UTF-8, or for a CURVE key its 40 Z85 characters.
     *
     * @throws IllegalArgumentException if a CURVE key's text is not 40 characters long
     */
    public byte[] bytesOf(String text) {
        if (kind == Kind.CURVE_KEY && text.length() != CurveKeys.Z85_CHARS) {
            throw new IllegalArgumentException(name + " as text needs the 40 Z85 characters of a key, got "
                    + text.length() + " characters");
        }
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Refuses a key that cannot be read, before any native call.
     *
     * @throws IllegalArgumentException if the key is write-only
     * @throws UnsupportedOperationException if the loaded libzmq cannot honour the key
     */
    public void checkRead() {
        if (!isReadable()) {
            throw new IllegalArgumentException(name + " is write-only");
        }
        availability.check(name);
    }
}
