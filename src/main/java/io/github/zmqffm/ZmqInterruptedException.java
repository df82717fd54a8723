package io.github.zmqffm;

/**
 * A blocking send, receive or poll was woken by {@link Thread#interrupt()} before it could
 * complete. Nothing was sent or received, the socket stays usable, and the thread's interrupt
 * status is left set (as a {@link java.nio.channels.Selector} leaves it), so that the caller's
 * own loop sees it: clear it with {@link Thread#interrupted()} to go on using blocking calls.
 */
public final class ZmqInterruptedException extends ZmqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an interrupted operation.
     *
     * @param operation what was attempted
     */
    public ZmqInterruptedException(String operation) {
        super(operation, Errno.EINTR.code());
    }
}
