package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Interop over tcp with pyzmq (Debian's python3-zmq), run as a child process from
 * {@code pyzmq_peer.py} (see {@link PythonPeer}).
 */
@Timeout(60)
class PyZmqInteropTest {
    private static final String SCRIPT = "pyzmq_peer.py";

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void bothSidesLoadTheSameLibzmq() {
        try (PythonPeer peer = PythonPeer.start(SCRIPT, "version", "-")) {
            assertEquals(Zmq.version().toString(), peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void ourReqTheirRep() {
        try (PythonPeer peer = PythonPeer.start(SCRIPT, "rep-bind", "tcp://127.0.0.1:*")) {
            Socket req = zmq.socket(SocketType.REQ);
            req.connect(peer.nextLine());
            req.send("grüße ✓");
            assertEquals("py:grüße ✓", req.receiveString());
            req.sendMultipart(List.of(utf8("a"), new byte[0], utf8("c")));
            assertEquals(List.of("py:a", "py:", "py:c"), req.receiveMultipart().stream().map(ZmqFixtures::text).toList());
            peer.assertSucceeded();
        }
    }

    @Test
    void theirReqOurRep() {
        Socket rep = zmq.socket(SocketType.REP);
        String endpoint = Transport.TCP.bind(rep);
        try (PythonPeer peer = PythonPeer.start(SCRIPT, "req-connect", endpoint)) {
            assertEquals("hello from pyzmq ✓", rep.receiveString());
            rep.send("hello from zmq-ffm");
            assertEquals("hello from zmq-ffm", peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void ourPubTheirSub() {
        Socket pub = zmq.socket(SocketType.PUB);
        String endpoint = Transport.TCP.bind(pub);
        try (PythonPeer peer = PythonPeer.start(SCRIPT, "sub-connect", endpoint)) {
            // Probe until the subscriber has one: then its subscription is known here.
            while (!peer.hasLine()) {
                pub.send("py.probe");
                peer.awaitLine(10);
            }
            assertEquals("ready", peer.nextLine());
            pub.send("other.topic is filtered");
            pub.send("py.data 42");
            assertEquals("py.data 42", peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void theirDealerOurRouter() {
        Socket router = zmq.socket(SocketType.ROUTER);
        String endpoint = Transport.TCP.bind(router);
        try (PythonPeer peer = PythonPeer.start(SCRIPT, "dealer-connect", endpoint)) {
            List<byte[]> request = router.receiveMultipart();
            assertEquals(List.of("pyzmq", "", "ping"), request.stream().map(ZmqFixtures::text).toList());
            router.sendMultipart(List.of(request.get(0), new byte[0], utf8("pong")));
            assertEquals("|pong", peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void ourPushTheirPull() {
        try (PythonPeer peer = PythonPeer.start(SCRIPT, "pull-bind", "tcp://127.0.0.1:*")) {
            Socket push = zmq.socket(SocketType.PUSH);
            push.connect(peer.nextLine());
            for (int i = 0; i < 3; i++) {
                push.send("task " + i);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("task " + i, peer.nextLine());
            }
            peer.assertSucceeded();
        }
    }
}
