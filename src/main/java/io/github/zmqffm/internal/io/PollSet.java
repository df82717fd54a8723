package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.Guard;
import io.github.zmqffm.internal.life.Waking;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibC;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.raw.zmq_pollitem_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A poller's registrations and its poll: sockets and raw descriptors with what each is watched
 * for, and the {@code zmq_pollitem_t} array {@code zmq_poll} reads, rebuilt only when the
 * registrations change. A poll holds every registered socket, as a receive would, so that no
 * other thread uses one meanwhile; it calls {@code zmq_poll} without waiting, and waits in the
 * {@link WaitLoop} like any socket call, so that it never blocks inside libzmq.
 */
public final class PollSet extends Waitable {
    private static final long ITEM_SIZE = zmq_pollitem_t.layout().byteSize();
    private static final long REVENTS = zmq_pollitem_t.revents$offset();

    /** One registration: a socket or a raw descriptor, with its interest and last readiness. */
    public static final class Entry {
        private final SocketIo socket;
        private final Watched descriptor;
        private int events;
        private int ready;
        private boolean registered = true;
        /** The caller's object for this registration (a poller's item). */
        private Object owner;

        private Entry(SocketIo socket, Watched descriptor, int events) {
            this.socket = socket;
            this.descriptor = descriptor;
            this.events = events;
        }

        /** {@return the events ({@code ZMQ_POLLIN}...) the last poll found} */
        public int ready() {
            return ready;
        }

        /** {@return the events watched for} */
        public int events() {
            return events;
        }

        /** {@return whether the entry is still registered} */
        public boolean isRegistered() {
            return registered;
        }

        /** {@return the caller's object for this registration} */
        public Object owner() {
            return owner;
        }

        /** Sets the caller's object for this registration. */
        public void setOwner(Object owner) {
            this.owner = owner;
        }
    }

    private final Guard guard = new Guard(false);
    private final List<Entry> entries = new ArrayList<>();
    /** The entries of sockets, for asking about one socket in constant time. */
    private final Map<SocketIo, Entry> bySocket = new ConcurrentHashMap<>();
    private final SpinPolicy spin = new SpinPolicy(null);
    private final MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
    private MemorySegment items = MemorySegment.NULL;
    private boolean dirty = true;
    /** Who to wake when the poller is closed during a poll. */
    private volatile Waking waiting;

    /**
     * Registers a socket.
     *
     * @throws IllegalArgumentException if the socket is registered already
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public Entry add(SocketIo socket, int events) {
        return add(new Entry(socket, socket, events));
    }

    /** {@return the entry of a socket, or {@code null} if it is not registered}; callable from any thread */
    public Entry entryOf(SocketIo socket) {
        return bySocket.get(socket);
    }

    /**
     * Registers a raw descriptor.
     *
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public Entry add(int fd, int events) {
        return add(new Entry(null, new RawDescriptor(fd), events));
    }

    private Entry add(Entry entry) {
        enter();
        try {
            if (entry.socket != null && bySocket.putIfAbsent(entry.socket, entry) != null) {
                throw new IllegalArgumentException(entry.socket.handle.type
                        + " socket is already registered; change its item's events instead");
            }
            entries.add(entry);
            dirty = true;
            return entry;
        } finally {
            guard.exit();
        }
    }

    /**
     * Changes what an entry is watched for.
     *
     * @throws IllegalStateException if the poller is closed or in use by another thread
     * @throws IllegalArgumentException if the entry is no longer registered
     */
    public void setEvents(Entry entry, int events) {
        enter();
        try {
            checkRegistered(entry);
            entry.events = events;
            dirty = true;
        } finally {
            guard.exit();
        }
    }

    /**
     * Unregisters an entry.
     *
     * @return {@code false} if it was not registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public boolean remove(Entry entry) {
        enter();
        try {
            if (!entry.registered) {
                return false;
            }
            entry.registered = false;
            entry.ready = 0;
            entries.remove(entry);
            if (entry.socket != null) {
                bySocket.remove(entry.socket);
            }
            if (entry.descriptor instanceof RawDescriptor raw) {
                raw.close();
            }
            dirty = true;
            return true;
        } finally {
            guard.exit();
        }
    }

    /** {@return the entries in the order they were registered, a snapshot} */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Waits until at least one entry is ready or the time runs out.
     *
     * @param timeoutMillis as {@link Timeouts} defines it (not {@code SOCKET_TIMEOUT})
     * @return the number of ready entries; 0 if the time ran out
     * @throws IllegalStateException if a registered socket is closed or in use by another thread,
     *         or the poller is closed or in use
     */
    public int poll(long timeoutMillis) {
        enter();
        int held = 0;
        try {
            for (; held < entries.size(); held++) {
                hold(held);
            }
            for (Entry e : entries) {
                e.ready = 0;
            }
            this.timeoutMillis = timeoutMillis;
            return Math.max(WaitLoop.await(this), 0);
        } finally {
            for (int i = 0; i < held; i++) {
                SocketIo socket = entries.get(i).socket;
                if (socket != null) {
                    socket.release();
                }
            }
            guard.exit();
        }
    }

    private void hold(int index) {
        SocketIo socket = entries.get(index).socket;
        if (socket == null) {
            return;
        }
        try {
            socket.hold("poll", false);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("poll item " + index + ": " + e.getMessage(), e);
        }
    }

