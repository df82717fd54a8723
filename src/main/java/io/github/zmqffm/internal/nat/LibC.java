package io.github.zmqffm.internal.nat;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** The few POSIX calls the binding needs for wake-up descriptors and waits (poll, eventfd, epoll), with errno captured. */
public final class LibC {
    private LibC() {
    }

    private static final class Eventfd {
        static final MethodHandle HANDLE =
                Native.capturing(zmq_h.eventfd$address(), zmq_h.eventfd$descriptor());
    }

    /** epoll(7), linked on first use: only virtual threads that wait need it. */
    private static final class Epoll {
        static final MethodHandle CREATE =
                Native.capturing(zmq_h.epoll_create1$address(), zmq_h.epoll_create1$descriptor());
        static final MethodHandle CTL = Native.capturing(zmq_h.epoll_ctl$address(), zmq_h.epoll_ctl$descriptor());
        static final MethodHandle WAIT = Native.capturing(zmq_h.epoll_wait$address(), zmq_h.epoll_wait$descriptor());
        static final MethodHandle DUP = Native.capturing(zmq_h.dup$address(), zmq_h.dup$descriptor());
    }

    private static final class Pipe {
        static final MethodHandle HANDLE =
                Native.capturing(zmq_h.pipe$address(), zmq_h.pipe$descriptor());
    }

    /**
     * poll(2): linked normally, it blocks. A platform thread that has to wait waits here, on the
     * sockets' {@code ZMQ_FD}s and its wake-up descriptor.
     */
    private static final MethodHandle POLL = Native.capturing(zmq_h.poll$address(), zmq_h.poll$descriptor());

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
            return (int) Eventfd.HANDLE.invokeExact(capture, 0, flags);
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
            return (int) Pipe.HANDLE.invokeExact(capture, fds);
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
            return (int) Epoll.CREATE.invokeExact(capture, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** epoll_ctl: 0, or -1 with errno captured. */
    public static int epollCtl(MemorySegment capture, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) Epoll.CTL.invokeExact(capture, epfd, op, fd, event);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** epoll_wait: the number of events, or -1 with errno captured. Blocks; linked normally. */
    public static int epollWait(MemorySegment capture, int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return (int) Epoll.WAIT.invokeExact(capture, epfd, events, max, timeoutMillis);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** dup: a new descriptor for the same open file, or -1 with errno captured. */
    public static int dup(MemorySegment capture, int fd) {
        try {
            return (int) Epoll.DUP.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
