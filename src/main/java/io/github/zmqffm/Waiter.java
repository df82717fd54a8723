package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_pollitem_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Waits until one socket can send or receive, in {@code zmq_poll} on the socket and a
 * {@link Waker}, so that the wait ends early for an interrupt, a close from another thread or
 * the context closing (libzmq's ETERM).
 */
final class Waiter {
    private final Waker waker = new Waker();
    private final MemorySegment items;
    private final MemorySegment socketItem;
    private final MemorySegment wakerItem;

    Waiter() {
        items = Arena.ofAuto().allocate(zmq_pollitem_t.layout(), 2);
        socketItem = zmq_pollitem_t.asSlice(items, 0);
        wakerItem = zmq_pollitem_t.asSlice(items, 1);
        zmq_pollitem_t.socket(wakerItem, MemorySegment.NULL);
        zmq_pollitem_t.fd(wakerItem, waker.fd());
        zmq_pollitem_t.events(wakerItem, (short) LibZmq.POLLIN);
    }

    /**
     * Waits for {@code events} on the socket.
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
        zmq_pollitem_t.socket(socketItem, handle.ptr);
        zmq_pollitem_t.events(socketItem, (short) events);
        zmq_pollitem_t.revents(socketItem, (short) 0);
        zmq_pollitem_t.revents(wakerItem, (short) 0);
        MemorySegment capture = handle.capture();
        handle.waitingOn(waker);
        waker.enter();
        try {
            checkWakeReasons(handle, operation);
            int rc = LibZmq.poll(capture, items, 2, timeoutMillis);
            if (rc < 0) {
                int errno = Native.errno(capture);
                if (errno == LibZmq.EINTR) {
                    return true;
                }
                throw ZmqException.of(operation, errno);
            }
            if (zmq_pollitem_t.revents(wakerItem) != 0) {
                waker.drain();
            }
            checkWakeReasons(handle, operation);
            return rc > 0;
        } finally {
            waker.exit();
            handle.waitingOn(null);
        }
    }

    private static void checkWakeReasons(SocketHandle handle, String operation) {
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
