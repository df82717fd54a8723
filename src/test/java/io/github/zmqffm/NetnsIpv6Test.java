package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static io.github.zmqffm.ZmqFixtures.assertZmqError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tcp over IPv6: on this host's loopback ({@code [::1]}) and between two network namespaces
 * ({@link NetnsPair}) over unique local addresses. A socket speaks IPv6 only with the IPV6
 * option set, and the endpoint {@link Socket#lastEndpoint()} reports after a bind is one a peer
 * can connect to as it is.
 */
@Timeout(60)
class NetnsIpv6Test {
    private static final Duration PATIENCE = Duration.ofSeconds(PATIENCE_SECONDS);

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void withoutTheIpv6OptionASocketCannotBindAnIpv6Address() {
        assertZmqError(Errno.ENODEV, () -> zmq.socket(SocketType.PULL).bind("tcp://[::1]:*"));
    }

    /** Binds with IPV6, checks the reported endpoint, and sends through it from a socket with {@code peerIpv6}. */
    @ParameterizedTest(name = "{0} reports {1}, reached by a peer with IPV6 {2}")
    @CsvSource({
            "tcp://[::1]:*, tcp://[::1]:, true",
            // The wildcard's "[::]" names this host, for IPv6 peers (see the dual stack test).
            "tcp://*:*, tcp://[::]:, true",
            // An IPv4 address on an IPv6 socket is reported in its IPv4-mapped form, which libzmq
            // resolves for IPv4-only peers too.
            "tcp://127.0.0.1:*, tcp://[::ffff:127.0.0.1]:, true",
            "tcp://127.0.0.1:*, tcp://[::ffff:127.0.0.1]:, false"})
    void theEndpointABindReportsIsOneAPeerCanConnectTo(String bind, String reportedPrefix, boolean peerIpv6) {
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.IPV6, true).bind(bind);
        String reported = pull.lastEndpoint();
        assertTrue(reported.matches(java.util.regex.Pattern.quote(reportedPrefix) + "\\d+"), reported);
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.IPV6, peerIpv6).connect(reported);
        assertTrue(push.send("over " + reported, false, PATIENCE));
        assertEquals("over " + reported, pull.receiveString(PATIENCE));
    }

    @Test
    void theWildcardOfAnIpv6SocketTakesIpv4PeersAtTheSamePort() {
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.IPV6, true).bind("tcp://*:*");
        String port = pull.lastEndpoint().substring(pull.lastEndpoint().lastIndexOf(':') + 1);
        Socket push = zmq.socket(SocketType.PUSH).connect("tcp://127.0.0.1:" + port);
        assertTrue(push.send("over IPv4", false, PATIENCE));
        assertEquals("over IPv4", pull.receiveString(PATIENCE));
    }

    @Test
    void betweenNamespacesOverUniqueLocalAddressesEveryFrameArrives() {
        try (NetnsPair net = NetnsPair.create()) {
            PeerProcess pull = net.b().java(PeerRoles.class, "pull", "IPV6=true",
                    "bind=tcp://[" + net.b().address6() + "]:*", "count=1000");
            String endpoint = pull.awaitLine("bound ", Duration.ofSeconds(60));
            assertTrue(endpoint.matches("tcp://\\[fd00:200::2\\]:\\d+"), endpoint);
            net.a().java(PeerRoles.class, "push", "IPV6=true", "connect=" + endpoint, "count=1000", "rate=100000");
            assertEquals(Map.of("received", 1000L, "lost", 0L, "reordered", 0L, "last", 999L),
                    pull.awaitSummary(Duration.ofSeconds(60)));
        }
    }
}
