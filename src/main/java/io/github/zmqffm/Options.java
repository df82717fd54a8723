package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Checks and moves typed option values through {@code zmq_setsockopt}/{@code zmq_getsockopt}. Numbers and
 * flags use the thread's {@link Scratch} buffer, so those paths allocate no Arena; byte arrays
 * pass to the (critical) call as heap segments without a copy.
 */
final class Options {
    static final int CURVE_KEY_BYTES = 32;
    static final int CURVE_KEY_Z85 = 40;

    private Options() {
    }

    /** Validates, then sets an option while holding the socket. */
    static <T> void set(SocketHandle handle, SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, () -> "value for " + option);
        validate(option, value);
        checkSupported(option);
        handle.acquire();
        try {
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
                    ? getZ85(handle, option)
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
        checkSupported(option);
    }

    /** Draft options are refused up front, rather than surfacing as a bare EINVAL. */
    static void checkSupported(SocketOption<?> option) {
        if (option.isDraft() && !Zmq.hasDraftApi()) {
            throw new UnsupportedOperationException(option + " is a draft option and the loaded libzmq "
                    + Zmq.version() + " was built without the draft API");
        }
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
            int length = ((byte[]) value).length;
            if (length != CURVE_KEY_BYTES && length != CURVE_KEY_Z85) {
                throw new IllegalArgumentException(option + " needs a key of 32 bytes or 40 Z85 characters, got "
                        + length + " bytes");
            }
        }
    }

    /** Sets a validated value; the caller holds the socket. */
    static void write(SocketHandle handle, SocketOption<?> option, Object value) {
        Scratch scratch = Scratch.get();
        MemorySegment capture = handle.capture();
        MemorySegment buffer = scratch.value;
        long size;
        switch (option.kind()) {
            case INT -> {
                buffer.set(ValueLayout.JAVA_INT, 0, (Integer) value);
                size = 4;
            }
            case BOOL -> {
                buffer.set(ValueLayout.JAVA_INT, 0, (Boolean) value ? 1 : 0);
                size = 4;
            }
            case LONG -> {
                buffer.set(ValueLayout.JAVA_LONG, 0, (Long) value);
                size = 8;
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
            throw ZmqException.of("set " + option + " to " + render(option, value), Native.errno(capture));
        }
    }

    /** Reads a value; the caller holds the socket. */
    static Object read(SocketHandle handle, SocketOption<?> option) {
        return switch (option.kind()) {
            case INT -> readInt(handle, option);
            case BOOL -> readInt(handle, option) != 0;
            case SOCKET_TYPE -> SocketType.of(readInt(handle, option));
            case LONG -> {
                MemorySegment value = read(handle, option, Scratch.get().value, 8);
                yield value.get(ValueLayout.JAVA_LONG, 0);
            }
            case CURVE_KEY -> read(handle, option, Scratch.get().value, CURVE_KEY_BYTES)
                    .toArray(ValueLayout.JAVA_BYTE);
            case BYTES -> readVariable(handle, option).toArray(ValueLayout.JAVA_BYTE);
            case STRING -> cString(readVariable(handle, option));
        };
    }

    /** A CURVE key in its 40-character Z85 form; the caller holds the socket. */
    static String getZ85(SocketHandle handle, SocketOption<?> option) {
        return cString(read(handle, option, Scratch.get().value, CURVE_KEY_Z85 + 1));
    }

    static int readInt(SocketHandle handle, SocketOption<?> option) {
        return read(handle, option, Scratch.get().value, 4).get(ValueLayout.JAVA_INT, 0);
    }

    private static MemorySegment readVariable(SocketHandle handle, SocketOption<?> option) {
        return read(handle, option, Scratch.get().value, Scratch.VALUE_CAPACITY);
    }

    /** Calls zmq_getsockopt into {@code buffer}; returns the slice libzmq filled. */
    private static MemorySegment read(SocketHandle handle, SocketOption<?> option, MemorySegment buffer, long capacity) {
        MemorySegment capture = handle.capture();
        MemorySegment size = Scratch.get().size;
        size.set(ValueLayout.JAVA_LONG, 0, capacity);
        if (LibZmq.getsockopt(capture, handle.ptr, option.id(), buffer, size) < 0) {
            throw ZmqException.of("get " + option, Native.errno(capture));
        }
        return buffer.asSlice(0, size.get(ValueLayout.JAVA_LONG, 0));
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
        return String.valueOf(value);
    }
}
