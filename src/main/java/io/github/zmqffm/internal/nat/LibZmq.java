package io.github.zmqffm.internal.nat;

import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.function.IntSupplier;

/**
 * The libzmq functions the binding calls, each with errno captured into the segment passed
 * first. Handles are {@code static final} so that the JIT treats them as constants.
 *
 * <p>The socket option calls are linked critical, so that option values in Java arrays pass
 * without a copy; they never release message content. Every other call that closes a message or
 * processes a socket's commands (which drops messages of dead pipes) can run a zero-copy
 * message's free function, an upcall into Java ({@code Releases}), and an upcall from inside a
 * critical call aborts the JVM ("wrong thread state for upcall"). That includes
 * {@code zmq_getsockopt(ZMQ_EVENTS)}, which has its own normally linked handle. The one
 * exception: the first try of a send or receive has a critical twin ({@link #sendCritical} and
 * the like, and {@link #sendOnHeap}/{@link #recvOnHeap}, which take a Java array itself), which
 * {@code CriticalCalls} allows only while no zero-copy buffer has ever been lent, that is while
 * no free function that upcalls can exist. For the
 * short message calls ({@code zmq_msg_init*}, {@code zmq_msg_data/size/more}) critical linking
 * measured no faster (bench/ CriticalLinkBenchmark), so they are linked normally too. Java
 * arrays and heap buffers reach sends and receives through {@code HeapFrames}.
 */
public final class LibZmq {
    private LibZmq() {
    }

    public static final int DONTWAIT = zmq_h.ZMQ_DONTWAIT();
    public static final int SNDMORE = zmq_h.ZMQ_SNDMORE();
    public static final int POLLIN = zmq_h.ZMQ_POLLIN();
    public static final int POLLOUT = zmq_h.ZMQ_POLLOUT();
    public static final int EAGAIN = zmq_h.EAGAIN();
    public static final int EINTR = zmq_h.EINTR();
    public static final int ETERM = zmq_h.ETERM();

