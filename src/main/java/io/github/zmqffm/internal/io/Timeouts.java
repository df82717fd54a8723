package io.github.zmqffm.internal.io;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a blocking call may wait, in milliseconds: {@link #NO_WAIT}, {@link #FOREVER}, a
 * bound, or {@link #SOCKET_TIMEOUT} for what the socket's SNDTIMEO/RCVTIMEO say; and the
 * conversion of a caller's {@link Duration}.
 */
public final class Timeouts {
    /** Do not wait. */
    public static final long NO_WAIT = 0;
    /** Wait without limit. */
    public static final long FOREVER = -1;
    /** Wait as the socket's SNDTIMEO/RCVTIMEO say. */
    public static final long SOCKET_TIMEOUT = -2;

    /**
     * Longer waits count as forever (about 73 years); this also keeps {@code System.nanoTime()}
     * deadlines from overflowing.
     */
    private static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE / 4_000_000L);

    private Timeouts() {
    }

    /**
     * The timeout in milliseconds, rounded up so that a wait never ends early.
     *
     * @return 0 for {@link Duration#ZERO}, {@link #FOREVER} for very long durations
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static long millis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (timeout.compareTo(LONGEST) >= 0) {
            return FOREVER;
        }
        long ms = timeout.toMillis();
        return timeout.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }

    /** Milliseconds left until {@code deadline} ({@code System.nanoTime()}), rounded up so that a wait never ends early; 0 once passed. */
    public static long remainingMillis(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999L) / 1_000_000L;
    }
}
