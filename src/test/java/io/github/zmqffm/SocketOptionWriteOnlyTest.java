package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write-only options cannot be read back, so each is shown by the behaviour zmq_setsockopt(3)
 * documents for it. Refused connections (the accept filters) are observed from a plain TCP or
 * Unix-domain client: libzmq closes a filtered connection at once, and greets an accepted one.
 */
@Timeout(30)
class SocketOptionWriteOnlyTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final int PATIENCE_MS = 10_000;

    /** Write-only keys shown in SocketOptionBehaviourTest rather than here. */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("ROUTER_MANDATORY", "CONNECT_ROUTING_ID", "XPUB_VERBOSE");
    /** Every write-only stable key; the test below keeps this list honest. */
    private static final Set<String> SHOWN = Set.of("SUBSCRIBE", "UNSUBSCRIBE", "ROUTER_MANDATORY", "XPUB_VERBOSE",
            "ROUTER_RAW", "PROBE_ROUTER", "REQ_CORRELATE", "REQ_RELAXED", "ROUTER_HANDOVER", "CONNECT_ROUTING_ID",
            "XPUB_NODROP", "XPUB_MANUAL", "XPUB_WELCOME_MSG", "STREAM_NOTIFY", "XPUB_VERBOSER",
            "VMCI_BUFFER_SIZE", "VMCI_BUFFER_MIN_SIZE", "VMCI_BUFFER_MAX_SIZE", "VMCI_CONNECT_TIMEOUT",
            "TCP_ACCEPT_FILTER", "IPC_FILTER_UID", "IPC_FILTER_GID", "IPC_FILTER_PID");

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static String inproc() {
        return "inproc://write-only-" + NAMES.incrementAndGet();
    }

    private Socket socket(SocketType type) {
        return zmq.socket(type).set(SocketOption.RCVTIMEO, PATIENCE_MS);
    }

    @Test
    void everyWriteOnlyOptionIsShown() {
        Set<String> writeOnly = new TreeSet<>();
        for (SocketOption<?> o : SocketOption.values()) {
            if (!o.isReadable() && !o.isDraft()) {
                writeOnly.add(o.name());
            }
        }
        assertEquals(new TreeSet<>(SHOWN), writeOnly);
        assertTrue(SHOWN.containsAll(SHOWN_ELSEWHERE));
    }

    // ------------------------------------------------------------ SUB

    @Test
    void subscribeAndUnsubscribeChangeWhatASubReceives() {
        String endpoint = inproc();
        try (Socket pub = socket(SocketType.PUB); Socket sub = socket(SocketType.SUB)) {
            pub.bind(endpoint);
            sub.connect(endpoint);
            assertTrue(sub.set(SocketOption.SUBSCRIBE, utf8("a")) == sub);
            publishUntilSeen(pub, sub, "a-warm");
            pub.send("b: not subscribed");
            pub.send("a: subscribed");
            assertEquals("a: subscribed", sub.receiveString());

            sub.set(SocketOption.UNSUBSCRIBE, utf8("a")).set(SocketOption.SUBSCRIBE, utf8("c"));
            // The unsubscription travels ahead of the new subscription on the same pipe.
            publishUntilSeen(pub, sub, "c-warm");
            pub.send("a: no longer subscribed");
            pub.send("c: last");
            assertEquals("c: last", sub.receiveString());
        }
    }

    /** Sends {@code marker} (and a message the subscription change must stop) until it arrives. */
    private static void publishUntilSeen(Socket pub, Socket sub, String marker) {
        sub.set(SocketOption.RCVTIMEO, 50);
        for (int i = 0; ; i++) {
            assertTrue(i < PATIENCE_MS / 50, marker + " never arrived");
            pub.send(marker);
            String got = sub.receiveString();
            if (marker.equals(got)) {
                break;
            }
        }
        while (sub.tryReceive() != null) {
            continue;
        }
        sub.set(SocketOption.RCVTIMEO, PATIENCE_MS);
    }

    // ------------------------------------------------------------ ROUTER, DEALER, REQ

    @Test
    void routerRawExchangesPlainTcpBytes() throws IOException {
        try (Socket router = socket(SocketType.ROUTER).set(SocketOption.ROUTER_RAW, true)) {
            router.bind("tcp://127.0.0.1:*");
            try (java.net.Socket client = plainConnect(router.lastEndpoint())) {
                client.getOutputStream().write(utf8("ping"));
                List<byte[]> m;
                do {
                    m = router.receiveMultipart();
                    assertNotNull(m, "nothing arrived");
                } while (m.get(1).length == 0); // connection notifications
                assertEquals("ping", text(m.get(1)));
                router.sendMore(m.get(0));
                router.send("pong");
                byte[] reply = client.getInputStream().readNBytes(4);
                assertEquals("pong", text(reply), "raw bytes, no ZMTP greeting");
            }
        }
    }

    @Test
    void probeRouterAnnouncesAConnectionWithAnEmptyMessage() {
        String endpoint = inproc();
        try (Socket router = socket(SocketType.ROUTER);
             Socket dealer = socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("probe"))
                     .set(SocketOption.PROBE_ROUTER, true)) {
            router.bind(endpoint);
            dealer.connect(endpoint);
            List<byte[]> m = router.receiveMultipart();
            assertEquals(List.of("probe", ""), m.stream().map(ZmqFixtures::text).toList());
        }
    }

    @Test
    void reqRelaxedAllowsANewRequestBeforeTheReply() {
        String endpoint = inproc();
        try (Socket router = socket(SocketType.ROUTER); Socket strict = socket(SocketType.REQ);
             Socket relaxed = socket(SocketType.REQ).set(SocketOption.REQ_RELAXED, true)) {
            router.bind(endpoint);
            strict.connect(endpoint);
            relaxed.connect(endpoint);
            strict.send("first");
            ZmqException e = assertThrows(ZmqException.class, () -> strict.send("second"));
            assertEquals(Errno.EFSM, e.errno());
            relaxed.send("first");
            assertTrue(relaxed.send("second"));
        }
    }

    @Test
    void reqCorrelateTagsRequestsAndDropsStaleReplies() {
        String endpoint = inproc();
        try (Socket router = socket(SocketType.ROUTER);
             Socket req = socket(SocketType.REQ).set(SocketOption.REQ_CORRELATE, true)) {
            router.bind(endpoint);
            req.connect(endpoint);
            req.send("question");
            List<byte[]> m = router.receiveMultipart();
            assertEquals(4, m.size(), "routing id, request id, delimiter, body");
            assertEquals(4, m.get(1).length, "a 32-bit request id");
            assertEquals("question", text(m.get(3)));
            byte[] stale = m.get(1).clone();
            stale[3]++;
            router.sendMultipart(List.of(m.get(0), stale, new byte[0], utf8("stale")));
            router.sendMultipart(List.of(m.get(0), m.get(1), new byte[0], utf8("answer")));
            assertEquals("answer", req.receiveString());
        }
    }

    @Test
    void routerHandoverGivesARoutingIdToTheNewestConnection() {
        String endpoint = inproc();
        try (Socket router = socket(SocketType.ROUTER).set(SocketOption.ROUTER_HANDOVER, true);
             Socket first = socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("w"));
             Socket second = socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("w"))) {
            router.bind(endpoint);
            first.connect(endpoint);
            first.send("one");
            assertEquals("one", text(router.receiveMultipart().get(1)));
            second.connect(endpoint);
            second.send("two");
            List<byte[]> m = router.receiveMultipart();
            assertNotNull(m, "without handover the second connection is ignored");
            assertEquals(List.of("w", "two"), m.stream().map(ZmqFixtures::text).toList());
            router.sendMore("w");
            router.send("back");
            assertEquals("back", second.receiveString());
        }
    }

    // ------------------------------------------------------------ XPUB

    @Test
    void xpubNodropRefusesInsteadOfDropping() {
        assertTrue(sendsUntilRefused(true) < 100_000);
        assertEquals(100_000, sendsUntilRefused(false), "a plain XPUB drops and never refuses");
    }

    /** How many messages an XPUB takes, without waiting, for a subscriber that does not read. */
    private int sendsUntilRefused(boolean nodrop) {
        String endpoint = inproc();
        try (Socket xpub = socket(SocketType.XPUB).set(SocketOption.SNDHWM, 2);
             Socket sub = socket(SocketType.SUB).set(SocketOption.RCVHWM, 2)) {
            xpub.set(SocketOption.XPUB_NODROP, nodrop).bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("");
            assertArrayEquals(new byte[] {1}, xpub.receive(), "the subscription");
            int sent = 0;
            while (sent < 100_000 && xpub.trySend("m")) {
                sent++;
            }
            return sent;
        }
    }

    @Test
    void xpubManualAppliesOnlyTheSubscriptionsTheApplicationSets() {
        String endpoint = inproc();
        if (!Zmq.version().atLeast(new Version(4, 3, 5))) {
            // Refused there: a manual subscription can name a subscriber that has gone (OptionHazards).
            try (Socket xpub = socket(SocketType.XPUB)) {
                assertThrows(UnsupportedOperationException.class, () -> xpub.set(SocketOption.XPUB_MANUAL, true));
                xpub.set(SocketOption.XPUB_MANUAL, false);
            }
            return;
        }
        try (Socket xpub = socket(SocketType.XPUB).set(SocketOption.XPUB_MANUAL, true);
             Socket sub = socket(SocketType.SUB)) {
            xpub.bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("a");
            assertEquals("\u0001a", xpub.receiveString());
            xpub.send("a1: not yet applied");
            xpub.set(SocketOption.SUBSCRIBE, utf8("a"));
            xpub.send("a2: applied");
            assertEquals("a2: applied", sub.receiveString());
        }
    }

    @Test
    void xpubWelcomeMessageGreetsEachNewSubscriber() {
        String endpoint = inproc();
        try (Socket xpub = socket(SocketType.XPUB).set(SocketOption.XPUB_WELCOME_MSG, utf8("welcome"));
             Socket sub = socket(SocketType.SUB)) {
            xpub.bind(endpoint);
            sub.subscribe("wel");
            sub.connect(endpoint);
            // The XPUB attaches the new pipe, and writes the welcome, when it next does anything.
            assertEquals("\u0001wel", xpub.receiveString());
            assertEquals("welcome", sub.receiveString());
        }
    }

    @Test
    void xpubVerboserPassesOnEveryUnsubscription() {
        String endpoint = inproc();
        try (Socket xpub = socket(SocketType.XPUB).set(SocketOption.XPUB_VERBOSER, true);
             Socket one = socket(SocketType.SUB); Socket two = socket(SocketType.SUB)) {
            xpub.bind(endpoint);
            one.connect(endpoint);
            two.connect(endpoint);
            one.subscribe("t");
            two.subscribe("t");
            assertEquals(List.of("\u0001t", "\u0001t"), receive(xpub, 2));
            one.unsubscribe("t");
            two.unsubscribe("t");
            assertEquals(List.of("\u0000t", "\u0000t"), receive(xpub, 2), "a plain XPUB passes on only the last");
        }
    }

    private static List<String> receive(Socket s, int n) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(s.receiveString());
        }
        Collections.sort(got, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        return got;
    }

    // ------------------------------------------------------------ STREAM

    @Test
    void streamNotifyDecidesWhetherConnectionsAreAnnounced() throws IOException {
        assertEquals("", firstPayloadFromStream(true), "a connection announces itself with an empty frame");
        assertEquals("data", firstPayloadFromStream(false));
    }

    private String firstPayloadFromStream(boolean notify) throws IOException {
        try (Socket stream = socket(SocketType.STREAM).set(SocketOption.STREAM_NOTIFY, notify)) {
            stream.bind("tcp://127.0.0.1:*");
            try (java.net.Socket client = plainConnect(stream.lastEndpoint())) {
                client.getOutputStream().write(utf8("data"));
                return text(stream.receiveMultipart().get(1));
            }
        }
    }

    // ------------------------------------------------------------ transports

    @Test
    @SuppressWarnings("deprecation")
    void vmciOptionsNeedALibzmqBuiltWithVmci() {
        assertFalse(Zmq.has("vmci"), "this test expects Debian's libzmq, built without VMCI");
        try (Socket s = socket(SocketType.DEALER)) {
            for (SocketOption<?> o : List.of(SocketOption.VMCI_BUFFER_SIZE, SocketOption.VMCI_BUFFER_MIN_SIZE,
                    SocketOption.VMCI_BUFFER_MAX_SIZE, SocketOption.VMCI_CONNECT_TIMEOUT)) {
                assertFalse(o.isSupported());
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> SocketOptionRoundTripTest.setSample(s, o));
                assertTrue(e.getMessage().contains(o.name()) && e.getMessage().contains("vmci"), e.getMessage());
            }
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void tcpAcceptFilterClosesConnectionsFromOtherAddresses() throws IOException {
        try (Socket open = socket(SocketType.PULL).set(SocketOption.TCP_ACCEPT_FILTER, "127.0.0.1");
             Socket closed = socket(SocketType.PULL).set(SocketOption.TCP_ACCEPT_FILTER, "10.11.12.13");
             Socket cleared = socket(SocketType.PULL).set(SocketOption.TCP_ACCEPT_FILTER, "10.11.12.13")
                     .set(SocketOption.TCP_ACCEPT_FILTER, "")) {
            open.bind("tcp://127.0.0.1:*");
            closed.bind("tcp://127.0.0.1:*");
            cleared.bind("tcp://127.0.0.1:*");
            assertTrue(greets(open.lastEndpoint()));
            assertFalse(greets(closed.lastEndpoint()), "a filtered address was accepted");
            assertTrue(greets(cleared.lastEndpoint()), "an empty filter clears the list");
            ZmqException e = assertThrows(ZmqException.class,
                    () -> open.set(SocketOption.TCP_ACCEPT_FILTER, "not-an-address"));
            assertTrue(e.getMessage().contains("TCP_ACCEPT_FILTER") && e.getMessage().contains("not-an-address"));
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void ipcFiltersAdmitOnlyTheListedUserGroupAndProcess(@TempDir Path dir) throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        int pid = (int) ProcessHandle.current().pid();
        assertEquals(List.of(true, false), ipcAdmits(dir, SocketOption.IPC_FILTER_UID, uid));
        assertEquals(List.of(true, false), ipcAdmits(dir, SocketOption.IPC_FILTER_GID, gid));
        assertEquals(List.of(true, false), ipcAdmits(dir, SocketOption.IPC_FILTER_PID, pid));
    }

    /** Whether this process may connect with the filter set to {@code own}, then to another id. */
    private List<Boolean> ipcAdmits(Path dir, SocketOption<Integer> filter, int own) throws IOException {
        List<Boolean> admitted = new ArrayList<>();
        for (int id : new int[] {own, own + 1}) {
            Path path = dir.resolve(filter.name() + "-" + id);
            try (Socket pull = socket(SocketType.PULL).set(filter, id)) {
                pull.bind("ipc://" + path);
                admitted.add(greets(UnixDomainSocketAddress.of(path)));
            }
        }
        return admitted;
    }

    // ------------------------------------------------------------ plain clients

    private static java.net.Socket plainConnect(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        java.net.Socket s = new java.net.Socket();
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), PATIENCE_MS);
        s.setSoTimeout(PATIENCE_MS);
        return s;
    }

    /** Whether libzmq starts a ZMTP greeting on a new TCP connection, rather than closing it. */
    private static boolean greets(String endpoint) throws IOException {
        try (java.net.Socket s = plainConnect(endpoint)) {
            InputStream in = s.getInputStream();
            return in.read() == 0xFF;
        } catch (java.net.SocketException reset) {
            return false;
        }
    }

    /** The same for an ipc endpoint; a blocked read is ended by the test's timeout. */
    private static boolean greets(UnixDomainSocketAddress address) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(address);
            ByteBuffer one = ByteBuffer.allocate(1);
            return channel.read(one) == 1 && one.get(0) == (byte) 0xFF;
        } catch (java.net.SocketException reset) {
            return false;
        }
    }
}
