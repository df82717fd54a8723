package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.Waking;

import java.util.concurrent.locks.LockSupport;

/**
 * How the calling thread blocks once a wait has spun in vain: a platform thread in
 * {@code poll(2)} on the watched descriptors and its wake-up descriptor ({@code KernelParking}),
 * a virtual thread parked with {@link LockSupport} while the {@link Reactor} watches the
 * descriptors ({@code ReactorParking}), so that it never pins its carrier. One per thread.
 */
abstract class Parking {
    /** The longest single sleep of a wait that has no descriptors to watch. */
    private static final long BACKOFF_NANOS = 1_000_000L;

    /** The descriptors of the current wait; reused. */
    final Watches watches = new Watches();
    /** The thread that parks here (a parking belongs to one thread). */
    final Thread thread = Thread.currentThread();
    /** Unparks {@link #thread}: what a close or a context terminating calls to end its wait. */
    final Waking unparker = () -> LockSupport.unpark(thread);

    /**
     * Blocks until a descriptor of {@code wait} may be ready, {@code millis} pass, or another
     * thread wakes this one (a close, a context terminating, an interrupt). The caller checks
     * why afterwards and tries again.
     *
     * @param millis how long at most; {@link Timeouts#FOREVER} for no limit
     * @return {@code true} if readiness (rather than the time or a wake-up) may have ended it
     */
    final boolean park(Waitable wait, long millis) {
        watches.clear();
        try {
            if (!wait.watch(watches)) {
                return sleepBriefly(wait, millis);
            }
            return parkOn(wait, millis);
        } finally {
            watches.clear();
        }
    }

    /** Blocks on the descriptors in {@link #watches}. */
    abstract boolean parkOn(Waitable wait, long millis);

    /**
     * The wait of a thread-safe (draft) socket, which has no descriptor that tells of its
     * readiness: sleeps at most a millisecond, woken early by a close, and lets the caller look again.
     */
    private boolean sleepBriefly(Waitable wait, long millis) {
        wait.publish(unparker);
        try {
            wait.checkOpen();
            long nanos = millis < 0 ? BACKOFF_NANOS : Math.min(BACKOFF_NANOS, millis * 1_000_000L);
            LockSupport.parkNanos(this, nanos);
            return true;
        } finally {
            wait.publish(null);
        }
    }
}
