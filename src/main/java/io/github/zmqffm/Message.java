package io.github.zmqffm;

import io.github.zmqffm.internal.io.Messages;
import io.github.zmqffm.internal.io.MultipartIo;
import io.github.zmqffm.internal.io.SocketIo;
import io.github.zmqffm.internal.io.Utf8;
import io.github.zmqffm.internal.life.MsgHandle;
import io.github.zmqffm.internal.life.Releases;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Lifetimes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
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
 * {@link IllegalStateException}. Every method throws {@link IllegalStateException} if the
 * message is closed or in use by another thread. A message that is never closed is closed once it is garbage,
 * but its content (possibly megabytes received) is held until then: close it. With
 * {@code -Dzmq.leaks=track} such a message is reported, with where it was created, to the
 * {@link System.Logger} named {@code io.github.zmqffm.leaks}.
 */
public final class Message implements AutoCloseable {
    /** Frame {@code i} of a receive goes into {@code into.get(i)}, appended when the list is too short. */
    private static final MultipartIo.Slots<List<Message>> INTO_LIST = (into, index) -> {
        if (index == into.size()) {
            into.add(new Message());
        }
        Message message = into.get(index);
        if (message == null) {
            throw new NullPointerException("message " + index + " of the list is null");
        }
        return message.handle;
    };

    private final MsgHandle handle = new MsgHandle(this);

    /**
     * Creates an empty message, e.g. to receive into.
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public Message() {
        // The field initialiser makes the zmq_msg_t; declared to document what it throws.
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
        rebuild(size);
    }

    /**
     * A message holding a copy of {@code data}.
     *
     * @return a new message
     */
    public static Message of(byte[] data) {
        return new Message().rebuild(data);
    }

    /**
     * A message holding {@code text} encoded as UTF-8.
     *
     * @return a new message
     */
    public static Message of(String text) {
        return new Message().rebuild(text);
    }

    /**
     * A message holding a copy of {@code data} (heap or native).
     *
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
     * on the same thread return the same view. Should another thread change or close the message
     * while this thread still holds a view, the old content is kept alive, and readable through
     * the view, until the view is garbage.
     *
     * @return the content, writable (a message built with {@link #Message(long)} is filled this way)
     */
    public MemorySegment data() {
        return Messages.view(handle);
    }

    /** {@return the content's size in bytes} */
    public long size() {
        return Messages.size(handle);
    }

    /** {@return whether more frames of the same multipart message follow this one ({@code zmq_msg_more})} */
    public boolean more() {
        return Messages.more(handle);
    }

    /**
     * Copies the content into {@code target}; bytes beyond its length are dropped.
     *
     * @return the content's full size
     */
    public long copyTo(byte[] target) {
        return Messages.copyTo(handle, target);
    }

    /**
     * Copies the content into {@code target} (heap or native); bytes beyond its size are dropped.
     *
     * @return the content's full size
     * @throws UnsupportedOperationException if {@code target} is read-only
     */
    public long copyTo(MemorySegment target) {
        return Messages.copyTo(handle, target);
    }

    /**
     * Copies the content into a buffer's remaining space and advances its position.
     *
     * @return the content's full size
     * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
     */
    public long copyTo(ByteBuffer target) {
        return Messages.copyTo(handle, target);
    }

    /**
     * {@return a copy of the content as a new array}
     *
     * @throws IllegalStateException also if it is larger than an array can be
     */
    public byte[] toByteArray() {
        return Messages.toByteArray(handle);
    }

    /** {@return the content decoded as UTF-8} */
    public String text() {
        return Utf8.text(toByteArray());
    }

    /**
     * A metadata property of a received message ({@code zmq_msg_gets}): {@code "Socket-Type"}
     * and {@code "Routing-Id"} of the sender, {@code "Peer-Address"} (tcp, ipc),
     * {@code "User-Id"} (set by a ZAP handler), or an application property from
     * {@link SocketOption#METADATA}. Messages over inproc carry none.
     *
     * @param name the property name, spelled as above
     * @return its value, or {@code null} if the message does not carry it
     */
    public String property(String name) {
        return Messages.property(handle, Objects.requireNonNull(name, "name"));
    }

