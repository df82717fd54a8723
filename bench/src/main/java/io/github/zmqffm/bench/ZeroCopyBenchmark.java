package io.github.zmqffm.bench;

import io.github.zmqffm.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
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
 * frames? Both send the same native buffer from an automatic arena; the receiver is the same
 * (a reused Message, no copy). Inproc hands the buffer itself to the receiver, which releases
 * it on its next receive; tcp releases it on the I/O thread once encoded.
 *
 * <p>Each operation sends one frame and receives one while {@link #WINDOW} frames stay in
 * flight, so the pipeline never drains: sending a batch and then waiting for it measured
 * mostly wake-up latency over tcp on a loaded machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ZeroCopyBenchmark extends ShortRun {
    static final int WINDOW = 64;

    @Param({"64", "1024", "8192", "65536", "1048576"})
    int size;

    @Param({"inproc", "tcp"})
    String transport;

    private PushPull pair;
    private MemorySegment payload;
    private Message out;
    private Message in;
    private final LongAdder released = new LongAdder();
    private final Consumer<MemorySegment> onRelease = memory -> released.increment();

    @Setup(Level.Trial)
    public void setUp() {
        pair = PushPull.open(transport);
        payload = Arena.ofAuto().allocate(size, 64);
        payload.fill((byte) 'z');
        out = new Message();
        in = new Message();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.close();
        in.close();
        pair.close();
    }

    /** Puts {@link #WINDOW} frames in flight before each iteration. */
    @Setup(Level.Iteration)
    public void fill() {
        pair.fill(WINDOW, payload);
    }

    /** Takes the frames still in flight after each iteration. */
    @TearDown(Level.Iteration)
    public void drain() {
        pair.drain(WINDOW, in);
    }

    /** zmq_send: libzmq allocates and copies every frame. */
    @Benchmark
    public long copy() {
        pair.push.send(payload);
        pair.pull.receive(in);
        return in.size();
    }

    /** zmq_msg_init_data: libzmq sends from the caller's buffer and calls back when done. */
    @Benchmark
    public long wrap() {
        pair.push.send(out.rebuild(payload, onRelease));
        pair.pull.receive(in);
        return in.size();
    }
}
