package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.util.HashMap;
import java.util.Map;

/**
 * Why a security handshake failed, as {@link MonitorEvent.Type#HANDSHAKE_FAILED_PROTOCOL}
 * reports it: libzmq's {@code ZMQ_PROTOCOL_ERROR_*} codes, see zmq_socket_monitor(3).
 */
public enum ProtocolError {
    ZMTP_UNSPECIFIED(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED()),
    ZMTP_UNEXPECTED_COMMAND(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND()),
    ZMTP_INVALID_SEQUENCE(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE()),
    ZMTP_KEY_EXCHANGE(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE()),
    ZMTP_MALFORMED_COMMAND_UNSPECIFIED(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED()),
    ZMTP_MALFORMED_COMMAND_MESSAGE(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE()),
    ZMTP_MALFORMED_COMMAND_HELLO(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO()),
    ZMTP_MALFORMED_COMMAND_INITIATE(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE()),
    ZMTP_MALFORMED_COMMAND_ERROR(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR()),
    ZMTP_MALFORMED_COMMAND_READY(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY()),
    ZMTP_MALFORMED_COMMAND_WELCOME(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME()),
    ZMTP_INVALID_METADATA(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA()),
    ZMTP_CRYPTOGRAPHIC(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC()),
    ZMTP_MECHANISM_MISMATCH(zmq_h.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH()),
    ZAP_UNSPECIFIED(zmq_h.ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED()),
    ZAP_MALFORMED_REPLY(zmq_h.ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY()),
    ZAP_BAD_REQUEST_ID(zmq_h.ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID()),
    ZAP_BAD_VERSION(zmq_h.ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION()),
    ZAP_INVALID_STATUS_CODE(zmq_h.ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE()),
    ZAP_INVALID_METADATA(zmq_h.ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA()),
    WS_UNSPECIFIED(zmq_h.ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED()),
    /** A code this enum does not name (a newer libzmq); {@link MonitorEvent#value()} has it. */
    UNKNOWN(-1);

    private static final Map<Long, ProtocolError> BY_CODE = new HashMap<>();

    static {
        for (ProtocolError e : values()) {
            BY_CODE.put((long) e.code, e);
        }
    }

    private final int code;

    ProtocolError(int code) {
        this.code = code;
    }

    /**
     * libzmq's number for this error.
     *
     * @return the {@code ZMQ_PROTOCOL_ERROR_*} value, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * The error for a code.
     *
     * @param code the value of a {@link MonitorEvent.Type#HANDSHAKE_FAILED_PROTOCOL} event
     * @return the matching error, or {@link #UNKNOWN}
     */
    public static ProtocolError of(long code) {
        return code < 0 ? UNKNOWN : BY_CODE.getOrDefault(code, UNKNOWN);
    }
}
