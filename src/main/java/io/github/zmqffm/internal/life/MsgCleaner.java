package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Scratch;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

/**
 * Closes a {@code zmq_msg_t} exactly once: when its owner asks ({@link #closeNow()}), or on the
 * cleaner's thread once the owner has become garbage, so that a message nobody closed does not
 * hold libzmq's buffer (or a zero-copy loan) forever. Closing a message from another thread is
 * safe: a garbage owner has no thread inside it, and the cleaner's hand-over is a full barrier.
 *
 * <p>It refers to the struct only, never to its owner, or the owner would never become garbage.
 */
final class MsgCleaner implements Runnable {
    private final MemorySegment msg;
    /** Where the owning message was created; non-null only when leaks are tracked and reported. */
    private final Throwable site;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closedByOwner;

    private MsgCleaner(Object owner, MemorySegment msg, Throwable site) {
        this.msg = msg;
        this.site = site;
        this.cleanable = Leaks.CLEANER.register(owner, this);
    }

    /**
     * Closes {@code msg} when {@code owner} is garbage, or earlier through {@link #closeNow()}.
     *
     * @param site where the owner was created, to report it if it is never closed; null to stay silent
     */
    static MsgCleaner register(Object owner, MemorySegment msg, Throwable site) {
        return new MsgCleaner(owner, msg, site);
    }

    /** Closes the struct now, on the calling thread, which owns the message. */
    void closeNow() {
        closedByOwner = true;
        cleanable.clean();
    }

    @Override
    public void run() {
        if (site != null && !closedByOwner) {
            Leaks.report("a Message was not closed; the garbage collector closed it", site);
        }
        LibZmq.msgClose(msg);
    }
}
