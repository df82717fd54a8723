package io.github.zmqffm.internal.life;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A libzmq context and the sockets it made: creation, options, and the three ways it ends.
 *
 * <p>Every end follows libzmq's own rule: once termination begins, every call on the context's
 * sockets answers ETERM (the sockets are {@link SocketHandle#terminate() terminated}, which also
 * wakes the threads blocked on them), except setting LINGER and closing; then each socket is
 * closed with the LINGER its user set (0 unless set), and {@code zmq_ctx_term} waits for the
 * lingering ones.
 * <ul>
 *   <li>{@link #close()}: closes every socket at once and waits for their lingers.</li>
 *   <li>{@link #close(long, String)}: first gives the threads that own sockets time to close
 *       them, then closes the rest, and bounds the whole wait: a LINGER that would outlast the
 *       deadline is cut to it, and each cut is reported, as is each socket it had to close.</li>
 *   <li>{@link #endAbandoned()}: the context became garbage unclosed; the cleaner closes its
 *       sockets (one with a call in progress as that call ends, without ETERM), reports them,
 *       and terminates on a thread of its own so that lingers never block the cleaner.</li>
 * </ul>
 *
 * <p>Nothing here refers to the public {@code Context}: its leak cleaner holds this object, and
 * a reference back would keep the Context reachable for ever. The sockets know only the
 * {@link ContextState} they share with it.
 */
public final class ContextHandle {
    /** How often a wait for owners to close their sockets looks again (for owners that died meanwhile). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Extra time a bounded close gives libzmq to finish after the deadline it cut lingers to. */
    private static final long TERM_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Where the Context was created, when leaks are tracked. */
    public final Throwable site = Leaks.creationSite("Context");

    private final MemorySegment ptr;
    private final MemorySegment capture;
    /** What the context's sockets share with it. */
    private final ContextState state;
    private final Set<SocketHandle> sockets = ConcurrentHashMap.newKeySet();
    /** Notified whenever a socket is released while the context is ending. */
    private final Object socketReleased = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** Guards the I/O thread options libzmq applies (or aborts on) at the first socket. */
    private final IoThreadSettings threadSettings = new IoThreadSettings();
    /** Whether libzmq has started the I/O threads; guarded by the state's lock. */
    private boolean started;

    /**
     * Creates the libzmq context.
     *
     * @throws ZmqException if libzmq cannot
     */
    public ContextHandle() {
        Native.load();
        capture = Native.allocateCapture(Arena.ofAuto());
        MemorySegment ctx = LibZmq.ctxNew(capture);
        if (ctx.equals(MemorySegment.NULL)) {
            throw Errors.of("zmq_ctx_new", Native.errno(capture));
        }
        ptr = ctx;
        state = new ContextState(ptr, socket -> sockets.add((SocketHandle) socket),
                socket -> forget((SocketHandle) socket));
    }

    /** {@return what the context's sockets share with it} */
    public ContextState state() {
        return state;
    }

    /**
     * Makes a socket with LINGER 0.
     *
     * @throws ContextTerminatedException if the context is closed
     * @throws IllegalStateException if this first socket would
     *         start I/O threads with options the OS refuses (libzmq would abort)
     * @throws ZmqException if libzmq refuses, e.g. EMFILE when MAX_SOCKETS is reached
     */
    public SocketHandle newSocket(SocketType type) {
        synchronized (state.lock) {
            state.checkOpen("socket " + type);
            if (!started) {
                threadSettings.checkStartable();
                started = true;
            }
            return SocketHandle.open(state, type);
        }
    }

    /**
     * Sets a context option whose value and access the caller has checked.
     *
     * @param what names the option and value in an exception, e.g. "set IO_THREADS to 2"
     * @throws IllegalArgumentException if an I/O thread option's value would make libzmq abort
     * @throws ContextTerminatedException if the context is closed
     * @throws ZmqException if libzmq refuses the value
     */
    public void set(int option, int value, String what) {
        synchronized (state.lock) {
            state.checkOpen(what);
            threadSettings.check(option, value);
            if (LibZmq.ctxSet(capture, ptr, option, value) < 0) {
                throw Errors.of(what, Native.errno(capture));
            }
            threadSettings.accepted(option, value);
        }
    }

    /**
     * Reads a context option.
     *
     * @param mayBeNegative whether -1 is a value rather than libzmq's error return
     * @throws ContextTerminatedException if the context is closed
     * @throws ZmqException if libzmq cannot read it
     */
    public int get(int option, boolean mayBeNegative, String what) {
        synchronized (state.lock) {
            state.checkOpen(what);
            int raw = LibZmq.ctxGet(capture, ptr, option);
            if (raw < 0 && !mayBeNegative) {
                throw Errors.of(what, Native.errno(capture));
            }
            return raw;
        }
    }

    /** Whether termination has begun. */
    public boolean isClosed() {
        return !state.isOpen();
    }

    // ---------------------------------------------------------------- ending

    /**
     * Terminates the context: every socket answers ETERM from now on and is closed with the LINGER
     * its user set; returns once libzmq has delivered what those lingers allow. Idempotent; a
     * second caller waits for the first to finish.
     */
    public void close() {
        if (!beginTermination()) {
            awaitTermination();
            return;
        }
        try {
            for (SocketHandle handle : List.copyOf(sockets)) {
                handle.closeForContext();
            }
            term();
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Terminates the context within {@code timeoutMillis}: owners of sockets (other live threads)
     * get that long to close them after their calls answer ETERM; the sockets still open then
     * are closed and reported; every LINGER is cut to what is left of the time, and each cut is
     * reported. If libzmq has still not finished at the deadline (sockets closed before this call
     * with a longer LINGER), that is reported and the termination ends in the background.
     *
     * @param timeoutMillis the bound; negative for none
     * @param description names this close in reports, e.g. "Context.close(PT5S)"
     */
    public void close(long timeoutMillis, String description) {
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (timeoutMillis >= 0) {
            state.boundLingers(deadline, description);
        }
        if (!beginTermination()) {
            awaitTermination();
            return;
        }
        try {
            Thread me = Thread.currentThread();
            awaitReleased(handle -> handle.record.ownedByAnotherLiveThread(me), deadline);
            for (SocketHandle handle : List.copyOf(sockets)) {
                if (!handle.isReleased()) {
                    Leaks.report(description + ": closed " + handle.describe() + ", which was still open",
                            handle.record.site);
                }
                handle.closeForContext();
            }
            if (timeoutMillis < 0) {
                term();
            } else {
                termWithin(deadline, description);
            }
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Ends a context that became garbage unclosed, on the cleaner's thread, which must never block:
     * its open sockets (the Context kept them reachable, so they became garbage with it) are
     * closed with their LINGER as soon as no call is inside them, and reported, and libzmq's
     * termination runs on a thread of its own.
     */
    public void endAbandoned() {
        synchronized (state.lock) {
            if (!state.isOpen()) {
                return;
            }
            state.closeDoors();
        }
        List<SocketHandle> open = List.copyOf(sockets);
        List<String> names = new ArrayList<>();
        for (SocketHandle handle : open) {
            names.add(handle.describe());
        }
        Leaks.report("a Context was not closed; the garbage collector terminated it"
                + (names.isEmpty() ? "" : " and closed its " + names.size() + " open socket"
                + (names.size() == 1 ? "" : "s") + ": " + String.join(", ", names)), site);
        // No zmq_ctx_shutdown and no ETERM: a call still inside a socket (its Socket can become
        // garbage during its last call) is entitled to finish; the socket closes after it.
        for (SocketHandle handle : open) {
            if (!handle.closeIfIdle()) {
                Leaks.retry(handle::closeIfIdle);
            }
        }
        Thread.ofPlatform().daemon().name("zmq-ffm context terminator").start(() -> {
            awaitReleased(handle -> true, Long.MAX_VALUE);
            state.inproc.end();
            term();
            terminated.countDown();
        });
    }

    /** Called by a socket once libzmq's socket is closed. */
    private void forget(SocketHandle handle) {
        sockets.remove(handle);
        if (!state.isOpen()) {
            synchronized (socketReleased) {
                socketReleased.notifyAll();
            }
        }
    }

    /**
     * Moves from open to terminating: every socket answers ETERM and its blocked thread wakes;
     * pending inproc connections are resolved; native waits (proxies) end through
     * {@code zmq_ctx_shutdown}.
     *
     * @return {@code false} if another caller got there first
     */
    private boolean beginTermination() {
        synchronized (state.lock) {
            if (!state.isOpen()) {
                return false;
            }
            state.closeDoors();
        }
        for (SocketHandle handle : List.copyOf(sockets)) {
            handle.terminate();
        }
        state.inproc.end();
        LibZmq.ctxShutdown(capture, ptr);
        return true;
    }

    /**
     * Waits until no open socket satisfies {@code waitFor}, the deadline passes or the thread is
     * interrupted (the interrupt status stays set).
     */
    private void awaitReleased(Predicate<SocketHandle> waitFor, long deadlineNanos) {
        synchronized (socketReleased) {
            while (sockets.stream().anyMatch(waitFor)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                long nanos = Math.min(left, RECHECK_NANOS);
                try {
                    socketReleased.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** {@code zmq_ctx_term}: every socket is closed; waits for those that linger. */
    private void term() {
        LibZmq.retryingSignals(capture, () -> LibZmq.ctxTerm(capture, ptr));
    }

    /** Terminates on a thread of its own, waiting for it until shortly after the deadline. */
    private void termWithin(long deadline, String description) {
        CountDownLatch done = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("zmq-ffm context terminator").start(() -> {
            term();
            done.countDown();
        });
        boolean interrupted = false;
        try {
            long wait = Math.max(0, deadline - System.nanoTime()) + TERM_GRACE_NANOS;
            while (true) {
                try {
                    if (!done.await(wait, TimeUnit.NANOSECONDS)) {
                        Leaks.report(description + ": libzmq is still delivering messages of sockets closed "
                                + "earlier with a LINGER; the context ends in the background", site);
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    wait = Math.max(0, deadline - System.nanoTime()) + TERM_GRACE_NANOS;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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

    /** {@return the state and number of open sockets, e.g. "open, 2 sockets"} */
    @Override
    public String toString() {
        return (state.isOpen() ? "open" : terminated.getCount() == 0 ? "closed" : "closing") + ", " + sockets.size()
                + " sockets";
    }
}
