package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.zmqffm.ZmqFixtures.assertZmqError;
import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Endpoints and the core options of a socket; sending is in SocketSendReceiveTest, closing in SocketLifecycleTest. */
@Timeout(30)
class SocketTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    // ------------------------------------------------------------ endpoints

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lastEndpointNamesWhatWasBound(Transport transport) {
        Socket socket = zmq.socket(SocketType.PULL);
        assertEquals("", socket.lastEndpoint(), "nothing bound yet");
        String endpoint = transport.bind(socket);
        assertEquals(endpoint, socket.lastEndpoint());
        assertTrue(endpoint.startsWith(transport.name().toLowerCase() + "://"), endpoint);
    }

    @Test
    void wildcardTcpBindPicksAPort() {
        Socket socket = zmq.socket(SocketType.PULL);
        assertSame(socket, socket.bind("tcp://127.0.0.1:*"));
        assertTrue(socket.lastEndpoint().matches("tcp://127\\.0\\.0\\.1:\\d+"), socket.lastEndpoint());
    }

    @Test
    void unbindFreesTheEndpoint() {
        // inproc, where libzmq releases the name at once; a tcp listener closes later on an I/O thread.
        Socket first = zmq.socket(SocketType.PULL);
        String endpoint = Transport.INPROC.bind(first);
        assertSame(first, first.unbind(endpoint));
        assertZmqError(Errno.ENOENT, () -> first.unbind(endpoint));
        Socket second = zmq.socket(SocketType.PULL);
        second.bind(endpoint);      // would be EADDRINUSE had unbind not worked
        assertEquals(endpoint, second.lastEndpoint());
    }

    @Test
    void unbindTakesTheEndpointLastEndpointReported() {
        Socket socket = zmq.socket(SocketType.PULL);
        String endpoint = Transport.TCP.bind(socket);
        assertZmqError(Errno.ENOENT, () -> socket.unbind("tcp://127.0.0.1:1"));
        socket.unbind(endpoint);
        assertZmqError(Errno.ENOENT, () -> socket.unbind(endpoint));
    }

    @Test
    void disconnectStopsSendingToThatPeer() {
        Socket a = zmq.socket(SocketType.PULL);
        Socket b = zmq.socket(SocketType.PULL);
        Socket push = zmq.socket(SocketType.PUSH);
        String toA = Transport.INPROC.bind(a);
        push.connect(toA).connect(Transport.INPROC.bind(b));
        assertSame(push, push.disconnect(toA));
        assertZmqError(Errno.ENOENT, () -> push.disconnect(toA));

        push.send("one");
        push.send("two");
        assertEquals("one", b.receiveString(), "everything goes to the peer still connected");
        assertEquals("two", b.receiveString());
    }

    @Test
    void portOutOfRangeIsInvalidNotWrapped() {
        Socket socket = zmq.socket(SocketType.REP);
        ZmqException bind = assertZmqError(Errno.EINVAL, () -> socket.bind("tcp://127.0.0.1:99999"));
        assertEquals("bind tcp://127.0.0.1:99999: Invalid argument (EINVAL)", bind.getMessage());
        assertEquals("bind tcp://127.0.0.1:99999", bind.operation());
        assertEquals(Errno.EINVAL.code(), bind.code());
        ZmqException connect = assertZmqError(Errno.EINVAL, () -> socket.connect("tcp://127.0.0.1:65536"));
        assertEquals("connect tcp://127.0.0.1:65536: Invalid argument (EINVAL)", connect.getMessage());
        assertZmqError(Errno.EINVAL, () -> socket.bind("tcp://127.0.0.1:-1"));
        assertZmqError(Errno.EINVAL, () -> socket.connect("tcp://[::1]:70000"));
        assertZmqError(Errno.EINVAL, () -> socket.connect("ws://127.0.0.1:123456/path"));
        assertEquals("", socket.lastEndpoint(), "nothing was bound on a wrapped port");
    }

    @Test
    void portWithLeadingZerosIsThePortLibzmqReads() {
        Socket server = zmq.socket(SocketType.REP);
        String endpoint = Transport.TCP.bind(server);
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        Socket client = zmq.socket(SocketType.REQ);
        client.connect("tcp://127.0.0.1:000" + port);
        client.send("padded");
        assertEquals("padded", server.receiveString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1", "tcp://no-such-host.invalid:5555", "tcp://127.0.0.1:0x50", "inproc://"})
    void malformedEndpointsAreInvalid(String endpoint) {
        Socket socket = zmq.socket(SocketType.PUB);
        ZmqException e = assertThrows(ZmqException.class, () -> socket.bind(endpoint));
        assertTrue(e.getMessage().startsWith("bind " + endpoint + ": "), e.getMessage());
    }

    @Test
    void unknownTransportIsNotSupported() {
        Socket socket = zmq.socket(SocketType.PUB);
        ZmqException e = assertZmqError(Errno.EPROTONOSUPPORT, () -> socket.bind("bogus://x"));
        assertEquals("bind bogus://x: Protocol not supported (EPROTONOSUPPORT)", e.getMessage());
        assertZmqError(Errno.EPROTONOSUPPORT, () -> socket.connect("carrier-pigeon://home"));
    }

    /** Not ipc: libzmq replaces an existing ipc socket file, so a second bind there succeeds. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"INPROC", "TCP"})
    void anEndpointCanBeBoundOnce(Transport transport) {
        Socket first = zmq.socket(SocketType.PULL);
        String endpoint = transport.bind(first);
        Socket second = zmq.socket(SocketType.PULL);
        ZmqException e = assertZmqError(Errno.EADDRINUSE, () -> second.bind(endpoint));
        assertEquals("bind " + endpoint, e.operation());
    }

    @Test
    void endpointsWithNulOrNullAreRefusedInJava() {
        Socket socket = zmq.socket(SocketType.PUB);
        assertThrows(IllegalArgumentException.class, () -> socket.bind("inproc://a\0b"));
        assertThrows(NullPointerException.class, () -> socket.connect(null));
    }

    @Test
    void longEndpointsWork() {
        Socket pull = zmq.socket(SocketType.PULL);
        String endpoint = "inproc://" + "x".repeat(2000);     // longer than the per-thread scratch buffer
        pull.bind(endpoint);
        Socket push = zmq.socket(SocketType.PUSH);
        push.connect(endpoint);
        push.send("long");
        assertEquals("long", pull.receiveString());
    }

    // ------------------------------------------------------------ core options

    @Test
    void optionsChainAndReadBack() {
        Socket socket = zmq.socket(SocketType.DEALER);
        assertSame(socket, socket.set(SocketOption.LINGER, 250).set(SocketOption.SNDHWM, 10_000)
                .set(SocketOption.RCVHWM, 20_000).set(SocketOption.RCVTIMEO, 1500).set(SocketOption.SNDTIMEO, 2500)
                .set(SocketOption.ROUTING_ID, utf8("me")));
        assertEquals(250, socket.get(SocketOption.LINGER));
        assertEquals(10_000, socket.get(SocketOption.SNDHWM));
        assertEquals(20_000, socket.get(SocketOption.RCVHWM));
        assertEquals(1500, socket.get(SocketOption.RCVTIMEO));
        assertEquals(2500, socket.get(SocketOption.SNDTIMEO));
        assertArrayEquals(utf8("me"), socket.get(SocketOption.ROUTING_ID));
        assertEquals("me", socket.getString(SocketOption.ROUTING_ID));
        socket.set(SocketOption.ROUTING_ID, "text form");
        assertEquals("text form", text(socket.get(SocketOption.ROUTING_ID)));
        assertEquals(SocketType.DEALER, socket.get(SocketOption.TYPE));
        assertFalse(socket.get(SocketOption.RCVMORE));
        assertEquals(SocketType.DEALER, socket.type());
    }

    @Test
    void defaultsAreLibzmqsExceptLinger() {
        Socket socket = zmq.socket(SocketType.PUSH);
        assertEquals(0, socket.get(SocketOption.LINGER), "zmq-ffm's policy: close never hangs");
        assertEquals(1000, socket.get(SocketOption.SNDHWM));
        assertEquals(1000, socket.get(SocketOption.RCVHWM));
        assertEquals(-1, socket.get(SocketOption.RCVTIMEO));
        assertEquals(-1, socket.get(SocketOption.SNDTIMEO));
    }

    @Test
    void accessIsCheckedBeforeLibzmqIsAsked() {
        Socket sub = zmq.socket(SocketType.SUB);
        assertEquals("TYPE is read-only",
                assertThrows(IllegalArgumentException.class, () -> sub.set(SocketOption.TYPE, SocketType.PUB)).getMessage());
        assertEquals("SUBSCRIBE is write-only",
                assertThrows(IllegalArgumentException.class, () -> sub.get(SocketOption.SUBSCRIBE)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> sub.get(SocketOption.UNSUBSCRIBE));
        assertThrows(NullPointerException.class, () -> sub.set(SocketOption.LINGER, null));
    }

    @Test
    void aValueLibzmqRefusesNamesOptionAndValue() {
        Socket socket = zmq.socket(SocketType.PUSH);
        ZmqException e = assertZmqError(Errno.EINVAL, () -> socket.set(SocketOption.LINGER, -2));
        assertEquals("set LINGER to -2 on a PUSH socket: Invalid argument (EINVAL)", e.getMessage());
        assertZmqError(Errno.EINVAL, () -> socket.subscribe("only SUB sockets subscribe"));
        assertEquals(0, socket.get(SocketOption.LINGER), "the refused value left the old one");
    }

    @Test
    void subscribeAndUnsubscribeAreTheOptions() {
        Socket pub = zmq.socket(SocketType.PUB);
        Socket sub = zmq.socket(SocketType.SUB);
        sub.connect(Transport.INPROC.bind(pub));
        assertSame(sub, sub.set(SocketOption.SUBSCRIBE, utf8("a")));
        ZmqFixtures.awaitSubscription(pub, "a", sub);
        pub.send("b");
        pub.send("a1");
        assertEquals("a1", sub.receiveString());
        assertSame(sub, sub.set(SocketOption.UNSUBSCRIBE, utf8("a")).subscribe("b"));
        ZmqFixtures.awaitSubscription(pub, "b", sub);
        pub.send("a2");
        pub.send("b2");
        assertEquals("b2", sub.receiveString());
    }
}
