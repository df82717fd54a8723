package io.github.zmqffm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every readable and writable socket option, set to a value other than its default on a socket
 * type that accepts it, reads back equal; read-only options read sensible values and refuse
 * writes; draft options are refused because this libzmq has no draft API.
 */
@Timeout(30)
class SocketOptionRoundTripTest {
    private static Context ctx;

    @BeforeAll
    static void open() {
        ctx = new Context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + 7 * i);
        }
        return k;
    }

    /** Option, a socket type where libzmq accepts it, and a value that is not the default. */
    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of(SocketOption.AFFINITY, SocketType.DEALER, 3L),
                Arguments.of(SocketOption.ROUTING_ID, SocketType.DEALER, bytes("worker-1")),
                Arguments.of(SocketOption.RATE, SocketType.PUB, 250),
                Arguments.of(SocketOption.RECOVERY_IVL, SocketType.PUB, 5_000),
                Arguments.of(SocketOption.SNDBUF, SocketType.PUSH, 65_536),
                Arguments.of(SocketOption.RCVBUF, SocketType.PULL, 131_072),
                Arguments.of(SocketOption.LINGER, SocketType.PUSH, 1_234),
                Arguments.of(SocketOption.RECONNECT_IVL, SocketType.DEALER, 250),
                Arguments.of(SocketOption.BACKLOG, SocketType.ROUTER, 50),
                Arguments.of(SocketOption.RECONNECT_IVL_MAX, SocketType.DEALER, 5_000),
                Arguments.of(SocketOption.MAXMSGSIZE, SocketType.PULL, 1L << 20),
                Arguments.of(SocketOption.SNDHWM, SocketType.PUSH, 77),
                Arguments.of(SocketOption.RCVHWM, SocketType.PULL, 88),
                Arguments.of(SocketOption.MULTICAST_HOPS, SocketType.PUB, 4),
                Arguments.of(SocketOption.RCVTIMEO, SocketType.PULL, 321),
                Arguments.of(SocketOption.SNDTIMEO, SocketType.PUSH, 432),
                Arguments.of(SocketOption.TCP_KEEPALIVE, SocketType.DEALER, 1),
                Arguments.of(SocketOption.TCP_KEEPALIVE_CNT, SocketType.DEALER, 5),
                Arguments.of(SocketOption.TCP_KEEPALIVE_IDLE, SocketType.DEALER, 60),
                Arguments.of(SocketOption.TCP_KEEPALIVE_INTVL, SocketType.DEALER, 10),
                Arguments.of(SocketOption.IMMEDIATE, SocketType.PUSH, true),
                Arguments.of(SocketOption.IPV6, SocketType.REP, true),
                Arguments.of(SocketOption.PLAIN_SERVER, SocketType.REP, true),
                Arguments.of(SocketOption.PLAIN_USERNAME, SocketType.REQ, "admin"),
                Arguments.of(SocketOption.PLAIN_PASSWORD, SocketType.REQ, "s3cret"),
                Arguments.of(SocketOption.CURVE_SERVER, SocketType.REP, true),
                Arguments.of(SocketOption.CURVE_PUBLICKEY, SocketType.REQ, key(1)),
                Arguments.of(SocketOption.CURVE_SECRETKEY, SocketType.REQ, key(2)),
                Arguments.of(SocketOption.CURVE_SERVERKEY, SocketType.REQ, key(3)),
                Arguments.of(SocketOption.CONFLATE, SocketType.PULL, true),
                Arguments.of(SocketOption.ZAP_DOMAIN, SocketType.REP, "global"),
                Arguments.of(SocketOption.TOS, SocketType.DEALER, 0x28),
                Arguments.of(SocketOption.GSSAPI_SERVER, SocketType.REP, true),
                Arguments.of(SocketOption.GSSAPI_PRINCIPAL, SocketType.REQ, "client@EXAMPLE.COM"),
                Arguments.of(SocketOption.GSSAPI_SERVICE_PRINCIPAL, SocketType.REQ, "zmq/host@EXAMPLE.COM"),
                Arguments.of(SocketOption.GSSAPI_PLAINTEXT, SocketType.REQ, true),
                Arguments.of(SocketOption.HANDSHAKE_IVL, SocketType.DEALER, 1_000),
                Arguments.of(SocketOption.SOCKS_PROXY, SocketType.DEALER, "127.0.0.1:1080"),
                Arguments.of(SocketOption.INVERT_MATCHING, SocketType.SUB, true),
                Arguments.of(SocketOption.HEARTBEAT_IVL, SocketType.PUSH, 1_000),
                Arguments.of(SocketOption.HEARTBEAT_TTL, SocketType.DEALER, 2_000),
                Arguments.of(SocketOption.HEARTBEAT_TIMEOUT, SocketType.DEALER, 3_000),
                Arguments.of(SocketOption.CONNECT_TIMEOUT, SocketType.DEALER, 1_500),
                Arguments.of(SocketOption.TCP_MAXRT, SocketType.DEALER, 2_500),
                Arguments.of(SocketOption.MULTICAST_MAXTPDU, SocketType.PUB, 1_400),
                Arguments.of(SocketOption.USE_FD, SocketType.PULL, 42),
                Arguments.of(SocketOption.GSSAPI_PRINCIPAL_NAMETYPE, SocketType.REQ, 1),
                Arguments.of(SocketOption.GSSAPI_SERVICE_PRINCIPAL_NAMETYPE, SocketType.REQ, 2),
                Arguments.of(SocketOption.BINDTODEVICE, SocketType.DEALER, "lo"),
                Arguments.of(deprecatedIpv4Only(), SocketType.REP, false));
    }

    @SuppressWarnings("deprecation")
    private static SocketOption<Boolean> deprecatedIpv4Only() {
        return SocketOption.IPV4ONLY;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("roundTrips")
    <T> void setThenGetReturnsTheValue(SocketOption<T> option, SocketType type, T value) {
        try (Socket s = ctx.socket(type)) {
            T before = s.get(option);
            assertFalse(same(before, value), option + " already had the test value " + before);
            assertTrue(s.set(option, value) == s, "set returns the socket");
            T after = s.get(option);
            assertTrue(same(value, after), option + ": set " + show(value) + ", got " + show(after));
        }
    }

    private static boolean same(Object a, Object b) {
        return a instanceof byte[] x && b instanceof byte[] y ? java.util.Arrays.equals(x, y) : a.equals(b);
    }

    private static String show(Object v) {
        return v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v);
    }

    @Test
    void theTableCoversEveryReadableWritableStableOption() {
        Set<SocketOption<?>> covered = new HashSet<>();
        roundTrips().forEach(a -> covered.add((SocketOption<?>) a.get()[0]));
        List<SocketOption<?>> missing = new ArrayList<>();
        for (SocketOption<?> o : SocketOption.values()) {
            if (o.isReadable() && o.isWritable() && !o.isDraft() && !covered.contains(o)) {
                missing.add(o);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void draftOptionsAreRefusedWithoutTheDraftApi() {
        assertFalse(Zmq.hasDraftApi(), "this test expects Debian's libzmq, built without the draft API");
        int drafts = 0;
        try (Socket s = ctx.socket(SocketType.DEALER)) {
            for (SocketOption<?> o : SocketOption.values()) {
                if (!o.isDraft()) {
                    continue;
                }
                drafts++;
                assertFalse(o.isSupported(), o.name());
                if (o.isReadable()) {
                    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> s.get(o));
                    assertTrue(e.getMessage().contains(o.name()) && e.getMessage().contains("draft"), e.getMessage());
                }
                if (o.isWritable()) {
                    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                            () -> setSample(s, o));
                    assertTrue(e.getMessage().contains(o.name()) && e.getMessage().contains("draft"), e.getMessage());
                }
            }
        }
        assertEquals(20, drafts, "zmq.h 4.3.4 has 20 draft socket options");
    }

    /** Sets a plausible value of the option's type. */
    @SuppressWarnings("unchecked")
    static void setSample(Socket s, SocketOption<?> o) {
        Object v = switch (o.spec().kind()) {
            case INT, DESCRIPTOR -> 1;
            case LONG -> 1L;
            case BOOL -> true;
            case BYTES, CURVE_KEY -> new byte[32];
            case STRING -> "X-sample:1";
            case SOCKET_TYPE -> SocketType.PAIR;
        };
        s.set((SocketOption<Object>) o, v);
    }

    @Test
    void readOnlyOptionsReadSensibleValuesAndRefuseWrites() throws Exception {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");
            String endpoint = pull.get(SocketOption.LAST_ENDPOINT);
            assertTrue(endpoint.startsWith("tcp://127.0.0.1:"), endpoint);
            assertNotEquals("tcp://127.0.0.1:*", endpoint);
            push.connect(endpoint);
            assertEquals(SocketType.PULL, pull.get(SocketOption.TYPE));
            assertEquals(SocketType.PUSH, push.get(SocketOption.TYPE));
            assertTrue(pull.get(SocketOption.FD) >= 0);
            assertEquals(0, pull.get(SocketOption.MECHANISM));
            assertFalse(pull.get(SocketOption.THREAD_SAFE));
            assertTrue(push.send("a"));
            assertEquals("a", pull.receiveString());
            assertFalse(pull.get(SocketOption.RCVMORE));
            assertEquals(0, pull.get(SocketOption.EVENTS) & 1, "nothing more to read");
            assertEquals(2, push.get(SocketOption.EVENTS) & 2, "a connected PUSH can send");
            for (SocketOption<?> o : SocketOption.values()) {
                if (!o.isWritable()) {
                    assertThrows(IllegalArgumentException.class, () -> setSample(pull, o), o.name());
                }
            }
        }
    }

    @Test
    void mechanismFollowsTheSecurityOptions() {
        try (Socket plain = ctx.socket(SocketType.REQ); Socket curve = ctx.socket(SocketType.REP)) {
            plain.set(SocketOption.PLAIN_USERNAME, "u");
            assertEquals(1, plain.get(SocketOption.MECHANISM));
            curve.set(SocketOption.CURVE_SERVER, true);
            assertEquals(2, curve.get(SocketOption.MECHANISM));
        }
    }

    @Test
    void heartbeatTtlIsKeptInTenthsOfASecond() {
        try (Socket s = ctx.socket(SocketType.DEALER)) {
            assertEquals(1_200, s.set(SocketOption.HEARTBEAT_TTL, 1_234).get(SocketOption.HEARTBEAT_TTL));
        }
    }

    @Test
    void curveKeysReadBackInTheFormAskedFor() {
        String z85 = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
        try (Socket a = ctx.socket(SocketType.REQ); Socket b = ctx.socket(SocketType.REQ)) {
            a.set(SocketOption.CURVE_SERVERKEY, z85);
            byte[] raw = a.get(SocketOption.CURVE_SERVERKEY);
            assertEquals(32, raw.length);
            assertEquals(z85, a.getString(SocketOption.CURVE_SERVERKEY));
            b.set(SocketOption.CURVE_SERVERKEY, raw);
            assertEquals(z85, b.getString(SocketOption.CURVE_SERVERKEY));
            assertArrayEquals(raw, b.get(SocketOption.CURVE_SERVERKEY));
            // The 40 Z85 characters as bytes are accepted too, as libzmq does.
            b.set(SocketOption.CURVE_PUBLICKEY, z85.getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(raw, b.get(SocketOption.CURVE_PUBLICKEY));
        }
    }

    @Test
    void textOfAnyLengthReadsBack() {
        String longProxy = "proxy-" + "x".repeat(5_000) + ".example:1080";
        try (Socket s = ctx.socket(SocketType.DEALER)) {
            s.set(SocketOption.SOCKS_PROXY, longProxy);
            assertEquals(longProxy, s.get(SocketOption.SOCKS_PROXY));
            s.set(SocketOption.ROUTING_ID, "é-id");
            assertEquals("é-id", s.getString(SocketOption.ROUTING_ID));
        }
    }
}
