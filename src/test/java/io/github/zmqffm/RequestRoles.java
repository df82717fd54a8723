package io.github.zmqffm;

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
import static io.github.zmqffm.PeerSide.say;
import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;

/**
 * Request/reply roles: a server that answers some requests, the guide's Lazy Pirate client, a
 * DEALER keeping requests in flight, and idle DEALERs that watch for a peer's loss. Played by
 * child JVMs through {@link PeerRoles}.
 */
final class RequestRoles {
    private RequestRoles() {
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
    static void server(PeerSide side, Context context) throws Exception {
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
    static void lazyPirate(PeerSide side, Context context) throws Exception {
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
    static void dealerClient(PeerSide side, Context context) throws Exception {
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
    static void watch(PeerSide side, Context context) throws Exception {
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
}
