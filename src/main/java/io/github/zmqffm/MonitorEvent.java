package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One event of a socket's {@link Monitor}: what happened, libzmq's value for it, and the
 * endpoint it concerns.
 *
 * <p>{@code value} is the 32-bit number libzmq sent, read as unsigned; what it means depends on
 * the type (each {@link Type} says): a file descriptor, an errno ({@link #errno()}), a
 * reconnect interval in milliseconds, a protocol error code ({@link #protocolError()}), or a
 * ZAP status code. See zmq_socket_monitor(3).
 *
 * @param type what happened
 * @param value libzmq's value for it, unsigned
 * @param endpoint the endpoint concerned, e.g. {@code tcp://127.0.0.1:40221}; empty for
 *        {@link Type#MONITOR_STOPPED}
 */
public record MonitorEvent(Type type, long value, String endpoint) {
    /**
     * Creates an event.
     *
     * @throws NullPointerException if {@code type} or {@code endpoint} is null
     */
    public MonitorEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * The errno of a failure event.
     *
     * @return the errno for {@link Type#BIND_FAILED}, {@link Type#ACCEPT_FAILED},
     *         {@link Type#CLOSE_FAILED} and {@link Type#HANDSHAKE_FAILED_NO_DETAIL};
     *         {@code null} for other types
     */
    public Errno errno() {
        return type.value == Value.ERRNO ? Errno.of((int) value) : null;
    }

    /**
     * The reason of a {@link Type#HANDSHAKE_FAILED_PROTOCOL} event.
     *
     * @return the protocol error; {@code null} for other types
     */
    public ProtocolError protocolError() {
        return type.value == Value.PROTOCOL_ERROR ? ProtocolError.of(value) : null;
    }

    /** {@return e.g. "HANDSHAKE_FAILED_PROTOCOL(ZMTP_MECHANISM_MISMATCH) tcp://127.0.0.1:40221"} */
    @Override
    public String toString() {
        String detail = switch (type.value) {
            case ERRNO -> errno() == Errno.UNKNOWN ? "errno " + value : errno().name();
            case PROTOCOL_ERROR -> protocolError() == ProtocolError.UNKNOWN ? "0x" + Long.toHexString(value)
                    : protocolError().name();
            case FD -> "fd " + value;
            case INTERVAL -> value + " ms";
            case STATUS_CODE -> "status " + value;
            case NONE -> "";
        };
        return type + (detail.isEmpty() ? "" : "(" + detail + ")") + (endpoint.isEmpty() ? "" : " " + endpoint);
    }

    /** What an event's value means. */
    enum Value { FD, ERRNO, INTERVAL, PROTOCOL_ERROR, STATUS_CODE, NONE }

    /** The kinds of event, with libzmq's {@code ZMQ_EVENT_*} numbers. */
    public enum Type {
        /** Connected to a peer; value: the connection's file descriptor. */
        CONNECTED(zmq_h.ZMQ_EVENT_CONNECTED(), Value.FD),
        /** A connect is pending (synchronous connect failed for now); value: unspecified. */
        CONNECT_DELAYED(zmq_h.ZMQ_EVENT_CONNECT_DELAYED(), Value.NONE),
        /** A connect failed and will be retried; value: the reconnect interval in milliseconds. */
        CONNECT_RETRIED(zmq_h.ZMQ_EVENT_CONNECT_RETRIED(), Value.INTERVAL),
        /** Bound and listening; value: the listening file descriptor. */
        LISTENING(zmq_h.ZMQ_EVENT_LISTENING(), Value.FD),
        /** A bind failed; value: the errno. */
        BIND_FAILED(zmq_h.ZMQ_EVENT_BIND_FAILED(), Value.ERRNO),
        /** Accepted a connection; value: its file descriptor. */
        ACCEPTED(zmq_h.ZMQ_EVENT_ACCEPTED(), Value.FD),
        /** Could not accept a connection; value: the errno. */
        ACCEPT_FAILED(zmq_h.ZMQ_EVENT_ACCEPT_FAILED(), Value.ERRNO),
        /** A connection or listener was closed; value: its (now closed) file descriptor. */
        CLOSED(zmq_h.ZMQ_EVENT_CLOSED(), Value.FD),
        /** Closing failed (ipc only); value: the errno. */
        CLOSE_FAILED(zmq_h.ZMQ_EVENT_CLOSE_FAILED(), Value.ERRNO),
        /** A connection broke unexpectedly; value: its file descriptor. */
        DISCONNECTED(zmq_h.ZMQ_EVENT_DISCONNECTED(), Value.FD),
        /** Monitoring ended: the monitor or the socket was closed. The last event of a monitor. */
        MONITOR_STOPPED(zmq_h.ZMQ_EVENT_MONITOR_STOPPED(), Value.NONE),
        /** The security handshake failed for an unspecified reason; value: the errno. */
        HANDSHAKE_FAILED_NO_DETAIL(zmq_h.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL(), Value.ERRNO),
        /** The security handshake succeeded (also for the NULL mechanism); value: unspecified. */
        HANDSHAKE_SUCCEEDED(zmq_h.ZMQ_EVENT_HANDSHAKE_SUCCEEDED(), Value.NONE),
        /**
         * The security handshake failed on a protocol error between the peers or with the ZAP
         * handler (for example mismatched mechanisms); value: a {@link ProtocolError} code.
         */
        HANDSHAKE_FAILED_PROTOCOL(zmq_h.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL(), Value.PROTOCOL_ERROR),
        /** The ZAP handler refused the peer; value: its status code (300, 400 or 500). */
        HANDSHAKE_FAILED_AUTH(zmq_h.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH(), Value.STATUS_CODE),
        /**
         * Pipe statistics (draft). Only libzmq's second event format can carry it, which needs
         * the draft {@code zmq_socket_monitor_versioned}; {@link Socket#monitor(Set)} refuses it.
         */
        PIPES_STATS(zmq_h.ZMQ_EVENT_PIPES_STATS(), Value.NONE);

        /** Every event the monitor can report. */
        static final Set<Type> ALL = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(PIPES_STATS)));

        private final int bit;
        private final Value value;

        Type(int bit, Value value) {
            this.bit = bit;
            this.value = value;
        }

        /**
         * libzmq's number for this event.
         *
         * @return the {@code ZMQ_EVENT_*} bit
         */
        public int bit() {
            return bit;
        }

        /**
         * The event type for a number.
         *
         * @param bit a {@code ZMQ_EVENT_*} value
         * @return the type
         * @throws IllegalArgumentException if {@code bit} names no event
         */
        public static Type of(int bit) {
            for (Type t : values()) {
                if (t.bit == bit) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no monitor event has the number 0x" + Integer.toHexString(bit));
        }

        /** The {@code zmq_socket_monitor} mask for a non-empty set of version-1 events. */
        static int maskOf(Set<Type> types) {
            Objects.requireNonNull(types, "events");
            if (types.isEmpty()) {
                throw new IllegalArgumentException("no events to monitor: give at least one MonitorEvent.Type");
            }
            int mask = 0;
            for (Type t : types) {
                if (Objects.requireNonNull(t, "events contains null") == PIPES_STATS) {
                    throw new UnsupportedOperationException("PIPES_STATS needs libzmq's version-2 event format "
                            + "(the draft zmq_socket_monitor_versioned), which this binding does not use");
                }
                mask |= t.bit;
            }
            return mask;
        }
    }
}
