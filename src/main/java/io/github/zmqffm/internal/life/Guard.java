package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.CacheLinePadding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The one admission guard of the binding: it lets one thread at a time into an object whose
 * native half is not thread-safe (a socket, a message, a poller, timers), or any number into a
 * thread-safe socket, and lets nobody in once the object is closing, so that no call ever
 * reaches freed native memory.
 *
 * <p>The state is one int, changed by compare-and-set: 0 when idle, the number of callers inside
 * while held, negative once closing or closed. Entering costs one compare-and-set and one
 * volatile read; leaving, one release store.
 *
 * <p>Two ways to close, for two kinds of holder:
 * <ul>
 *   <li>{@link #takeForRelease(Waking)}: the closer wakes the holder and waits until it has
 *       left, then owns the release. For sockets, pollers and timers, whose callers block only in
 *       waits this binding can end.</li>
 *   <li>{@link #closeOrDefer()} with {@link #exitOrRelease()}: the closer hands the release to
 *       the holder, who performs it on its way out. For messages, whose holder may be blocked in
 *       a socket's wait that the message cannot end.</li>
 * </ul>
 */
public class Guard extends CacheLinePadding {
    /** Nobody inside. */
    protected static final int IDLE = 0;
    private static final int HELD = 1;
    /** Released for good. */
    private static final int CLOSED = -1;
    /** Deferred close: the holder releases as it leaves. */
    private static final int CLOSE_REQUESTED = -2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Guard.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean shared;
    private volatile int state;
    /** Set by {@link #takeForRelease}: nobody may enter from now on. */
    private volatile boolean closing;
    /** Who is inside (exclusive mode); read only to explain a refusal, so a plain field suffices. */
    private Thread holder;

    /**
     * A guard.
     *
     * @param shared whether any number of threads may be inside at once (thread-safe sockets)
     */
    public Guard(boolean shared) {
        this.shared = shared;
    }

    /**
     * Admits the calling thread.
     *
     * @return {@code false} if the object is closing or closed, or (exclusive mode) another
     *         thread is inside; {@link #isClosing()} tells which
     */
    public final boolean tryEnter() {
        if (shared) {
            return tryEnterShared();
        }
        if (!STATE.compareAndSet(this, IDLE, HELD)) {
            return false;
        }
        holder = Thread.currentThread();
        if (closing) {
            exit();
            return false;
        }
        return true;
    }

    private boolean tryEnterShared() {
        while (true) {
            int n = state;
            if (n < 0) {
                return false;
            }
            if (STATE.compareAndSet(this, n, n + 1)) {
                break;
            }
        }
        if (closing) {
            exit();
            return false;
        }
        return true;
    }

    /** Leaves a call entered with {@link #tryEnter()}, for objects closed by {@link #takeForRelease}. */
    public final void exit() {
        if (shared) {
            STATE.getAndAdd(this, -1);
            return;
        }
        holder = null;
        STATE.setRelease(this, IDLE);
    }

    /**
     * Leaves a call entered with {@link #tryEnter()}, for objects closed by {@link #closeOrDefer()}.
     *
     * @return {@code true} if a close came meanwhile: the caller must now release the object
     */
    public final boolean exitOrRelease() {
        holder = null;
        if (STATE.compareAndSet(this, HELD, IDLE)) {
            return false;
        }
        state = CLOSED;
        return true;
    }

    /**
     * Closes with the release handed to the holder: takes the object if nobody is inside, else
     * asks the holder to release it as it leaves ({@link #exitOrRelease()}). Never blocks.
     *
     * @return {@code true} if the caller must release the object now
     */
    public final boolean closeOrDefer() {
        while (true) {
            int s = state;
            if (s == IDLE && STATE.compareAndSet(this, IDLE, CLOSED)) {
                return true;
            }
            if (s == HELD && STATE.compareAndSet(this, HELD, CLOSE_REQUESTED)) {
                return false;
            }
            if (s < 0) {
                return false;
            }
        }
    }

    /**
     * Closes with the release kept by the closer: from now on nobody enters; the callers inside
     * are woken through {@code holder} until they have left; then the guard belongs to the
     * caller. Returns at once if the object is already released.
     *
     * @param holder wakes a caller blocked inside, or {@code null} if none can block
     * @return {@code true} if the caller now owns the release, {@code false} if another closer did
     */
    public final boolean takeForRelease(Waking holder) {
        closing = true;
        for (int attempt = 0; ; attempt++) {
            int s = state;
            if (s < 0) {
                return false;
            }
            if (s == IDLE && STATE.compareAndSet(this, IDLE, CLOSED)) {
                return true;
            }
            if (holder != null) {
                holder.wake();
            }
            pause(attempt);
        }
    }

    /**
     * Takes the object for release only if nobody is inside, without closing it otherwise: for a
     * leak cleaner, which must neither block nor fail a call that is entitled to finish.
     *
     * @return {@code true} if the caller now owns the release
     */
    public final boolean tryTakeIdle() {
        if (STATE.compareAndSet(this, IDLE, CLOSED)) {
            closing = true;
            return true;
        }
        return false;
    }

    /**
     * Refuses every caller from now on without waiting for those inside: the first step of a
     * close that ends their calls (a context terminating its sockets).
     */
    public final void refuseEntries() {
        closing = true;
    }

    /** {@return whether any number of threads may be inside at once (a thread-safe socket)} */
    public final boolean isShared() {
        return shared;
    }

    /** Whether a close has begun or ended: callers are refused. */
    public final boolean isClosing() {
        return closing || state < 0;
    }

    /** Whether the calling thread is inside (exclusive mode). */
    public final boolean heldByCurrentThread() {
        return state > IDLE && holder == Thread.currentThread();
    }

    /**
     * Why an open object refused a second thread, e.g. {@code message is in use by thread "w1";
     * a Message must not be used by two threads at once (thread "main" tried)}.
     *
     * @param what e.g. "PUSH socket"
     * @param rule e.g. "a ZeroMQ socket must not be used by two threads at once"
     */
    public final IllegalStateException inUse(String what, String rule) {
        Thread other = holder;
        return new IllegalStateException(what + " is in use by thread \"" + (other == null ? "?" : other.getName())
                + "\"; " + rule + " (thread \"" + Thread.currentThread().getName() + "\" tried)");
    }

    /** Spins briefly, then yields, then parks: a holder usually leaves within microseconds. */
    public static void pause(int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
        } else if (attempt < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(100_000L);
        }
    }
}
