package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumSet;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq 4.3 aborts a process whose socket has ZMTP heartbeats and a full receive queue when the
 * connection is reset ({@code Assertion failed: !_io_error (src/stream_engine_base.cpp:331)}):
 * the engine, whose reading stopped at the high water mark, takes the reset as an I/O error,
 * stops polling and keeps the connection for the application to drain; the next heartbeat
 * writes to it and trips the assertion. A reader that lags while its peer goes away meets it:
 * the peer's close answers the next PING with a reset. zmq-ffm refuses the bind or connect of a
 * socket that takes messages, has HEARTBEAT_IVL and a RCVHWM other than 0 (over a stream
 * transport), so that a queue with heartbeats never fills. This class
 * shows the refusal, that the same sequence on the same libzmq still aborts a pyzmq process
 * configured the refused way, and that a child JVM configured the allowed way survives it.
 */
@Timeout(120)
class HeartbeatHazardTest {
    private static final Duration PATIENCE = Duration.ofSeconds(PATIENCE_SECONDS);
    private static final int FRAME = 1_000;

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PAIR", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "XPUB",
            "XSUB", "STREAM"})
    void heartbeatsOnASocketThatTakesMessagesNeedAnUnboundedReceiveQueue(SocketType type) {
        Socket refusedBind = zmq.socket(type).set(SocketOption.HEARTBEAT_IVL, 500);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> refusedBind.bind("tcp://127.0.0.1:*"));
        assertTrue(refused.getMessage().contains("RCVHWM 0"), refused::getMessage);
        assertThrows(IllegalStateException.class, () -> refusedBind.connect("tcp://127.0.0.1:5"));
        assertThrows(IllegalStateException.class, () -> refusedBind.connect("ipc:///tmp/zmq-ffm-heartbeat-hazard"));
        assertEquals("", refusedBind.lastEndpoint(), "nothing was bound");

        // Either order works: the options are checked together, when a connection is made.
        Socket heartbeatsFirst = zmq.socket(type).set(SocketOption.HEARTBEAT_IVL, 500).set(SocketOption.RCVHWM, 0);
        assertDoesNotThrow(() -> heartbeatsFirst.bind("tcp://127.0.0.1:*"));
        Socket queueFirst = zmq.socket(type).set(SocketOption.RCVHWM, 0).set(SocketOption.HEARTBEAT_IVL, 500);
        assertDoesNotThrow(() -> queueFirst.connect(heartbeatsFirst.lastEndpoint()));
        // Inproc has no ZMTP stream, so no heartbeats and nothing to refuse.
        Socket inproc = zmq.socket(type).set(SocketOption.HEARTBEAT_IVL, 500);
        assertDoesNotThrow(() -> inproc.bind("inproc://heartbeat-hazard-" + type));
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PUSH", "PUB"})
    void socketsThatTakeNoMessagesMayHaveHeartbeatsWithAnyQueue(SocketType type) {
        Socket socket = zmq.socket(type).set(SocketOption.HEARTBEAT_IVL, 500).set(SocketOption.RCVHWM, 1_000);
        assertDoesNotThrow(() -> socket.bind("tcp://127.0.0.1:*"));
        assertEquals(500, socket.get(SocketOption.HEARTBEAT_IVL));
    }

    /**
     * Connects a PUSH to {@code endpoint}, waits for the handshake, and sends 1,000-byte frames
     * until three waits of 500 ms in a row find no room: the peer's queue and the connection are
     * full, not merely slow on a busy machine.
     */
    private int fillUp(Socket push, String endpoint) {
        try (Monitor monitor = push.monitor(EnumSet.of(MonitorEvent.Type.HANDSHAKE_SUCCEEDED))) {
            push.connect(endpoint);
            assertNotNull(monitor.receive(PATIENCE), "no handshake with the peer");
        }
        int accepted = 0;
        for (int misses = 0; misses < 3; ) {
            if (push.send(new byte[FRAME], false, Duration.ofMillis(500))) {
                accepted++;
                misses = 0;
            } else {
                misses++;
            }
        }
        return accepted;
    }

    @Test
    void theLoadedLibzmqStillAbortsAStalledReaderWithHeartbeatsWhenItsPeerLeaves() {
        // pyzmq on the same libzmq, configured as zmq-ffm refuses: RCVHWM 10 with heartbeats.
        try (PeerProcess pull = PeerProcess.python("network_peer.py", "stalled-pull", "tcp://127.0.0.1:*")) {
            // Small kernel buffers: the reader's queue and the connection fill within a moment,
            // long before the reader's own heartbeat timeout (10 s) would close the connection.
            Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 10).set(SocketOption.SNDBUF, 65_536);
            assertTrue(fillUp(push, pull.nextLine()) > 10, "the peer's queue never took a frame");
            push.close();
            // The PULL's next PING meets the closed socket, which answers with a reset.
            int exit = pull.awaitExit(PATIENCE);
            assertEquals(134, exit, () -> "expected SIGABRT; if libzmq no longer aborts here, OptionHazards can let "
                    + "this libzmq have heartbeats with a bounded queue. stderr: " + pull.stderr());
            assertTrue(pull.stderr().contains("!_io_error"), pull::stderr);
        }
    }

    @Test
    void aStalledReaderWithHeartbeatsAndRcvhwmZeroSurvivesItsPeerLeavingAndKeepsEveryFrame() {
        int count = 2_000;
        try (PeerProcess pull = PeerProcess.java(PeerRoles.class, "pull", "bind=tcp://127.0.0.1:*",
                "count=" + count, "hold=true", "RCVHWM=0", "HEARTBEAT_IVL=100", "HEARTBEAT_TIMEOUT=10000")) {
            String endpoint = pull.awaitLine("bound ");
            Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 10).set(SocketOption.LINGER, 10_000)
                    .connect(endpoint);
            for (int n = 0; n < count; n++) {
                // 2 MB: more than the kernel buffers hold; only an unbounded queue takes it all.
                assertTrue(push.send(Sequence.frame(n, FRAME), false, PATIENCE), "the stalled reader's queue filled at " + n);
            }
            push.close();
            pull.awaitLine("event pull DISCONNECTED");
            pull.tell("read");
            assertEquals("received=" + count + " lost=0 reordered=0 last=" + (count - 1), pull.awaitLine("summary "));
            pull.assertSucceeded();
        }
    }
}