    /**
     * The routing id of a message received on a SERVER socket (draft API).
     *
     * @return the id, 0 if none
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     */
    public int routingId() {
        checkDraft("routingId()", "zmq_msg_routing_id");
        return Messages.routingId(handle);
    }

    /**
     * Addresses a message to one peer of a SERVER socket (draft API).
     *
     * @param id a routing id received earlier, not 0
     * @return this message
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     * @throws ZmqException EINVAL if libzmq refuses the id
     */
    public Message setRoutingId(int id) {
        checkDraft("setRoutingId(int)", "zmq_msg_set_routing_id");
        Messages.setRoutingId(handle, id);
        return this;
    }

    /**
     * The group of a message received on a DISH socket (draft API).
     *
     * @return the group, empty if none
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     */
    public String group() {
        checkDraft("group()", "zmq_msg_group");
        return Messages.group(handle);
    }

    /**
     * Sets the group a RADIO socket publishes this message to (draft API).
     *
     * @param group at most {@code ZMQ_GROUP_MAX_LENGTH} bytes of UTF-8
     * @return this message
     * @throws UnsupportedOperationException if the loaded libzmq lacks the draft API
     * @throws ZmqException EINVAL if the group is too long
     */
    public Message setGroup(String group) {
        Objects.requireNonNull(group, "group");
        checkDraft("setGroup(String)", "zmq_msg_set_group");
        Messages.setGroup(handle, group);
        return this;
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
     */
    public Message rebuild() {
        Messages.clear(handle);
        return this;
    }

    /**
     * Replaces the content with {@code size} bytes of libzmq memory, to be filled through {@link #data()}.
     *
     * @param size the new size; the content is unspecified until written
     * @return this message
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(long size) {
        Messages.allocate(handle, size);
        return this;
    }

    /**
     * Replaces the content with a copy of {@code data}.
     *
     * @return this message
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(byte[] data) {
        Messages.fill(handle, data, 0, data.length);
        return this;
    }

    /**
     * Replaces the content with {@code text} in UTF-8.
     *
     * @return this message
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(String text) {
        return rebuild(Utf8.bytes(text));
    }

    /**
     * Replaces the content with a copy of {@code data} (heap or native).
     *
     * @return this message
     * @throws IllegalStateException also if the segment's arena is closed
     * @throws ZmqException ENOMEM if libzmq cannot allocate it
     */
    public Message rebuild(MemorySegment data) {
        Messages.fill(handle, data);
        return this;
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
     * @throws IllegalStateException also if the segment's arena is already closed
     * @throws ZmqException ENOMEM if libzmq cannot allocate its bookkeeping
     */
    public Message rebuild(MemorySegment data, Consumer<? super MemorySegment> onRelease) {
        Messages.lend(handle, data, Objects.requireNonNull(onRelease, "onRelease"));
        return this;
    }

    // ---------------------------------------------------------------- lifetime

    /** {@return whether {@link #close()} has been called (the message may still be closing at the end of another thread's call)} */
    public boolean isClosed() {
        return handle.isClosing();
    }

    /**
     * Releases the content and the message. Idempotent and callable from any thread; if
     * another thread is inside a call on this message, the message is closed as that call
     * returns (a receive that was under way then throws, as its frame is lost).
     */
    @Override
    public void close() {
        handle.close();
    }

    /** {@return size and flags, e.g. "Message[5 bytes, more]", without touching a busy message} */
    @Override
    public String toString() {
        return "Message[" + Messages.describe(handle) + "]";
    }

    /** The engine's side of this message, for sockets. */
    MsgHandle handle() {
        return handle;
    }

    /**
     * Receives a whole message into reusable messages, for {@link Socket#receiveMultipart(List)}:
     * frame {@code i} into {@code into.get(i)}, appended when the list is too short.
     */
    static int receiveInto(SocketIo io, List<Message> into, long timeout) {
        return io.receiveMultipart(Objects.requireNonNull(into, "into"), INTO_LIST, timeout);
    }
}
