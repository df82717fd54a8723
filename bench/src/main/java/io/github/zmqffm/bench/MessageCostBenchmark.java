package io.github.zmqffm.bench;

import io.github.zmqffm.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * What does a Message cost outside the socket calls, and so when must it be reused? Creating
 * and closing one (its zmq_msg_t lives in an automatic arena and has a Cleaner as a leak net),
 * rebuilding a reused one (copying, or lending a buffer, which adds a release upcall), and
 * taking a {@link Message#data()} view (a confined arena per
 * content, closed when the content changes; a shared arena would cost a thread handshake of
 * tens of microseconds on every change).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageCostBenchmark extends ShortRun {
    private Message reused;
    private MemorySegment source;
    private long released;
    private final java.util.function.Consumer<MemorySegment> onRelease = memory -> released++;

    @Setup(Level.Trial)
    public void setUp() {
        reused = new Message();
        source = Arena.ofAuto().allocate(64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reused.close();
    }

    /** new Message() and close(): what a message per frame would cost. */
    @Benchmark
    public boolean createAndClose() {
        Message m = new Message();
        m.close();
        return m.isClosed();
    }

    /** rebuild(64-byte segment) of a reused message: the reuse path. */
    @Benchmark
    public long rebuild() {
        return reused.rebuild(source).size();
    }

    /**
     * rebuild(segment, listener) of a reused message: lends the segment (zmq_msg_init_data) and
     * releases the previous loan, so each call includes one free-function upcall and listener.
     */
    @Benchmark
    public long rebuildWrapping() {
        return reused.rebuild(source, onRelease).size();
    }

    /** rebuild, then read one byte through a data() view. */
    @Benchmark
    public byte rebuildAndView() {
        return reused.rebuild(source).data().get(ValueLayout.JAVA_BYTE, 0);
    }
}
