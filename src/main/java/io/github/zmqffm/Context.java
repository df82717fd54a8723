package io.github.zmqffm;


import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * {@link #close(Duration)} first gives the threads that own sockets time to close them, and
 * reports the ones it had to close.
 *
 * <p>A context that becomes garbage without {@code close()} (which happens only once all its
 * sockets have: each socket keeps its context reachable) is shut down and terminated by a
 * cleaner, and reported to the {@link System.Logger} named {@code io.github.zmqffm.leaks}; the
 * termination runs on a thread of its own, so that sockets closed with a LINGER never block the
 * cleaner.
 */
public final class Context implements AutoCloseable {
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    /** The libzmq context and its sockets; also held by {@link #leakCleaner}, which must not hold this. */
    private final NativeContext nat;
    private final MemorySegment ptr;
    /** Serialises socket creation and option calls with the start of close(). */
    private final Object lifecycle = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final MemorySegment capture;
    private final Cleaner.Cleanable leakCleaner;
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
        nat = new NativeContext();
        ptr = nat.ptr;
        capture = nat.capture;
        leakCleaner = Leaks.CLEANER.register(this, new Abandoned(nat));
    }

    /** The leak cleaner's action; it refers to the native part only, never to the Context. */
    private record Abandoned(NativeContext context) implements Runnable {
        @Override
        public void run() {
            context.endAbandoned();
        }
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
            LibZmq.lingerZero(cap, raw);
            SocketHandle handle = new SocketHandle(raw, type, this);
            nat.sockets.add(handle);
            Socket socket = new Socket(handle);
            handle.watch(socket);
            return socket;
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
        if (!beginClose()) {
            awaitTermination();
            return;
        }
        try {
            for (SocketHandle handle : nat.openSockets()) {
                handle.tryClose(SocketHandle.CLOSED_BY_CONTEXT);
            }
            // Wakes what the close requests above could not: native waits such as proxies.
            nat.shutdown();
            for (SocketHandle handle : nat.openSockets()) {
                handle.close(SocketHandle.CLOSED_BY_CONTEXT);
            }
            nat.term();
        } finally {
            finishClose();
        }
    }

    // ---------------------------------------------------------------- bounded close and leaks (issue #8)

    /**
     * Shuts the context down, gives the threads that own its sockets up to {@code timeout} to
     * close them, then closes what is left and terminates, reporting each socket that was
     * still open. This is ZeroMQ's shutdown protocol with a bound: owners blocked on a socket
     * wake with {@link ContextTerminatedException} at once, and any call they make from then
     * on but {@code close()} fails the same way, which is their cue to close.
     *
     * {@snippet :
     * // workers loop until ContextTerminatedException, then close their sockets
     * context.close(Duration.ofSeconds(5));
     * }
     *
     * <p>Only sockets owned by other threads that are still alive are waited for: the owner is
     * the creating thread, or the one named by {@link Socket#transferTo(Thread)}. Sockets the
     * calling thread owns, or whose owner has ended, cannot be closed by their owners and are
     * closed at once. Each socket closed here (with LINGER 0) is reported at WARNING to the
     * {@link System.Logger} named {@code io.github.zmqffm.leaks}: its type, the endpoints it
     * bound and connected, its owner, and, with {@code -Dzmq.leaks=track}, where it was created.
     * The termination that follows waits for sockets the owners closed with a LINGER.
     *
     * <p>Idempotent and callable from any thread; a caller that finds the context already
     * closing waits until it is closed, without a bound. An interrupt ends the wait for owners
     * early (the interrupt status stays set) and the close goes on. {@link #close()} does the
     * same with no wait for owners and without reports.
     *
     * @param timeout how long to wait for owners at most; {@link Duration#ZERO} does not wait
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public void close(Duration timeout) {
        long millis = Timeouts.millis(timeout);
        if (!beginClose()) {
            awaitTermination();
            return;
        }
        try {
            nat.shutdown();
            Thread me = Thread.currentThread();
            long deadline = millis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            nat.awaitClosed(handle -> handle.record.ownedByAnotherLiveThread(me), deadline);
            for (SocketHandle handle : nat.openSockets()) {
                if (!handle.isReleased()) {
                    Leaks.report("Context.close(" + timeout + "): closed " + handle.describe()
                            + ", which was still open", handle.record.site);
                }
                handle.close(SocketHandle.CLOSED_BY_CONTEXT);
            }
            nat.term();
        } finally {
            finishClose();
        }
    }

    /** The inproc bookkeeping of this context's sockets. */
    InprocEndpoints inproc() {
        return nat.inproc;
    }

    /** Moves from open to closing; {@code false} if another caller got there first. */
    private boolean beginClose() {
        synchronized (lifecycle) {
            if (state != OPEN) {
                return false;
            }
            state = CLOSING;
            return true;
        }
    }

    private void finishClose() {
        state = CLOSED;
        terminated.countDown();
        // The native context is gone: the leak cleaner has nothing left to do.
        leakCleaner.clean();
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
        nat.forget(handle);
    }

    /** {@return the state and number of open sockets} */
    @Override
    public String toString() {
        return "Context[" + (state == OPEN ? "open" : state == CLOSING ? "closing" : "closed")
                + ", " + nat.sockets.size() + " sockets]";
    }
}
