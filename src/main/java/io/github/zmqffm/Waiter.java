package io.github.zmqffm;

import io.github.zmqffm.raw.pollfd;
import io.github.zmqffm.raw.zmq_h;
import io.github.zmqffm.raw.zmq_pollitem_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Parks a thread until one socket can send or receive, in {@code poll} together with a
 * {@link Waker}, so that the wait ends early for an interrupt, a close from another thread or the context closing
 * (libzmq's ETERM). {@link SocketIo} parks here once its spin ({@link SpinPolicy}) has ended.
 *
 * <p>A receive watches the socket's {@code ZMQ_FD} itself: libzmq's command mailbox, readable
 * once a command such as a pipe's "messages are here" arrives. That is sound right after a
 * non-blocking receive failed, which processed every pending command and left the pipes set to
 * announce the next message, and that is when {@link SocketIo} waits. It costs one
 * {@code poll(2)} instead of {@code zmq_poll}'s three system calls around the wait (a first
 * pass that does not wait and a {@code ZMQ_EVENTS} query before and after it). A send waits in
 * {@code zmq_poll}: libzmq processes commands in a send at most about once a millisecond, so
 * after a failed send {@code ZMQ_FD} may stay readable, and only {@code ZMQ_EVENTS} processes
 * them at once. The thread-safe draft types wait in {@code zmq_poll} too: their {@code ZMQ_FD}
 * is no mailbox.
 */
final class Waiter {
    private static final short POLLIN = (short) zmq_h.POLLIN();

    private final Waker waker = new Waker();
    /** For zmq_poll: the socket, then the waker. */
    private final MemorySegment items;
    private final MemorySegment socketItem;
    private final MemorySegment wakerItem;
    /** For poll(2): the socket's ZMQ_FD, then the waker. */
    private final MemorySegment fds;
    private final MemorySegment socketFd;
    private final MemorySegment wakerFd;
    private boolean socketFdKnown;

    Waiter() {
        Arena arena = Arena.ofAuto();
        items = arena.allocate(zmq_pollitem_t.layout(), 2);
        socketItem = zmq_pollitem_t.asSlice(items, 0);
        wakerItem = zmq_pollitem_t.asSlice(items, 1);
        zmq_pollitem_t.socket(wakerItem, MemorySegment.NULL);
        zmq_pollitem_t.fd(wakerItem, waker.fd());
        zmq_pollitem_t.events(wakerItem, (short) LibZmq.POLLIN);
        fds = arena.allocate(pollfd.layout(), 2);
        socketFd = pollfd.asSlice(fds, 0);
        wakerFd = pollfd.asSlice(fds, 1);
        pollfd.events(socketFd, POLLIN);
        pollfd.fd(wakerFd, waker.fd());
        pollfd.events(wakerFd, POLLIN);
    }

    /**
     * Whether the socket can send now, after libzmq has processed its pending commands: a failed
     * non-blocking send leaves a peer's "there is room again" unprocessed for up to about a
     * millisecond, {@code ZMQ_EVENTS} processes it at once. A spinning send checks this before
     * it tries again.
     *
     * @param handle the socket, held by the calling thread
     * @param operation names the call in exceptions
     * @return whether {@code ZMQ_EVENTS} has {@code ZMQ_POLLOUT}
     * @throws ZmqException if libzmq fails (ETERM as {@link ContextTerminatedException})
     */
    static boolean canSend(SocketHandle handle, String operation) {
        MemorySegment capture = handle.capture();
        MemorySegment value = Scratch.get().value;
        if (!Options.tryRead(capture, handle, SocketOption.EVENTS, value, Integer.BYTES)) {
            int errno = Native.errno(capture);
            if (errno == LibZmq.EINTR) {
                return false;   // a signal: the spin simply checks again
            }
            throw ZmqException.of(operation, errno);
        }
        return (value.get(ValueLayout.JAVA_INT, 0) & LibZmq.POLLOUT) != 0;
    }

    /**
     * Parks until the socket can do {@code events}.
     *
     * @param handle the socket, held by the calling thread
     * @param events {@code ZMQ_POLLIN} or {@code ZMQ_POLLOUT}
     * @param timeoutMillis how long to wait; -1 for no limit
     * @param operation names the call in exceptions
     * @return {@code false} if the time ran out, {@code true} if the caller should try again
     * @throws ZmqInterruptedException if the thread is interrupted
     * @throws ContextTerminatedException if the context closes
     * @throws IllegalStateException if another thread closes the socket
     */
    boolean await(SocketHandle handle, int events, long timeoutMillis, String operation) {
        boolean direct = watchesDescriptor(handle, events);
        if (!direct) {
            zmq_pollitem_t.socket(socketItem, handle.ptr);
            zmq_pollitem_t.events(socketItem, (short) events);
            zmq_pollitem_t.revents(socketItem, (short) 0);
            zmq_pollitem_t.revents(wakerItem, (short) 0);
        }
        MemorySegment capture = handle.capture();
        handle.waitingOn(waker);
        waker.enter();
        try {
            checkWakeReasons(handle, operation);
            int rc = direct ? LibC.poll(capture, fds, 2, (int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                    : LibZmq.poll(capture, items, 2, timeoutMillis);
            if (rc < 0) {
                int errno = Native.errno(capture);
                if (errno == LibZmq.EINTR) {
                    return true;
                }
                throw ZmqException.of(operation, errno);
            }
            boolean woken = (direct ? pollfd.revents(wakerFd) : zmq_pollitem_t.revents(wakerItem)) != 0;
            if (woken) {
                waker.drain();
            }
            checkWakeReasons(handle, operation);
            if (rc > (woken ? 1 : 0)) {
                handle.spinPolicy.parkEnded(System.nanoTime());
            }
            return rc > 0;
        } finally {
            waker.exit();
            handle.waitingOn(null);
        }
    }

    /** Whether this wait watches the socket's ZMQ_FD in poll(2) (see the class comment). */
    private boolean watchesDescriptor(SocketHandle handle, int events) {
        if (events != LibZmq.POLLIN || handle.type.isThreadSafe()) {
            return false;
        }
        if (!socketFdKnown) {
            pollfd.fd(socketFd, (Integer) Options.read(handle, SocketOption.FD));
            socketFdKnown = true;
        }
        return true;
    }

    static void checkWakeReasons(SocketHandle handle, String operation) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ZmqInterruptedException(operation);
        }
        if (handle.isClosed()) {
            throw handle.closedWhileWaiting(operation);
        }
    }

    void close() {
        waker.shutdown();
    }
}
