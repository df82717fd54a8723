package io.github.zmqffm.internal.io;

/**
 * A descriptor a wait can watch: a socket's {@code ZMQ_FD}, or a poller's raw descriptor.
 */
interface Watched {
    /** The descriptor, for {@code poll(2)} on a platform thread. */
    int fd();

    /**
     * Whether the descriptor is a libzmq socket's command mailbox, which turns readable whenever
     * the socket has commands to process, whatever the wait is for; else a raw descriptor polled
     * for the events asked.
     */
    boolean isMailbox();

    /** The descriptor's registration with the {@link Reactor}, for a virtual thread; made on first need. */
    Reactor.Registration registration();
}
