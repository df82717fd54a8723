package io.github.zmqffm;

import java.lang.reflect.Method;

/**
 * The Java heap the calling thread has allocated so far ({@code com.sun.management.ThreadMXBean},
 * through reflection because the module under test does not read java.management).
 *
 * <p>Tests measure loops written out in the test itself, round after round, and keep the best
 * round: until the JIT has compiled a loop, the JDK's downcall and upcall plumbing allocates
 * short-lived objects that escape analysis later removes, and a loop behind a shared
 * functional interface may never be compiled well enough for that.
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

    /** {@return the bytes the calling thread has allocated on the Java heap so far} */
    long bytes() {
        try {
            return (Long) allocated.invoke(threads);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
