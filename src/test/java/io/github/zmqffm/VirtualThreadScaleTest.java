package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's acceptance scenarios, each in a JVM of its own with two carrier threads
 * ({@code -Djdk.virtualThreadScheduler.parallelism=2}): hundreds of virtual threads in ping-pong,
 * a thousand parked receivers, pollers, interrupts and a context close waking hundreds, helpers
 * that hold no carrier. Before virtual threads parked, a blocked call held its carrier in native
 * code, and each of these hung (issue 16 measured it). The scenarios live in
 * {@link VirtualThreadScenarios}; each prints its figures, which this test passes on.
 *
 * <p>The {@code stress} profile ({@code -Dzmq.stress=true}) also parks 10,000 receivers, each on
 * a socket of its own (10,000 descriptors: more than a default limit of 1,024 allows).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VirtualThreadScaleTest {
    private static final boolean STRESS = Boolean.getBoolean("zmq.stress");

    /** Runs a scenario on two carriers and checks that it ended well. */
    static void scenario(String... args) {
        ChildJvm child = ChildJvm.run(List.of("-Djdk.virtualThreadScheduler.parallelism=2"), Map.of(),
                prepend(VirtualThreadScenarios.class.getName(), args));
        System.out.print(child.out());
        String name = String.join(" ", args);
        assertEquals(0, child.exit(), () -> name + " failed:\n" + child.out() + child.err());
        assertTrue(child.out().contains("ok " + name), () -> name + " did not finish:\n" + child.out());
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void twoHundredPairsPlayPingPongOverInproc() {
        scenario("ping-pong", "200", "inproc", "50");
    }

    @Test
    void aHundredPairsPlayPingPongOverTcp() {
        scenario("ping-pong", "100", "tcp", "50");
    }

    @Test
    void aThousandParkedReceiversLeaveBothCarriersFreeAndAllGetTheirMessage() {
        scenario("receivers", "1000");
    }

    @Test
    void tenThousandParkedReceiversAllComplete() {
        org.junit.jupiter.api.Assumptions.assumeTrue(STRESS, "10,000 sockets run in the stress profile");
        scenario("receivers", "10000");
    }

    @Test
    void aHundredPollersLeaveBothCarriersFree() {
        scenario("pollers", "100");
    }

    @Test
    void aContextCloseWakesHundredsOfParkedThreads() {
        scenario("context-close", "600");
    }

    @Test
    void interruptsWakeHundredsOfParkedThreads() {
        scenario("interrupt", "300");
    }

    @Test
    void helpersHoldNoCarrier() {
        scenario("helpers");
    }

    @Test
    void virtualThreadsParkingForTheFirstTimeAtOnceHoldNoCarrier() {
        scenario("first-parks", "16");
    }

    @Test
    void virtualThreadsMakingTheFirstMonitorsAndTimersAtOnceHoldNoCarrier() {
        scenario("first-rare-calls", "16");
    }

    @Test
    void threadsThatNeverParkDoNotStarveOnesTheReactorWakes() {
        scenario("busy-neighbours", "4");
    }
}
