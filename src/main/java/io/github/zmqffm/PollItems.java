package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_pollitem_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A {@link Poller}'s registrations: the sockets and descriptors with their interest, and the
 * native {@code zmq_pollitem_t} array {@code zmq_poll} reads. Slot 0 of that array is the
 * poller's wake-up descriptor, item {@code i} is slot {@code i + 1}. Memory is allocated only
 * when the array must grow, never per poll.
 */
final class PollItems {
    static final int NONE = -1;
    private static final long ITEM_SIZE = zmq_pollitem_t.layout().byteSize();
    private static final long REVENTS = zmq_pollitem_t.revents$offset();

    private final int wakeFd;
    private Socket[] sockets = new Socket[4];
    private int[] fds = new int[4];
    private short[] ready = new short[4];
    private int size;
    private MemorySegment memory;

    PollItems(int wakeFd) {
        this.wakeFd = wakeFd;
        memory = allocate(sockets.length);
    }

    int size() {
        return size;
    }

    /** The array for {@code zmq_poll}, {@link #size()} + 1 items long. */
    MemorySegment array() {
        return memory;
    }

    Socket socket(int index) {
        return sockets[index];
    }

    int fd(int index) {
        return fds[index];
    }

    /** The events the last poll reported for an item. */
    short ready(int index) {
        return ready[index];
    }

    int find(Socket socket) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] == socket) {
                return i;
            }
        }
        return NONE;
    }

    int findFd(int fd) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] == null && fds[i] == fd) {
                return i;
            }
        }
        return NONE;
    }

    /** Adds a socket, or the descriptor {@code fd} if {@code socket} is null; returns its index. */
    int add(Socket socket, int fd, short events) {
        if (size == sockets.length) {
            grow(size * 2);
        }
        int index = size++;
        sockets[index] = socket;
        fds[index] = socket == null ? fd : NONE;
        ready[index] = 0;
        MemorySegment item = zmq_pollitem_t.asSlice(memory, index + 1);
        zmq_pollitem_t.socket(item, socket == null ? MemorySegment.NULL : socket.handle.ptr);
        zmq_pollitem_t.fd(item, socket == null ? fd : 0);
        zmq_pollitem_t.events(item, events);
        zmq_pollitem_t.revents(item, (short) 0);
        return index;
    }

    void setEvents(int index, short events) {
        zmq_pollitem_t.events(zmq_pollitem_t.asSlice(memory, index + 1), events);
    }

    /** Removes an item; the later ones move down by one. */
    void remove(int index) {
        int after = size - index - 1;
        System.arraycopy(sockets, index + 1, sockets, index, after);
        System.arraycopy(fds, index + 1, fds, index, after);
        System.arraycopy(ready, index + 1, ready, index, after);
        MemorySegment.copy(memory, (index + 2) * ITEM_SIZE, memory, (index + 1) * ITEM_SIZE, after * ITEM_SIZE);
        sockets[--size] = null;
    }

    void clearReadiness() {
        Arrays.fill(ready, 0, size, (short) 0);
    }

    /** Whether the last {@code zmq_poll} found the wake-up descriptor readable. */
    boolean wokenUp() {
        return memory.get(ValueLayout.JAVA_SHORT, REVENTS) != 0;
    }

    /** Copies what the last {@code zmq_poll} reported into Java memory, for allocation-free queries. */
    void collectReadiness() {
        for (int i = 0; i < size; i++) {
            ready[i] = memory.get(ValueLayout.JAVA_SHORT, (i + 1) * ITEM_SIZE + REVENTS);
        }
    }

    private void grow(int capacity) {
        sockets = Arrays.copyOf(sockets, capacity);
        fds = Arrays.copyOf(fds, capacity);
        ready = Arrays.copyOf(ready, capacity);
        MemorySegment grown = allocate(capacity);
        grown.copyFrom(memory.asSlice(0, (size + 1) * ITEM_SIZE));
        memory = grown;
    }

    private MemorySegment allocate(int capacity) {
        MemorySegment items = Arena.ofAuto().allocate(zmq_pollitem_t.layout(), capacity + 1L);
        MemorySegment wakeItem = zmq_pollitem_t.asSlice(items, 0);
        zmq_pollitem_t.socket(wakeItem, MemorySegment.NULL);
        zmq_pollitem_t.fd(wakeItem, wakeFd);
        zmq_pollitem_t.events(wakeItem, (short) LibZmq.POLLIN);
        return items;
    }
}
