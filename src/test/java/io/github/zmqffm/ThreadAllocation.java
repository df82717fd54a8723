package io.github.zmqffm;

import java.lang.reflect.Method;
import java.util.function.IntConsumer;

/**
 * Measures the Java heap a loop allocates per iteration on the calling thread
 * ({@code com.sun.management.ThreadMXBean}, through reflection because the module under test
 * does not read java.management).
 */
final class ThreadAllocation {
    private final Object threads;
    private final Method allocated;

    ThreadAllocation() {
        try {
            threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this JDK cannot count a thread's allocations", e);
        }
    }

    /**
     * Runs {@code body} for {@code iterations} at a time, up to {@code rounds} times or until a
     * round stays below {@code enough} bytes per iteration, and returns the best round's bytes
     * per iteration. Until the JIT has compiled the loop, the JDK's downcall and upcall plumbing
     * allocates short-lived objects that escape analysis later removes; the best round shows what
     * is left after that, which per-call allocations (an Arena, a map entry) never drop below.
     */
    long bestBytesPerIteration(int rounds, int iterations, long enough, IntConsumer body) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds && best >= enough; round++) {
            long before = bytes();
            for (int i = 0; i < iterations; i++) {
                body.accept(i);
            }
            best = Math.min(best, (bytes() - before) / iterations);
        }
        return best;
    }

    private long bytes() {
        try {
            return (Long) allocated.invoke(threads);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
