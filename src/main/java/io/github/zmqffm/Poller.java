package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_pollitem_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits until any of several sockets and file descriptors is ready, with {@code zmq_poll}.
 *
 * {@snippet :
 * try (Poller poller = new Poller()) {
 *     poller.register(frontend, PollEvent.IN);
 *     poller.register(backend, PollEvent.IN);
 *     while (poller.poll() > 0) {
 *         if (poller.isReadable(frontend)) {
 *             backend.sendMultipart(frontend.receiveMultipart());
 *         }
 *         if (poller.isReadable(backend)) {
 *             frontend.sendMultipart(backend.receiveMultipart());
 *         }
 *     }
 * }
 * }
 *
 * <p>Items are numbered from 0 in the order they were registered; unregistering one moves the
 * later ones down by one. After a poll, {@link #isReadable(Socket)}, {@link #isWritable(Socket)}
 * and {@link #isReady(int, PollEvent)} answer without allocating; with many items, iterate by
 * index rather than asking per socket (that looks the socket up).
 *
 * <h2>Threads, closing and interrupts</h2>
 * A poller, like a socket, is used by one thread at a time. While it polls it holds every
 * registered socket, exactly as a {@code receive} would: another thread using one of them gets
 * {@link IllegalStateException}, and so does a poll that finds one in use elsewhere. A poll
 * that waits ends early, with an exception, when
 * <ul>
 *   <li>its thread is interrupted: {@link ZmqInterruptedException}, the interrupt status stays
 *       set (items found ready in the same instant are returned instead);</li>
 *   <li>another thread closes a registered socket: {@link IllegalStateException} naming the
 *       item (unregister it before polling again);</li>
 *   <li>the sockets' context closes: {@link ContextTerminatedException};</li>
 *   <li>another thread closes the poller: {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p>Only {@code zmq_poll} is used: it is in every libzmq, and in builds with the draft API it
 * handles the thread-safe socket types itself. The native item array is rebuilt only when
 * registrations change, never per poll.
 */
public final class Poller implements AutoCloseable {
    private static final long ITEM_SIZE = zmq_pollitem_t.layout().byteSize();
    private static final long REVENTS = zmq_pollitem_t.revents$offset();
    private static final int NONE = -1;
    /** Marks a closed poller in {@link #user}. */
    private static final Object CLOSED = new Object();

    private final Waker waker = new Waker();
    /** The thread inside a call, {@link #CLOSED}, or null. */
    private final AtomicReference<Object> user = new AtomicReference<>();
    private final MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
    /** Set by close(): refuses new calls and ends a poll in progress. */
    private volatile boolean closing;

    private Socket[] sockets = new Socket[4];
    private int[] fds = new int[4];
    private short[] ready = new short[4];
    private int size;
    /** Slot 0 is the waker, item i is slot i + 1. */
    private MemorySegment items;

    /**
     * Creates an empty poller.
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     * @throws ZmqException if no wake-up descriptor can be created (EMFILE...)
     */
    public Poller() {
        items = allocate(sockets.length);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Adds a socket.
     *
     * @param socket the socket
     * @param first an event to wait for
     * @param more further events
     * @return the socket's index
     * @throws IllegalArgumentException if the socket is already registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public int register(Socket socket, PollEvent first, PollEvent... more) {
        return register(socket, EnumSet.of(first, more));
    }

    /**
     * Adds a socket.
     *
     * @param socket the socket
     * @param events what to wait for, at least one event
     * @return the socket's index
     * @throws IllegalArgumentException if the socket is already registered or {@code events} is empty
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public int register(Socket socket, Set<PollEvent> events) {
        Objects.requireNonNull(socket, "socket");
        short mask = PollEvent.maskOf(events);
        enter();
        try {
            if (find(socket) != NONE) {
                throw new IllegalArgumentException(socket + " is already registered; use modify()");
            }
            return add(socket, NONE, mask);
        } finally {
            leave();
        }
    }

    /**
     * Adds a file descriptor (for example a pipe's, or a TCP socket's from another library).
     *
     * @param fd the descriptor
     * @param first an event to wait for
     * @param more further events
     * @return the descriptor's index
     * @throws IllegalArgumentException if the descriptor is negative or already registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public int registerFd(int fd, PollEvent first, PollEvent... more) {
        return registerFd(fd, EnumSet.of(first, more));
    }

    /**
     * Adds a file descriptor.
     *
     * @param fd the descriptor
     * @param events what to wait for, at least one event
     * @return the descriptor's index
     * @throws IllegalArgumentException if the descriptor is negative or already registered, or
     *         {@code events} is empty
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public int registerFd(int fd, Set<PollEvent> events) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a file descriptor: " + fd);
        }
        short mask = PollEvent.maskOf(events);
        enter();
        try {
            if (findFd(fd) != NONE) {
                throw new IllegalArgumentException("descriptor " + fd + " is already registered; use modifyFd()");
            }
            return add(null, fd, mask);
        } finally {
            leave();
        }
    }

    /**
     * Changes what to wait for on a registered socket.
     *
     * @param socket the socket
     * @param events the new interest, at least one event
     * @throws IllegalArgumentException if the socket is not registered or {@code events} is empty
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public void modify(Socket socket, Set<PollEvent> events) {
        Objects.requireNonNull(socket, "socket");
        setInterest(socket, NONE, PollEvent.maskOf(events));
    }

    /**
     * Changes what to wait for on a registered descriptor.
     *
     * @param fd the descriptor
     * @param events the new interest, at least one event
     * @throws IllegalArgumentException if the descriptor is not registered or {@code events} is empty
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public void modifyFd(int fd, Set<PollEvent> events) {
        setInterest(null, fd, PollEvent.maskOf(events));
    }

    /**
     * Removes a socket (also a closed one); later items move down by one.
     *
     * @param socket the socket
     * @return {@code false} if it was not registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public boolean unregister(Socket socket) {
        Objects.requireNonNull(socket, "socket");
        return remove(socket, NONE);
    }

    /**
     * Removes a descriptor; later items move down by one.
     *
     * @param fd the descriptor
     * @return {@code false} if it was not registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public boolean unregisterFd(int fd) {
        return remove(null, fd);
    }

    /**
     * The number of registered items.
     *
     * @return sockets and descriptors together
     */
    public int size() {
        return size;
    }

    /**
     * The socket at an index.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the socket, or {@code null} if the item is a descriptor
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public Socket socket(int index) {
        return sockets[Objects.checkIndex(index, size)];
    }

    /**
     * The descriptor at an index.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the descriptor, or -1 if the item is a socket
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public int fd(int index) {
        return fds[Objects.checkIndex(index, size)];
    }

    /**
     * Where a socket is registered.
     *
     * @param socket the socket
     * @return its index, or -1 if it is not registered
     */
    public int indexOf(Socket socket) {
        return find(socket);
    }

    // ---------------------------------------------------------------- polling

    /**
     * Waits until at least one item is ready, without limit.
     *
     * @return the number of ready items, at least 1
     * @throws ZmqInterruptedException if the thread is interrupted while waiting (its interrupt
     *         status stays set)
     * @throws ContextTerminatedException if a registered socket's context closes
     * @throws IllegalStateException if a registered socket is closed (also by another thread
     *         during the wait) or in use by another thread, or the poller is closed or in use
     * @throws ZmqException if libzmq's poll fails
     */
    public int poll() {
        return pollMillis(SocketIo.FOREVER);
    }

    /**
     * Waits until at least one item is ready or the timeout runs out; {@link Duration#ZERO}
     * checks without waiting (and ignores the interrupt status). A poll interrupted by a
     * signal (EINTR) goes on waiting for the rest of the time.
     *
     * @param timeout how long to wait at most
     * @return the number of ready items; 0 if the time ran out
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting (its interrupt
     *         status stays set)
     * @throws ContextTerminatedException if a registered socket's context closes
     * @throws IllegalStateException if a registered socket is closed (also by another thread
     *         during the wait) or in use by another thread, or the poller is closed or in use
     * @throws ZmqException if libzmq's poll fails
     */
    public int poll(Duration timeout) {
        return pollMillis(Timeouts.millis(timeout));
    }

    /**
     * Whether the last poll found a socket readable.
     *
     * @param socket a registered socket
     * @return {@code true} if a message can be received without waiting
     * @throws IllegalArgumentException if the socket is not registered
     */
    public boolean isReadable(Socket socket) {
        return isReady(indexOfRegistered(socket), PollEvent.IN);
    }

    /**
     * Whether the last poll found a socket writable.
     *
     * @param socket a registered socket
     * @return {@code true} if a message can be sent without waiting
     * @throws IllegalArgumentException if the socket is not registered
     */
    public boolean isWritable(Socket socket) {
        return isReady(indexOfRegistered(socket), PollEvent.OUT);
    }

    /**
     * Whether the last poll found an event on an item.
     *
     * @param index the item's index
     * @param event the event
     * @return {@code true} if the event was reported
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public boolean isReady(int index, PollEvent event) {
        return (ready[Objects.checkIndex(index, size)] & event.mask()) != 0;
    }

    /**
     * The events the last poll found on an item, as a new set.
     *
     * @param index the item's index
     * @return the events; empty if none
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public Set<PollEvent> readyEvents(int index) {
        return PollEvent.setOf(ready[Objects.checkIndex(index, size)]);
    }

    private int pollMillis(long timeoutMillis) {
        enter();
        int held = 0;
        try {
            for (; held < size; held++) {
                holdItem(held);
            }
            return pollHeld(timeoutMillis);
        } finally {
            for (int i = 0; i < held; i++) {
                if (sockets[i] != null) {
                    sockets[i].handle.release();
                }
            }
            leave();
        }
    }

    private void holdItem(int index) {
        Socket socket = sockets[index];
        if (socket == null) {
            return;
        }
        try {
            socket.handle.acquire();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("poll item " + index + ": " + e.getMessage(), e);
        }
    }

    private int pollHeld(long timeoutMillis) {
        Arrays.fill(ready, 0, size, (short) 0);
        boolean waits = timeoutMillis != SocketIo.NO_WAIT;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        publishWaker(waker);
        if (waits) {
            waker.enter();
        }
        try {
            while (true) {
                checkWakeReasons(false);
                long remaining = timeoutMillis > 0 ? SocketIo.remainingMillis(deadline) : timeoutMillis;
                int rc = LibZmq.poll(capture, items, size + 1, remaining);
                if (rc < 0) {
                    int errno = Native.errno(capture);
                    if (errno != LibZmq.EINTR) {
                        checkWakeReasons(false);
                        throw ZmqException.of("poll", errno);
                    }
                    continue;
                }
                if (items.get(ValueLayout.JAVA_SHORT, REVENTS) != 0) {
                    waker.drain();
                    rc--;
                }
                checkWakeReasons(rc == 0 && waits);
                if (rc > 0) {
                    collectReadiness();
                    return rc;
                }
                if (!waits || timeoutMillis > 0 && SocketIo.remainingMillis(deadline) == 0) {
                    return 0;
                }
                // A stale wake-up, or zmq_poll's clock ran out just before ours: wait on.
            }
        } finally {
            if (waits) {
                waker.exit();
            }
            publishWaker(null);
        }
    }

    /** Throws if the wait must end: a closed item or poller, and, if asked, an interrupt. */
    private void checkWakeReasons(boolean interruptible) {
        for (int i = 0; i < size; i++) {
            Socket socket = sockets[i];
            if (socket != null && socket.handle.isClosed()) {
                throw socket.handle.closedWhileWaiting("poll item " + i);
            }
        }
        if (closing) {
            throw new IllegalStateException("poll: the poller was closed by another thread");
        }
        if (interruptible && Thread.currentThread().isInterrupted()) {
            throw new ZmqInterruptedException("poll");
        }
    }

    private void publishWaker(Wakeable w) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] != null) {
                sockets[i].handle.waitingOn(w);
            }
        }
    }

    private void collectReadiness() {
        for (int i = 0; i < size; i++) {
            ready[i] = items.get(ValueLayout.JAVA_SHORT, (i + 1) * ITEM_SIZE + REVENTS);
        }
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * Closes the poller: idempotent, callable from any thread. A poll in progress on another
     * thread ends with {@link IllegalStateException}; the registered sockets stay open.
     */
    @Override
    public void close() {
        closing = true;
        for (int attempt = 0; ; attempt++) {
            Object current = user.get();
            if (current == CLOSED) {
                return;
            }
            if (current == null) {
                if (user.compareAndSet(null, CLOSED)) {
                    break;
                }
                continue;
            }
            // Another thread is inside a call: wake it if it polls, and wait for it to leave.
            waker.wakeup();
            SocketHandle.pause(attempt);
        }
        try {
            waker.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@return the number of items and the state, e.g. "Poller[3 items, open]"} */
    @Override
    public String toString() {
        return "Poller[" + size + " items, " + (closing ? "closed]" : "open]");
    }

    // ---------------------------------------------------------------- internals

    private void enter() {
        Object current = user.get();
        if (current == null && user.compareAndSet(null, Thread.currentThread())) {
            if (!closing) {
                return;
            }
            user.set(null);
            throw new IllegalStateException("the poller is closed");
        }
        if (current == CLOSED || closing) {
            throw new IllegalStateException("the poller is closed");
        }
        throw new IllegalStateException("the poller is in use by thread \""
                + (current instanceof Thread t ? t.getName() : "?") + "\"; a poller must not be used by two threads "
                + "at once (thread \"" + Thread.currentThread().getName() + "\" tried)");
    }

    private void leave() {
        user.set(null);
    }

    private int add(Socket socket, int fd, short mask) {
        if (size == sockets.length) {
            int capacity = size * 2;
            sockets = Arrays.copyOf(sockets, capacity);
            fds = Arrays.copyOf(fds, capacity);
            ready = Arrays.copyOf(ready, capacity);
            MemorySegment grown = allocate(capacity);
            grown.copyFrom(items.asSlice(0, (size + 1) * ITEM_SIZE));
            items = grown;
        }
        int index = size++;
        sockets[index] = socket;
        fds[index] = socket == null ? fd : NONE;
        ready[index] = 0;
        MemorySegment item = zmq_pollitem_t.asSlice(items, index + 1);
        zmq_pollitem_t.socket(item, socket == null ? MemorySegment.NULL : socket.handle.ptr);
        zmq_pollitem_t.fd(item, socket == null ? fd : 0);
        zmq_pollitem_t.events(item, mask);
        zmq_pollitem_t.revents(item, (short) 0);
        return index;
    }

    private void setInterest(Socket socket, int fd, short mask) {
        enter();
        try {
            int index = socket != null ? find(socket) : findFd(fd);
            if (index == NONE) {
                throw new IllegalArgumentException((socket != null ? socket.toString() : "descriptor " + fd)
                        + " is not registered");
            }
            zmq_pollitem_t.events(zmq_pollitem_t.asSlice(items, index + 1), mask);
        } finally {
            leave();
        }
    }

    private boolean remove(Socket socket, int fd) {
        enter();
        try {
            int index = socket != null ? find(socket) : findFd(fd);
            if (index == NONE) {
                return false;
            }
            int after = size - index - 1;
            System.arraycopy(sockets, index + 1, sockets, index, after);
            System.arraycopy(fds, index + 1, fds, index, after);
            System.arraycopy(ready, index + 1, ready, index, after);
            MemorySegment.copy(items, (index + 2) * ITEM_SIZE, items, (index + 1) * ITEM_SIZE, after * ITEM_SIZE);
            sockets[--size] = null;
            return true;
        } finally {
            leave();
        }
    }

    private int find(Socket socket) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] == socket) {
                return i;
            }
        }
        return NONE;
    }

    private int findFd(int fd) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] == null && fds[i] == fd) {
                return i;
            }
        }
        return NONE;
    }

    private int indexOfRegistered(Socket socket) {
        int index = find(socket);
        if (index == NONE) {
            throw new IllegalArgumentException(socket + " is not registered with this poller");
        }
        return index;
    }

    /** Item memory for {@code capacity} items plus the waker in slot 0. */
    private MemorySegment allocate(int capacity) {
        MemorySegment memory = Arena.ofAuto().allocate(zmq_pollitem_t.layout(), capacity + 1L);
        MemorySegment wakerItem = zmq_pollitem_t.asSlice(memory, 0);
        zmq_pollitem_t.socket(wakerItem, MemorySegment.NULL);
        zmq_pollitem_t.fd(wakerItem, waker.fd());
        zmq_pollitem_t.events(wakerItem, (short) LibZmq.POLLIN);
        return memory;
    }
}
