package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A ZeroMQ context: owns the I/O threads and makes sockets.
 *
 * {@snippet :
 * try (Context ctx = new Context().set(ContextOption.IO_THREADS, 2);
 *      Socket pull = ctx.socket(SocketType.PULL)) {
 *     pull.bind("tcp://127.0.0.1:*");
 * }
 * }
 *
 * <p>Thread-safe. {@link #close()} never hangs: sockets still open are closed with LINGER 0,
 * and every thread blocked on one of them wakes with {@link ContextTerminatedException}.
 */
public final class Context implements AutoCloseable {
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final MemorySegment ptr;
    private final Set<SocketHandle> sockets = ConcurrentHashMap.newKeySet();
    /** Serialises socket creation and option calls with the start of close(). */
    private final Object lifecycle = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final MemorySegment capture;
    private final MemorySegment lingerZero;
    /** Guards the I/O thread options libzmq applies (or aborts on) at the first socket. */
    private final IoThreadSettings threadSettings = new IoThreadSettings();
    /** Whether libzmq has started the I/O threads; guarded by {@code lifecycle}. */
    private boolean started;
    private volatile int state = OPEN;
    /** The spin budget of this context's sockets that have none of their own (issue #9). */
    private volatile long spinBudgetNanos = SpinPolicy.DEFAULT_BUDGET_NANOS;

    /**
     * Creates a context with libzmq's defaults (one I/O thread).
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded, saying where it looked
     * @throws ZmqException if libzmq cannot create a context
     */
    public Context() {
        Native.load();
        Arena arena = Arena.ofAuto();
        capture = Native.allocateCapture(arena);
        lingerZero = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment ctx = LibZmq.ctxNew(capture);
        if (ctx.equals(MemorySegment.NULL)) {
            throw ZmqException.of("zmq_ctx_new", Native.errno(capture));
        }
        ptr = ctx;
    }

    /**
     * Creates a socket.
     *
     * @param type the socket type
     * @return a new socket with LINGER 0
     * @throws UnsupportedOperationException if {@code type} is a draft type and the loaded
     *         libzmq was built without its draft API
     * @throws IllegalStateException if the context is closed, or if this first socket would
     *         start I/O threads with thread options the OS refuses (libzmq would abort)
     * @throws ZmqException if libzmq refuses, e.g. EMFILE when MAX_SOCKETS is reached
     */
    public Socket socket(SocketType type) {
        Objects.requireNonNull(type, "type");
        if (type.isDraft() && !Zmq.hasDraftApi()) {
            throw new UnsupportedOperationException("socket type " + type + " is a draft type and the loaded libzmq "
                    + Zmq.version() + " was built without the draft API (zmq_has(\"draft\") is false)");
        }
        synchronized (lifecycle) {
            checkOpen();
            if (!started) {
                threadSettings.checkStartable();
                started = true;
            }
            MemorySegment cap = Scratch.get().capture;
            MemorySegment raw = LibZmq.socket(cap, ptr, type.id());
            if (raw.equals(MemorySegment.NULL)) {
                throw ZmqException.of("socket " + type, Native.errno(cap));
            }
            LibZmq.setsockopt(cap, raw, zmq_h.ZMQ_LINGER(), lingerZero, 4);
            SocketHandle handle = new SocketHandle(raw, type, this);
            sockets.add(handle);
            return new Socket(handle);
        }
    }

    /**
     * Sets a context option.
     *
     * @param option the key, e.g. {@link ContextOption#IO_THREADS}
     * @param value the new value
     * @param <T> the option's value type
     * @return this context
     * @throws IllegalArgumentException if the option is read-only, or a thread option's value
     *         is one the OS would refuse (libzmq aborts the process then)
     * @throws UnsupportedOperationException if the loaded libzmq does not support the option
     *         (see {@link ContextOption#isSupported()})
     * @throws ZmqException if libzmq rejects the value (the message names option and value)
     * @throws IllegalStateException if the context is closed
     * @throws NullPointerException if {@code option} or {@code value} is null
     */
    public <T> Context set(ContextOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        if (value == null) {
            throw new NullPointerException("value for " + option);
        }
        if (!option.isWritable()) {
            throw new IllegalArgumentException(option + " is read-only");
        }
        if (!option.type().isInstance(value)) {
            throw new IllegalArgumentException(option + " takes a " + option.type().getSimpleName()
                    + ", not a " + value.getClass().getSimpleName());
        }
        option.availability().check(option);
        int raw = option.encode(value);
        synchronized (lifecycle) {
            checkOpen();
            threadSettings.check(option, raw);
            if (LibZmq.ctxSet(capture, ptr, option.id(), raw) < 0) {
                throw ZmqException.of("set " + option + " to " + value, Native.errno(capture));
            }
            threadSettings.accepted(option, raw);
        }
        return this;
    }

    /**
     * Reads a context option.
     *
     * @param option the key, e.g. {@link ContextOption#SOCKET_LIMIT}
     * @param <T> the option's value type
     * @return the current value
     * @throws IllegalArgumentException if the option is write-only
     * @throws UnsupportedOperationException if the loaded libzmq does not support the option
     * @throws ZmqException if libzmq cannot read it
     * @throws IllegalStateException if the context is closed
     * @throws NullPointerException if {@code option} is null
     */
    public <T> T get(ContextOption<T> option) {
        Objects.requireNonNull(option, "option");
        if (!option.isReadable()) {
            throw new IllegalArgumentException(option + " is write-only");
        }
        option.availability().check(option);
        synchronized (lifecycle) {
            checkOpen();
            int raw = LibZmq.ctxGet(capture, ptr, option.id());
            if (raw < 0 && !option.mayBeNegative()) {
                throw ZmqException.of("get " + option, Native.errno(capture));
            }
            return option.decode(raw);
        }
    }

    private void checkOpen() {
        if (state != OPEN) {
            throw new IllegalStateException("context is closed");
        }
    }

    /**
     * Whether {@link #close()} has started.
     *
     * @return {@code true} once closing or closed
     */
    public boolean isClosed() {
        return state != OPEN;
    }

    /**
     * Shuts the context down and terminates it. Idempotent and callable from any thread; a
     * second caller waits until the first has finished.
     *
     * <p>Sockets still open are closed with LINGER 0 (their unsent messages are dropped);
     * threads blocked on them, or in a poll on them, wake with
     * {@link ContextTerminatedException}. Close sockets yourself first, with a LINGER, to
     * deliver what they hold.
     */
    @Override
    public void close() {
        boolean first = false;
        synchronized (lifecycle) {
            if (state == OPEN) {
                state = CLOSING;
                first = true;
            }
        }
        if (!first) {
            awaitTermination();
            return;
        }
        try {
            for (SocketHandle handle : sockets) {
                handle.tryClose(SocketHandle.CLOSED_BY_CONTEXT);
            }
            // Wakes what the close requests above could not: native waits such as proxies.
            LibZmq.ctxShutdown(capture, ptr);
            for (SocketHandle handle : sockets) {
                handle.close(SocketHandle.CLOSED_BY_CONTEXT);
            }
            while (LibZmq.ctxTerm(capture, ptr) < 0 && Native.errno(capture) == LibZmq.EINTR) {
                Thread.onSpinWait();
            }
        } finally {
            state = CLOSED;
            terminated.countDown();
        }
    }

    private void awaitTermination() {
        boolean interrupted = false;
        while (true) {
            try {
                terminated.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- wait strategy (issue #9)

    /**
     * Sets how long a blocking call on this context's sockets spins before it parks its
     * thread, for every socket that has no budget of its own ({@link Socket#setSpinBudget}).
     * {@link Duration#ZERO} never spins.
     *
     * <p>A thread that parks is woken by the kernel when its message arrives, which costs tens
     * of microseconds when the sender runs on another core; a thread that spins sees the
     * message within a microsecond but keeps a core busy meanwhile (it yields between checks,
     * so that a peer waiting for the CPU runs at once). Spinning is adaptive: a call spins
     * once, at the start of its wait, and only while recent waits were satisfied within the
     * budget; after spins that missed, the next waits park at once. Spinning pays in request
     * and reply; in a stream it costs throughput, so a send or receive spins only if the
     * socket's previous call went the other way (see the README's "Latency and the wait
     * strategy"). So an idle receiver spends at most one budget of CPU per
     * blocking call. The default is 200 µs.
     *
     * {@snippet :
     * try (Context ctx = new Context().setSpinBudget(Duration.ZERO)) {   // never spin
     *     // ...
     * }
     * }
     *
     * @param budget how long to spin at most; {@link Duration#ZERO} for never
     * @return this context
     * @throws NullPointerException if {@code budget} is null
     * @throws IllegalArgumentException if {@code budget} is negative
     * @throws IllegalStateException if the context is closed
     */
    public Context setSpinBudget(Duration budget) {
        long nanos = SpinPolicy.nanos(budget);
        checkOpen();
        spinBudgetNanos = nanos;
        return this;
    }

    /**
     * How long a blocking call on this context's sockets spins before it parks, unless the
     * socket has a budget of its own.
     *
     * @return the budget; {@link Duration#ZERO} if they never spin
     * @throws IllegalStateException if the context is closed
     */
    public Duration spinBudget() {
        checkOpen();
        return Duration.ofNanos(spinBudgetNanos);
    }

    long spinBudgetNanos() {
        return spinBudgetNanos;
    }

    /** Called by a socket once libzmq's socket is closed. */
    void forget(SocketHandle handle) {
        sockets.remove(handle);
    }

    /** {@return the state and number of open sockets} */
    @Override
    public String toString() {
        return "Context[" + (state == OPEN ? "open" : state == CLOSING ? "closing" : "closed")
                + ", " + sockets.size() + " sockets]";
    }
}
