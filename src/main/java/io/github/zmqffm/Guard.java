package io.github.zmqffm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The admission state shared by objects whose native half must be used by one thread at a time
 * and never after it is freed ({@link SocketHandle}, {@link Message}): an int that is 0 when
 * idle, positive while callers are inside and negative once closing or closed (each subclass
 * gives the values their meaning), changed only by compare-and-set.
 */
abstract class Guard {
    static final int IDLE = 0;
    static final int HELD = 1;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Guard.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /** Who is inside; read only to explain a refusal, so a plain field suffices. */
    private Thread holder;

    final int state() {
        return state;
    }

    final boolean compareAndSetState(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    final int getAndAddState(int delta) {
        return (int) STATE.getAndAdd(this, delta);
    }

    final void setState(int next) {
        state = next;
    }

    /** Moves from idle to held by the calling thread; {@code false} if not idle. */
    final boolean tryEnter() {
        if (STATE.compareAndSet(this, IDLE, HELD)) {
            holder = Thread.currentThread();
            return true;
        }
        return false;
    }

    /** Back to idle, for a holder that nobody else can have changed the state under. */
    final void exit() {
        holder = null;
        STATE.setRelease(this, IDLE);
    }

    /** Back to idle unless another thread changed the state meanwhile; then returns {@code false}. */
    final boolean tryExit() {
        holder = null;
        return STATE.compareAndSet(this, HELD, IDLE);
    }

    final boolean heldByCurrentThread() {
        return state > IDLE && holder == Thread.currentThread();
    }

    /**
     * Why {@link #tryEnter()} failed for an object that is open but held.
     *
     * @param what e.g. "PUSH socket"
     * @param rule e.g. "a ZeroMQ socket must not be used by two threads at once"
     */
    final IllegalStateException inUse(String what, String rule) {
        Thread other = holder;
        return new IllegalStateException(what + " is in use by thread \"" + (other == null ? "?" : other.getName())
                + "\"; " + rule + " (thread \"" + Thread.currentThread().getName() + "\" tried)");
    }
}
