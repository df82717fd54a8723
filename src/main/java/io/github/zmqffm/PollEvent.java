package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Poller} waits for on a socket or file descriptor. Interest is given as a set
 * (or a few of these), so no flag can be lost or mistyped.
 */
public enum PollEvent {
    /** A message can be received, or a descriptor read, without blocking. */
    IN(zmq_h.ZMQ_POLLIN()),
    /** A message can be sent, or a descriptor written, without blocking. */
    OUT(zmq_h.ZMQ_POLLOUT()),
    /**
     * An error condition on a descriptor (poll(2)'s POLLERR, POLLHUP or POLLNVAL). Reported for
     * descriptors whether or not it was asked for; never reported for ZeroMQ sockets.
     */
    ERR(zmq_h.ZMQ_POLLERR()),
    /** Urgent data on a descriptor (poll(2)'s POLLPRI); never reported for ZeroMQ sockets. */
    PRI(zmq_h.ZMQ_POLLPRI());

    private final int mask;

    PollEvent(int mask) {
        this.mask = mask;
    }

    /** libzmq's {@code ZMQ_POLL*} bit. */
    int mask() {
        return mask;
    }

    /** The bits of a non-empty set. */
    static short maskOf(Set<PollEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events to poll for: give at least one PollEvent");
        }
        int bits = 0;
        for (PollEvent e : events) {
            bits |= Objects.requireNonNull(e, "events contains null").mask;
        }
        return (short) bits;
    }

    /** The events whose bits {@code mask} has set. */
    static Set<PollEvent> setOf(int mask) {
        EnumSet<PollEvent> set = EnumSet.noneOf(PollEvent.class);
        for (PollEvent e : values()) {
            if ((mask & e.mask) != 0) {
                set.add(e);
            }
        }
        return set;
    }
}
