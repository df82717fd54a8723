package io.github.zmqffm.internal.io;

import io.github.zmqffm.ZmqInterruptedException;

/**
 * The one wait loop, for socket calls and polls alike: after a first try that found nothing to
 * do, spin for as long as the {@link SpinPolicy} allows, then park ({@link Parking}) until a
 * descriptor may be ready and try again, until the call completes, its time runs out, or it must
 * end: an interrupt ({@link ZmqInterruptedException}, the interrupt status stays set), a close
 * from another thread, a context terminating.
 *
 * <p>Blocking is never left to libzmq, which is what makes every wait interruptible, every close
 * safe, and every wait on a virtual thread a park that frees its carrier.
 */
final class WaitLoop {
    /**
     * How each thread parks: a platform thread in the kernel, a virtual thread with the reactor.
     * Where there is no epoll (not Linux), a virtual thread parks in the kernel too, and holds its
     * carrier meanwhile: the reactor is written for epoll only.
     */
    private static final ThreadLocal<Parking> PARKING = ThreadLocal.withInitial(
            () -> Thread.currentThread().isVirtual() && Reactor.isAvailable() ? new ReactorParking() : new KernelParking());

    private WaitLoop() {
    }

    /**
     * Runs a blocking call from the try that tells why it cannot be done now: that try
     * ({@link Waitable#firstAttempt}, made again while a signal cuts it short), then, if it found
     * nothing to do and there is time, the spin and the parks.
     *
     * <p>The caller passes its first try's failure here directly, with nothing between: each
     * method that runs only when a call waits reaches the JIT's threshold at the same time as
     * the others, and each one that calls the rest is compiled on its own with all of them inlined
     * (bench/README.md, "One wait-only link"). So this is the one such link.
     *
     * @return the wait's result, or -1 if the time ({@link Waitable#timeoutMillis}) ran out
     * @throws ZmqInterruptedException if the thread is interrupted meanwhile
     */
    static int await(Waitable wait) {
        int rc;
        do {
            rc = wait.firstAttempt();
        } while (rc == Waitable.INTERRUPTED);   // never park after it: see Waitable.INTERRUPTED
        long timeoutMillis = wait.timeoutMillis;
        if (rc >= 0 || timeoutMillis == Timeouts.NO_WAIT) {
            return rc;   // AGAIN is -1, the answer when the time ran out
        }
        // Fetched before the spin: a thread's wake-up descriptor exists from its first wait on,
        // not from whenever a wait first parks.
        Parking parking = PARKING.get();
        long start = System.nanoTime();
        long deadline = timeoutMillis < 0 ? 0 : start + timeoutMillis * 1_000_000L;
        rc = spin(wait, start, timeoutMillis < 0 ? Long.MAX_VALUE : deadline);
        if (rc >= 0) {
            return rc;
        }
        while (true) {
            long remaining = timeoutMillis < 0 ? Timeouts.FOREVER : Timeouts.remainingMillis(deadline);
            // Never park after a try a signal cut short: its wake-up may already be spent.
            boolean ready = rc == Waitable.INTERRUPTED
                    || remaining != 0 && parkEnded(wait, parking.park(wait, remaining));
            checkEnded(wait);
            rc = wait.attempt();
            if (rc >= 0) {
                return rc;
            }
            if (!ready && timeoutMillis >= 0 && Timeouts.remainingMillis(deadline) == 0) {
                return -1;
            }
        }
    }

    /** Tells the spin policy of a park that readiness ended; returns {@code ready}. */
    private static boolean parkEnded(Waitable wait, boolean ready) {
        if (ready) {
            wait.spinPolicy().parkEnded(System.nanoTime());
        }
        return ready;
    }

    /**
     * The first phase: tries again without blocking for as long as the policy allows. Waking a
     * parked thread costs tens of microseconds when the peer runs on another core, while a
     * spinning one sees its message within a microsecond; the policy decides when that pays.
     *
     * @return the result; else how the last try ended ({@link Waitable#INTERRUPTED} or
     *         {@link Waitable#AGAIN}, also if the spin was not tried): park, or try again first
     */
    private static int spin(Waitable wait, long now, long deadline) {
        SpinPolicy policy = wait.spinPolicy();
        long until = wait.spinUntil(now);
        if (deadline - until < 0) {
            until = deadline;
        }
        if (until - now <= 0) {
            return Waitable.AGAIN;
        }
        int rc = Waitable.AGAIN;
        while (true) {
            SpinPolicy.pause();
            policy.checked();
            rc = wait.attempt();
            if (rc >= 0) {
                policy.caught();
                return rc;
            }
            checkEnded(wait);
            if (System.nanoTime() - until >= 0) {
                policy.missed();
                return rc;
            }
        }
    }

    /** Throws if the wait must end: an interrupt, or what the wait itself finds. */
    private static void checkEnded(Waitable wait) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ZmqInterruptedException(wait.operation());
        }
        wait.checkOpen();
    }
}
