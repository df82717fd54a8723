package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.util.HashMap;
import java.util.Map;

/**
 * The errno values libzmq reports, with the numbers of the platform the binding was generated
 * for (taken from the generated constants, never typed by hand).
 *
 * <p>{@link #EOPNOTSUPP} shares its number with {@link #ENOTSUP} on Linux; {@link #of(int)}
 * returns {@code ENOTSUP} for it. A number not listed here maps to {@link #UNKNOWN}; the
 * exception that carries it keeps the raw number ({@link ZmqException#code()}).
 */
public enum Errno {
    /** Operation not permitted. */
    EPERM(zmq_h.EPERM()),
    /** No such file or directory (also: endpoint not bound or connected). */
    ENOENT(zmq_h.ENOENT()),
    /** Interrupted system call. */
    EINTR(zmq_h.EINTR()),
    /** Input/output error. */
    EIO(zmq_h.EIO()),
    /** Bad file descriptor. */
    EBADF(zmq_h.EBADF()),
    /** Resource temporarily unavailable: the call would block. */
    EAGAIN(zmq_h.EAGAIN()),
    /** Cannot allocate memory. */
    ENOMEM(zmq_h.ENOMEM()),
    /** Permission denied. */
    EACCES(zmq_h.EACCES()),
    /** Bad address (also: an invalid socket or message). */
    EFAULT(zmq_h.EFAULT()),
    /** Device or resource busy. */
    EBUSY(zmq_h.EBUSY()),
    /** File exists. */
    EEXIST(zmq_h.EEXIST()),
    /** No such device. */
    ENODEV(zmq_h.ENODEV()),
    /** Invalid argument. */
    EINVAL(zmq_h.EINVAL()),
    /** Too many open files (also: too many sockets in the context). */
    EMFILE(zmq_h.EMFILE()),
    /** Too many open files in system. */
    ENFILE(zmq_h.ENFILE()),
    /** No space left on device. */
    ENOSPC(zmq_h.ENOSPC()),
    /** Broken pipe. */
    EPIPE(zmq_h.EPIPE()),
    /** File name too long. */
    ENAMETOOLONG(zmq_h.ENAMETOOLONG()),
    /** Function not implemented. */
    ENOSYS(zmq_h.ENOSYS()),
    /** Protocol error. */
    EPROTO(zmq_h.EPROTO()),
    /** Message too long. */
    EMSGSIZE(zmq_h.EMSGSIZE()),
    /** Not a socket. */
    ENOTSOCK(zmq_h.ENOTSOCK()),
    /** Destination address required. */
    EDESTADDRREQ(zmq_h.EDESTADDRREQ()),
    /** Protocol wrong type for socket. */
    EPROTOTYPE(zmq_h.EPROTOTYPE()),
    /** Protocol not available. */
    ENOPROTOOPT(zmq_h.ENOPROTOOPT()),
    /** Protocol not supported (also: unknown transport). */
    EPROTONOSUPPORT(zmq_h.EPROTONOSUPPORT()),
    /** Operation not supported. */
    ENOTSUP(zmq_h.ENOTSUP()),
    /** Address family not supported by protocol. */
    EAFNOSUPPORT(zmq_h.EAFNOSUPPORT()),
    /** Address already in use. */
    EADDRINUSE(zmq_h.EADDRINUSE()),
    /** Cannot assign requested address. */
    EADDRNOTAVAIL(zmq_h.EADDRNOTAVAIL()),
    /** Network is down. */
    ENETDOWN(zmq_h.ENETDOWN()),
    /** Network is unreachable. */
    ENETUNREACH(zmq_h.ENETUNREACH()),
    /** Network dropped connection on reset. */
    ENETRESET(zmq_h.ENETRESET()),
    /** Software caused connection abort. */
    ECONNABORTED(zmq_h.ECONNABORTED()),
    /** Connection reset by peer. */
    ECONNRESET(zmq_h.ECONNRESET()),
    /** No buffer space available. */
    ENOBUFS(zmq_h.ENOBUFS()),
    /** Transport endpoint is already connected. */
    EISCONN(zmq_h.EISCONN()),
    /** Transport endpoint is not connected. */
    ENOTCONN(zmq_h.ENOTCONN()),
    /** Connection timed out. */
    ETIMEDOUT(zmq_h.ETIMEDOUT()),
    /** Connection refused. */
    ECONNREFUSED(zmq_h.ECONNREFUSED()),
    /** No route to host (also: ROUTER_MANDATORY with an unknown peer). */
    EHOSTUNREACH(zmq_h.EHOSTUNREACH()),
    /** Operation now in progress. */
    EINPROGRESS(zmq_h.EINPROGRESS()),
    /** Operation already in progress. */
    EALREADY(zmq_h.EALREADY()),
    // libzmq's own values, above ZMQ_HAUSNUMERO
    /** libzmq: the operation is not allowed in the socket's current state (e.g. a REQ sending twice). */
    EFSM(zmq_h.EFSM()),
    /** libzmq: the transport is not compatible with the socket type. */
    ENOCOMPATPROTO(zmq_h.ENOCOMPATPROTO()),
    /** libzmq: the socket's context was terminated (see {@link ContextTerminatedException}). */
    ETERM(zmq_h.ETERM()),
    /** libzmq: no I/O thread is available. */
    EMTHREAD(zmq_h.EMTHREAD()),
    /** Operation not supported (the BSD spelling; same number as {@link #ENOTSUP} on Linux). */
    EOPNOTSUPP(zmq_h.EOPNOTSUPP()),
    /** A number this enum does not name. */
    UNKNOWN(-1);

    private static final Map<Integer, Errno> BY_CODE = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_CODE.putIfAbsent(e.code, e);
        }
    }

    private final int code;

    Errno(int code) {
        this.code = code;
    }

    /**
     * The platform's number for this errno value.
     *
     * @return the number, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * The value for a platform errno number.
     *
     * @param code an errno number as libzmq reported it
     * @return the matching value, or {@link #UNKNOWN}
     */
    public static Errno of(int code) {
        Errno e = BY_CODE.get(code);
        return e == null || code < 0 ? UNKNOWN : e;
    }
}
