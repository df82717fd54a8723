package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;

/**
 * A libzmq call failed: carries the {@link Errno}, libzmq's text for it and the operation,
 * for example {@code bind tcp://127.0.0.1:99999: Invalid argument (EINVAL)}.
 *
 * <p>Every libzmq failure surfaces as this one unchecked type (or a subclass:
 * {@link ContextTerminatedException} for ETERM, {@link ZmqInterruptedException} for an
 * interrupted wait). A non-blocking call that would block is not a failure: it returns
 * {@code false}, {@code null} or {@code -1} instead.
 */
public class ZmqException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errno value, {@link Errno#UNKNOWN} for a number the enum does not name. */
    private final Errno errno;
    /** The errno number as libzmq reported it. */
    private final int code;
    /** What was attempted. */
    private final String operation;

    /**
     * Creates an exception for a failed operation.
     *
     * @param operation what was attempted, e.g. {@code "bind tcp://127.0.0.1:5555"}
     * @param code the errno number libzmq reported
     */
    public ZmqException(String operation, int code) {
        super(operation + ": " + describe(code));
        this.errno = Errno.of(code);
        this.code = code;
        this.operation = operation;
    }

    /**
     * The errno value.
     *
     * @return the value, {@link Errno#UNKNOWN} if the enum does not name the number
     */
    public Errno errno() {
        return errno;
    }

    /**
     * The raw errno number, useful when {@link #errno()} is {@link Errno#UNKNOWN}.
     *
     * @return the number libzmq reported
     */
    public int code() {
        return code;
    }

    /**
     * What was attempted, e.g. {@code "bind tcp://127.0.0.1:99999"}.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }

    /** libzmq's text for the number, then the symbolic name: "Invalid argument (EINVAL)". */
    static String describe(int code) {
        Errno errno = Errno.of(code);
        String name = errno == Errno.UNKNOWN ? "errno " + code : errno.name();
        return strerror(code) + " (" + name + ")";
    }

    /**
     * libzmq's own text: through the raw layer, never the engine, because the engine throws this
     * exception. Only once libzmq is loaded: the generated lookup would otherwise fail for good.
     */
    private static String strerror(int code) {
        if (SymbolLookup.loaderLookup().find("zmq_strerror").isEmpty()) {
            return "Unknown error";
        }
        MemorySegment text = zmq_h.zmq_strerror(code);
        return text.equals(MemorySegment.NULL) ? "Unknown error" : text.reinterpret(1024).getString(0);
    }
}
