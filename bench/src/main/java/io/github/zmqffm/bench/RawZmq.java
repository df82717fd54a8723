package io.github.zmqffm.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libzmq called straight through the linker, with no binding in between: the floor the
 * benchmarks set zmq-ffm's calls against ({@link FrameCostBenchmark}, {@link RawFfmBinding}). It
 * links its own handles from the system's {@code libzmq.so.5}, independent of zmq-ffm's
 * internals, each send and receive three times: plain, with errno captured
 * ({@code Linker.Option.captureCallState}), as zmq-ffm links every call that can fail, and
 * critical on a Java array, as the floor's first try makes it.
 */
final class RawZmq {
    static final int PUSH = 8;
    static final int PULL = 7;
    static final int DONTWAIT = 1;
    private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup ZMQ = SymbolLookup.libraryLookup("libzmq.so.5", Arena.global());
    private static final FunctionDescriptor TRANSFER = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, SIZE_T, ValueLayout.JAVA_INT);
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    static final MethodHandle CTX_NEW = plain("zmq_ctx_new", FunctionDescriptor.of(ValueLayout.ADDRESS));
    static final MethodHandle CTX_TERM = plain("zmq_ctx_term",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    static final MethodHandle SOCKET = plain("zmq_socket",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    static final MethodHandle BIND = plain("zmq_bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    static final MethodHandle CONNECT = plain("zmq_connect",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    static final MethodHandle CLOSE = plain("zmq_close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    static final MethodHandle SETSOCKOPT = plain("zmq_setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, SIZE_T));
    static final int SNDHWM = 23;
    static final int RCVHWM = 24;
    static final MethodHandle SEND = plain("zmq_send", TRANSFER);
    static final MethodHandle RECV = plain("zmq_recv", TRANSFER);
    /** Critical, on a Java array itself: the FFM floor's first try ({@link RawFfmBinding}). */
    static final MethodHandle SEND_ON_HEAP = onHeap("zmq_send");
    static final MethodHandle RECV_ON_HEAP = onHeap("zmq_recv");
    static final MethodHandle SEND_CAPTURING = capturing("zmq_send", TRANSFER);
    static final MethodHandle RECV_CAPTURING = capturing("zmq_recv", TRANSFER);
    static final MethodHandle MSG_SIZE = plain("zmq_msg_size",
            FunctionDescriptor.of(SIZE_T, ValueLayout.ADDRESS));
    static final MethodHandle MSG_SIZE_CAPTURING = capturing("zmq_msg_size",
            FunctionDescriptor.of(SIZE_T, ValueLayout.ADDRESS));
    static final MethodHandle MSG_INIT = plain("zmq_msg_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private RawZmq() {
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(ZMQ.findOrThrow(name), descriptor);
    }

    private static MethodHandle onHeap(String name) {
        return LINKER.downcallHandle(ZMQ.findOrThrow(name), TRANSFER, Linker.Option.critical(true));
    }

    private static MethodHandle capturing(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(ZMQ.findOrThrow(name), descriptor, CAPTURE);
    }

    /** A segment for the errno that capturing handles store. */
    static MemorySegment captureSegment(Arena arena) {
        return arena.allocate(Linker.Option.captureStateLayout());
    }
}
