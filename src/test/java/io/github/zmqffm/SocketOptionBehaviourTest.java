package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the options users rely on most actually do to real sockets. Waits are bounded by
 * RCVTIMEO or read timeouts of several seconds; nothing sleeps to synchronise.
 */
@Timeout(30)
class SocketOptionBehaviourTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Generous bound for things that happen "at once" on an idle machine. */
    private static final int PATIENCE_MS = 10_000;

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static String inproc() {
        return "inproc://behaviour-" + NAMES.incrementAndGet();
    }

    private Socket socket(SocketType type) {
        return zmq.socket(type).set(SocketOption.RCVTIMEO, PATIENCE_MS);
    }

    // ------------------------------------------------------------ high water marks

    /** How many messages a PUSH accepts without waiting before it is mute. */
    private int acceptedBeforeMute(int hwm) {
        String endpoint = inproc();
        try (Socket push = socket(SocketType.PUSH).set(SocketOption.SNDHWM, hwm);
             Socket pull = socket(SocketType.PULL).set(SocketOption.RCVHWM, hwm)) {
            push.bind(endpoint);
            pull.connect(endpoint);
            int sent = 0;
            while (push.trySend(utf8("m" + sent))) {
                sent++;
                assertTrue(sent < 100_000, "PUSH never became mute");
            }
            assertFalse(push.trySend(utf8("again")), "a mute PUSH stays mute while nobody reads");
            push.set(SocketOption.SNDTIMEO, 100);
            assertFalse(push.send("timed"), "a blocking send at the high water mark returns false after SNDTIMEO");
            assertEquals("m0", pull.receiveString(), "what was accepted is delivered, in order");
            return sent;
        }
    }

    @Test
    void pushAtItsHighWaterMarkRefusesToQueueMore() {
        int small = acceptedBeforeMute(5);
        // inproc pipes hold the sender's and the receiver's HWM together.
        assertTrue(small >= 5 && small <= 20, "accepted " + small + " with SNDHWM=RCVHWM=5");
        int larger = acceptedBeforeMute(200);
        assertTrue(larger > small && larger <= 800, "accepted " + larger + " with SNDHWM=RCVHWM=200");
    }

    @Test
    void pubDropsWhatExceedsTheHighWaterMarkAndNeverBlocks() {
        String endpoint = inproc();
        try (Socket pub = socket(SocketType.PUB).set(SocketOption.SNDHWM, 10);
             Socket sub = socket(SocketType.SUB).set(SocketOption.RCVHWM, 10)) {
            pub.bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("");
            awaitSubscription(pub, sub, "warm");
            for (int i = 0; i < 1_000; i++) {
                assertTrue(pub.trySend("m" + i), "a PUB never refuses a send");
            }
            List<String> received = new ArrayList<>();
            for (byte[] m; (m = sub.tryReceive()) != null; ) {
                received.add(text(m));
            }
            assertFalse(received.isEmpty());
            assertTrue(received.size() < 1_000, "nothing was dropped: " + received.size());
            for (int i = 0; i < received.size(); i++) {
                assertEquals("m" + i, received.get(i), "the newest messages are the ones dropped");
            }
        }
    }

    /** Publishes {@code topic} until the subscriber sees it, then drains what else arrived. */
    private static void awaitSubscription(Socket pub, Socket sub, String topic) {
        sub.set(SocketOption.RCVTIMEO, 50);
        String got = null;
        for (int i = 0; got == null || !got.startsWith(topic); i++) {
            assertTrue(i < PATIENCE_MS / 50, "the subscription never reached the publisher");
            pub.send(topic);
            got = sub.receiveString();
        }
        while (sub.tryReceive() != null) {
            continue;
        }
        sub.set(SocketOption.RCVTIMEO, PATIENCE_MS);
    }

    // ------------------------------------------------------------ timeouts

    @Test
    void receiveGivesUpAfterRcvtimeo() {
        try (Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVTIMEO, 200)) {
            pull.bind(inproc());
            long start = System.nanoTime();
            assertNull(pull.receive());
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 190, "returned before RCVTIMEO ran out");
            assertEquals(-1, pull.receive(new byte[8]));
            assertNull(pull.receiveString());
        }
    }

    @Test
    void sendGivesUpAfterSndtimeo() {
        try (Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDTIMEO, 200)) {
            push.bind(inproc());
            long start = System.nanoTime();
            assertFalse(push.send("nobody is listening"));
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 190, "returned before SNDTIMEO ran out");
        }
    }

    // ------------------------------------------------------------ linger

    /*
     * zmq_close is asynchronous, so a peer that appears right after close() could still race
     * the teardown. The sender therefore lives in a context of its own, whose termination
     * (zmq_ctx_term waits for lingering sockets) marks the point where LINGER has been honoured.
     */

    @Test
    void lingerKeepsAMessageForAPeerThatComesAfterClose(@TempDir Path dir) throws Exception {
        String endpoint = "ipc://" + dir.resolve("linger");
        Context senderContext = new Context();
        Socket push = senderContext.socket(SocketType.PUSH).set(SocketOption.LINGER, 60_000)
                .set(SocketOption.RECONNECT_IVL, 50);
        push.connect(endpoint);
        assertTrue(push.send("kept"), "queued for the peer still to come");
        push.close();
        CompletableFuture<Void> terminated = CompletableFuture.runAsync(senderContext::close);
        try (Socket pull = socket(SocketType.PULL)) {
            pull.bind(endpoint);
            assertEquals("kept", pull.receiveString(), "the closed socket delivered during its LINGER");
        }
        terminated.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void lingerZeroDropsWhatIsUnsentAtClose(@TempDir Path dir) {
        String endpoint = "ipc://" + dir.resolve("linger0");
        Context senderContext = new Context();
        Socket push = senderContext.socket(SocketType.PUSH).set(SocketOption.LINGER, 60_000)
                .set(SocketOption.LINGER, 0).set(SocketOption.RECONNECT_IVL, 50);
        push.connect(endpoint);
        assertTrue(push.send("dropped"));
        push.close();
        // Were the message kept, this would wait for it (the test's timeout would fail it).
        senderContext.close();
        try (Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVTIMEO, 500)) {
            pull.bind(endpoint);
            assertNull(pull.receive(), "a socket closed with LINGER 0 still delivered");
        }
    }

    // ------------------------------------------------------------ immediate

    @Test
    void immediateQueuesNothingWithoutACompletedConnection(@TempDir Path dir) {
        String endpoint = "ipc://" + dir.resolve("immediate");
        try (Socket eager = zmq.socket(SocketType.PUSH);
             Socket careful = zmq.socket(SocketType.PUSH).set(SocketOption.IMMEDIATE, true)) {
            eager.connect(endpoint);
            careful.connect(endpoint);
            assertTrue(eager.trySend("queued"), "without IMMEDIATE a message waits for the peer");
            assertFalse(careful.trySend("refused"), "with IMMEDIATE there is nowhere to queue it");
            try (Socket pull = socket(SocketType.PULL)) {
                pull.bind(endpoint);
                assertEquals("queued", pull.receiveString());
            }
        }
    }

    // ------------------------------------------------------------ conflate

    @Test
    void conflateKeepsOnlyTheNewestMessage() {
        String endpoint = inproc();
        try (Socket push = socket(SocketType.PUSH);
             Socket pull = socket(SocketType.PULL).set(SocketOption.CONFLATE, true)) {
            push.bind(endpoint);
            // libzmq takes the connecting side's CONFLATE for an inproc pipe.
            pull.connect(endpoint);
            for (int i = 1; i <= 10; i++) {
                assertTrue(push.send("v" + i));
            }
            assertEquals("v10", pull.receiveString());
            assertNull(pull.tryReceive(), "older messages were kept");
        }
    }

    // ------------------------------------------------------------ routing

    @Test
    void routerMandatoryRefusesAnUnknownPeer() {
        try (Socket strict = socket(SocketType.ROUTER).set(SocketOption.ROUTER_MANDATORY, true);
             Socket lax = socket(SocketType.ROUTER)) {
            ZmqException e = assertThrows(ZmqException.class, () -> {
                strict.sendMore("nobody");
                strict.send("lost");
            });
            assertEquals(Errno.EHOSTUNREACH, e.errno());
            assertTrue(lax.sendMore("nobody") && lax.send("silently dropped"));
        }
    }

    @Test
    void routerSeesTheRoutingIdAPeerChose() {
        String endpoint = inproc();
        try (Socket router = socket(SocketType.ROUTER);
             Socket dealer = socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("alice"))) {
            router.bind(endpoint);
            dealer.connect(endpoint);
            dealer.send("hi");
            List<byte[]> m = router.receiveMultipart();
            assertEquals("alice", text(m.get(0)));
            router.sendMore("alice");
            router.send("hello alice");
            assertEquals("hello alice", dealer.receiveString());
        }
    }

    @Test
    void connectRoutingIdNamesThePeerOfTheNextConnect() {
        String endpoint = inproc();
        try (Socket server = socket(SocketType.ROUTER);
             Socket client = socket(SocketType.ROUTER).set(SocketOption.ROUTER_MANDATORY, true)
                     .set(SocketOption.ROUTING_ID, utf8("client-b"))) {
            server.bind(endpoint);
            client.set(SocketOption.CONNECT_ROUTING_ID, utf8("server-a"));
            client.connect(endpoint);
            // The client may address the server by the name it chose, before any message came back.
            client.sendMore("server-a");
            client.send("hello");
            List<byte[]> m = server.receiveMultipart();
            assertEquals("client-b", text(m.get(0)));
            assertEquals("hello", text(m.get(1)));
        }
    }

    // ------------------------------------------------------------ xpub

    @Test
    void xpubVerbosePassesOnDuplicateSubscriptions() {
        assertEquals(List.of("\u0001t", "\u0001u"), subscriptionsSeen(false));
        assertEquals(List.of("\u0001t", "\u0001t", "\u0001u"), subscriptionsSeen(true));
    }

    /** What an XPUB reports when one SUB subscribes to "t" twice, then to "u". */
    private List<String> subscriptionsSeen(boolean verbose) {
        String endpoint = inproc();
        try (Socket xpub = socket(SocketType.XPUB); Socket sub = socket(SocketType.SUB)) {
            if (verbose) {
                xpub.set(SocketOption.XPUB_VERBOSE, true);
            }
            xpub.bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("t").subscribe("t").subscribe("u");
            List<String> seen = new ArrayList<>();
            String s;
            do {
                s = xpub.receiveString();
                assertTrue(s != null, "subscriptions missing after " + seen);
                seen.add(s);
            } while (!s.equals("\u0001u"));
            return seen;
        }
    }

    // ------------------------------------------------------------ message size

    @Test
    void maxmsgsizeDropsAPeerThatSendsMore() throws Exception {
        try (Socket pull = socket(SocketType.PULL).set(SocketOption.MAXMSGSIZE, 100L)) {
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = RawZmtpPeer.connect(pull.lastEndpoint(), PATIENCE_MS).handshake("PUSH")) {
                peer.send(new byte[100]);
                assertEquals(100, pull.receive().length, "a message at the limit passes");
                peer.send(new byte[101]);
                assertTrue(peer.awaitClosedIgnoringPings(), "the oversized sender was disconnected");
            }
            assertNull(pull.tryReceive(), "the oversized message was delivered");
        }
    }

    // ------------------------------------------------------------ heartbeats

    @Test
    void heartbeatsDropAPeerThatFallsSilent() throws Exception {
        // RCVHWM 0 first: with a bounded receive queue, heartbeats are refused (HeartbeatHazardTest).
        try (Socket dealer = socket(SocketType.DEALER).set(SocketOption.RCVHWM, 0).set(SocketOption.HEARTBEAT_IVL, 100)
                .set(SocketOption.HEARTBEAT_TIMEOUT, 500)) {
            dealer.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = RawZmtpPeer.connect(dealer.lastEndpoint(), PATIENCE_MS).handshake("DEALER")) {
                assertTrue(peer.awaitClosedIgnoringPings(), "the silent peer was disconnected");
                assertTrue(peer.pings() >= 1, "the socket never sent a PING");
            }
        }
    }

    @Test
    void withoutHeartbeatsASilentPeerKeepsItsConnection() throws Exception {
        try (Socket dealer = socket(SocketType.DEALER)) {
            dealer.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = RawZmtpPeer.connect(dealer.lastEndpoint(), 1_500).handshake("DEALER")) {
                assertThrows(java.net.SocketTimeoutException.class, peer::awaitClosedIgnoringPings);
                assertEquals(0, peer.pings());
            }
        }
    }
}
