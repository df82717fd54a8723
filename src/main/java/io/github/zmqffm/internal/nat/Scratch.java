package io.github.zmqffm.internal.nat;

import io.github.zmqffm.raw.zmq_msg_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Per-thread native buffers for calls off the message path (options, endpoints), so that an
 * option get or set allocates no Arena.
 *
 * <p>The memory comes from an automatic arena: passing it to a downcall costs no atomic
 * acquire, and it is freed when the thread and this object are gone.
 */
public final class Scratch {
    /** Option values up to this size fit in {@link #value}; larger ones get their own arena. */
    public static final int VALUE_CAPACITY = 1024;
    /**
     * Frames up to this size travel between Java-side buffers and libzmq through {@link #frame()}
     * ({@code CopiedFrames}).
     */
    public static final int FRAME_CAPACITY = 8192;

    private static final ThreadLocal<Active> PER_THREAD = ThreadLocal.withInitial(Active::new);

    /**
     * The buffers a thread uses now: its own, or a callback's while one runs. A mutable holder,
     * so that entering and leaving a callback (once per zero-copy release) costs one thread-local
     * lookup instead of a lookup and two {@code ThreadLocal.set}s.
     */
    public static final class Active {
        private Scratch scratch = new Scratch(null);
    }

    public final MemorySegment capture;
    public final MemorySegment value;
    public final MemorySegment size;
    /**
     * Where {@code ZMQ_EVENTS} is read without errno ({@code SocketOptions.tryReadEvents}): the
     * events, and their length, set once, which libzmq writes back unchanged (an int's), so that
     * a wait that asks after each park makes no write of its own.
     */
    public final MemorySegment events;
    public final MemorySegment eventsSize;
    /** An initialized, empty zmq_msg_t that carries Java-side buffers to and from libzmq ({@code CopiedFrames}). */
    public final MemorySegment message;
    /** The buffers of a callback that runs while this thread is still inside libzmq; made on first need. */
    private Scratch nested;
    /** The buffers of the call a callback interrupted; {@code null} for a thread's own. */
    private final Scratch outer;
    /** The direct buffers this thread used last and their base addresses ({@code CopiedFrames}). */
    public final DirectBuffers directBuffers = new DirectBuffers();
    /** Where this thread's next search for a free zero-copy slot starts ({@code Releases}). */
    public int lendCursor;
    /** Native room for one small frame, made on first need: most threads send no Java-side buffers. */
    private MemorySegment frame;
    /**
     * The thread's automatic arena, which a callback's buffers share: they are made inside an
     * upcall, where a virtual thread cannot unmount, and a new automatic arena would join the
     * JDK's Cleaner list, a monitor other threads keep busy (JFR saw a virtual thread pinned
     * 2.6 ms there, releasing its first zero-copy message).
     */
    private final Arena arena;

    private Scratch(Scratch outer) {
        this.outer = outer;
        arena = outer == null ? Arena.ofAuto() : outer.arena;
        capture = Native.allocateCapture(arena);
        value = arena.allocate(VALUE_CAPACITY, 8);
        size = arena.allocate(ValueLayout.JAVA_LONG);
        events = arena.allocate(ValueLayout.JAVA_INT);
        eventsSize = arena.allocate(ValueLayout.JAVA_LONG);
        eventsSize.set(ValueLayout.JAVA_LONG, 0, Integer.BYTES);
        message = arena.allocate(zmq_msg_t.layout().byteSize(), 8);
        LibZmq.msgInit(message);
    }

    public static Scratch get() {
        return PER_THREAD.get().scratch;
    }

    /** {@return native memory for a frame of up to {@link #FRAME_CAPACITY} bytes} */
    public MemorySegment frame() {
        MemorySegment f = frame;
        if (f == null) {
            f = arena.allocate(FRAME_CAPACITY, 8);
            frame = f;
        }
        return f;
    }

    /**
     * Gives the calling thread fresh buffers for a callback that libzmq runs in the middle of one
     * of this thread's calls (a zero-copy release), so that the callback's own calls cannot
     * overwrite buffers the interrupted call still uses.
     *
     * @return what to pass to {@link #endCallback} afterwards
     */
    public static Active beginCallback() {
        Active active = PER_THREAD.get();
        Scratch current = active.scratch;
        if (current.nested == null) {
            current.nested = new Scratch(current);
        }
        active.scratch = current.nested;
        return active;
    }

    /** Gives the thread back the buffers of the call the callback interrupted. */
    public static void endCallback(Active active) {
        active.scratch = active.scratch.outer;
    }

    /**
     * Copies {@code text} as a NUL-terminated UTF-8 string into {@link #value}.
     *
     * @return the string, or {@code null} if it does not fit (the caller then allocates)
     */
    public MemorySegment cString(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length >= VALUE_CAPACITY) {
            return null;
        }
        MemorySegment.copy(utf8, 0, value, ValueLayout.JAVA_BYTE, 0, utf8.length);
        value.set(ValueLayout.JAVA_BYTE, utf8.length, (byte) 0);
        return value;
    }
}
