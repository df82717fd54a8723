package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.CacheLinePadding;
import io.github.zmqffm.internal.nat.Membarrier;

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
 * <p><b>The fast path of a biasable guard</b> (a socket's): the compare-and-set is a locked
 * instruction, about 5 ns per call and a full fence in the middle of a stream of messages. Most
 * sockets are used by one thread, so after {@value #BIAS_AFTER} entries in a row by one thread
 * the guard is <em>biased</em> to it: that thread enters by storing 1 in its {@link Bias}'s
 * {@code inside} flag and checking that the bias is still its own, and leaves by storing 0, with
 * no atomic instruction. Any other thread that enters, and every closer, first <em>revokes</em>
 * the bias: clears it, then makes every running thread of the process execute a memory barrier
 * ({@link Membarrier#fence()}), then reads the flag. Either the owner's store is visible to the
 * revoker then (the owner is inside: an entry is refused as "in use", a close waits and wakes
 * it), or the owner's check comes after the barrier and sees the bias gone (it takes the
 * compare-and-set instead). The owner's store and load must not be swapped by the compiler
 * either: they are opaque accesses, which HotSpot's compilers keep in program order (C2 wraps
 * every non-plain access through a VarHandle in a compiler barrier; C1 and the interpreter keep
 * all accesses in order). A guard revoked {@value #MAX_REVOCATIONS} times, a socket that keeps
 * changing hands, stays on the compare-and-set. Where {@code membarrier(2)} is missing no guard
 * is biased. Each bias is a new object, so a thread that lost its bias, and whose check of it
 * was in flight meanwhile, only ever touches its own old flag.
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

    /** Entries in a row by one thread, through the compare-and-set, after which the guard is biased to it. */
    static final int BIAS_AFTER = 16;
    /** Revocations by other threads after which a guard is never biased again. */
    static final int MAX_REVOCATIONS = 3;

    private static final VarHandle STATE;
    private static final VarHandle BIAS;
    private static final VarHandle INSIDE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Guard.class, "state", int.class);
            BIAS = lookup.findVarHandle(Guard.class, "bias", Bias.class);
            INSIDE = lookup.findVarHandle(Bias.class, "inside", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One thread's fast path into one guard, from its grant to its revocation. */
    private static final class Bias {
        final Thread owner;
        /** 1 while the owner is inside by the fast path; written by the owner only. */
        volatile int inside;

        Bias(Thread owner) {
            this.owner = owner;
        }
    }

    private final boolean shared;
    private final boolean biasable;
    /*
     * Two flags of a socket's (SocketHandle), declared here so that they lie beside the guard's
     * own fields: every send and receive writes the first and reads the second next to the bias
     * it enters by, and as fields of the subclass they lay one or two cache lines further on,
     * which a stream of frames of a kilobyte evicts between calls (bench/README.md, "The steady
     * state, cell by cell").
     */
    /** 1 while a critical call is in flight on the socket ({@link CriticalCalls}). */
    volatile int criticalCall;
    /** Whether asynchronous operations are pending on the socket, which a send or receive would race. */
    volatile boolean asyncPending;
    private volatile int state;
    /** Set by {@link #takeForRelease}: nobody may enter from now on. */
    private volatile boolean closing;
    /**
     * Who is inside by the compare-and-set (exclusive mode), {@code null} when nobody is or the
     * one inside came by the fast path; written by the thread inside only.
     */
    private Thread holder;
    /** The thread with the fast path, or {@code null}. */
    private volatile Bias bias;
    /** The bias revoked last: its owner may still be inside, until its flag is 0. */
    private volatile Bias revoked;
    /** The bias the thread inside came in by (written and read by that thread only). */
    private Bias entered;
    /** The thread that entered last by the compare-and-set, and how many times in a row. */
    private Thread streakOwner;
    private int streak;
    private int revocations;

    /**
     * A guard that is never biased.
     *
     * @param shared whether any number of threads may be inside at once (thread-safe sockets)
     */
    public Guard(boolean shared) {
        this(shared, false);
    }

    /**
     * A guard.
     *
     * @param shared whether any number of threads may be inside at once (thread-safe sockets)
     * @param biasable whether an exclusive guard may give one thread its fast path (see the class
     *        comment); for objects whose closers may wait, not for those closed by
     *        {@link #closeOrDefer()}
     */
    public Guard(boolean shared, boolean biasable) {
        this.shared = shared;
        this.biasable = biasable && !shared && Membarrier.isAvailable();
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
        Thread me = Thread.currentThread();
        Bias b = (Bias) BIAS.getOpaque(this);
        if (b != null && b.owner == me) {
            // The store, then the check, in this order (see the class comment).
            INSIDE.setOpaque(b, 1);
            if (BIAS.getOpaque(this) == b) {
                if (entered != b) {
                    entered = b;   // once per bias: a reference store costs a GC barrier
                }
                return true;
            }
            INSIDE.setRelease(b, 0);
        }
        return tryEnterExclusive(me);
    }

    private boolean tryEnterExclusive(Thread me) {
        if (!STATE.compareAndSet(this, IDLE, HELD)) {
            return false;
        }
        if (closing || !revokeBias(me)) {
            STATE.setRelease(this, IDLE);
            return false;
        }
        holder = me;
        if (biasable) {
            countEntry(me);
        }
        return true;
    }

    /**
     * Takes the fast path from its owner, unless that is the caller, and tells whether anybody is
     * still inside by it (the owner, until it leaves).
     *
     * @return {@code true} if nobody is inside by the fast path
     */
    private boolean revokeBias(Thread me) {
        Bias b = bias;
        if (b != null) {
            bias = null;
            revoked = b;
            if (b.owner != me) {   // the owner itself is not inside, and cannot enter meanwhile
                revocations++;
                Membarrier.fence();
            }
        }
        Bias r = revoked;
        return r == null || r.inside == 0;
    }

    /** Under the compare-and-set: biases the guard to a thread that keeps entering. */
    private void countEntry(Thread me) {
        if (bias != null || revocations >= MAX_REVOCATIONS) {
            return;
        }
        if (streakOwner != me) {
            streakOwner = me;
            streak = 0;
        }
        if (++streak < BIAS_AFTER) {
            return;
        }
        bias = new Bias(me);
        if (closing) {
            bias = null;   // a closer that began meanwhile may have looked for a bias before this one
        }
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
        if (holder == null) {
            INSIDE.setRelease(entered, 0);   // came in by the fast path
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
        Thread me = Thread.currentThread();
        for (int attempt = 0; ; attempt++) {
            int s = state;
            if (s < 0) {
                return false;
            }
            if (s == IDLE && revokeBias(me) && STATE.compareAndSet(this, IDLE, CLOSED)) {
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
        if (!STATE.compareAndSet(this, IDLE, CLOSED)) {
            return false;
        }
        closing = true;
        // No grant comes after the compare-and-set; a thread still inside by the fast path holds
        // the object, so it is not garbage, and the cleaner that calls this never meets one.
        for (int attempt = 0; !revokeBias(Thread.currentThread()); attempt++) {
            pause(attempt);
        }
        return true;
    }

    /**
     * Refuses every caller from now on without waiting for those inside: the first step of a
     * close that ends their calls (a context terminating its sockets).
     */
    public final void refuseEntries() {
        closing = true;
        revokeBias(Thread.currentThread());
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
        Thread me = Thread.currentThread();
        if (state > IDLE && holder == me) {
            return true;
        }
        Bias e = entered;
        return e != null && e.owner == me && e.inside == 1;
    }

    /** {@return whether the calling thread has the fast path now (for tests)} */
    public final boolean isBiasedToCurrentThread() {
        Bias b = bias;
        return b != null && b.owner == Thread.currentThread();
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
        Bias r = revoked;
        if (other == null && r != null) {
            other = r.owner;   // inside by the fast path
        }
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
