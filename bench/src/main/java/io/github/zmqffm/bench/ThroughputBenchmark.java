package io.github.zmqffm.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Does zmq-ffm move PUSH to PULL frames at least as fast as JeroMQ, for every transport and
 * frame size? Both libraries run the same code through {@link Binding}: {@code send(byte[])} of
 * one reused array and {@code receive} into another, a batch sent and then received on one
 * thread (the libraries' I/O threads do the transport work in between), so that a two-core
 * machine measures the libraries rather than thread hand-offs. One operation is one frame.
 * Run with {@code -prof gc}: zmq-ffm should allocate nothing per frame. The streaming,
 * two-thread view of the same cells, and C's, is the perf tool's {@code pattern=thr}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ThroughputBenchmark {
    static final int BATCH = 100;

    @Param({"zmq-ffm", "jeromq"})
    String impl;

    @Param({"inproc", "ipc", "tcp"})
    String transport;

    @Param({"1", "64", "1024", "65536"})
    int size;

    private LocalEndpoint endpoints;
    private Binding.Context context;
    private Binding.Socket push;
    private Binding.Socket pull;

    @Setup(Level.Trial)
    public void setUp() {
        endpoints = new LocalEndpoint(transport);
        context = Binding.of(impl, "bytes").context(1);
        pull = context.bind(Binding.Kind.PULL, endpoints.bindable(), size);
        push = context.connect(Binding.Kind.PUSH, pull.lastEndpoint(), size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        push.close();
        pull.close();
        context.close();
        endpoints.close();
    }

    /** BATCH frames sent, then BATCH received. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pushPull() {
        for (int i = 0; i < BATCH; i++) {
            push.send();
        }
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            n += pull.receive();
        }
        return n;
    }
}
