package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The libzmq context behind a {@link Context}: its pointer, its open sockets, and the steps that
 * end it. The Context's leak cleaner holds this object, so nothing here refers to the Context:
 * otherwise the Context could never become garbage. (Its open sockets do refer to the Context,
 * which is what keeps a context with open sockets reachable.)
 */
final class NativeContext {
    /** How often a wait for owners to close their sockets looks again (for owners that died meanwhile). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    final MemorySegment ptr;
    /** For calls made under the Context's lock. */
    final MemorySegment capture;
    final Set<SocketHandle> sockets = ConcurrentHashMap.newKeySet();
    final InprocEndpoints inproc;
    /** Where the Context was created, when leaks are tracked. */
    final Throwable site = Leaks.creationSite("Context");
    /** Notified whenever a socket is closed once the context is ending. */
    private final Object socketClosed = new Object();
    private volatile boolean ending;
    private volatile boolean terminated;

    /**
     * Creates the libzmq context.
     *
     * @throws ZmqException if libzmq cannot
     */
    NativeContext() {
        capture = Native.allocateCapture(Arena.ofAuto());
        MemorySegment ctx = LibZmq.ctxNew(capture);
        if (ctx.equals(MemorySegment.NULL)) {
            throw ZmqException.of("zmq_ctx_new", Native.errno(capture));
        }
        ptr = ctx;
        inproc = new InprocEndpoints(ptr);
    }

    /** Called by a socket once libzmq's socket is closed. */
    void forget(SocketHandle handle) {
        sockets.remove(handle);
        if (ending) {
            synchronized (socketClosed) {
                socketClosed.notifyAll();
            }
        }
    }

    /**
     * Shuts libzmq's context down: every blocking call on its sockets returns, and every later
     * call but close fails, with ETERM. Pending inproc connections are resolved first (see
     * {@link InprocEndpoints}).
     */
    void shutdown() {
        ending = true;
        inproc.end();
        LibZmq.ctxShutdown(capture, ptr);
    }

    /**
     * Waits until no open socket satisfies {@code waitFor}, the deadline passes or the thread
     * is interrupted (the interrupt status stays set).
     */
    void awaitClosed(Predicate<SocketHandle> waitFor, long deadlineNanos) {
        synchronized (socketClosed) {
            while (sockets.stream().anyMatch(waitFor)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                long nanos = Math.min(left, RECHECK_NANOS);
                try {
                    socketClosed.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The sockets open now. */
    List<SocketHandle> openSockets() {
        return List.copyOf(sockets);
    }

    /** Terminates libzmq's context; all its sockets must be closed. Waits only for sockets closed with a LINGER. */
    void term() {
        while (LibZmq.ctxTerm(capture, ptr) < 0 && Native.errno(capture) == LibZmq.EINTR) {
            Thread.onSpinWait();
        }
        terminated = true;
    }

    boolean isEnding() {
        return ending;
    }

    /**
     * Ends a context that became garbage unclosed, on the cleaner's thread. By then every socket
     * of it is closed or on its way (a socket refers to its Context, so the Context is garbage
     * only once its sockets are). The termination runs on a thread of its own: it waits for the
     * LINGER of sockets the application closed, and the cleaner's thread must never block.
     */
    void endAbandoned() {
        if (ending || terminated) {
            return;
        }
        Leaks.report("a Context was not closed; the garbage collector terminated it", site);
        shutdown();
        for (SocketHandle handle : openSockets()) {
            handle.closeAbandoned();
        }
        Thread.ofPlatform().daemon().name("zmq-ffm context terminator").start(() -> {
            awaitClosed(handle -> true, Long.MAX_VALUE);
            term();
        });
    }
}
