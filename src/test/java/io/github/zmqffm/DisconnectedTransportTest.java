package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZeroMQ's transports are disconnected: a socket may connect before anyone binds, and what it
 * sends waits in its queue until the peer appears.
 */
@Timeout(30)
class DisconnectedTransportTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void messagesSentBeforeTheBindAreDeliveredAfterIt(Transport transport) {
        String endpoint = transport.freshEndpoint();
        Socket push = zmq.socket(SocketType.PUSH);
        push.connect(endpoint);
        for (int i = 0; i < 3; i++) {
            assertTrue(push.trySend(ZmqFixtures.utf8("queued " + i)), "queued without a peer");
        }

        Socket pull = zmq.socket(SocketType.PULL);
        assertNull(pull.tryReceive());
        pull.bind(endpoint);
        for (int i = 0; i < 3; i++) {
            assertEquals("queued " + i, pull.receiveString());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestWaitsForTheServerToBind(Transport transport) throws Exception {
        String endpoint = transport.freshEndpoint();
        Socket client = zmq.socket(SocketType.REQ);
        client.connect(endpoint);
        client.send("anyone there?");

        Socket server = zmq.socket(SocketType.REP);
        server.bind(endpoint);
        assertEquals("anyone there?", server.receiveString());
        server.send("yes");
        assertEquals("yes", client.receiveString());
    }
}
