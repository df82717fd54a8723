package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.locks.LockSupport;

/**
 * A libzmq socket and the guard that keeps every thread's use of it safe.
 *
 * <p>libzmq sockets are not thread-safe, and a socket used after {@code zmq_close} crashes the
 * process. So every call enters through {@link #acquire()}: a compare-and-set that admits one
 * caller at a time (any number for the thread-safe draft types) and refuses a closed socket.
 * {@link #close(int)} marks the socket closed, wakes a caller that is waiting in
 * {@code zmq_poll}, waits for it to leave, and only then calls {@code zmq_close}. The fast path
 * costs one CAS, one volatile read and one release store.
 */
final class SocketHandle extends Guard {
    static final int OPEN = 0;
    static final int CLOSED_BY_USER = 1;
    static final int CLOSED_BY_CONTEXT = 2;
    /** Closed by the leak cleaner: the Socket became garbage unclosed. */
    static final int CLOSED_AS_GARBAGE = 3;
    /** The guard's state while the closer owns the socket; above it, the number of callers inside. */
    private static final int OWNED_BY_CLOSER = -1;

    private static final VarHandle CLOSE_REASON;

    static {
        try {
            CLOSE_REASON = MethodHandles.lookup().findVarHandle(SocketHandle.class, "closeReason", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemorySegment ptr;
    final SocketType type;
    final Context context;
    private final boolean shared;
    private final MemorySegment ownCapture;
    /** A zmq_msg_t for receives whose size is not known in advance. */
    final MemorySegment message;
    /** Whether and how long blocking calls spin before they park (issue #9). */
    final SpinPolicy spinPolicy;

    private volatile int closeReason;
    private volatile boolean released;
    /** Whatever wakes the thread blocked on this socket right now, for close() to use. */
    private volatile Wakeable activeWaker;
    private Waiter waiter;
    /** Keeps zmq_close out while a monitor starts or stops on another thread. */
    private final Object nativeLock = new Object();
    /** The monitor attached now, or null; guarded by nativeLock. */
    private Object monitor;

    /** Owner, creation site and endpoints, for the owner-thread check and for reports. */
    final SocketRecord record;
    /** Closes the socket if its Socket becomes garbage unclosed; null for sockets nobody watches. */
    private Cleaner.Cleanable leakCleaner;
    /** Set once the leak cleaner has found the Socket garbage (the close may wait for a last call). */
    private volatile boolean abandoned;

    /** RCVTIMEO and SNDTIMEO as last set through the API, in milliseconds (-1: forever). */
    int receiveTimeout = -1;
    int sendTimeout = -1;

    SocketHandle(MemorySegment ptr, SocketType type, Context context) {
        this.ptr = ptr;
        this.type = type;
        this.context = context;
        this.shared = type.isThreadSafe();
        this.spinPolicy = new SpinPolicy(context);
        this.record = new SocketRecord(type);
        Arena arena = Arena.ofAuto();
        this.ownCapture = Native.allocateCapture(arena);
        this.message = arena.allocate(zmq_msg_t.layout().byteSize(), 8);
        LibZmq.msgInit(ownCapture, message);
    }

    /**
     * Enters a call.
     *
     * @throws IllegalStateException if the socket is closed, or in use by another thread
     */
    void acquire() {
        if (SocketRecord.CHECK_THREADS) {
            record.checkOwner(type);
        }
        acquireAnyThread();
    }

    /**
     * Enters a call without the owner-thread check: for the binding's own hand-overs, such as
     * a proxy that runs the caller's sockets on a thread of its own.
     *
     * @throws IllegalStateException if the socket is closed, or in use by another thread
     */
    void acquireAnyThread() {
        if (shared) {
            acquireShared();
            return;
        }
        if (!tryEnter()) {
            throw unavailable();
        }
        if (closeReason != OPEN) {
            exit();
            throw closed();
        }
    }

    private void acquireShared() {
        while (true) {
            int n = state();
            if (n < 0) {
                throw closed();
            }
            if (compareAndSetState(n, n + 1)) {
                break;
            }
        }
        if (closeReason != OPEN) {
            getAndAddState(-1);
            throw closed();
        }
    }

    /** Leaves a call entered with {@link #acquire()}. */
    void release() {
        if (shared) {
            getAndAddState(-1);
            return;
        }
        exit();
    }

    /** The errno capture segment for the calling thread. */
    MemorySegment capture() {
        return shared ? Scratch.get().capture : ownCapture;
    }

    boolean isClosed() {
        return closeReason != OPEN;
    }

    int closeReason() {
        return closeReason;
    }

    boolean isReleased() {
        return released;
    }

    /** The waiter for blocking calls, created on first need; call only inside a call. */
    Waiter waiter() {
        Waiter w = waiter;
        if (w == null) {
            w = new Waiter();
            waiter = w;
        }
        return w;
    }

    /** Whether a caller is blocked in a wait on this socket now (for tests and diagnostics). */
    boolean waiterActive() {
        return activeWaker != null;
    }

    /** Publishes who is waiting on this socket, so that {@link #close} can wake it. */
    void waitingOn(Wakeable waker) {
        activeWaker = waker;
    }

    // ---------------------------------------------------------------- monitoring (issue #5)
    // zmq_socket_monitor takes libzmq's own per-socket monitor lock, which libzmq's I/O threads
    // take too when they report events; so it may run while another thread is inside a call on
    // this socket. Only zmq_close must be kept out, which nativeLock does.

    /**
     * Starts libzmq's monitor of this socket, publishing events on {@code endpoint}.
     *
     * @throws IllegalStateException if the socket is closed or already has a monitor
     * @throws ZmqException if libzmq refuses
     */
    void startMonitor(Object owner, MemorySegment endpoint, int events) {
        synchronized (nativeLock) {
            if (closeReason != OPEN) {
                throw closed();
            }
            if (monitor != null) {
                throw new IllegalStateException(type + " socket already has a monitor; close that one first");
            }
            MemorySegment capture = Scratch.get().capture;
            if (LibZmq.socketMonitor(capture, ptr, endpoint, events) < 0) {
                throw ZmqException.of("monitor", Native.errno(capture));
            }
            monitor = owner;
        }
    }

    /**
     * Stops the monitor {@code owner} started; nothing if another one is attached now. libzmq
     * stops it by itself when the socket is closed or its context terminates.
     */
    void stopMonitor(Object owner) {
        synchronized (nativeLock) {
            if (monitor != owner) {
                return;
            }
            monitor = null;
            if (!released) {
                LibZmq.socketMonitor(Scratch.get().capture, ptr, MemorySegment.NULL, 0);
            }
        }
    }

    private IllegalStateException unavailable() {
        if (state() < 0 || closeReason != OPEN) {
            return closed();
        }
        return inUse(type + " socket", "a ZeroMQ socket must not be used by two threads at once");
    }

    IllegalStateException closed() {
        return new IllegalStateException(switch (closeReason) {
            case CLOSED_BY_CONTEXT -> type + " socket is closed: its context was closed";
            case CLOSED_AS_GARBAGE -> type + " socket is closed: it became garbage unclosed";
            default -> type + " socket is closed";
        });
    }

    /** What a waiter throws when the socket was closed while it waited. */
    RuntimeException closedWhileWaiting(String operation) {
        if (closeReason == CLOSED_BY_CONTEXT) {
            return new ContextTerminatedException(operation);
        }
        return new IllegalStateException(operation + ": " + type + " socket was closed by another thread");
    }

    /**
     * Closes the socket: idempotent, callable from any thread, returns once libzmq's socket is
     * closed. A caller blocked on the socket is woken and leaves with an exception first.
     *
     * @param reason {@link #CLOSED_BY_USER} or {@link #CLOSED_BY_CONTEXT}
     * @throws IllegalStateException if called from inside a call on this same socket
     */
    void close(int reason) {
        // Checked before marking: a refused close must leave the socket open, not half closed.
        if (!shared && heldByCurrentThread()) {
            throw new IllegalStateException("a socket cannot be closed from inside a call on it");
        }
        CLOSE_REASON.compareAndSet(this, OPEN, reason);
        for (int attempt = 0; !released; attempt++) {
            if (compareAndSetState(IDLE, OWNED_BY_CLOSER)) {
                releaseNative();
                return;
            }
            if (state() > 0) {
                Wakeable waker = activeWaker;
                if (waker != null) {
                    waker.wakeup();
                }
            }
            pause(attempt);
        }
    }

    /**
     * Closes the socket now if no call is inside; otherwise marks it closed and wakes the
     * caller, leaving the native close to a later {@link #close(int)}.
     *
     * @return {@code true} if libzmq's socket is closed
     */
    boolean tryClose(int reason) {
        CLOSE_REASON.compareAndSet(this, OPEN, reason);
        if (released) {
            return true;
        }
        if (compareAndSetState(IDLE, OWNED_BY_CLOSER)) {
            releaseNative();
            return true;
        }
        Wakeable waker = activeWaker;
        if (waker != null) {
            waker.wakeup();
        }
        return false;
    }

    private void releaseNative() {
        MemorySegment capture = ownCapture;
        try {
            if (closeReason == CLOSED_BY_CONTEXT || closeReason == CLOSED_AS_GARBAGE) {
                // Neither a closing context nor a leaked socket may wait for unsent messages.
                LibZmq.lingerZero(capture, ptr);
            }
            LibZmq.msgClose(capture, message);
            context.inproc().closing(record.boundInproc());
            synchronized (nativeLock) {
                LibZmq.close(capture, ptr);
                released = true;
            }
            context.inproc().closed(this);
            if (waiter != null) {
                waiter.close();
            }
        } finally {
            released = true;
            context.forget(this);
            if (leakCleaner != null) {
                // Nothing is left for the leak cleaner; this also lets it drop its reference.
                leakCleaner.clean();
            }
        }
    }

    // ---------------------------------------------------------------- ownership and leaks (issue #8)

    /**
     * Hands the socket to {@code next}: from now on, with the owner-thread check on, only that
     * thread may use it. Holding the socket meanwhile makes the hand-over a full memory barrier.
     *
     * @throws IllegalStateException if the socket is closed, in use, or (with the check on) not
     *         owned by the calling thread
     */
    void transferTo(Thread next) {
        acquire();
        try {
            record.transferTo(next);
        } finally {
            release();
        }
    }

    /** E.g. {@code PUSH socket (bound tcp://127.0.0.1:5555; owned by thread "main")}. */
    String describe() {
        return record.describe(type);
    }

    /**
     * Closes this socket once {@code facade}, the application's only way to it, is garbage.
     * The cleaner's action refers to this handle only, never to the facade.
     */
    void watch(Socket facade) {
        leakCleaner = Leaks.CLEANER.register(facade, new Abandoned(this));
    }

    /** The leak cleaner's action. */
    private record Abandoned(SocketHandle handle) implements Runnable {
        @Override
        public void run() {
            if (!handle.released) {
                handle.abandoned = true;
                Leaks.report(handle.describe() + " was not closed; the garbage collector closed it",
                        handle.record.site);
                if (!handle.closeAbandoned()) {
                    Leaks.retry(handle::closeAbandoned);
                }
            }
        }
    }

    /** Whether the leak cleaner found the Socket garbage (for tests). */
    boolean isAbandoned() {
        return abandoned;
    }

    /**
     * Closes a socket nobody can reach any more, with LINGER 0, if no call is inside it. A call
     * may be: the facade can become garbage during the last call made through it. Then the
     * socket is left to that call, and this is tried again later ({@link Leaks#retry}); marking
     * it closed now would fail a call that is entitled to finish.
     *
     * @return {@code true} if the socket is closed or being closed by someone else
     */
    boolean closeAbandoned() {
        if (compareAndSetState(IDLE, OWNED_BY_CLOSER)) {
            CLOSE_REASON.compareAndSet(this, OPEN, CLOSED_AS_GARBAGE);
            releaseNative();
            return true;
        }
        return state() < 0 || released;
    }

    /** Spins briefly, then yields, then parks: the holder usually leaves within microseconds. */
    static void pause(int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
        } else if (attempt < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(100_000L);
        }
    }
}
