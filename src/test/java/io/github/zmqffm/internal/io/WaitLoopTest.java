package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.Waking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wait loop with a made-up wait whose tries answer as scripted, the first being the wait's
 * {@link Waitable#firstAttempt}: it never parks after a try that a signal cut short
 * ({@link Waitable#INTERRUPTED}), whose wake-up libzmq may already have spent, and parks as before
 * after one that found nothing ({@link Waitable#AGAIN}).
 * (SignalResilienceTest shows the same through real sockets under a storm of signals.)
 */
class WaitLoopTest {
    private static final int FRAME = 7;

    /** A wait with no descriptor (it parks by sleeping briefly) that counts its parks. */
    private static final class Scripted extends Waitable {
        final Deque<Integer> answers;
        final boolean spins;
        int parks;
        int firstTries;
        int spinStarts;

        Scripted(boolean spins, List<Integer> answers) {
            this.spins = spins;
            this.answers = new ArrayDeque<>(answers);
        }

        @Override
        int firstAttempt() {
            firstTries++;
            return attempt();
        }

        @Override
        String operation() {
            return "receive";
        }

        @Override
        int attempt() {
            return answers.isEmpty() ? FRAME : answers.poll();
        }

        @Override
        void checkOpen() {
        }

        /** No spin, or a spin of one nanosecond: over after its first try. */
        @Override
        long spinUntil(long now) {
            spinStarts++;
            return spins ? now + 1 : now;
        }

        @Override
        SpinPolicy spinPolicy() {
            return new SpinPolicy(null);
        }

        @Override
        boolean watch(Watches watches) {
            parks++;
            return false;
        }

        @Override
        void publish(Waking waking) {
        }
    }

    @ParameterizedTest(name = "after a spin: {0}")
    @ValueSource(booleans = {false, true})
    void aTryCutShortBySignalIsMadeAgainBeforeAnyPark(boolean spins) {
        // Without a spin: the first try says EAGAIN, a park, then a try cut short, then one that
        // succeeds, with no park between. After a spin whose one try was cut short: no park at all.
        Scripted wait = new Scripted(spins, List.of(Waitable.AGAIN, Waitable.INTERRUPTED, Waitable.INTERRUPTED));
        assertEquals(FRAME, WaitLoop.await(wait));
        assertEquals(spins ? 0 : 1, wait.parks, "parks");
        assertEquals(1, wait.firstTries, "first tries");
    }

    @Test
    void aFirstTryCutShortBySignalIsMadeAgainBeforeAnythingElse() {
        // The first try must tell a wait from an error: one cut short is that same try again,
        // not a park (its wake-up may be spent) nor a later kind of try.
        Scripted wait = new Scripted(false, List.of(Waitable.INTERRUPTED, Waitable.INTERRUPTED));
        assertEquals(FRAME, WaitLoop.await(wait));
        assertEquals(3, wait.firstTries, "first tries");
        assertEquals(0, wait.parks, "parks");
    }

    @Test
    void aTryThatFoundNothingParksBeforeTheNext() {
        Scripted wait = new Scripted(false, List.of(Waitable.AGAIN, Waitable.AGAIN, Waitable.AGAIN));
        assertEquals(FRAME, WaitLoop.await(wait));
        assertEquals(3, wait.parks, "parks: before each try after the first");
    }

    @Test
    void withNoTimeToWaitTheFirstTryIsTheOnlyOne() {
        Scripted wait = new Scripted(true, List.of(Waitable.AGAIN, Waitable.AGAIN));
        wait.timeoutMillis = Timeouts.NO_WAIT;
        assertEquals(-1, WaitLoop.await(wait));
        assertEquals(1, wait.firstTries, "first tries");
        assertEquals(0, wait.parks, "parks");
        assertEquals(0, wait.spinStarts, "spins started");
        assertEquals(1, wait.answers.size(), "tries left unmade");
    }

    @Test
    void aFirstTryThatSucceedsNeitherSpinsNorParks() {
        Scripted wait = new Scripted(true, List.of());
        assertEquals(FRAME, WaitLoop.await(wait));
        assertEquals(0, wait.parks, "parks");
        assertEquals(0, wait.spinStarts, "spins started");
    }
}
