package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the leak safety net reports, in a JVM of its own ({@link ReliabilityScenarios}): a
 * socket, a context and a message dropped without {@code close()} are cleaned up and reported
 * to the {@code io.github.zmqffm.leaks} logger; with {@code -Dzmq.leaks=track} each report
 * carries the place the object was created, and by default it says how to get it. And what
 * {@link Context#close(java.time.Duration)} reports about a socket its owner never closed.
 */
@Timeout(120)
class LeakReportTest {
    private static ChildJvm run(String scenario, String... options) {
        ChildJvm child = ChildJvm.run(List.of(options), Map.of(), ReliabilityScenarios.class.getName(), scenario);
        assertEquals(0, child.exit(), () -> scenario + " failed:\n" + child.out() + child.err());
        assertTrue(child.out().endsWith("done\n"), () -> scenario + ":\n" + child.out() + child.err());
        return child;
    }

    private static void assertContains(ChildJvm child, String text) {
        assertTrue(child.out().contains(text), () -> "expected \"" + text + "\" in:\n" + child.out() + child.err());
    }

    @Test
    void withTrackingEachLeakIsReportedWithWhereItWasCreated() {
        ChildJvm child = run("leaks", "-Dzmq.leaks=track", "-Dzmq.leaks.expectMessage=true");
        assertContains(child, "dropped socket kept by its context: true");
        assertFalse(child.out().contains("PUSH socket (bound inproc://leaky"), "a socket of a live context was reported");
        assertContains(child, "REPORT WARNING a Context was not closed; the garbage collector terminated it and closed "
                + "its 1 open socket: PULL socket (bound tcp://127.0.0.1:");
        assertContains(child, "Context created here");
        assertContains(child, "at io.github.zmqffm.ReliabilityScenarios.leakContext(");
        assertContains(child, "context terminated: true");
        assertContains(child, "REPORT WARNING a Message was not closed; the garbage collector closed it");
        assertContains(child, "at io.github.zmqffm.ReliabilityScenarios.leakMessage(");
    }

    @Test
    void byDefaultLeakedContextsAreReportedWithoutACreationSite() {
        ChildJvm child = run("leaks");
        assertContains(child, "dropped socket kept by its context: true");
        assertContains(child, "REPORT WARNING a Context was not closed; the garbage collector terminated it and closed "
                + "its 1 open socket: PULL socket (bound tcp://127.0.0.1:");
        assertContains(child, "(run with -Dzmq.leaks=track to see where it was created)");
        assertContains(child, "context terminated: true");
        assertFalse(child.out().contains("created here"), "a creation site was recorded without tracking");
        assertFalse(child.out().contains("a Message was not closed"), "messages are closed by the collector quietly");
    }

    @Test
    void aBoundedCloseReportsEachSocketItHadToClose() {
        ChildJvm child = run("boundedClose", "-Dzmq.leaks=track");
        assertContains(child, "waited at least the bound: true");
        assertContains(child, "closed by the context: true");
        assertContains(child, "next call: ContextTerminatedException: send: Context was terminated (ETERM)");
        assertContains(child, "set LINGER: ok");
        assertContains(child, "close: ok closed");
        assertContains(child, "REPORT WARNING Context.close(PT0.3S): closed PUSH socket (bound tcp://127.0.0.1:");
        assertContains(child, ", connected inproc://nowhere; owned by thread \"stubborn owner\"), "
                + "which was still open");
        assertContains(child, "at io.github.zmqffm.ReliabilityScenarios.lambda$boundedClose$");
    }
}
