package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

/**
 * Closes a {@code zmq_msg_t} exactly once: when its owner asks ({@link Cleaner.Cleanable#clean()}),
 * or on a daemon thread once the owner has become garbage, so that a message nobody closed does
 * not hold libzmq's buffer (or a zero-copy loan) forever.
 */
final class MsgCleaner {
    private static final Cleaner CLEANER = Cleaner.create();

    private MsgCleaner() {
    }

    /** Closes {@code msg} when {@code owner} is garbage, or earlier through the returned cleanable. */
    static Cleaner.Cleanable register(Object owner, MemorySegment msg) {
        return CLEANER.register(owner, new Close(msg));
    }

    /** The action; it refers to the struct only, never to its owner. */
    private record Close(MemorySegment msg) implements Runnable {
        @Override
        public void run() {
            LibZmq.msgClose(Scratch.get().capture, msg);
        }
    }
}
