package io.github.zmqffm.internal.io;

import io.github.zmqffm.Errno;
import io.github.zmqffm.internal.life.MsgHandle;
import io.github.zmqffm.internal.life.Releases;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Lifetimes;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.function.Consumer;

/**
 * What can be done to a message's content ({@code zmq_msg_t}) outside a socket: read it, copy it
 * out, fill it, lend it native memory. Each operation holds the message for its duration.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * The calling thread's view of the content.
     *
     * @throws IllegalStateException if the message is closed or in use, or another thread closed it meanwhile
     */
    public static MemorySegment view(MsgHandle m) {
        m.enter();
        MemorySegment view;
        try {
            view = m.view();
        } finally {
            if (m.leave()) {
                throw new IllegalStateException("message was closed by another thread");
            }
        }
        return view;
    }

    /** {@return the content's size} */
    public static long size(MsgHandle m) {
        m.enter();
        try {
            return LibZmq.msgSize(m.msg);
        } finally {
            m.leave();
        }
    }

    /** {@return whether more frames of the same message follow} */
    public static boolean more(MsgHandle m) {
        m.enter();
        try {
            return LibZmq.msgMore(m.msg);
        } finally {
            m.leave();
        }
    }

    /** Copies the content into an array; returns the full size. */
    public static long copyTo(MsgHandle m, byte[] target) {
        return copyOut(m, target, 0, target.length);
    }

    /**
     * Copies the content into a segment; returns the full size.
     *
     * @throws UnsupportedOperationException if {@code target} is read-only
     */
    public static long copyTo(MsgHandle m, MemorySegment target) {
        if (target.isReadOnly()) {
            throw new UnsupportedOperationException("cannot copy into a read-only segment");
        }
        return copyOut(m, target, 0, target.byteSize());
    }

    /** Copies the content into a buffer's remaining space and advances its position; returns the full size. */
    public static long copyTo(MsgHandle m, ByteBuffer target) {
        if (target.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        Object base = HeapFrames.baseOf(target);
        long size = copyOut(m, base, HeapFrames.offsetOf(target, base), target.remaining());
        target.position(target.position() + (int) Math.min(size, target.remaining()));
        return size;
    }

    private static long copyOut(MsgHandle m, Object base, long offset, long capacity) {
        m.enter();
        try {
            return HeapFrames.storeFrom(m.msg, base, offset, capacity);
        } finally {
            m.leave();
        }
    }

    /**
     * The content as a new array.
     *
     * @throws IllegalStateException if it is larger than an array can be
     */
    public static byte[] toByteArray(MsgHandle m) {
        m.enter();
        try {
            return HeapFrames.toArray(m.msg, LibZmq.msgSize(m.msg), "use data()");
        } finally {
            m.leave();
        }
    }

    /** A metadata property ({@code zmq_msg_gets}), or {@code null} if the message does not carry it. */
    public static String property(MsgHandle m, String name) {
        m.enter();
        try {
            Scratch scratch = Scratch.get();
            MemorySegment cName = scratch.cString(name);
            if (cName == null) {
                return null;
            }
            MemorySegment value = LibZmq.msgGets(scratch.capture, m.msg, cName);
            return value.equals(MemorySegment.NULL) ? null : value.reinterpret(Long.MAX_VALUE).getString(0);
        } finally {
            m.leave();
        }
    }

    /** The routing id of a message a SERVER socket received (draft API); the caller checked it is there. */
    public static int routingId(MsgHandle m) {
        m.enter();
        try {
            return LibZmq.DraftMessages.routingId(m.msg);
        } finally {
            m.leave();
        }
    }

    /** Addresses a message to one peer of a SERVER socket (draft API). */
    public static void setRoutingId(MsgHandle m, int id) {
        m.enter();
        try {
            MemorySegment capture = Scratch.get().capture;
            if (LibZmq.DraftMessages.setRoutingId(capture, m.msg, id) < 0) {
                throw Errors.of("set routing id " + Integer.toUnsignedString(id), Native.errno(capture));
            }
        } finally {
            m.leave();
        }
    }

    /** The group of a message a DISH socket received (draft API). */
    public static String group(MsgHandle m) {
        m.enter();
        try {
            return LibZmq.DraftMessages.group(m.msg).reinterpret(Long.MAX_VALUE).getString(0);
        } finally {
            m.leave();
        }
    }

    /** Sets the group a RADIO socket publishes a message to (draft API). */
    public static void setGroup(MsgHandle m, String group) {
        m.enter();
        try {
            Scratch scratch = Scratch.get();
            MemorySegment cGroup = scratch.cString(group);
            if (cGroup == null || LibZmq.DraftMessages.setGroup(scratch.capture, m.msg, cGroup) < 0) {
                throw Errors.of("set group " + group,
                        cGroup == null ? Errno.EINVAL.code() : Native.errno(scratch.capture));
            }
        } finally {
            m.leave();
        }
    }

    /** Empties the message, releasing its content. */
    public static void clear(MsgHandle m) {
        m.enter();
        try {
            m.releaseContent();
            LibZmq.msgInit(m.msg);
        } finally {
            m.leave();
        }
    }

    /** Replaces the content with {@code size} bytes of libzmq memory, unspecified until written. */
    public static void allocate(MsgHandle m, long size) {
        fill(m, null, 0, size);
    }

    /** Replaces the content with a copy of part of an array. */
    public static void fill(MsgHandle m, byte[] data, int offset, int length) {
        fill(m, (Object) data, offset, length);
    }

    /** Replaces the content with a copy of a segment (heap or native). */
    public static void fill(MsgHandle m, MemorySegment data) {
        fill(m, data, 0, data.byteSize());
    }

    /** {@code base} is an array, a segment, or null for no copy (see {@link HeapFrames}). */
    private static void fill(MsgHandle m, Object base, long offset, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("message size " + size + " is negative");
        }
        m.enter();
        try {
            m.releaseContent();
            MemorySegment capture = Scratch.get().capture;
            if (LibZmq.msgInitSize(capture, m.msg, size) < 0) {
                int errno = Native.errno(capture);
                LibZmq.msgInit(m.msg);
                throw Errors.of("allocate a message of " + size + " bytes", errno);
            }
            if (base != null) {
                copyIn(m, base, offset, size);
            }
        } finally {
            m.leave();
        }
    }

    private static void copyIn(MsgHandle m, Object base, long offset, long size) {
        try {
            HeapFrames.load(base, offset, LibZmq.msgData(m.msg).address(), size);
        } catch (RuntimeException e) {
            LibZmq.msgEmpty(m.msg);
            throw e;
        }
    }

    /**
     * Replaces the content with {@code data} itself, lent to libzmq until it calls back, when the
     * memory's lifetime allows; otherwise with a copy, and {@code onRelease} is told at once.
     *
     * @throws IllegalArgumentException if {@code data} is a heap segment
     * @throws IllegalStateException if the segment's arena is already closed
     */
    public static void lend(MsgHandle m, MemorySegment data, Consumer<? super MemorySegment> onRelease) {
        Lifetimes.checkNative(data, "wrap");
        if (!Lifetimes.keptAliveByReference(data)) {
            fill(m, data);
            Releases.tell(onRelease, data);
            return;
        }
        m.enter();
        try {
            m.releaseContent();
            Scratch scratch = Scratch.get();
            MemorySegment capture = scratch.capture;
            MemorySegment hint = Releases.lend(scratch, data, onRelease);
            if (LibZmq.msgInitData(capture, m.msg, data, data.byteSize(), Releases.freeFunction(), hint) < 0) {
                int errno = Native.errno(capture);
                Releases.cancel(hint);
                LibZmq.msgInit(m.msg);
                throw Errors.of("wrap", errno);
            }
        } finally {
            m.leave();
        }
    }

    /** {@return size and flags, e.g. "5 bytes, more", without waiting for a busy message} */
    public static String describe(MsgHandle m) {
        if (!m.tryEnter()) {
            return m.isClosing() ? "closed" : "in use";
        }
        try {
            return LibZmq.msgSize(m.msg) + " bytes" + (LibZmq.msgMore(m.msg) ? ", more" : "");
        } finally {
            m.leave();
        }
    }
}
