package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.ContextState;
import io.github.zmqffm.internal.nat.CacheLinePadding;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a blocking call spins before it parks, and for how long: the spin budget of one
 * socket or poller, and the adaptive state that keeps an idle or slow stream from spinning.
 *
 * <p>Waking a parked thread costs tens of microseconds when the sender runs on another core (the
 * kernel must wake an idle CPU), while a thread that keeps checking sees a message within a
 * microsecond. Spinning pays only if the message comes within the budget, so the policy learns
 * from each wait: a spin that catches its event keeps spinning on; each spin in a row that
 * misses makes more of the following waits park at once (1, 3, 7 ... up to {@value #MAX_SKIP}),
 * and a parked wait that ends within the budget, counted from the start of the call, makes the
 * next wait spin again. A call spins at most once, at its start, so an idle receiver burns at
 * most one budget per call.
 *
 * <p>Spinning pays in request and reply, where every message costs a wait; in a stream one
 * wake-up serves a whole batch, and a receiver that keeps up by spinning takes each message on
 * its own, which makes libzmq signal each one to it (measured: up to 30 % less PUSH/PULL
 * throughput on 2 CPUs). So a socket's send or receive spins only if the socket's last call
 * went the other way (or it is the socket's first): a wait that follows a receive on a socket
 * that receives, or a send on one that sends, parks at once.
 *
 * <p>The adaptive state belongs to the thread inside the call (a socket admits one at a time;
 * calls racing on a thread-safe draft socket only blur the heuristics); the budget may be
 * changed from any thread.
 */
public final class SpinPolicy extends CacheLinePadding {
    /**
     * 200 µs: long enough to catch a reply over tcp on a loaded machine (one way took 40-120 µs
     * there), short enough that an idle receiver's one spin costs 0.004 % of a core over 5 s.
     * The same on one CPU, where a spin yields to the peer ({@link #pause}).
     */
    public static final long DEFAULT_BUDGET_NANOS = 200_000L;
    /** The most waits that park at once after spins that missed. */
    static final int MAX_SKIP = 63;
    private static final int NO_CALL = 0;
    private static final int SEND = 1;
    private static final int RECEIVE = 2;
    private static final long INHERIT = -1;
    /** Longer budgets are kept at this (about 146 years), so that deadlines never overflow. */
    private static final long MAX_BUDGET_NANOS = Long.MAX_VALUE / 2;

    private final ContextState context;
    private volatile long ownBudget = INHERIT;

    private int skip;
    private int backoff;
    private long waitStart;
    private boolean skipped;
    /** Which way the socket's last send or receive went: {@link #SEND}, {@link #RECEIVE}, or none yet. */
    private int lastCall = NO_CALL;
    /** Whether the current wait is a receive's, and whether the last receive's spin caught its message. */
    private boolean waitingReceive;
    private boolean receiveCaught;
    /** Whether the last receive had to wait ({@link #receiveWaitedLast()}). */
    private boolean receiveWaited;

    /** Spin phases started and readiness checks made while spinning (for tests and diagnostics). */
    private volatile long spins;
    private volatile long checks;

    /**
     * A policy whose budget is the context's spin budget until set otherwise.
     *
     * @param context where the budget comes from, or {@code null} for {@link #DEFAULT_BUDGET_NANOS}
     */
    public SpinPolicy(ContextState context) {
        this.context = context;
    }

    /** The budget in nanoseconds: this policy's own, else the context's, else the default. */
    public long budgetNanos() {
        long own = ownBudget;
        if (own != INHERIT) {
            return own;
        }
        long shared = context != null ? context.spinBudgetNanos() : -1;
        return shared >= 0 ? shared : DEFAULT_BUDGET_NANOS;
    }

    /** Sets this policy's own budget, which {@link #nanos} checked. */
    public void setBudget(long nanos) {
        ownBudget = nanos;
    }

    /**
     * Checks a budget and converts it.
     *
     * @throws NullPointerException if {@code budget} is null
     * @throws IllegalArgumentException if it is negative
     */
    public static long nanos(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("spin budget must not be negative: " + budget);
        }
        return budget.compareTo(Duration.ofNanos(MAX_BUDGET_NANOS)) >= 0 ? MAX_BUDGET_NANOS : budget.toNanos();
    }

    /**
     * Notes a send or a receive that completed at its first try, without waiting.
     *
     * @param send whether it was a send
     */
    public void completedAtOnce(boolean send) {
        int call = send ? SEND : RECEIVE;
        // Written only when it changes: a stream's calls then only read this line.
        if (lastCall != call) {
            lastCall = call;
        }
        if (!send && receiveWaited) {
            receiveWaited = false;
        }
    }

    /**
     * Whether the socket's last receive had to wait, as a reply's does: then the next one's first
     * try is likely to find nothing too, and is best made with errno captured at once rather
     * than repeated (a failed receive costs libzmq a system call).
     */
    public boolean receiveWaitedLast() {
        return receiveWaited;
    }

    /**
     * Starts the wait of a send or a receive: as {@link #beginWait(long)}, but it parks at once
     * if the socket's last call went the same way (a stream, see the class comment).
     *
     * @param now {@code System.nanoTime()} at the start of the call's wait
     * @param send whether the call is a send
     * @return until when (a {@code nanoTime}) to spin; {@code now} to park at once
     */
    public long beginWait(long now, boolean send) {
        int call = send ? SEND : RECEIVE;
        boolean stream = lastCall == call;
        lastCall = call;
        waitingReceive = !send;
        receiveWaited |= !send;
        receiveCaught = false;
        if (stream) {
            waitStart = now;
            skipped = false;
            return now;
        }
        return beginWait(now);
    }

    /**
     * Starts a wait.
     *
     * @param now {@code System.nanoTime()} at the start of the call's wait
     * @return until when (a {@code nanoTime}) to spin; {@code now} to park at once
     */
    public long beginWait(long now) {
        waitStart = now;
        skipped = false;
        long budget = budgetNanos();
        if (budget == 0) {
            return now;
        }
        if (skip > 0) {
            skip--;
            skipped = true;
            return now;
        }
        spins++;
        return now + budget;
    }

    /**
     * One pause between two checks of a spin: the thread yields its CPU. When the peer, or the
     * I/O thread that carries its message, waits for a CPU (a single CPU, or all of them busy),
     * it runs at once instead of after the spin; when no other thread wants the CPU, the yield
     * returns at once and costs about as much as the check. (A spin on
     * {@link Thread#onSpinWait} alone measured two to four times slower on a loaded machine.)
     *
     * <p>A virtual thread only hints the CPU. Its yield would put it back on its carrier's local
     * queue, which the carrier serves before anything submitted from outside the scheduler, and
     * the reactor's unparks come from outside: a few virtual threads spinning through request and
     * reply on every carrier kept a virtual thread the reactor had woken from running for as long
     * as they played (20 s and more, VirtualThreadScaleTest's carrier scenario). A spin that
     * keeps its carrier ends with its budget, and the spins that miss make the policy park.
     */
    public static void pause() {
        if (Thread.currentThread().isVirtual()) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** Counts one readiness check made while spinning. */
    public void checked() {
        checks++;
    }

    /** The spin saw its event: go on spinning. */
    public void caught() {
        backoff = 0;
        receiveCaught = waitingReceive;
    }

    /**
     * Whether a receive should give way before its first try: when the last receive waited and
     * its spin caught the message, and a send followed, the traffic is request and reply, and
     * the answer cannot be there before the peer has run. On a busy or single CPU the
     * peer runs at once; otherwise the yield costs no more than the try it saves.
     */
    public boolean yieldsBeforeReceive() {
        return receiveCaught && lastCall == SEND;
    }

    /** The spin ran out: park at once in the next waits, the more of them the more misses in a row. */
    public void missed() {
        backoff = Math.min(2 * backoff + 1, MAX_SKIP);
        skip = backoff;
    }

    /**
     * A parked wait saw its event at {@code now}. If this call did not spin because of earlier
     * misses, but the event came within the budget, traffic is quick again: the next wait spins.
     */
    public void parkEnded(long now) {
        if (skipped && now - waitStart <= budgetNanos()) {
            skip = 0;
        }
    }

    /** {@return how many waits have spun} */
    public long spins() {
        return spins;
    }

    /** {@return how many readiness checks spinning has made} */
    public long checks() {
        return checks;
    }
}
