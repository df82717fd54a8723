package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM crashes {@link RandomizedMisuseTest} found, each replayed in a JVM of its own
 * ({@link CrashScenarios}): the child must survive, and the binding must refuse the step that
 * used to crash with a clear exception instead.
 */
@Timeout(120)
class CrashRegressionTest {
    private static ChildJvm run(String scenario) {
        ChildJvm child = ChildJvm.run(List.of(), Map.of(), CrashScenarios.class.getName(), scenario);
        assertEquals(0, child.exit(), () -> scenario + " crashed the JVM (exit " + child.exit() + "):\n" + child.out()
                + child.err());
        assertTrue(child.out().endsWith("survived\n"), () -> scenario + ":\n" + child.out() + child.err());
        return child;
    }

    private static void assertPrinted(ChildJvm child, String line) {
        assertTrue(child.out().contains(line), () -> "expected \"" + line + "\" in:\n" + child.out());
    }

    @Test
    void zeroCopyFramesFreedInsideReceivesNeverMeetACriticalCall() {
        ChildJvm child = run("zeroCopyFreedInsideReceives");
        assertPrinted(child, "streamed 200000");
        assertPrinted(child, "received 2000, released 1000");
    }

    @Test
    void aReadOnlySegmentIsRefusedAsAReceiveTarget() {
        ChildJvm child = run("readOnlyMappedReceive");
        assertPrinted(child, "receive: UnsupportedOperationException: cannot receive into a read-only segment");
        assertPrinted(child, "tryReceive: UnsupportedOperationException");
        assertPrinted(child, "then received hello");
    }

    @Test
    void aConflatingSocketConnectsOverInprocOnlyToABoundName() {
        ChildJvm child = run("conflateConnectBeforeBind");
        assertPrinted(child, "connect: ZmqException ECONNREFUSED: connect inproc://later with CONFLATE before anything "
                + "bound it");
        assertPrinted(child, "after bind: connected true");
    }

    @Test
    void aContextAtItsSocketLimitStillEndsWithAPendingInprocConnect() {
        ChildJvm child = run("socketLimitWithPendingConnect");
        assertPrinted(child, "fill the context: ZmqException EMFILE");
        assertPrinted(child, "sockets: 2");
        assertPrinted(child, "connect with no slot left: ZmqException EMFILE");
    }

    @Test
    void aNameARouterDisconnectedFromOrUnboundCannotBeBoundWhileThatRouterIsOpen() {
        ChildJvm child = run("routerDisconnectBeforeBind");
        for (String verb : List.of("disconnect", "unbind")) {
            assertPrinted(child, verb + ", then bind while the ROUTER is open: ZmqException EADDRINUSE");
            assertPrinted(child, verb + ", then bound after the ROUTER closed");
            assertPrinted(child, verb + ", then closing the context with the ROUTER open");
        }
    }

    @Test
    void socketTypesThatCannotTalkAreNotWiredTogetherOverInproc() {
        ChildJvm child = run("incompatibleInprocPeers");
        assertPrinted(child, "PAIR binds where a ROUTER waits: ZmqException ENOCOMPATPROTO: bind inproc://second: "
                + "a PAIR socket cannot talk to the ROUTER socket at the other end");
        assertPrinted(child, "SUB connects to a PUSH: ZmqException ENOCOMPATPROTO");
        assertPrinted(child, "PULL connected to the PUSH");
    }

    @Test
    void highWaterMarksAreSetBeforeConnectionsExistAndXpubManualNeedsAFixedLibzmq() {
        ChildJvm child = run("highWaterMarkAfterPeerLeft");
        assertPrinted(child, "SNDHWM: SNDHWM of a PULL socket can only be set before its first bind or connect");
        assertTrue(!child.out().contains("SNDHWM set"), child.out());
        assertPrinted(child, Zmq.version().atLeast(new Version(4, 3, 5)) ? "XPUB_MANUAL: no exception"
                : "XPUB_MANUAL: UnsupportedOperationException: XPUB_MANUAL needs libzmq 4.3.5 or newer");
    }

    @Test
    void routerOptionsAreRefusedOnRepSocketsAsOnEveryOtherNonRouterType() {
        ChildJvm child = run("routerOptionOnRep");
        assertPrinted(child, "ROUTER_MANDATORY on REP: ZmqException EINVAL: set ROUTER_MANDATORY on a REP socket");
        assertPrinted(child, "REP received: ");
        assertPrinted(child, "ROUTER_MANDATORY on ROUTER: ok");
    }
}
