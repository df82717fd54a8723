package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Message;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
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
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * What one small frame costs each layer when nothing waits (issue #17's breakdown): a PUSH and a
 * PULL over inproc on one thread, each operation sending one frame and receiving it, so that the
 * receiver never finds the pipe empty and no wake-up or park is measured, only the calls.
 * Compares zmq-ffm's public shapes ({@code send(byte[])}/{@code receive(byte[])}, {@code receive()}
 * returning a new array, native segments, a reused {@link Message}) against the same
 * {@code zmq_send}/{@code zmq_recv} made straight through the linker ({@link RawZmq}: with errno
 * captured, without, and with the two array copies zmq-ffm makes), and prices the pieces the
 * binding adds one by one: a downcall with and without errno capture, the guard's
 * compare-and-set and release store, a thread-local lookup, a copy between an array and native
 * memory. {@code bench/c/frame-cost.c} is the same send-and-receive loop in C.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameCostBenchmark extends ShortRun {
    private static final VarHandle STATE;
    private static final ThreadLocal<long[]> LOCAL = ThreadLocal.withInitial(() -> new long[1]);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FrameCostBenchmark.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Param({"1", "64", "1024"})
    public int size;

    private volatile int state;
    private Context context;
    private Socket push;
    private Socket pull;
    private byte[] out;
    private byte[] in;
    private MemorySegment outSegment;
    private MemorySegment inSegment;
    private Message outMessage;
    private Message inMessage;
    private MemorySegment rawContext;
    private MemorySegment rawPush;
    private MemorySegment rawPull;
    private MemorySegment capture;
    private MemorySegment emptyMessage;

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        context = new Context();
        String endpoint = "inproc://frame-cost";
        // No high-water mark: a socket that never waits processes its commands at most about once
        // a millisecond, so the PUSH would not learn in time that frames were read and would find
        // its pipe full after 1000 of them (zmq-ffm would then wait, the raw calls fail).
        pull = context.socket(SocketType.PULL).set(SocketOption.LINGER, 0).set(SocketOption.RCVHWM, 0);
        pull.bind(endpoint);
        push = context.socket(SocketType.PUSH).set(SocketOption.LINGER, 0).set(SocketOption.SNDHWM, 0);
        push.connect(endpoint);
        out = new byte[size];
        in = new byte[size];
        Arena arena = Arena.ofAuto();
        outSegment = arena.allocate(size);
        inSegment = arena.allocate(size);
        outMessage = new Message();
        inMessage = new Message();

        capture = RawZmq.captureSegment(arena);
        emptyMessage = arena.allocate(64, 8);
        check((int) RawZmq.MSG_INIT.invokeExact(emptyMessage), "zmq_msg_init");
        rawContext = (MemorySegment) RawZmq.CTX_NEW.invokeExact();
        rawPull = (MemorySegment) RawZmq.SOCKET.invokeExact(rawContext, RawZmq.PULL);
        rawPush = (MemorySegment) RawZmq.SOCKET.invokeExact(rawContext, RawZmq.PUSH);
        MemorySegment unlimited = arena.allocate(ValueLayout.JAVA_INT);
        check((int) RawZmq.SETSOCKOPT.invokeExact(rawPull, RawZmq.RCVHWM, unlimited, 4L), "zmq_setsockopt");
        check((int) RawZmq.SETSOCKOPT.invokeExact(rawPush, RawZmq.SNDHWM, unlimited, 4L), "zmq_setsockopt");
        MemorySegment name = arena.allocateFrom("inproc://frame-cost-raw");
        check((int) RawZmq.BIND.invokeExact(rawPull, name), "zmq_bind");
        check((int) RawZmq.CONNECT.invokeExact(rawPush, name), "zmq_connect");
        // One blocking round first: the PULL end processes the connection before the timed rounds.
        check((int) RawZmq.SEND.invokeExact(rawPush, outSegment, (long) size, 0), "zmq_send");
        check((int) RawZmq.RECV.invokeExact(rawPull, inSegment, (long) size, 0), "zmq_recv");
    }

    private static void check(int rc, String call) {
        if (rc < 0) {
            throw new IllegalStateException(call + " failed while setting up");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Throwable {
        outMessage.close();
        inMessage.close();
        context.close();
        check((int) RawZmq.CLOSE.invokeExact(rawPush), "zmq_close");
        check((int) RawZmq.CLOSE.invokeExact(rawPull), "zmq_close");
        check((int) RawZmq.CTX_TERM.invokeExact(rawContext), "zmq_ctx_term");
    }

    // ---------------------------------------------------------------- one frame through zmq-ffm's API

    /** The default style: {@code send(byte[])} and {@code receive(byte[])} into reused arrays. */
    @Benchmark
    public int apiBytes() {
        push.send(out);
        return pull.receive(in);
    }

    /** {@code receive()} returning a new array (through a {@code zmq_msg_t}). */
    @Benchmark
    public byte[] apiNewArray() {
        push.send(out);
        return pull.receive();
    }

    /** Native segments: one {@code zmq_send} and one {@code zmq_recv}, no Java-side copy. */
    @Benchmark
    public int apiSegment() {
        push.send(outSegment);
        return pull.receive(inSegment);
    }

    /** A reused {@link Message} rebuilt from a native buffer (one copy in), received in place. */
    @Benchmark
    public long apiMessage() {
        push.send(outMessage.rebuild(outSegment));
        pull.receive(inMessage);
        return inMessage.size();
    }

    // ---------------------------------------------------------------- the same through the bare linker

    /** {@code zmq_send}/{@code zmq_recv} on native buffers, errno not captured: the FFM floor. */
    @Benchmark
    public int rawPlain() throws Throwable {
        int sent = (int) RawZmq.SEND.invokeExact(rawPush, outSegment, (long) size, RawZmq.DONTWAIT);
        return sent + (int) RawZmq.RECV.invokeExact(rawPull, inSegment, (long) size, RawZmq.DONTWAIT);
    }

    /**
     * The FFM floor's calls ({@code RawFfmBinding}): critical, on the Java arrays themselves
     * through segments made per call, errno not captured: what {@link #apiBytes} does with no
     * binding around it.
     */
    @Benchmark
    public int rawOnHeap() throws Throwable {
        int sent = (int) RawZmq.SEND_ON_HEAP.invokeExact(rawPush, MemorySegment.ofArray(out), (long) size,
                RawZmq.DONTWAIT);
        return sent + (int) RawZmq.RECV_ON_HEAP.invokeExact(rawPull, MemorySegment.ofArray(in), (long) size,
                RawZmq.DONTWAIT);
    }

    /** As {@link #rawPlain}, with errno captured on both calls, as zmq-ffm links them. */
    @Benchmark
    public int rawCapture() throws Throwable {
        int sent = (int) RawZmq.SEND_CAPTURING.invokeExact(capture, rawPush, outSegment, (long) size, RawZmq.DONTWAIT);
        return sent + (int) RawZmq.RECV_CAPTURING.invokeExact(capture, rawPull, inSegment, (long) size,
                RawZmq.DONTWAIT);
    }

    /** As {@link #rawCapture}, with the array copied in before the send and out after the receive. */
    @Benchmark
    public int rawCaptureCopies() throws Throwable {
        MemorySegment.copy(out, 0, outSegment, ValueLayout.JAVA_BYTE, 0, size);
        int sent = (int) RawZmq.SEND_CAPTURING.invokeExact(capture, rawPush, outSegment, (long) size, RawZmq.DONTWAIT);
        int received = (int) RawZmq.RECV_CAPTURING.invokeExact(capture, rawPull, inSegment, (long) size,
                RawZmq.DONTWAIT);
        MemorySegment.copy(inSegment, ValueLayout.JAVA_BYTE, 0, in, 0, size);
        return sent + received;
    }

    // ---------------------------------------------------------------- the pieces, one at a time

    /** The shortest libzmq call ({@code zmq_msg_size}), plain: a downcall's transitions. */
    @Benchmark
    public long downcallPlain() throws Throwable {
        return (long) RawZmq.MSG_SIZE.invokeExact(emptyMessage);
    }

    /** The same with errno captured: the difference is the capture's price. */
    @Benchmark
    public long downcallCapture() throws Throwable {
        return (long) RawZmq.MSG_SIZE_CAPTURING.invokeExact(capture, emptyMessage);
    }

    /** The guard's uncontended path: a compare-and-set in, a release store out. */
    @Benchmark
    public int guard() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException();
        }
        int seen = state;
        STATE.setRelease(this, 0);
        return seen;
    }

    /** A thread-local lookup, as {@code Scratch.get()} makes. */
    @Benchmark
    public long[] threadLocal() {
        return LOCAL.get();
    }

    /** A frame copied from a Java array into native memory and back. */
    @Benchmark
    public MemorySegment copyInAndOut() {
        MemorySegment.copy(out, 0, outSegment, ValueLayout.JAVA_BYTE, 0, size);
        MemorySegment.copy(outSegment, ValueLayout.JAVA_BYTE, 0, in, 0, size);
        return outSegment;
    }
}
