package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The raw publish-subscribe sockets a proxy is built from: subscriptions travel upstream as
 * messages, {@code \x01topic} to subscribe and {@code \x00topic} to unsubscribe.
 */
@Timeout(30)
class XPubXSubPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void xpubSeesSubscriptionsOfASub(Transport transport) {
        Socket xpub = zmq.socket(SocketType.XPUB);
        Socket sub = zmq.socket(SocketType.SUB);
        sub.connect(transport.bind(xpub));

        sub.subscribe("prices.");
        // The subscription message itself proves the subscriber is there: no slow joiner.
        assertArrayEquals(subscription(1, "prices."), xpub.receive());
        xpub.send("prices.gold 1900");
        assertEquals("prices.gold 1900", sub.receiveString());

        sub.unsubscribe("prices.");
        assertArrayEquals(subscription(0, "prices."), xpub.receive());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void xsubSubscribesBySendingTheMessage(Transport transport) {
        Socket xpub = zmq.socket(SocketType.XPUB);
        Socket xsub = zmq.socket(SocketType.XSUB);
        xsub.connect(transport.bind(xpub));

        xsub.send(subscription(1, "a"));
        assertArrayEquals(subscription(1, "a"), xpub.receive());
        xpub.send("b is filtered");
        xpub.send("a passes");
        assertEquals("a passes", xsub.receiveString());

        xsub.send(subscription(0, "a"));
        assertArrayEquals(subscription(0, "a"), xpub.receive());
    }

    private static byte[] subscription(int flag, String topic) {
        byte[] t = utf8(topic);
        byte[] msg = new byte[t.length + 1];
        msg[0] = (byte) flag;
        System.arraycopy(t, 0, msg, 1, t.length);
        return msg;
    }
}
