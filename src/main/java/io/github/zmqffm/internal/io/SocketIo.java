package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.io.Transfer.Op;
import io.github.zmqffm.internal.life.MsgHandle;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Lifetimes;
import io.github.zmqffm.internal.opt.OptionSpec;
import io.github.zmqffm.internal.opt.SocketOptions;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Objects;

/**
 * Everything a socket's calls do, and the one place they take the socket's guard: options,
 * endpoints, and every shape of send and receive, each routed once by what it carries (Java
 * heap memory through {@link HeapFrames}, native memory straight to libzmq, a message's
 * {@code zmq_msg_t}). A call tries once without blocking; only if libzmq says EAGAIN does the
 * {@link WaitLoop} take over.
 *
 * <p>Timeouts are in milliseconds as {@link Timeouts} defines them. {@code flags} carry
 * {@code ZMQ_SNDMORE} only.
 */
public final class SocketIo implements Watched, Transfers {
    private static final int LINGER = zmq_h.ZMQ_LINGER();
    private static final int RCVTIMEO = zmq_h.ZMQ_RCVTIMEO();
    private static final int SNDTIMEO = zmq_h.ZMQ_SNDTIMEO();

    final SocketHandle handle;
    final SpinPolicy spin;
    /** The wait of an exclusive socket's call; thread-safe sockets make one per call. */
    private final Transfer transfer;
    /** RCVTIMEO and SNDTIMEO as last set, in milliseconds (-1: forever). */
    private int receiveTimeout = -1;
    private int sendTimeout = -1;
    /** ZMQ_FD, read at the socket's first wait. */
    private int fd = -1;
    private Reactor.Registration registration;
    /**
     * The arrays a send and a receive passed to libzmq themselves last ({@link #tryArray}), and
     * the segments made for them ({@link #segmentOf}).
     */
    private byte[] sentArray;
    private MemorySegment sentSegment;
    private byte[] receivedArray;
    private MemorySegment receivedSegment;

    static {
        FirstUse.prepare();   // before any socket exists (see FirstUse)
    }

    /** The I/O of a socket made by its context. */
    public SocketIo(SocketHandle handle) {
        this.handle = handle;
        this.spin = new SpinPolicy(handle.context);
        this.transfer = handle.type.isThreadSafe() ? null : new Transfer(handle, spin, this);
    }

    /** {@return the socket's native half, for its lifetime} */
    public SocketHandle handle() {
        return handle;
    }

    // ---------------------------------------------------------------- options and endpoints

    /**
     * Sets a checked option value. LINGER is also accepted once the context is terminating, as
     * libzmq accepts it then, and applied when the socket is closed.
     */
    public void set(OptionSpec option, Object value) {
        if (option.id() == LINGER && handle.isTerminated()) {
            handle.setLingerWhileTerminating((Integer) value);
            return;
        }
        handle.enter("set", option.name());
        try {
            SocketOptions.write(handle, option, value);
            if (option.id() == LINGER) {
                handle.lingerSet((Integer) value);
            } else if (option.id() == RCVTIMEO) {
                receiveTimeout = (Integer) value;
            } else if (option.id() == SNDTIMEO) {
                sendTimeout = (Integer) value;
            }
        } finally {
            handle.leave();
        }
    }

    /** Reads a readable option. */
    public Object get(OptionSpec option) {
        return read(option, false);
    }

    /** Reads a {@code byte[]} option as text: Z85 for CURVE keys, UTF-8 otherwise. */
    public String getText(OptionSpec option) {
        return (String) read(option, true);
    }

    private Object read(OptionSpec option, boolean asText) {
        handle.enter("get", option.name());
        try {
            return asText ? SocketOptions.readText(handle, option) : SocketOptions.read(handle, option);
        } finally {
            handle.leave();
        }
    }

    /** Binds, connects, unbinds or disconnects (see {@link Endpoints}). */
    public void endpoint(LibZmq.EndpointVerb verb, String endpoint) {
        Endpoints.check(verb, endpoint);
        handle.enter(verb.label(), endpoint);
        try {
            Endpoints.apply(handle, verb, endpoint);
        } finally {
            handle.leave();
        }
    }

