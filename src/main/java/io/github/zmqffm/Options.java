package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Checks and moves typed option values through {@code zmq_setsockopt}/{@code zmq_getsockopt}.
 *
 * <p>Everything that can be checked without libzmq is checked before the native call: access,
 * value type, CURVE key length and alphabet, and whether the loaded libzmq knows the key
 * ({@link Availability}). Numbers and flags go through the thread's {@link Scratch} buffer, so
 * those paths allocate no Arena; byte arrays pass to the (critical) calls as heap segments
 * without a copy.
 */
final class Options {
    static final int CURVE_KEY_BYTES = 32;
    static final int CURVE_KEY_Z85 = 40;
    /** The Z85 alphabet of ZeroMQ RFC 32, which libzmq uses for CURVE keys as text. */
    private static final String Z85 =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    /** Size of libzmq's {@code fd_t}: a pointer-sized {@code SOCKET} on Windows, an {@code int} elsewhere. */
    private static final int DESCRIPTOR_BYTES =
            System.getProperty("os.name", "").startsWith("Windows") ? Long.BYTES : Integer.BYTES;
    /** Text options longer than this are not believed: libzmq caps all but a few at 255 bytes. */
    private static final int MAX_VARIABLE = 1 << 20;

    private Options() {
    }

    /** Validates, then sets an option while holding the socket. */
    static <T> void set(SocketHandle handle, SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        if (value == null) {
            throw new NullPointerException("value for " + option);
        }
        validate(option, value);
        option.availability().check(option);
        handle.acquire();
        try {
            OptionHazards.check(handle, option, value);
            write(handle, option, value);
            if (option == SocketOption.RCVTIMEO) {
                handle.receiveTimeout = (Integer) value;
            } else if (option == SocketOption.SNDTIMEO) {
                handle.sendTimeout = (Integer) value;
            }
        } finally {
            handle.release();
        }
    }

