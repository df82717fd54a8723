package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The guide's Lazy Pirate: a REQ client that polls for its reply with a timeout and, when none
 * comes, closes its socket, opens a new one and asks again; against a server that answers only
 * every third request it receives.
 */
@Timeout(60)
class LazyPirateTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final int MAX_ATTEMPTS = 15;

    @Test
    void retriesWithAFreshSocketUntilTheServerAnswers() throws Exception {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.ROUTER)) {
            server.bind("tcp://127.0.0.1:*");
            String endpoint = server.lastEndpoint();
            AtomicInteger received = new AtomicInteger();
            Blocking.Call serverLoop = Blocking.start("flaky-server", () -> serve(server, received));

            Socket client = ctx.socket(SocketType.REQ).connect(endpoint);
            try (Poller poller = new Poller()) {
                poller.register(client, PollEvent.IN);
                for (int sequence = 1; sequence <= 2; sequence++) {
                    String request = "request " + sequence;
                    String reply = null;
                    int attempts = 0;
                    while (reply == null) {
                        assertTrue(++attempts <= MAX_ATTEMPTS, "no reply after " + MAX_ATTEMPTS + " attempts");
                        client.send(request);
                        if (poller.poll(REQUEST_TIMEOUT) > 0 && poller.isReadable(client)) {
                            reply = client.receiveString();
                        } else {
                            // A REQ socket that got no reply is stuck: drop it and start again.
                            poller.unregister(client);
                            client.close();
                            client = ctx.socket(SocketType.REQ).connect(endpoint);
                            poller.register(client, PollEvent.IN);
                        }
                    }
                    assertEquals("reply to " + request, reply);
                    assertTrue(attempts >= 3, "the server drops two requests of three, yet attempt " + attempts
                            + " got a reply");
                }
            } finally {
                client.close();
            }
            assertTrue(received.get() >= 6);
            server.close();
            assertInstanceOf(IllegalStateException.class, serverLoop.outcome(), "closing the server wakes its loop");
        }
    }

    /** Answers every third request, ignores the others; ends when the socket is closed. */
    private static void serve(Socket server, AtomicInteger received) {
        while (true) {
            List<byte[]> envelope = server.receiveMultipart();
            if (received.incrementAndGet() % 3 != 0) {
                continue;
            }
            String request = new String(envelope.get(2), StandardCharsets.UTF_8);
            server.sendMultipart(List.of(envelope.get(0), envelope.get(1),
                    ("reply to " + request).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
