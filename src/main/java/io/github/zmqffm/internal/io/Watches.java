package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.raw.zmq_h;

import java.util.Arrays;

/**
 * The descriptors one wait watches, and for which events: filled by a {@link Waitable} each time
 * its thread parks, and read by that thread's {@link Parking}. Reused per thread; grows only.
 */
final class Watches {
    /**
     * {@code Object[]}, not {@code Watched[]}: a store into an array of an interface type makes
     * the JIT guess the array's exact class and recompile when a guess fails, which cost a second
     * compile of the whole wait path while frames were measured.
     */
    private Object[] items = new Object[4];
    private int[] events = new int[4];
    private int count;

    void clear() {
        Arrays.fill(items, 0, count, null);
        count = 0;
    }

    /**
     * Adds a descriptor.
     *
     * @param zmqEvents what a raw descriptor is watched for, as {@code ZMQ_POLLIN}/{@code ZMQ_POLLOUT}
     *                  bits; a mailbox is always watched for input
     */
    void add(Watched item, int zmqEvents) {
        if (count == items.length) {
            items = Arrays.copyOf(items, count * 2);
            events = Arrays.copyOf(events, count * 2);
        }
        items[count] = item;
        events[count] = item.isMailbox() ? LibZmq.POLLIN : zmqEvents;
        count++;
    }

    int count() {
        return count;
    }

    Watched item(int index) {
        return (Watched) items[index];
    }

    /** The events for {@code poll(2)}. */
    short pollEvents(int index) {
        int e = events[index];
        return (short) (((e & LibZmq.POLLIN) != 0 ? zmq_h.POLLIN() : 0) | ((e & LibZmq.POLLOUT) != 0 ? zmq_h.POLLOUT() : 0));
    }

    /** The events for epoll. */
    int epollEvents(int index) {
        return Reactor.epollEvents(events[index]);
    }
}
