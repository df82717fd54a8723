package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Does a deadline cost anything when the message is already there? Each operation sends a
 * 16-byte frame over an inproc PAIR and receives it with {@code receive()},
 * {@code receive(Duration)} or {@code tryReceive()} (into a new array, and into a reused one).
 * The send is the same in every variant, so the differences are the receive paths: all of them
 * make one non-blocking attempt and only a call that finds nothing waits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DeadlineBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final byte[] payload = new byte[16];
    private final byte[] buffer = new byte[16];
    private Context context;
    private Socket sender;
    private Socket receiver;

    @Setup(Level.Trial)
    public void setUp() {
        context = new Context();
        receiver = context.socket(SocketType.PAIR).bind("inproc://deadline-bench");
        sender = context.socket(SocketType.PAIR).connect("inproc://deadline-bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    /** Blocking receive (RCVTIMEO forever), message waiting. */
    @Benchmark
    public byte[] receive() {
        sender.send(payload);
        return receiver.receive();
    }

    /** Receive with a deadline, message waiting. */
    @Benchmark
    public byte[] receiveDuration() {
        sender.send(payload);
        return receiver.receive(TIMEOUT);
    }

    /** Non-blocking receive, message waiting. */
    @Benchmark
    public byte[] tryReceive() {
        sender.send(payload);
        return receiver.tryReceive();
    }

    /** Blocking receive into a reused array: no allocation. */
    @Benchmark
    public int receiveIntoArray() {
        sender.send(payload);
        return receiver.receive(buffer);
    }

    /** Receive with a deadline into a reused array. */
    @Benchmark
    public int receiveIntoArrayDuration() {
        sender.send(payload);
        return receiver.receive(buffer, TIMEOUT);
    }

    /** Non-blocking receive into a reused array. */
    @Benchmark
    public int tryReceiveIntoArray() {
        sender.send(payload);
        return receiver.tryReceive(buffer);
    }
}
