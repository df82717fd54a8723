package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.github.zmqffm.ZmqFixtures.assertZmqError;
import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guide's "Hello World": request-reply in lockstep. */
@Timeout(30)
class ReqRepPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientAndServerTakeTurns(Transport transport) {
        Socket server = zmq.socket(SocketType.REP);
        Socket client = zmq.socket(SocketType.REQ);
        client.connect(transport.bind(server));

        for (int i = 0; i < 3; i++) {
            assertTrue(client.send("Hello " + i));
            assertEquals("Hello " + i, server.receiveString());
            assertTrue(server.send(utf8("World " + i)));
            assertEquals("World " + i, text(client.receive()));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multipartRequestsArriveWhole(Transport transport) {
        Socket server = zmq.socket(SocketType.REP);
        Socket client = zmq.socket(SocketType.REQ);
        client.connect(transport.bind(server));

        client.sendMultipart(List.of(utf8("GET"), utf8("/index")));
        List<byte[]> request = server.receiveMultipart();
        assertEquals(List.of("GET", "/index"), request.stream().map(ZmqFixtures::text).toList());
        server.sendMore("200");
        server.send("OK");
        assertEquals("200", client.receiveString());
        assertTrue(client.hasMore());
        assertEquals("OK", client.receiveString());
    }

    @Test
    void requestServedByWhicheverServerIsNext() {
        Socket first = zmq.socket(SocketType.REP);
        Socket second = zmq.socket(SocketType.REP);
        Socket client = zmq.socket(SocketType.REQ);
        client.connect(Transport.INPROC.bind(first));
        client.connect(Transport.INPROC.bind(second));

        client.send("one");
        first.send(first.receive());
        assertEquals("one", client.receiveString());
        client.send("two");
        second.send(second.receive());
        assertEquals("two", client.receiveString());
    }

    @Test
    void requestOutOfTurnIsRefusedWithEfsm() {
        Socket server = zmq.socket(SocketType.REP);
        Socket client = zmq.socket(SocketType.REQ);
        client.connect(Transport.INPROC.bind(server));

        client.send("first");
        ZmqException e = assertZmqError(Errno.EFSM, () -> client.send("second"));
        assertEquals("send", e.operation());
        assertZmqError(Errno.EFSM, () -> server.send("reply before any request"));
        // The refusal changed nothing: the conversation goes on.
        assertEquals("first", server.receiveString());
        server.send("reply");
        assertEquals("reply", client.receiveString());
    }
}