    /** Sets how long a poll that has to wait spins; -1 for the default. */
    public void setSpinBudget(long nanos) {
        if (guard.isClosing()) {
            throw new IllegalStateException("the poller is closed");
        }
        spin.setBudget(nanos);
    }

    /** {@return how long a poll that has to wait spins, in nanoseconds} */
    public long spinBudgetNanos() {
        return spin.budgetNanos();
    }

    /** {@return whether the poller is closed} */
    public boolean isClosed() {
        return guard.isClosing();
    }

    /**
     * Closes the poller: a poll in progress on another thread ends with
     * {@link IllegalStateException}; the registered sockets stay open. Idempotent.
     *
     * @throws IllegalStateException if called from inside a call on this poller
     */
    public void close() {
        if (guard.heldByCurrentThread()) {
            throw new IllegalStateException("the poller cannot be closed from inside a call on it");
        }
        if (guard.takeForRelease(() -> {
            Waking w = waiting;
            if (w != null) {
                w.wake();
            }
        })) {
            for (Entry e : entries) {
                if (e.descriptor instanceof RawDescriptor raw) {
                    raw.close();
                }
            }
        }
    }

    private void enter() {
        if (!guard.tryEnter()) {
            throw guard.isClosing() ? new IllegalStateException("the poller is closed")
                    : guard.inUse("poller", "it must not be used by two threads at once");
        }
    }

    private static void checkRegistered(Entry entry) {
        if (!entry.registered) {
            throw new IllegalArgumentException("the item is no longer registered with this poller");
        }
    }

    // ---------------------------------------------------------------- the wait

    @Override
    String operation() {
        return "poll";
    }

    /** {@code zmq_poll} without waiting; it asks every socket for ZMQ_EVENTS, which settles them all. */
    @Override
    int attempt() {
        int n = entries.size();
        MemorySegment array = array(n);
        int rc = LibZmq.poll(capture, array, n, 0);
        if (rc < 0) {
            int errno = Native.errno(capture);
            if (errno == LibZmq.EINTR) {
                return INTERRUPTED;
            }
            throw Errors.of("poll", errno);
        }
        if (rc == 0) {
            return AGAIN;
        }
        for (int i = 0; i < n; i++) {
            entries.get(i).ready = array.get(ValueLayout.JAVA_SHORT, i * ITEM_SIZE + REVENTS);
        }
        return rc;
    }

    /** The native items, rewritten when registrations changed; revents cleared. */
    private MemorySegment array(int n) {
        if (items.byteSize() < Math.max(1, n) * ITEM_SIZE) {
            items = Arena.ofAuto().allocate(zmq_pollitem_t.layout(), Math.max(4, n * 2L));
            dirty = true;
        }
        for (int i = 0; i < n; i++) {
            MemorySegment item = zmq_pollitem_t.asSlice(items, i);
            if (dirty) {
                Entry e = entries.get(i);
                zmq_pollitem_t.socket(item, e.socket != null ? e.socket.handle.ptr : MemorySegment.NULL);
                zmq_pollitem_t.fd(item, e.socket != null ? 0 : e.descriptor.fd());
                zmq_pollitem_t.events(item, (short) e.events);
            }
            zmq_pollitem_t.revents(item, (short) 0);
        }
        dirty = false;
        return items;
    }

    @Override
    void checkOpen() {
        for (int i = 0; i < entries.size(); i++) {
            SocketIo socket = entries.get(i).socket;
            if (socket != null && socket.handle.isClosed()) {
                throw socket.handle.closedWhileWaiting("poll item " + i);
            }
        }
        if (guard.isClosing()) {
            throw new IllegalStateException("poll: the poller was closed by another thread");
        }
    }

    @Override
    long spinUntil(long now) {
        return spin.beginWait(now);
    }

    /** The spin policy, also for tests and diagnostics. */
    @Override
    public SpinPolicy spinPolicy() {
        return spin;
    }

    @Override
    boolean watch(Watches watches) {
        for (Entry e : entries) {
            if (e.socket != null && e.socket.handle.type.isThreadSafe()) {
                return false;
            }
            watches.add(e.descriptor, e.events);
        }
        return true;
    }

    @Override
    void publish(Waking waking) {
        waiting = waking;
        for (Entry e : entries) {
            if (e.socket != null) {
                e.socket.handle.waitingOn(waking);
            }
        }
    }

    /** A raw descriptor; a virtual thread's wait registers a duplicate of it, so that two pollers may watch it. */
    private static final class RawDescriptor implements Watched {
        private final int fd;
        private Reactor.Registration registration;

        RawDescriptor(int fd) {
            this.fd = fd;
        }

        @Override
        public int fd() {
            return fd;
        }

        @Override
        public boolean isMailbox() {
            return false;
        }

        @Override
        public Reactor.Registration registration() {
            if (registration == null) {
                MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
                int copy = LibC.dup(capture, fd);
                if (copy < 0) {
                    throw Errors.of("dup descriptor " + fd, Native.errno(capture));
                }
                registration = Reactor.get().register(copy, true);
            }
            return registration;
        }

        void close() {
            if (registration != null) {
                registration.close();
                registration = null;
            }
        }
    }
}
