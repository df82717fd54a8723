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
    EPERM(zmq_h.EPERM()),
    ENOENT(zmq_h.ENOENT()),
    EINTR(zmq_h.EINTR()),
    EIO(zmq_h.EIO()),
    EBADF(zmq_h.EBADF()),
    EAGAIN(zmq_h.EAGAIN()),
    ENOMEM(zmq_h.ENOMEM()),
    EACCES(zmq_h.EACCES()),
    EFAULT(zmq_h.EFAULT()),
    EBUSY(zmq_h.EBUSY()),
    EEXIST(zmq_h.EEXIST()),
    ENODEV(zmq_h.ENODEV()),
    EINVAL(zmq_h.EINVAL()),
    EMFILE(zmq_h.EMFILE()),
    ENFILE(zmq_h.ENFILE()),
    ENOSPC(zmq_h.ENOSPC()),
    EPIPE(zmq_h.EPIPE()),
    ENAMETOOLONG(zmq_h.ENAMETOOLONG()),
    ENOSYS(zmq_h.ENOSYS()),
    EPROTO(zmq_h.EPROTO()),
    EMSGSIZE(zmq_h.EMSGSIZE()),
    ENOTSOCK(zmq_h.ENOTSOCK()),
    EDESTADDRREQ(zmq_h.EDESTADDRREQ()),
    EPROTOTYPE(zmq_h.EPROTOTYPE()),
    ENOPROTOOPT(zmq_h.ENOPROTOOPT()),
    EPROTONOSUPPORT(zmq_h.EPROTONOSUPPORT()),
    ENOTSUP(zmq_h.ENOTSUP()),
    EAFNOSUPPORT(zmq_h.EAFNOSUPPORT()),
    EADDRINUSE(zmq_h.EADDRINUSE()),
    EADDRNOTAVAIL(zmq_h.EADDRNOTAVAIL()),
    ENETDOWN(zmq_h.ENETDOWN()),
    ENETUNREACH(zmq_h.ENETUNREACH()),
    ENETRESET(zmq_h.ENETRESET()),
    ECONNABORTED(zmq_h.ECONNABORTED()),
    ECONNRESET(zmq_h.ECONNRESET()),
    ENOBUFS(zmq_h.ENOBUFS()),
    EISCONN(zmq_h.EISCONN()),
    ENOTCONN(zmq_h.ENOTCONN()),
    ETIMEDOUT(zmq_h.ETIMEDOUT()),
    ECONNREFUSED(zmq_h.ECONNREFUSED()),
    EHOSTUNREACH(zmq_h.EHOSTUNREACH()),
    EINPROGRESS(zmq_h.EINPROGRESS()),
    EALREADY(zmq_h.EALREADY()),
    // libzmq's own values, above ZMQ_HAUSNUMERO
    EFSM(zmq_h.EFSM()),
    ENOCOMPATPROTO(zmq_h.ENOCOMPATPROTO()),
    ETERM(zmq_h.ETERM()),
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
