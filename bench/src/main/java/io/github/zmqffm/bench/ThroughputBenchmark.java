package io.github.zmqffm.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Does zmq-ffm move PUSH to PULL frames at least as fast as JeroMQ, for every transport and
 * frame size? Both libraries run the same code through {@link Binding}: {@code send(byte[])} of
 * one reused array and {@code receive} into another, on one thread, with {@link #WINDOW} frames
 * kept in flight so that the libraries' I/O threads always have work and the receiver rarely
 * waits (as in {@link ZeroCopyBenchmark}). One operation is one frame sent and one received.
 * Run with {@code -prof gc}: zmq-ffm should allocate nothing per frame. The zmq-ffm styles are
 * compared in {@link MessageStylesBenchmark}; the streaming two-thread view of the same cells,
 * with C, is the perf tool's {@code pattern=thr}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThroughputBenchmark extends Cells {
    static final int WINDOW = 64;

    @Param({"zmq-ffm", "jeromq"})
    String impl;

    private LocalEndpoint endpoint;
    private Binding.Context context;
    private Binding.Socket push;
    private Binding.Socket pull;

    @Setup(Level.Trial)
    public void setUp() {
        endpoint = new LocalEndpoint(transport);
        context = Binding.of(impl, "bytes").context(1);
        pull = context.bind(Binding.Kind.PULL, endpoint.bindable(), size);
        push = context.connect(Binding.Kind.PUSH, pull.lastEndpoint(), size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        push.close();
        pull.close();
        context.close();
        endpoint.close();
    }

    /** Puts {@link #WINDOW} frames in flight before each iteration. */
    @Setup(Level.Iteration)
    public void fill() {
        for (int i = 0; i < WINDOW; i++) {
            push.send();
        }
    }

    /** Takes the frames still in flight after each iteration. */
    @TearDown(Level.Iteration)
    public void drain() {
        for (int i = 0; i < WINDOW; i++) {
            pull.receive();
        }
    }

    /** One frame sent, one received. */
    @Benchmark
    public int pushPull() {
        push.send();
        return pull.receive();
    }
}
