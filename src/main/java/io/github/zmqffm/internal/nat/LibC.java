package io.github.zmqffm.internal.nat;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

/** The few POSIX calls the binding needs for wake-up descriptors and waits (poll, eventfd, epoll), with errno captured. */
public final class LibC {
    private LibC() {
    }

    // Every call is linked when this class is initialized, none on first use: a holder class
    // linked by a virtual thread holds its carrier while it links, and the linker meets monitors
    // there (JFR saw a 5 ms pin in mvn verify: a ZAP handler's first wait starting the reactor,
    // which linked the epoll calls, "Contended monitor enter" on the JDK's Cleaner list). The
    // first socket initializes this class (FirstUse).

    /**
     * poll(2): linked normally, it blocks. A platform thread that has to wait waits here, on the
     * sockets' {@code ZMQ_FD}s and its wake-up descriptor.
     */
    private static final MethodHandle POLL = Native.capturing(zmq_h.poll$address(), zmq_h.poll$descriptor());
    /** The same without errno capture ({@link #pollUncaptured}). */
    private static final MethodHandle POLL_UNCAPTURED = Native.plain(zmq_h.poll$address(), zmq_h.poll$descriptor());
    private static final MethodHandle EVENTFD =
            ifPresent("eventfd", () -> Native.capturing(zmq_h.eventfd$address(), zmq_h.eventfd$descriptor()));
    private static final MethodHandle PIPE = Native.capturing(zmq_h.pipe$address(), zmq_h.pipe$descriptor());
    private static final MethodHandle EPOLL_CREATE =
            ifPresent("epoll_create1",
                    () -> Native.capturing(zmq_h.epoll_create1$address(), zmq_h.epoll_create1$descriptor()));
    private static final MethodHandle EPOLL_CTL =
            ifPresent("epoll_ctl", () -> Native.capturing(zmq_h.epoll_ctl$address(), zmq_h.epoll_ctl$descriptor()));
    /** Blocks; linked normally. */
    private static final MethodHandle EPOLL_WAIT =
            ifPresent("epoll_wait",
                    () -> Native.capturing(zmq_h.epoll_wait$address(), zmq_h.epoll_wait$descriptor()));
    private static final MethodHandle DUP = Native.capturing(zmq_h.dup$address(), zmq_h.dup$descriptor());

    static {
        // read, write and close go through jextract's own wrappers, whose holder classes link
        // them on first call: link them now as well.
        zmq_h.read$handle();
        zmq_h.write$handle();
        zmq_h.close$handle();
    }

    /**
     * A call Linux has and other systems may lack (eventfd, epoll), linked if this system has it,
     * else null: its callers ask {@link #hasEventfd()} or {@link #hasEpoll()} first.
     */
    private static MethodHandle ifPresent(String symbol, Supplier<MethodHandle> link) {
        return Native.hasSymbol(symbol) ? link.get() : null;
    }

    /** {@return whether this system has eventfd(2); else a wake-up descriptor is a pipe} */
    public static boolean hasEventfd() {
        return EVENTFD != null;
    }

    /** {@return whether this system has epoll(7), which the reactor waits in} */
    public static boolean hasEpoll() {
        return EPOLL_CREATE != null && EPOLL_CTL != null && EPOLL_WAIT != null;
    }

    /**
     * {@link #poll} without errno: for the wait that parks a thread, whose every line is compiled
     * late, while a stream's frames are measured, and where a capture inlines as several hundred
     * bytes of the JDK's handle code (bench/README.md, "One wait-only link"). A poll that failed
     * changed nothing, so the caller learns why by polling again, captured, without waiting.
     *
     * @return the number of descriptors with events, 0 on timeout, -1 if it failed
     */
    public static int pollUncaptured(MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL_UNCAPTURED.invokeExact(fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Waits for events on {@code count} {@code struct pollfd}s.
     *
     * @return the number of descriptors with events, 0 on timeout, -1 with errno captured
     */
    public static int poll(MemorySegment capture, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(capture, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Creates an eventfd.
     *
     * @return the descriptor, or -1 with errno captured (EMFILE, ENFILE...)
     */
    public static int eventfd(MemorySegment capture, int flags) {
        try {
            return (int) EVENTFD.invokeExact(capture, 0, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Creates a pipe, writing its read and write descriptors into {@code fds} (two ints).
     *
     * @return 0, or -1 with errno captured
     */
    public static int pipe(MemorySegment capture, MemorySegment fds) {
        try {
            return (int) PIPE.invokeExact(capture, fds);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static long read(int fd, MemorySegment buffer, long count) {
        return zmq_h.read(fd, buffer, count);
    }

    public static long write(int fd, MemorySegment buffer, long count) {
        return zmq_h.write(fd, buffer, count);
    }

    public static void close(int fd) {
        zmq_h.close(fd);
    }

    /** epoll_create1: a new epoll descriptor, or -1 with errno captured. */
    public static int epollCreate(MemorySegment capture, int flags) {
        try {
            return (int) EPOLL_CREATE.invokeExact(capture, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** epoll_ctl: 0, or -1 with errno captured. */
    public static int epollCtl(MemorySegment capture, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(capture, epfd, op, fd, event);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** epoll_wait: the number of events, or -1 with errno captured. Blocks; linked normally. */
    public static int epollWait(MemorySegment capture, int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return (int) EPOLL_WAIT.invokeExact(capture, epfd, events, max, timeoutMillis);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** dup: a new descriptor for the same open file, or -1 with errno captured. */
    public static int dup(MemorySegment capture, int fd) {
        try {
            return (int) DUP.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
