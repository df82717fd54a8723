package io.github.zmqffm.internal.io;

import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.life.CriticalCalls;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.life.Waking;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.opt.SocketOptions;

import java.lang.foreign.MemorySegment;

/**
 * One send or receive on a socket, as the {@link WaitLoop} drives it once its first try failed
 * (or was not worth making). A socket that admits one caller at a time keeps one and reuses it.
 */
final class Transfer extends Waitable {
    /** The libzmq call a transfer makes. */
    enum Op {
        /** {@code zmq_send} of native memory, which libzmq copies. */
        SEND,
        /** {@code zmq_send_const} of memory that lives for ever. */
        SEND_CONST,
        /** {@code zmq_recv} into native memory. */
        RECEIVE,
        /** {@code zmq_msg_send}: the message's content moves to libzmq. */
        MSG_SEND,
        /** {@code zmq_msg_recv}: the frame replaces the message's content. */
        MSG_RECEIVE;

        /**
         * Whether this operation sends. Compared by identity rather than read from a field: the
         * JIT takes an enum constant's final fields for variables, so a field would leave both
         * ways of every send and receive in the compiled code, while comparisons with a constant
         * fold away where the operation is a constant, as on each shape's fast path.
         */
        boolean isSend() {
            return this == SEND || this == SEND_CONST || this == MSG_SEND;
        }

        String verb() {
            return isSend() ? "send" : "receive";
        }
    }

    private final SocketHandle socket;
    private final SpinPolicy spin;
    /** The socket's mailbox descriptor, for waits that park. */
    private final Watched mailbox;
    private Op op;
    private MemorySegment buffer;
    private long length;
    private int flags;

    Transfer(SocketHandle socket, SpinPolicy spin, Watched mailbox) {
        this.socket = socket;
        this.spin = spin;
        this.mailbox = mailbox;
    }

    /** Sets what this transfer does and how long it may wait ({@link Waitable#timeoutMillis}); returns it. */
    Transfer of(Op op, MemorySegment buffer, long length, int flags, long timeoutMillis) {
        this.op = op;
        this.buffer = buffer;
        this.length = length;
        this.flags = flags;
        this.timeoutMillis = timeoutMillis;
        return this;
    }

    /**
     * One try that never blocks.
     *
     * @return libzmq's result (bytes); {@link #AGAIN} if the socket cannot do it now (EAGAIN);
     *         {@link #INTERRUPTED} if a signal cut the call short (EINTR)
     * @throws ZmqException for any other failure (ETERM as a ContextTerminatedException)
     */
    static int attempt(Op op, MemorySegment capture, MemorySegment socket, MemorySegment buffer, long length,
                       int flags) {
        int f = flags | LibZmq.DONTWAIT;
        int rc = switch (op) {
            case SEND -> LibZmq.send(capture, socket, buffer, length, f);
            case SEND_CONST -> LibZmq.sendConst(capture, socket, buffer, length, f);
            case RECEIVE -> LibZmq.recv(capture, socket, buffer, length, f);
            case MSG_SEND -> LibZmq.msgSend(capture, buffer, socket, f);
            case MSG_RECEIVE -> LibZmq.msgRecv(capture, buffer, socket, f);
        };
        if (rc >= 0) {
            return rc;
        }
        int errno = Native.errno(capture);
        if (errno == LibZmq.EAGAIN) {
            return AGAIN;
        }
        if (errno == LibZmq.EINTR) {
            return INTERRUPTED;
        }
        throw Errors.of(op.verb(), errno);
    }

    /**
     * One try that never blocks and does not capture errno: the first of a call, which usually
     * succeeds. A failure changed nothing (a non-blocking send or receive that fails takes and
     * gives nothing), so the caller repeats it with {@link #attempt(Op, MemorySegment,
     * MemorySegment, MemorySegment, long, int)} to learn why. Critical while that is allowed
     * ({@link SocketHandle#enterCritical()}) and the frame is small.
     *
     * @return libzmq's result (bytes), or -1 if it failed
     */
    static int attemptUncaptured(Op op, SocketHandle socket, MemorySegment buffer, long length, int flags) {
        if (op == Op.SEND_CONST) {
            return -1;   // rare: straight to the try with errno
        }
        int f = flags | LibZmq.DONTWAIT;
        boolean critical = length <= CriticalCalls.MAX_BYTES && socket.enterCritical();
        try {
            return uncaptured(op, critical, socket.ptr, buffer, length, f);
        } finally {
            if (critical) {
                socket.exitCritical();
            }
        }
    }

