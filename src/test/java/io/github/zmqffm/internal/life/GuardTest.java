package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.Membarrier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard's fast path for the thread that keeps using an object (see {@link Guard}): granted,
 * revoked by a second thread and by a closer, and never letting two threads in at once, on
 * platform and virtual threads.
 */
@Timeout(60)
class GuardTest {
    @BeforeAll
    static void theFenceExistsHere() {
        // On Linux (x86-64, aarch64) the fast path must be in effect, or these tests prove nothing.
        assertTrue(Membarrier.isAvailable(), "membarrier(2) with MEMBARRIER_CMD_PRIVATE_EXPEDITED");
    }

    private static Guard biased() {
        Guard guard = new Guard(false, true);
        for (int i = 0; i < Guard.BIAS_AFTER; i++) {
            assertTrue(guard.tryEnter());
            guard.exit();
        }
        assertTrue(guard.isBiasedToCurrentThread(), "biased after " + Guard.BIAS_AFTER + " entries in a row");
        return guard;
    }

    /** Runs {@code task} on a new thread, virtual or not. */
    private static <T> CompletableFuture<T> onThread(boolean virtual, java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable body = () -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).name("other").start(body);
        return result;
    }

    @Test
    void aThreadThatKeepsEnteringGetsTheFastPathAndLeavesItUsable() {
        Guard guard = biased();
        assertTrue(guard.tryEnter());
        assertTrue(guard.heldByCurrentThread());
        guard.exit();
        assertFalse(guard.heldByCurrentThread());
        assertFalse(new Guard(false).isBiasedToCurrentThread(), "a guard that may not be biased");
    }

    @Test
    void aSecondThreadIsRefusedWhileTheOwnerIsInsideByTheFastPath() throws Exception {
        for (boolean virtual : new boolean[] {false, true}) {
            Guard guard = biased();
            assertTrue(guard.tryEnter());
            assertFalse(onThread(virtual, guard::tryEnter).get(10, TimeUnit.SECONDS), "refused while the owner is inside");
            String refusal = guard.inUse("PULL socket", "rule").getMessage();
            assertTrue(refusal.startsWith("PULL socket is in use by thread \"" + Thread.currentThread().getName() + "\""),
                    refusal);
            guard.exit();
            assertFalse(guard.isBiasedToCurrentThread(), "the refusal revoked the fast path");
            assertTrue(onThread(virtual, () -> {
                boolean in = guard.tryEnter();
                if (in) {
                    guard.exit();
                }
                return in;
            }).get(10, TimeUnit.SECONDS), "admitted once the owner left");
            assertTrue(guard.tryEnter(), "the first owner comes in by the compare-and-set now");
            guard.exit();
        }
    }

    @Test
    void aCloserWaitsForTheOwnerInsideByTheFastPathAndWakesIt() throws Exception {
        for (boolean virtual : new boolean[] {false, true}) {
            Guard guard = biased();
            assertTrue(guard.tryEnter());
            CountDownLatch woken = new CountDownLatch(1);
            CompletableFuture<Boolean> closer = onThread(virtual, () -> guard.takeForRelease(woken::countDown));
            assertTrue(woken.await(10, TimeUnit.SECONDS), "the closer woke the owner");
            assertFalse(closer.isDone(), "the closer waits while the owner is inside");
            assertTrue(guard.isClosing());
            guard.exit();
            assertTrue(closer.get(10, TimeUnit.SECONDS), "the closer owns the release once the owner left");
            assertFalse(guard.tryEnter(), "nobody enters a closed guard, not even its former owner");
            assertFalse(guard.isBiasedToCurrentThread());
        }
    }

    @Test
    void refusingEntriesEndsTheFastPathAtOnce() {
        Guard guard = biased();
        guard.refuseEntries();
        assertFalse(guard.tryEnter());
        assertTrue(guard.isClosing());
    }

    @Test
    void aGuardThatKeepsChangingHandsStaysOnTheCompareAndSet() throws Exception {
        Guard guard = new Guard(false, true);
        for (int round = 0; round < Guard.MAX_REVOCATIONS + 2; round++) {
            for (int i = 0; i < Guard.BIAS_AFTER; i++) {
                assertTrue(guard.tryEnter());
                guard.exit();
            }
            boolean biasedHere = guard.isBiasedToCurrentThread();
            assertEquals(round < Guard.MAX_REVOCATIONS, biasedHere, "round " + round);
            assertTrue(onThread(false, () -> {
                boolean in = guard.tryEnter();
                guard.exit();
                return in;
            }).get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * Many guards, each biased to one thread that keeps entering and leaving while a second thread
     * enters it once and a third closes it: at no moment are two threads inside, and nobody is
     * inside after the close.
     */
    @Test
    void neverTwoThreadsInsideWhileTheFastPathIsRevoked() throws Exception {
        for (boolean virtual : new boolean[] {false, true}) {
            for (int n = 0; n < 300; n++) {
                Guard guard = new Guard(false, true);
                AtomicReference<String> occupant = new AtomicReference<>();
                AtomicBoolean closed = new AtomicBoolean();
                AtomicInteger violations = new AtomicInteger();
                CountDownLatch biasedNow = new CountDownLatch(1);
                CompletableFuture<Integer> owner = onThread(virtual, () -> {
                    int entries = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (guard.tryEnter()) {
                            entries++;
                            if (!occupant.compareAndSet(null, "owner") || closed.get()) {
                                violations.incrementAndGet();
                            }
                            occupant.set(null);
                            guard.exit();
                        }
                        if (i == Guard.BIAS_AFTER) {
                            biasedNow.countDown();
                        }
                    }
                    return entries;
                });
                assertTrue(biasedNow.await(10, TimeUnit.SECONDS));
                CompletableFuture<Boolean> intruder = onThread(virtual, () -> {
                    for (int i = 0; i < 50; i++) {
                        if (guard.tryEnter()) {
                            if (!occupant.compareAndSet(null, "intruder")) {
                                violations.incrementAndGet();
                            }
                            occupant.set(null);
                            guard.exit();
                            return true;
                        }
                    }
                    return false;
                });
                CompletableFuture<Boolean> closer = onThread(virtual, () -> {
                    intruder.join();
                    boolean released = guard.takeForRelease(null);
                    if (!occupant.compareAndSet(null, "closer")) {
                        violations.incrementAndGet();
                    }
                    closed.set(true);
                    occupant.set(null);
                    return released;
                });
                assertTrue(closer.get(30, TimeUnit.SECONDS));
                owner.get(30, TimeUnit.SECONDS);
                intruder.get(30, TimeUnit.SECONDS);
                assertEquals(0, violations.get(), "two threads inside at once, guard " + n);
            }
        }
    }
}
