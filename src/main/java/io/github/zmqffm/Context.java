package io.github.zmqffm;

import io.github.zmqffm.internal.io.SocketIo;
import io.github.zmqffm.internal.io.SpinPolicy;
import io.github.zmqffm.internal.io.Timeouts;
import io.github.zmqffm.internal.life.ContextHandle;
import io.github.zmqffm.internal.life.Leaks;
import io.github.zmqffm.internal.nat.Native;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ZeroMQ context: owns the I/O threads and the sockets it makes.
 *
 * {@snippet :
 * try (Context ctx = new Context().set(ContextOption.IO_THREADS, 2);
 *      Socket pull = ctx.socket(SocketType.PULL)) {
 *     pull.bind("tcp://127.0.0.1:*");
 * }
 * }
 *
 * <h2>Sockets belong to their context</h2>
 * A context keeps every socket it made until the socket is closed or the context closes, as
 * libzmq and JeroMQ's {@code ZContext} do: a socket the program no longer refers to is never
 * closed behind its back while its context lives, and nothing it has queued is dropped. So
 * sockets may be left to the context, as the ZeroMQ guide does.
 *
 * <h2>Closing</h2>
 * Thread-safe and idempotent. {@link #close()} follows libzmq's {@code zmq_ctx_term}:
 * <ul>
 *   <li>From the moment it begins, every call on the context's sockets throws
 *       {@link ContextTerminatedException}, whether the calling thread was blocked in a call then
 *       (it wakes) or makes its next call later; except {@code set(LINGER, ...)}, which is
 *       accepted, and {@link Socket#close()}, which does nothing once the context has closed the
 *       socket. This is the guide's cue for a worker to close its socket and end.</li>
 *   <li>Each socket still open is closed with its LINGER: 0 unless the program set one, so
 *       that a close never hangs by default; a LINGER the program set is honoured, and the close
 *       returns once those sockets have delivered what they hold, or their LINGER ran out.</li>
 * </ul>
 * {@link #close(Duration)} first gives the threads that own sockets time to close them, and
 * bounds the whole wait: a LINGER that would outlast the bound is cut to it. Sockets it had to
 * close, and LINGERs it cut, are reported (see there).
 *
 * <p>A context that becomes garbage without {@code close()} (and with it, the sockets it kept)
 * is terminated by a cleaner: its sockets are closed with their LINGER, without failing a call
 * still in progress, and reported to the {@link System.Logger} named {@code io.github.zmqffm.leaks}
 * with what each had bound and connected; the termination runs on a thread of its own.
 */
public final class Context implements AutoCloseable {
    private final ContextHandle handle;
    /**
     * The open sockets, kept reachable because they belong to this context (see the class
     * comment); each keeps the context reachable in turn, so a program that holds only a socket
     * does not lose its context to the collector.
     */
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Cleaner.Cleanable leakCleaner;

    /**
     * Creates a context with libzmq's defaults (one I/O thread).
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded, saying where it looked
     * @throws ZmqException if libzmq cannot create a context
     */
    public Context() {
        handle = new ContextHandle();
        leakCleaner = Leaks.CLEANER.register(this, new Abandoned(handle));
    }

    /** The leak cleaner's action; it refers to the native part only, never to the Context. */
    private record Abandoned(ContextHandle context) implements Runnable {
        @Override
        public void run() {
            context.endAbandoned();
        }
    }

    /**
     * Creates a socket, which belongs to this context.
     *
     * @param type the socket type
     * @return a new socket with LINGER 0
     * @throws UnsupportedOperationException if {@code type} is a draft type and the loaded
     *         libzmq was built without its draft API
     * @throws ContextTerminatedException if the context is closed (libzmq's ETERM)
     * @throws IllegalStateException if this first socket would
     *         start I/O threads with thread options the OS refuses (libzmq would abort)
     * @throws ZmqException if libzmq refuses, e.g. EMFILE when MAX_SOCKETS is reached
     */
    public Socket socket(SocketType type) {
        Objects.requireNonNull(type, "type");
        if (type.isDraft() && !Native.hasDraftApi()) {
            throw new UnsupportedOperationException("socket type " + type + " is a draft type and the loaded libzmq "
                    + Zmq.version() + " was built without the draft API (zmq_has(\"draft\") is false)");
        }
        Socket socket = new Socket(new SocketIo(handle.newSocket(type)), sockets, this);
        sockets.add(socket);
        return socket;
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
     * @throws ContextTerminatedException if the context is closed (libzmq's ETERM)
     * @throws NullPointerException if {@code option} or {@code value} is null
     */
    public <T> Context set(ContextOption<T> option, T value) {
        Objects.requireNonNull(option, "option").spec().checkWrite(value);
        handle.set(option.id(), option.encode(value), "set " + option + " to " + value);
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
     * @throws ContextTerminatedException if the context is closed (libzmq's ETERM)
     * @throws NullPointerException if {@code option} is null
     */
    public <T> T get(ContextOption<T> option) {
        Objects.requireNonNull(option, "option").spec().checkRead();
        return option.decode(handle.get(option.id(), option.mayBeNegative(), "get " + option));
    }

    /**
     * Whether {@link #close()} has started.
     *
     * @return {@code true} once closing or closed
     */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * Terminates the context: every call on its sockets answers ETERM from now on, threads
     * blocked on them wake with {@link ContextTerminatedException}, and each socket still open is
     * closed with its LINGER (see the class comment). Returns once libzmq has delivered what the
     * LINGERs the program set allow. Idempotent and callable from any thread; a second caller
     * waits until the first has finished.
     */
    @Override
    public void close() {
        try {
            handle.close();
        } finally {
            ended();
        }
    }

    /**
     * Terminates the context within {@code timeout}: ZeroMQ's shutdown protocol with a bound.
     * Every call on the context's sockets answers ETERM at once, which is their owners' cue to
     * close them; the owners get up to {@code timeout} for that; then the sockets still open
     * are closed, and the context terminates.
     *
     * {@snippet :
     * // workers loop until ContextTerminatedException, then close their sockets
     * context.close(Duration.ofSeconds(5));
     * }
     *
     * <p>Only sockets owned by other threads that are still alive are waited for: the owner is
     * the creating thread, or the one named by {@link Socket#transferTo(Thread)}. Sockets the
     * calling thread owns, or whose owner has ended, are closed at once. The bound covers the
     * LINGERs too: a socket closed from now on keeps at most what is left of {@code timeout}.
     * Reported at WARNING to the {@link System.Logger} named {@code io.github.zmqffm.leaks}:
     * each socket this call had to close (its type, endpoints, owner, and with
     * {@code -Dzmq.leaks=track} where it was created); each LINGER it cut, with what the socket
     * had not delivered by then being dropped; and, if libzmq is still delivering for sockets
     * closed before this call when the time is up, that the termination ends in the background.
     *
     * <p>Idempotent and callable from any thread; a caller that finds the context already
     * closing waits until it is closed, without a bound. An interrupt ends the wait for owners
     * early (the interrupt status stays set) and the close goes on.
     *
     * @param timeout how long to wait at most; {@link Duration#ZERO} does not wait for owners
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public void close(Duration timeout) {
        long millis = Timeouts.millis(timeout);
        try {
            handle.close(millis, "Context.close(" + timeout + ")");
        } finally {
            ended();
        }
    }

    private void ended() {
        sockets.clear();
        // The native context is gone: the leak cleaner has nothing left to do.
        leakCleaner.clean();
    }

    /**
     * Sets how long a blocking call on this context's sockets spins before it parks its
     * thread, for every socket that has no budget of its own ({@link Socket#setSpinBudget}).
     * {@link Duration#ZERO} never spins.
     *
     * <p>A thread that parks is woken by the kernel when its message arrives, which costs tens
     * of microseconds when the sender runs on another core; a thread that spins sees the message
     * within a microsecond but keeps a core busy meanwhile (it yields between checks). Spinning
     * is adaptive: a call spins once, at the start of its wait, and only while recent waits were
     * satisfied within the budget; a send or receive spins only if the socket's previous call
     * went the other way (request and reply: in a stream it costs throughput). So an idle
     * receiver spends at most one budget of CPU per blocking call. The default is 200 µs. See
     * docs/performance.md, "Latency and the wait strategy".
     *
     * @param budget how long to spin at most; {@link Duration#ZERO} for never
     * @return this context
     * @throws NullPointerException if {@code budget} is null
     * @throws IllegalArgumentException if {@code budget} is negative
     * @throws ContextTerminatedException if the context is closed (libzmq's ETERM)
     */
    public Context setSpinBudget(Duration budget) {
        long nanos = SpinPolicy.nanos(budget);
        handle.state().checkOpen("setSpinBudget");
        handle.state().setSpinBudgetNanos(nanos);
        return this;
    }

    /**
     * How long a blocking call on this context's sockets spins before it parks, unless the
     * socket has a budget of its own.
     *
     * @return the budget; {@link Duration#ZERO} if they never spin
     * @throws ContextTerminatedException if the context is closed (libzmq's ETERM)
     */
    public Duration spinBudget() {
        handle.state().checkOpen("spinBudget");
        long nanos = handle.state().spinBudgetNanos();
        return Duration.ofNanos(nanos < 0 ? SpinPolicy.DEFAULT_BUDGET_NANOS : nanos);
    }

    /** {@return the state and number of open sockets, e.g. "Context[open, 2 sockets]"} */
    @Override
    public String toString() {
        return "Context[" + handle + "]";
    }
}
