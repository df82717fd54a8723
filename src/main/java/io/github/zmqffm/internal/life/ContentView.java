package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.function.Consumer;

/**
 * The {@code Message.data()} view of a message's current content, and its end.
 *
 * <p>A view must become inaccessible before libzmq frees what it shows, which only closing its
 * arena achieves. A shared arena's close costs a handshake with every thread (tens of
 * microseconds), far too much per message; a confined arena's close is nearly free but only
 * its owner thread may do it. So each content gets a confined arena of the thread that asked
 * for the view. When the content changes on that thread, the arena is closed. When it changes
 * on another thread, which cannot close it, the content is kept alive instead (a counted
 * reference, {@code zmq_msg_copy}) until the view is garbage: the old view then stays readable
 * but never reads freed memory. Every method runs while the caller holds the message.
 */
final class ContentView {
    /** Kept by every view's arena, so that a view of inline content never outlives the zmq_msg_t. */
    private final Consumer<MemorySegment> keepAlive;
    private Arena arena;
    private MemorySegment view;
    private Thread owner;

    ContentView(Object owner) {
        keepAlive = ignored -> Reference.reachabilityFence(owner);
    }

    /** The calling thread's view of {@code msg}'s content, made on first need. */
    MemorySegment of(MemorySegment msg) {
        if (view == null || owner != Thread.currentThread()) {
            drop(msg);
            Arena confined = Arena.ofConfined();
            view = LibZmq.msgData(msg).reinterpret(LibZmq.msgSize(msg), confined, keepAlive);
            arena = confined;
            owner = Thread.currentThread();
        }
        return view;
    }

    /** Makes the current view inaccessible before the content of {@code msg} goes away. */
    void drop(MemorySegment msg) {
        Arena confined = arena;
        if (confined == null) {
            return;
        }
        MemorySegment stale = view;
        boolean ours = owner == Thread.currentThread();
        arena = null;
        view = null;
        owner = null;
        if (ours) {
            confined.close();
        } else {
            MemorySegment keeper = Arena.ofAuto().allocate(zmq_msg_t.layout().byteSize(), 8);
            MemorySegment capture = Scratch.get().capture;
            LibZmq.msgInit(keeper);
            LibZmq.msgCopy(capture, keeper, msg);
            MsgCleaner.register(stale.scope(), keeper, null);
        }
    }
}
