package io.github.zmqffm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.zmqffm.PeerSide.say;

/**
 * Roles for the mute state: a sender that fills a receiver until it stops taking frames, and a
 * receiver that stalls on command and reads again later. Played by child JVMs through
 * {@link PeerRoles}.
 */
final class MuteRoles {
    private MuteRoles() {
    }

    /**
     * Sends one frame, to the peer named {@code peer} if the socket is a ROUTER; {@code false}
     * if the socket stayed mute for its SNDTIMEO.
     */
    private static boolean send(Socket socket, String peer, byte[] frame) {
        return peer == null ? socket.send(frame)
                : socket.sendMultipart(List.of(peer.getBytes(StandardCharsets.UTF_8), frame));
    }

    /**
     * Connects a socket of {@code type} and sends probes every 20 ms until "hush" (to a ROUTER's
     * {@code peer} once it is known), so that connection and subscription are in place. On "go"
     * it sends frames 0 to count-1 of {@code size} bytes, each waiting at most the socket's
     * SNDTIMEO, and stops when two in a row are not taken: prints {@code accepted n}. If it
     * stopped, a non-blocking send is tried ({@code try-send false}), or a send to a peer nobody
     * knows if a ROUTER ({@code unknown peer <errno>}), and a blocking send on another thread,
     * which prints {@code unblocked true} once it returns.
     */
    static void fill(PeerSide side, Context context) throws Exception {
        Socket socket = side.configure(context.socket(SocketType.valueOf(side.param("type"))));
        socket.connect(side.param("connect"));
        String peer = side.param("peer", null);
        while (!side.received("hush", Duration.ofMillis(20))) {
            try {
                send(socket, peer, Sequence.PROBE);
            } catch (ZmqException unknownYet) {
                // ROUTER_MANDATORY: EHOSTUNREACH until the peer has connected
            }
        }
        side.await("go");
        int count = side.intParam("count");
        int size = side.intParam("size");
        int accepted = 0;
        // Mute is two sends in a row that find no room: one could be a busy machine's I/O thread.
        for (int misses = 0; accepted < count && misses < 2; ) {
            if (send(socket, peer, Sequence.frame(accepted, size))) {
                accepted++;
                misses = 0;
            } else {
                misses++;
            }
        }
        say("accepted " + accepted);
        if (accepted < count) {
            if (peer == null) {
                say("try-send " + socket.trySend(Sequence.frame(accepted, size)));
            } else {
                try {
                    send(socket, "nobody", Sequence.PROBE);
                    say("unknown peer accepted");
                } catch (ZmqException e) {
                    say("unknown peer " + e.errno());
                }
            }
            socket.set(SocketOption.SNDTIMEO, -1);
            byte[] blocked = Sequence.frame(accepted, size);
            Thread.ofPlatform().start(() -> say("unblocked " + send(socket, peer, blocked)));
        }
        side.await("stop");
    }

    /**
     * Binds a socket of {@code type} (a SUB subscribes to everything) and reads and drops what
     * comes (probes; "joined" at the first) until told "stall" and nothing has come for 300 ms:
     * then prints "stalled" and reads no more until "read" or "read N". Then it takes every
     * sequence frame (the last frame of a message): N of them, or without N until 500 ms pass
     * without one; and prints the {@code summary}.
     */
    static void stall(PeerSide side, Context context) throws Exception {
        Socket socket = side.configure(context.socket(SocketType.valueOf(side.param("type"))));
        if (socket.type() == SocketType.SUB) {
            socket.subscribe("");
        }
        socket.bind(side.param("bind"));
        say("bound " + socket.lastEndpoint());
        boolean joined = false;
        boolean stalling = false;
        while (true) {
            List<byte[]> message = receiveMessage(socket, Duration.ofMillis(300));
            if (message != null && !joined) {
                joined = true;
                say("joined");
            }
            stalling |= side.received("stall", Duration.ZERO);
            if (message == null && stalling) {
                break;
            }
        }
        say("stalled");
        String count = side.awaitVerb("read");
        // A count (what a blocking sender must deliver) is read in full: after the stall, tcp may
        // take seconds to reopen the window (zero-window probes back off), longer than a pause
        // that ends a read of unknown length.
        long expected = count.isEmpty() ? -1 : Long.parseLong(count);
        Duration pause = expected < 0 ? Duration.ofMillis(500) : Duration.ofSeconds(30);
        Sequence sequence = new Sequence(Integer.MAX_VALUE);
        for (List<byte[]> message; sequence.received() != expected
                && (message = receiveMessage(socket, pause)) != null; ) {
            if (Sequence.isNumbered(message.getLast())) {
                sequence.take(message.getLast());
            }
        }
        say("summary " + sequence);
    }

    /** A whole message, or null if none began within {@code timeout}. */
    private static List<byte[]> receiveMessage(Socket socket, Duration timeout) {
        byte[] first = socket.receive(timeout);
        if (first == null) {
            return null;
        }
        List<byte[]> message = new ArrayList<>(List.of(first));
        while (socket.hasMore()) {
            message.add(socket.receive());
        }
        return message;
    }
}
