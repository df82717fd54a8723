package io.github.zmqffm.internal.io;

import java.util.concurrent.locks.LockSupport;

/**
 * A virtual thread's way to block: it arms the {@link Reactor} for each watched descriptor and
 * parks, so that its carrier is free for other virtual threads meanwhile. The reactor unparks it
 * when a descriptor fires; a close, a context terminating or an interrupt unparks it too
 * ({@link Thread#interrupt()} unparks a virtual thread by itself).
 */
final class ReactorParking extends Parking {
    @Override
    boolean parkOn(Waitable wait, long millis) {
        int n = watches.count();
        int armed = 0;
        wait.publish(unparker);
        try {
            for (; armed < n; armed++) {
                watches.item(armed).registration().arm(watches.epollEvents(armed), thread);
            }
            wait.checkOpen();
            if (millis < 0) {
                LockSupport.park(this);
                return true;
            }
            long start = System.nanoTime();
            long nanos = millis * 1_000_000L;
            LockSupport.parkNanos(this, nanos);
            return System.nanoTime() - start < nanos;
        } finally {
            for (int i = 0; i < armed; i++) {
                watches.item(i).registration().disarm();
            }
            wait.publish(null);
        }
    }
}
