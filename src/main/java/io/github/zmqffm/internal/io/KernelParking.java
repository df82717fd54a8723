package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibC;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.raw.pollfd;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A platform thread's way to block: {@code poll(2)} on the wait's descriptors and the thread's
 * {@link Waker}, whose {@link Wakeable} hook also turns {@link Thread#interrupt()} into a
 * wake-up. One {@code poll(2)} per wait, instead of the three system calls {@code zmq_poll}
 * makes around it.
 */
final class KernelParking extends Parking {
    private static final long POLLFD_SIZE = pollfd.layout().byteSize();
    private static final long REVENTS = pollfd.revents$offset();
    private static final short POLLIN = (short) zmq_h.POLLIN();
    /** Where {@code fd} and {@code events} sit in the long a {@code pollfd} occupies ({@link #slot}). */
    private static final int FD_SHIFT = shiftOf(pollfd.fd$offset(), Integer.BYTES);
    private static final int EVENTS_SHIFT = shiftOf(pollfd.events$offset(), Short.BYTES);

    static {
        if (POLLFD_SIZE != Long.BYTES) {
            throw new ExceptionInInitializerError("struct pollfd is " + POLLFD_SIZE + " bytes, not 8");
        }
    }

    /** Never a {@link #slot}, whose {@code revents} are 0: marks a pollfd not written yet. */
    private static final long UNWRITTEN = -1L;

    private final MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
    private final Waker waker = new Waker();
    private MemorySegment fds = MemorySegment.NULL;
    /** What each pollfd of {@link #fds} was last written as ({@link #slot}); {@code poll(2)} changes only their revents. */
    private long[] written = new long[0];

    @Override
    boolean parkOn(Waitable wait, long millis) {
        int n = watches.count();
        MemorySegment array = pollfds(n + 1);
        for (int i = 0; i < n; i++) {
            place(array, i, slot(watches.item(i).fd(), watches.pollEvents(i)));
        }
        Waker w = waker;
        place(array, n, slot(w.fd(), POLLIN));
        wait.publish(w);
        w.enter();
        try {
            wait.checkOpen();
            int rc = LibC.pollUncaptured(array, n + 1, (int) Math.min(millis, Integer.MAX_VALUE));
            if (rc < 0) {
                return pollFailed(wait, array, n + 1);
            }
            boolean woken = array.get(ValueLayout.JAVA_SHORT, n * POLLFD_SIZE + REVENTS) != 0;
            if (woken) {
                w.drain();
            }
            return rc > (woken ? 1 : 0);
        } finally {
            w.exit();
            wait.publish(null);
        }
    }

    /**
     * After a poll that failed without errno: the same poll again, not waiting, with errno. A
     * signal (EINTR) ends the park as if the descriptors were ready, so that the loop tries again
     * before it parks again; what else made it fail (a bad argument, no memory) fails the same
     * way again, and is thrown.
     */
    private boolean pollFailed(Waitable wait, MemorySegment array, int count) {
        if (LibC.poll(capture, array, count, 0) >= 0) {
            return true;
        }
        int errno = Native.errno(capture);
        if (errno == LibZmq.EINTR) {
            return true;
        }
        throw Errors.of(wait.operation(), errno);
    }

    /**
     * Puts a pollfd in its place unless it is there already. {@code poll(2)} writes only the
     * {@code revents} of each (and ignores what they held), so a thread that keeps waiting on the
     * same socket writes its pollfds once. Besides the stores, that keeps the writes out of the
     * wait's compiled code, which the JIT compiles late, while frames are measured (a park is rare
     * in a stream: one per queue of frames), and where each write through a segment's accessor
     * inlines as several hundred bytes of the JDK's handle code (bench/README.md, "The JIT in the
     * measured window"). Each pollfd is written as the one long it occupies, for the same reason.
     */
    private void place(MemorySegment array, int index, long pollfd) {
        if (written[index] != pollfd) {
            array.setAtIndex(ValueLayout.JAVA_LONG, index, pollfd);
            written[index] = pollfd;
        }
    }

    /** A {@code struct pollfd} with {@code revents} 0, as the long it occupies in native byte order. */
    private static long slot(int fd, short events) {
        return (fd & 0xFFFF_FFFFL) << FD_SHIFT | (events & 0xFFFFL) << EVENTS_SHIFT;
    }

    /** The left shift that puts a field of {@code size} bytes at {@code offset} of a long in memory. */
    private static int shiftOf(long offset, int size) {
        long bytes = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? offset : Long.BYTES - offset - size;
        return (int) bytes * Byte.SIZE;
    }

    /** The pollfds for {@code count} descriptors; {@link #written} has one entry per pollfd, so its length is their number. */
    private MemorySegment pollfds(int count) {
        if (written.length < count) {
            int capacity = Math.max(4, Integer.highestOneBit(count) * 2);
            fds = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG, capacity);   // as longs: aligned for slot()
            written = new long[capacity];
            Arrays.fill(written, UNWRITTEN);
        }
        return fds;
    }
}
