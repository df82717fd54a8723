package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guide's advanced request-reply: the reply envelope a ROUTER adds (the peer's routing id
 * as the first frame) in front of the empty delimiter frame that REQ and REP use.
 */
@Timeout(30)
class DealerRouterPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routerSeesReqEnvelopeAndRoutesTheReplyBack(Transport transport) {
        Socket router = zmq.socket(SocketType.ROUTER);
        Socket req = zmq.socket(SocketType.REQ);
        req.set(SocketOption.ROUTING_ID, utf8("client-A"));
        req.connect(transport.bind(router));

        req.send("hello");
        List<byte[]> envelope = router.receiveMultipart();
        assertEquals(3, envelope.size());
        assertEquals("client-A", text(envelope.get(0)), "routing id first");
        assertEquals(0, envelope.get(1).length, "then the empty delimiter");
        assertEquals("hello", text(envelope.get(2)));

        router.sendMultipart(List.of(envelope.get(0), new byte[0], utf8("world")));
        assertEquals("world", req.receiveString());
        assertFalse(req.hasMore(), "REQ strips the envelope");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dealerTalksToRepWithAHandMadeDelimiter(Transport transport) {
        Socket rep = zmq.socket(SocketType.REP);
        Socket dealer = zmq.socket(SocketType.DEALER);
        dealer.connect(transport.bind(rep));

        dealer.sendMore(new byte[0]);
        dealer.send("ping");
        assertEquals("ping", rep.receiveString());
        assertFalse(rep.hasMore());
        rep.send("pong");

        assertArrayEquals(new byte[0], dealer.receive());
        assertTrue(dealer.hasMore());
        assertEquals("pong", dealer.receiveString());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routerAddressesEachDealerByRoutingId(Transport transport) {
        Socket router = zmq.socket(SocketType.ROUTER);
        String endpoint = transport.bind(router);
        Socket alice = zmq.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("alice"));
        Socket bob = zmq.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("bob"));
        alice.connect(endpoint);
        bob.connect(endpoint);

        // The ROUTER learns a routing id from the peer's first message.
        alice.send("alice here");
        bob.send("bob here");
        for (int i = 0; i < 2; i++) {
            List<byte[]> msg = router.receiveMultipart();
            assertEquals(text(msg.get(0)) + " here", text(msg.get(1)));
        }

        router.sendMore("bob");
        router.send("for bob");
        router.sendMore("alice");
        router.send("for alice");
        assertEquals("for alice", alice.receiveString());
        assertEquals("for bob", bob.receiveString());
    }
}
