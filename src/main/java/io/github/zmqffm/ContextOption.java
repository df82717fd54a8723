package io.github.zmqffm;

import io.github.zmqffm.internal.opt.Availability;
import io.github.zmqffm.internal.opt.OptionSpec;
import io.github.zmqffm.raw.zmq_h;

import java.util.List;
import java.util.Objects;

import static io.github.zmqffm.internal.opt.OptionSpec.Access.READ_ONLY;
import static io.github.zmqffm.internal.opt.OptionSpec.Access.READ_WRITE;
import static io.github.zmqffm.internal.opt.OptionSpec.Access.WRITE_ONLY;

/**
 * A typed context option key, named as in zmq.h without {@code ZMQ_}; see zmq_ctx_set(3) and
 * zmq_ctx_get(3).
 *
 * {@snippet :
 * try (Context ctx = new Context().set(ContextOption.IO_THREADS, 2)) {
 *     int max = ctx.get(ContextOption.SOCKET_LIMIT);
 * }
 * }
 *
 * <p>Values are {@code Integer} or {@code Boolean}. IO_THREADS, MAX_SOCKETS and the thread
 * options take effect only when set before the context's first socket, as libzmq documents.
 * Note that zmq.h gives SOCKET_LIMIT (read only) and THREAD_PRIORITY (write only) the same
 * number; they are two keys here. Misuse is refused as for {@link SocketOption}: writing a
 * read-only key or reading a write-only one throws {@link IllegalArgumentException}, a key the
 * loaded libzmq does not support throws {@link UnsupportedOperationException}, both before any
 * native call.
 *
 * @param <T> the type of the option's value
 */
public final class ContextOption<T> {
    /**
     * Number of I/O threads; set it before the first socket.
     *
     * <p>{@code Integer}, threads (0 is enough for inproc only). Default: 1. Read and write.
     * See {@code ZMQ_IO_THREADS} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> IO_THREADS =
            new ContextOption<>("IO_THREADS", zmq_h.ZMQ_IO_THREADS(), false, READ_WRITE, Availability.STABLE);

    /**
     * Largest number of sockets the context may have open; set it before the first socket.
     *
     * <p>{@code Integer}, sockets, 1 to SOCKET_LIMIT. Default: 1023. Read and write.
     * See {@code ZMQ_MAX_SOCKETS} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> MAX_SOCKETS =
            new ContextOption<>("MAX_SOCKETS", zmq_h.ZMQ_MAX_SOCKETS(), false, READ_WRITE, Availability.STABLE);

    /**
     * The largest MAX_SOCKETS this libzmq accepts.
     *
     * <p>{@code Integer}, sockets. Read only. See {@code ZMQ_SOCKET_LIMIT} in zmq_ctx_get(3).
     */
    public static final ContextOption<Integer> SOCKET_LIMIT =
            new ContextOption<>("SOCKET_LIMIT", zmq_h.ZMQ_SOCKET_LIMIT(), false, READ_ONLY, Availability.STABLE);

    /**
     * OS scheduling priority of the I/O threads; set it before the first socket. With
     * SCHED_FIFO or SCHED_RR it is the real-time priority (1 to 99); with any other policy
     * libzmq raises the threads' nice value to -20 instead, which needs CAP_SYS_NICE.
     *
     * <p>{@code Integer}, 0 or more. Default: the OS's. Write only.
     * See {@code ZMQ_THREAD_PRIORITY} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> THREAD_PRIORITY =
            new ContextOption<>("THREAD_PRIORITY", zmq_h.ZMQ_THREAD_PRIORITY(), false, WRITE_ONLY, Availability.STABLE);

    /**
     * OS scheduling policy of the I/O threads; set it before the first socket.
     *
     * <p>{@code Integer}, a {@code SCHED_*} value of the OS (Linux: 0 OTHER, 1 FIFO, 2 RR,
     * 3 BATCH, 5 IDLE). Default: -1 (the OS's). Read and write.
     * See {@code ZMQ_THREAD_SCHED_POLICY} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> THREAD_SCHED_POLICY =
            new ContextOption<>("THREAD_SCHED_POLICY", zmq_h.ZMQ_THREAD_SCHED_POLICY(), false, READ_WRITE,
                    Availability.STABLE);

    /**
     * Largest message the context's sockets accept.
     *
     * <p>{@code Integer}, bytes. Default: {@link Integer#MAX_VALUE}. Read and write.
     * See {@code ZMQ_MAX_MSGSZ} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> MAX_MSGSZ =
            new ContextOption<>("MAX_MSGSZ", zmq_h.ZMQ_MAX_MSGSZ(), false, READ_WRITE, Availability.STABLE);

    /**
     * Size of a {@code zmq_msg_t} in the loaded libzmq.
     *
     * <p>{@code Integer}, bytes (64). Read only. See {@code ZMQ_MSG_T_SIZE} in zmq_ctx_get(3).
     */
    public static final ContextOption<Integer> MSG_T_SIZE =
            new ContextOption<>("MSG_T_SIZE", zmq_h.ZMQ_MSG_T_SIZE(), false, READ_ONLY, Availability.STABLE);

