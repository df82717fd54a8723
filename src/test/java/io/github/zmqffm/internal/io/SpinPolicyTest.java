package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.ContextHandle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adaptive spin policy on its own, fed with made-up times: when a wait spins and when it parks at once. */
class SpinPolicyTest {
    private static final long BUDGET = 50_000;
    private static final long NOW = 1_000_000_000L;

    private static SpinPolicy policy(long budgetNanos) {
        SpinPolicy policy = new SpinPolicy(null);
        policy.setBudget(budgetNanos);
        return policy;
    }

    /** Runs {@code waits} waits that each spin if allowed and miss; returns the numbers (from 1) of those that spun. */
    private static List<Integer> missingWaits(SpinPolicy policy, int waits) {
        List<Integer> spun = new ArrayList<>();
        for (int i = 1; i <= waits; i++) {
            if (policy.beginWait(NOW) != NOW) {
                spun.add(i);
                policy.missed();
            }
        }
        return spun;
    }

    @Test
    void aZeroBudgetNeverSpins() {
        SpinPolicy policy = policy(0);
        for (int i = 0; i < 10; i++) {
            assertEquals(NOW, policy.beginWait(NOW));
            policy.parkEnded(NOW + 1);
        }
        assertEquals(0, policy.spins());
    }

    @Test
    void aWaitSpinsForTheBudget() {
        SpinPolicy policy = policy(BUDGET);
        assertEquals(NOW + BUDGET, policy.beginWait(NOW));
        assertEquals(1, policy.spins());
    }

    @Test
    void spinsThatCatchTheirEventKeepSpinning() {
        SpinPolicy policy = policy(BUDGET);
        for (int i = 0; i < 100; i++) {
            assertEquals(NOW + BUDGET, policy.beginWait(NOW), "wait " + i);
            policy.caught();
        }
        assertEquals(100, policy.spins());
    }

    @Test
    void missesInARowParkMoreAndMoreWaitsAtOnce() {
        // After a miss 1 wait parks at once, then 3, 7, 15, 31 and at most 63.
        assertEquals(List.of(1, 3, 7, 15, 31, 63, 127, 191, 255), missingWaits(policy(BUDGET), 300));
    }

    @Test
    void anIdleReceiverSpinsOnlyOnceInItsWait() {
        SpinPolicy policy = policy(BUDGET);
        assertEquals(NOW + BUDGET, policy.beginWait(NOW));
        policy.missed();
        // The call parks for a long time and then gets its message: no new spin.
        policy.parkEnded(NOW + 5_000_000_000L);
        assertEquals(1, policy.spins());
    }

    @Test
    void aCaughtEventEndsTheBackOff() {
        SpinPolicy policy = policy(BUDGET);
        missingWaits(policy, 6);               // spins at 1 and 3, then skips 4 to 6
        assertEquals(NOW + BUDGET, policy.beginWait(NOW), "wait 7 spins again");
        policy.caught();
        assertEquals(List.of(1, 3), missingWaits(policy, 3), "back to the shortest back-off");
    }

    @Test
    void aParkedWaitThatEndsWithinTheBudgetMakesTheNextWaitSpin() {
        SpinPolicy policy = policy(BUDGET);
        missingWaits(policy, 3);               // spins at 1 and 3, now 3 waits to skip
        assertEquals(NOW, policy.beginWait(NOW));
        policy.parkEnded(NOW + BUDGET / 2);    // traffic is quick again
        assertEquals(NOW + BUDGET, policy.beginWait(NOW));
    }

    @Test
    void aParkedWaitThatEndsAfterTheBudgetKeepsParking() {
        SpinPolicy policy = policy(BUDGET);
        missingWaits(policy, 3);
        assertEquals(NOW, policy.beginWait(NOW));
        policy.parkEnded(NOW + 2 * BUDGET);
        assertEquals(NOW, policy.beginWait(NOW));
    }

    @Test
    void aParkAfterASpinThatMissedDoesNotCountAsQuick() {
        SpinPolicy policy = policy(BUDGET);
        policy.beginWait(NOW);
        policy.missed();                       // e.g. a deadline cut the spin short
        policy.parkEnded(NOW + BUDGET / 2);
        assertEquals(NOW, policy.beginWait(NOW), "the next wait still parks at once");
    }

    @Test
    void theBudgetComesFromTheContextUntilSetOwn() {
        ContextHandle context = new ContextHandle();
        try {
            SpinPolicy policy = new SpinPolicy(context.state());
            assertEquals(SpinPolicy.DEFAULT_BUDGET_NANOS, policy.budgetNanos());
            context.state().setSpinBudgetNanos(7_000);
            assertEquals(7_000, policy.budgetNanos());
            policy.setBudget(0);
            assertEquals(0, policy.budgetNanos());
            context.state().setSpinBudgetNanos(9_000);
            assertEquals(0, policy.budgetNanos());
        } finally {
            context.close();
        }
    }

    @Test
    void budgetsAreChecked() {
        assertThrows(NullPointerException.class, () -> SpinPolicy.nanos(null));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SpinPolicy.nanos(Duration.ofNanos(-1)));
        assertEquals("spin budget must not be negative: PT-0.000000001S", e.getMessage());
        assertEquals(Long.MAX_VALUE / 2, SpinPolicy.nanos(Duration.ofDays(365L * 1_000)));
        assertEquals(1_500, SpinPolicy.nanos(Duration.ofNanos(1_500)));
    }

    @Test
    void theDefaultBudgetIs200Microseconds() {
        assertEquals(200_000, SpinPolicy.DEFAULT_BUDGET_NANOS);
        assertEquals(200_000, new SpinPolicy(null).budgetNanos());
    }

    @Test
    void aWaitAfterACallTheSameWayParksAtOnce() {
        SpinPolicy policy = policy(BUDGET);
        policy.completedAtOnce(false);
        assertEquals(NOW, policy.beginWait(NOW, false), "receive after receive: a stream");
        assertEquals(NOW, policy.beginWait(NOW, false), "a wait is a call too");
        policy.completedAtOnce(true);
        assertEquals(NOW, policy.beginWait(NOW, true), "send after send");
        assertEquals(0, policy.spins());
    }

    @Test
    void aWaitAfterACallTheOtherWaySpins() {
        SpinPolicy policy = policy(BUDGET);
        assertEquals(NOW + BUDGET, policy.beginWait(NOW, false), "the socket's first call");
        policy.caught();
        policy.completedAtOnce(true);
        assertEquals(NOW + BUDGET, policy.beginWait(NOW, false), "a reply after a request");
        policy.caught();
        assertEquals(NOW + BUDGET, policy.beginWait(NOW, true), "a send after a receive");
        assertEquals(3, policy.spins());
    }

    @Test
    void aReceiveYieldsFirstOnlyAfterAReceiveWhoseSpinCaughtItsMessage() {
        SpinPolicy policy = policy(BUDGET);
        assertFalse(policy.yieldsBeforeReceive());
        policy.beginWait(NOW, false);
        policy.caught();
        assertFalse(policy.yieldsBeforeReceive(), "no request sent yet");
        policy.completedAtOnce(true);
        assertTrue(policy.yieldsBeforeReceive(), "request and reply");
        policy.completedAtOnce(false);
        assertFalse(policy.yieldsBeforeReceive(), "a receive came at once: the next may too");

        policy.beginWait(NOW, true);
        policy.caught();
        assertFalse(policy.yieldsBeforeReceive(), "a send's spin says nothing of receives");

        policy.beginWait(NOW, false);
        policy.missed();
        assertFalse(policy.yieldsBeforeReceive(), "the spin missed");
    }
}
