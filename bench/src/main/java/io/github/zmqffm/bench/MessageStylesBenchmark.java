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
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Which way of moving frames through a socket is cheapest once warm, and does each allocate
 * nothing per message? Inproc PUSH/PULL, a batch sent then received on one thread, each style
 * sending from and receiving into buffers it reuses: {@code byte[]}, a reused {@link Message}
 * (copied in with rebuild, read out with copyTo), a native {@link MemorySegment}, and a direct
 * {@link ByteBuffer}. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should stay at or
 * below 1 B/op for all four.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessageStylesBenchmark extends ShortRun {
    static final int BATCH = 100;

    @Param({"64", "1024"})
    int size;

    private PushPull pair;
    private byte[] bytesOut;
    private byte[] bytesIn;
    private MemorySegment segmentOut;
    private MemorySegment segmentIn;
    private ByteBuffer bufferOut;
    private ByteBuffer bufferIn;
    private Message messageOut;
    private Message messageIn;

    @Setup(Level.Trial)
    public void setUp() {
        pair = PushPull.open("inproc");
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

    /** send(byte[]) and receive(byte[]) into one reused array. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int byteArray() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            pair.push.send(bytesOut);
        }
        for (int i = 0; i < BATCH; i++) {
            n += pair.pull.receive(bytesIn);
        }
        return n;
    }

    /** One Message rebuilt from a native buffer and sent; one Message received into and copied out. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long message() {
        long n = 0;
        for (int i = 0; i < BATCH; i++) {
            pair.push.send(messageOut.rebuild(segmentOut));
        }
        for (int i = 0; i < BATCH; i++) {
            pair.pull.receive(messageIn);
            n += messageIn.copyTo(segmentIn);
        }
        return n;
    }

    /** send(MemorySegment) and receive(MemorySegment) with native segments. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int memorySegment() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            pair.push.send(segmentOut);
        }
        for (int i = 0; i < BATCH; i++) {
            n += pair.pull.receive(segmentIn);
        }
        return n;
    }

    /** send(ByteBuffer) and receive(ByteBuffer) with direct buffers, cleared for each frame. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int directByteBuffer() {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            bufferOut.clear();
            pair.push.send(bufferOut);
        }
        for (int i = 0; i < BATCH; i++) {
            bufferIn.clear();
            n += pair.pull.receive(bufferIn);
        }
        return n;
    }
}
