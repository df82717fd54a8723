package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.io.Transfer.Op;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Frames sent from and received into Java-side buffers (arrays, heap segments, ByteBuffers),
 * without allocating. A small frame's first try passes an array itself to libzmq, which copies
 * it as it would a C program's buffer ({@link Transfers#tryArray}); every other route copies
 * through native memory, one copy on each side of the native boundary.
 *
 * <p>A Java-side buffer is a {@code base} and an {@code offset}: a {@code byte[]} and an index,
 * or a segment and an offset in it (all of memory, {@link #ADDRESS_SPACE}, and an address for a
 * direct buffer). Segments made per call ({@code ofArray}, {@code reinterpret}) are not reliably
 * removed by escape analysis on deep paths, and they would be the only allocation; so arrays
 * travel as arrays. The route that hands an array to libzmq itself reuses the segment it made for
 * the same array last time ({@code SocketIo.segmentOf}), and takes arrays from their start only, as a
 * slice for an offset would be a new segment each time.
 */
final class HeapFrames {
    /** All of memory, for copies to and from addresses libzmq handed out (never handed to callers). */
    static final MemorySegment ADDRESS_SPACE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private HeapFrames() {
    }

    /**
     * Sends a frame from a Java-side buffer ({@link HeapFrames}) with one {@code zmq_send}, as a
     * C program would, which costs less than the four {@code zmq_msg_*} calls a message would.
     * Only critical calls may take heap memory, and a send may be critical only until the first
     * zero-copy loan (it could run the loan's free function, an upcall; see
     * {@code CriticalCalls}). So an array of up to {@link Scratch#FRAME_CAPACITY} bytes, sent
     * from its start, goes itself while it may; otherwise, or if the socket must wait, the frame is copied into native
     * room ({@link Transfers#frame()}: the socket's own). A larger frame is copied straight into a
     * message libzmq allocated.
     */
    static int send(Transfers via, Object base, long offset, long length, int flags, long timeout) {
        if (length <= Scratch.FRAME_CAPACITY) {
            int firstTry = base instanceof byte[] array && offset == 0
                    ? via.tryArray(Op.SEND, array, (int) length, flags) : Transfers.UNTRIED;
            if (firstTry >= 0) {
                return firstTry;
            }
            MemorySegment frame = via.frame();
            load(base, offset, frame.address(), length);
            return firstTry == Transfers.UNTRIED ? via.transferNow(Op.SEND, frame, length, flags, timeout)
                    : WaitLoop.await(via.waitFor(Op.SEND, frame, length, flags, timeout));
        }
        return sendLarge(via, base, offset, length, flags, timeout);
    }

    /** A frame larger than the frame room, copied straight into a message libzmq allocated. */
    private static int sendLarge(Transfers via, Object base, long offset, long length, int flags, long timeout) {
        MemorySegment capture = via.capture();
        MemorySegment msg = via.message();
        if (LibZmq.msgInitSize(capture, msg, length) < 0) {
            throw Errors.of("send", Native.errno(capture));
        }
        int rc = -1;
        try {
            load(base, offset, LibZmq.msgData(msg).address(), length);
            rc = via.transfer(Op.MSG_SEND, msg, 0, flags, timeout);
            return rc;
        } finally {
            if (rc < 0) {
                LibZmq.msgEmpty(msg);
            }
        }
    }

    /**
     * Receives a frame into a Java-side buffer with one {@code zmq_recv} up to
     * {@link Scratch#FRAME_CAPACITY} bytes, straight into an array while a critical call may take
     * it ({@link #send}), else through the socket's native frame; a larger buffer gets its frame
     * out of the message libzmq filled, closed at once so that a zero-copy sender learns of the
     * release.
     *
     * @return the frame's full size, or -1 if the time ran out
     */
    static int receive(Transfers via, Object base, long offset, long length, long timeout) {
        if (length <= Scratch.FRAME_CAPACITY) {
            int firstTry = base instanceof byte[] array && offset == 0
                    ? via.tryArray(Op.RECEIVE, array, (int) length, 0) : Transfers.UNTRIED;
            if (firstTry >= 0) {
                return firstTry;
            }
            MemorySegment frame = via.frame();
            int rc = firstTry == Transfers.UNTRIED ? via.transferNow(Op.RECEIVE, frame, length, 0, timeout)
                    : WaitLoop.await(via.waitFor(Op.RECEIVE, frame, length, 0, timeout));
            if (rc > 0) {
                store(frame.address(), base, offset, Math.min(rc, length));
            }
            return rc;
        }
        return receiveLarge(via, base, offset, length, timeout);
    }

    /** A frame for a buffer larger than the frame room, out of the message libzmq filled. */
    private static int receiveLarge(Transfers via, Object base, long offset, long length, long timeout) {
        MemorySegment msg = via.message();
        int rc = via.transfer(Op.MSG_RECEIVE, msg, 0, 0, timeout);
        if (rc < 0) {
            return rc;
        }
        try {
            storeFrom(msg, base, offset, length);
            return rc;
        } finally {
            LibZmq.msgEmpty(msg);
        }
    }

    /**
     * Where a buffer's bytes are: its array, all of memory for a direct buffer whose memory a
     * reference keeps alive, else a segment of it (whose scope every copy checks).
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

    /**
     * The address of a direct buffer's first byte, or -1 when a reference to the buffer does not
     * keep its memory valid (a buffer over an arena that can be closed: such a buffer travels as
     * a segment, whose scope every copy checks).
     */
    private static long directAddress(ByteBuffer buffer) {
        return Scratch.get().directBuffers.baseAddress(buffer);
    }

    /**
     * A message's content as a new array.
     *
     * @param size the content's size, as {@code zmq_msg_recv} returned it or {@code zmq_msg_size} tells
     * @param instead what to use for a frame too large for an array, for the exception
     * @throws IllegalStateException if the content does not fit an array
     */
    static byte[] toArray(MemorySegment msg, long size, String instead) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a frame of " + size + " bytes does not fit a byte[]; " + instead);
        }
        byte[] out = new byte[(int) size];
        store(LibZmq.msgData(msg).address(), out, 0, size);
        return out;
    }

    /** Copies as much of a message's content as {@code capacity} takes to a Java-side buffer; returns the full size. */
    static long storeFrom(MemorySegment msg, Object base, long offset, long capacity) {
        long size = LibZmq.msgSize(msg);
        store(LibZmq.msgData(msg).address(), base, offset, Math.min(size, capacity));
        return size;
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
}
