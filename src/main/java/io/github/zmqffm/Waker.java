package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file descriptor that a blocked {@code zmq_poll} also watches, so that another thread can
 * wake the waiter: {@link Thread#interrupt()}, a concurrent {@code close()}, a context closing.
 *
 * <p>Why a {@link Selector}: {@link AbstractSelector#begin()} is the JDK's public hook through
 * which {@code Thread.interrupt()} reaches code blocked in a native call; it calls
 * {@link #wakeup()}, which here writes to the descriptor. Nothing else of the selector
 * contract is implemented.
 *
 * <p>On Linux the descriptor is an {@code eventfd}; elsewhere it is the read end of a pipe.
 */
final class Waker extends AbstractSelector {
    private final int readFd;
    private final int writeFd;
    private final MemorySegment buffer;
    /** Set while a wake-up is pending, so that a burst of wake-ups costs one write. */
    private final AtomicBoolean signalled = new AtomicBoolean();

    Waker() {
        super(SelectorProvider.provider());
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

    /** Marks the start of a wait: from now on an interrupt of this thread wakes it. */
    void enter() {
        begin();
    }

    /** Marks the end of a wait started with {@link #enter()}. */
    void exit() {
        end();
    }

    /** Consumes a pending wake-up after the descriptor polled readable. */
    void drain() {
        synchronized (this) {
            if (isOpen() && signalled.getAndSet(false)) {
                LibC.read(readFd, buffer, writeFd == readFd ? 8 : 1);
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

    @Override
    protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        throw new UnsupportedOperationException("a Waker selects nothing");
    }

    @Override
    public Set<SelectionKey> keys() {
        throw new UnsupportedOperationException("a Waker selects nothing");
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        throw new UnsupportedOperationException("a Waker selects nothing");
    }

    @Override
    public int selectNow() {
        throw new UnsupportedOperationException("a Waker selects nothing");
    }

    @Override
    public int select(long timeout) {
        throw new UnsupportedOperationException("a Waker selects nothing");
    }

    @Override
    public int select() {
        throw new UnsupportedOperationException("a Waker selects nothing");
    }
}
