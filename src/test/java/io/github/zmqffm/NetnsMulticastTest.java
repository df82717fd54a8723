package io.github.zmqffm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUB/SUB over the multicast transports (pgm, epgm, norm) between two network namespaces
 * ({@link NetnsPair}), or inside one: delivery, and what the multicast options do on the wire.
 * Publisher and subscribers are child JVMs ({@link PeerRoles}); a raw-socket sniffer in Python
 * reads the IP headers of what arrives. pgm needs raw sockets, which the namespaces' root has.
 */
@Timeout(120)
class NetnsMulticastTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    /** Starts a SUB in {@code side} connected to {@code endpoint}; returns once it has connected. */
    private static PeerProcess subscriber(NetnsPair.Side side, String endpoint, String... args) {
        return connected(side.java(PeerRoles.class, with("subscriber", "connect=" + endpoint, args)));
    }

    /** Starts a PUB in {@code side} connected to {@code endpoint}; returns once it has connected. */
    private static PeerProcess publisher(NetnsPair.Side side, String endpoint, String... args) {
        return connected(side.java(PeerRoles.class, with("publisher", "connect=" + endpoint, args)));
    }

    private static String[] with(String role, String connect, String... args) {
        List<String> all = new ArrayList<>(List.of(role, connect));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static PeerProcess connected(PeerProcess peer) {
        peer.awaitLine("connected", STARTUP);
        return peer;
    }

    /** Lets {@code pub} send its frames once each of {@code subs} has heard its probes. */
    private static void go(PeerProcess pub, PeerProcess... subs) {
        for (PeerProcess sub : subs) {
            sub.awaitLine("joined", STARTUP);
        }
        pub.tell("go");
    }

    /** Fails unless {@code summary} says every one of {@code count} frames came, in order. */
    private static void assertAllArrived(int count, Map<String, Long> summary) {
        assertEquals(List.of((long) count, 0L, 0L, count - 1L), List.of(summary.get("received"),
                summary.get("lost"), summary.get("reordered"), summary.get("last")), summary::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epgm", "pgm", "norm"})
    void aSubscriberInTheOtherNamespaceGetsEveryMessage(String transport) {
        // zmq_has knows "pgm" for both: epgm is pgm encapsulated in udp.
        String capability = transport.equals("epgm") ? "pgm" : transport;
        Assumptions.assumeTrue(Zmq.has(capability), () -> "libzmq was built without " + capability);
        try (NetnsPair net = NetnsPair.create()) {
            // The interface by name on one side, by address on the other: OpenPGM and NORM take both.
            String group = ";239.192.1.1:5555";
            PeerProcess sub = subscriber(net.b(), transport + "://" + net.b().address() + group, "count=50");
            PeerProcess pub = publisher(net.a(), transport + "://" + net.a().device() + group, "count=50",
                    "size=100");
            go(pub, sub);
            assertAllArrived(50, sub.awaitSummary(STARTUP));
        }
    }

    @Test
    void epgmWorksInsideOneNamespaceThroughItsLoopback() {
        try (NetnsPair net = NetnsPair.create()) {
            net.a().multicastOnLoopback();
            String group = ";239.192.1.5:5559";
            // By address: OpenPGM 5.3 refuses the name "lo" (EINVAL), and warns that 127.0.0.1 is a loopback.
            PeerProcess sub = subscriber(net.a(), "epgm://127.0.0.1" + group, "count=50");
            PeerProcess pub = publisher(net.a(), "epgm://127.0.0.1" + group, "count=50", "size=100");
            go(pub, sub);
            assertAllArrived(50, sub.awaitSummary(STARTUP));
        }
    }

    @Test
    void rateHopsAndMaxTpduShapeWhatGoesOnTheWireAndNothingLoopsBackToThePublishersHost() {
        try (NetnsPair net = NetnsPair.create()) {
            String group = "239.192.1.2";
            String endpoint = ";" + group + ":5556";
            PeerProcess sniffer = net.b().python("network_peer.py", "sniff", "17", group);
            sniffer.awaitLine("sniffing", STARTUP);
            PeerProcess sub = subscriber(net.b(), "epgm://" + net.b().address() + endpoint, "count=20", "quiet=5000");
            // On the publisher's own host: libzmq turns multicast loopback off for pgm and epgm.
            // MULTICAST_LOOP is for the udp transport, and a draft option (refused without the draft API).
            PeerProcess local = subscriber(net.a(), "epgm://" + net.a().address() + endpoint, "count=20");
            // 50 kbit/s, half libzmq's default: a RATE that is not applied shows as a faster stream.
            PeerProcess pub = publisher(net.a(), "epgm://" + net.a().address() + endpoint, "count=20", "size=1000",
                    "SNDHWM=0", "RATE=50", "MULTICAST_HOPS=7", "MULTICAST_MAXTPDU=600");
            go(pub, sub);
            Map<String, Long> got = sub.awaitSummary(STARTUP);
            assertAllArrived(20, got);
            local.tell("stop");
            sniffer.tell("stop");
            Map<String, Long> wire = sniffer.awaitSummary(STARTUP);
            assertEquals(0L, local.awaitSummary(STARTUP).get("received"),
                    "multicast looped back to the publisher's host");
            assertFalse(local.printed().contains("joined"), "multicast looped back to the publisher's host");

            // The data packets from the middle of the stream on (past the rate limiter's first
            // burst), timed by the kernel as they arrived, so that no process's scheduling
            // crowds them together: a slower machine can only make the stream slower.
            assertTrue(wire.get("kbps") <= 50 * 5 / 4, () -> "RATE 50 kbit/s, but the data came at "
                    + wire.get("kbps") + " kbit/s");
            assertEquals(List.of(7L, 7L), List.of(wire.get("minttl"), wire.get("maxttl")),
                    () -> "MULTICAST_HOPS 7 is the IP TTL: " + wire);
            assertTrue(wire.get("maxlength") <= 600, () -> "MULTICAST_MAXTPDU 600 bounds each packet: " + wire);
            assertTrue(wire.get("packets") >= 40, () -> "1,000-byte messages in 600-byte packets: " + wire);
            System.out.printf("NetnsMulticastTest options: at RATE 50 the subscriber got %s kbit/s of payload; "
                    + "wire: %s%n", got.get("kbps"), wire);
        }
    }

    @Test
    void recoveryIvlDecidesWhetherAReceiverSkipsALossOrWaitsForItsRepair() {
        try (NetnsPair net = NetnsPair.create()) {
            // RECOVERY_IVL with RATE sizes both windows: 300 ms at 1 Mbit/s is 25 packets of
            // 1,500 bytes, 10 s is 833; a second without packets loses about 100.
            String shortWindow = ";239.192.1.3:5557";
            String longWindow = ";239.192.1.4:5558";
            String[] stream = {"count=300", "size=200", "pace=10", "report=50", "RATE=1000"};
            PeerProcess skipping = subscriber(net.b(), "epgm://" + net.b().address() + shortWindow,
                    concat(stream, "RECOVERY_IVL=300"));
            PeerProcess waiting = subscriber(net.b(), "epgm://" + net.b().address() + longWindow,
                    concat(stream, "RECOVERY_IVL=10000"));
            PeerProcess shortPub = publisher(net.a(), "epgm://" + net.a().address() + shortWindow,
                    concat(stream, "RECOVERY_IVL=300"));
            PeerProcess longPub = publisher(net.a(), "epgm://" + net.a().address() + longWindow,
                    concat(stream, "RECOVERY_IVL=10000"));
            go(shortPub, skipping);
            go(longPub, waiting);
            skipping.awaitLine("received 100 ", STARTUP);
            waiting.awaitLine("received 100 ", STARTUP);
            net.dropAll(net.a(), true);
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            net.dropAll(net.a(), false);

            Map<String, Long> skipped = skipping.awaitSummary(STARTUP);
            assertTrue(skipped.get("lost") > 0, () -> "nothing lost in a second without packets: " + skipped);
            assertEquals(299L, skipped.get("last"), () -> "the short window did not move past the loss: " + skipped);
            assertEquals(0L, skipped.get("reordered"), skipped::toString);
            Map<String, Long> waited = waiting.awaitSummary(STARTUP);
            assertEquals(0L, waited.get("lost"), () -> "a loss inside the window was passed over: " + waited);
            System.out.printf("NetnsMulticastTest recovery: RECOVERY_IVL 300 ms skipped the loss (%s); 10 s waited "
                    + "for a repair (%s)%n", skipped, waited);
        }
    }

    private static String[] concat(String[] first, String more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + 1);
        all[first.length] = more;
        return all;
    }
}
