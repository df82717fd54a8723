package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The leak safety net frees what a socket dropped without {@code close()} holds, and only when
 * that is safe: never under a call still running on it. (The reports are {@link LeakReportTest}.)
 */
@Timeout(60)
class LeakCleanupTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /** Collects garbage until {@code condition} holds, for at most ten seconds. */
    private static void collectUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("never happened: " + what);
            }
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private SocketHandle dropSocket(SocketType type) {
        return zmq.socket(type).bind("inproc://dropped-" + type + "-" + System.nanoTime()).handle;
    }

    @Test
    void aSocketDroppedUnclosedIsClosedByTheGarbageCollector() {
        SocketHandle handle = dropSocket(SocketType.PUSH);
        collectUntil(handle::isReleased, "the dropped socket closed");
        assertEquals(SocketHandle.CLOSED_AS_GARBAGE, handle.closeReason());
        assertEquals("Context[open, 0 sockets]", zmq.context().toString());
    }

    @Test
    void aSocketThatBecomesGarbageDuringACallIsClosedOnlyWhenTheCallHasEnded() throws Exception {
        Socket socket = zmq.socket(SocketType.PULL).bind("inproc://last-call");
        SocketHandle handle = socket.handle;
        // What the JIT may do to a last call: the Socket is garbage while its handle is in use.
        Socket lastCall = new Socket(handle);
        WeakReference<Socket> watched = new WeakReference<>(socket);
        socket = null;
        Blocking.Call receive = Blocking.start("last call", () -> lastCall.receive(Duration.ofSeconds(30)));
        Blocking.awaitBlocked(lastCall, receive);

        collectUntil(() -> watched.get() == null && handle.isAbandoned(), "the cleaner found the socket garbage");
        assertFalse(handle.isReleased(), "the socket was closed under a running call");
        assertFalse(handle.isClosed(), "the running call was told the socket is closed");

        try (Socket push = zmq.socket(SocketType.PUSH).connect("inproc://last-call")) {
            push.send("the last call ends normally");
        }
        assertEquals(null, receive.outcome(), "the last call failed");
        Blocking.awaitTrue(handle::isReleased, "the socket closed once its last call ended");
        assertTrue(handle.isClosed());
    }
}
