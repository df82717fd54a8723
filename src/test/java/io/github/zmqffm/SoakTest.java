package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Long runs over one tcp connection: every message arrives, in order (each carries its sequence
 * number, checked on arrival), and the process neither grows nor leaks descriptors. Resident
 * memory (VmRSS) and open descriptors are measured once a tenth of the run is done (the JIT and
 * the heap have settled) and at the end, and printed.
 *
 * <p>CI sends 200,000 messages through PUSH/PULL and makes 20,000 REQ/REP round trips; the
 * {@code stress} profile ({@code -Dzmq.stress=true}) 10 million of each. Resident memory is
 * printed at every tenth of the run, to show whether it levels off. In the test JVM it creeps up
 * by about 100 KiB per million round trips (126,692 to 127,556 KiB from the first to the tenth
 * million): the garbage collector touching heap pages it had only reserved, not a leak. With
 * {@code -XX:+AlwaysPreTouch} it is flat (478,496 to 478,768 KiB over 2.7 million), native memory
 * tracking shows the JVM's own memory flat, and the same loop outside the test JVM holds
 * 90.3 MiB from 0.6 to 3 million.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class SoakTest {
    private static final boolean STRESS = Boolean.getBoolean("zmq.stress");
    private static final long MESSAGES = STRESS ? 10_000_000 : 200_000;
    private static final long ROUND_TRIPS = STRESS ? 10_000_000 : 20_000;
    /**
     * How much resident memory may grow from the first measurement to the last: room for the
     * JVM's heap and compiled code to grow, far below what a leak of even a few bytes per
     * message would add over a stress run.
     */
    private static final long RSS_SLACK_KIB = 64 * 1_024;
    private static final int WAIT_MS = PATIENCE_SECONDS * 1_000;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /** Resident memory and open descriptors at one moment. */
    private record Figures(long rssKib, int fds) {
        static Figures now() {
            return new Figures(ProcessResources.residentKib(), ProcessResources.openFds());
        }
    }

    private static void report(String run, long count, long nanos, List<Figures> tenths) {
        Figures start = tenths.getFirst();
        Figures end = tenths.getLast();
        System.out.printf("SoakTest %s: %,d in %.1f s; VmRSS %,d -> %,d KiB; open fds %d -> %d%n", run, count,
                nanos / 1e9, start.rssKib(), end.rssKib(), start.fds(), end.fds());
        System.out.println("SoakTest " + run + ": VmRSS KiB at each tenth from the first: "
                + tenths.stream().map(f -> String.format("%,d", f.rssKib())).toList());
        // Fewer is fine: threads that ended meanwhile have had their wake-up descriptors closed.
        assertTrue(end.fds() <= start.fds(), run + ": open descriptors grew from " + start.fds() + " to " + end.fds());
        assertTrue(end.rssKib() - start.rssKib() < RSS_SLACK_KIB, run + ": resident memory grew by "
                + (end.rssKib() - start.rssKib()) + " KiB");
    }

    /**
     * Runs {@code step} for every number below {@code count}, measures at each tenth from the
     * first on and at the end, and reports.
     */
    private static void measured(String run, long count, LongConsumer step) {
        List<Figures> tenths = new ArrayList<>();
        long began = System.nanoTime();
        for (long n = 0; n < count; n++) {
            if (n > 0 && n % (count / 10) == 0) {
                tenths.add(Figures.now());
            }
            step.accept(n);
        }
        tenths.add(Figures.now());
        report(run, count, System.nanoTime() - began, tenths);
    }

    /** Runs {@code step} for every number below {@code count} on another thread, until one fails. */
    private static CompletableFuture<Void> inBackground(long count, LongPredicate step, String failure) {
        return CompletableFuture.runAsync(() -> {
            for (long n = 0; n < count; n++) {
                if (!step.test(n)) {
                    throw new AssertionError(failure + " " + n);
                }
            }
        });
    }

    /** Fails unless {@code buffer} holds exactly the sequence number {@code expected} ({@code size} bytes received). */
    private static void checkSequence(String what, long expected, long size, byte[] buffer) {
        if (size != Long.BYTES || (long) LONG.get(buffer, 0) != expected) {
            fail(what + " " + expected + ": got " + (size < 0 ? "nothing" : "sequence " + LONG.get(buffer, 0)));
        }
    }

    @Test
    void pushPullDeliversEveryMessageInOrderWithFlatMemoryAndDescriptors() {
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVTIMEO, WAIT_MS);
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDTIMEO, WAIT_MS);
        push.connect(Transport.TCP.bind(pull));
        // Within the high water mark: a full PUSH waits (SNDTIMEO) instead of dropping anything.
        byte[] frame = new byte[Long.BYTES];
        CompletableFuture<Void> sender = inBackground(MESSAGES, seq -> {
            LONG.set(frame, 0, seq);
            return push.send(frame);
        }, "timed out sending message");
        byte[] received = new byte[16];
        try (Message message = new Message()) {
            // Alternately into an array and into a reused Message, the two allocation-free paths.
            measured("PUSH/PULL messages", MESSAGES, seq -> checkSequence("message", seq,
                    seq % 2 == 0 ? pull.receive(received) : receiveInto(pull, message, received), received));
        }
        ZmqFixtures.valueOf(sender);
    }

    private static long receiveInto(Socket pull, Message message, byte[] into) {
        return pull.receive(message) ? message.copyTo(into) : -1;
    }

    @Test
    void reqRepRoundTripsStayInStepWithFlatMemoryAndDescriptors() {
        Socket rep = zmq.socket(SocketType.REP).set(SocketOption.RCVTIMEO, WAIT_MS);
        Socket req = zmq.socket(SocketType.REQ).set(SocketOption.RCVTIMEO, WAIT_MS);
        req.connect(Transport.TCP.bind(rep));
        byte[] echo = new byte[16];
        CompletableFuture<Void> server = inBackground(ROUND_TRIPS, n -> {
            int size = rep.receive(echo);
            return size >= 0 && rep.send(echo, 0, size);
        }, "the server stalled at round trip");
        byte[] request = new byte[Long.BYTES];
        byte[] reply = new byte[16];
        measured("REQ/REP round trips", ROUND_TRIPS, seq -> {
            LONG.set(request, 0, seq);
            req.send(request);
            checkSequence("round trip", seq, req.receive(reply), reply);
        });
        ZmqFixtures.valueOf(server);
    }
}
