package io.github.zmqffm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class ProxyTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static final AtomicLong NAMES = new AtomicLong();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** producer -> frontend (PULL) -> proxy -> backend (PUSH) -> consumer. */
    private Socket producer;
    private Socket frontend;
    private Socket backend;
    private Socket consumer;

    @BeforeEach
    void setUp() {
        String in = "inproc://proxy-in-" + NAMES.incrementAndGet();
        String out = "inproc://proxy-out-" + NAMES.incrementAndGet();
        frontend = zmq.context().socket(SocketType.PULL).bind(in);
        backend = zmq.context().socket(SocketType.PUSH).bind(out);
        producer = zmq.context().socket(SocketType.PUSH).connect(in);
        consumer = zmq.context().socket(SocketType.PULL).connect(out);
    }

    @Test
    void steerableProxyForwardsPausesResumesCountsAndTerminates() {
        Proxy proxy = Proxy.start(frontend, backend);
        assertTrue(proxy.isRunning());
        producer.send("one");
        assertEquals("one", consumer.receiveString(WAIT));

        proxy.pause();
        producer.send("two");
        assertNull(consumer.receive(Duration.ofMillis(300)), "a paused proxy must not forward");

        proxy.resume();
        assertEquals("two", consumer.receiveString(WAIT));
        producer.sendMultipart(List.of("three-a".getBytes(), "three-b".getBytes()));
        assertEquals(List.of("three-a", "three-b"),
                consumer.receiveMultipart().stream().map(String::new).toList());

        Proxy.Statistics stats = proxy.statistics();
        assertEquals(new Proxy.Statistics(3, 3 + 3 + 14, 0, 0, 0, 0, 3, 3 + 3 + 14), stats);

        proxy.terminate();
        assertFalse(proxy.isRunning());
        proxy.terminate();
        assertThrows(IllegalStateException.class, proxy::statistics);
        assertThrows(IllegalStateException.class, proxy::pause);
        // The sockets are free again.
        producer.send("direct");
        assertEquals("direct", frontend.receiveString(WAIT));
    }

    @Test
    void captureSocketSeesEveryFrame() {
        String tap = "inproc://proxy-tap-" + NAMES.incrementAndGet();
        try (Socket capture = zmq.context().socket(SocketType.PUSH).bind(tap);
             Socket tapReader = zmq.context().socket(SocketType.PULL).connect(tap);
             Proxy proxy = Proxy.start(frontend, backend, capture)) {
            producer.send("copied");
            assertEquals("copied", consumer.receiveString(WAIT));
            assertEquals("copied", tapReader.receiveString(WAIT));
            assertTrue(proxy.isRunning());
        }
    }

    @Test
    void proxiedSocketsRefuseOtherThreads() {
        try (Proxy proxy = Proxy.start(frontend, backend)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> backend.send("x"));
            assertTrue(e.getMessage().contains("zmq-proxy-"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> Proxy.start(frontend, consumer));
            assertTrue(proxy.isRunning());
        }
    }

    @Test
    void startRefusesASocketInUseAndSameCapture() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Proxy.start(frontend, backend, backend));
        Blocking.Call receiver = Blocking.start("receiver", frontend::receive);
        Blocking.awaitBlocked(frontend, receiver);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Proxy.start(frontend, backend));
        assertTrue(e.getMessage().contains("receiver"), e.getMessage());
        producer.send("unblock");
        assertNull(receiver.outcome());
        // backend was released when start failed
        backend.trySend("free");
    }

    @Test
    void contextCloseWakesABlockingRun() throws Exception {
        Blocking.Call call = Blocking.start("proxy-runner", () -> Proxy.run(frontend, backend));
        Blocking.awaitBlocked(frontend, call);
        producer.send("through");
        assertEquals("through", consumer.receiveString(WAIT));
        zmq.context().close();
        assertInstanceOf(ContextTerminatedException.class, call.outcome());
        assertTrue(frontend.isClosed());
    }

    @Test
    void contextCloseStopsAStartedProxy() {
        Proxy proxy = Proxy.start(frontend, backend);
        zmq.context().close();
        assertThrows(ContextTerminatedException.class, proxy::terminate);
        assertFalse(proxy.isRunning());
        proxy.close();
    }

    @Test
    void interruptStopsABlockingRunAndTheSocketsStayUsable() throws Exception {
        AtomicBoolean statusKept = new AtomicBoolean();
        Blocking.Call call = Blocking.start("proxy-runner", () -> {
            try {
                Proxy.run(frontend, backend);
            } finally {
                statusKept.set(Thread.interrupted());
            }
        });
        Blocking.awaitBlocked(backend, call);
        call.thread.interrupt();
        assertInstanceOf(ZmqInterruptedException.class, call.outcome());
        call.thread.join();
        assertTrue(statusKept.get());
        producer.send("still works");
        assertEquals("still works", frontend.receiveString(WAIT));
        backend.send("and this");
        assertEquals("and this", consumer.receiveString(WAIT));
    }

    @Test
    void closingAProxiedSocketFromAnotherThreadStopsTheProxy() throws Exception {
        Blocking.Call call = Blocking.start("proxy-runner", () -> Proxy.run(frontend, backend));
        Blocking.awaitBlocked(backend, call);
        backend.close();
        Throwable t = call.outcome();
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().contains("proxy backend"), t.getMessage());
        assertTrue(backend.isClosed());
        producer.send("frontend is fine");
        assertEquals("frontend is fine", frontend.receiveString(WAIT));
    }

    @Test
    void closingAProxiedSocketStopsAStartedProxy() {
        Proxy proxy = Proxy.start(frontend, backend);
        frontend.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, proxy::terminate);
        assertTrue(e.getMessage().contains("proxy frontend"), e.getMessage());
    }
}