    private static final MethodHandle CTX_NEW =
            Native.capturing(zmq_h.zmq_ctx_new$address(), zmq_h.zmq_ctx_new$descriptor());
    private static final MethodHandle CTX_SET =
            Native.capturing(zmq_h.zmq_ctx_set$address(), zmq_h.zmq_ctx_set$descriptor());
    private static final MethodHandle CTX_GET =
            Native.capturing(zmq_h.zmq_ctx_get$address(), zmq_h.zmq_ctx_get$descriptor());
    private static final MethodHandle CTX_SHUTDOWN =
            Native.capturing(zmq_h.zmq_ctx_shutdown$address(), zmq_h.zmq_ctx_shutdown$descriptor());
    private static final MethodHandle CTX_TERM =
            Native.capturing(zmq_h.zmq_ctx_term$address(), zmq_h.zmq_ctx_term$descriptor());
    private static final MethodHandle SOCKET =
            Native.capturing(zmq_h.zmq_socket$address(), zmq_h.zmq_socket$descriptor());
    private static final MethodHandle CLOSE =
            Native.capturing(zmq_h.zmq_close$address(), zmq_h.zmq_close$descriptor());
    private static final MethodHandle BIND =
            Native.capturing(zmq_h.zmq_bind$address(), zmq_h.zmq_bind$descriptor());
    private static final MethodHandle CONNECT =
            Native.capturing(zmq_h.zmq_connect$address(), zmq_h.zmq_connect$descriptor());
    private static final MethodHandle UNBIND =
            Native.capturing(zmq_h.zmq_unbind$address(), zmq_h.zmq_unbind$descriptor());
    private static final MethodHandle DISCONNECT =
            Native.capturing(zmq_h.zmq_disconnect$address(), zmq_h.zmq_disconnect$descriptor());
    private static final MethodHandle SETSOCKOPT =
            Native.capturingCritical(zmq_h.zmq_setsockopt$address(), zmq_h.zmq_setsockopt$descriptor());
    private static final MethodHandle GETSOCKOPT =
            Native.capturingCritical(zmq_h.zmq_getsockopt$address(), zmq_h.zmq_getsockopt$descriptor());
    /** ZMQ_EVENTS processes the socket's commands, so it may release messages: not critical. */
    private static final MethodHandle GETSOCKOPT_EVENTS =
            Native.capturing(zmq_h.zmq_getsockopt$address(), zmq_h.zmq_getsockopt$descriptor());
    /** The same without errno capture ({@link #eventsUncaptured}). */
    private static final MethodHandle GETSOCKOPT_EVENTS_UNCAPTURED =
            Native.plain(zmq_h.zmq_getsockopt$address(), zmq_h.zmq_getsockopt$descriptor());
    private static final int EVENTS = zmq_h.ZMQ_EVENTS();
    private static final int LINGER = zmq_h.ZMQ_LINGER();
    private static final MethodHandle SEND =
            Native.capturing(zmq_h.zmq_send$address(), zmq_h.zmq_send$descriptor());
    private static final MethodHandle SEND_CONST =
            Native.capturing(zmq_h.zmq_send_const$address(), zmq_h.zmq_send_const$descriptor());
    private static final MethodHandle RECV =
            Native.capturing(zmq_h.zmq_recv$address(), zmq_h.zmq_recv$descriptor());
    private static final MethodHandle MSG_SEND =
            Native.capturing(zmq_h.zmq_msg_send$address(), zmq_h.zmq_msg_send$descriptor());
    private static final MethodHandle MSG_RECV =
            Native.capturing(zmq_h.zmq_msg_recv$address(), zmq_h.zmq_msg_recv$descriptor());
    /*
     * The same four calls without errno capture, for the first try of a send or receive: when it
     * fails it changed nothing, and the caller repeats it with capture to learn why. Capturing
     * costs a few nanoseconds a call, and a first try usually succeeds.
     */
    private static final MethodHandle SEND_UNCAPTURED =
            Native.plain(zmq_h.zmq_send$address(), zmq_h.zmq_send$descriptor());
    private static final MethodHandle RECV_UNCAPTURED =
            Native.plain(zmq_h.zmq_recv$address(), zmq_h.zmq_recv$descriptor());
    private static final MethodHandle SEND_CRITICAL =
            Native.critical(zmq_h.zmq_send$address(), zmq_h.zmq_send$descriptor());
    private static final MethodHandle RECV_CRITICAL =
            Native.critical(zmq_h.zmq_recv$address(), zmq_h.zmq_recv$descriptor());
    /*
     * The socket goes as its address, a long: a segment argument of a call that may take heap
     * memory is split at run time into a base object and an offset, and checked, for the socket
     * too; a long is one register.
     */
    private static final MethodHandle SEND_ON_HEAP = Native.criticalOnHeap(zmq_h.zmq_send$address(),
            socketAsLong(zmq_h.zmq_send$descriptor()));
    private static final MethodHandle RECV_ON_HEAP = Native.criticalOnHeap(zmq_h.zmq_recv$address(),
            socketAsLong(zmq_h.zmq_recv$descriptor()));
    private static final MethodHandle MSG_SEND_CRITICAL =
            Native.critical(zmq_h.zmq_msg_send$address(), zmq_h.zmq_msg_send$descriptor());
    private static final MethodHandle MSG_RECV_CRITICAL =
            Native.critical(zmq_h.zmq_msg_recv$address(), zmq_h.zmq_msg_recv$descriptor());
    private static final MethodHandle MSG_SEND_UNCAPTURED =
            Native.plain(zmq_h.zmq_msg_send$address(), zmq_h.zmq_msg_send$descriptor());
    private static final MethodHandle MSG_RECV_UNCAPTURED =
            Native.plain(zmq_h.zmq_msg_recv$address(), zmq_h.zmq_msg_recv$descriptor());
    private static final MethodHandle MSG_CLOSE =
            Native.plain(zmq_h.zmq_msg_close$address(), zmq_h.zmq_msg_close$descriptor());
    private static final MethodHandle MSG_INIT =
            Native.plain(zmq_h.zmq_msg_init$address(), zmq_h.zmq_msg_init$descriptor());
    private static final MethodHandle MSG_INIT_SIZE =
            Native.capturing(zmq_h.zmq_msg_init_size$address(), zmq_h.zmq_msg_init_size$descriptor());
    private static final MethodHandle MSG_INIT_DATA =
            Native.capturing(zmq_h.zmq_msg_init_data$address(), zmq_h.zmq_msg_init_data$descriptor());
    private static final MethodHandle MSG_COPY =
            Native.capturing(zmq_h.zmq_msg_copy$address(), zmq_h.zmq_msg_copy$descriptor());
    private static final MethodHandle MSG_GETS =
            Native.capturing(zmq_h.zmq_msg_gets$address(), zmq_h.zmq_msg_gets$descriptor());
    private static final MethodHandle MSG_DATA =
            Native.plain(zmq_h.zmq_msg_data$address(), zmq_h.zmq_msg_data$descriptor());
    private static final MethodHandle MSG_SIZE =
            Native.plain(zmq_h.zmq_msg_size$address(), zmq_h.zmq_msg_size$descriptor());
    private static final MethodHandle MSG_MORE =
            Native.plain(zmq_h.zmq_msg_more$address(), zmq_h.zmq_msg_more$descriptor());
    private static final MethodHandle POLL =
            Native.capturing(zmq_h.zmq_poll$address(), zmq_h.zmq_poll$descriptor());