    /**
     * The call of {@link #attemptUncaptured}, through the critical handle or the plain one. The
     * operation is told by identity, not by a switch: a switch on an enum goes through an array
     * the JIT cannot fold, so each shape's fast path, where the operation is a constant, would
     * compile all eight calls instead of its own one or two. ({@link #attempt(Op, MemorySegment,
     * MemorySegment, MemorySegment, long, int)} keeps its switch: it runs in waits, where the
     * operation varies, and compiled apart it keeps the wait's code small.)
     */
    private static int uncaptured(Op op, boolean critical, MemorySegment socket, MemorySegment buffer, long length,
                                  int f) {
        if (op == Op.SEND) {
            return critical ? LibZmq.sendCritical(socket, buffer, length, f)
                    : LibZmq.sendUncaptured(socket, buffer, length, f);
        }
        if (op == Op.RECEIVE) {
            return critical ? LibZmq.recvCritical(socket, buffer, length, f)
                    : LibZmq.recvUncaptured(socket, buffer, length, f);
        }
        if (op == Op.MSG_SEND) {
            return critical ? LibZmq.msgSendCritical(buffer, socket, f) : LibZmq.msgSendUncaptured(buffer, socket, f);
        }
        return critical ? LibZmq.msgRecvCritical(buffer, socket, f) : LibZmq.msgRecvUncaptured(buffer, socket, f);
    }

    /**
     * {@link #attemptUncaptured} of a {@code SEND} or {@code RECEIVE} on a Java array's segment
     * ({@link Transfers#tryArray}): only a critical call may take heap memory, so none is made
     * unless critical calls are allowed now.
     *
     * @return libzmq's result (bytes); {@link Transfers#FAILED} if it failed; {@link Transfers#UNTRIED}
     *         if no critical call may be made
     */
    static int attemptOnHeap(Op op, SocketHandle socket, MemorySegment array, long length, int flags) {
        if (!socket.enterCritical()) {
            return Transfers.UNTRIED;
        }
        int rc;
        try {
            int f = flags | LibZmq.DONTWAIT;
            rc = op.isSend() ? LibZmq.sendOnHeap(socket.address, array, length, f)
                    : LibZmq.recvOnHeap(socket.address, array, length, f);
        } finally {
            socket.exitCritical();
        }
        return rc < 0 ? Transfers.FAILED : rc;
    }

    @Override
    String operation() {
        return op.verb();
    }

    /**
     * The try with errno after a first try that failed without saying why (or in its place, when
     * that would likely fail): it tells a socket that cannot do it now from an error, which a
     * send's {@code ZMQ_EVENTS} ({@link #attempt()}) would not (a socket in the wrong state for a
     * send has no room either).
     */
    @Override
    int firstAttempt() {
        int rc = attempt(op, socket.capture(), socket.ptr, buffer, length, flags);
        if (rc >= 0) {
            spin.completedAtOnce(op.isSend());
        }
        return rc;
    }

    /**
     * A send asks {@code ZMQ_EVENTS} first, which processes the socket's pending commands (a
     * failed send processes them at most about once a millisecond): after a wake-up, the command
     * that woke it says there is room again, and a send that skipped it would fail once more.
     * Nothing is asked before a send parks: a command that came after the socket's last
     * processing has signalled its descriptor, so the park ends at once if one is pending.
     */
    @Override
    int attempt() {
        if (op.isSend() && !canSend()) {
            return AGAIN;
        }
        return attempt(op, socket.capture(), socket.ptr, buffer, length, flags);
    }

    /**
     * Whether a send may succeed now, after libzmq processed the socket's pending commands
     * ({@code ZMQ_EVENTS} is asked again when a signal cuts it short).
     */
    private boolean canSend() {
        int events = SocketOptions.tryReadEvents(socket);
        if (events < 0) {
            throw Errors.of(operation(), Native.errno(socket.capture()));
        }
        return (events & LibZmq.POLLOUT) != 0;
    }

    @Override
    void checkOpen() {
        if (socket.isClosed()) {
            throw socket.closedWhileWaiting(operation());
        }
    }

    @Override
    long spinUntil(long now) {
        return spin.beginWait(now, op.isSend());
    }

    @Override
    SpinPolicy spinPolicy() {
        return spin;
    }

    @Override
    boolean watch(Watches watches) {
        if (socket.type.isThreadSafe()) {
            return false;
        }
        watches.add(mailbox, op.isSend() ? LibZmq.POLLOUT : LibZmq.POLLIN);
        return true;
    }

    @Override
    void publish(Waking waking) {
        socket.waitingOn(waking);
    }
}
