package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tcp between two network namespaces ({@link NetnsPair}) when the network misbehaves: a slow
 * link (tc's token bucket filter), a 10 s partition (the veth taken down and up), and a peer
 * that vanishes without a FIN (killed while the link is down). Both ends are child JVMs playing
 * {@link PeerRoles}; the test shapes the link and asserts on what they report.
 */
@Timeout(180)
class NetnsTcpFaultTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration PARTITION = Duration.ofSeconds(10);
    /** ZMTP heartbeats as in the report of the libzmq abort: a PING every 500 ms, 2 s to answer. */
    private static final String[] HEARTBEATS = {"RCVHWM=0", "HEARTBEAT_IVL=500", "HEARTBEAT_TIMEOUT=2000",
            "HEARTBEAT_TTL=2000", "RECONNECT_IVL=100", "RECONNECT_IVL_MAX=1000"};

    /** A role's command line: the role, then socket options, then its parameters. */
    private static String[] role(String role, String[] options, String... params) {
        List<String> all = new ArrayList<>(List.of(role));
        all.addAll(List.of(options));
        all.addAll(List.of(params));
        return all.toArray(String[]::new);
    }

    private static String endpoint(NetnsPair.Side side, int port) {
        return "tcp://" + side.address() + ":" + port;
    }

    @Test
    void overASlowLinkEveryLazyPirateAndHeartbeatingDealerRequestGetsItsOwnReply() {
        try (NetnsPair net = NetnsPair.create()) {
            net.rateLimit("2mbit");
            PeerProcess pirateServer = net.b().java(PeerRoles.class, "server", "bind=" + endpoint(net.b(), 5555),
                    "answer=2");
            PeerProcess dealerServer = net.b().java(PeerRoles.class, role("server", HEARTBEATS,
                    "bind=" + endpoint(net.b(), 5556)));
            pirateServer.awaitLine("bound ", STARTUP);
            dealerServer.awaitLine("bound ", STARTUP);
            // 4 KB requests and replies through 2 Mbit/s: 16 ms each way at best, more behind the DEALER's.
            PeerProcess pirate = net.a().java(PeerRoles.class, "lazy-pirate", "connect=" + endpoint(net.b(), 5555),
                    "count=10", "size=4096", "timeout=500");
            PeerProcess dealer = net.a().java(PeerRoles.class, role("dealer-client", HEARTBEATS,
                    "connect=" + endpoint(net.b(), 5556), "count=100", "size=4096", "window=20"));

            Map<String, Long> pirated = pirate.awaitSummary(STARTUP);
            assertEquals(Map.of("completed", 10L, "mismatched", 0L), Map.of("completed", pirated.get("completed"),
                    "mismatched", pirated.get("mismatched")), pirated::toString);
            assertTrue(pirated.get("retries") >= 10, "the server drops every other request, yet only "
                    + pirated.get("retries") + " were retried");
            assertEquals(Map.of("completed", 100L, "mismatched", 0L), dealer.awaitSummary(STARTUP));
            assertTrue(dealer.printed().stream().noneMatch(line -> line.contains("DISCONNECTED")),
                    () -> "heartbeats gave up on a slow but working link: " + dealer.printed());
        }
    }

    /** The monitor events {@code peer} printed for the socket it calls {@code label}, in order. */
    private static List<String> events(PeerProcess peer, String label) {
        return peer.printed().stream().filter(line -> line.startsWith("event " + label + " "))
                .map(line -> line.split(" ")[2]).toList();
    }

    /** Fails unless {@code events} holds {@code expected} in this order (other events may come between). */
    private static void assertInOrder(List<String> events, String... expected) {
        int next = 0;
        for (String event : events) {
            if (next < expected.length && event.equals(expected[next])) {
                next++;
            }
        }
        assertEquals(expected.length, next, () -> "expected " + List.of(expected) + " in order, got " + events);
    }

    @Test
    void aTenSecondPartitionIsBridgedByTcpAndRebuiltByHeartbeatsAndALazyPirateFinishes() {
        int frames = 10_000;
        try (NetnsPair net = NetnsPair.create()) {
            net.rateLimit("20mbit");
            PeerProcess plainPull = net.b().java(PeerRoles.class, "pull", "bind=" + endpoint(net.b(), 5560),
                    "count=" + frames);
            PeerProcess beatingPull = net.b().java(PeerRoles.class, role("pull", HEARTBEATS,
                    "bind=" + endpoint(net.b(), 5561), "count=" + frames));
            PeerProcess server = net.b().java(PeerRoles.class, role("server", HEARTBEATS,
                    "bind=" + endpoint(net.b(), 5562)));
            for (PeerProcess bound : List.of(plainPull, beatingPull, server)) {
                bound.awaitLine("bound ", STARTUP);
            }
            // The stream of the libzmq abort's report: 2,000 frames a second through 20 Mbit/s.
            PeerProcess plainPush = net.a().java(PeerRoles.class, "push", "connect=" + endpoint(net.b(), 5560),
                    "count=" + frames, "rate=2000", "size=500");
            PeerProcess beatingPush = net.a().java(PeerRoles.class, role("push", HEARTBEATS,
                    "connect=" + endpoint(net.b(), 5561), "count=" + frames, "rate=2000", "size=500"));
            PeerProcess pirate = net.a().java(PeerRoles.class, role("lazy-pirate", HEARTBEATS,
                    "connect=" + endpoint(net.b(), 5562), "count=100", "pace=50", "timeout=500"));
            plainPull.awaitLine("received 2000 ", STARTUP);
            beatingPull.awaitLine("received 2000 ", STARTUP);
            pirate.awaitLine("completed 10 ", STARTUP);

            net.partition();
            LockSupport.parkNanos(PARTITION.toNanos());
            net.heal();

            Duration recovery = Duration.ofSeconds(60);
            assertEquals(Map.of("received", (long) frames, "lost", 0L, "reordered", 0L, "last", frames - 1L),
                    plainPull.awaitSummary(recovery), "without heartbeats tcp bridges the partition: nothing lost");
            assertTrue(events(plainPull, "pull").stream().noneMatch(e -> e.equals("DISCONNECTED")),
                    () -> "plain tcp dropped the connection: " + events(plainPull, "pull"));

            Map<String, Long> beating = beatingPull.awaitSummary(recovery);
            assertEquals(0L, beating.get("reordered"), beating::toString);
            assertEquals(frames - 1L, beating.get("last"), "the stream did not resume: " + beating);
            assertTrue(beating.get("lost") > 0, "the torn-down connection took frames with it, yet none were lost");
            assertInOrder(events(beatingPull, "pull"), "ACCEPTED", "DISCONNECTED", "ACCEPTED", "HANDSHAKE_SUCCEEDED");
            assertInOrder(events(beatingPush, "push"), "CONNECTED", "DISCONNECTED", "CONNECTED",
                    "HANDSHAKE_SUCCEEDED");

            Map<String, Long> pirated = pirate.awaitSummary(recovery);
            assertEquals(100L, pirated.get("completed"), pirated::toString);
            assertEquals(0L, pirated.get("mismatched"), pirated::toString);
            assertTrue(pirated.get("retries") > 0, "no request timed out across a 10 s partition");
            System.out.printf("NetnsTcpFaultTest partition %s: heartbeats dropped %d of %d frames; "
                    + "the Lazy Pirate retried %d times%n", PARTITION, beating.get("lost"), frames,
                    pirated.get("retries"));
        }
    }

    /** Milliseconds from the mark to the first DISCONNECTED {@code label} reported, waiting up to {@code patience}. */
    private static long disconnectedAfterMark(PeerProcess watcher, String label, long mark, Duration patience) {
        long at = Long.parseLong(watcher.awaitLine("event " + label + " DISCONNECTED ", patience).strip());
        return at - mark;
    }

    @Test
    void heartbeatsAndKeepAliveNoticeAPeerThatVanishedWithoutAFinWherePlainTcpDoesNot() {
        try (NetnsPair net = NetnsPair.create()) {
            PeerProcess server = net.b().java(PeerRoles.class, "server", "bind=" + endpoint(net.b(), 5570));
            server.awaitLine("bound ", STARTUP);
            PeerProcess watcher = net.a().java(PeerRoles.class, "watch", "connect=" + endpoint(net.b(), 5570));
            watcher.awaitLine("ready", STARTUP);

            // No FIN, no reset can reach the watcher: the link is down when the server dies.
            net.partition();
            server.kill();
            watcher.tell("mark");
            long mark = Long.parseLong(watcher.awaitLine("mark ").strip());
            // HEARTBEAT_TIMEOUT 1000 ms; keep-alive: 1 s idle, then 2 probes 1 s apart.
            Duration patience = Duration.ofSeconds(30);
            long heartbeat = disconnectedAfterMark(watcher, "heartbeat", mark, patience);
            long keepAlive = disconnectedAfterMark(watcher, "keepalive", mark, patience);
            assertTrue(events(watcher, "plain").stream().noneMatch(e -> e.equals("DISCONNECTED")),
                    () -> "plain tcp noticed a silent peer: " + events(watcher, "plain"));
            System.out.printf("NetnsTcpFaultTest vanished peer: heartbeats noticed after %d ms, TCP keep-alive after "
                    + "%d ms, plain tcp not at all%n", heartbeat, keepAlive);
            net.heal();
        }
    }
}
