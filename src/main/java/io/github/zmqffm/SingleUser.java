package io.github.zmqffm;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Admits one thread at a time into an object that, like a socket, must not be used by two
 * threads at once ({@link Poller}, {@link Timers}), and closes it only once no call is inside.
 * A second thread is refused with {@link IllegalStateException} naming both threads.
 */
final class SingleUser {
    /** Marks the thread that closed the object, which keeps it for good. */
    private static final Object CLOSER = new Object();

    private final String name;
    /** The thread inside a call, {@link #CLOSER}, or null. */
    private final AtomicReference<Object> user = new AtomicReference<>();
    private volatile boolean closed;

    /** Guards an object called {@code name} in messages ("poller", "timers"). */
    SingleUser(String name) {
        this.name = name;
    }

    /**
     * Enters a call.
     *
     * @throws IllegalStateException if the object is closed or another thread is inside
     */
    void enter() {
        Thread me = Thread.currentThread();
        if (!user.compareAndSet(null, me)) {
            Object other = user.get();
            if (closed || other == CLOSER) {
                throw closedException();
            }
            throw new IllegalStateException("the " + name + " is in use by thread \""
                    + (other instanceof Thread t ? t.getName() : "?") + "\"; it must not be used by two threads at once "
                    + "(thread \"" + me.getName() + "\" tried)");
        }
        if (closed) {
            user.set(null);
            throw closedException();
        }
    }

    /** Leaves a call entered with {@link #enter()}. */
    void leave() {
        user.set(null);
    }

    /** Whether the calling thread is inside a call. */
    boolean heldByCurrentThread() {
        return user.get() == Thread.currentThread();
    }

    /** Whether {@link #close} has begun; a call in progress should end. */
    boolean isClosed() {
        return closed;
    }

    /**
     * Marks the object closed and waits until no call is inside, running {@code wake} while one
     * is, so that a blocked call can leave.
     *
     * @return {@code true} for the first closer, which must then release the resources
     * @throws IllegalStateException if called from inside a call on the object
     */
    boolean close(Runnable wake) {
        if (heldByCurrentThread()) {
            throw new IllegalStateException("the " + name + " cannot be closed from inside a call on it");
        }
        closed = true;
        for (int attempt = 0; ; attempt++) {
            Object current = user.get();
            if (current == CLOSER) {
                return false;
            }
            if (current == null) {
                if (user.compareAndSet(null, CLOSER)) {
                    return true;
                }
                continue;
            }
            wake.run();
            SocketHandle.pause(attempt);
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("the " + name + " is closed");
    }
}
