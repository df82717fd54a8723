package io.github.zmqffm.internal.life;

import io.github.zmqffm.ContextTerminatedException;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a context's sockets share with it: the libzmq context they are made in, whether it still
 * takes new sockets, the inproc bookkeeping, the spin budget of sockets without their own, the
 * bound a bounded close puts on their lingers, and where a socket reports that it opened or
 * closed. The {@link ContextHandle} owns one and keeps the sockets; a socket knows only this.
 */
public final class ContextState {
    /** The libzmq context. */
    final MemorySegment ptr;
    /** The inproc names and connections of the context's sockets. */
    public final InprocEndpoints inproc;
    /** Serialises socket creation and option calls with the start of termination. */
    final Object lock = new Object();
    /** Told of every socket made ({@code SocketHandle}), while holding {@link #lock}. */
    private final Consumer<Object> opened;
    /** Told of every socket whose libzmq socket is closed. */
    private final Consumer<Object> released;
    private volatile boolean open = true;
    /** The spin budget of sockets without their own, in nanoseconds; -1 for the binding's default. */
    private volatile long spinBudgetNanos = -1;
    /** A bounded close's deadline ({@code System.nanoTime()}), or 0 when lingers are not bounded. */
    private volatile long lingerDeadline;
    /** Names the bounded close in reports, e.g. "Context.close(PT5S)". */
    private volatile String boundedBy;

    ContextState(MemorySegment ptr, Consumer<Object> opened, Consumer<Object> released) {
        this.ptr = ptr;
        this.inproc = new InprocEndpoints(ptr);
        this.opened = opened;
        this.released = released;
    }

    /**
     * Refuses a call on a context that is closing or closed, as libzmq answers ETERM then.
     *
     * @param operation names the call in the exception, e.g. "socket PUSH"
     * @throws ContextTerminatedException if so
     */
    public void checkOpen(String operation) {
        if (!open) {
            throw new ContextTerminatedException(operation);
        }
    }

    /** Whether the context still takes new sockets. */
    public boolean isOpen() {
        return open;
    }

    /** From now on no socket is made; the caller holds {@link #lock}. */
    void closeDoors() {
        open = false;
    }

    /** The spin budget of the context's sockets that have none of their own; -1 for the default. */
    public long spinBudgetNanos() {
        return spinBudgetNanos;
    }

    /** Sets the spin budget; -1 for the binding's default. */
    public void setSpinBudgetNanos(long nanos) {
        spinBudgetNanos = nanos;
    }

    /** Bounds every LINGER applied from now on to {@code deadlineNanos}; reports name the close {@code by}. */
    void boundLingers(long deadlineNanos, String by) {
        boundedBy = by;
        lingerDeadline = deadlineNanos == 0 ? 1 : deadlineNanos;
    }

    /**
     * The LINGER a socket closed now may keep, if a bounded close is under way.
     *
     * @return milliseconds left until the deadline, or -1 if lingers are not bounded
     */
    int lingerCapMillis() {
        long deadline = lingerDeadline;
        if (deadline == 0) {
            return -1;
        }
        long left = deadline - System.nanoTime();
        return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left));
    }

    /** Reports a LINGER that a bounded close cut. */
    void lingerCut(String socket, Throwable site, int setMillis, int cutMillis) {
        Leaks.report(boundedBy + ": the LINGER of " + socket + " was cut from "
                + (setMillis < 0 ? "forever" : setMillis + " ms") + " to " + cutMillis
                + " ms; any message it had not delivered by then was dropped", site);
    }

    void opened(Object socket) {
        opened.accept(socket);
    }

    void released(Object socket) {
        released.accept(socket);
    }
}
