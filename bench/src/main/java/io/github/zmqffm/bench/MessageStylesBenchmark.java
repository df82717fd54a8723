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
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Which way of moving frames through a socket is cheapest once warm, on every transport and at
 * every frame size, and does each allocate nothing per message? PUSH/PULL on one thread with
 * {@link #WINDOW} frames kept in flight (as in {@link ZeroCopyBenchmark}), each style sending
 * from and receiving into buffers it reuses: {@code byte[]}, a reused {@link Message} (copied in
 * with rebuild, read out with copyTo), a native {@link MemorySegment}, a direct
 * {@link ByteBuffer}, and a native buffer lent to libzmq without a copy (zero-copy wrap,
 * received into a reused Message and read in place). One operation is one frame sent and one
 * received. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should stay at or below
 * 1 B/op for every style. {@link ThroughputBenchmark} sets {@code byte[]} against JeroMQ.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessageStylesBenchmark extends Cells {
    static final int WINDOW = 64;

    private PushPull pair;
    private byte[] bytesOut;
    private byte[] bytesIn;
    private MemorySegment segmentOut;
    private MemorySegment segmentIn;
    private ByteBuffer bufferOut;
    private ByteBuffer bufferIn;
    private Message messageOut;
    private Message messageIn;
    private final Consumer<MemorySegment> onRelease = memory -> { };

    @Setup(Level.Trial)
    public void setUp() {
        pair = PushPull.open(transport);
        bytesOut = new byte[size];
        bytesIn = new byte[size];
        Arena arena = Arena.ofAuto();
        segmentOut = arena.allocate(size);
        segmentIn = arena.allocate(size);
        bufferOut = ByteBuffer.allocateDirect(size);
        bufferIn = ByteBuffer.allocateDirect(size);
        messageOut = new Message();
        messageIn = new Message();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        messageOut.close();
        messageIn.close();
        pair.close();
    }

    /** Puts {@link #WINDOW} frames in flight before each iteration. */
    @Setup(Level.Iteration)
    public void fill() {
        pair.fill(WINDOW, segmentOut);
    }

    /** Takes the frames still in flight after each iteration. */
    @TearDown(Level.Iteration)
    public void drain() {
        pair.drain(WINDOW, messageIn);
    }

    /** send(byte[]) and receive(byte[]) into one reused array. */
    @Benchmark
    public int byteArray() {
        pair.push.send(bytesOut);
        return pair.pull.receive(bytesIn);
    }

    /** One Message rebuilt from a native buffer and sent; one Message received into and copied out. */
    @Benchmark
    public long message() {
        pair.push.send(messageOut.rebuild(segmentOut));
        pair.pull.receive(messageIn);
        return messageIn.copyTo(segmentIn);
    }

    /** send(MemorySegment) and receive(MemorySegment) with native segments. */
    @Benchmark
    public int memorySegment() {
        pair.push.send(segmentOut);
        return pair.pull.receive(segmentIn);
    }

    /** send(ByteBuffer) and receive(ByteBuffer) with direct buffers, cleared for each frame. */
    @Benchmark
    public int directByteBuffer() {
        bufferOut.clear();
        pair.push.send(bufferOut);
        bufferIn.clear();
        return pair.pull.receive(bufferIn);
    }

    /** A native buffer lent to libzmq (zmq_msg_init_data) and sent; received into a Message, read in place. */
    @Benchmark
    public long zeroCopyWrap() {
        pair.push.send(messageOut.rebuild(segmentOut, onRelease));
        pair.pull.receive(messageIn);
        return messageIn.size();
    }
}
