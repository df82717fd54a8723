package io.github.zmqffm;

import io.github.zmqffm.internal.io.Timeouts;
import io.github.zmqffm.internal.life.Guard;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.LinkedOnFirstUse;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.raw.zmq_timer_fn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Repeating timers for an event loop, over libzmq's {@code zmq_timers_*}: nothing runs by
 * itself; {@link #timeout()} says how long the loop may wait, {@link #execute()} runs the
 * handlers that are due, on the calling thread.
 *
 * {@snippet :
 * try (Timers timers = new Timers(); Poller poller = new Poller()) {
 *     poller.register(socket, PollEvent.IN);
 *     timers.add(Duration.ofSeconds(1), id -> socket.send("heartbeat"));
 *     while (running) {
 *         Duration wait = timers.timeout();
 *         int ready = wait == null ? poller.poll() : poller.poll(wait);
 *         timers.execute();
 *         // ... handle ready sockets
 *     }
 * }
 * }
 *
 * <p>A timer fires first {@code interval} after it was added (or reset) and then every
 * {@code interval} after it last fired, until cancelled. Handlers get the timer's id. An
 * exception thrown by a handler does not stop the others due in the same {@code execute()};
 * {@code execute()} rethrows the first once they have all run (later ones are suppressed).
 *
 * <p>Timers are used by one thread at a time. From inside a handler only {@link #add} and
 * {@link #cancel} may be called: libzmq is walking its timer list then, and changing an
 * interval or resetting a timer would corrupt it.
 */
public final class Timers implements AutoCloseable {
    /**
     * The one upcall stub; it finds the {@code Timers} through {@link #EXECUTING}. Made off
     * virtual threads (see LinkedOnFirstUse): sixteen virtual threads making their first timers
     * at once waited up to 53 ms, holding their carriers, while one of them made it in this
     * class's initializer.
     */
    private static final class Upcall {
        static final MemorySegment HANDLER = zmq_timer_fn.allocate(Timers::dispatch, Arena.global());
    }

    private static final LinkedOnFirstUse UPCALL = new LinkedOnFirstUse(MethodHandles.lookup(), Upcall.class);
    /** The instance running {@code execute()} on this thread: callbacks come only from inside it. */
    private static final ThreadLocal<Timers> EXECUTING = new ThreadLocal<>();

    private final MemorySegment timers;
    private final MemorySegment capture;
    private final Map<Integer, IntConsumer> handlers = new HashMap<>();
    private final Guard guard = new Guard(false);
    private boolean executing;
    private int fired;
    private Throwable failure;

    /**
     * Creates an empty set of timers.
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     * @throws ZmqException if libzmq cannot create them
     */
    public Timers() {
        Native.load();
        UPCALL.ensureLinked();
        capture = Native.allocateCapture(Arena.ofAuto());
        timers = nonNull(LibZmq.timersNew(capture));
    }

    /**
     * Adds a timer. Allowed inside a handler.
     *
     * @param interval time between firings, at least 1 ms (rounded up to whole milliseconds)
     * @param handler runs on the thread calling {@link #execute()}, with the timer's id
     * @return the timer's id
     * @throws IllegalArgumentException if the interval is zero, negative or absurdly long
     * @throws IllegalStateException if the timers are closed or in use by another thread
     */
    public int add(Duration interval, IntConsumer handler) {
        Objects.requireNonNull(handler, "handler");
        long ms = intervalMillis(interval);
        boolean entered = enter("add", true);
        try {
            int id = LibZmq.timersAdd(capture, timers, ms, Upcall.HANDLER, MemorySegment.NULL);
            if (id < 0) {
                throw Errors.of("add timer", Native.errno(capture));
            }
            handlers.put(id, handler);
            return id;
        } finally {
            leave(entered);
        }
    }

    /**
     * Cancels a timer; it will not fire again. Allowed inside a handler, also its own.
     *
     * @param id the timer's id
     * @return {@code false} if no such timer is active
     * @throws IllegalStateException if the timers are closed or in use by another thread
     */
    public boolean cancel(int id) {
        boolean entered = enter("cancel", true);
        try {
            if (handlers.remove(id) == null) {
                return false;
            }
            LibZmq.timersCancel(capture, timers, id);
            return true;
        } finally {
            leave(entered);
        }
    }

    /**
     * Changes a timer's interval; it next fires {@code interval} from now.
     *
     * @param id the timer's id
     * @param interval the new interval, at least 1 ms
     * @throws IllegalArgumentException if no such timer is active or the interval is invalid
     * @throws IllegalStateException if called from a handler, or the timers are closed or in
     *         use by another thread
     */
    public void setInterval(int id, Duration interval) {
        long ms = intervalMillis(interval);
        boolean entered = enter("setInterval", false);
        try {
            check(id, LibZmq.timersSetInterval(capture, timers, id, ms));
        } finally {
            leave(entered);
        }
    }

    /**
     * Restarts a timer's interval from now.
     *
     * @param id the timer's id
     * @throws IllegalArgumentException if no such timer is active
     * @throws IllegalStateException if called from a handler, or the timers are closed or in
     *         use by another thread
     */
    public void reset(int id) {
        boolean entered = enter("reset", false);
        try {
            check(id, LibZmq.timersReset(capture, timers, id));
        } finally {
            leave(entered);
        }
    }

    /**
     * How long until the next timer is due, for a poll's timeout.
     *
     * @return the time left ({@link Duration#ZERO} if one is overdue), or {@code null} if no
     *         timer is active
     * @throws IllegalStateException if called from a handler, or the timers are closed or in
     *         use by another thread
     */
    public Duration timeout() {
        boolean entered = enter("timeout", false);
        try {
            long ms = LibZmq.timersTimeout(capture, timers);
            return ms < 0 ? null : Duration.ofMillis(ms);
        } finally {
            leave(entered);
        }
    }

    /**
     * Runs the handlers of the timers that are due, in the order they became due.
     *
     * @return how many handlers ran
     * @throws RuntimeException or {@link Error}: the first exception a handler threw, after
     *         all due handlers have run
     * @throws IllegalStateException if called from a handler, or the timers are closed or in
     *         use by another thread
     */
    public int execute() {
        boolean entered = enter("execute", false);
        Timers outer = EXECUTING.get();
        EXECUTING.set(this);
        executing = true;
        fired = 0;
        failure = null;
        try {
            if (LibZmq.timersExecute(capture, timers) < 0) {
                throw Errors.of("execute timers", Native.errno(capture));
            }
        } finally {
            executing = false;
            EXECUTING.set(outer);
            leave(entered);
        }
        Throwable f = failure;
        failure = null;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new UndeclaredThrowableException(f, "a timer handler threw a checked exception");
        }
        return fired;
    }

    /**
     * Destroys the timers. Idempotent, callable from any thread; waits for an
     * {@code execute()} in progress on another thread to finish.
     *
     * @throws IllegalStateException if called from a handler
     */
    @Override
    public void close() {
        if (guard.heldByCurrentThread()) {
            throw new IllegalStateException("the timers cannot be closed from inside a call on them");
        }
        if (guard.takeForRelease(null)) {
            handlers.clear();
            try (Arena arena = Arena.ofConfined()) {
                // zmq_timers_destroy takes the address of the pointer, to clear it.
                LibZmq.timersDestroy(capture, arena.allocateFrom(ValueLayout.ADDRESS, timers));
            }
        }
    }

    /** {@return e.g. "Timers[2 active]"} */
    @Override
    public String toString() {
        return "Timers[" + (guard.isClosing() ? "closed]" : handlers.size() + " active]");
    }

    // ---------------------------------------------------------------- internals

    /** The upcall: must never let anything escape into libzmq, which would end the JVM. */
    private static void dispatch(int id, MemorySegment arg) {
        try {
            Timers t = EXECUTING.get();
            if (t != null) {
                t.fire(id);
            }
        } catch (Throwable e) {
            // fire() keeps handler failures; nothing else can fail here.
        }
    }

    private void fire(int id) {
        IntConsumer handler = handlers.get(id);
        if (handler == null) {
            return;
        }
        fired++;
        try {
            handler.accept(id);
        } catch (Throwable e) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }
    }

    private MemorySegment nonNull(MemorySegment created) {
        if (created.equals(MemorySegment.NULL)) {
            throw Errors.of("zmq_timers_new", Native.errno(capture));
        }
        return created;
    }

    private void check(int id, int rc) {
        if (rc < 0) {
            int errno = Native.errno(capture);
            if (errno == Errno.EINVAL.code()) {
                throw new IllegalArgumentException("no active timer has id " + id);
            }
            throw Errors.of("timer " + id, errno);
        }
    }

    private static long intervalMillis(Duration interval) {
        long ms = Timeouts.millis(interval);
        if (ms == 0) {
            // libzmq would fire a zero-interval timer again and again within one execute().
            throw new IllegalArgumentException("a timer interval must be at least 1 ms: " + interval);
        }
        if (ms < 0) {
            throw new IllegalArgumentException("timer interval too long: " + interval);
        }
        return ms;
    }

    /**
     * Enters a call; a call from inside a handler re-enters only if {@code inHandler} allows.
     *
     * @return whether this call took the timers (and must {@link #leave} them)
     */
    private boolean enter(String operation, boolean inHandler) {
        if (executing && guard.heldByCurrentThread()) {
            if (inHandler) {
                return false;
            }
            throw new IllegalStateException(operation + " cannot be called from a timer handler: libzmq is walking "
                    + "its timers; only add and cancel are allowed there");
        }
        if (!guard.tryEnter()) {
            throw guard.isClosing() ? new IllegalStateException("the timers are closed")
                    : guard.inUse("timers", "they must not be used by two threads at once");
        }
        return true;
    }

    private void leave(boolean entered) {
        if (entered) {
            guard.exit();
        }
    }
}
