package io.github.zmqffm.internal.life;

/**
 * Ends a wait from another thread: what a close, a context termination or an interrupt uses to
 * reach a thread blocked on a socket or poller. Implementations never block and never throw,
 * because they may run inside {@code Thread.interrupt()} or on a cleaner's thread.
 */
@FunctionalInterface
public interface Waking {
    /** Makes the waiting thread return from its wait soon; idempotent. */
    void wake();
}
