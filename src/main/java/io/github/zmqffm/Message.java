package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One frame in libzmq's own memory (a {@code zmq_msg_t}): sent and received without copying,
 * and reusable, so that a loop over messages allocates nothing.
 *
 * {@snippet :
 * try (Message msg = new Message()) {
 *     while (pull.receive(msg)) {          // libzmq's buffer, no copy
 *         long n = msg.copyTo(buffer);     // or read msg.data() in place
 *     }
 * }
 * }
 *
 * <h2>Content</h2>
 * {@link Socket#send(Message)} hands the content to libzmq and leaves the message empty, as
 * {@code zmq_msg_send} does; {@link Socket#receive(Message)} replaces the content with the next
 * frame. {@link #data()} is a view of libzmq's buffer: it is valid until the content changes
 * (send, receive, rebuild) or the message is closed, and from then on any access to it throws
 * {@link IllegalStateException}, so it never reads freed memory. The copying accessors
 * ({@link #copyTo(byte[])}, {@link #copyTo(MemorySegment)}, {@link #size()}, {@link #more()})
 * allocate nothing; {@link #data()} costs a small confined arena per content.
 *
 * <h2>Zero-copy sends</h2>
 * {@link #wrap(MemorySegment, Consumer)} gives libzmq a caller's native memory without a copy
 * and tells the caller when libzmq has let go of it; see there for which memory qualifies.
 *
 * <h2>Threads and lifetime</h2>
 * A message may move between threads but must not be used by two at once; a second concurrent
 * caller gets {@link IllegalStateException}. {@link #close()} is idempotent and may be called
 * from any thread: if another thread is inside a call on the message at that moment, that call
 * finishes and the message is closed as it returns. Any use after close throws
 * {@link IllegalStateException}. A message that is never closed is closed once it is garbage,
 * but its content (possibly megabytes received) is held until then: close it. With
 * {@code -Dzmq.leaks=track} such a message is reported, with where it was created, to the
 * {@link System.Logger} named {@code io.github.zmqffm.leaks}.
 */
public final class Message extends Guard implements AutoCloseable {
    private static final int CLOSED = -1;
    private static final int CLOSE_REQUESTED = -2;

    /** The zmq_msg_t; initialized (possibly empty) whenever the message is open and idle. */
    final MemorySegment msg;
    private final MsgCleaner closer;
    private final ContentView view = new ContentView(this);

    /**
     * Creates an empty message, e.g. to receive into.
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public Message() {
        Native.load();
        msg = Arena.ofAuto().allocate(zmq_msg_t.layout().byteSize(), 8);
        LibZmq.msgInit(Scratch.get().capture, msg);
        closer = MsgCleaner.register(this, msg, Leaks.creationSite("Message"));
    }

    /**
     * Creates a message of {@code size} bytes in memory libzmq allocates, to be filled through
     * {@link #data()} and sent without a further copy.
     *
     * @param size the size in bytes; the content is unspecified until written
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message(long size) {
        this();
        rebuild(size);
    }

    /**
     * A message holding a copy of {@code data}.
     *
     * @param data the content
     * @return a new message
     * @throws NullPointerException if {@code data} is null
     */
    public static Message of(byte[] data) {
        return new Message().rebuild(data);
    }

    /**
     * A message holding {@code text} encoded as UTF-8.
     *
     * @param text the content
     * @return a new message
     * @throws NullPointerException if {@code text} is null
     */
    public static Message of(String text) {
        return new Message().rebuild(text);
    }

    /**
     * A message holding a copy of {@code data} (heap or native).
     *
     * @param data the content
     * @return a new message
     * @throws IllegalStateException if the segment's arena is closed
     */
    public static Message of(MemorySegment data) {
        return new Message().rebuild(data);
    }

    /**
     * A message whose content is {@code data} itself: libzmq sends from that memory without
     * copying it, and {@code onRelease} receives {@code data} once libzmq no longer needs it,
     * after which the caller may reuse or free it.
     *
     * {@snippet :
     * MemorySegment frame = Arena.ofAuto().allocate(1 << 20);
     * // ... fill frame ...
     * try (Message msg = Message.wrap(frame, released -> pool.offer(released))) {
     *     push.send(msg);
     * }
     * }
     *
     * <p><b>Which memory is sent without a copy.</b> libzmq reads the memory on its own threads
     * until it calls back, and nothing may free it meanwhile. The binding holds a reference to
     * {@code data} until then, which keeps memory of {@link Arena#global()}, of an
     * {@link Arena#ofAuto() automatic arena} and of a direct {@link ByteBuffer} valid: such
     * memory is lent, not copied (then {@code data().address() == data.address()}). Memory of an
     * arena that can be closed ({@link Arena#ofConfined()}, {@link Arena#ofShared()}, a custom
     * arena) cannot be pinned by the FFM API: closing that arena early would make libzmq read
     * freed memory and crash the process. Such memory is therefore copied into libzmq's own
     * buffer, and {@code onRelease} runs at once, before this method returns; the arena may then
     * be closed at any time. Memory made accessible with {@code reinterpret} is trusted to stay
     * valid as the caller asserted.
     *
     * <p><b>Where {@code onRelease} runs.</b> On the thread on which libzmq drops its last
     * reference: a libzmq I/O thread (tcp, ipc), the receiving thread (inproc, when the receiver
     * closes or reuses its message), or the thread that closes the socket, context or message.
     * Keep it short and non-blocking, and do not use sockets or messages from it. Exceptions it
     * throws go to that thread's uncaught-exception handler. It runs exactly once, also when the
     * message is dropped unsent (socket closed, LINGER expired, no peer for a PUB).
     *
     * @param data native memory to send; read-only segments are fine (libzmq only reads)
     * @param onRelease told, once, that libzmq no longer needs {@code data}
     * @return a new message
     * @throws IllegalArgumentException if {@code data} is a heap segment (libzmq cannot hold heap memory)
     * @throws IllegalStateException if the segment's arena is already closed
     * @throws ZmqException ENOMEM if libzmq cannot allocate its bookkeeping
     */
    public static Message wrap(MemorySegment data, Consumer<? super MemorySegment> onRelease) {
        Lifetimes.checkNative(data, "wrap");
        Objects.requireNonNull(onRelease, "onRelease");
        Message message = new Message();
        try {
            return message.rebuild(data, onRelease);
        } catch (RuntimeException | Error e) {
            message.close();
            throw e;
        }
    }

    /**
     * Like {@link #wrap(MemorySegment, Consumer)} for a caller that needs no release notice:
     * memory of the global or an automatic arena, or a direct buffer.
     *
     * @param data native memory to send
     * @return a new message
     * @throws IllegalArgumentException if {@code data} is a heap segment
     * @throws IllegalStateException if the segment's arena is already closed
     * @throws ZmqException ENOMEM if libzmq cannot allocate its bookkeeping
     */
    public static Message wrap(MemorySegment data) {
        return wrap(data, Releases.NOBODY);
    }

    // ---------------------------------------------------------------- reading

    /**
     * A view of the content in libzmq's buffer, without a copy. The view is confined to the
     * calling thread (call {@code data()} again on another thread) and becomes inaccessible
     * when the content changes or the message is closed; repeated calls for the same content
     * on the same thread return the same view.
     *
     * <p>Should another thread change or close the message while this thread still holds a
     * view, that thread cannot close this thread's confined view; the old content is then kept
     * alive, and readable through the view, until the view is garbage.
     *
     * @return the content, writable (a message built with {@link #Message(long)} is filled this way)
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public MemorySegment data() {
        enter();
        MemorySegment current;
        boolean closedMeanwhile;
        try {
            current = view.of(msg);
        } finally {
            closedMeanwhile = leave();
        }
        if (closedMeanwhile) {
            throw new IllegalStateException("message was closed by another thread");
        }
        return current;
    }

    /**
     * The content's size.
     *
     * @return bytes
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public long size() {
        enter();
        try {
            return LibZmq.msgSize(msg);
        } finally {
            leave();
        }
    }

    /**
     * Whether more frames of the same multipart message follow this one (after a receive).
     *
     * @return {@code zmq_msg_more}
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public boolean more() {
        enter();
        try {
            return LibZmq.msgMore(msg);
        } finally {
            leave();
        }
    }

    /**
     * Copies the content into {@code target}; bytes beyond its length are dropped.
     *
     * @param target where to copy
     * @return the content's full size (larger than {@code target.length} if truncated)
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public long copyTo(byte[] target) {
        return copyOut(target, 0, target.length);
    }

    /**
     * Copies the content into {@code target}; bytes beyond its size are dropped.
     *
     * @param target where to copy (heap or native)
     * @return the content's full size (larger than the segment if truncated)
     * @throws IllegalStateException if the message or the segment's arena is closed, or the
     *         message is in use by another thread
     * @throws UnsupportedOperationException if {@code target} is read-only
     */
    public long copyTo(MemorySegment target) {
        return copyOut(target, 0, target.byteSize());
    }

    /**
     * Copies the content into a buffer's remaining space and advances its position by the bytes
     * copied.
     *
     * @param target where to copy (heap or direct)
     * @return the content's full size (larger than the space if truncated)
     * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public long copyTo(ByteBuffer target) {
        Frames.checkWritable(target);
        try {
            Object base = CopiedFrames.baseOf(target);
            long size = copyOut(base, CopiedFrames.offsetOf(target, base), target.remaining());
            target.position(target.position() + (int) Math.min(size, target.remaining()));
            return size;
        } finally {
            Reference.reachabilityFence(target);
        }
    }

    /** Copies up to {@code capacity} bytes of content to a Java-side buffer; returns the full size. */
    private long copyOut(Object base, long offset, long capacity) {
        enter();
        try {
            long size = LibZmq.msgSize(msg);
            CopiedFrames.store(LibZmq.msgData(msg).address(), base, offset, Math.min(size, capacity));
            return size;
        } finally {
            leave();
        }
    }

    /**
     * The content as a new array.
     *
     * @return a copy of the content
     * @throws IllegalStateException if the message is closed, in use by another thread, or
     *         larger than an array can be
     */
    public byte[] toByteArray() {
        enter();
        try {
            long size = LibZmq.msgSize(msg);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a frame of " + size + " bytes does not fit a byte[]; use data()");
            }
            byte[] copy = new byte[(int) size];
            CopiedFrames.store(LibZmq.msgData(msg).address(), copy, 0, size);
            return copy;
        } finally {
            leave();
        }
    }

    /**
     * The content decoded as UTF-8.
     *
     * @return the text
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public String text() {
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * A metadata property of a received message ({@code zmq_msg_gets}): {@code "Socket-Type"}
     * and {@code "Routing-Id"} of the sender, {@code "Peer-Address"} (tcp, ipc),
     * {@code "User-Id"} (set by a ZAP handler), or an application property from
     * {@link SocketOption#METADATA}. Messages over inproc carry none.
     *
     * @param name the property name, spelled as above
     * @return its value, or {@code null} if the message does not carry it
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public String property(String name) {
        Objects.requireNonNull(name, "name");
        enter();
        try {
            Scratch scratch = Scratch.get();
            MemorySegment cName = scratch.cString(name);
            if (cName == null) {
                return null;
            }
            MemorySegment value = LibZmq.msgGets(scratch.capture, msg, cName);
            return value.equals(MemorySegment.NULL) ? null : value.reinterpret(Long.MAX_VALUE).getString(0);
        } finally {
            leave();
        }
    }

    /**
     * The routing id of a message received on a SERVER socket (draft API).
     *
     * @return the id, 0 if none
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public int routingId() {
        checkDraft("routingId()", "zmq_msg_routing_id");
        enter();
        try {
            return LibZmq.DraftMessages.routingId(msg);
        } finally {
            leave();
        }
    }

    /**
     * Addresses a message to one peer of a SERVER socket (draft API).
     *
     * @param id a routing id received earlier, not 0
     * @return this message
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     * @throws ZmqException EINVAL if libzmq refuses the id
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public Message setRoutingId(int id) {
        checkDraft("setRoutingId(int)", "zmq_msg_set_routing_id");
        enter();
        try {
            MemorySegment capture = Scratch.get().capture;
            if (LibZmq.DraftMessages.setRoutingId(capture, msg, id) < 0) {
                throw ZmqException.of("set routing id " + Integer.toUnsignedString(id), Native.errno(capture));
            }
            return this;
        } finally {
            leave();
        }
    }

    /**
     * The group of a message received on a DISH socket (draft API).
     *
     * @return the group, empty if none
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public String group() {
        checkDraft("group()", "zmq_msg_group");
        enter();
        try {
            return LibZmq.DraftMessages.group(msg).reinterpret(Long.MAX_VALUE).getString(0);
        } finally {
            leave();
        }
    }

    /**
     * Sets the group a RADIO socket publishes this message to (draft API).
     *
     * @param group at most {@code ZMQ_GROUP_MAX_LENGTH} bytes of UTF-8
     * @return this message
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     * @throws ZmqException EINVAL if the group is too long
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public Message setGroup(String group) {
        Objects.requireNonNull(group, "group");
        checkDraft("setGroup(String)", "zmq_msg_set_group");
        enter();
        try {
            Scratch scratch = Scratch.get();
            MemorySegment cGroup = scratch.cString(group);
            if (cGroup == null || LibZmq.DraftMessages.setGroup(scratch.capture, msg, cGroup) < 0) {
                throw ZmqException.of("set group " + group, cGroup == null ? Errno.EINVAL.code() : Native.errno(scratch.capture));
            }
            return this;
        } finally {
            leave();
        }
    }

    private static void checkDraft(String method, String function) {
        if (!LibZmq.DraftMessages.AVAILABLE) {
            throw new UnsupportedOperationException(method + " needs " + function + ", a draft function that the "
                    + "loaded libzmq " + Zmq.version() + " does not export (it was built without the draft API)");
        }
    }

    // ---------------------------------------------------------------- rebuilding

    /**
     * Empties the message, releasing its content.
     *
     * @return this message
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public Message rebuild() {
        enter();
        try {
            release();
            LibZmq.msgInit(Scratch.get().capture, msg);
            return this;
        } finally {
            leave();
        }
    }

    /**
     * Replaces the content with {@code size} bytes of libzmq memory, to be filled through {@link #data()}.
     *
     * @param size the new size; the content is unspecified until written
     * @return this message
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     * @throws IllegalStateException if the message is closed or in use by another thread
     */
    public Message rebuild(long size) {
        return fill(null, 0, size);
    }

    /**
     * Replaces the content with a copy of {@code data}.
     *
     * @param data the new content
     * @return this message
     * @throws IllegalStateException if the message is closed or in use by another thread
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(byte[] data) {
        return fill(data, 0, data.length);
    }

    /**
     * Replaces the content with {@code text} in UTF-8.
     *
     * @param text the new content
     * @return this message
     * @throws IllegalStateException if the message is closed or in use by another thread
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(String text) {
        return rebuild(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces the content with a copy of {@code data} (heap or native).
     *
     * @param data the new content
     * @return this message
     * @throws IllegalStateException if the message or the segment's arena is closed, or the
     *         message is in use by another thread
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(MemorySegment data) {
        return fill(data, 0, data.byteSize());
    }

    /**
     * Replaces the content with {@code data} itself, without a copy, as
     * {@link #wrap(MemorySegment, Consumer)} does: the way to send zero-copy buffers through
     * one reused message.
     *
     * @param data native memory to send
     * @param onRelease told, once, that libzmq no longer needs {@code data}
     * @return this message
     * @throws IllegalArgumentException if {@code data} is a heap segment
     * @throws IllegalStateException if the segment's arena is already closed, or the message is
     *         closed or in use by another thread
     * @throws ZmqException ENOMEM if libzmq cannot allocate its bookkeeping
     */
    public Message rebuild(MemorySegment data, Consumer<? super MemorySegment> onRelease) {
        Lifetimes.checkNative(data, "wrap");
        Objects.requireNonNull(onRelease, "onRelease");
        if (!Lifetimes.keptAliveByReference(data)) {
            fill(data, 0, data.byteSize());
            Releases.tell(onRelease, data);
            return this;
        }
        enter();
        try {
            release();
            Scratch scratch = Scratch.get();
            MemorySegment capture = scratch.capture;
            MemorySegment hint = Releases.lend(scratch, data, onRelease);
            if (LibZmq.msgInitData(capture, msg, data, data.byteSize(), Releases.FREE_FN, hint) < 0) {
                int errno = Native.errno(capture);
                Releases.cancel(hint);
                LibZmq.msgInit(capture, msg);
                throw ZmqException.of("wrap", errno);
            }
            return this;
        } finally {
            leave();
        }
    }

    /**
     * Replaces the content with {@code size} new bytes, copied from a Java-side buffer
     * ({@link CopiedFrames#load}) unless {@code base} is null.
     */
    private Message fill(Object base, long offset, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("message size " + size + " is negative");
        }
        enter();
        try {
            release();
            MemorySegment capture = Scratch.get().capture;
            if (LibZmq.msgInitSize(capture, msg, size) < 0) {
                int errno = Native.errno(capture);
                LibZmq.msgInit(capture, msg);
                throw ZmqException.of("allocate a message of " + size + " bytes", errno);
            }
            if (base != null) {
                copyIn(base, offset, size);
            }
            return this;
        } finally {
            leave();
        }
    }

    private void copyIn(Object base, long offset, long size) {
        try {
            CopiedFrames.load(base, offset, LibZmq.msgData(msg).address(), size);
        } catch (RuntimeException e) {
            release();
            LibZmq.msgInit(Scratch.get().capture, msg);
            throw e;
        }
    }

    // ---------------------------------------------------------------- sockets

    /**
     * Sends or receives this message's content on a socket ({@link SocketIo#MSG_SEND} or
     * {@link SocketIo#MSG_RECV}), holding the socket for the call.
     *
     * @return libzmq's result, or -1 if the time ran out
     */
    int transfer(SocketHandle socket, int op, int flags, long timeoutMillis) {
        enter();
        int rc = -1;
        try {
            dropView();
            rc = SocketIo.transfer(socket, op, msg, 0, flags, timeoutMillis);
            return rc;
        } finally {
            if (leave() && rc >= 0 && op == SocketIo.MSG_RECV) {
                throw lostFrame();
            }
        }
    }

    /**
     * Receives one frame of a multipart message into this message, for a caller that holds the
     * socket and entered this message with {@link #enterForMultipart()}.
     *
     * @return -1 if the time ran out, 1 if more frames follow, 0 for the last
     */
    int receiveHeld(SocketHandle socket, long timeoutMillis) {
        dropView();
        if (SocketIo.transferHeld(socket, SocketIo.MSG_RECV, msg, 0, 0, timeoutMillis) < 0) {
            return -1;
        }
        return LibZmq.msgMore(msg) ? 1 : 0;
    }

    /**
     * Enters this message for a multipart receive that holds several messages at once.
     *
     * @throws IllegalStateException if the message is closed, in use, or already entered by
     *         this receive (the same message twice in the list)
     */
    void enterForMultipart() {
        if (tryEnter()) {
            return;
        }
        if (heldByCurrentThread()) {
            throw new IllegalStateException("the same Message appears twice in the list; each frame needs its own");
        }
        throw refusal();
    }

    /** Leaves after {@link #enterForMultipart()}; throws if the message was closed meanwhile. */
    void exitAfterMultipart(boolean received) {
        if (leave() && received) {
            throw lostFrame();
        }
    }

    private static IllegalStateException lostFrame() {
        return new IllegalStateException("message was closed by another thread while a frame was received into it; "
                + "the frame is lost");
    }

    // ---------------------------------------------------------------- guard and lifetime

    private void enter() {
        if (!tryEnter()) {
            throw refusal();
        }
    }

    private IllegalStateException refusal() {
        return state() < 0 ? new IllegalStateException("message is closed")
                : inUse("message", "a Message must not be used by two threads at once");
    }

    /**
     * Leaves a call; if another thread asked to close the message meanwhile, closes it now.
     *
     * @return {@code true} if the message was closed on the way out
     */
    private boolean leave() {
        if (tryExit()) {
            return false;
        }
        releaseNative();
        return true;
    }

    /** Releases the content (the zmq_msg_t is then closed, to be initialized by the caller). */
    private void release() {
        dropView();
        LibZmq.msgClose(Scratch.get().capture, msg);
    }

    /** Makes the current view inaccessible before the content it shows goes away. */
    private void dropView() {
        view.drop(msg);
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closed (or closing at the end of another thread's call)
     */
    public boolean isClosed() {
        return state() < 0;
    }

    /**
     * Releases the content and the message. Idempotent and callable from any thread; if
     * another thread is inside a call on this message, the message is closed as that call
     * returns (a receive that was under way then throws, as its frame is lost).
     */
    @Override
    public void close() {
        while (true) {
            int s = state();
            if (s == IDLE && compareAndSetState(IDLE, CLOSED)) {
                releaseNative();
                return;
            }
            if (s == HELD && compareAndSetState(HELD, CLOSE_REQUESTED)) {
                return;
            }
            if (s < 0) {
                return;
            }
        }
    }

    /** Closes the zmq_msg_t; the caller owns the message (by CAS to CLOSED, or as the holder). */
    private void releaseNative() {
        try {
            dropView();
            closer.closeNow();
        } finally {
            setState(CLOSED);
        }
    }

    /** {@return size and flags, e.g. "Message[5 bytes, more]", without touching a busy message} */
    @Override
    public String toString() {
        if (!tryEnter()) {
            return state() < 0 ? "Message[closed]" : "Message[in use]";
        }
        try {
            return "Message[" + LibZmq.msgSize(msg) + " bytes" + (LibZmq.msgMore(msg) ? ", more]" : "]");
        } finally {
            leave();
        }
    }
}
