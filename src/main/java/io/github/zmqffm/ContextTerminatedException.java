package io.github.zmqffm;

/**
 * The socket's context was closed (libzmq's ETERM): every thread blocked on one of its sockets
 * wakes with this exception when {@link Context#close()} runs.
 */
public final class ContextTerminatedException extends ZmqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an operation that found its context terminated.
     *
     * @param operation what was attempted
     */
    public ContextTerminatedException(String operation) {
        super(operation, Errno.ETERM.code());
    }
}
