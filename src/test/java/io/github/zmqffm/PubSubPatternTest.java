package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.github.zmqffm.ZmqFixtures.awaitSubscription;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Publish-subscribe with topic prefixes, past the slow-joiner window without sleeping. */
@Timeout(30)
class PubSubPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void subscriberGetsOnlyItsTopics(Transport transport) {
        Socket pub = zmq.socket(SocketType.PUB);
        Socket sub = zmq.socket(SocketType.SUB);
        sub.connect(transport.bind(pub));
        sub.subscribe("weather.");          // String form
        sub.subscribe(utf8("sport."));      // byte[] form
        awaitSubscription(pub, "sport.", sub);

        pub.send("weather.rain");
        pub.send("news.election");
        pub.send("sport.tennis");
        assertEquals("weather.rain", sub.receiveString());
        assertEquals("sport.tennis", sub.receiveString(), "news. was filtered out");

        sub.unsubscribe("weather.");
        pub.send("weather.sun");
        pub.send("sport.golf");
        assertEquals("sport.golf", sub.receiveString(), "weather. is unsubscribed");

        sub.unsubscribe(utf8("sport."));
        sub.subscribe("news.");
        awaitSubscription(pub, "news.", sub);
        pub.send("sport.chess");
        pub.send("news.markets");
        assertEquals("news.markets", sub.receiveString(), "sport. is unsubscribed");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void emptyPrefixSubscribesToEverythingAndEveryoneGetsACopy(Transport transport) {
        Socket pub = zmq.socket(SocketType.PUB);
        Socket first = zmq.socket(SocketType.SUB);
        Socket second = zmq.socket(SocketType.SUB);
        String endpoint = transport.bind(pub);
        for (Socket sub : List.of(first, second)) {
            sub.connect(endpoint);
            sub.subscribe("");
        }
        awaitSubscription(pub, "", first, second);

        pub.sendMore("envelope");
        pub.send("payload");
        for (Socket sub : List.of(first, second)) {
            assertEquals(List.of("envelope", "payload"),
                    sub.receiveMultipart().stream().map(ZmqFixtures::text).toList());
        }
    }
}
