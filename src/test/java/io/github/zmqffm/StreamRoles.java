package io.github.zmqffm;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.github.zmqffm.PeerSide.elapsedMillis;
import static io.github.zmqffm.PeerSide.say;

/**
 * Roles that stream numbered frames ({@link Sequence}): PUSH/PULL over tcp, PUB/SUB over the
 * multicast transports. Played by child JVMs through {@link PeerRoles}.
 */
final class StreamRoles {
    private StreamRoles() {
    }

    /**
     * Connects a PUSH and sends frames 0 to count-1 at {@code rate} a second, each retried until
     * the socket takes it (so that nothing the application offers is given up on), then waits
     * for "stop". Prints "sent n" every {@code report} frames.
     */
    static void push(PeerSide side, Context context) throws Exception {
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
            byte[] frame = Sequence.frame(n, size);
            while (!push.send(frame, false, Duration.ofMillis(100))) {
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
    static void pull(PeerSide side, Context context) throws Exception {
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
        while (sequence.last() != last) {
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
     * A PUB that connects (multicast transports connect on both sides), sends probes every 20 ms
     * until "go", then frames 0 to count-1 of {@code size} bytes, {@code pace} ms apart, then
     * "done", and waits for "stop" so that the transport can still repair what was lost.
     */
    static void publisher(PeerSide side, Context context) throws Exception {
        Socket pub = side.configure(context.socket(SocketType.PUB)).connect(side.param("connect"));
        say("connected");
        while (!side.received("go", Duration.ofMillis(20))) {
            pub.send(Sequence.PROBE);
        }
        int count = side.intParam("count");
        int size = side.intParam("size", Long.BYTES);
        long pace = TimeUnit.MILLISECONDS.toNanos(side.intParam("pace", 0));
        for (int n = 0; n < count; n++) {
            pub.send(Sequence.frame(n, size));
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
    static void subscriber(PeerSide side, Context context) throws Exception {
        Socket sub = side.configure(context.socket(SocketType.SUB)).subscribe("");
        sub.connect(side.param("connect"));
        say("connected");
        long last = side.intParam("count") - 1;
        int report = side.intParam("report", 100);
        Duration quiet = Duration.ofMillis(side.intParam("quiet", 3_000));
        Sequence sequence = new Sequence(report);
        boolean joined = false;
        while (sequence.last() != last && !side.received("stop", Duration.ZERO)) {
            byte[] frame = sub.receive(sequence.received() > 0 ? quiet : Duration.ofMillis(200));
            if (frame == null) {
                if (sequence.received() > 0) {
                    break;
                }
            } else if (Sequence.isNumbered(frame)) {
                sequence.take(frame);
            } else if (!joined) {
                joined = true;
                say("joined");
            }
        }
        say("summary " + sequence + " kbps=" + sequence.kbps());
    }
}
