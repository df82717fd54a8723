package io.github.zmqffm;

import java.time.Duration;
import java.util.Objects;

/** Turns a caller's {@link Duration} into the millisecond timeout that {@code zmq_poll} takes. */
final class Timeouts {
    /**
     * Longer waits count as forever (about 73 years); this also keeps {@code System.nanoTime()}
     * deadlines from overflowing.
     */
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE / 4_000_000L);

    private Timeouts() {
    }

    /**
     * The timeout in milliseconds, rounded up so that a wait never ends early.
     *
     * @return 0 for {@link Duration#ZERO}, {@link SocketIo#FOREVER} for very long durations
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    static long millis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (timeout.compareTo(FOREVER) >= 0) {
            return SocketIo.FOREVER;
        }
        long ms = timeout.toMillis();
        return timeout.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }
}
