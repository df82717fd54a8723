package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static io.github.zmqffm.ZmqFixtures.assertZmqError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The peer process dies (SIGKILL: no close, no goodbye) and comes back on the same endpoint: a
 * pyzmq process from {@code fault_peer.py}, killed and restarted by the test. Our side must
 * notice nothing but a pause: a connecting socket reconnects by itself, a bound socket takes the
 * new peer, and a REQ client recovers with REQ_RELAXED and REQ_CORRELATE. (In one process the
 * lazy-pirate recovery is {@link LazyPirateTest}; high water mark behaviour per socket type is
 * {@link SocketOptionBehaviourTest} and {@link HighWaterMarkTest}.)
 */
@Timeout(120)
class PeerFaultTest {
    private static final String SCRIPT = "fault_peer.py";
    private static final Duration PATIENCE = Duration.ofSeconds(PATIENCE_SECONDS);

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /** Connects {@code socket} to the endpoint {@code peer} reports, sends {@code first}, returns the endpoint. */
    private static String connect(Socket socket, PythonPeer peer, String first) {
        String endpoint = peer.nextLine();
        socket.connect(endpoint);
        assertTrue(socket.send(first, false, PATIENCE));
        return endpoint;
    }

    @Test
    void aConnectingPushReconnectsToAPeerRestartedOnTheSameEndpoint() {
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.RECONNECT_IVL, 50);
        String endpoint;
        try (PythonPeer first = PythonPeer.start(SCRIPT, "pull-print", "tcp://127.0.0.1:*")) {
            endpoint = connect(push, first, "before");
            assertEquals("before", first.nextLine());
            first.kill();
        }
        try (PythonPeer second = PythonPeer.start(SCRIPT, "pull-print", endpoint)) {
            assertEquals(endpoint, second.nextLine(), "the restarted peer binds the same endpoint");
            // What was in flight to the dead peer is lost with it; keep sending until the new one hears us.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            for (int n = 0; !second.hasLine(); n++) {
                if (System.nanoTime() - deadline > 0) {
                    fail("the PUSH never reconnected to the restarted peer");
                }
                push.send("after " + n, false, Duration.ofMillis(100));
                second.awaitLine(10);
            }
            assertTrue(second.nextLine().startsWith("after "), "traffic resumed");
        }
    }

    @Test
    void aReqClientWithRelaxedAndCorrelateRecoversFromAServerThatDied() {
        Socket req = zmq.socket(SocketType.REQ).set(SocketOption.REQ_RELAXED, true)
                .set(SocketOption.REQ_CORRELATE, true).set(SocketOption.RECONNECT_IVL, 50);
        String endpoint;
        try (PythonPeer hung = PythonPeer.start(SCRIPT, "rep-swallow", "tcp://127.0.0.1:*")) {
            endpoint = connect(req, hung, "first");
            assertEquals("got first", hung.nextLine());
            assertNull(req.receive(Duration.ofMillis(100)), "the hung server answered");
            hung.kill();
        }
        try (PythonPeer echo = PythonPeer.start(SCRIPT, "rep-echo", endpoint)) {
            assertEquals(endpoint, echo.nextLine());
            // Without REQ_RELAXED a REQ still waiting for a reply refuses to send (shown below).
            assertTrue(req.send("second", false, PATIENCE));
            assertEquals("second", req.receiveString(PATIENCE), "the restarted server answered the new request");
        }
        Socket strict = zmq.socket(SocketType.REQ).connect(endpoint);
        strict.send("unanswered");
        assertZmqError(Errno.EFSM, () -> strict.send("again"));
    }

    @Test
    void aBoundPullServesPeersRestartedAfterBeingKilledInOrder() {
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVTIMEO, PATIENCE_SECONDS * 1_000);
        String endpoint = Transport.TCP.bind(pull);
        Map<String, Long> lastSeen = new HashMap<>();
        for (int run = 0; run < 3; run++) {
            try (PythonPeer pusher = PythonPeer.start(SCRIPT, "push-count", endpoint)) {
                assertEquals("connected", pusher.nextLine());
                // Messages of the killed peer may still be queued here: read on until 100 of the new one's.
                int fromThisRun = 0;
                while (fromThisRun < 100) {
                    String message = pull.receiveString();
                    assertTrue(message != null, "run " + run + ": nothing from the restarted peer");
                    String[] peerAndNumber = message.split(":");
                    long n = Long.parseLong(peerAndNumber[1]);
                    Long last = lastSeen.put(peerAndNumber[0], n);
                    assertEquals(last == null ? 0 : last + 1, n, "lost or reordered from peer " + peerAndNumber[0]);
                    fromThisRun = lastSeen.size() == run + 1 ? fromThisRun + 1 : 0;
                }
                pusher.kill();
            }
        }
    }
}