    /**
     * Adds a CPU to the set the I/O threads may run on; set it before the first socket.
     *
     * <p>{@code Integer}, a CPU number. Default: no set (any CPU). Write only.
     * See {@code ZMQ_THREAD_AFFINITY_CPU_ADD} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> THREAD_AFFINITY_CPU_ADD =
            new ContextOption<>("THREAD_AFFINITY_CPU_ADD", zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD(), false, WRITE_ONLY,
                    Availability.STABLE);

    /**
     * Removes a CPU added with THREAD_AFFINITY_CPU_ADD.
     *
     * <p>{@code Integer}, a CPU number. Write only.
     * See {@code ZMQ_THREAD_AFFINITY_CPU_REMOVE} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> THREAD_AFFINITY_CPU_REMOVE =
            new ContextOption<>("THREAD_AFFINITY_CPU_REMOVE", zmq_h.ZMQ_THREAD_AFFINITY_CPU_REMOVE(), false,
                    WRITE_ONLY, Availability.STABLE);

    /**
     * A number the I/O threads' names start with, e.g. 7 names them "7/ZMQbg/IO/0"; set it
     * before the first socket.
     *
     * <p>{@code Integer}. Default: 0 (no prefix). Read and write.
     * See {@code ZMQ_THREAD_NAME_PREFIX} in zmq_ctx_set(3).
     */
    public static final ContextOption<Integer> THREAD_NAME_PREFIX =
            new ContextOption<>("THREAD_NAME_PREFIX", zmq_h.ZMQ_THREAD_NAME_PREFIX(), false, READ_WRITE,
                    Availability.STABLE);

    /**
     * IPv6 for the sockets created afterwards (each socket's own IPV6 option overrides it).
     *
     * <p>{@code Boolean}. Default: false. Read and write. See {@code ZMQ_IPV6} in zmq_ctx_set(3).
     */
    public static final ContextOption<Boolean> IPV6 =
            new ContextOption<>("IPV6", zmq_h.ZMQ_IPV6(), true, READ_WRITE, Availability.STABLE);

    /**
     * Whether terminating the context waits for sockets' LINGER. zmq-ffm's
     * {@link Context#close()} closes leftover sockets with LINGER 0 either way, so this only
     * matters for sockets closed with a LINGER of their own.
     *
     * <p>{@code Boolean}. Default: true. Read and write. See {@code ZMQ_BLOCKY} in zmq_ctx_set(3).
     */
    public static final ContextOption<Boolean> BLOCKY =
            new ContextOption<>("BLOCKY", zmq_h.ZMQ_BLOCKY(), true, READ_WRITE, Availability.STABLE);

    /**
     * Whether large inbound messages are received without a copy.
     *
     * <p>{@code Boolean}. Default: true. Read and write; draft API (libzmq 4.2.4).
     * See {@code ZMQ_ZERO_COPY_RECV} in zmq_ctx_set(3).
     */
    public static final ContextOption<Boolean> ZERO_COPY_RECV =
            new ContextOption<>("ZERO_COPY_RECV", zmq_h.ZMQ_ZERO_COPY_RECV(), true, READ_WRITE,
                    Availability.draft(4, 2, 4));

