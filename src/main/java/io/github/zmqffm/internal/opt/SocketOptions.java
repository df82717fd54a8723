package io.github.zmqffm.internal.opt;

import io.github.zmqffm.Errno;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Moves typed option values through {@code zmq_setsockopt}/{@code zmq_getsockopt} on a socket
 * the caller holds. Numbers and flags go through the thread's {@link Scratch} buffer, so those
 * paths allocate nothing; byte arrays pass to the (critical) calls as heap segments without a
 * copy. Values were checked by {@link OptionSpec#checkWrite} before the caller took the socket.
 */
public final class SocketOptions {
    /** Size of libzmq's {@code fd_t}: a pointer-sized {@code SOCKET} on Windows, an {@code int} elsewhere. */
    private static final int DESCRIPTOR_BYTES =
            System.getProperty("os.name", "").startsWith("Windows") ? Long.BYTES : Integer.BYTES;
    /** Text options longer than this are not believed: libzmq caps all but a few at 255 bytes. */
    private static final int MAX_VARIABLE = 1 << 20;

    private SocketOptions() {
    }

    /**
     * Sets a checked value, refusing first what libzmq 4.3 cannot take safely ({@link OptionHazards}).
     *
     * @throws ZmqException if libzmq rejects the value (the message names option and value)
     */
    public static void write(SocketHandle handle, OptionSpec option, Object value) {
        OptionHazards.check(handle, option, value);
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
            case BYTES, CURVE_KEY, STRING -> {
                byte[] bytes = value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
                buffer = bytes.length == 0 ? MemorySegment.NULL : MemorySegment.ofArray(bytes);
                size = bytes.length;
            }
            default -> throw new IllegalArgumentException(option.name() + " is read-only");
        }
        if (LibZmq.setsockopt(capture, handle.ptr, option.id(), buffer, size) < 0) {
            throw Errors.of("set " + option.name() + " to " + render(option, value) + " on a " + handle.type
                    + " socket", Native.errno(capture));
        }
    }

    /** Reads a value of a readable option. */
    public static Object read(SocketHandle handle, OptionSpec option) {
        return switch (option.kind()) {
            case INT -> readInt(handle, option.id(), option.name());
            case BOOL -> readInt(handle, option.id(), option.name()) != 0;
            case SOCKET_TYPE -> SocketType.of(readInt(handle, option.id(), option.name()));
            // Windows SOCKET handles are pointer-sized but, by Windows' own guarantee, fit 32 bits.
            case DESCRIPTOR -> DESCRIPTOR_BYTES == Integer.BYTES ? readInt(handle, option.id(), option.name())
                    : Math.toIntExact(read(handle, option.id(), option.name(), DESCRIPTOR_BYTES).get(ValueLayout.JAVA_LONG, 0));
            case LONG -> read(handle, option.id(), option.name(), Long.BYTES).get(ValueLayout.JAVA_LONG, 0);
            case CURVE_KEY -> slice(read(handle, option.id(), option.name(), CurveKeys.BYTES)).toArray(ValueLayout.JAVA_BYTE);
            case BYTES -> readVariable(handle, option.id(), option.name()).toArray(ValueLayout.JAVA_BYTE);
            case STRING -> cString(readVariable(handle, option.id(), option.name()));
        };
    }

    /** Reads a {@code byte[]} option as text: Z85 for CURVE keys, UTF-8 otherwise. */
    public static String readText(SocketHandle handle, OptionSpec option) {
        return option.kind() == OptionSpec.Kind.CURVE_KEY
                ? cString(slice(read(handle, option.id(), option.name(), CurveKeys.Z85_CHARS + 1)))
                : new String((byte[]) read(handle, option), StandardCharsets.UTF_8);
    }

    /** Reads an int-valued option by number, for the binding's own queries (EVENTS, FD, RCVMORE...). */
    public static int readInt(SocketHandle handle, int option, String name) {
        return read(handle, option, name, Integer.BYTES).get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Refuses, before a bind or connect, options that would make its connections unsafe
     * ({@link OptionHazards#checkConnection}); the caller holds the socket.
     *
     * @throws IllegalStateException if the socket has ZMTP heartbeats and a receive queue that can fill
     */
    public static void checkConnection(SocketHandle handle, String endpoint) {
        OptionHazards.checkConnection(handle, endpoint, SocketOptions::readInt);
    }

    /** Reads LAST_ENDPOINT, for the record of a bind. */
    public static String readLastEndpoint(SocketHandle handle) {
        return cString(readVariable(handle, zmq_h.ZMQ_LAST_ENDPOINT(), "LAST_ENDPOINT"));
    }

    /**
     * Asks {@code ZMQ_EVENTS} without throwing: for a wait, which asks it after each park. It
     * asks without errno first, into buffers kept for it ({@link Scratch#events}), and again with
     * errno only if that failed: each capture and segment write would inline into the wait's
     * compiled code as several hundred bytes of the JDK's handle code, compiled late, while a
     * stream's frames are measured (bench/README.md, "One wait-only link").
     *
     * @return the events, or -1 with errno captured in {@code handle.capture()}
     */
    public static int tryReadEvents(SocketHandle handle) {
        Scratch scratch = Scratch.get();
        if (LibZmq.eventsUncaptured(handle.ptr, scratch.events, scratch.eventsSize) != 0
                && !tryRead(scratch, handle.capture(), handle, zmq_h.ZMQ_EVENTS(), scratch.events, Integer.BYTES)) {
            return -1;
        }
        return scratch.events.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Reads a value of unknown length. libzmq answers EINVAL, without saying the length, when
     * the buffer is too small, so a value that misses the scratch buffer is retried in growing
     * heap arrays (the call is critical, so they pass without a copy).
     */
    private static MemorySegment readVariable(SocketHandle handle, int option, String name) {
        Scratch scratch = Scratch.get();
        MemorySegment capture = handle.capture();
        if (tryRead(scratch, capture, handle, option, scratch.value, Scratch.VALUE_CAPACITY)) {
            return scratch.value.asSlice(0, scratch.size.get(ValueLayout.JAVA_LONG, 0));
        }
        int firstErrno = Native.errno(capture);
        for (int capacity = Scratch.VALUE_CAPACITY * 16; firstErrno == Errno.EINVAL.code() && capacity <= MAX_VARIABLE;
                capacity *= 16) {
            MemorySegment larger = MemorySegment.ofArray(new byte[capacity]);
            if (tryRead(scratch, capture, handle, option, larger, capacity)) {
                return larger.asSlice(0, scratch.size.get(ValueLayout.JAVA_LONG, 0));
            }
        }
        throw Errors.of("get " + name + " from a " + handle.type + " socket", firstErrno);
    }

    /**
     * Calls zmq_getsockopt into the scratch buffer, offering {@code capacity} bytes; returns the
     * buffer, whose filled length {@link #slice} gives (numbers skip that, to stay allocation-free).
     */
    private static MemorySegment read(SocketHandle handle, int option, String name, long capacity) {
        MemorySegment capture = handle.capture();
        Scratch scratch = Scratch.get();
        if (!tryRead(scratch, capture, handle, option, scratch.value, capacity)) {
            throw Errors.of("get " + name + " from a " + handle.type + " socket", Native.errno(capture));
        }
        return scratch.value;
    }

    /** The part of a scratch buffer that the last zmq_getsockopt filled. */
    private static MemorySegment slice(MemorySegment buffer) {
        return buffer.asSlice(0, Scratch.get().size.get(ValueLayout.JAVA_LONG, 0));
    }

    /**
     * One zmq_getsockopt offering {@code capacity} bytes of {@code buffer}, its length in the
     * thread's {@code scratch}; false if it failed (see errno).
     */
    private static boolean tryRead(Scratch scratch, MemorySegment capture, SocketHandle handle, int option,
                                   MemorySegment buffer, long capacity) {
        // ZMQ_EVENTS first processes the socket's commands, which a signal can cut short: ask again.
        do {
            scratch.size.set(ValueLayout.JAVA_LONG, 0, capacity);
            if (LibZmq.getsockopt(capture, handle.ptr, option, buffer, scratch.size) == 0) {
                return true;
            }
        } while (Native.errno(capture) == LibZmq.EINTR);
        return false;
    }

    private static String cString(MemorySegment bytes) {
        long n = 0;
        while (n < bytes.byteSize() && bytes.get(ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        return new String(bytes.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** How an exception message shows a value: secrets hidden, bytes in hex. */
    public static String render(OptionSpec option, Object value) {
        if (option.secret()) {
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
