package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals, as sampling profilers send them to running threads, make system calls inside libzmq
 * fail with EINTR, possibly after libzmq has taken a command out of the socket's mailbox (its
 * descriptor then stays quiet). A wait that parked on that descriptor would never wake: the
 * sender and the receiver of a stream both parked for ever within a second of profiling. Under a
 * storm of signals every message still arrives, in order, and no call waits out its timeout.
 */
@Timeout(900)
class SignalResilienceTest {
    /** The stress profile ({@code -Dzmq.stress=true}) runs ten times as many messages. */
    private static final int SCALE = Boolean.getBoolean("zmq.stress") ? 10 : 1;
    /** How long a scenario may take in all: generous, as each one streams at full speed. */
    private static final long WITHIN_SECONDS = 60L * SCALE;
    /** Longer than any honest wait here; a call that runs out of it has missed its wake-up. */
    private static final Duration STALLED = Duration.ofSeconds(10);
    /** The carriers of virtual threads, the reactor, libzmq's I/O threads (comm names, 15 chars at most). */
    private static final List<String> SHARED_THREADS = List.of("ForkJoinPool", "zmq-ffm reactor", "ZMQbg");

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest(name = "{0}, virtual={1}")
    @CsvSource({"INPROC, false", "INPROC, true", "TCP, false", "TCP, true"})
    void aStreamUnderSignalsLosesAndStallsNothing(Transport transport, boolean virtual) throws Exception {
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVHWM, 1);
        Socket push = pushTo(pull, transport);
        int count = 100_000 * SCALE;
        try (SignalStorm storm = SignalStorm.atTargetsAnd(SHARED_THREADS)) {
            CompletableFuture<Void> sent = sendNumbered(virtual, storm, push, count);
            CompletableFuture<Void> received = run(virtual, storm, pull, () -> {
                byte[] frame = new byte[4];
                for (int i = 0; i < count; i++) {
                    assertEquals(4, pull.receive(frame, STALLED), "receive " + i + " waited out " + STALLED);
                    assertEquals(i, ByteBuffer.wrap(frame).getInt(), "message order");
                }
            });
            received.get(WITHIN_SECONDS, TimeUnit.SECONDS);
            sent.get(WITHIN_SECONDS, TimeUnit.SECONDS);
            assertTrue(storm.sent() > 1_000, "the storm sent only " + storm.sent() + " signals");
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void requestAndReplyUnderSignalsStallNothing(boolean virtual) throws Exception {
        Socket rep = zmq.socket(SocketType.REP);
        Socket req = zmq.socket(SocketType.REQ);
        req.connect(Transport.INPROC.bind(rep));
        int rounds = 20_000 * SCALE;
        try (SignalStorm storm = SignalStorm.atTargetsAnd(SHARED_THREADS)) {
            CompletableFuture<Void> server = run(virtual, storm, rep, () -> {
                byte[] frame = new byte[4];
                for (int i = 0; i < rounds; i++) {
                    assertEquals(4, rep.receive(frame, STALLED), "request " + i + " waited out " + STALLED);
                    assertTrue(rep.send(frame, false, STALLED));
                }
            });
            CompletableFuture<Void> client = run(virtual, storm, req, () -> {
                byte[] frame = new byte[4];
                for (int i = 0; i < rounds; i++) {
                    ByteBuffer.wrap(frame).putInt(i);
                    assertTrue(req.send(frame, false, STALLED));
                    assertEquals(4, req.receive(frame, STALLED), "reply " + i + " waited out " + STALLED);
                    assertEquals(i, ByteBuffer.wrap(frame).getInt());
                }
            });
            client.get(WITHIN_SECONDS, TimeUnit.SECONDS);
            server.get(WITHIN_SECONDS, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void aPollerUnderSignalsSeesEveryMessage(boolean virtual) throws Exception {
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVHWM, 1);
        Socket push = pushTo(pull, Transport.INPROC);
        int count = 100_000 * SCALE;
        try (SignalStorm storm = SignalStorm.atTargetsAnd(SHARED_THREADS)) {
            CompletableFuture<Void> sent = sendNumbered(virtual, storm, push, count);
            CompletableFuture<Void> received = run(virtual, storm, pull, () -> {
                byte[] frame = new byte[4];
                try (Poller poller = new Poller()) {
                    poller.register(pull, PollEvent.IN);
                    int i = 0;
                    while (i < count) {
                        assertEquals(1, poller.poll(STALLED), "the poll for message " + i + " waited out " + STALLED);
                        while (i < count && pull.tryReceive(frame) == 4) {
                            assertEquals(i++, ByteBuffer.wrap(frame).getInt(), "message order");
                        }
                    }
                }
            });
            received.get(WITHIN_SECONDS, TimeUnit.SECONDS);
            sent.get(WITHIN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * bind, connect, disconnect, unbind, ZMQ_EVENTS and monitors first process the socket's
     * commands, which a signal can cut short: they answer as without signals, never EINTR.
     */
    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void endpointsEventsAndMonitorsUnderSignalsNeverFail(boolean virtual) throws Exception {
        Socket server = zmq.socket(SocketType.ROUTER);
        Socket client = zmq.socket(SocketType.DEALER);
        Socket pair = zmq.socket(SocketType.PAIR);
        String endpoint = Transport.TCP.bind(server);
        try (SignalStorm storm = SignalStorm.atTargetsAnd(SHARED_THREADS)) {
            run(virtual, storm, client, () -> {
                for (int i = 0; i < 3_000 * SCALE; i++) {
                    client.connect(endpoint);
                    assertTrue(client.get(SocketOption.EVENTS) >= 0);
                    client.disconnect(endpoint);
                    pair.bind("inproc://signals-" + i);
                    pair.unbind("inproc://signals-" + i);
                    if (i % 10 == 0) {
                        // A monitor's sockets go to libzmq's reaper, which a storm slows: fewer of them.
                        pair.monitor().close();
                    }
                }
            }).get(WITHIN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * libzmq's proxy returns EINTR when a signal cuts one of its calls short; the proxy resumes
     * instead of ending with an exception. (libzmq itself may drop the one frame whose send the
     * signal cut short, so the stream's count is not asserted; the proxy's survival is.)
     */
    @Test
    void aProxyRunsOnThroughSignals() throws Exception {
        Socket frontend = zmq.socket(SocketType.PULL);
        Socket backend = zmq.socket(SocketType.PUSH);
        Socket producer = zmq.socket(SocketType.PUSH);
        Socket consumer = zmq.socket(SocketType.PULL);
        producer.connect(Transport.INPROC.bind(frontend));
        consumer.connect(Transport.INPROC.bind(backend));
        try (Proxy proxy = Proxy.start(frontend, backend)) {
            try (SignalStorm storm = SignalStorm.atTargetsAnd(List.of("zmq-proxy-"))) {
                // Until the proxy's thread has had its share of signals, however the CPUs are shared.
                byte[] frame = new byte[4];
                for (int i = 0; i < 20_000 * SCALE || storm.sent() < 1_000 * SCALE; i++) {
                    assertTrue(producer.send(frame, false, STALLED));
                    consumer.tryReceive(frame);
                }
            }
            assertTrue(producer.send("after the storm"));
            String last;
            do {
                last = consumer.receiveString(STALLED);
            } while (last != null && !last.equals("after the storm"));
            assertEquals("after the storm", last, "the proxy forwarded nothing after the storm");
            assertTrue(proxy.isRunning());
        }
    }

    /**
     * A PUSH connected to {@code pull}, with the smallest queue, so that both ends wait at nearly
     * every message: each wait is a chance for a signal to land where it did harm.
     */
    private Socket pushTo(Socket pull, Transport transport) {
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1);
        push.connect(transport.bind(pull));
        return push;
    }

    /** Sends 0 .. count-1 as 4-byte frames from a thread the storm targets. */
    private static CompletableFuture<Void> sendNumbered(boolean virtual, SignalStorm storm, Socket push, int count) {
        return run(virtual, storm, push, () -> {
            byte[] frame = new byte[4];
            for (int i = 0; i < count; i++) {
                ByteBuffer.wrap(frame).putInt(i);
                assertTrue(push.send(frame, false, STALLED), "send " + i + " waited out " + STALLED);
            }
        });
    }

    /** Runs {@code body}, which uses {@code socket}, on a new thread that the storm targets (a platform one, or a virtual one's carriers). */
    private static CompletableFuture<Void> run(boolean virtual, SignalStorm storm, Socket socket, ThrowingRunnable body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
            try {
                if (!virtual) {
                    storm.target(() -> Blocking.isBlockedIn(socket));
                }
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
