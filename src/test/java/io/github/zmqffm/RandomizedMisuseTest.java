package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random sequences of API calls on several threads at once, misuse included: objects shared by
 * all threads and closed by any of them at any moment, use after close, sends and receives in
 * every shape, contexts closed under their sockets, memory of arenas closed under the calls.
 * Every call must either succeed or throw what its Javadoc documents ({@link MisuseCalls}), the
 * JVM must not crash, nothing may hang, and at the end, once everything is closed, the process
 * must hold no more file descriptors than before.
 *
 * <p>The seed is printed; {@code -Dzmq.seed=N} replays each thread's sequence of calls (the
 * interleaving of the threads differs from run to run). {@code -Dzmq.stress=true} (Maven
 * profile {@code stress}) makes ten times as many calls.
 */
class RandomizedMisuseTest {
    private static final boolean STRESS = Boolean.getBoolean("zmq.stress");
    private static final int THREADS = 4;
    private static final int CALLS = STRESS ? 200_000 : 20_000;
    /** How long the workers may take together; a worker still running then is hung. */
    private static final long RUN_LIMIT_SECONDS = STRESS ? 900 : 100;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // a backstop: run() fails a hung worker after RUN_LIMIT_SECONDS
    void everyCallSucceedsOrThrowsWhatItDocuments() throws Exception {
        long seed = Long.getLong("zmq.seed", System.nanoTime());
        System.out.println("RandomizedMisuseTest: seed " + seed + " (replay with -Dzmq.seed=" + seed + "), "
                + CALLS + " calls on " + THREADS + " threads");
        // A short run first, so that what the first use opens for good (libsodium's random
        // source, class loading) is open before the descriptors are counted.
        run(seed ^ 0x5DEECE66DL, 1_000);
        int fdsBefore = ProcessResources.awaitOpenFdsAtMost(0, 0);

        Run result = run(seed, CALLS);

        System.out.println("RandomizedMisuseTest: " + result.summary());
        if (!result.failures.isEmpty()) {
            AssertionError error = new AssertionError(result.failures.size() + " calls threw what they do not "
                    + "document (seed " + seed + "); the first: " + result.failures.peek().getMessage(),
                    result.failures.peek());
            result.failures.stream().skip(1).limit(5).forEach(error::addSuppressed);
            throw error;
        }
        assertEquals(CALLS, result.calls.sum(), "calls made");
        int fdsAfter = ProcessResources.awaitOpenFdsAtMost(fdsBefore, 10);
        assertTrue(fdsAfter <= fdsBefore, () -> "open descriptors " + fdsBefore + " before, " + fdsAfter
                + " after everything was closed (seed " + seed + "):\n" + ProcessResources.describeFds());
        System.out.println("RandomizedMisuseTest: open descriptors " + fdsBefore + " before, " + fdsAfter + " after");
    }

    /** The outcome of one run. */
    private static final class Run {
        final LongAdder calls = new LongAdder();
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong wrapped = new AtomicLong();
        final AtomicLong released = new AtomicLong();

        void record(String outcome) {
            calls.increment();
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }

        String summary() {
            Map<String, Long> sorted = new TreeMap<>();
            outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
            return calls.sum() + " calls; zero-copy buffers wrapped " + wrapped + ", released " + released
                    + "; outcomes " + sorted;
        }
    }

    private static Run run(long seed, int calls) throws InterruptedException {
        Run result = new Run();
        MisuseCalls catalogue = new MisuseCalls();
        MisuseWorld world = new MisuseWorld();
        List<Thread> workers = world.workers;
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed + t);
            int share = calls / THREADS + (t < calls % THREADS ? 1 : 0);
            workers.add(Thread.ofPlatform().name("misuse-" + t).unstarted(() -> work(catalogue, world, random, share,
                    result, workers)));
        }
        workers.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_LIMIT_SECONDS);
        for (Thread worker : workers) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (!worker.join(java.time.Duration.ofMillis(left))) {
                fail("worker " + worker.getName() + " hung (seed " + seed + "), at " + List.of(worker.getStackTrace()));
            }
        }
        world.close();
        awaitReleases(world);
        result.wrapped.set(world.wrapped.get());
        result.released.set(world.released.get());
        assertEquals(world.wrapped.get(), world.released.get(),
                "every zero-copy buffer handed to libzmq is released exactly once (seed " + seed + ")");
        return result;
    }

    private static void work(MisuseCalls catalogue, MisuseWorld world, Random random, int calls, Run result,
                             List<Thread> workers) {
        for (int i = 0; i < calls; i++) {
            MisuseCalls.Call call = catalogue.pick(random);
            if (random.nextInt(200) == 0) {
                // Interrupts wake blocked calls with ZmqInterruptedException (EINTR).
                workers.get(random.nextInt(workers.size())).interrupt();
            }
            try {
                call.body().run(world, random);
                result.record("ok");
            } catch (Throwable t) {
                if (call.allowed().permits(t)) {
                    result.record(t instanceof ZmqException z ? z.errno().name() : t.getClass().getSimpleName());
                } else {
                    result.record("UNDOCUMENTED");
                    result.failures.add(new AssertionError("call " + i + " on " + Thread.currentThread().getName()
                            + ", " + call.name() + ", threw " + t, t));
                }
            }
            Thread.interrupted();
        }
    }

    /**
     * Waits until libzmq has released every zero-copy buffer. Buffers still lent to a message
     * that nobody closed (a dropped one, or a view kept by another thread) are released by the
     * garbage collector's cleaners, so this collects and re-checks, up to a deadline.
     */
    private static void awaitReleases(MisuseWorld world) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (world.released.get() < world.wrapped.get() && System.nanoTime() - deadline < 0) {
            System.gc();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
