package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The guide's signalling between two threads: an exclusive pair, talking both ways. */
@Timeout(30)
class PairPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pairTalksBothWays(Transport transport) throws Exception {
        Socket step1 = zmq.socket(SocketType.PAIR);
        Socket step2 = zmq.socket(SocketType.PAIR);
        step2.connect(transport.bind(step1));

        // Each socket stays on its own thread, as the guide's relay does.
        Thread other = Thread.ofPlatform().start(() -> {
            String ready = step2.receiveString();
            step2.send(ready + " acknowledged");
        });
        step1.send("ready");
        assertEquals("ready acknowledged", step1.receiveString());
        other.join();
        step2.send("after join");
        assertEquals("after join", step1.receiveString());
    }
}