    /** Sets a {@code byte[]} option from text: Z85 for a CURVE key, UTF-8 for the others. */
    static void setText(SocketHandle handle, SocketOption<byte[]> option, String text) {
        Objects.requireNonNull(option, "option");
        if (text == null) {
            throw new NullPointerException("value for " + option);
        }
        if (option.kind() == SocketOption.Kind.CURVE_KEY && text.length() != CURVE_KEY_Z85) {
            throw new IllegalArgumentException(option + " as text needs the 40 Z85 characters of a key, got "
                    + text.length() + " characters");
        }
        set(handle, option, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads an option while holding the socket. */
    @SuppressWarnings("unchecked")
    static <T> T get(SocketHandle handle, SocketOption<T> option) {
        checkReadable(option);
        handle.acquire();
        try {
            return (T) read(handle, option);
        } finally {
            handle.release();
        }
    }

    /** Reads a byte[] option as text: Z85 for CURVE keys, UTF-8 otherwise. */
    static String getString(SocketHandle handle, SocketOption<byte[]> option) {
        checkReadable(option);
        handle.acquire();
        try {
            return option.kind() == SocketOption.Kind.CURVE_KEY
                    ? cString(slice(read(handle, option, CURVE_KEY_Z85 + 1)))
                    : new String((byte[]) read(handle, option), StandardCharsets.UTF_8);
        } finally {
            handle.release();
        }
    }

    private static void checkReadable(SocketOption<?> option) {
        Objects.requireNonNull(option, "option");
        if (!option.isReadable()) {
            throw new IllegalArgumentException(option + " is write-only");
        }
        option.availability().check(option);
    }

    /** Checks what can be checked without libzmq. */
    static void validate(SocketOption<?> option, Object value) {
        if (!option.isWritable()) {
            throw new IllegalArgumentException(option + " is read-only");
        }
        if (!option.type().isInstance(value)) {
            throw new IllegalArgumentException(option + " takes a " + option.type().getSimpleName()
                    + ", not a " + value.getClass().getSimpleName());
        }
        if (option.kind() == SocketOption.Kind.CURVE_KEY) {
            checkCurveKey(option, (byte[]) value);
        }
    }

    /** libzmq takes 32 raw bytes or 40 Z85 characters; anything else would be a bare EINVAL. */
    private static void checkCurveKey(SocketOption<?> option, byte[] key) {
        if (key.length == CURVE_KEY_BYTES) {
            return;
        }
        if (key.length != CURVE_KEY_Z85) {
            throw new IllegalArgumentException(option + " needs a key of 32 bytes or 40 Z85 characters, got "
                    + key.length + " bytes");
        }
        for (byte b : key) {
            if (Z85.indexOf(b) < 0) {
                throw new IllegalArgumentException(option + " needs a key of 32 bytes or 40 Z85 characters; "
                        + "these 40 bytes are not Z85 text");
            }
        }
    }

    /** Sets a validated value; the caller holds the socket. */
    static void write(SocketHandle handle, SocketOption<?> option, Object value) {
        MemorySegment capture = handle.capture();
        MemorySegment buffer = Scratch.get().value;
        long size;
        switch (option.kind()) {
            case INT -> {
                buffer.set(ValueLayout.JAVA_INT, 0, (Integer) value);
                size = Integer.BYTES;
            }
            case BOOL -> {
                buffer.set(ValueLayout.JAVA_INT, 0, (Boolean) value ? 1 : 0);
                size = Integer.BYTES;
            }
            case LONG -> {
                buffer.set(ValueLayout.JAVA_LONG, 0, (Long) value);
                size = Long.BYTES;
            }
            case BYTES, CURVE_KEY -> {
                byte[] bytes = (byte[]) value;
                buffer = bytes.length == 0 ? MemorySegment.NULL : MemorySegment.ofArray(bytes);
                size = bytes.length;
            }
            case STRING -> {
                byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                buffer = bytes.length == 0 ? MemorySegment.NULL : MemorySegment.ofArray(bytes);
                size = bytes.length;
            }
            default -> throw new IllegalArgumentException(option + " is read-only");
        }
        if (LibZmq.setsockopt(capture, handle.ptr, option.id(), buffer, size) < 0) {
            throw ZmqException.of("set " + option + " to " + render(option, value) + " on a " + handle.type
                    + " socket", Native.errno(capture));
        }
    }

    /** Reads a value; the caller holds the socket. */
    static Object read(SocketHandle handle, SocketOption<?> option) {
        return switch (option.kind()) {
            case INT -> readInt(handle, option);
            case BOOL -> readInt(handle, option) != 0;
            case SOCKET_TYPE -> SocketType.of(readInt(handle, option));
            // Windows SOCKET handles are pointer-sized but, by Windows' own guarantee, fit 32 bits.
            case DESCRIPTOR -> DESCRIPTOR_BYTES == Integer.BYTES ? readInt(handle, option)
                    : Math.toIntExact(read(handle, option, DESCRIPTOR_BYTES).get(ValueLayout.JAVA_LONG, 0));
            case LONG -> read(handle, option, Long.BYTES).get(ValueLayout.JAVA_LONG, 0);
            case CURVE_KEY -> slice(read(handle, option, CURVE_KEY_BYTES)).toArray(ValueLayout.JAVA_BYTE);
            case BYTES -> readVariable(handle, option).toArray(ValueLayout.JAVA_BYTE);
            case STRING -> cString(readVariable(handle, option));
        };
    }

    static int readInt(SocketHandle handle, SocketOption<?> option) {
        return read(handle, option, Integer.BYTES).get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Reads a value of unknown length. libzmq answers EINVAL, without saying the length, when
     * the buffer is too small, so a value that misses the scratch buffer is retried in growing
     * heap arrays (the call is critical, so they pass without a copy).
     */
    private static MemorySegment readVariable(SocketHandle handle, SocketOption<?> option) {
        Scratch scratch = Scratch.get();
        MemorySegment capture = handle.capture();
        if (tryRead(capture, handle, option, scratch.value, Scratch.VALUE_CAPACITY)) {
            return scratch.value.asSlice(0, scratch.size.get(ValueLayout.JAVA_LONG, 0));
        }
        int firstErrno = Native.errno(capture);
        for (int capacity = Scratch.VALUE_CAPACITY * 16; firstErrno == Errno.EINVAL.code() && capacity <= MAX_VARIABLE;
                capacity *= 16) {
            MemorySegment larger = MemorySegment.ofArray(new byte[capacity]);
            if (tryRead(capture, handle, option, larger, capacity)) {
                return larger.asSlice(0, scratch.size.get(ValueLayout.JAVA_LONG, 0));
            }
        }
        throw ZmqException.of("get " + option + " from a " + handle.type + " socket", firstErrno);
    }

    /**
     * Calls zmq_getsockopt into the scratch buffer, offering {@code capacity} bytes; returns the
     * buffer, whose filled length {@link #slice} gives (numbers skip that, to stay allocation-free).
     */
    private static MemorySegment read(SocketHandle handle, SocketOption<?> option, long capacity) {
        MemorySegment capture = handle.capture();
        MemorySegment buffer = Scratch.get().value;
        if (!tryRead(capture, handle, option, buffer, capacity)) {
            throw ZmqException.of("get " + option + " from a " + handle.type + " socket", Native.errno(capture));
        }
        return buffer;
    }

    /** The part of a scratch buffer that the last zmq_getsockopt filled. */
    private static MemorySegment slice(MemorySegment buffer) {
        return buffer.asSlice(0, Scratch.get().size.get(ValueLayout.JAVA_LONG, 0));
    }

    /** One zmq_getsockopt offering {@code capacity} bytes of {@code buffer}; false if it failed (see errno). */
    static boolean tryRead(MemorySegment capture, SocketHandle handle, SocketOption<?> option,
                                   MemorySegment buffer, long capacity) {
        MemorySegment size = Scratch.get().size;
        size.set(ValueLayout.JAVA_LONG, 0, capacity);
        return LibZmq.getsockopt(capture, handle.ptr, option.id(), buffer, size) == 0;
    }

    private static String cString(MemorySegment bytes) {
        long n = 0;
        while (n < bytes.byteSize() && bytes.get(ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        return new String(bytes.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** How an exception message shows a value: secrets hidden, bytes in hex. */
    static String render(SocketOption<?> option, Object value) {
        if (option.isSecret()) {
            return "<secret>";
        }
        if (value instanceof byte[] bytes) {
            return bytes.length <= 32 ? "0x" + HexFormat.of().formatHex(bytes) : bytes.length + " bytes";
        }
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        return String.valueOf(value);
    }
}
