package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a ROUTER does at a peer's high water mark, as the ZeroMQ guide says: it drops silently,
 * and with ROUTER_MANDATORY it refuses instead (EAGAIN, which the API reports as a send that
 * did not happen), so that nothing is lost. PUB (drops) and PUSH (blocks) at their high water
 * marks, and ROUTER_MANDATORY's EHOSTUNREACH for an unknown peer, are in
 * {@link SocketOptionBehaviourTest}.
 */
@Timeout(30)
class HighWaterMarkTest {
    private static final int HWM = 10;
    private static final int OFFERED = 1_000;

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /**
     * A ROUTER that never waits to send (SNDTIMEO 0) and a DEALER named "d" it has heard from,
     * both with small high water marks.
     */
    private Socket[] routerAndDealer(boolean mandatory) {
        Socket router = zmq.socket(SocketType.ROUTER).set(SocketOption.SNDHWM, HWM)
                .set(SocketOption.ROUTER_MANDATORY, mandatory).set(SocketOption.SNDTIMEO, 0)
                .set(SocketOption.RCVTIMEO, PATIENCE_SECONDS * 1_000);
        Socket dealer = zmq.socket(SocketType.DEALER).set(SocketOption.RCVHWM, HWM)
                .set(SocketOption.ROUTING_ID, utf8("d")).set(SocketOption.RCVTIMEO, PATIENCE_SECONDS * 1_000);
        // inproc: no I/O thread drains the pipe meanwhile, so the mark is reached exactly.
        dealer.connect(Transport.INPROC.bind(router));
        dealer.send("hello");
        assertEquals("d", new String(router.receiveMultipart().getFirst(), StandardCharsets.UTF_8));
        return new Socket[] {router, dealer};
    }

    /** Messages the dealer can read now, checked to be m0, m1, ... in order. */
    private static int drainInOrder(Socket dealer) {
        int n = 0;
        for (byte[] m; (m = dealer.receive(java.time.Duration.ofMillis(500))) != null; n++) {
            assertEquals("m" + n, new String(m, StandardCharsets.UTF_8), "lost or reordered before the drop");
        }
        return n;
    }

    @Test
    void aRouterDropsSilentlyWhatExceedsAPeersHighWaterMark() {
        Socket[] pair = routerAndDealer(false);
        Socket router = pair[0];
        for (int i = 0; i < OFFERED; i++) {
            assertTrue(router.sendMultipart(List.of(utf8("d"), utf8("m" + i))), "a ROUTER refused a send");
        }
        int delivered = drainInOrder(pair[1]);
        assertTrue(delivered > 0 && delivered < OFFERED, "delivered " + delivered + " of " + OFFERED);
    }

    @Test
    void withRouterMandatoryARouterRefusesAtAPeersHighWaterMarkAndLosesNothing() {
        Socket[] pair = routerAndDealer(true);
        Socket router = pair[0];
        int accepted = 0;
        while (accepted < OFFERED && router.sendMultipart(List.of(utf8("d"), utf8("m" + accepted)))) {
            accepted++;
        }
        assertTrue(accepted < OFFERED, "ROUTER_MANDATORY never refused");
        assertFalse(router.sendMultipart(List.of(utf8("d"), utf8("refused"))), "a full peer took more");
        assertEquals(accepted, drainInOrder(pair[1]), "everything accepted is delivered");
        router.set(SocketOption.SNDTIMEO, PATIENCE_SECONDS * 1_000);
        assertTrue(router.sendMultipart(List.of(utf8("d"), utf8("m0"))), "no room again once the peer read");
    }
}
