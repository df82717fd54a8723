package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The high water mark and the mute state per socket type, over tcp between two network
 * namespaces ({@link NetnsPair}): a sender fills a receiver that has stopped reading, and once
 * the receiver reads again, every sequence number tells what got through. Over tcp the kernel
 * buffers of both ends hold messages beyond the two high water marks; with SO_SNDBUF and
 * SO_RCVBUF fixed the real bound can be computed ({@link #bound()}), and docs/transports.md
 * explains it.
 */
@Timeout(120)
class NetnsHighWaterMarkTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int HWM = 100;
    private static final int BUFFER = 64 * 1024;
    /** The largest segment Linux queues at once (GSO and GRO), by which a buffer can pass its limit. */
    private static final int SEGMENT = 64 * 1024;
    /** libzmq's default OUT_BATCH_SIZE and IN_BATCH_SIZE. */
    private static final int BATCH = 8 * 1024;
    private static final int SIZE = 1_000;
    /** Far beyond what the two queues and the kernel buffers can hold. */
    private static final int OFFERED = 5_000;

    /**
     * The most messages that can be on their way while the receiver reads nothing: SNDHWM and
     * RCVHWM, plus what the kernel buffers hold (Linux doubles SO_SNDBUF and SO_RCVBUF to leave
     * room for its bookkeeping, so at most twice each, and lets each side pass its limit by one
     * segment of up to 64 KiB), plus one encoder and one decoder batch of libzmq (8 KiB each),
     * over the size of a message on the wire (a 9-byte ZMTP frame header for bodies over 255
     * bytes).
     */
    private static int bound() {
        return 2 * HWM + (2 * BUFFER + 2 * BUFFER + 2 * SEGMENT + 2 * BATCH) / (SIZE + 9);
    }

    /** What one run reported: the sender's lines and the receiver's summary. */
    private record Run(List<String> sender, Map<String, Long> received) {
        long accepted() {
            return sender.stream().filter(line -> line.startsWith("accepted ")).mapToLong(
                    line -> Long.parseLong(line.substring("accepted ".length()))).findFirst().orElseThrow();
        }
    }

    /**
     * A {@code senderType} in side a fills a {@code receiverType} in side b that stops reading
     * once connected; then the receiver reads everything.
     */
    private static Run fill(SocketType senderType, SocketType receiverType, String... senderOptions) {
        try (NetnsPair net = NetnsPair.create()) {
            String endpoint = "tcp://" + net.b().address() + ":5580";
            PeerProcess receiver = net.b().java(PeerRoles.class, "stall", "type=" + receiverType, "bind=" + endpoint,
                    "RCVHWM=" + HWM, "RCVBUF=" + BUFFER, "SNDBUF=" + BUFFER, "ROUTING_ID=receiver");
            receiver.awaitLine("bound ", STARTUP);
            List<String> args = new ArrayList<>(List.of("fill", "type=" + senderType, "connect=" + endpoint,
                    "count=" + OFFERED, "size=" + SIZE, "SNDHWM=" + HWM, "SNDBUF=" + BUFFER, "RCVBUF=" + BUFFER,
                    "SNDTIMEO=500"));
            args.addAll(List.of(senderOptions));
            PeerProcess sender = net.a().java(PeerRoles.class, args.toArray(String[]::new));
            receiver.awaitLine("joined", STARTUP);
            sender.tell("hush");
            receiver.tell("stall");
            receiver.awaitLine("stalled", STARTUP);
            sender.tell("go");
            String accepted = sender.awaitLine("accepted ", STARTUP);
            if (Long.parseLong(accepted) < OFFERED) {
                // Mute: a blocking send is still waiting, and returns once the receiver reads.
                sender.awaitLine(senderType == SocketType.ROUTER ? "unknown peer " : "try-send ");
                assertFalse(sender.printed().stream().anyMatch(line -> line.startsWith("unblocked")),
                        "a blocking send returned while the receiver read nothing");
            }
            // A blocking sender must deliver all it took and the frame it waits with; a dropping
            // one, what the bound holds: read that many, or until a pause.
            long mustArrive = Long.parseLong(accepted) + 1;
            receiver.tell(Long.parseLong(accepted) < OFFERED ? "read " + mustArrive : "read");
            Map<String, Long> received = receiver.awaitSummary(STARTUP);
            if (Long.parseLong(accepted) < OFFERED) {
                try {
                    sender.awaitLine("unblocked true");
                } catch (AssertionError stuck) {
                    throw new AssertionError(stuck.getMessage() + "\ntcp in the namespaces:\n" + net.tcpState(), stuck);
                }
            }
            Run run = new Run(sender.printed(), received);
            System.out.printf("NetnsHighWaterMarkTest %s -> %s: accepted %d of %d, received %s (bound %d)%n",
                    senderType, receiverType, run.accepted(), OFFERED, received, bound());
            return run;
        }
    }

    /** Fails unless the receiver got frames 0 to {@code count}-1, each once, in order. */
    private static void assertReceivedInOrder(long count, Map<String, Long> received) {
        assertEquals(Map.of("received", count, "lost", 0L, "reordered", 0L, "last", count - 1), received);
    }

    /**
     * For a socket that drops: it took every send, and the receiver got some, no more than the
     * bound, each once and in order (so every number missing up to the last one received is a
     * gap, and all after it were dropped too). How many get through depends on how far the I/O
     * thread drained the queue while the application sent (from 99 to 499 in the runs seen):
     * drops and deliveries interleave.
     */
    private static long assertDroppedWhatTheBoundCannotHold(Run run) {
        assertEquals(OFFERED, run.accepted(), "a dropping socket refused a send");
        Map<String, Long> got = run.received();
        long received = got.get("received");
        assertEquals(0L, got.get("reordered"), () -> "a number came twice or late: " + got);
        assertTrue(received > 0 && received <= bound(), "received " + received + ", bound " + bound());
        return OFFERED - received;
    }

    @Test
    void aPubDropsWhatItsQueuesAndTheKernelCannotHold() {
        long dropped = assertDroppedWhatTheBoundCannotHold(fill(SocketType.PUB, SocketType.SUB));
        System.out.printf("NetnsHighWaterMarkTest PUB dropped exactly %d of %d%n", dropped, OFFERED);
    }

    /** For a socket that blocks: it took more than its queues but no more than the bound, and lost nothing. */
    private static void assertBlockedWithinTheBoundAndLostNothing(Run run) {
        long accepted = run.accepted();
        assertTrue(accepted > 2 * HWM && accepted <= bound(), "accepted " + accepted + ", bound " + bound());
        // Everything it took, and the frame the blocking send was waiting with.
        assertReceivedInOrder(accepted + 1, run.received());
    }

    @Test
    void aPushBlocksOrWithATimeoutReportsWouldBlockAndLosesNothing() {
        Run run = fill(SocketType.PUSH, SocketType.PULL);
        assertTrue(run.sender().contains("try-send false"), run.sender()::toString);
        assertBlockedWithinTheBoundAndLostNothing(run);
    }

    @Test
    void aDealerBlocksOrWithATimeoutReportsWouldBlockAndLosesNothing() {
        Run run = fill(SocketType.DEALER, SocketType.ROUTER);
        assertTrue(run.sender().contains("try-send false"), run.sender()::toString);
        assertBlockedWithinTheBoundAndLostNothing(run);
    }

    @Test
    void aRouterDropsWhatAFullPeerCannotTake() {
        long dropped = assertDroppedWhatTheBoundCannotHold(fill(SocketType.ROUTER, SocketType.DEALER,
                "peer=receiver"));
        System.out.printf("NetnsHighWaterMarkTest ROUTER dropped exactly %d of %d%n", dropped, OFFERED);
    }

    @Test
    void withRouterMandatoryARouterBlocksOnAFullPeerAndRefusesAnUnknownOneWithEhostunreach() {
        Run run = fill(SocketType.ROUTER, SocketType.DEALER, "peer=receiver", "ROUTER_MANDATORY=true");
        assertTrue(run.sender().contains("unknown peer EHOSTUNREACH"), run.sender()::toString);
        assertBlockedWithinTheBoundAndLostNothing(run);
    }
}