    // ---------------------------------------------------------------- copies

    /** Sends part of an array; {@code false} if the time ran out. */
    public boolean send(byte[] data, int offset, int length, int flags, long timeout) {
        Objects.checkFromIndexSize(offset, length, data.length);
        enterIo("send");
        try {
            return HeapFrames.send(this, data, offset, length, flags, timeout) >= 0;
        } finally {
            handle.leave();
        }
    }

    /** Sends a segment's bytes (libzmq copies native memory itself); {@code false} if the time ran out. */
    public boolean send(MemorySegment data, int flags, long timeout) {
        enterIo("send");
        try {
            int rc = data.isNative() ? transfer(Op.SEND, data, data.byteSize(), flags, timeout)
                    : HeapFrames.send(this, data, 0, data.byteSize(), flags, timeout);
            return rc >= 0;
        } finally {
            handle.leave();
        }
    }

    /** Sends a buffer's remaining bytes and, if sent, moves its position past them. */
    public boolean send(ByteBuffer data, int flags, long timeout) {
        enterIo("send");
        boolean sent;
        try {
            Object base = HeapFrames.baseOf(data);
            sent = HeapFrames.send(this, base, HeapFrames.offsetOf(data, base), data.remaining(), flags, timeout) >= 0;
        } finally {
            handle.leave();
            Reference.reachabilityFence(data);
        }
        if (sent) {
            data.position(data.limit());
        }
        return sent;
    }

    /** Sends memory that lives for ever, without copying ({@code zmq_send_const}). */
    public boolean sendConst(MemorySegment data, int flags, long timeout) {
        Lifetimes.checkForever(data);
        enterIo("send");
        try {
            return transfer(Op.SEND_CONST, data, data.byteSize(), flags, timeout) >= 0;
        } finally {
            handle.leave();
        }
    }

