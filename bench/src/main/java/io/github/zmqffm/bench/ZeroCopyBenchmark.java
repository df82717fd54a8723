package io.github.zmqffm.bench;

import io.github.zmqffm.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * it on its next receive; tcp releases it on the I/O thread once written to the kernel.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ZeroCopyBenchmark extends ShortRun {
    static final int BATCH = 32;

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

    /** zmq_send: libzmq allocates and copies every frame. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long copy() {
        for (int i = 0; i < BATCH; i++) {
            pair.push.send(payload);
        }
        return receiveBatch();
    }

    /** zmq_msg_init_data: libzmq sends from the caller's buffer and calls back when done. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long wrap() {
        for (int i = 0; i < BATCH; i++) {
            pair.push.send(out.rebuild(payload, onRelease));
        }
        return receiveBatch();
    }

    private long receiveBatch() {
        long n = 0;
        for (int i = 0; i < BATCH; i++) {
            pair.pull.receive(in);
            n += in.size();
        }
        return n;
    }
}
