package io.github.zmqffm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the virtual-thread tools ({@link VirtualThreadLatency}, {@link ParkedWaiters},
 * {@link ReactorWakeup}, {@link AsyncThroughput}) share: their {@code key=value} arguments, the
 * thread kind a run uses, and the figures they read (percentiles, heap, resident memory).
 */
final class VirtualThreads {
    private VirtualThreads() {
    }

    /** {@code key=value} arguments with defaults; anything else ends the run with usage and exit code 2. */
    static Map<String, String> arguments(String[] args, String usage, Map<String, String> defaults) {
        Map<String, String> values = new HashMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !defaults.containsKey(arg.substring(0, eq))) {
                System.err.println("usage: " + usage);
                System.exit(2);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return values;
    }

    /** A builder of the kind named: {@code virtual} or {@code platform}. */
    static Thread.Builder threads(String kind) {
        return switch (kind) {
            case "virtual" -> Thread.ofVirtual();
            case "platform" -> Thread.ofPlatform();
            default -> throw new IllegalArgumentException("threads " + kind);
        };
    }

    /** The {@code q} quantile (0..1) of sorted values. */
    static long quantile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    /** Sorts {@code nanos} and formats mean, p50, p99 and p99.9 in microseconds. */
    static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0);
        return String.format(Locale.ROOT, "mean_us=%.1f p50_us=%.1f p99_us=%.1f p999_us=%.1f", mean / 1e3,
                quantile(nanos, 0.5) / 1e3, quantile(nanos, 0.99) / 1e3, quantile(nanos, 0.999) / 1e3);
    }

    /** Heap in use after a full collection, in bytes. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident memory (VmRSS), in bytes. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether every thread is parked (WAITING or TIMED_WAITING). */
    static boolean allParked(List<Thread> threads) {
        for (Thread t : threads) {
            Thread.State s = t.getState();
            if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
                return false;
            }
        }
        return true;
    }

    /** Polls {@code condition} every millisecond; gives up with an exception after {@code seconds}. */
    static void await(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + seconds + " s waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** The JVM's CPU time of the reactor's platform thread, in nanoseconds; -1 before it started. */
    static long reactorCpuNanos() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("zmq-ffm reactor")) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId());
            }
        }
        return -1;
    }
}
