package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.util.List;

/**
 * A typed context option key, named as in zmq.h without {@code ZMQ_}; see zmq_ctx_set(3).
 *
 * {@snippet :
 * try (Context ctx = new Context().set(ContextOption.IO_THREADS, 2)) {
 *     int max = ctx.get(ContextOption.SOCKET_LIMIT);
 * }
 * }
 *
 * <p>Values are {@code Integer} or {@code Boolean}. Some options only take effect before the
 * first socket is created (IO_THREADS, MAX_SOCKETS, thread options), as libzmq documents.
 *
 * @param <T> the type of the option's value
 */
public final class ContextOption<T> {
    /** Number of I/O threads; set before the first socket. Integer, read and write. Default 1. */
    public static final ContextOption<Integer> IO_THREADS =
            new ContextOption<>("IO_THREADS", zmq_h.ZMQ_IO_THREADS(), false, true, true, false);
    /** Maximum number of sockets. Integer, read and write. Default 1023. */
    public static final ContextOption<Integer> MAX_SOCKETS =
            new ContextOption<>("MAX_SOCKETS", zmq_h.ZMQ_MAX_SOCKETS(), false, true, true, false);
    /** The largest MAX_SOCKETS this libzmq accepts. Integer, read only. */
    public static final ContextOption<Integer> SOCKET_LIMIT =
            new ContextOption<>("SOCKET_LIMIT", zmq_h.ZMQ_SOCKET_LIMIT(), false, true, false, false);
    /** OS scheduling priority of I/O threads. Integer, write only. */
    public static final ContextOption<Integer> THREAD_PRIORITY =
            new ContextOption<>("THREAD_PRIORITY", zmq_h.ZMQ_THREAD_PRIORITY(), false, false, true, false);
    /** OS scheduling policy of I/O threads (SCHED_*). Integer, write only. */
    public static final ContextOption<Integer> THREAD_SCHED_POLICY =
            new ContextOption<>("THREAD_SCHED_POLICY", zmq_h.ZMQ_THREAD_SCHED_POLICY(), false, false, true, false);
    /** Largest message size the context accepts, bytes. Integer, read and write. Default INT_MAX. */
    public static final ContextOption<Integer> MAX_MSGSZ =
            new ContextOption<>("MAX_MSGSZ", zmq_h.ZMQ_MAX_MSGSZ(), false, true, true, false);
    /** Size of a zmq_msg_t in bytes (64). Integer, read only. */
    public static final ContextOption<Integer> MSG_T_SIZE =
            new ContextOption<>("MSG_T_SIZE", zmq_h.ZMQ_MSG_T_SIZE(), false, true, false, false);
    /** Adds a CPU to the I/O threads' affinity set. Integer, write only. */
    public static final ContextOption<Integer> THREAD_AFFINITY_CPU_ADD =
            new ContextOption<>("THREAD_AFFINITY_CPU_ADD", zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD(), false, false, true, false);
    /** Removes a CPU from the I/O threads' affinity set. Integer, write only. */
    public static final ContextOption<Integer> THREAD_AFFINITY_CPU_REMOVE =
            new ContextOption<>("THREAD_AFFINITY_CPU_REMOVE", zmq_h.ZMQ_THREAD_AFFINITY_CPU_REMOVE(), false, false, true, false);
    /** Numeric prefix of the I/O threads' names. Integer, write only. */
    public static final ContextOption<Integer> THREAD_NAME_PREFIX =
            new ContextOption<>("THREAD_NAME_PREFIX", zmq_h.ZMQ_THREAD_NAME_PREFIX(), false, false, true, false);
    /** IPv6 for sockets created afterwards. Boolean, read and write. Default false. */
    public static final ContextOption<Boolean> IPV6 =
            new ContextOption<>("IPV6", zmq_h.ZMQ_IPV6(), true, true, true, false);
    /**
     * Whether zmq_ctx_term blocks for linger (libzmq's default true). Boolean, read and write.
     * zmq-ffm closes leftover sockets with LINGER 0 either way.
     */
    public static final ContextOption<Boolean> BLOCKY =
            new ContextOption<>("BLOCKY", zmq_h.ZMQ_BLOCKY(), true, true, true, false);
    /** Zero-copy receive for large messages. Boolean, read and write, draft. */
    public static final ContextOption<Boolean> ZERO_COPY_RECV =
            new ContextOption<>("ZERO_COPY_RECV", zmq_h.ZMQ_ZERO_COPY_RECV(), true, true, true, true);

    private static final List<ContextOption<?>> ALL = List.of(IO_THREADS, MAX_SOCKETS, SOCKET_LIMIT,
            THREAD_PRIORITY, THREAD_SCHED_POLICY, MAX_MSGSZ, MSG_T_SIZE, THREAD_AFFINITY_CPU_ADD,
            THREAD_AFFINITY_CPU_REMOVE, THREAD_NAME_PREFIX, IPV6, BLOCKY, ZERO_COPY_RECV);

    private final String name;
    private final int id;
    private final boolean bool;
    private final boolean readable;
    private final boolean writable;
    private final boolean draft;

    private ContextOption(String name, int id, boolean bool, boolean readable, boolean writable, boolean draft) {
        this.name = name;
        this.id = id;
        this.bool = bool;
        this.readable = readable;
        this.writable = writable;
        this.draft = draft;
    }

    /**
     * Every context option key.
     *
     * @return an unmodifiable list
     */
    public static List<ContextOption<?>> values() {
        return ALL;
    }

    /**
     * The name, as in zmq.h without {@code ZMQ_}.
     *
     * @return e.g. {@code "IO_THREADS"}
     */
    public String name() {
        return name;
    }

    /**
     * The option number passed to {@code zmq_ctx_set}/{@code zmq_ctx_get}.
     *
     * @return the {@code ZMQ_*} value
     */
    public int id() {
        return id;
    }

    /**
     * The Java type of the value.
     *
     * @return {@code Integer.class} or {@code Boolean.class}
     */
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) (bool ? Boolean.class : Integer.class);
    }

    /**
     * Whether {@link Context#get} may read this option.
     *
     * @return {@code true} unless write-only
     */
    public boolean isReadable() {
        return readable;
    }

    /**
     * Whether {@link Context#set} may write this option.
     *
     * @return {@code true} unless read-only
     */
    public boolean isWritable() {
        return writable;
    }

    /**
     * Whether the option belongs to libzmq's draft API.
     *
     * @return {@code true} for draft options
     */
    public boolean isDraft() {
        return draft;
    }

    int encode(T value) {
        return bool ? ((Boolean) value ? 1 : 0) : (Integer) value;
    }

    @SuppressWarnings("unchecked")
    T decode(int raw) {
        return (T) (bool ? Boolean.valueOf(raw != 0) : Integer.valueOf(raw));
    }

    /** {@return the name, e.g. "IO_THREADS"} */
    @Override
    public String toString() {
        return name;
    }
}
