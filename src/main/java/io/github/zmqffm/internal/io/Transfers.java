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
     * @return libzmq's result (bytes); else {@link #FAILED}, after which the caller waits
     *         ({@link #waitFor}), or {@link #UNTRIED}, after which it goes on with
     *         {@link #transferNow}, each with a copy of the frame in native memory
     */
    int tryArray(Op op, byte[] array, int length, int flags);

    /**
     * {@link #transfer} without asking first whether a first try is worth making: one try
     * without errno, then, if it failed, the wait ({@link #waitFor}).
     */
    int transferNow(Op op, MemorySegment buffer, long length, int flags, long timeout);

    /**
     * The wait of a send or receive whose first try failed (or was not worth making), for the
     * caller to pass to {@link WaitLoop#await} at once: its first try captures errno, then it
     * spins and parks while there is time.
     *
     * <p>It only sets the wait up, and the caller calls the wait loop itself, rather than through
     * a method of this interface that would do both: such a method runs only when a call waits,
     * so the JIT would compile it on its own, late, with the whole wait inlined, beside the
     * wait loop's own compile, both while frames are being measured (bench/README.md, "One
     * wait-only link").
     *
     * @param timeout as {@link Timeouts} defines it, {@link Timeouts#SOCKET_TIMEOUT} included
     */
    Transfer waitFor(Op op, MemorySegment buffer, long length, int flags, long timeout);

    /** {@return the errno capture segment for the calling thread} */
    MemorySegment capture();

    /** {@return native room for a frame of up to {@code Scratch.FRAME_CAPACITY} bytes, for the caller inside} */
    MemorySegment frame();

    /** {@return a zmq_msg_t for frames larger than the frame room, for the caller inside} */
    MemorySegment message();
}
