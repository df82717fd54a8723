package io.github.zmqffm;

import io.github.zmqffm.MonitorEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class MonitorTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static final Duration WAIT = Duration.ofSeconds(10);


    /** Reads events until one of type {@code last}; fails if none comes within {@link #WAIT}. */
    private static List<MonitorEvent> readUntil(Monitor monitor, Type last) {
        List<MonitorEvent> events = new ArrayList<>();
        while (true) {
            MonitorEvent e = monitor.receive(WAIT);
            assertNotNull(e, "no " + last + " after " + events);
            events.add(e);
            if (e.type() == last) {
                return events;
            }
        }
    }

    private static void assertInOrder(List<MonitorEvent> events, Type... expected) {
        int next = 0;
        for (MonitorEvent e : events) {
            if (next < expected.length && e.type() == expected[next]) {
                next++;
            }
        }
        assertEquals(expected.length, next, "expected " + List.of(expected) + " in order within " + events);
    }

    private static MonitorEvent find(List<MonitorEvent> events, Type type) {
        return events.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    @Test
    void tcpPairLifecycleInOrder() {
        Socket server = zmq.context().socket(SocketType.PAIR);
        Socket client = zmq.context().socket(SocketType.PAIR);
        try (Monitor serverEvents = server.monitor(); Monitor clientEvents = client.monitor()) {
            server.bind("tcp://127.0.0.1:*");
            String endpoint = server.lastEndpoint();
            client.connect(endpoint);
            client.send("hello");
            assertEquals("hello", server.receiveString(WAIT));

            List<MonitorEvent> clientSide = readUntil(clientEvents, Type.HANDSHAKE_SUCCEEDED);
            assertInOrder(clientSide, Type.CONNECTED, Type.HANDSHAKE_SUCCEEDED);
            MonitorEvent connected = find(clientSide, Type.CONNECTED);
            assertEquals(endpoint, connected.endpoint());
            assertTrue(connected.value() > 2, "CONNECTED carries the socket's descriptor: " + connected);

            client.close();
            List<MonitorEvent> serverSide = readUntil(serverEvents, Type.DISCONNECTED);
            server.close();
            serverSide.addAll(readUntil(serverEvents, Type.MONITOR_STOPPED));
            assertInOrder(serverSide, Type.LISTENING, Type.ACCEPTED, Type.HANDSHAKE_SUCCEEDED, Type.DISCONNECTED,
                    Type.CLOSED, Type.MONITOR_STOPPED);
            assertEquals(endpoint, find(serverSide, Type.LISTENING).endpoint());
            assertNull(serverEvents.receive(Duration.ofMillis(50)), "nothing follows MONITOR_STOPPED");

            assertInOrder(readUntil(clientEvents, Type.MONITOR_STOPPED), Type.MONITOR_STOPPED);
        }
    }

    @Test
    void onlyTheChosenEventsAreReported() {
        try (Socket server = zmq.context().socket(SocketType.PAIR); Socket client = zmq.context().socket(SocketType.PAIR);
             Monitor accepted = server.monitor(EnumSet.of(Type.ACCEPTED))) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint());
            MonitorEvent e = accepted.receive(WAIT);
            assertNotNull(e);
            assertEquals(Type.ACCEPTED, e.type());
            assertNull(e.errno());
            assertNull(e.protocolError());
            assertTrue(e.toString().startsWith("ACCEPTED(fd "), e.toString());
            assertNull(accepted.receive(Duration.ofMillis(100)), "LISTENING and HANDSHAKE_SUCCEEDED were not asked for");
        }
    }

    /**
     * Connects {@code client} to a PLAIN server and returns the server's first handshake event
     * (a success would be reported too, and fail the caller's assertions).
     */
    private MonitorEvent plainServerHandshake(Socket client, Type failure) {
        try (Socket server = zmq.context().socket(SocketType.PAIR).set(SocketOption.PLAIN_SERVER, true);
             Monitor events = server.monitor(EnumSet.of(failure, Type.HANDSHAKE_SUCCEEDED))) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint());
            MonitorEvent e = events.receive(WAIT);
            assertNotNull(e, "no handshake event");
            assertEquals(failure, e.type(), e.toString());
            return e;
        } finally {
            client.close();
        }
    }

    private Socket plainClient(String password) {
        return zmq.context().socket(SocketType.PAIR).set(SocketOption.PLAIN_USERNAME, "admin")
                .set(SocketOption.PLAIN_PASSWORD, password);
    }

    @Test
    void mechanismMismatchIsAProtocolFailure() {
        MonitorEvent e = plainServerHandshake(zmq.context().socket(SocketType.PAIR), Type.HANDSHAKE_FAILED_PROTOCOL);
        assertEquals(ProtocolError.ZMTP_MECHANISM_MISMATCH, e.protocolError());
        assertEquals(ProtocolError.ZMTP_MECHANISM_MISMATCH.code(), e.value());
    }

    @Test
    void plainWithoutAZapHandlerFailsWithNoDetail() {
        MonitorEvent e = plainServerHandshake(plainClient("secret"), Type.HANDSHAKE_FAILED_NO_DETAIL);
        assertEquals(Errno.EFAULT, e.errno(), "libzmq 4.3 reports a missing ZAP handler as EFAULT");
    }

    @Test
    void zapRefusalIsAnAuthFailureWithTheStatusCode() throws Exception {
        Socket zap = zmq.context().socket(SocketType.REP).bind("inproc://zeromq.zap.01");
        Blocking.Call handler = Blocking.start("zap-handler", () -> {
            while (true) {
                List<byte[]> request = zap.receiveMultipart();
                zap.sendMultipart(List.of("1.0".getBytes(StandardCharsets.UTF_8), request.get(1),
                        "400".getBytes(StandardCharsets.UTF_8), "denied".getBytes(StandardCharsets.UTF_8),
                        new byte[0], new byte[0]));
            }
        });
        MonitorEvent e = plainServerHandshake(plainClient("wrong"), Type.HANDSHAKE_FAILED_AUTH);
        assertEquals(400, e.value());
        zap.close();
        assertInstanceOf(IllegalStateException.class, handler.outcome());
    }

    @Test
    void closingTheMonitorStopsItAndAllowsANewOne() {
        try (Socket server = zmq.context().socket(SocketType.PAIR)) {
            Monitor first = server.monitor(EnumSet.of(Type.LISTENING, Type.MONITOR_STOPPED));
            IllegalStateException twice = assertThrows(IllegalStateException.class, server::monitor);
            assertTrue(twice.getMessage().contains("already has a monitor"), twice.getMessage());
            server.bind("tcp://127.0.0.1:*");
            assertEquals(Type.LISTENING, first.receive(WAIT).type());
            first.close();
            first.close();
            assertTrue(first.isClosed());
            assertThrows(IllegalStateException.class, () -> first.receive(Duration.ZERO));

            try (Monitor second = server.monitor(EnumSet.of(Type.LISTENING))) {
                server.bind("tcp://127.0.0.1:*");
                assertEquals(Type.LISTENING, second.receive(WAIT).type());
            }
        }
    }

    @Test
    void monitorCanStartAndStopWhileAnotherThreadUsesTheSocket() throws Exception {
        try (Socket pull = zmq.context().socket(SocketType.PULL); Socket push = zmq.context().socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            String endpoint = pull.lastEndpoint();
            Blocking.Call receiver = Blocking.start("receiver", pull::receive);
            Blocking.awaitBlocked(pull, receiver);
            try (Monitor monitor = pull.monitor(EnumSet.of(Type.ACCEPTED))) {
                push.connect(endpoint);
                assertEquals(Type.ACCEPTED, monitor.receive(WAIT).type());
            }
            push.send("done");
            assertNull(receiver.outcome());
        }
    }

    @Test
    void closedMonitorsLeaveNoDescriptorsAndNoBlockedIoThread() throws Exception {
        try (Socket server = zmq.context().socket(SocketType.PULL)) {
            server.bind("tcp://127.0.0.1:*");
            String endpoint = server.lastEndpoint();
            int before = ProcessResources.openFds();
            String descriptorsBefore = ProcessResources.describeFds();
            for (int i = 0; i < 20; i++) {
                try (Monitor monitor = server.monitor()) {
                    assertNull(monitor.tryReceive());
                }
            }
            assertTrue(ProcessResources.awaitOpenFdsAtMost(before, 10) <= before,
                    () -> "descriptors did not return to " + before + "; before:\n" + descriptorsBefore
                            + "now:\n" + ProcessResources.describeFds());
            // Events would now go nowhere; libzmq's I/O thread must still serve new peers.
            for (int i = 0; i < 5; i++) {
                try (Socket client = zmq.context().socket(SocketType.PUSH)) {
                    client.connect(endpoint);
                    client.send("client " + i);
                    assertEquals("client " + i, server.receiveString(WAIT));
                }
            }
        }
    }


    @Test
    void refusesBadEventSets() {
        try (Socket s = zmq.context().socket(SocketType.PAIR)) {
            assertThrows(IllegalArgumentException.class, () -> s.monitor(EnumSet.noneOf(Type.class)));
            assertThrows(UnsupportedOperationException.class, () -> s.monitor(EnumSet.allOf(Type.class)));
            s.close();
            assertThrows(IllegalStateException.class, s::monitor);
        }
    }

    @Test
    void contextCloseWakesAReader() throws Exception {
        Socket s = zmq.context().socket(SocketType.PAIR);
        // Not MONITOR_STOPPED: closing the context closes s, and that event could win the race.
        Monitor monitor = s.monitor(EnumSet.of(Type.ACCEPTED));
        Blocking.Call reader = Blocking.start("reader", monitor::receive);
        Blocking.awaitTrue(() -> monitor.isReceiving() || reader.isDone(), "the reader to block");
        zmq.context().close();
        assertInstanceOf(ContextTerminatedException.class, reader.outcome());
        monitor.close();
    }

    @Test
    void everyEventTypeMapsToItsZmqNumber() {
        for (Type t : Type.values()) {
            assertSame(t, Type.of(t.bit()));
        }
        assertEquals(0x7FFF, Type.ALL.stream().mapToInt(Type::bit).reduce(0, (a, b) -> a | b),
                "every version-1 event of zmq.h, none twice");
        assertThrows(IllegalArgumentException.class, () -> Type.of(0x8000));
    }
}
