package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.io.Transfer.Op;

import java.lang.foreign.MemorySegment;

/** What a route of the I/O path needs from a held socket: one transfer, its errno capture, room for a frame. */
interface Transfers {
    /**
     * One send or receive: a try that never blocks, then the wait loop if there is time.
     *
     * @return libzmq's result (bytes), or -1 if the time ran out
     */
    int transfer(Op op, MemorySegment buffer, long length, int flags, long timeout);

    /** {@return the errno capture segment for the calling thread} */
    MemorySegment capture();

    /** {@return native room for a frame of up to {@code Scratch.FRAME_CAPACITY} bytes, for the caller inside} */
    MemorySegment frame();

    /** {@return a zmq_msg_t for frames larger than the frame room, for the caller inside} */
    MemorySegment message();
}
