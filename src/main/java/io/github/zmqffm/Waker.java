package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file descriptor that a blocked {@code zmq_poll} also watches, so that another thread can
 * wake the waiter: {@link Thread#interrupt()}, a concurrent {@code close()}, a context closing
 * (see {@link Wakeable}).
 *
 * <p>On Linux the descriptor is an {@code eventfd}; elsewhere it is the read end of a pipe.
 */
final class Waker extends Wakeable {
    private final int readFd;
    private final int writeFd;
    private final MemorySegment buffer;
    /** Set while a wake-up is pending, so that a burst of wake-ups costs one write. */
    private final AtomicBoolean signalled = new AtomicBoolean();

    Waker() {
        Native.load();
        buffer = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);
        if (Native.hasSymbol("eventfd")) {
            readFd = LibC.eventfd(zmq_h.EFD_NONBLOCK() | zmq_h.EFD_CLOEXEC());
            writeFd = readFd;
        } else {
            int[] fds = LibC.pipe();
            readFd = fds[0];
            writeFd = fds[1];
        }
    }

    /** The descriptor to poll for {@code ZMQ_POLLIN}. */
    int fd() {
        return readFd;
    }

    /**
     * Consumes a pending wake-up after the descriptor polled readable. Reads even when no
     * wake-up seems pending: a {@link #wakeup()} that set the flag just before this call writes
     * just after it, and a readable descriptor that nobody drains would make every later poll
     * return at once.
     */
    void drain() {
        synchronized (this) {
            if (isOpen()) {
                signalled.set(false);
                // An eventfd is read 8 bytes at a time; a pipe yields what has piled up.
                LibC.read(readFd, buffer, 8);
            }
        }
    }

    @Override
    public Selector wakeup() {
        if (signalled.compareAndSet(false, true)) {
            synchronized (this) {
                // A closed descriptor number may already belong to another file.
                if (isOpen()) {
                    buffer.set(ValueLayout.JAVA_LONG, 0, 1L);
                    LibC.write(writeFd, buffer, writeFd == readFd ? 8 : 1);
                }
            }
        }
        return this;
    }

    @Override
    protected void implCloseSelector() {
        synchronized (this) {
            LibC.close(readFd);
            if (writeFd != readFd) {
                LibC.close(writeFd);
            }
        }
    }
}
