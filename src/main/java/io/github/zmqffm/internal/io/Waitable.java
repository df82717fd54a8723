package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.Waking;

/**
 * What a blocking call waits for, as {@link WaitLoop} drives it: one send or receive on a socket
 * ({@link Transfer}) or a poll over several sockets and descriptors ({@link PollSet}). Each says
 * how to try without blocking, which descriptors to watch, and when the wait must end early.
 */
abstract class Waitable {
    /**
     * What {@link #attempt()} answers when there is nothing to do yet: park. Whatever libzmq has
     * not processed yet has signalled the descriptors watched, so the park then ends at once.
     */
    static final int AGAIN = -1;
    /**
     * What {@link #attempt()} answers when a signal cut libzmq short (EINTR), as a profiler's
     * signals do: libzmq may have taken a command out of the socket's mailbox first (a frame
     * arrived, room to send), and the mailbox's descriptor then stays quiet until the socket is
     * used again. A wait that parked on it would never wake, so it tries again first.
     */
    static final int INTERRUPTED = -2;

    /**
     * How long the wait may take, in milliseconds as {@link Timeouts} defines them (never
     * {@link Timeouts#SOCKET_TIMEOUT}), set by whoever starts it.
     */
    long timeoutMillis = Timeouts.FOREVER;

    /** Names the call in exceptions, e.g. "receive" or "poll". */
    abstract String operation();

    /** One try that never blocks: the result, at least 0; or {@link #AGAIN} or {@link #INTERRUPTED}. */
    abstract int attempt();

    /**
     * The try that opens a wait ({@link WaitLoop#await}), which must tell a wait from an error;
     * {@link #attempt()} unless a later try differs.
     */
    int firstAttempt() {
        return attempt();
    }

    /**
     * Throws if the wait must end early: a socket closed by another thread or by its context, a
     * poller closed. (Interrupts are the loop's to check.)
     */
    abstract void checkOpen();

    /**
     * Starts the spin phase of a wait.
     *
     * @param now {@code System.nanoTime()}
     * @return until when to spin; {@code now} to park at once
     */
    abstract long spinUntil(long now);

    /** The spin policy that learns from this wait's outcome. */
    abstract SpinPolicy spinPolicy();

    /**
     * Names the descriptors to watch.
     *
     * @return {@code false} if there are none (thread-safe draft sockets): the thread then sleeps briefly
     */
    abstract boolean watch(Watches watches);

    /** Publishes who ends this wait early, for a close from another thread; {@code null} when it ends. */
    abstract void publish(Waking waking);
}
