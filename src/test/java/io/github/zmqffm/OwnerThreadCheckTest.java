package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional owner-thread check: with {@code -Dzmq.checkThreads=true} (in a JVM of its own,
 * {@link ReliabilityScenarios}) only a socket's owner may use it, {@link Socket#transferTo}
 * hands it over, and close, proxies and monitors stay usable from any thread; off by default.
 */
@Timeout(60)
class OwnerThreadCheckTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void withTheCheckOnlyTheOwnerUsesASocket() {
        ChildJvm child = ChildJvm.run(List.of("-Dzmq.checkThreads=true"), Map.of(),
                ReliabilityScenarios.class.getName(), "ownerChecks");
        assertEquals(0, child.exit(), () -> child.out() + child.err());
        String out = child.out();
        assertTrue(out.contains("other thread: IllegalStateException: PULL socket belongs to thread \"main\" but "
                + "thread \"intruder\" used it (-Dzmq.checkThreads=true); hand it over with Socket.transferTo first"), out);
        assertTrue(out.contains("owner after transfer: IllegalStateException: PUSH socket belongs to thread \"worker\" "
                + "but thread \"main\" used it"), out);
        assertTrue(out.contains("received: handed over"), out);
        assertTrue(out.contains("close from another thread: ok closed"), out);
        assertTrue(out.contains("proxy: true"), out);
        assertTrue(out.contains("monitor on another thread: ok "), out);
        assertTrue(out.contains("poll on another thread: IllegalStateException: poll item 0: PULL socket belongs to "
                + "thread \"main\""), out);
        assertTrue(out.contains("zap: authenticated"), out);
        assertTrue(out.endsWith("done\n"), out);
    }

    @Test
    void withoutTheCheckAnyThreadMayUseASocketOneAtATime() throws Exception {
        Socket socket = zmq.socket(SocketType.PULL);
        CompletableFuture<byte[]> elsewhere = CompletableFuture.supplyAsync(socket::tryReceive);
        assertEquals(null, elsewhere.get());
    }

    @Test
    void transferToRefusesAClosedSocketAndANullThread() {
        Socket socket = zmq.socket(SocketType.PUSH);
        assertThrows(NullPointerException.class, () -> socket.transferTo(null));
        assertTrue(socket.transferTo(Thread.currentThread()) == socket);
        socket.close();
        assertThrows(IllegalStateException.class, () -> socket.transferTo(Thread.currentThread()));
    }
}