    private static final List<ContextOption<?>> ALL = List.of(IO_THREADS, MAX_SOCKETS, SOCKET_LIMIT,
            THREAD_PRIORITY, THREAD_SCHED_POLICY, MAX_MSGSZ, MSG_T_SIZE, THREAD_AFFINITY_CPU_ADD,
            THREAD_AFFINITY_CPU_REMOVE, THREAD_NAME_PREFIX, IPV6, BLOCKY, ZERO_COPY_RECV);

    /** Everything else the binding knows about the key; shared in kind with {@link SocketOption}. */
    private final OptionSpec spec;

    private ContextOption(String name, int id, boolean bool, OptionSpec.Access access, Availability availability) {
        this.spec = new OptionSpec(name, id, bool ? OptionSpec.Kind.BOOL : OptionSpec.Kind.INT, access, availability,
                false);
    }

    /**
     * Every context option key, in zmq.h order.
     *
     * @return an unmodifiable list
     */
    public static List<ContextOption<?>> values() {
        return ALL;
    }

    /**
     * The key with a zmq.h name, with or without the {@code ZMQ_} prefix.
     *
     * @param name e.g. {@code "IO_THREADS"} or {@code "ZMQ_IO_THREADS"}
     * @return the key
     * @throws IllegalArgumentException if no context option has that name
     * @throws NullPointerException if {@code name} is null
     */
    public static ContextOption<?> valueOf(String name) {
        Objects.requireNonNull(name, "name");
        String bare = name.startsWith("ZMQ_") ? name.substring(4) : name;
        for (ContextOption<?> option : ALL) {
            if (option.spec.name().equals(bare)) {
                return option;
            }
        }
        throw new IllegalArgumentException("no context option is named " + name);
    }

    /**
     * The name, as in zmq.h without {@code ZMQ_}.
     *
     * @return e.g. {@code "IO_THREADS"}
     */
    public String name() {
        return spec.name();
    }

    /**
     * The option number passed to {@code zmq_ctx_set}/{@code zmq_ctx_get}.
     *
     * @return the {@code ZMQ_*} value
     */
    public int id() {
        return spec.id();
    }

    /**
     * The Java type of the value.
     *
     * @return {@code Integer.class} or {@code Boolean.class}
     */
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) spec.valueType();
    }

    /**
     * Whether {@link Context#get} may read this option.
     *
     * @return {@code true} unless write-only
     */
    public boolean isReadable() {
        return spec.isReadable();
    }

    /**
     * Whether {@link Context#set} may write this option.
     *
     * @return {@code true} unless read-only
     */
    public boolean isWritable() {
        return spec.isWritable();
    }

    /**
     * Whether the option belongs to libzmq's draft API.
     *
     * @return {@code true} for draft options
     */
    public boolean isDraft() {
        return spec.availability().draft();
    }

    /**
     * Whether the loaded libzmq honours this option (a draft option needs a libzmq built with
     * the draft API). {@link Context#set} and {@link Context#get} throw
     * {@link UnsupportedOperationException} for an option that is not supported.
     *
     * @return {@code true} if the option can be used
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public boolean isSupported() {
        return spec.availability().isMet();
    }

    OptionSpec spec() {
        return spec;
    }

    /**
     * Whether a negative value is a value rather than libzmq's error return: zmq_ctx_get has
     * no separate error channel, and these two can legitimately be -1.
     */
    boolean mayBeNegative() {
        return this == THREAD_SCHED_POLICY || this == THREAD_NAME_PREFIX;
    }

    int encode(T value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : (Integer) value;
    }

    @SuppressWarnings("unchecked")
    T decode(int raw) {
        return (T) (spec.kind() == OptionSpec.Kind.BOOL ? Boolean.valueOf(raw != 0) : Integer.valueOf(raw));
    }

    /** {@return the name, e.g. "IO_THREADS"} */
    @Override
    public String toString() {
        return spec.name();
    }
}
