package io.github.zmqffm;

import io.github.zmqffm.internal.io.PollSet;
import io.github.zmqffm.internal.io.SpinPolicy;
import io.github.zmqffm.internal.io.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Waits until any of several sockets and file descriptors is ready.
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
 * <p>{@code register} returns a {@link PollItem}, which stays valid until it is unregistered;
 * after a poll, {@link #isReadable(Socket)} and the item's own methods answer in constant time
 * and allocate nothing. Asking about a socket that is not registered answers "not ready".
 *
 * <p>A poller is cheap: it holds no native resource of its own (its thread's wake-up descriptor
 * serves every wait of that thread), so one may be made per loop iteration, as some guide
 * examples do; {@link #close()} is still the way to end a poll from another thread.
 *
 * <h2>Threads, closing and interrupts</h2>
 * A poller, like a socket, is used by one thread at a time; every method throws
 * {@link IllegalStateException} if it is closed or used by another thread meanwhile. While it
 * polls it holds every registered socket, exactly as a {@code receive} would: another thread
 * using one of them is refused, and so is a poll that finds one in use elsewhere. A poll that
 * waits ends early, with an exception, when
 * <ul>
 *   <li>its thread is interrupted: {@link ZmqInterruptedException}, the interrupt status stays set;</li>
 *   <li>another thread closes a registered socket: {@link IllegalStateException} naming the
 *       item (unregister it before polling again);</li>
 *   <li>the sockets' context closes: {@link ContextTerminatedException};</li>
 *   <li>another thread closes the poller: {@link IllegalStateException}.</li>
 * </ul>
 * On a virtual thread a poll that waits parks the thread, not its carrier.
 */
public final class Poller implements AutoCloseable {
    private final PollSet set = new PollSet();

    /**
     * Creates an empty poller.
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public Poller() {
        // The field initialisers do the work; declared to document what they throw.
    }

    /**
     * Registers a socket.
     *
     * @param socket the socket
     * @param first an event to wait for
     * @param more further events
     * @return the item
     * @throws IllegalArgumentException if the socket is already registered
     */
    public PollItem register(Socket socket, PollEvent first, PollEvent... more) {
        return register(socket, EnumSet.of(first, more));
    }

    /**
     * Registers a socket.
     *
     * @param socket the socket
     * @param events what to wait for, at least one event
     * @return the item
     * @throws IllegalArgumentException if the socket is already registered or {@code events} is empty
     */
    public PollItem register(Socket socket, Set<PollEvent> events) {
        Objects.requireNonNull(socket, "socket");
        return new PollItem(set, set.add(socket.io, PollEvent.maskOf(events)), socket, -1);
    }

    /**
     * Registers a file descriptor (a pipe's, or a TCP socket's of another library).
     *
     * @param fd the descriptor
     * @param first an event to wait for
     * @param more further events
     * @return the item
     * @throws IllegalArgumentException if the descriptor is negative
     */
    public PollItem registerFd(int fd, PollEvent first, PollEvent... more) {
        return registerFd(fd, EnumSet.of(first, more));
    }

    /**
     * Registers a file descriptor.
     *
     * @param fd the descriptor
     * @param events what to wait for, at least one event
     * @return the item
     * @throws IllegalArgumentException if the descriptor is negative or {@code events} is empty
     */
    public PollItem registerFd(int fd, Set<PollEvent> events) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a file descriptor: " + fd);
        }
        return new PollItem(set, set.add(fd, PollEvent.maskOf(events)), null, fd);
    }

    /**
     * Unregisters a socket (also a closed one).
     *
     * @param socket the socket
     * @return {@code false} if it was not registered
     */
    public boolean unregister(Socket socket) {
        PollItem item = item(socket);
        return item != null && item.unregister();
    }

    /**
     * Unregisters a file descriptor (every item registered for it).
     *
     * @param fd the descriptor
     * @return {@code false} if it was not registered
     */
    public boolean unregisterFd(int fd) {
        boolean removed = false;
        for (PollItem item : items()) {
            if (item.socket() == null && item.fd() == fd) {
                removed |= item.unregister();
            }
        }
        return removed;
    }

    /** {@return the registered items, in the order they were registered; an unmodifiable snapshot} */
    public List<PollItem> items() {
        List<PollItem> items = new ArrayList<>();
        for (PollSet.Entry entry : set.entries()) {
            items.add((PollItem) entry.owner());
        }
        return List.copyOf(items);
    }

    /** {@return the item of a socket, or {@code null} if it is not registered} */
    public PollItem item(Socket socket) {
        PollSet.Entry entry = set.entryOf(Objects.requireNonNull(socket, "socket").io);
        return entry == null ? null : (PollItem) entry.owner();
    }

    /** {@return the number of registered items, sockets and descriptors together} */
    public int size() {
        return set.entries().size();
    }

    /**
     * Waits until at least one item is ready, without limit.
     *
     * @return the number of ready items, at least 1
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if a registered socket's context closes
     * @throws IllegalStateException if a registered socket is closed or in use by another thread
     */
    public int poll() {
        return set.poll(Timeouts.FOREVER);
    }

    /**
     * Waits until at least one item is ready or the timeout runs out; {@link Duration#ZERO}
     * checks without waiting (and ignores the interrupt status).
     *
     * @param timeout how long to wait at most
     * @return the number of ready items; 0 if the time ran out
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if a registered socket's context closes
     * @throws IllegalStateException if a registered socket is closed or in use by another thread
     */
    public int poll(Duration timeout) {
        return set.poll(Timeouts.millis(timeout));
    }

    /**
     * Waits at most {@code millis} milliseconds, as {@code zmq_poll} takes them: 0 checks without
     * waiting, a negative value waits without limit.
     *
     * @param millis how long to wait at most
     * @return the number of ready items; 0 if the time ran out
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if a registered socket's context closes
     * @throws IllegalStateException if a registered socket is closed or in use by another thread
     */
    public int poll(long millis) {
        return set.poll(millis < 0 ? Timeouts.FOREVER : millis);
    }

    /** {@return whether the last poll found a message to receive on {@code socket}; {@code false} if it is not registered} */
    public boolean isReadable(Socket socket) {
        PollItem item = item(socket);
        return item != null && item.isReadable();
    }

    /** {@return whether the last poll found room to send on {@code socket}; {@code false} if it is not registered} */
    public boolean isWritable(Socket socket) {
        PollItem item = item(socket);
        return item != null && item.isWritable();
    }

    /**
     * Sets how long a poll that has to wait spins, polling without waiting, before it parks its
     * thread; {@link Duration#ZERO} never spins. Adaptive as described at
     * {@link Context#setSpinBudget}; the default is the same as a context's.
     *
     * @param budget how long to spin at most
     * @return this poller
     * @throws IllegalArgumentException if {@code budget} is negative
     */
    public Poller setSpinBudget(Duration budget) {
        set.setSpinBudget(SpinPolicy.nanos(budget));
        return this;
    }

    /** {@return how long a poll that has to wait spins before it parks} */
    public Duration spinBudget() {
        return Duration.ofNanos(set.spinBudgetNanos());
    }

    /**
     * Closes the poller: idempotent, callable from any thread. A poll in progress on another
     * thread ends with {@link IllegalStateException}; the registered sockets stay open.
     *
     * @throws IllegalStateException if called from inside a call on this poller
     */
    @Override
    public void close() {
        set.close();
    }

    /** {@return the number of items and the state, e.g. "Poller[3 items, open]"} */
    @Override
    public String toString() {
        return "Poller[" + size() + " items, " + (set.isClosed() ? "closed]" : "open]");
    }

    /** The engine's side of this poller, for tests. */
    PollSet engine() {
        return set;
    }
}
