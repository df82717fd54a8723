package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Waits until any of several sockets and file descriptors is ready, with {@code zmq_poll}.
 *
 * {@snippet :
 * try (Poller poller = new Poller()) {
 *     poller.register(frontend, PollEvent.IN);
 *     poller.register(backend, PollEvent.IN);
 *     while (true) {
 *         poller.poll();   // ZmqInterruptedException ends the loop when this thread is interrupted
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
    private final Waker waker = new Waker();
    private final SingleUser guard = new SingleUser("poller");
    private final PollItems items = new PollItems(waker.fd());
    private final MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
    /** Whether and how long a poll spins before it parks (issue #9). */
    private final SpinPolicy spinPolicy = new SpinPolicy(null);

    /**
     * Creates an empty poller.
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     * @throws ZmqException if no wake-up descriptor can be created (EMFILE...)
     */
    public Poller() {
        // The field initialisers do the work; declared to document what they throw.
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
        guard.enter();
        try {
            if (items.find(socket) != PollItems.NONE) {
                throw new IllegalArgumentException(socket + " is already registered; use modify()");
            }
            return items.add(socket, PollItems.NONE, mask);
        } finally {
            guard.leave();
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
        guard.enter();
        try {
            if (items.findFd(fd) != PollItems.NONE) {
                throw new IllegalArgumentException("descriptor " + fd + " is already registered; use modifyFd()");
            }
            return items.add(null, fd, mask);
        } finally {
            guard.leave();
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
        setInterest(socket, PollItems.NONE, PollEvent.maskOf(events));
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
        return remove(socket, PollItems.NONE);
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
        return items.size();
    }

    /**
     * The socket at an index.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the socket, or {@code null} if the item is a descriptor
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public Socket socket(int index) {
        return items.socket(Objects.checkIndex(index, items.size()));
    }

    /**
     * The descriptor at an index.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the descriptor, or -1 if the item is a socket
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public int fd(int index) {
        return items.fd(Objects.checkIndex(index, items.size()));
    }

    /**
     * Where a socket is registered.
     *
     * @param socket the socket
     * @return its index, or -1 if it is not registered
     */
    public int indexOf(Socket socket) {
        return items.find(socket);
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
        return (items.ready(Objects.checkIndex(index, items.size())) & event.mask()) != 0;
    }

    /**
     * The events the last poll found on an item, as a new set.
     *
     * @param index the item's index
     * @return the events; empty if none
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public Set<PollEvent> readyEvents(int index) {
        return PollEvent.setOf(items.ready(Objects.checkIndex(index, items.size())));
    }

    private int pollMillis(long timeoutMillis) {
        guard.enter();
        int held = 0;
        try {
            for (; held < items.size(); held++) {
                hold(items.socket(held), held);
            }
            return pollHeld(timeoutMillis);
        } finally {
            for (int i = 0; i < held; i++) {
                Socket socket = items.socket(i);
                if (socket != null) {
                    socket.handle.release();
                }
            }
            guard.leave();
        }
    }

    private static void hold(Socket socket, int index) {
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
        items.clearReadiness();
        boolean waits = timeoutMillis != SocketIo.NO_WAIT;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        publishWaker(waker);
        if (waits) {
            waker.enter();
        }
        try {
            int spun = waits ? spin(timeoutMillis > 0 ? deadline - System.nanoTime() : Long.MAX_VALUE) : 0;
            if (spun > 0) {
                items.collectReadiness();
                return spun;
            }
            while (true) {
                checkWakeReasons(false);
                long remaining = timeoutMillis > 0 ? SocketIo.remainingMillis(deadline) : timeoutMillis;
                int rc = LibZmq.poll(capture, items.array(), items.size() + 1, remaining);
                if (rc < 0) {
                    int errno = Native.errno(capture);
                    if (errno != LibZmq.EINTR) {
                        checkWakeReasons(false);
                        throw ZmqException.of("poll", errno);
                    }
                    continue;
                }
                if (items.wokenUp()) {
                    waker.drain();
                    rc--;
                }
                checkWakeReasons(rc == 0 && waits);
                if (rc > 0) {
                    spinPolicy.parkEnded(System.nanoTime());
                    items.collectReadiness();
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

    /**
     * Polls without waiting while the spin policy allows (see {@link SpinPolicy}).
     *
     * @param maxNanos the most the poll may still wait
     * @return the number of ready items; 0 if the spin ran out or was not tried
     */
    private int spin(long maxNanos) {
        long now = System.nanoTime();
        long spinNanos = Math.min(spinPolicy.beginWait(now) - now, maxNanos);
        if (spinNanos <= 0) {
            return 0;
        }
        long until = now + spinNanos;
        while (true) {
            spinPolicy.checked();
            int rc = LibZmq.poll(capture, items.array(), items.size() + 1, 0);
            if (rc > 0 && items.wokenUp()) {
                waker.drain();
                rc--;
            }
            if (rc > 0) {
                spinPolicy.caught();
                return rc;
            }
            checkWakeReasons(true);
            if (System.nanoTime() - until >= 0) {
                spinPolicy.missed();
                return 0;
            }
            SpinPolicy.pause();
        }
    }

    /** Throws if the wait must end: a closed item or poller, and, if asked, an interrupt. */
    private void checkWakeReasons(boolean interruptible) {
        for (int i = 0; i < items.size(); i++) {
            Socket socket = items.socket(i);
            if (socket != null && socket.handle.isClosed()) {
                throw socket.handle.closedWhileWaiting("poll item " + i);
            }
        }
        if (guard.isClosed()) {
            throw new IllegalStateException("poll: the poller was closed by another thread");
        }
        if (interruptible && Thread.currentThread().isInterrupted()) {
            throw new ZmqInterruptedException("poll");
        }
    }

    private void publishWaker(Wakeable w) {
        for (int i = 0; i < items.size(); i++) {
            Socket socket = items.socket(i);
            if (socket != null) {
                socket.handle.waitingOn(w);
            }
        }
    }

    // ---------------------------------------------------------------- wait strategy (issue #9)

    /**
     * Sets how long a poll that has to wait spins, polling without waiting, before it parks
     * its thread; {@link Duration#ZERO} never spins. Spinning is adaptive as described at
     * {@link Context#setSpinBudget}; the default is the same as a context's.
     *
     * @param budget how long to spin at most; {@link Duration#ZERO} for never
     * @return this poller
     * @throws NullPointerException if {@code budget} is null
     * @throws IllegalArgumentException if {@code budget} is negative
     * @throws IllegalStateException if the poller is closed
     */
    public Poller setSpinBudget(Duration budget) {
        long nanos = SpinPolicy.nanos(budget);
        if (guard.isClosed()) {
            throw new IllegalStateException("the poller is closed");
        }
        spinPolicy.setBudget(nanos);
        return this;
    }

    /**
     * How long a poll that has to wait spins before it parks.
     *
     * @return the budget; {@link Duration#ZERO} if it never spins
     */
    public Duration spinBudget() {
        return Duration.ofNanos(spinPolicy.budgetNanos());
    }

    /** The spin policy, for tests. */
    SpinPolicy spinPolicy() {
        return spinPolicy;
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * Closes the poller: idempotent, callable from any thread. A poll in progress on another
     * thread ends with {@link IllegalStateException}; the registered sockets stay open.
     *
     * @throws IllegalStateException if called from inside a call on this poller
     */
    @Override
    public void close() {
        if (guard.close(waker::wakeup)) {
            waker.shutdown();
        }
    }

    /** {@return the number of items and the state, e.g. "Poller[3 items, open]"} */
    @Override
    public String toString() {
        return "Poller[" + items.size() + " items, " + (guard.isClosed() ? "closed]" : "open]");
    }

    // ---------------------------------------------------------------- internals

    private void setInterest(Socket socket, int fd, short mask) {
        guard.enter();
        try {
            items.setEvents(registered(socket, fd), mask);
        } finally {
            guard.leave();
        }
    }

    private boolean remove(Socket socket, int fd) {
        guard.enter();
        try {
            int index = socket != null ? items.find(socket) : items.findFd(fd);
            if (index == PollItems.NONE) {
                return false;
            }
            items.remove(index);
            return true;
        } finally {
            guard.leave();
        }
    }

    private int indexOfRegistered(Socket socket) {
        return registered(Objects.requireNonNull(socket, "socket"), PollItems.NONE);
    }

    /** The index of a registered socket, or of descriptor {@code fd} if {@code socket} is null. */
    private int registered(Socket socket, int fd) {
        int index = socket != null ? items.find(socket) : items.findFd(fd);
        if (index == PollItems.NONE) {
            throw new IllegalArgumentException((socket != null ? socket.toString() : "descriptor " + fd)
                    + " is not registered with this poller");
        }
        return index;
    }
}
