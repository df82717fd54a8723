package io.github.zmqffm;

/**
 * A blocking call was woken by {@link Thread#interrupt()} before it could complete: a send,
 * receive, {@link Poller#poll()}, {@link Proxy#run(Socket, Socket)} or
 * {@link Monitor#receive(java.time.Duration)} that had to wait.
 *
 * <p>The contract, the same for every blocking call of this binding:
 * <ul>
 *   <li>Nothing was sent or received, and the socket stays usable.</li>
 *   <li>The thread's interrupt status is left <em>set</em> (as a {@link java.nio.channels.Selector}
 *       leaves it), so that the caller's own loop sees it. While it is set, every call that has
 *       to wait throws this at once; clear it with {@link Thread#interrupted()} to go on.</li>
 *   <li>A call that completes without waiting (a message already queued, room to send, a poll
 *       that finds an item ready, a {@link java.time.Duration#ZERO} timeout) completes normally
 *       even while the status is set.</li>
 * </ul>
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
