package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The few POSIX calls the binding needs for wake-up descriptors and waits, with errno captured. */
final class LibC {
    private LibC() {
    }

    private static final class Eventfd {
        static final MethodHandle HANDLE =
                Native.capturing(zmq_h.eventfd$address(), zmq_h.eventfd$descriptor());
    }

    private static final class Pipe {
        static final MethodHandle HANDLE =
                Native.capturing(zmq_h.pipe$address(), zmq_h.pipe$descriptor());
    }

    /**
     * poll(2): linked normally, it blocks. A blocking receive waits here on the socket's
     * {@code ZMQ_FD} and a {@link Waker} rather than in {@code zmq_poll}, which polls once more
     * without waiting and asks every socket for {@code ZMQ_EVENTS} before and after (see
     * {@link Waiter}).
     */
    private static final MethodHandle POLL = Native.capturing(zmq_h.poll$address(), zmq_h.poll$descriptor());

    /**
     * Waits for events on {@code count} {@code struct pollfd}s.
     *
     * @return the number of descriptors with events, 0 on timeout, -1 with errno captured
     */
    static int poll(MemorySegment capture, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(capture, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Creates an eventfd.
     *
     * @throws ZmqException if the kernel refuses one (EMFILE, ENFILE...)
     */
    static int eventfd(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = Native.allocateCapture(arena);
            int fd = (int) Eventfd.HANDLE.invokeExact(capture, 0, flags);
            if (fd < 0) {
                throw ZmqException.of("eventfd", Native.errno(capture));
            }
            return fd;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Creates a pipe.
     *
     * @return the read and the write descriptor
     * @throws ZmqException if the kernel refuses one
     */
    static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = Native.allocateCapture(arena);
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            int rc = (int) Pipe.HANDLE.invokeExact(capture, fds);
            if (rc < 0) {
                throw ZmqException.of("pipe", Native.errno(capture));
            }
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    static long read(int fd, MemorySegment buffer, long count) {
        return zmq_h.read(fd, buffer, count);
    }

    static long write(int fd, MemorySegment buffer, long count) {
        return zmq_h.write(fd, buffer, count);
    }

    static void close(int fd) {
        zmq_h.close(fd);
    }
}
