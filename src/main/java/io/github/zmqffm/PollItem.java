package io.github.zmqffm;

import io.github.zmqffm.internal.io.PollSet;

import java.util.Objects;
import java.util.Set;

/**
 * One registration with a poller ({@code Poller.register}): a socket or a file descriptor, what it is watched for,
 * and what the last poll found. Like a {@link java.nio.channels.SelectionKey}, it stays valid
 * until it is unregistered, whatever else is registered or unregistered meanwhile, and it may
 * carry an object of the caller's (an attachment) to dispatch on.
 *
 * {@snippet :
 * PollItem frontendItem = poller.register(frontend, PollEvent.IN);
 * while (poller.poll() > 0) {
 *     if (frontendItem.isReadable()) {
 *         backend.sendMultipart(frontend.receiveMultipart());
 *     }
 * }
 * }
 *
 * <p>Read it on the thread that polls; the readiness methods allocate nothing.
 */
public final class PollItem {
    private final PollSet set;
    private final PollSet.Entry entry;
    private final Socket socket;
    private final int fd;
    private volatile Object attachment;

    PollItem(PollSet set, PollSet.Entry entry, Socket socket, int fd) {
        this.set = set;
        this.entry = entry;
        this.socket = socket;
        this.fd = fd;
        entry.setOwner(this);
    }

    /** {@return the socket, or {@code null} if this item is a file descriptor} */
    public Socket socket() {
        return socket;
    }

    /** {@return the file descriptor, or -1 if this item is a socket} */
    public int fd() {
        return fd;
    }

    /** {@return what the item is watched for, as a new set} */
    public Set<PollEvent> events() {
        return PollEvent.setOf(entry.events());
    }

    /**
     * Changes what the item is watched for, from the next poll on.
     *
     * @param events at least one event
     * @return this item
     * @throws IllegalArgumentException if {@code events} is empty or the item is no longer registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public PollItem setEvents(Set<PollEvent> events) {
        set.setEvents(entry, PollEvent.maskOf(events));
        return this;
    }

    /** {@return whether the last poll found a message to receive, or the descriptor readable} */
    public boolean isReadable() {
        return isReady(PollEvent.IN);
    }

    /** {@return whether the last poll found room to send, or the descriptor writable} */
    public boolean isWritable() {
        return isReady(PollEvent.OUT);
    }

    /** {@return whether the last poll found {@code event} on this item} */
    public boolean isReady(PollEvent event) {
        return (entry.ready() & Objects.requireNonNull(event, "event").mask()) != 0;
    }

    /** {@return the events the last poll found, as a new set; empty if none} */
    public Set<PollEvent> readyEvents() {
        return PollEvent.setOf(entry.ready());
    }

    /** {@return whether the item is still registered} */
    public boolean isRegistered() {
        return entry.isRegistered();
    }

    /**
     * Unregisters the item; polls no longer watch it. Idempotent.
     *
     * @return {@code false} if it was no longer registered
     * @throws IllegalStateException if the poller is closed or in use by another thread
     */
    public boolean unregister() {
        return set.remove(entry);
    }

    /**
     * Attaches an object of the caller's, e.g. a handler.
     *
     * @return the object attached before, or {@code null}
     */
    public Object attach(Object value) {
        Object before = attachment;
        attachment = value;
        return before;
    }

    /** {@return the attached object, or {@code null}} */
    public Object attachment() {
        return attachment;
    }

    /** {@return e.g. "PollItem[Socket[ROUTER, open], IN, ready IN]"} */
    @Override
    public String toString() {
        return "PollItem[" + (socket != null ? socket : "fd " + fd) + ", " + events() + ", ready " + readyEvents()
                + (isRegistered() ? "]" : ", unregistered]");
    }
}
