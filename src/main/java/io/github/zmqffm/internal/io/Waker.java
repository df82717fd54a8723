package io.github.zmqffm.internal.io;

import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.life.Leaks;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibC;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A platform thread's wake-up descriptor: its blocked {@code poll(2)} watches it too, so that
 * another thread can end the wait (an interrupt, a close, a context closing; see
 * {@link Wakeable}).
 *
 * <p>One per thread that has ever waited, not one per socket or poller: a thread waits for one
 * thing at a time, and a stale wake-up only makes a later wait look again. The descriptor (an
 * {@code eventfd} on Linux, else a pipe) is closed once the waker is garbage, which is also the
 * moment nobody can write to it any more.
 */
final class Waker extends Wakeable {
    private final int readFd;
    private final int writeFd;
    private final MemorySegment buffer;
    /** Set while a wake-up is pending, so that a burst of wake-ups costs one write. */
    private final AtomicBoolean signalled = new AtomicBoolean();

    /**
     * Creates the descriptor.
     *
     * @throws ZmqException if the kernel refuses one (EMFILE, ENFILE...)
     */
    Waker() {
        Native.load();
        Arena arena = Arena.ofAuto();
        buffer = arena.allocate(ValueLayout.JAVA_LONG, 2);
        MemorySegment capture = Scratch.get().capture;
        if (LibC.hasEventfd()) {
            readFd = LibC.eventfd(capture, zmq_h.EFD_NONBLOCK() | zmq_h.EFD_CLOEXEC());
            writeFd = readFd;
            if (readFd < 0) {
                throw Errors.of("eventfd", Native.errno(capture));
            }
        } else {
            if (LibC.pipe(capture, buffer) < 0) {
                throw Errors.of("pipe", Native.errno(capture));
            }
            readFd = buffer.getAtIndex(ValueLayout.JAVA_INT, 0);
            writeFd = buffer.getAtIndex(ValueLayout.JAVA_INT, 1);
        }
        int r = readFd;
        int w = writeFd;
        Leaks.CLEANER.register(this, () -> {
            LibC.close(r);
            if (w != r) {
                LibC.close(w);
            }
        });
    }

    /** The descriptor to poll for {@code POLLIN}. */
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
        signalled.set(false);
        // An eventfd is read 8 bytes at a time; a pipe yields what has piled up.
        LibC.read(readFd, buffer, 8);
    }

    @Override
    public Selector wakeup() {
        if (signalled.compareAndSet(false, true)) {
            MemorySegment one = buffer.asSlice(8, 8);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            LibC.write(writeFd, one, writeFd == readFd ? 8 : 1);
        }
        return this;
    }

    @Override
    protected void implCloseSelector() {
        // The descriptor lives until the waker is garbage (see the class comment).
    }
}