    /** Receives into part of an array; the frame's full size, or -1 if the time ran out. */
    public int receive(byte[] buffer, int offset, int length, long timeout) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        enterIo("receive");
        try {
            return HeapFrames.receive(this, buffer, offset, length, timeout);
        } finally {
            handle.leave();
        }
    }

    /**
     * Receives into a segment; the frame's full size, or -1 if the time ran out.
     *
     * @throws UnsupportedOperationException if the segment is read-only (its pages may really be,
     *         and libzmq's write would crash the JVM)
     */
    public int receive(MemorySegment buffer, long timeout) {
        if (buffer.isReadOnly()) {
            throw new UnsupportedOperationException("cannot receive into a read-only segment");
        }
        enterIo("receive");
        try {
            return buffer.isNative() ? transfer(Op.RECEIVE, buffer, buffer.byteSize(), 0, timeout)
                    : HeapFrames.receive(this, buffer, 0, buffer.byteSize(), timeout);
        } finally {
            handle.leave();
        }
    }

    /** Receives into a buffer's remaining space and advances its position by what was stored. */
    public int receive(ByteBuffer buffer, long timeout) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        enterIo("receive");
        int size;
        try {
            Object base = HeapFrames.baseOf(buffer);
            size = HeapFrames.receive(this, base, HeapFrames.offsetOf(buffer, base), buffer.remaining(), timeout);
        } finally {
            handle.leave();
            Reference.reachabilityFence(buffer);
        }
        if (size > 0) {
            buffer.position(buffer.position() + Math.min(size, buffer.remaining()));
        }
        return size;
    }

    /** Receives a frame into a new array; {@code null} if the time ran out. */
    public byte[] receive(long timeout) {
        enterIo("receive");
        try {
            return receiveArray(timeout);
        } finally {
            handle.leave();
        }
    }

    /** Receives one frame through a zmq_msg_t ({@link SocketHandle#message()}); the caller holds the socket. */
    private byte[] receiveArray(long timeout) {
        MemorySegment msg = handle.message();
        int rc = transfer(Op.MSG_RECEIVE, msg, 0, 0, timeout);
        if (rc < 0) {
            return null;
        }
        try {
            // zmq_msg_recv returned the size, or INT_MAX for a larger frame.
            return HeapFrames.toArray(msg, rc < Integer.MAX_VALUE ? rc : LibZmq.msgSize(msg),
                    "receive it into a MemorySegment");
        } finally {
            // Released now rather than at the next receive: a zero-copy sender over inproc
            // learns only then that its buffer is free.
            LibZmq.msgEmpty(msg);
        }
    }

    // ---------------------------------------------------------------- messages

    /** Sends a message's content; it moves to libzmq and the message is left empty. */
    public boolean send(MsgHandle message, int flags, long timeout) {
        return transferMessage(message, Op.MSG_SEND, flags, timeout);
    }

    /** Receives a frame into a message, replacing its content; {@code false} if the time ran out. */
    public boolean receive(MsgHandle message, long timeout) {
        return transferMessage(message, Op.MSG_RECEIVE, 0, timeout);
    }

    private boolean transferMessage(MsgHandle message, Op op, int flags, long timeout) {
        message.enter();
        int rc = -1;
        try {
            enterIo(op.verb());
            try {
                message.contentChanging();
                rc = transfer(op, message.msg, 0, flags, timeout);
                return rc >= 0;
            } finally {
                handle.leave();
            }
        } finally {
            if (message.leave() && rc >= 0 && !op.isSend()) {
                throw MsgHandle.lostFrame();
            }
        }
    }

    // ---------------------------------------------------------------- multipart

    /**
     * Sends every frame of a message or, if the first cannot be queued in time, none: libzmq
     * accepts the rest of a message at once once it has taken its first frame, so holding the
     * socket throughout keeps other callers' frames out and "all or none" true.
     *
     * @throws IllegalArgumentException if the list is empty or holds a null frame
     */
    public boolean sendMultipart(List<byte[]> frames, long timeout) {
        byte[][] checked = MultipartIo.checked(frames);
        enterIo("send");
        try {
            return sendMultipartHeld(checked, timeout);
        } finally {
            handle.leave();
        }
    }

    /**
     * Receives every frame of the next message into {@code into} (appended).
     *
     * @return {@code false} if the time ran out before the first frame
     */
    public boolean receiveMultipart(List<byte[]> into, long timeout) {
        enterIo("receive");
        try {
            return receiveMultipartHeld(into, timeout);
        } finally {
            handle.leave();
        }
    }

    /**
     * Receives every frame of the next message into reusable messages: frame {@code i} into
     * {@code slots.at(frames, i)}.
     *
     * @return the number of frames, or -1 if the time ran out before the first
     */
    public <L> int receiveMultipart(L frames, MultipartIo.Slots<L> slots, long timeout) {
        enterIo("receive");
        int entered = 0;
        boolean received = false;
        boolean completed = false;
        try {
            boolean more = true;
            while (more) {
                MsgHandle message = slots.at(frames, entered);
                message.enterAgainRefused();
                entered++;
                message.contentChanging();
                if (transfer(Op.MSG_RECEIVE, message.msg, 0, 0, entered == 1 ? timeout : Timeouts.FOREVER) < 0) {
                    break;
                }
                received = true;
                more = LibZmq.msgMore(message.msg);
            }
            completed = true;
            return received ? entered : -1;
        } finally {
            handle.leave();
            MultipartIo.leaveAll(frames, slots, entered, received && completed);
        }
    }

    /** Whether the frame received last has more frames after it; the caller holds the socket. */
    boolean hasMore() {
        return SocketOptions.readInt(handle, zmq_h.ZMQ_RCVMORE(), "RCVMORE") != 0;
    }

    // ---------------------------------------------------------------- the transfer and its wait

    @Override
    public MemorySegment capture() {
        return handle.capture();
    }

    @Override
    public MemorySegment frame() {
        return handle.frame();
    }

    @Override
    public MemorySegment message() {
        return handle.message();
    }

    /**
     * One send or receive, holding the socket: a first try that never blocks, then the
     * {@link WaitLoop} if there is time to wait.
     *
     * @return libzmq's result (bytes), or -1 if the time ran out first
     */
    @Override
    public int transfer(Op op, MemorySegment buffer, long length, int flags, long timeout) {
        return firstTryWorthwhile(op) ? transferNow(op, buffer, length, flags, timeout)
                : WaitLoop.await(waitFor(op, buffer, length, flags, timeout));
    }

    /**
     * Tries a send or receive straight on the caller's array ({@link Transfers#tryArray}): what
     * a C program's {@code zmq_send}/{@code zmq_recv} on its own buffer does, where a copy
     * through the socket's native frame would cost a second copy and a longer path.
     */
    @Override
    public int tryArray(Op op, byte[] array, int length, int flags) {
        if (!firstTryWorthwhile(op)) {
            return FAILED;
        }
        int rc = Transfer.attemptOnHeap(op, handle, segmentOf(op.isSend(), array), length, flags);
        if (rc >= 0) {
            spin.completedAtOnce(op.isSend());
        }
        return rc;
    }

    /**
     * A segment over all of {@code array}: the one made for it last time when a send (or a
     * receive) passes the same array again, as a stream does. One made per call was not removed
     * by escape analysis in every caller (144 to 224 bytes a frame, ArrayFramesTest and
     * SocketSendReceiveTest), and the binding must not allocate per frame. Holds one of the
     * caller's arrays each way until the next. Only an exclusive socket's critical try passes it
     * to libzmq ({@link Transfer#attemptOnHeap}), and one thread at a time is inside such a socket.
     * Kept in fields of this object rather than in a holder of their own: one object fewer for
     * every call to reach (bench/README.md, "The steady state, cell by cell").
     */
    private MemorySegment segmentOf(boolean send, byte[] array) {
        if (send) {
            if (array != sentArray) {
                sentSegment = MemorySegment.ofArray(array);
                sentArray = array;
            }
            return sentSegment;
        }
        if (array != receivedArray) {
            receivedSegment = MemorySegment.ofArray(array);
            receivedArray = array;
        }
        return receivedSegment;
    }

    /**
     * Whether a first try without errno is worth making, after giving way to a peer that is
     * about to answer. A failed first try is made again with errno, which costs libzmq a
     * poll(2): so when a reply is likely still on its way, the try with errno is the first.
     */
    private boolean firstTryWorthwhile(Op op) {
        if (op.isSend()) {
            return true;
        }
        if (spin.yieldsBeforeReceive()) {
            SpinPolicy.pause();
        }
        return !spin.receiveWaitedLast();
    }

    /** A first try without errno, then, if it failed, the wait ({@link #waitFor}). */
    @Override
    public int transferNow(Op op, MemorySegment buffer, long length, int flags, long timeout) {
        int rc = Transfer.attemptUncaptured(op, handle, buffer, length, flags);
        if (rc >= 0) {
            spin.completedAtOnce(op.isSend());
            return rc;
        }
        return WaitLoop.await(waitFor(op, buffer, length, flags, timeout));
    }

    /**
     * Sets up the wait of a send or receive whose first try failed, or was not worth making,
     * with the socket's own timeout where the call has none ({@link Timeouts#SOCKET_TIMEOUT}).
     * Its first try captures errno ({@link Transfer#firstAttempt}); it may park only after a try
     * that said EAGAIN (see {@link Waitable#INTERRUPTED}).
     */
    @Override
    public Transfer waitFor(Op op, MemorySegment buffer, long length, int flags, long timeout) {
        long wait = timeout == Timeouts.SOCKET_TIMEOUT ? (op.isSend() ? sendTimeout : receiveTimeout) : timeout;
        Transfer t = transfer != null ? transfer : new Transfer(handle, spin, this);
        return t.of(op, buffer, length, flags, wait < 0 ? Timeouts.FOREVER : wait);
    }

    // ---------------------------------------------------------------- for the async queue

    /** Takes the socket if nobody holds it; {@code false} otherwise. For the async queue's pump. */
    boolean tryHold() {
        return handle.tryEnter();
    }

    /** {@link #receive(long)} on a socket the caller holds. */
    byte[] receiveHeld(long timeout) {
        return receiveArray(timeout);
    }

    /** Sends a frame on a socket the caller holds; {@code false} if the time ran out. */
    boolean sendHeld(byte[] frame, int flags, long timeout) {
        return HeapFrames.send(this, frame, 0, frame.length, flags, timeout) >= 0;
    }

    /** Sends a whole message on a socket the caller holds; {@code false} if the first frame could not go in time. */
    boolean sendMultipartHeld(byte[][] frames, long timeout) {
        for (int i = 0; i < frames.length; i++) {
            int flags = i < frames.length - 1 ? LibZmq.SNDMORE : 0;
            if (HeapFrames.send(this, frames[i], 0, frames[i].length, flags, i == 0 ? timeout : Timeouts.FOREVER) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #receiveMultipart(List, long)} on a socket the caller holds. */
    boolean receiveMultipartHeld(List<byte[]> into, long timeout) {
        byte[] first = receiveArray(timeout);
        if (first == null) {
            return false;
        }
        into.add(first);
        while (hasMore()) {
            into.add(receiveArray(Timeouts.FOREVER));
        }
        return true;
    }

    /** Whether the socket can send now ({@code ZMQ_EVENTS}); the caller holds it. */
    boolean canSendNow() {
        return (SocketOptions.tryReadEvents(handle) & LibZmq.POLLOUT) != 0;
    }

    /** Drops a task the async queue armed, once nothing is pending. */
    void disarmTask() {
        Reactor.Registration r = registration;
        if (r != null) {
            r.disarm();
        }
    }

    /**
     * Takes the socket for a call that sends or receives.
     *
     * @throws IllegalStateException if asynchronous operations are pending, which it would race
     */
    private void enterIo(String operation) {
        if (handle.asyncPending()) {
            throw asyncPending(operation);
        }
        handle.enter(operation);
    }

    /** The refusal of a call while asynchronous operations are pending; built apart, so that the check inlines. */
    private IllegalStateException asyncPending(String operation) {
        return new IllegalStateException(operation + ": the " + handle.type + " socket has asynchronous operations "
                + "pending (receiveAsync, sendAsync...), which a call that sends or receives would race; wait for "
                + "their futures first");
    }

    // ---------------------------------------------------------------- for pollers and proxies

    /**
     * Holds the socket for a poller or proxy, which uses it on the caller's behalf.
     *
     * @param anyThread whether to skip the owner-thread check (a proxy's hand-over)
     */
    public void hold(String operation, boolean anyThread) {
        if (!anyThread) {
            enterIo(operation);
            return;
        }
        if (handle.asyncPending()) {
            throw asyncPending(operation);
        }
        handle.enterAnyThread(operation);
    }

    /** Ends a {@link #hold}. */
    public void release() {
        handle.leave();
    }

    /**
     * Hands the socket to {@code next}: with the owner-thread check on, only that thread may use
     * it from now on. Holding the socket meanwhile makes the hand-over a full memory barrier.
     */
    public void transferTo(Thread next) {
        handle.enter("transferTo");
        try {
            handle.record.transferTo(next);
        } finally {
            handle.leave();
        }
    }

    /** Sets how long this socket's waits spin; -1 to follow its context. */
    public void setSpinBudget(long nanos) {
        handle.checkOpen("setSpinBudget");
        spin.setBudget(nanos);
    }

    /** {@return how long this socket's waits spin, in nanoseconds} */
    public long spinBudgetNanos() {
        handle.checkOpen("spinBudget");
        return spin.budgetNanos();
    }

    /** The spin policy, for tests and diagnostics. */
    public SpinPolicy spinPolicy() {
        return spin;
    }

    // ---------------------------------------------------------------- Watched

    /** ZMQ_FD, read once; the caller holds the socket. */
    @Override
    public int fd() {
        int f = fd;
        if (f < 0) {
            f = SocketOptions.readInt(handle, zmq_h.ZMQ_FD(), "FD");
            fd = f;
        }
        return f;
    }

    @Override
    public boolean isMailbox() {
        return true;
    }

    /**
     * The socket's registration with the reactor, made at its first wait on a virtual thread and
     * closed with the socket; the caller holds the socket.
     */
    @Override
    public Reactor.Registration registration() {
        Reactor.Registration r = registration;
        if (r == null) {
            r = Reactor.get().register(fd(), false);
            registration = r;
            handle.attachCompanion(r);
        }
        return r;
    }
}
