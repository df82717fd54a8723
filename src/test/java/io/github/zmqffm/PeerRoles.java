package io.github.zmqffm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.github.zmqffm.PeerSide.elapsedMillis;
import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static io.github.zmqffm.PeerSide.say;

/**
 * The roles a child JVM plays as a peer, one per process ({@link PeerProcess#java}), on this
 * host or inside a network namespace: {@code java PeerRoles <role> key=value...}. Each prints
 * what the test asserts on as lines ({@code summary ...}, {@code event ...}) and takes commands
 * on stdin; the tests hold the assertions, the roles only measure.
 */
final class PeerRoles {
    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("push", PeerRoles::push),
            Map.entry("pull", PeerRoles::pull),
            Map.entry("server", PeerRoles::server),
            Map.entry("lazy-pirate", PeerRoles::lazyPirate),
            Map.entry("dealer-client", PeerRoles::dealerClient),
            Map.entry("watch", PeerRoles::watch),
            Map.entry("publisher", PeerRoles::publisher),
            Map.entry("subscriber", PeerRoles::subscriber),
            Map.entry("fill", PeerRoles::fill),
            Map.entry("stall", PeerRoles::stall));

    /** One role's body. */
    private interface Role {
        void play(PeerSide side, Context context) throws Exception;
    }

    private PeerRoles() {
    }

    public static void main(String[] args) throws Exception {
        PeerSide side = PeerSide.of(args);
        try (Context context = new Context()) {
            ROLES.get(side.role()).play(side, context);
        }
        say("exit");
    }

    /** An 8-byte sequence number, padded to {@code size} bytes. */
    static byte[] frame(long sequence, int size) {
        return ByteBuffer.allocate(Math.max(size, Long.BYTES)).putLong(0, sequence).array();
    }

    private static long sequenceOf(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong(0);
    }

    /**
     * Connects a PUSH and sends frames 0 to count-1 at {@code rate} a second, each retried until
     * the socket takes it (so that nothing the application offers is given up on), then waits
     * for "stop". Prints "sent n" every {@code report} frames.
     */
    private static void push(PeerSide side, Context context) throws Exception {
        Socket push = side.configure(context.socket(SocketType.PUSH));
        PeerSide.printEvents(push, "push");
        push.connect(side.param("connect"));
        int count = side.intParam("count");
        int size = side.intParam("size", Long.BYTES);
        int report = side.intParam("report", 1_000);
        long interval = TimeUnit.SECONDS.toNanos(1) / side.intParam("rate");
        long due = System.nanoTime();
        for (int n = 0; n < count; n++) {
            // Paced, not synchronised: a steady stream that is still flowing when the link breaks.
            LockSupport.parkNanos(due - System.nanoTime());
            due += interval;
            byte[] frame = frame(n, size);
            while (!push.send(frame, Duration.ofMillis(100))) {
                // full (high water mark and kernel buffers): wait on, as a blocking send would
            }
            if ((n + 1) % report == 0) {
                say("sent " + (n + 1) + " " + elapsedMillis());
            }
        }
        say("done " + count);
        side.await("stop");
    }

    /**
     * Binds a PULL and receives until frame count-1 has come or "stop" is given, checking that
     * sequence numbers only rise; then prints {@code summary received=R lost=L reordered=O last=S}.
     */
    private static void pull(PeerSide side, Context context) throws Exception {
        Socket pull = side.configure(context.socket(SocketType.PULL));
        PeerSide.printEvents(pull, "pull");
        pull.bind(side.param("bind"));
        say("bound " + pull.lastEndpoint());
        if (side.param("hold", "false").equals("true")) {
            // A stalled consumer: the receive queue fills to RCVHWM, then the kernel buffers.
            side.await("read");
        }
        long last = side.intParam("count") - 1;
        int report = side.intParam("report", 1_000);
        Sequence sequence = new Sequence(report);
        while (sequence.previous != last) {
            byte[] frame = pull.receive(Duration.ofMillis(200));
            if (frame != null) {
                sequence.take(frame);
            } else if (side.received("stop", Duration.ZERO)) {
                break;
            }
        }
        say("summary " + sequence);
    }

    /**
     * Sequence numbers as they arrive: how many came, how many a jump skipped (lost), how many
     * came after a higher one (reordered), and when each came. Prints "received n ms" every
     * {@code report} frames.
     */
    private static final class Sequence {
        private final int report;
        private final List<Long> arrivals = new ArrayList<>();
        private long received;
        private long lost;
        private long reordered;
        private long previous = -1;
        private int size;

        Sequence(int report) {
            this.report = report;
        }

        void take(byte[] frame) {
            long sequence = sequenceOf(frame);
            size = frame.length;
            arrivals.add(System.nanoTime());
            if (sequence <= previous) {
                reordered++;
            } else {
                lost += sequence - previous - 1;
                previous = sequence;
            }
            if (++received % report == 0) {
                say("received " + received + " " + elapsedMillis());
            }
        }

        /**
         * The payload rate between the middle and the last arrival, in kbit/s; 0 for fewer than
         * 4 arrivals.
         */
        long kbps() {
            if (arrivals.size() < 4) {
                return 0;
            }
            int half = arrivals.size() / 2;
            long nanos = arrivals.getLast() - arrivals.get(half);
            long bits = (long) (arrivals.size() - 1 - half) * size * 8;
            return nanos == 0 ? Long.MAX_VALUE : bits * 1_000_000 / nanos;
        }

        /** {@return "received=R lost=L reordered=O last=S"} */
        @Override
        public String toString() {
            return "received=" + received + " lost=" + lost + " reordered=" + reordered + " last=" + previous;
        }
    }

    /** A request body: its number, then padding to {@code size} bytes. */
    private static byte[] request(int n, int size) {
        byte[] body = Arrays.copyOf((n + ":").getBytes(StandardCharsets.UTF_8), Math.max(size, 12));
        Arrays.fill(body, Integer.toString(n).length() + 1, body.length, (byte) 'x');
        return body;
    }

    /** What the server answers to {@code request}. */
    private static byte[] reply(byte[] request) {
        byte[] reply = Arrays.copyOf("reply to ".getBytes(StandardCharsets.UTF_8), 9 + request.length);
        System.arraycopy(request, 0, reply, 9, request.length);
        return reply;
    }

    /**
     * Binds a ROUTER that answers every {@code answer}-th request it gets (the others it drops,
     * as a server that lost them would), keeping the envelope, until "stop". Serves REQ and
     * DEALER clients alike.
     */
    private static void server(PeerSide side, Context context) throws Exception {
        Socket router = side.configure(context.socket(SocketType.ROUTER));
        PeerSide.printEvents(router, "server");
        router.bind(side.param("bind"));
        say("bound " + router.lastEndpoint());
        int answer = side.intParam("answer", 1);
        int received = 0;
        while (!side.received("stop", Duration.ZERO)) {
            byte[] first = router.receive(Duration.ofMillis(200));
            if (first == null) {
                continue;
            }
            List<byte[]> envelope = new ArrayList<>(List.of(first));
            while (router.hasMore()) {
                envelope.add(router.receive());
            }
            if (++received % answer == 0) {
                envelope.set(envelope.size() - 1, reply(envelope.getLast()));
                router.sendMultipart(envelope);
            }
        }
        say("summary received=" + received);
    }

    /**
     * The guide's Lazy Pirate client: sends request n, waits {@code timeout} ms for its reply and,
     * when none comes, closes the REQ, opens a new one and sends again. Requests follow each
     * other every {@code pace} ms at most.
     */
    private static void lazyPirate(PeerSide side, Context context) throws Exception {
        String endpoint = side.param("connect");
        int count = side.intParam("count");
        int size = side.intParam("size", 12);
        Duration timeout = Duration.ofMillis(side.intParam("timeout"));
        long pace = TimeUnit.MILLISECONDS.toNanos(side.intParam("pace", 0));
        int retries = 0;
        int mismatched = 0;
        Socket client = side.configure(context.socket(SocketType.REQ)).connect(endpoint);
        for (int n = 0; n < count; n++) {
            long due = System.nanoTime() + pace;
            byte[] request = request(n, size);
            byte[] reply;
            while (true) {
                client.send(request);
                if ((reply = client.receive(timeout)) != null) {
                    break;
                }
                // A REQ without its reply is stuck: drop it and ask again on a fresh one.
                retries++;
                client.close();
                client = side.configure(context.socket(SocketType.REQ)).connect(endpoint);
            }
            if (!Arrays.equals(reply, reply(request))) {
                mismatched++;
            }
            if ((n + 1) % 10 == 0) {
                say("completed " + (n + 1) + " " + elapsedMillis());
            }
            LockSupport.parkNanos(due - System.nanoTime());
        }
        client.close();
        say("summary completed=" + count + " mismatched=" + mismatched + " retries=" + retries);
    }

    /**
     * A DEALER that keeps {@code window} requests in flight until {@code count} have been
     * answered, matching each reply to the request it names.
     */
    private static void dealerClient(PeerSide side, Context context) throws Exception {
        Socket dealer = side.configure(context.socket(SocketType.DEALER));
        PeerSide.printEvents(dealer, "dealer");
        dealer.connect(side.param("connect"));
        int count = side.intParam("count");
        int size = side.intParam("size", 12);
        int window = side.intParam("window", 10);
        Map<Integer, byte[]> pending = new HashMap<>();
        int sent = 0;
        int completed = 0;
        int mismatched = 0;
        while (completed < count) {
            while (sent < count && pending.size() < window) {
                byte[] request = request(sent, size);
                dealer.send(request);
                pending.put(sent++, request);
            }
            byte[] reply = dealer.receive(Duration.ofSeconds(PATIENCE_SECONDS));
            if (reply == null) {
                break;
            }
            String text = new String(reply, 0, Math.min(reply.length, 32), StandardCharsets.UTF_8);
            byte[] request = pending.remove(Integer.parseInt(text.substring(9, text.indexOf(':'))));
            if (request == null || !Arrays.equals(reply, reply(request))) {
                mismatched++;
            }
            completed++;
        }
        say("summary completed=" + completed + " mismatched=" + mismatched);
    }

    /**
     * Three idle DEALERs connected to one server: plain tcp, ZMTP heartbeats and TCP
     * keep-alive. Each gets one reply (so each is connected), then "ready"; their monitors
     * report when each notices the server has gone. "mark" prints this JVM's clock.
     */
    private static void watch(PeerSide side, Context context) throws Exception {
        String endpoint = side.param("connect");
        List<Socket> dealers = List.of(
                context.socket(SocketType.DEALER),
                context.socket(SocketType.DEALER).set(SocketOption.RCVHWM, 0).set(SocketOption.HEARTBEAT_IVL, 200)
                        .set(SocketOption.HEARTBEAT_TIMEOUT, 1_000),
                context.socket(SocketType.DEALER).set(SocketOption.TCP_KEEPALIVE, 1)
                        .set(SocketOption.TCP_KEEPALIVE_IDLE, 1).set(SocketOption.TCP_KEEPALIVE_INTVL, 1)
                        .set(SocketOption.TCP_KEEPALIVE_CNT, 2));
        List<String> labels = List.of("plain", "heartbeat", "keepalive");
        for (int i = 0; i < dealers.size(); i++) {
            Socket dealer = dealers.get(i);
            // Reconnects would add events of their own; each DEALER reports only the loss.
            dealer.set(SocketOption.RECONNECT_IVL, -1);
            PeerSide.printEvents(dealer, labels.get(i));
            dealer.connect(endpoint).send(request(i, 12));
            if (dealer.receive(Duration.ofSeconds(PATIENCE_SECONDS)) == null) {
                throw new IllegalStateException(labels.get(i) + " got no reply");
            }
        }
        say("ready");
        side.await("mark");
        say("mark " + elapsedMillis());
        side.await("stop");
    }

    /** What a publisher sends until its subscribers have joined: shorter than any sequence frame. */
    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);

    /**
     * A PUB that connects (multicast transports connect on both sides), sends probes every 20 ms
     * until "go", then frames 0 to count-1 of {@code size} bytes, {@code pace} ms apart, then
     * "done", and waits for "stop" so that the transport can still repair what was lost.
     */
    private static void publisher(PeerSide side, Context context) throws Exception {
        Socket pub = side.configure(context.socket(SocketType.PUB)).connect(side.param("connect"));
        say("connected");
        while (!side.received("go", Duration.ofMillis(20))) {
            pub.send(PROBE);
        }
        int count = side.intParam("count");
        int size = side.intParam("size", Long.BYTES);
        long pace = TimeUnit.MILLISECONDS.toNanos(side.intParam("pace", 0));
        for (int n = 0; n < count; n++) {
            pub.send(frame(n, size));
            LockSupport.parkNanos(pace);
        }
        say("done " + count);
        side.await("stop");
    }

    /**
     * A SUB that connects and subscribes to everything, says "joined" at the first probe, then
     * counts sequence frames until frame count-1 or {@code quiet} ms without one (or "stop"),
     * and prints {@code summary received=R lost=L reordered=O last=S kbps=K}: K is the payload
     * rate over the second half of what arrived, in kbit/s.
     */
    private static void subscriber(PeerSide side, Context context) throws Exception {
        Socket sub = side.configure(context.socket(SocketType.SUB)).subscribe("");
        sub.connect(side.param("connect"));
        say("connected");
        long last = side.intParam("count") - 1;
        int report = side.intParam("report", 100);
        Duration quiet = Duration.ofMillis(side.intParam("quiet", 3_000));
        Sequence sequence = new Sequence(report);
        boolean joined = false;
        while (sequence.previous != last && !side.received("stop", Duration.ZERO)) {
            byte[] frame = sub.receive(sequence.received > 0 ? quiet : Duration.ofMillis(200));
            if (frame == null) {
                if (sequence.received > 0) {
                    break;
                }
            } else if (frame.length >= Long.BYTES) {
                sequence.take(frame);
            } else if (!joined) {
                joined = true;
                say("joined");
            }
        }
        say("summary " + sequence + " kbps=" + sequence.kbps());
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
    private static void fill(PeerSide side, Context context) throws Exception {
        Socket socket = side.configure(context.socket(SocketType.valueOf(side.param("type"))));
        socket.connect(side.param("connect"));
        String peer = side.param("peer", null);
        while (!side.received("hush", Duration.ofMillis(20))) {
            try {
                send(socket, peer, PROBE);
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
            if (send(socket, peer, frame(accepted, size))) {
                accepted++;
                misses = 0;
            } else {
                misses++;
            }
        }
        say("accepted " + accepted);
        if (accepted < count) {
            if (peer == null) {
                say("try-send " + socket.trySend(frame(accepted, size)));
            } else {
                try {
                    send(socket, "nobody", PROBE);
                    say("unknown peer accepted");
                } catch (ZmqException e) {
                    say("unknown peer " + e.errno());
                }
            }
            socket.set(SocketOption.SNDTIMEO, -1);
            byte[] blocked = frame(accepted, size);
            Thread.ofPlatform().start(() -> say("unblocked " + send(socket, peer, blocked)));
        }
        side.await("stop");
    }

    /**
     * Binds a socket of {@code type} (a SUB subscribes to everything) and reads and drops what
     * comes (probes; "joined" at the first) until told "stall" and nothing has come for 300 ms:
     * then prints "stalled" and reads no more until "read". Then it takes every sequence frame (the last frame of a
     * message) until 500 ms pass without one, and prints the {@code summary}.
     */
    private static void stall(PeerSide side, Context context) throws Exception {
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
        side.await("read");
        Sequence sequence = new Sequence(Integer.MAX_VALUE);
        for (List<byte[]> message; (message = receiveMessage(socket, Duration.ofMillis(500))) != null; ) {
            if (message.getLast().length >= Long.BYTES) {
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
