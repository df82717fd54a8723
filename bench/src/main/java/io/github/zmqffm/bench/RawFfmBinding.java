package io.github.zmqffm.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The floor of any binding on the Foreign Function & Memory API ({@code impl=raw-ffm}): libzmq
 * called straight through the linker with nothing a binding owes its callers (no guard, no
 * errno, no checks, no closing from another thread). A send or receive first tries a critical,
 * non-blocking {@code zmq_send}/{@code zmq_recv} on the caller's array itself, and only if that
 * fails calls the plain blocking one on native memory, so that libzmq waits as a C program's
 * call would. What zmq-ffm costs beyond this line is the binding's; what this line costs beyond
 * C is the JVM's calls, copies and loop. Not a library: misuse crashes the JVM.
 *
 * <p>Two system properties change the floor's send, to tell which part of zmq-ffm's send costs
 * what (bench/README.md, "The send side, part by part"):
 * <ul>
 * <li>{@code -Dperf.floor.wait=poll}: a send that must wait does what zmq-ffm's wait loop does
 *     instead of libzmq's blocking {@code zmq_send}: a try with {@code ZMQ_DONTWAIT}, then
 *     {@code ZMQ_EVENTS} (which processes the socket's commands), {@code poll(2)} on
 *     {@code ZMQ_FD} while it is not writable, and a try after each wake-up;</li>
 * <li>{@code -Dperf.floor.extraWork=N}: N steps of a multiply-add before each send, work that
 *     touches no memory (the JIT folds consecutive steps: 10 and 25 both cost 11-15 ns here).</li>
 * </ul>
 */
final class RawFfmBinding implements Binding {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup ZMQ = SymbolLookup.libraryLookup("libzmq.so.5", Arena.global());
    /** The first try of a send or receive, critical on the Java array; then libzmq's blocking call. */
    private static final MethodHandle SEND_NOW = RawZmq.SEND_ON_HEAP;
    private static final MethodHandle RECV_NOW = RawZmq.RECV_ON_HEAP;
    private static final MethodHandle SEND = RawZmq.SEND;
    private static final MethodHandle RECV = RawZmq.RECV;
    private static final MethodHandle GETSOCKOPT = plain("zmq_getsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final boolean POLL_WAIT = "poll".equals(System.getProperty("perf.floor.wait", "block"));
    private static final int EXTRA_WORK = Integer.getInteger("perf.floor.extraWork", 0);
    private static final MethodHandle POLL = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("poll"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT));
    private static final int ZMQ_FD = 14;
    private static final int ZMQ_EVENTS = 15;
    private static final int ZMQ_POLLOUT = 2;
    private static final short POLLIN = 1;
    private static final int LINGER = 17;
    private static final int SNDTIMEO = 28;
    private static final int LAST_ENDPOINT = 32;
    private static final int IO_THREADS = 1;
    private static final MethodHandle CTX_SET = plain("zmq_ctx_set",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(ZMQ.findOrThrow(name), descriptor);
    }

    /** A downcall of the setup, which the linker declares may throw anything. */
    private interface Call {
        int invoke() throws Throwable;
    }

    /** Makes a call whose failure the benchmark cannot go on after; not for the measured calls. */
    private static int check(String what, Call call) {
        int rc;
        try {
            rc = call.invoke();
        } catch (Throwable e) {
            throw rethrown(e);
        }
        if (rc < 0) {
            throw new IllegalStateException(what + " failed");
        }
        return rc;
    }

    @Override
    public Binding.Context context(int ioThreads) {
        try {
            MemorySegment context = (MemorySegment) RawZmq.CTX_NEW.invokeExact();
            check("zmq_ctx_set", () -> (int) CTX_SET.invokeExact(context, IO_THREADS, ioThreads));
            return new Binding.Context() {
                @Override
                public Binding.Socket bind(Kind kind, String endpoint, int size) {
                    return open(context, kind, RawZmq.BIND, endpoint, size);
                }

                @Override
                public Binding.Socket connect(Kind kind, String endpoint, int size) {
                    return open(context, kind, RawZmq.CONNECT, endpoint, size);
                }

                @Override
                public void close() {
                    check("zmq_ctx_term", () -> (int) RawZmq.CTX_TERM.invokeExact(context));
                }
            };
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    private static Binding.Socket open(MemorySegment context, Kind kind, MethodHandle verb, String endpoint, int size) {
        int type = switch (kind) {
            case PUSH -> RawZmq.PUSH;
            case PULL -> RawZmq.PULL;
            case REQ -> 3;
            case REP -> 4;
        };
        try {
            MemorySegment socket = (MemorySegment) RawZmq.SOCKET.invokeExact(context, type);
            Sock s = new Sock(socket, size);
            s.setInt(LINGER, -1);
            try (Arena arena = Arena.ofConfined()) {
                check(endpoint, () -> (int) verb.invokeExact(socket, arena.allocateFrom(endpoint)));
            }
            return s;
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** One socket with its reused arrays and the native room its blocking calls use. */
    private static final class Sock implements Binding.Socket {
        private final MemorySegment socket;
        private final byte[] out;
        private final byte[] in;
        private final MemorySegment room;
        /** Room for an option's value and its size, and for one {@code struct pollfd}. */
        private final MemorySegment option = Arena.global().allocate(8);
        private final MemorySegment optionSize = Arena.global().allocate(8);
        private final MemorySegment pollfd = Arena.global().allocate(8);
        /** The result of the extra work, kept so that the JIT cannot drop it. */
        private long work;
        /** How long a send may wait, as SNDTIMEO ({@link #giveUpAfter}); -1 for ever. */
        private int sendTimeout = -1;

        Sock(MemorySegment socket, int size) {
            this.socket = socket;
            this.out = new byte[size];
            this.in = new byte[size];
            this.room = Arena.global().allocate(Math.max(size, 1));
        }

        @Override
        public boolean send() {
            if (EXTRA_WORK > 0) {
                work = extraWork(work);
            }
            try {
                int rc = (int) SEND_NOW.invokeExact(socket, MemorySegment.ofArray(out), (long) out.length,
                        RawZmq.DONTWAIT);
                if (rc >= 0) {
                    return true;
                }
                MemorySegment.copy(out, 0, room, ValueLayout.JAVA_BYTE, 0, out.length);
                if (POLL_WAIT) {
                    return sendPolling();
                }
                return (int) SEND.invokeExact(socket, room, (long) out.length, 0) >= 0;
            } catch (Throwable e) {
                throw rethrown(e);
            }
        }

        private static long extraWork(long seed) {
            long x = seed;
            for (int i = 0; i < EXTRA_WORK; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;   // each step waits for the last
            }
            return x;
        }

        /** The send of {@code -Dperf.floor.wait=poll}; {@code false} if SNDTIMEO passed with no wake-up. */
        private boolean sendPolling() throws Throwable {
            pollfd.set(ValueLayout.JAVA_INT, 0, intOption(ZMQ_FD));
            pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);   // poll(2) writes only revents
            while ((int) SEND.invokeExact(socket, room, (long) out.length, RawZmq.DONTWAIT) < 0) {
                if ((intOption(ZMQ_EVENTS) & ZMQ_POLLOUT) != 0) {
                    continue;
                }
                if ((int) POLL.invokeExact(pollfd, 1L, sendTimeout) == 0) {
                    return false;
                }
            }
            return true;
        }

        private int intOption(int id) {
            optionSize.set(ValueLayout.JAVA_LONG, 0, Integer.BYTES);
            check("zmq_getsockopt " + id, () -> (int) GETSOCKOPT.invokeExact(socket, id, option, optionSize));
            return option.get(ValueLayout.JAVA_INT, 0);
        }

        @Override
        public int receive() {
            try {
                int rc = (int) RECV_NOW.invokeExact(socket, MemorySegment.ofArray(in), (long) in.length,
                        RawZmq.DONTWAIT);
                if (rc >= 0) {
                    return rc;
                }
                rc = (int) RECV.invokeExact(socket, room, (long) in.length, 0);
                if (rc < 0) {
                    throw new IllegalStateException("zmq_recv failed");
                }
                MemorySegment.copy(room, ValueLayout.JAVA_BYTE, 0, in, 0, Math.min(rc, in.length));
                return rc;
            } catch (Throwable e) {
                throw rethrown(e);
            }
        }

        void setInt(int option, int value) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment v = arena.allocateFrom(ValueLayout.JAVA_INT, value);
                check("zmq_setsockopt " + option, () -> (int) RawZmq.SETSOCKOPT.invokeExact(socket, option, v, 4L));
            }
        }

        @Override
        public void giveUpAfter(int millis) {
            setInt(SNDTIMEO, millis);
            sendTimeout = millis;
            setInt(LINGER, 0);
        }

        @Override
        public String lastEndpoint() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment text = arena.allocate(256);
                MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_LONG, 256);
                check("ZMQ_LAST_ENDPOINT", () -> (int) GETSOCKOPT.invokeExact(socket, LAST_ENDPOINT, text, length));
                return text.getString(0);
            }
        }

        @Override
        public void close() {
            check("zmq_close", () -> (int) RawZmq.CLOSE.invokeExact(socket));
        }
    }
}