    public static MemorySegment ctxNew(MemorySegment capture) {
        try {
            return (MemorySegment) CTX_NEW.invokeExact(capture);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int ctxSet(MemorySegment capture, MemorySegment ctx, int option, int value) {
        try {
            return (int) CTX_SET.invokeExact(capture, ctx, option, value);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int ctxGet(MemorySegment capture, MemorySegment ctx, int option) {
        try {
            return (int) CTX_GET.invokeExact(capture, ctx, option);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Makes a call again for as long as it fails with EINTR: for the calls that a signal (a
     * profiler's) cuts short before they did anything, as libzmq begins binding, connecting,
     * starting a monitor or a proxy, or terminating by processing commands or polling.
     *
     * @param capture where the call captures errno
     * @return the call's last result; if negative, errno is in {@code capture}
     */
    public static int retryingSignals(MemorySegment capture, IntSupplier call) {
        int rc;
        do {
            rc = call.getAsInt();
        } while (rc < 0 && Native.errno(capture) == EINTR);
        return rc;
    }

    public static int ctxShutdown(MemorySegment capture, MemorySegment ctx) {
        try {
            return (int) CTX_SHUTDOWN.invokeExact(capture, ctx);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int ctxTerm(MemorySegment capture, MemorySegment ctx) {
        try {
            return (int) CTX_TERM.invokeExact(capture, ctx);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static MemorySegment socket(MemorySegment capture, MemorySegment ctx, int type) {
        try {
            return (MemorySegment) SOCKET.invokeExact(capture, ctx, type);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int close(MemorySegment capture, MemorySegment socket) {
        try {
            return (int) CLOSE.invokeExact(capture, socket);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** bind, connect, unbind or disconnect, chosen by {@code verb}. */
    public static int endpoint(EndpointVerb verb, MemorySegment capture, MemorySegment socket, MemorySegment addr) {
        MethodHandle handle = switch (verb) {
            case BIND -> BIND;
            case CONNECT -> CONNECT;
            case UNBIND -> UNBIND;
            case DISCONNECT -> DISCONNECT;
        };
        try {
            return (int) handle.invokeExact(capture, socket, addr);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The four calls that name an endpoint. */
    public enum EndpointVerb {
        BIND, CONNECT, UNBIND, DISCONNECT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static int setsockopt(MemorySegment capture, MemorySegment socket, int option, MemorySegment value, long size) {
        try {
            return (int) SETSOCKOPT.invokeExact(capture, socket, option, value, size);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Sets a raw socket's LINGER: 0 so that its close drops unsent messages instead of waiting
     * for them (the binding's default), or a bound on a user's LINGER when a context closes
     * within a deadline. {@code value} is four bytes of the caller's to pass it in.
     */
    public static void setLinger(MemorySegment capture, MemorySegment socket, int millis, MemorySegment value) {
        value.set(ValueLayout.JAVA_INT, 0, millis);
        setsockopt(capture, socket, LINGER, value, Integer.BYTES);
    }

    public static int getsockopt(MemorySegment capture, MemorySegment socket, int option, MemorySegment value, MemorySegment size) {
        try {
            if (option == EVENTS) {
                return (int) GETSOCKOPT_EVENTS.invokeExact(capture, socket, option, value, size);
            }
            return (int) GETSOCKOPT.invokeExact(capture, socket, option, value, size);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * {@code zmq_getsockopt(ZMQ_EVENTS)} without errno, for the wait of a send, which asks it
     * after each park; a failure is asked again with capture to learn why.
     *
     * @return 0, or -1 if it failed
     */
    public static int eventsUncaptured(MemorySegment socket, MemorySegment value, MemorySegment size) {
        try {
            return (int) GETSOCKOPT_EVENTS_UNCAPTURED.invokeExact(socket, EVENTS, value, size);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int send(MemorySegment capture, MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) SEND.invokeExact(capture, socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int sendConst(MemorySegment capture, MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) SEND_CONST.invokeExact(capture, socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int recv(MemorySegment capture, MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) RECV.invokeExact(capture, socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int msgSend(MemorySegment capture, MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_SEND.invokeExact(capture, msg, socket, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int msgRecv(MemorySegment capture, MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_RECV.invokeExact(capture, msg, socket, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** A call's descriptor with its first argument, the socket, taken as an address in a long. */
    private static FunctionDescriptor socketAsLong(FunctionDescriptor descriptor) {
        MemoryLayout[] arguments = descriptor.argumentLayouts().toArray(MemoryLayout[]::new);
        arguments[0] = ValueLayout.JAVA_LONG;
        return FunctionDescriptor.of(descriptor.returnLayout().orElseThrow(), arguments);
    }

    /**
     * {@code zmq_send} linked critical, without errno: only while {@code CriticalCalls} allows it,
     * with {@code ZMQ_DONTWAIT}, and for frames of up to {@code CriticalCalls.MAX_BYTES}.
     */
    public static int sendCritical(MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) SEND_CRITICAL.invokeExact(socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@link #sendCritical} of a heap segment (a Java array's bytes), which libzmq copies, on a socket's address. */
    public static int sendOnHeap(long socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) SEND_ON_HEAP.invokeExact(socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@link #recvCritical} into a heap segment (a Java array), on a socket's address. */
    public static int recvOnHeap(long socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) RECV_ON_HEAP.invokeExact(socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@code zmq_recv} linked critical, on the terms of {@link #sendCritical}. */
    public static int recvCritical(MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) RECV_CRITICAL.invokeExact(socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@code zmq_msg_send} linked critical, on the terms of {@link #sendCritical}. */
    public static int msgSendCritical(MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_SEND_CRITICAL.invokeExact(msg, socket, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@code zmq_msg_recv} linked critical, on the terms of {@link #sendCritical}. */
    public static int msgRecvCritical(MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_RECV_CRITICAL.invokeExact(msg, socket, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_send without errno: a failure is to be repeated with {@link #send} to learn why. */
    public static int sendUncaptured(MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) SEND_UNCAPTURED.invokeExact(socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_recv without errno: a failure is to be repeated with {@link #recv} to learn why. */
    public static int recvUncaptured(MemorySegment socket, MemorySegment buf, long len, int flags) {
        try {
            return (int) RECV_UNCAPTURED.invokeExact(socket, buf, len, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_msg_send without errno: a failure is to be repeated with {@link #msgSend} to learn why. */
    public static int msgSendUncaptured(MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_SEND_UNCAPTURED.invokeExact(msg, socket, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_msg_recv without errno: a failure is to be repeated with {@link #msgRecv} to learn why. */
    public static int msgRecvUncaptured(MemorySegment msg, MemorySegment socket, int flags) {
        try {
            return (int) MSG_RECV_UNCAPTURED.invokeExact(msg, socket, flags);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_msg_init, which cannot fail: no errno. */
    public static int msgInit(MemorySegment msg) {
        try {
            return (int) MSG_INIT.invokeExact(msg);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int msgInitSize(MemorySegment capture, MemorySegment msg, long size) {
        try {
            return (int) MSG_INIT_SIZE.invokeExact(capture, msg, size);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_msg_init_data: libzmq calls {@code free} with {@code hint} once it no longer needs {@code data}. */
    public static int msgInitData(MemorySegment capture, MemorySegment msg, MemorySegment data, long size,
                           MemorySegment free, MemorySegment hint) {
        try {
            return (int) MSG_INIT_DATA.invokeExact(capture, msg, data, size, free, hint);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int msgCopy(MemorySegment capture, MemorySegment dest, MemorySegment src) {
        try {
            return (int) MSG_COPY.invokeExact(capture, dest, src);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_msg_gets: the property's value as a C string, or NULL (errno EINVAL) if absent. */
    public static MemorySegment msgGets(MemorySegment capture, MemorySegment msg, MemorySegment property) {
        try {
            return (MemorySegment) MSG_GETS.invokeExact(capture, msg, property);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** zmq_msg_close, which fails only for a message that is not one: no errno. */
    public static int msgClose(MemorySegment msg) {
        try {
            return (int) MSG_CLOSE.invokeExact(msg);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Releases what the message holds and leaves it initialized and empty: the one reset of a
     * zmq_msg_t. Neither call can fail on a message this binding initialized, so neither
     * captures errno.
     */
    public static void msgEmpty(MemorySegment msg) {
        try {
            int rc = (int) MSG_CLOSE.invokeExact(msg);
            rc |= (int) MSG_INIT.invokeExact(msg);
            assert rc == 0 : "zmq_msg_close or zmq_msg_init failed on a message of the binding";
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static MemorySegment msgData(MemorySegment msg) {
        try {
            return (MemorySegment) MSG_DATA.invokeExact(msg);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static long msgSize(MemorySegment msg) {
        try {
            return (long) MSG_SIZE.invokeExact(msg);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static boolean msgMore(MemorySegment msg) {
        try {
            return (int) MSG_MORE.invokeExact(msg) != 0;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int poll(MemorySegment capture, MemorySegment items, int count, long timeoutMillis) {
        try {
            return (int) POLL.invokeExact(capture, items, count, timeoutMillis);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    // ---------------------------------------------------------------- proxy, monitor, timers (issue #5)
    // Linked normally, never critical: the proxy blocks, and zmq_timers_execute calls back into Java.

    /**
     * Linked on first use, most programs use none of these: by {@link #proxySteerable},
     * {@link #socketMonitor} and {@link #timersNew} (the other timer calls need a timer set).
     */
    private static final class Lazy {
        static final MethodHandle PROXY_STEERABLE =
                Native.capturing(zmq_h.zmq_proxy_steerable$address(), zmq_h.zmq_proxy_steerable$descriptor());
        static final MethodHandle SOCKET_MONITOR =
                Native.capturing(zmq_h.zmq_socket_monitor$address(), zmq_h.zmq_socket_monitor$descriptor());
        static final MethodHandle TIMERS_NEW =
                Native.capturing(zmq_h.zmq_timers_new$address(), zmq_h.zmq_timers_new$descriptor());
        static final MethodHandle TIMERS_DESTROY =
                Native.capturing(zmq_h.zmq_timers_destroy$address(), zmq_h.zmq_timers_destroy$descriptor());
        static final MethodHandle TIMERS_ADD =
                Native.capturing(zmq_h.zmq_timers_add$address(), zmq_h.zmq_timers_add$descriptor());
        static final MethodHandle TIMERS_CANCEL =
                Native.capturing(zmq_h.zmq_timers_cancel$address(), zmq_h.zmq_timers_cancel$descriptor());
        static final MethodHandle TIMERS_SET_INTERVAL =
                Native.capturing(zmq_h.zmq_timers_set_interval$address(), zmq_h.zmq_timers_set_interval$descriptor());
        static final MethodHandle TIMERS_RESET =
                Native.capturing(zmq_h.zmq_timers_reset$address(), zmq_h.zmq_timers_reset$descriptor());
        static final MethodHandle TIMERS_TIMEOUT =
                Native.capturing(zmq_h.zmq_timers_timeout$address(), zmq_h.zmq_timers_timeout$descriptor());
        static final MethodHandle TIMERS_EXECUTE =
                Native.capturing(zmq_h.zmq_timers_execute$address(), zmq_h.zmq_timers_execute$descriptor());
    }

    private static final LinkedOnFirstUse RARELY_USED = new LinkedOnFirstUse(MethodHandles.lookup(), Lazy.class);

    public static int proxySteerable(MemorySegment capture, MemorySegment frontend, MemorySegment backend,
                              MemorySegment captureSocket, MemorySegment control) {
        RARELY_USED.ensureLinked();
        try {
            return (int) Lazy.PROXY_STEERABLE.invokeExact(capture, frontend, backend, captureSocket, control);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int socketMonitor(MemorySegment capture, MemorySegment socket, MemorySegment endpoint, int events) {
        RARELY_USED.ensureLinked();
        try {
            return (int) Lazy.SOCKET_MONITOR.invokeExact(capture, socket, endpoint, events);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static MemorySegment timersNew(MemorySegment capture) {
        RARELY_USED.ensureLinked();
        try {
            return (MemorySegment) Lazy.TIMERS_NEW.invokeExact(capture);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Destroys the timers whose address {@code timersPointer} holds, and clears it. */
    public static int timersDestroy(MemorySegment capture, MemorySegment timersPointer) {
        try {
            return (int) Lazy.TIMERS_DESTROY.invokeExact(capture, timersPointer);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int timersAdd(MemorySegment capture, MemorySegment timers, long interval, MemorySegment handler,
                         MemorySegment arg) {
        try {
            return (int) Lazy.TIMERS_ADD.invokeExact(capture, timers, interval, handler, arg);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int timersCancel(MemorySegment capture, MemorySegment timers, int id) {
        try {
            return (int) Lazy.TIMERS_CANCEL.invokeExact(capture, timers, id);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int timersSetInterval(MemorySegment capture, MemorySegment timers, int id, long interval) {
        try {
            return (int) Lazy.TIMERS_SET_INTERVAL.invokeExact(capture, timers, id, interval);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int timersReset(MemorySegment capture, MemorySegment timers, int id) {
        try {
            return (int) Lazy.TIMERS_RESET.invokeExact(capture, timers, id);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static long timersTimeout(MemorySegment capture, MemorySegment timers) {
        try {
            return (long) Lazy.TIMERS_TIMEOUT.invokeExact(capture, timers);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int timersExecute(MemorySegment capture, MemorySegment timers) {
        try {
            return (int) Lazy.TIMERS_EXECUTE.invokeExact(capture, timers);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * The draft message calls (routing ids and groups of the thread-safe socket types). They are
     * linked on first use, which {@code Message} allows only after finding their symbols:
     * stable builds of libzmq, Debian's among them, leave them out.
     */
    public static final class DraftMessages {
        public static final boolean AVAILABLE = Native.hasSymbol("zmq_msg_routing_id")
                && Native.hasSymbol("zmq_msg_set_routing_id") && Native.hasSymbol("zmq_msg_group")
                && Native.hasSymbol("zmq_msg_set_group");

        private DraftMessages() {
        }

        private static final LinkedOnFirstUse HANDLES = new LinkedOnFirstUse(MethodHandles.lookup(), Handles.class);

        private static final class Handles {
            static final MethodHandle ROUTING_ID = Native.plain(
                    zmq_h.zmq_msg_routing_id$address(), zmq_h.zmq_msg_routing_id$descriptor());
            static final MethodHandle SET_ROUTING_ID = Native.capturing(
                    zmq_h.zmq_msg_set_routing_id$address(), zmq_h.zmq_msg_set_routing_id$descriptor());
            static final MethodHandle GROUP = Native.plain(
                    zmq_h.zmq_msg_group$address(), zmq_h.zmq_msg_group$descriptor());
            static final MethodHandle SET_GROUP = Native.capturing(
                    zmq_h.zmq_msg_set_group$address(), zmq_h.zmq_msg_set_group$descriptor());
        }

        public static int routingId(MemorySegment msg) {
            HANDLES.ensureLinked();
            try {
                return (int) Handles.ROUTING_ID.invokeExact(msg);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }

        public static int setRoutingId(MemorySegment capture, MemorySegment msg, int id) {
            HANDLES.ensureLinked();
            try {
                return (int) Handles.SET_ROUTING_ID.invokeExact(capture, msg, id);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }

        public static MemorySegment group(MemorySegment msg) {
            HANDLES.ensureLinked();
            try {
                return (MemorySegment) Handles.GROUP.invokeExact(msg);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }

        public static int setGroup(MemorySegment capture, MemorySegment msg, MemorySegment group) {
            HANDLES.ensureLinked();
            try {
                return (int) Handles.SET_GROUP.invokeExact(capture, msg, group);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }
    }
}
