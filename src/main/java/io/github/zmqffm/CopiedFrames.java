package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Frames copied between Java-side buffers (arrays, heap segments, ByteBuffers) and libzmq's own
 * messages, with exactly the one copy {@code zmq_send}/{@code zmq_recv} would make, and without
 * allocating.
 *
 * <p>Only critical calls may take heap memory, and sends and receives cannot be critical: they
 * may run a zero-copy message's free function, an upcall (see {@link LibZmq}). So a frame of up
 * to {@link Scratch#FRAME_CAPACITY} bytes is copied through the thread's native
 * {@link Scratch#frame()} and sent or received with one {@code zmq_send}/{@code zmq_recv}, as a
 * C program would: the second copy costs less than the four {@code zmq_msg_*} calls it saves.
 * A larger frame is copied straight into a message libzmq allocated, or out of the message
 * libzmq filled, which is closed at once so that a zero-copy sender learns of the release. The copies address
 * libzmq's memory through {@link #ADDRESS_SPACE} and Java arrays directly: segments made per
 * call ({@code ofArray}, {@code ofBuffer}, {@code reinterpret}) are not reliably removed by
 * escape analysis on these deep paths, and they would be the only allocation.
 *
 * <p>A Java-side buffer is named by a {@code base} and an {@code offset}: a {@code byte[]} and
 * an index, or a segment and an offset in it.
 */
final class CopiedFrames {
    /** All of memory, for copies to and from addresses libzmq handed out (never handed to callers). */
    static final MemorySegment ADDRESS_SPACE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private CopiedFrames() {
    }

    /** Sends or receives ({@link SocketIo#SEND}, {@link SocketIo#RECV}) through a Java-side buffer, holding the socket. */
    static int transfer(SocketHandle handle, int op, Object base, long offset, long length, int flags, long timeout) {
        handle.acquire();
        try {
            return transferHeld(handle, op, base, offset, length, flags, timeout);
        } finally {
            handle.release();
        }
    }

    /**
     * Like {@link #transfer(SocketHandle, int, Object, long, long, int, long)} for a buffer's
     * remaining bytes; the caller moves its position.
     */
    static int transfer(SocketHandle handle, int op, ByteBuffer buffer, int flags, long timeout) {
        try {
            Object base = baseOf(buffer);
            return transfer(handle, op, base, offsetOf(buffer, base), buffer.remaining(), flags, timeout);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /**
     * Where a buffer's bytes are, as a base for {@link #load}/{@link #store}: its array, all of
     * memory for a direct buffer whose memory a reference keeps alive, else a segment of it
     * (whose scope every copy checks).
     */
    static Object baseOf(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        // A read-only heap buffer hides its array; only a direct buffer has an address.
        if (!buffer.isDirect() || directAddress(buffer) < 0) {
            return MemorySegment.ofBuffer(buffer);
        }
        return ADDRESS_SPACE;
    }

    /** Where the buffer's position is in {@code base}, which {@link #baseOf} gave. */
    static long offsetOf(ByteBuffer buffer, Object base) {
        if (base instanceof byte[]) {
            return buffer.arrayOffset() + buffer.position();
        }
        return base == ADDRESS_SPACE ? directAddress(buffer) + buffer.position() : 0;
    }

    static int transferHeld(SocketHandle handle, int op, Object base, long offset, long length, int flags,
                            long timeout) {
        return op == SocketIo.SEND ? send(handle, base, offset, length, flags, timeout)
                : receive(handle, base, offset, length, flags, timeout);
    }

    private static int send(SocketHandle handle, Object base, long offset, long length, int flags, long timeout) {
        if (length <= Scratch.FRAME_CAPACITY) {
            MemorySegment frame = Scratch.get().frame();
            load(base, offset, frame.address(), length);
            return SocketIo.transferHeld(handle, SocketIo.SEND, frame, length, flags, timeout);
        }
        MemorySegment capture = handle.capture();
        MemorySegment msg = Scratch.get().message;
        if (LibZmq.msgInitSize(capture, msg, length) < 0) {
            throw ZmqException.of("send", Native.errno(capture));
        }
        int rc = -1;
        try {
            load(base, offset, LibZmq.msgData(msg).address(), length);
            rc = SocketIo.transferHeld(handle, SocketIo.MSG_SEND, msg, 0, flags, timeout);
            return rc;
        } finally {
            if (rc < 0) {
                empty(capture, msg);
            }
        }
    }

    private static int receive(SocketHandle handle, Object base, long offset, long length, int flags, long timeout) {
        if (length <= Scratch.FRAME_CAPACITY) {
            MemorySegment frame = Scratch.get().frame();
            int rc = SocketIo.transferHeld(handle, SocketIo.RECV, frame, length, flags, timeout);
            if (rc > 0) {
                store(frame.address(), base, offset, Math.min(rc, length));
            }
            return rc;
        }
        MemorySegment msg = Scratch.get().message;
        int rc = SocketIo.transferHeld(handle, SocketIo.MSG_RECV, msg, 0, flags, timeout);
        if (rc < 0) {
            return rc;
        }
        try {
            store(LibZmq.msgData(msg).address(), base, offset, Math.min(LibZmq.msgSize(msg), length));
            return rc;
        } finally {
            empty(handle.capture(), msg);
        }
    }

    /** Copies {@code length} bytes from a Java-side buffer to {@code address}. */
    static void load(Object base, long offset, long address, long length) {
        if (base instanceof byte[] array) {
            MemorySegment.copy(array, Math.toIntExact(offset), ADDRESS_SPACE, ValueLayout.JAVA_BYTE, address,
                    Math.toIntExact(length));
        } else {
            MemorySegment.copy((MemorySegment) base, offset, ADDRESS_SPACE, address, length);
        }
    }

    /** Copies {@code length} bytes from {@code address} to a Java-side buffer. */
    static void store(long address, Object base, long offset, long length) {
        if (base instanceof byte[] array) {
            MemorySegment.copy(ADDRESS_SPACE, ValueLayout.JAVA_BYTE, address, array, Math.toIntExact(offset),
                    Math.toIntExact(length));
        } else {
            MemorySegment.copy(ADDRESS_SPACE, address, (MemorySegment) base, offset, length);
        }
    }

    /**
     * The address of a direct buffer's first byte, or -1 when a reference to the buffer does not
     * keep its memory valid (a buffer over an arena that can be closed: such a buffer travels as
     * a segment, whose scope every copy checks).
     */
    static long directAddress(ByteBuffer buffer) {
        return Scratch.get().directBuffers.baseAddress(buffer);
    }

    /** Releases what the message holds and leaves it initialized and empty. */
    private static void empty(MemorySegment capture, MemorySegment msg) {
        LibZmq.msgClose(capture, msg);
        LibZmq.msgInit(capture, msg);
    }
}
