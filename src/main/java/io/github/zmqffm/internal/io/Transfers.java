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

    /** {@link #tryArray}'s answer when it tried and the socket could not do it now, or should wait. */
    int FAILED = -1;
    /** {@link #tryArray}'s answer when the array could not be passed itself (no critical call now). */
    int UNTRIED = -2;

    /**
     * The first try of a send or receive straight on an array's first {@code length} bytes,
     * without a copy: a critical call, which alone may take heap memory, made only while critical
     * calls are allowed. It never blocks.
     *
     * @return libzmq's result (bytes); else {@link #FAILED}, after which the caller goes on with
     *         {@link #transferAgain}, or {@link #UNTRIED}, after which it goes on with
     *         {@link #transferNow}, each with a copy of the frame in native memory
     */
    int tryArray(Op op, byte[] array, int length, int flags);

    /**
     * {@link #transfer} without asking first whether a first try is worth making: one try
     * without errno, then {@link #transferAgain} if it failed.
     *
     * <p>This and {@link #transferAgain} are called apart, each where the caller knows which it
     * needs, rather than through one method that picks by {@link #tryArray}'s answer: such a
     * method runs only when a first try failed, so the JIT compiled it on its own, late, with the
     * whole wait inlined, beside the wait's own compile, both while frames were being measured
     * (bench/README.md, "The JIT in the measured window").
     */
    int transferNow(Op op, MemorySegment buffer, long length, int flags, long timeout);

    /**
     * The rest of a send or receive whose first try failed (or was not worth making): a try
     * with errno, then the wait loop if there is time.
     *
     * @return libzmq's result (bytes), or -1 if the time ran out
     */
    int transferAgain(Op op, MemorySegment buffer, long length, int flags, long timeout);

    /** {@return the errno capture segment for the calling thread} */
    MemorySegment capture();

    /** {@return native room for a frame of up to {@code Scratch.FRAME_CAPACITY} bytes, for the caller inside} */
    MemorySegment frame();

    /** {@return a zmq_msg_t for frames larger than the frame room, for the caller inside} */
    MemorySegment message();
}
