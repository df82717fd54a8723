package io.github.zmqffm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A raw TCP client ({@link RawZmtpPeer}) attacks a bound socket: garbage instead of a greeting,
 * half a greeting, a frame header announcing 2^62 bytes. libzmq must drop each such connection,
 * and the process must be unharmed and go on serving well-behaved peers, also while the attack
 * is under way.
 */
@Timeout(60)
class HostilePeerTest {
    private static final int PATIENCE_MS = PATIENCE_SECONDS * 1_000;

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private Socket server;
    private String endpoint;

    @BeforeEach
    void bind() {
        // A short handshake limit, so that a silent half-greeting is dropped well within the test.
        server = zmq.socket(SocketType.PULL).set(SocketOption.MAXMSGSIZE, 1_024L)
                .set(SocketOption.HANDSHAKE_IVL, 500).set(SocketOption.RCVTIMEO, PATIENCE_MS);
        endpoint = Transport.TCP.bind(server);
    }

    /** A well-behaved peer still gets its message through. */
    private void assertStillServes(String text) {
        try (Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(endpoint);
            push.send(text);
            assertEquals(text, server.receiveString(), "the server stopped serving well-behaved peers");
        }
    }

    @Test
    void aGreetingOfGarbageIsDropped() throws IOException {
        // Signature and version of ZMTP 3, so that libzmq reads on, then noise for the mechanism.
        byte[] greeting = new byte[64];
        new Random(42).nextBytes(greeting);
        greeting[0] = (byte) 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        assertDroppedWhileServing(greeting, "the garbage sender was not disconnected");
    }

    /** Sends {@code greeting} instead of a proper one; the server keeps serving and drops the connection. */
    private void assertDroppedWhileServing(byte[] greeting, String failure) throws IOException {
        try (RawZmtpPeer attacker = RawZmtpPeer.connect(endpoint, PATIENCE_MS)) {
            attacker.writeRaw(greeting);
            assertStillServes("during");
            assertTrue(attacker.awaitClosed(), failure);
        }
        assertStillServes("after");
    }

    @Test
    void garbageAfterAGoodHandshakeDoesNotHurt() throws IOException {
        byte[] noise = new byte[64 * 1_024];
        new Random(7).nextBytes(noise);
        try (RawZmtpPeer attacker = RawZmtpPeer.connect(endpoint, PATIENCE_MS).handshake("PUSH")) {
            // Frames of random sizes and flags: libzmq drops the connection at the first one over
            // MAXMSGSIZE or with a malformed command, whichever comes first.
            attacker.writeRaw(noise);
            assertTrue(attacker.awaitClosed(), "the garbage sender was disconnected");
        }
        assertStillServes("after noise");
        // Frames that parsed as messages before the connection was dropped may have been delivered.
        while (server.tryReceive() != null) {
            continue;
        }
    }

    @Test
    void aTruncatedGreetingIsDroppedAtTheHandshakeLimit() throws IOException {
        byte[] half = {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3};
        assertDroppedWhileServing(half, "the half greeting was not dropped");
    }

    @Test
    void aFrameAnnouncing2To62BytesIsDropped() throws IOException {
        try (RawZmtpPeer attacker = RawZmtpPeer.connect(endpoint, PATIENCE_MS).handshake("PUSH")) {
            attacker.announceFrame(1L << 62);
            attacker.writeRaw("and a little of it".getBytes(StandardCharsets.US_ASCII));
            assertTrue(attacker.awaitClosed(), "the oversized frame's sender was disconnected");
        }
        assertStillServes("after");
    }

    @Test
    void withoutMaxmsgsizeA2To62ByteFrameFailsItsAllocationAndIsDropped() throws IOException {
        Socket unlimited = zmq.socket(SocketType.PULL).set(SocketOption.RCVTIMEO, PATIENCE_MS);
        String open = Transport.TCP.bind(unlimited);
        try (RawZmtpPeer attacker = RawZmtpPeer.connect(open, PATIENCE_MS).handshake("PUSH")) {
            // libzmq cannot allocate 2^62 bytes (ENOMEM) and drops the connection, without aborting.
            attacker.announceFrame(1L << 62);
            assertTrue(attacker.awaitClosed(), "the oversized frame's sender was disconnected");
        }
        try (Socket push = zmq.socket(SocketType.PUSH).connect(open)) {
            push.send("still here");
            assertEquals("still here", unlimited.receiveString());
        }
    }
}
