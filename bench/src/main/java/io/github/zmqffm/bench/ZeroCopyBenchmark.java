package io.github.zmqffm.bench;

import io.github.zmqffm.Message;
import io.github.zmqffm.SocketOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * From which frame size does lending a buffer to libzmq ({@link Message#rebuild(MemorySegment,
 * Consumer)}, zero-copy, with a release notice through the one upcall stub) beat copying it
 * ({@code send(MemorySegment)}, {@code zmq_send})? And how much does lending cost for tiny
 * frames?
 *
 * <p>Shaped like a real stream: a sending thread and a receiving thread (a JMH group), and over
 * tcp and ipc a context, so an I/O thread, per side, as two processes would have. Both modes
 * send the same native buffer from an automatic arena and receive into a reused Message (no
 * copy); the score to compare is the sending method's ({@code copy:send}, {@code wrap:lend}).
 * Inproc hands the buffer itself to the receiver, which releases it on its next receive; tcp
 * releases it on the sending side's I/O thread once encoded.
 *
 * <p>Both sockets have a short send and receive timeout so that neither thread can block past
 * the end of an iteration, when its partner has stopped; the frames in flight carry over.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Group)
public class ZeroCopyBenchmark extends ShortRun {
    private static final int TIMEOUT_MILLIS = 100;

    @Param({"64", "1024", "8192", "65536", "1048576"})
    int size;

    @Param({"inproc", "tcp"})
    String transport;

    private PushPull pair;
    private MemorySegment payload;
    private final LongAdder released = new LongAdder();
    private final Consumer<MemorySegment> onRelease = memory -> released.increment();

    /** A message each thread reuses: the sender's to lend from, the receiver's to receive into. */
    @State(Scope.Thread)
    public static class Reused {
        final Message message = new Message();

        @TearDown(Level.Trial)
        public void close() {
            message.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        pair = PushPull.apart(transport);
        pair.push.set(SocketOption.SNDTIMEO, TIMEOUT_MILLIS);
        pair.pull.set(SocketOption.RCVTIMEO, TIMEOUT_MILLIS);
        payload = Arena.ofAuto().allocate(size, 64);
        payload.fill((byte) 'z');
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pair.close();
    }

    /** zmq_send: libzmq allocates and copies every frame. */
    @Benchmark
    @Group("copy")
    @GroupThreads(1)
    public boolean send() {
        return pair.push.send(payload);
    }

    /** zmq_msg_init_data: libzmq sends from the caller's buffer and calls back when done. */
    @Benchmark
    @Group("wrap")
    @GroupThreads(1)
    public boolean lend(Reused out) {
        return pair.push.send(out.message.rebuild(payload, onRelease));
    }

    /** The receiving side of the copying group (a method belongs to one group only). */
    @Benchmark
    @Group("copy")
    @GroupThreads(1)
    public boolean copied(Reused in) {
        return receive(in);
    }

    /** The receiving side of the lending group. */
    @Benchmark
    @Group("wrap")
    @GroupThreads(1)
    public boolean lent(Reused in) {
        return receive(in);
    }

    private boolean receive(Reused in) {
        return pair.pull.receive(in.message);
    }
}
