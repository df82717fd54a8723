package io.github.zmqffm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.github.zmqffm.PeerSide.elapsedMillis;
import static io.github.zmqffm.PeerSide.say;

/**
 * The roles a child JVM plays as a peer, one per process ({@link PeerProcess#java}), on this
 * host or inside a network namespace: {@code java PeerRoles <role> key=value...}. Each prints
 * what the test asserts on as lines ({@code summary ...}, {@code event ...}) and takes commands
 * on stdin; the tests hold the assertions, the roles only measure.
 */
final class PeerRoles {
    private static final Map<String, Role> ROLES = Map.of(
            "push", PeerRoles::push,
            "pull", PeerRoles::pull);

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
        long received = 0;
        long lost = 0;
        long reordered = 0;
        long previous = -1;
        while (previous != last) {
            byte[] frame = pull.receive(Duration.ofMillis(200));
            if (frame == null) {
                if (side.received("stop", Duration.ZERO)) {
                    break;
                }
                continue;
            }
            long sequence = sequenceOf(frame);
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
        say("summary received=" + received + " lost=" + lost + " reordered=" + reordered + " last=" + previous);
    }
}
