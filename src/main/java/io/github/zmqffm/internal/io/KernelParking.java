package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibC;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.raw.pollfd;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A platform thread's way to block: {@code poll(2)} on the wait's descriptors and the thread's
 * {@link Waker}, whose {@link Wakeable} hook also turns {@link Thread#interrupt()} into a
 * wake-up. One {@code poll(2)} per wait, instead of the three system calls {@code zmq_poll}
 * makes around it.
 */
final class KernelParking extends Parking {
    private static final long POLLFD_SIZE = pollfd.layout().byteSize();
    private static final short POLLIN = (short) zmq_h.POLLIN();

    private final MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
    private final Waker waker = new Waker();
    private MemorySegment fds = MemorySegment.NULL;

    @Override
    boolean parkOn(Waitable wait, long millis) {
        int n = watches.count();
        MemorySegment array = pollfds(n + 1);
        for (int i = 0; i < n; i++) {
            MemorySegment slot = array.asSlice(i * POLLFD_SIZE, POLLFD_SIZE);
            pollfd.fd(slot, watches.item(i).fd());
            pollfd.events(slot, watches.pollEvents(i));
            pollfd.revents(slot, (short) 0);
        }
        Waker w = waker;
        MemorySegment wakerSlot = array.asSlice(n * POLLFD_SIZE, POLLFD_SIZE);
        pollfd.fd(wakerSlot, w.fd());
        pollfd.events(wakerSlot, POLLIN);
        pollfd.revents(wakerSlot, (short) 0);
        wait.publish(w);
        w.enter();
        try {
            wait.checkOpen();
            int rc = LibC.poll(capture, array, n + 1, (int) Math.min(millis, Integer.MAX_VALUE));
            if (rc < 0) {
                int errno = Native.errno(capture);
                if (errno == LibZmq.EINTR) {
                    return true;
                }
                throw Errors.of(wait.operation(), errno);
            }
            boolean woken = pollfd.revents(wakerSlot) != 0;
            if (woken) {
                w.drain();
            }
            return rc > (woken ? 1 : 0);
        } finally {
            w.exit();
            wait.publish(null);
        }
    }

    private MemorySegment pollfds(int count) {
        if (fds.byteSize() < count * POLLFD_SIZE) {
            fds = Arena.ofAuto().allocate(pollfd.layout(), Math.max(4, Integer.highestOneBit(count) * 2L));
        }
        return fds;
    }
}
