package io.github.zmqffm.internal.nat;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Errno;
import io.github.zmqffm.ZmqException;

/**
 * Turns an errno into the exception that fits it: a {@link ContextTerminatedException} for
 * ETERM, a plain {@link ZmqException} otherwise. The one place that maps errno (as pyzmq does).
 */
public final class Errors {
    private Errors() {
    }

    /**
     * The exception for a failed operation.
     *
     * @param operation what was attempted, e.g. "bind tcp://127.0.0.1:5555"
     * @param errno what libzmq reported
     * @return the exception, for the caller to throw
     */
    public static ZmqException of(String operation, int errno) {
        if (errno == Errno.ETERM.code()) {
            return new ContextTerminatedException(operation);
        }
        return new ZmqException(operation, errno);
    }
}
