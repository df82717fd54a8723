package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CurveTest {
    @Test
    void libzmqHasCurve() {
        assertTrue(Zmq.has("curve"), "Debian's libzmq5 is built with libsodium");
    }

    @Test
    void keyPairsAreZ85AndDistinct() {
        CurveKeyPair a = Curve.keyPair();
        CurveKeyPair b = Curve.keyPair();
        assertEquals(40, a.publicKey().length());
        assertEquals(40, a.secretKey().length());
        assertEquals(32, a.publicKeyBytes().length);
        assertArrayEquals(Z85.decode(a.secretKey()), a.secretKeyBytes());
        assertNotEquals(a.publicKey(), b.publicKey());
        assertFalse(a.toString().contains(a.secretKey()), "toString must not show the secret key");
    }

    @Test
    void derivesThePublicKeyFromTheSecretKey() {
        CurveKeyPair pair = Curve.keyPair();
        assertEquals(pair.publicKey(), Curve.publicKey(pair.secretKey()));
    }

    @Test
    void refusesMalformedKeys() {
        assertThrows(IllegalArgumentException.class, () -> Curve.publicKey("tooShort"));
        assertThrows(IllegalArgumentException.class, () -> new CurveKeyPair("x".repeat(40), "y".repeat(39)));
        assertThrows(IllegalArgumentException.class, () -> Curve.publicKey(" ".repeat(40)));
    }

    @Test
    void wrongKeyLengthIsRefusedBeforeAnyNativeCall() {
        try (Context ctx = new Context(); Socket socket = ctx.socket(SocketType.DEALER)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> socket.set(SocketOption.CURVE_SERVERKEY, new byte[31]));
            assertTrue(e.getMessage().contains("CURVE_SERVERKEY"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> Curve.makeClient(socket, Curve.keyPair(), "short"));
        }
    }

    @Test
    void curveRoundTripOverTcp() {
        CurveKeyPair serverKeys = Curve.keyPair();
        CurveKeyPair clientKeys = Curve.keyPair();
        try (Context ctx = new Context();
             Socket server = Curve.makeServer(ctx.socket(SocketType.REP), serverKeys);
             Socket client = Curve.makeClient(ctx.socket(SocketType.REQ), clientKeys, serverKeys.publicKey())) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint());
            client.send("secret hello");
            assertEquals("secret hello", server.receiveString());
            server.send("secret reply");
            assertEquals("secret reply", client.receiveString());
            assertEquals(2, (int) server.get(SocketOption.MECHANISM), "ZMQ_CURVE");
            assertEquals(clientKeys.publicKey(), client.getString(SocketOption.CURVE_PUBLICKEY));
            assertArrayEquals(clientKeys.publicKeyBytes(), client.get(SocketOption.CURVE_PUBLICKEY));
        }
    }

    @Test
    void clientWithTheWrongServerKeyDeliversNothingAndTheMonitorShowsTheFailure() {
        CurveKeyPair serverKeys = Curve.keyPair();
        CurveKeyPair impostor = Curve.keyPair();
        try (Context ctx = new Context();
             Socket server = Curve.makeServer(ctx.socket(SocketType.PULL), serverKeys);
             Socket client = Curve.makeClient(ctx.socket(SocketType.PUSH), Curve.keyPair(), impostor.publicKey());
             Monitor monitor = server.monitor(EnumSet.of(MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
                     MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, MonitorEvent.Type.HANDSHAKE_FAILED_AUTH,
                     MonitorEvent.Type.HANDSHAKE_SUCCEEDED))) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint());
            client.trySend("must not arrive");   // not blocking: a failed handshake may end the client's pipe first
            MonitorEvent event = monitor.receive(Duration.ofSeconds(10));
            assertNotNull(event, "no handshake event within 10 s");
            assertTrue(event.type().name().startsWith("HANDSHAKE_FAILED"), event.toString());
            assertNull(server.tryReceive(), "a client that does not know the server key must not get through");
        }
    }
}
