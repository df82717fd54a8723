package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.github.zmqffm.ZmqFixtures.assertZmqError;
import static io.github.zmqffm.ZmqFixtures.blockedIn;
import static io.github.zmqffm.ZmqFixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Context options, and a close that ends everything without ever hanging. */
@Timeout(30)
class ContextTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void optionsRoundTrip() {
        Context context = zmq.context();
        assertEquals(1, context.get(ContextOption.IO_THREADS), "libzmq's default");
        assertSame(context, context.set(ContextOption.IO_THREADS, 2));
        assertEquals(2, context.get(ContextOption.IO_THREADS));
        context.set(ContextOption.MAX_SOCKETS, 64);
        assertEquals(64, context.get(ContextOption.MAX_SOCKETS));
        assertFalse(context.get(ContextOption.IPV6));
        context.set(ContextOption.IPV6, true);
        assertTrue(context.get(ContextOption.IPV6));
        assertTrue(context.get(ContextOption.BLOCKY), "libzmq's default");
        context.set(ContextOption.BLOCKY, false);
        assertFalse(context.get(ContextOption.BLOCKY));
    }

    @Test
    void maxSocketsLimitsSocketCreation() {
        Context context = zmq.context().set(ContextOption.MAX_SOCKETS, 1);
        context.socket(SocketType.PAIR);
        ZmqException e = assertZmqError(Errno.EMFILE, () -> context.socket(SocketType.PAIR));
        assertEquals("socket PAIR", e.operation());
    }

    @Test
    void ipv6AppliesToSocketsCreatedAfterwards() {
        Context context = zmq.context();
        assertFalse(context.socket(SocketType.PUB).get(SocketOption.IPV6));
        context.set(ContextOption.IPV6, true);
        assertTrue(context.socket(SocketType.PUB).get(SocketOption.IPV6));
    }

    @Test
    void accessIsCheckedBeforeLibzmqIsAsked() {
        Context context = zmq.context();
        assertTrue(context.get(ContextOption.SOCKET_LIMIT) > 0);
        IllegalArgumentException readOnly =
                assertThrows(IllegalArgumentException.class, () -> context.set(ContextOption.SOCKET_LIMIT, 10));
        assertEquals("SOCKET_LIMIT is read-only", readOnly.getMessage());
        IllegalArgumentException writeOnly =
                assertThrows(IllegalArgumentException.class, () -> context.get(ContextOption.THREAD_PRIORITY));
        assertEquals("THREAD_PRIORITY is write-only", writeOnly.getMessage());
        assertThrows(NullPointerException.class, () -> context.set(ContextOption.IO_THREADS, null));
        assertThrows(NullPointerException.class, () -> context.socket(null));
        assertZmqError(Errno.EINVAL, () -> context.set(ContextOption.IO_THREADS, -1));
    }

    @Test
    void closeClosesTheSocketsStillOpen() {
        Context context = zmq.newContext();
        Socket rep = context.socket(SocketType.REP);
        Socket req = context.socket(SocketType.REQ);
        req.connect(Transport.INPROC.bind(rep));
        assertEquals("Context[open, 2 sockets]", context.toString());

        context.close();
        assertTrue(context.isClosed());
        assertTrue(rep.isClosed());
        assertTrue(req.isClosed());
        assertEquals("Context[closed, 0 sockets]", context.toString());
        assertThrows(ContextTerminatedException.class, () -> req.send("too late"));
        req.close();
    }

    @Test
    void closeIsIdempotentAndEveryCallerReturns() throws InterruptedException {
        Context context = zmq.newContext();
        context.socket(SocketType.DEALER);
        Thread other = Thread.ofPlatform().start(context::close);
        context.close();
        other.join();
        context.close();
        assertTrue(context.isClosed());
    }

    @Test
    void aClosedContextAnswersEveryCallWithEterm() {
        Context context = zmq.newContext();
        context.close();
        ContextTerminatedException refused =
                assertThrows(ContextTerminatedException.class, () -> context.socket(SocketType.PUB));
        assertEquals(Errno.ETERM, refused.errno());
        assertTrue(refused.getMessage().contains("socket PUB"), refused.getMessage());
        assertThrows(ContextTerminatedException.class, () -> context.set(ContextOption.IO_THREADS, 2));
        assertThrows(ContextTerminatedException.class, () -> context.get(ContextOption.IO_THREADS));
        assertThrows(ContextTerminatedException.class, () -> context.setSpinBudget(Duration.ZERO));
        assertThrows(ContextTerminatedException.class, context::spinBudget);
        assertThrows(ContextTerminatedException.class, () -> new ZapAuthenticator(context));
    }

    @Test
    void closeWakesEveryThreadBlockedOnItsSockets() {
        Context context = zmq.newContext();
        Socket pull = context.socket(SocketType.PULL);
        Transport.INPROC.bind(pull);
        Socket push = context.socket(SocketType.PUSH);     // mute: a send waits
        CompletableFuture<byte[]> receiving = blockedIn(pull, pull::receive);
        CompletableFuture<Boolean> sending = blockedIn(push, () -> push.send("never"));

        ContextFixture.closeWithin(context, ContextFixture.CLOSE_LIMIT);
        for (CompletableFuture<?> blocked : List.of(receiving, sending)) {
            Throwable woken = failureOf(blocked);
            assertInstanceOf(ContextTerminatedException.class, woken);
            assertEquals(Errno.ETERM, ((ZmqException) woken).errno());
        }
        assertThrows(ContextTerminatedException.class, pull::receive, "every later call answers ETERM");
    }

    @Test
    void closeDoesNotWaitForMessagesOfSocketsLeftOpenWithTheDefaultLinger() {
        Context context = zmq.newContext();
        Socket push = context.socket(SocketType.PUSH);
        push.connect(Transport.TCP.freshEndpoint());        // nobody will ever bind it
        push.send("undeliverable");
        // LINGER 0 by default: the context's close drops it at once.
        ContextFixture.closeWithin(context, ContextFixture.CLOSE_LIMIT);
        assertTrue(push.isClosed());
    }

    @Test
    void aBoundedCloseEndsALingerThatWouldNever() {
        Context context = zmq.newContext();
        Socket push = context.socket(SocketType.PUSH).set(SocketOption.LINGER, -1);
        push.connect(Transport.TCP.freshEndpoint());        // nobody will ever bind it
        push.send("undeliverable");
        // LINGER -1 is honoured by close(), which would wait for ever; the bound cuts it.
        ContextFixture.closeWithin(() -> context.close(Duration.ofMillis(100)), ContextFixture.CLOSE_LIMIT);
        assertTrue(push.isClosed());
    }
}
