package io.github.zmqffm;

import java.lang.foreign.MemorySegment;

/**
 * Sends and receives on a held {@link SocketHandle}: one non-blocking attempt, and only if
 * libzmq says EAGAIN, a wait in {@link Waiter} followed by another attempt. Blocking is never
 * left to libzmq, which is what makes every wait interruptible and every close safe.
 */
final class SocketIo {
    static final int SEND = 0;
    static final int SEND_CONST = 1;
    static final int RECV = 2;
    static final int MSG_SEND = 3;
    static final int MSG_RECV = 4;

    /** Wait as the socket's SNDTIMEO/RCVTIMEO say. */
    static final long SOCKET_TIMEOUT = -2;
    /** Wait without limit. */
    static final long FOREVER = -1;
    /** Do not wait. */
    static final long NO_WAIT = 0;

    private static final String[] NAMES = {"send", "send", "receive", "send", "receive"};

    private SocketIo() {
    }

    /**
     * One transfer, holding the socket for its duration.
     *
     * @return libzmq's result (bytes), or -1 if the time ran out first
     */
    static int transfer(SocketHandle handle, int op, MemorySegment buffer, long length, int flags, long timeoutMillis) {
        handle.acquire();
        try {
            return transferHeld(handle, op, buffer, length, flags, timeoutMillis);
        } finally {
            handle.release();
        }
    }

    /** Like {@link #transfer}, for a caller that already holds the socket (multipart). */
    static int transferHeld(SocketHandle handle, int op, MemorySegment buffer, long length, int flags,
                            long timeoutMillis) {
        if (op == RECV) {
            Frames.checkWritable(buffer);
        }
        if (!buffer.isNative()) {
            if (op != SEND && op != RECV) {
                throw new IllegalArgumentException(NAMES[op] + " cannot take heap memory");
            }
            return CopiedFrames.transferHeld(handle, op, buffer, 0, length, flags, timeoutMillis);
        }
        if (!isSend(op) && handle.spinPolicy.yieldsBeforeReceive()) {
            SpinPolicy.pause();
        }
        int rc = attempt(handle, op, handle.capture(), buffer, length, flags);
        if (rc >= 0) {
            handle.spinPolicy.completedAtOnce(isSend(op));
            return rc;
        }
        long timeout = timeoutMillis == SOCKET_TIMEOUT ? socketTimeout(handle, op) : timeoutMillis;
        if (timeout == NO_WAIT) {
            return -1;
        }
        return awaitAndRetry(handle, op, buffer, length, flags, timeout);
    }

    private static int awaitAndRetry(SocketHandle handle, int op, MemorySegment buffer, long length, int flags,
                                     long timeout) {
        int events = isSend(op) ? LibZmq.POLLOUT : LibZmq.POLLIN;
        long start = System.nanoTime();
        long deadline = timeout < 0 ? 0 : start + timeout * 1_000_000L;
        // Made at the socket's first wait even if the spin then catches: its descriptor is the
        // socket's from then on, not from whenever a wait first parks.
        Waiter waiter = handle.waiter();
        int rc = spin(handle, op, buffer, length, flags, start, timeout < 0 ? Long.MAX_VALUE : deadline - start);
        if (rc >= 0) {
            return rc;
        }
        MemorySegment capture = handle.capture();
        while (true) {
            long remaining = timeout < 0 ? FOREVER : remainingMillis(deadline);
            boolean ready = remaining != 0 && waiter.await(handle, events, remaining, NAMES[op]);
            rc = attempt(handle, op, capture, buffer, length, flags);
            if (rc >= 0) {
                return rc;
            }
            if (!ready && timeout >= 0 && remainingMillis(deadline) == 0) {
                return -1;
            }
        }
    }

    /**
     * The first phase of the wait strategy: tries again without blocking for as long as the
     * socket's {@link SpinPolicy} allows. A receive simply tries again: a failed non-blocking
     * receive has processed libzmq's pending commands, so the next try sees a message as soon as
     * it is there, and at no more cost than a readiness check. A send checks {@code ZMQ_EVENTS}
     * first ({@link Waiter#canSend}).
     *
     * @param now when the wait started ({@code System.nanoTime()})
     * @param maxNanos the most the call may still wait
     * @return libzmq's result, or -1 if the spin ran out or was not tried: park
     */
    private static int spin(SocketHandle handle, int op, MemorySegment buffer, long length, int flags, long now,
                            long maxNanos) {
        SpinPolicy policy = handle.spinPolicy;
        long spinNanos = Math.min(policy.beginWait(now, isSend(op)) - now, maxNanos);
        if (spinNanos <= 0) {
            return -1;
        }
        long until = now + spinNanos;
        boolean send = isSend(op);
        MemorySegment capture = handle.capture();
        while (true) {
            SpinPolicy.pause();
            policy.checked();
            if (!send || Waiter.canSend(handle, NAMES[op])) {
                int rc = attempt(handle, op, capture, buffer, length, flags);
                if (rc >= 0) {
                    policy.caught();
                    return rc;
                }
            }
            Waiter.checkWakeReasons(handle, NAMES[op]);
            if (System.nanoTime() - until >= 0) {
                policy.missed();
                return -1;
            }
        }
    }

    /** Milliseconds left, rounded up so that a wait never ends early; 0 once passed. */
    static long remainingMillis(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999L) / 1_000_000L;
    }

    private static long socketTimeout(SocketHandle handle, int op) {
        int ms = isSend(op) ? handle.sendTimeout : handle.receiveTimeout;
        return ms < 0 ? FOREVER : ms;
    }

    private static boolean isSend(int op) {
        return op == SEND || op == SEND_CONST || op == MSG_SEND;
    }

    /**
     * One non-blocking try.
     *
     * @return libzmq's result, or -1 if the socket cannot do it now (EAGAIN, or a signal)
     * @throws ZmqException for any other failure
     */
    private static int attempt(SocketHandle handle, int op, MemorySegment capture, MemorySegment buffer,
                               long length, int flags) {
        int f = flags | LibZmq.DONTWAIT;
        int rc = switch (op) {
            case SEND -> LibZmq.send(capture, handle.ptr, buffer, length, f);
            case SEND_CONST -> LibZmq.sendConst(capture, handle.ptr, buffer, length, f);
            case RECV -> LibZmq.recv(capture, handle.ptr, buffer, length, f);
            case MSG_SEND -> LibZmq.msgSend(capture, buffer, handle.ptr, f);
            case MSG_RECV -> LibZmq.msgRecv(capture, buffer, handle.ptr, f);
            default -> throw new IllegalArgumentException("unknown operation " + op);
        };
        if (rc >= 0) {
            return rc;
        }
        int errno = Native.errno(capture);
        if (errno != LibZmq.EAGAIN && errno != LibZmq.EINTR) {
            throw ZmqException.of(NAMES[op], errno);
        }
        return -1;
    }
}
