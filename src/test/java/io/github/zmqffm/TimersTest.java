package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class TimersTest {
    /** libzmq's timer clock counts whole milliseconds, so a firing may come up to 1 ms "early". */
    private static final long CLOCK_SLACK_NANOS = 1_000_000L;

    private Timers timers;
    private Poller idle;
    private long start;
    private final List<String> fired = new ArrayList<>();
    private final List<Long> firedAt = new ArrayList<>();

    @BeforeEach
    void setUp() {
        timers = new Timers();
        idle = new Poller();
        start = System.nanoTime();
    }

    @AfterEach
    void tearDown() {
        timers.close();
        idle.close();
    }

    private void record(String name) {
        fired.add(name);
        firedAt.add(System.nanoTime() - start);
    }

    /** The event loop: wait as timeout() says, then execute, until {@code done}. */
    private void runUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Duration wait = timers.timeout();
            assertNotNull(wait, "a timer should be active");
            idle.poll(wait);
            timers.execute();
        }
    }

    private long count(String name) {
        return fired.stream().filter(name::equals).count();
    }

    private void assertNotBefore(String name, long intervalMillis) {
        int k = 0;
        for (int i = 0; i < fired.size(); i++) {
            if (fired.get(i).equals(name)) {
                k++;
                long due = k * intervalMillis * 1_000_000L - CLOCK_SLACK_NANOS;
                assertTrue(firedAt.get(i) >= due, name + " firing " + k + " came at " + firedAt.get(i) / 1_000_000.0
                        + " ms, before " + k * intervalMillis + " ms");
            }
        }
    }

    @Test
    void timersFireInOrderAndNotBeforeTheirIntervals() {
        timers.add(Duration.ofMillis(10), id -> record("fast"));
        timers.add(Duration.ofMillis(25), id -> record("slow"));
        timers.add(Duration.ofMillis(60), id -> {
            record("once");
            assertTrue(timers.cancel(id));
        });
        runUntil(() -> count("slow") >= 4);

        assertEquals(List.of("fast", "slow", "once"), fired.stream().distinct().toList(), "first firings in due order");
        assertEquals(1, count("once"), "a timer cancelled in its own handler fires once");
        assertTrue(count("fast") >= count("slow"));
        assertNotBefore("fast", 10);
        assertNotBefore("slow", 25);
        assertNotBefore("once", 60);
    }

    @Test
    void cancelSetIntervalAndReset() {
        assertNull(timers.timeout(), "no timers, no timeout");
        int gone = timers.add(Duration.ofMillis(5), id -> record("gone"));
        assertTrue(timers.cancel(gone));
        assertFalse(timers.cancel(gone));

        int slowed = timers.add(Duration.ofMillis(5), id -> record("slowed"));
        timers.setInterval(slowed, Duration.ofMillis(80));
        Duration wait = timers.timeout();
        assertTrue(wait.toMillis() > 5 && wait.toMillis() <= 80, "next firing follows the new interval: " + wait);
        runUntil(() -> count("slowed") >= 1);
        assertNotBefore("slowed", 80);
        assertEquals(0, count("gone"));

        long beforeReset = System.nanoTime() - start;
        timers.reset(slowed);
        runUntil(() -> count("slowed") >= 2);
        assertTrue(firedAt.get(1) >= beforeReset + 80_000_000L - CLOCK_SLACK_NANOS, "reset restarts the interval");

        assertThrows(IllegalArgumentException.class, () -> timers.reset(12345));
        assertThrows(IllegalArgumentException.class, () -> timers.setInterval(12345, Duration.ofMillis(1)));
    }

    @Test
    void aFailingHandlerDoesNotStopTheOthers() {
        timers.add(Duration.ofMillis(5), id -> {
            throw new IllegalArgumentException("first failure");
        });
        timers.add(Duration.ofMillis(5), id -> {
            throw new UnsupportedOperationException("second failure");
        });
        timers.add(Duration.ofMillis(5), id -> record("survivor"));
        idle.poll(Duration.ofMillis(20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, timers::execute);
        assertEquals("first failure", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals(1, count("survivor"));
        idle.poll(timers.timeout());
        assertThrows(IllegalArgumentException.class, timers::execute, "the timers stay usable");
        assertEquals(2, count("survivor"));
    }

    @Test
    void onlyAddAndCancelAreAllowedInAHandler() {
        int[] added = new int[1];
        timers.add(Duration.ofMillis(5), id -> {
            if (added[0] == 0) {
                added[0] = timers.add(Duration.ofMillis(5), other -> record("added"));
            }
        });
        int victim = timers.add(Duration.ofMillis(500), id -> record("victim"));
        timers.add(Duration.ofMillis(5), id -> timers.cancel(victim));
        idle.poll(Duration.ofMillis(10));
        assertEquals(2, timers.execute());
        runUntil(() -> count("added") >= 1);
        assertTrue(added[0] > 0);

        timers.add(Duration.ofMillis(1), id -> timers.reset(id));
        idle.poll(Duration.ofMillis(5));
        IllegalStateException e = assertThrows(IllegalStateException.class, timers::execute);
        assertTrue(e.getMessage().contains("reset cannot be called from a timer handler"), e.getMessage());
        assertEquals(0, count("victim"));
    }

    @Test
    void closeInAHandlerIsRefused() {
        timers.add(Duration.ofMillis(1), id -> timers.close());
        idle.poll(Duration.ofMillis(5));
        IllegalStateException e = assertThrows(IllegalStateException.class, timers::execute);
        assertTrue(e.getMessage().contains("cannot be closed from inside"), e.getMessage());
        assertNotNull(timers.timeout(), "still open");
    }

    @Test
    void refusesBadIntervalsAndUseAfterClose() {
        assertThrows(IllegalArgumentException.class, () -> timers.add(Duration.ZERO, id -> { }));
        assertThrows(IllegalArgumentException.class, () -> timers.add(Duration.ofMillis(-1), id -> { }));
        assertThrows(NullPointerException.class, () -> timers.add(Duration.ofMillis(1), null));
        // Accepted because it rounds up to 1 ms rather than down to a forbidden 0.
        int id = timers.add(Duration.ofNanos(1), x -> { });
        assertTrue(timers.timeout().compareTo(Duration.ofMillis(1)) <= 0);
        assertThrows(IllegalArgumentException.class, () -> timers.setInterval(id, Duration.ZERO));
        timers.close();
        timers.close();
        assertThrows(IllegalStateException.class, () -> timers.add(Duration.ofMillis(1), x -> { }));
        assertThrows(IllegalStateException.class, timers::execute);
    }

    @Test
    void anotherThreadIsRefusedWhileAHandlerRuns() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        timers.add(Duration.ofMillis(1), id -> {
            inHandler.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Blocking.Call loop = Blocking.start("timer-loop", () -> {
            idle.poll(Duration.ofMillis(5));
            timers.execute();
        });
        inHandler.await();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> timers.add(Duration.ofMillis(1), x -> { }));
        assertTrue(e.getMessage().contains("timer-loop"), e.getMessage());
        release.countDown();
        assertNull(loop.outcome());
    }
}
