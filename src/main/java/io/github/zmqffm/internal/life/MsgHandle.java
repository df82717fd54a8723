package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The lifetime of one message's {@code zmq_msg_t}: admission of one thread at a time, a close
 * that any thread may ask for at any moment, the data view that must die before the content it
 * shows, and the cleaner that closes a message nobody closed.
 *
 * <p>A close that finds a thread inside does not wait for it: that thread may be blocked in a
 * socket's receive into this message, which only the socket can end. The holder closes the
 * message as it leaves instead ({@link Guard#closeOrDefer()}); a receive that was under way then
 * reports its frame lost.
 */
public final class MsgHandle extends Guard {
    /** The zmq_msg_t; initialized (possibly empty) whenever the message is open and idle. */
    public final MemorySegment msg;
    private final MsgCleaner closer;
    private final ContentView view;

    /**
     * Makes an empty message.
     *
     * @param owner the object whose becoming garbage closes the message, and that every data view
     *              keeps reachable
     */
    public MsgHandle(Object owner) {
        super(false);
        Native.load();
        msg = Arena.ofAuto().allocate(zmq_msg_t.layout().byteSize(), 8);
        LibZmq.msgInit(msg);
        closer = MsgCleaner.register(owner, msg, Leaks.creationSite("Message"));
        view = new ContentView(owner);
    }

    /**
     * Enters a call.
     *
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public void enter() {
        if (!tryEnter()) {
            throw refusal();
        }
    }

    /**
     * Enters this message for a multipart receive that holds several messages at once.
     *
     * @throws IllegalStateException if the message is closed, in use, or already entered by
     *         this receive (the same message twice in the list)
     */
    public void enterAgainRefused() {
        if (tryEnter()) {
            return;
        }
        if (heldByCurrentThread()) {
            throw new IllegalStateException("the same Message appears twice in the list; each frame needs its own");
        }
        throw refusal();
    }

    /**
     * Leaves a call; if another thread asked to close the message meanwhile, closes it now.
     *
     * @return {@code true} if the message was closed on the way out
     */
    public boolean leave() {
        if (!exitOrRelease()) {
            return false;
        }
        releaseNative();
        return true;
    }

    /**
     * Closes the message: at once if nobody is inside, else as the holder leaves. Idempotent,
     * callable from any thread, never blocks.
     */
    public void close() {
        if (closeOrDefer()) {
            releaseNative();
        }
    }

    /** The calling thread's view of the content; the caller is inside. */
    public MemorySegment view() {
        return view.of(msg);
    }

    /** Makes the data view inaccessible before the content changes; the caller is inside. */
    public void contentChanging() {
        view.drop(msg);
    }

    /**
     * Releases the content; the zmq_msg_t is closed afterwards and the caller initializes it
     * again. The caller is inside.
     */
    public void releaseContent() {
        contentChanging();
        LibZmq.msgClose(msg);
    }

    /** Why a call was refused. */
    public IllegalStateException refusal() {
        return isClosing() ? new IllegalStateException("message is closed")
                : inUse("message", "a Message must not be used by two threads at once");
    }

    /** The error of a receive whose message another thread closed meanwhile. */
    public static IllegalStateException lostFrame() {
        return new IllegalStateException("message was closed by another thread while a frame was received into it; "
                + "the frame is lost");
    }

    private void releaseNative() {
        contentChanging();
        closer.closeNow();
    }
}
