package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/** Small conversions between Java buffers and the segments libzmq reads and writes. */
final class Frames {
    private Frames() {
    }

    /** After a send of a buffer's remaining bytes: moves its position past them if sent. */
    static boolean consumed(ByteBuffer buffer, boolean sent) {
        if (sent) {
            buffer.position(buffer.limit());
        }
        return sent;
    }

    static void checkWritable(ByteBuffer buffer) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    /**
     * Refuses a read-only segment as a receive target before libzmq writes into it: its pages
     * may really be read-only (a file mapped READ_ONLY), where the write would crash the JVM.
     */
    static void checkWritable(MemorySegment segment) {
        if (segment.isReadOnly()) {
            throw new UnsupportedOperationException("cannot receive into a read-only segment");
        }
    }

    /** After a receive into a buffer's remaining space: advances its position by what was stored. */
    static int filled(ByteBuffer buffer, int size) {
        if (size > 0) {
            buffer.position(buffer.position() + Math.min(size, buffer.remaining()));
        }
        return size;
    }

    /**
     * Releases a copied-out frame held in the socket's own message at once rather than at the
     * next receive: a zero-copy sender over inproc learns only then that its buffer is free.
     */
    static void reset(SocketHandle handle) {
        MemorySegment capture = handle.capture();
        LibZmq.msgClose(capture, handle.message);
        LibZmq.msgInit(capture, handle.message);
    }
}
