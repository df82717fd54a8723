package io.github.zmqffm.internal.life;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A libzmq socket, the guard that keeps every thread's use of it safe, and the ways it closes.
 *
 * <p>libzmq sockets are not thread-safe, and a socket used after {@code zmq_close} crashes the
 * process. So every call enters through {@link #enter(String)} and leaves through
 * {@link #leave()} (the thread-safe draft types admit any number of callers). A close marks the
 * socket, wakes a caller blocked in a wait through the {@link Waking} it published, waits for it
 * to leave, and only then calls {@code zmq_close}.
 *
 * <p>Why a socket closed, and so what later calls answer:
 * <ul>
 *   <li>its own {@code close()}: {@link IllegalStateException};</li>
 *   <li>its context terminating ({@link #terminate()}): {@link ContextTerminatedException} for
 *       every call, as libzmq answers ETERM, except setting LINGER (kept for the close, see
 *       {@link #setLingerWhileTerminating(int)}) and closing, which is a no-op once the context
 *       has closed it;</li>
 *   <li>its context becoming garbage: {@link IllegalStateException}.</li>
 * </ul>
 */
public final class SocketHandle extends Guard implements Waking, CriticalCalls.Caller {
    private static final int OPEN = 0;
    private static final int CLOSED_BY_USER = 1;
    private static final int TERMINATED = 2;
    private static final int ABANDONED = 3;
    /** No LINGER was set through the API: libzmq has the binding's 0. */
    private static final int NOT_SET = Integer.MIN_VALUE;

    /** Two cache lines (and the pair an adjacent-line prefetch brings in): errno capture, then a zmq_msg_t. */
    private static final long HOT_BLOCK = 128;

    private static final VarHandle CLOSE_REASON;
    private static final VarHandle CRITICAL_CALL;

    static {
        try {
            CLOSE_REASON = MethodHandles.lookup().findVarHandle(SocketHandle.class, "closeReason", int.class);
            CRITICAL_CALL = MethodHandles.lookup().findVarHandle(Guard.class, "criticalCall", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public final MemorySegment ptr;
    /** {@link #ptr}'s address, for the calls that take the socket as a long: read without touching the segment. */
    public final long address;
    public final SocketType type;
    /** What this socket shares with its context. */
    public final ContextState context;
    /** Owner, creation site and endpoints, for the owner-thread check and for reports. */
    public final SocketRecord record;
    /** The socket's own zmq_msg_t ({@link #message()}). */
    private final MemorySegment ownMessage;
    private final MemorySegment ownCapture;
    /** The socket's native memory, freed once the socket is unreachable. */
    private final Arena arena;
    /** Native room for the small frames of an exclusive socket, made on first need. */
    private MemorySegment frame;
    /** Keeps zmq_close out while a monitor starts or stops on another thread. */
    private final Object nativeLock = new Object();

    private volatile int closeReason = OPEN;
    private volatile boolean released;
    /** Whatever wakes the thread blocked on this socket right now. */
    private volatile Waking waiting;
    /** LINGER as last set through the API, in milliseconds; {@link #NOT_SET} if never. */
    private volatile int linger = NOT_SET;
    /** A LINGER set after the context began terminating, applied at the close. */
    private volatile int pendingLinger = NOT_SET;
    /** Closed just before zmq_close: the reactor's registration of its descriptor, its async queue. */
    private final java.util.List<AutoCloseable> companions = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The monitor attached now, or null; guarded by nativeLock. */
    private Object monitor;

    /**
     * Makes a socket in a context, with LINGER 0, and tells the context.
     *
     * @throws IllegalStateException if the context is closing or closed
     * @throws ZmqException if libzmq refuses, e.g. EMFILE when MAX_SOCKETS is reached
     */
    public static SocketHandle open(ContextState context, SocketType type) {
        synchronized (context.lock) {
            context.checkOpen("socket " + type);
            MemorySegment capture = Scratch.get().capture;
            MemorySegment raw = LibZmq.socket(capture, context.ptr, type.id());
            if (raw.equals(MemorySegment.NULL)) {
                throw Errors.of("socket " + type, Native.errno(capture));
            }
            LibZmq.setLinger(capture, raw, 0, Scratch.get().value);
            SocketHandle handle = new SocketHandle(raw, type, context);
            context.opened(handle);
            return handle;
        }
    }

    private SocketHandle(MemorySegment ptr, SocketType type, ContextState context) {
        super(type.isThreadSafe(), true);
        this.ptr = ptr;
        this.address = ptr.address();
        this.type = type;
        this.context = context;
        this.record = new SocketRecord(type);
        // The capture and the message, written at every call, share no cache line with the
        // memory of another socket, which another thread may be writing meanwhile (the two
        // ends of a stream are made one after the other).
        this.arena = Arena.ofAuto();
        MemorySegment hot = arena.allocate(HOT_BLOCK, HOT_BLOCK);
        this.ownCapture = hot.asSlice(0, Native.captureSize());
        this.ownMessage = hot.asSlice(HOT_BLOCK / 2, zmq_msg_t.layout().byteSize());
        LibZmq.msgInit(ownMessage);
        if (!type.isThreadSafe()) {
            CriticalCalls.register(this);
        }
    }

    /**
     * Enters a call, checking the owner thread if asked to ({@code -Dzmq.checkThreads=true}).
     *
     * @param operation names the call in an exception, e.g. "receive"
     * @throws ContextTerminatedException if the context is terminating or terminated
     * @throws IllegalStateException if the socket is closed, or in use by another thread
     */
    public void enter(String operation) {
        enter(operation, null);
    }

    /**
     * As {@link #enter(String)}, for a call on {@code subject} (an option, an endpoint): the
     * message of a refusal names it, and nothing is built unless the call is refused.
     */
    public void enter(String operation, Object subject) {
        if (SocketRecord.CHECK_THREADS) {
            record.checkOwner(type);
        }
        if (!tryEnter()) {
            throw refusal(subject == null ? operation : operation + " " + subject);
        }
    }

    /**
     * Enters a call without the owner-thread check: for the binding's own hand-overs, such as
     * a proxy that runs the caller's sockets on a thread of its own.
     *
     * @throws ContextTerminatedException if the context is terminating or terminated
     * @throws IllegalStateException if the socket is closed, or in use by another thread
     */
    public void enterAnyThread(String operation) {
        if (!tryEnter()) {
            throw refusal(operation);
        }
    }

    /**
     * Refuses, as {@link #enter(String)} would, a call that does not need the socket held (a
     * monitor's start) on a socket that is closed or whose context is terminating.
     */
    public void checkOpen(String operation) {
        if (isClosing()) {
            throw refusal(operation);
        }
    }

    /** Leaves a call entered with {@link #enter(String)}. */
    public void leave() {
        exit();
    }

    /**
     * Marks a critical call about to be made by the thread inside, if critical calls are still
     * allowed ({@link CriticalCalls}); never for a thread-safe socket, which several threads may
     * be inside at once.
     *
     * @return {@code true} if the caller may make the call critical, and must then call
     *         {@link #exitCritical()} after it
     */
    public boolean enterCritical() {
        if (isShared()) {
            return false;
        }
        // The mark, then the check, in this order (see CriticalCalls).
        CRITICAL_CALL.setOpaque(this, 1);
        if (CriticalCalls.allowed()) {
            return true;
        }
        CRITICAL_CALL.setRelease(this, 0);
        return false;
    }

    /** Ends a critical call marked by {@link #enterCritical()}. */
    public void exitCritical() {
        CRITICAL_CALL.setRelease(this, 0);
    }

    @Override
    public boolean inCriticalCall() {
        return criticalCall == 1;
    }

    /** The errno capture segment for the calling thread. */
    public MemorySegment capture() {
        return isShared() ? Scratch.get().capture : ownCapture;
    }

    /**
     * A zmq_msg_t for frames whose size is not known in advance, for the caller inside: the
     * socket's own for an exclusive socket, else the calling thread's, as several threads may be
     * inside a thread-safe socket at once.
     */
    public MemorySegment message() {
        return isShared() ? Scratch.get().message : ownMessage;
    }

    /**
     * Native room for a frame of up to {@link Scratch#FRAME_CAPACITY} bytes: the socket's own for
     * an exclusive socket (one caller at a time, found without a thread-local lookup), else the
     * calling thread's. Used only by the caller inside.
     */
    public MemorySegment frame() {
        if (isShared()) {
            return Scratch.get().frame();
        }
        MemorySegment f = frame;
        if (f == null) {
            f = arena.allocate(Scratch.FRAME_CAPACITY, HOT_BLOCK);
            frame = f;
        }
        return f;
    }

    /** Whether the socket is closed, or closing, for whatever reason. */
    public boolean isClosed() {
        return closeReason != OPEN;
    }

    /** Whether libzmq's socket is closed. */
    public boolean isReleased() {
        return released;
    }

    /** Whether its context's termination closed (or is closing) the socket. */
    public boolean isTerminated() {
        return closeReason == TERMINATED;
    }

    /** Publishes who waits on this socket now ({@code null} when the wait ends), for a close to wake. */
    public void waitingOn(Waking waker) {
        waiting = waker;
    }

    /** Whether a caller is blocked in a wait on this socket now (for tests and diagnostics). */
    public boolean isWaiting() {
        return waiting != null;
    }

    /** Wakes the caller blocked on this socket, if any. */
    @Override
    public void wake() {
        Waking w = waiting;
        if (w != null) {
            w.wake();
        }
    }

    /** Adds what is closed just before {@code zmq_close}, in the order added, last first. */
    public void attachCompanion(AutoCloseable resource) {
        companions.add(0, resource);
    }

    /** Notes whether asynchronous operations are pending. */
    public void asyncPending(boolean pending) {
        asyncPending = pending;
    }

    /** Whether asynchronous operations are pending: calls that send or receive are refused meanwhile. */
    public boolean asyncPending() {
        return asyncPending;
    }

    /** Notes a LINGER set through the API, for the close to honour (and a bounded close to cut). */
    public void lingerSet(int millis) {
        linger = millis;
    }

    /**
     * Accepts a LINGER after termination began, as libzmq does: applied when the socket is
     * closed, unless libzmq's socket is already closed.
     */
    public void setLingerWhileTerminating(int millis) {
        pendingLinger = millis;
        linger = millis;
    }

    /** Why a call was refused: ETERM once the context terminates, else closed or in use. */
    public RuntimeException refusal(String operation) {
        int reason = closeReason;
        if (reason == TERMINATED) {
            return new ContextTerminatedException(operation);
        }
        if (reason != OPEN || isClosing()) {
            return closed();
        }
        return inUse(type + " socket", "a ZeroMQ socket must not be used by two threads at once");
    }

    /** What a waiter throws when the socket was closed while it waited. */
    public RuntimeException closedWhileWaiting(String operation) {
        if (closeReason == TERMINATED) {
            return new ContextTerminatedException(operation);
        }
        return new IllegalStateException(operation + ": " + type + " socket was closed by another thread");
    }

    private IllegalStateException closed() {
        return new IllegalStateException(closeReason == ABANDONED
                ? type + " socket is closed: its context became garbage unclosed"
                : type + " socket is closed");
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the socket with its LINGER: idempotent, callable from any thread, returns once
     * libzmq's socket is closed. A caller blocked on the socket is woken and leaves first. A
     * no-op once the context has closed the socket.
     *
     * @throws IllegalStateException if called from inside a call on this same socket
     */
    public void close() {
        // Checked before marking: a refused close must leave the socket open, not half closed.
        if (heldByCurrentThread()) {   // never true of a shared (thread-safe) socket
            throw new IllegalStateException("a socket cannot be closed from inside a call on it");
        }
        CLOSE_REASON.compareAndSet(this, OPEN, CLOSED_BY_USER);
        closeWaiting();
    }

    /**
     * The first step of the context's termination: every call from now on answers ETERM, and a
     * caller blocked on the socket wakes with it. Does not wait.
     */
    public void terminate() {
        CLOSE_REASON.compareAndSet(this, OPEN, TERMINATED);
        refuseEntries();
        wake();
    }

    /** The context's close of this socket, after {@link #terminate()}: waits for its caller to leave. */
    void closeForContext() {
        CLOSE_REASON.compareAndSet(this, OPEN, TERMINATED);
        closeWaiting();
    }

    private void closeWaiting() {
        if (takeForRelease(this)) {
            releaseNative();
            return;
        }
        for (int attempt = 0; !released; attempt++) {
            pause(attempt);
        }
    }

    /**
     * Closes a socket of a context that became garbage, with its LINGER, if no call is inside it;
     * a call may be, and is entitled to finish (see {@code ContextHandle.endAbandoned()}).
     *
     * @return {@code true} if the socket is closed now (or already was)
     */
    boolean closeIfIdle() {
        if (released) {
            return true;
        }
        if (!tryTakeIdle()) {
            return false;
        }
        CLOSE_REASON.compareAndSet(this, OPEN, ABANDONED);
        releaseNative();
        return true;
    }

    /** Closes libzmq's socket; the caller owns the guard. */
    private void releaseNative() {
        MemorySegment capture = ownCapture;
        try {
            applyLinger(capture);
            LibZmq.msgClose(ownMessage);
            context.inproc.closing(record.boundInproc());
            closeCompanion();
            synchronized (nativeLock) {
                LibZmq.close(capture, ptr);
                released = true;
            }
            context.inproc.closed(this);
        } finally {
            CriticalCalls.forget(this);
            released = true;
            context.released(this);
        }
    }

    /** A LINGER set during termination, then a bounded close's cut. */
    private void applyLinger(MemorySegment capture) {
        int set = pendingLinger;
        if (set != NOT_SET) {
            LibZmq.setLinger(capture, ptr, set, Scratch.get().value);
        }
        int millis = linger;
        int cap = context.lingerCapMillis();
        if (cap >= 0 && millis != NOT_SET && (millis < 0 || millis > cap)) {
            LibZmq.setLinger(capture, ptr, cap, Scratch.get().value);
            context.lingerCut(describe(), record.site, millis, cap);
        }
    }

    private void closeCompanion() {
        for (AutoCloseable c : companions) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + describe() + ": " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- monitoring
    // zmq_socket_monitor takes libzmq's own per-socket monitor lock, which libzmq's I/O threads
    // take too when they report events; so it may run while another thread is inside a call on
    // this socket. Only zmq_close must be kept out, which nativeLock does.

    /**
     * Starts libzmq's monitor of this socket, publishing events on {@code endpoint}.
     *
     * @throws IllegalStateException if the socket is closed or already has a monitor
     * @throws ZmqException if libzmq refuses
     */
    public void startMonitor(Object owner, MemorySegment endpoint, int events) {
        synchronized (nativeLock) {
            if (isClosed()) {
                throw refusalToMonitor();
            }
            if (monitor != null) {
                throw new IllegalStateException(type + " socket already has a monitor; close that one first");
            }
            MemorySegment capture = Scratch.get().capture;
            // libzmq binds the monitor's socket, which a signal can cut short; it then undoes the monitor.
            if (LibZmq.retryingSignals(capture, () -> LibZmq.socketMonitor(capture, ptr, endpoint, events)) < 0) {
                throw Errors.of("monitor", Native.errno(capture));
            }
            monitor = owner;
        }
    }

    private RuntimeException refusalToMonitor() {
        return closeReason == TERMINATED ? new ContextTerminatedException("monitor") : closed();
    }

    /**
     * Stops the monitor {@code owner} started; nothing if another one is attached now. libzmq
     * stops it by itself when the socket is closed or its context terminates.
     */
    public void stopMonitor(Object owner) {
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

    /** E.g. {@code PUSH socket (bound tcp://127.0.0.1:5555; owned by thread "main")}. */
    public String describe() {
        return record.describe(type);
    }
}
