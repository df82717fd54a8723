package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ZapAuthenticatorTest {
    private Context ctx;
    private ZapAuthenticator auth;

    @BeforeEach
    void start() {
        ctx = new Context();
        auth = new ZapAuthenticator(ctx);
    }

    @AfterEach
    void stop() {
        auth.close();
        ctx.close();
    }

    private Socket plainServer() {
        Socket server = Plain.makeServer(ctx.socket(SocketType.PULL));
        server.bind("tcp://127.0.0.1:*");
        return server;
    }

    private void pushFrom(Socket server, java.util.function.Consumer<Socket> secure, String text) {
        connectedClient(server, secure).send(text);
    }

    private Socket connectedClient(Socket server, java.util.function.Consumer<Socket> secure) {
        Socket client = ctx.socket(SocketType.PUSH);
        secure.accept(client);
        client.connect(server.lastEndpoint());
        return client;
    }

    /** Sends from a client the handler must refuse: waits for the server's AUTH failure, then nothing is there. */
    private void assertRefused(Socket server, java.util.function.Consumer<Socket> secure) {
        try (Monitor monitor = server.monitor(EnumSet.of(MonitorEvent.Type.HANDSHAKE_FAILED_AUTH,
                MonitorEvent.Type.HANDSHAKE_SUCCEEDED))) {
            // Not a blocking send: a refused handshake ends the client's session and with it the
            // pipe connect() made, so a send that comes after the refusal has no peer and would
            // wait for ever (libzmq 4.3.4). Whether the frame was queued or not, nothing may arrive.
            connectedClient(server, secure).trySend("must not arrive");
            MonitorEvent event = monitor.receive(Duration.ofSeconds(10));
            assertNotNull(event, "no handshake outcome within 10 s");
            assertEquals(MonitorEvent.Type.HANDSHAKE_FAILED_AUTH, event.type(), event.toString());
            assertEquals(400, event.value(), "ZAP status code");
        }
        assertNull(server.tryReceive(), "a refused peer must deliver nothing");
    }

    /** What docs/security.md tells users: a refused client learns why from its monitor, and its pipe is gone. */
    @Test
    void refusedClientSeesTheRefusalAndLosesItsPeer() {
        auth.configurePlain("*", Map.of("admin", "secret"));
        Socket server = plainServer();
        Socket client = Plain.makeClient(ctx.socket(SocketType.PUSH), "admin", "guess");
        try (Monitor monitor = client.monitor(EnumSet.of(MonitorEvent.Type.HANDSHAKE_FAILED_AUTH))) {
            client.connect(server.lastEndpoint());
            MonitorEvent event = monitor.receive(Duration.ofSeconds(10));
            assertNotNull(event, "the client's monitor saw no refusal within 10 s");
            assertEquals(400, event.value(), "ZAP status code");
        }
        // The socket learns of its ended pipe when it next processes commands (a send does); a
        // send with a timeout then finds no peer instead of waiting for ever.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean queued = true;
        while (queued && System.nanoTime() < deadline) {
            queued = client.send("lost", false, Duration.ofMillis(100));
        }
        assertFalse(queued, "a refused client kept a peer to send to");
        assertNull(server.tryReceive(), "a refused peer must deliver nothing");
    }

    @Test
    void plainWithTheRightPasswordGetsIn() {
        auth.configurePlain("*", Map.of("admin", "secret"));
        Socket server = plainServer();
        pushFrom(server, c -> Plain.makeClient(c, "admin", "secret"), "welcome");
        assertEquals("welcome", server.receiveString());
    }

    @Test
    void plainWithAWrongPasswordIsRejected() {
        auth.configurePlain("*", Map.of("admin", "secret"));
        Socket server = plainServer();
        assertRefused(server, c -> Plain.makeClient(c, "admin", "guess"));
        pushFrom(server, c -> Plain.makeClient(c, "admin", "secret"), "welcome");
        assertEquals("welcome", server.receiveString(), "the handler still serves good clients");
    }

    @Test
    void acceptedPlainClientsUserIdIsOnTheirMessages() {
        auth.configurePlain("*", Map.of("admin", "secret"));
        Socket server = plainServer();
        pushFrom(server, c -> Plain.makeClient(c, "admin", "secret"), "who am I");
        try (Message message = new Message()) {
            assertTrue(server.receive(message));
            assertEquals("who am I", message.text());
            assertEquals("admin", message.property("User-Id"));
        }
    }

    @Test
    void acceptedCurveClientsUserIdIsTheirPublicKey() {
        CurveKeyPair serverKeys = Curve.keyPair();
        CurveKeyPair client = Curve.keyPair();
        auth.configureCurve("*", Set.of(client.publicKey()));
        Socket server = Curve.makeServer(ctx.socket(SocketType.PULL), serverKeys).bind("tcp://127.0.0.1:*");
        pushFrom(server, c -> Curve.makeClient(c, client, serverKeys.publicKey()), "signed");
        try (Message message = new Message()) {
            assertTrue(server.receive(message));
            assertEquals(client.publicKey(), message.property("User-Id"));
        }
    }

    @Test
    void plainCallbackDecides() {
        auth.configurePlain("*", (user, password) -> password.equals(user + "!"));
        Socket server = plainServer();
        pushFrom(server, c -> Plain.makeClient(c, "bob", "bob!"), "hi");
        assertEquals("hi", server.receiveString());
    }

    @Test
    void deniedAddressIsRejected() {
        auth.configurePlain("*", Map.of("admin", "secret")).deny("127.0.0.1");
        Socket server = plainServer();
        assertRefused(server, c -> Plain.makeClient(c, "admin", "secret"));
    }

    @Test
    void allowListRefusesOtherAddresses() {
        auth.configurePlain("*", Map.of("admin", "secret")).allow("10.1.2.3");
        Socket server = plainServer();
        assertRefused(server, c -> Plain.makeClient(c, "admin", "secret"));
    }

    @Test
    void allowListAdmitsListedAddresses() {
        auth.configurePlain("*", Map.of("admin", "secret")).allow("127.0.0.1");
        Socket server = plainServer();
        pushFrom(server, c -> Plain.makeClient(c, "admin", "secret"), "listed");
        assertEquals("listed", server.receiveString());
    }

    @Test
    void nullMechanismWithADomainIsFilteredByAddress() {
        auth.deny("127.0.0.1");
        Socket server = ctx.socket(SocketType.PULL).set(SocketOption.ZAP_DOMAIN, "global").bind("tcp://127.0.0.1:*");
        assertRefused(server, c -> { });
    }

    @Test
    void perDomainConfigurationWins() {
        auth.configurePlain("*", Map.of("admin", "secret")).configurePlain("ops", Map.of("oncall", "pager"));
        Socket server = Plain.makeServer(ctx.socket(SocketType.PULL)).set(SocketOption.ZAP_DOMAIN, "ops")
                .bind("tcp://127.0.0.1:*");
        assertRefused(server, c -> Plain.makeClient(c, "admin", "secret"));
        pushFrom(server, c -> Plain.makeClient(c, "oncall", "pager"), "ops");
        assertEquals("ops", server.receiveString());
    }

    @Test
    void curveClientOutsideTheAllowedSetIsRejected() {
        CurveKeyPair serverKeys = Curve.keyPair();
        CurveKeyPair good = Curve.keyPair();
        auth.configureCurve("*", Set.of(good.publicKey()));
        Socket server = Curve.makeServer(ctx.socket(SocketType.PULL), serverKeys).bind("tcp://127.0.0.1:*");
        assertRefused(server, c -> Curve.makeClient(c, Curve.keyPair(), serverKeys.publicKey()));
        pushFrom(server, c -> Curve.makeClient(c, good, serverKeys.publicKey()), "known");
        assertEquals("known", server.receiveString());
    }

    @Test
    void curveAnyClientAcceptsEveryone() {
        CurveKeyPair serverKeys = Curve.keyPair();
        auth.configureCurveAnyClient("*");
        Socket server = Curve.makeServer(ctx.socket(SocketType.PULL), serverKeys).bind("tcp://127.0.0.1:*");
        pushFrom(server, c -> Curve.makeClient(c, Curve.keyPair(), serverKeys.publicKey()), "anyone");
        assertEquals("anyone", server.receiveString());
    }

    @Test
    void curveKeysFromACertificateDirectory(@TempDir Path dir) throws IOException {
        CurveKeyPair serverKeys = Curve.keyPair();
        CurveKeyPair client = Curve.keyPair();
        Files.writeString(dir.resolve("client.key"), """
                #   ZeroMQ CURVE Public Certificate
                metadata
                curve
                    public-key = "%s"
                """.formatted(client.publicKey()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "no key here");
        auth.configureCurve("*", dir);
        Socket server = Curve.makeServer(ctx.socket(SocketType.PULL), serverKeys).bind("tcp://127.0.0.1:*");
        pushFrom(server, c -> Curve.makeClient(c, client, serverKeys.publicKey()), "certified");
        assertEquals("certified", server.receiveString());
    }

    @Test
    void secondHandlerOnTheSameContextIsRefused() {
        ZmqException e = assertThrows(ZmqException.class, () -> new ZapAuthenticator(ctx));
        assertEquals(Errno.EADDRINUSE, e.errno());
    }

    @Test
    void malformedRequestsGetAnInternalErrorReply() {
        List<byte[]> reply = auth.answer(List.of("0.9".getBytes(), "7".getBytes()));
        assertEquals("500", new String(reply.get(2)));
        assertEquals("7", new String(reply.get(1)));
    }

    @Test
    void closeIsIdempotent() {
        auth.close();
        auth.close();
    }
}
