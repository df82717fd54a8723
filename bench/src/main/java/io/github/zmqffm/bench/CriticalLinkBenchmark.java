package io.github.zmqffm.bench;

import io.github.zmqffm.raw.zmq_h;
import io.github.zmqffm.raw.zmq_msg_t;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;

/**
 * What does {@code Linker.Option.critical} save per call, to decide which libzmq calls keep it?
 * The same short call ({@code zmq_msg_size}) linked both ways. Calls that may release a
 * zero-copy message cannot be critical whatever this shows (the release is an upcall, and an
 * upcall from a critical call aborts the JVM); the binding keeps critical linking only for calls
 * that never release anything (zmq_msg_init*, zmq_msg_data/size/more/gets, socket options).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CriticalLinkBenchmark extends ShortRun {
    private static final MethodHandle CRITICAL;
    private static final MethodHandle NORMAL;

    static {
        new io.github.zmqffm.Message().close(); // loads libzmq
        Linker linker = Linker.nativeLinker();
        CRITICAL = linker.downcallHandle(zmq_h.zmq_msg_size$address(), zmq_h.zmq_msg_size$descriptor(),
                Linker.Option.critical(false));
        NORMAL = linker.downcallHandle(zmq_h.zmq_msg_size$address(), zmq_h.zmq_msg_size$descriptor());
    }

    private MemorySegment msg;

    @Setup(Level.Trial)
    public void setUp() {
        msg = Arena.ofAuto().allocate(zmq_msg_t.layout().byteSize(), 8);
        zmq_h.zmq_msg_init(msg);
    }

    @Benchmark
    public long critical() throws Throwable {
        return (long) CRITICAL.invokeExact(msg);
    }

    @Benchmark
    public long normal() throws Throwable {
        return (long) NORMAL.invokeExact(msg);
    }
}
