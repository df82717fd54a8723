import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;
import static java.lang.foreign.ValueLayout.*;

/** Which part of a Java-driven libzmq loop is slow: C loops on Java threads, or per-call downcalls. */
public class Drive {
    static final Linker L = Linker.nativeLinker();
    static final SymbolLookup Z = SymbolLookup.libraryLookup("libzmq.so.5", Arena.global());
    static final SymbolLookup C = SymbolLookup.libraryLookup(System.getProperty("loops"), Arena.global());
    static MethodHandle h(SymbolLookup l, String n, FunctionDescriptor d, Linker.Option... o) {
        return L.downcallHandle(l.find(n).orElseThrow(), d, o);
    }
    static final MethodHandle CTX = h(Z, "zmq_ctx_new", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle SOCK = h(Z, "zmq_socket", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle BIND = h(Z, "zmq_bind", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle CONN = h(Z, "zmq_connect", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final FunctionDescriptor XFER = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    static final MethodHandle SEND = h(Z, "zmq_send", XFER);
    static final MethodHandle RECV = h(Z, "zmq_recv", XFER);
    static final MethodHandle SEND_C = h(Z, "zmq_send", XFER, Linker.Option.critical(false));
    static final MethodHandle RECV_C = h(Z, "zmq_recv", XFER, Linker.Option.critical(false));
    static final FunctionDescriptor LOOP = FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SEND_LOOP = h(C, "send_loop", LOOP);
    static final MethodHandle RECV_LOOP = h(C, "recv_loop", LOOP);

    interface Side { void run(MemorySegment s, MemorySegment buf, long n) throws Throwable; }

    static Side side(String how, boolean send) {
        return switch (how) {
            case "c" -> send ? (s, b, n) -> { long r = (long) SEND_LOOP.invokeExact(s, b, 1L, n); if (r < 0) throw new IllegalStateException(); }
                             : (s, b, n) -> { long r = (long) RECV_LOOP.invokeExact(s, b, 1L, n); if (r < 0) throw new IllegalStateException(); };
            case "plain" -> send ? (s, b, n) -> { for (long i = 0; i < n; i++) if ((int) SEND.invokeExact(s, b, 1L, 0) < 0) throw new IllegalStateException(); }
                                 : (s, b, n) -> { for (long i = 0; i < n; i++) if ((int) RECV.invokeExact(s, b, 1L, 0) < 0) throw new IllegalStateException(); };
            case "crit" -> send ? (s, b, n) -> { for (long i = 0; i < n; i++) if ((int) SEND_C.invokeExact(s, b, 1L, 0) < 0) throw new IllegalStateException(); }
                                : (s, b, n) -> { for (long i = 0; i < n; i++) if ((int) RECV_C.invokeExact(s, b, 1L, 0) < 0) throw new IllegalStateException(); };
            case "mark" -> marked(send, new Near(), false);
            case "markfar" -> marked(send, new Far(), false);
            case "storeonly" -> marked(send, new Near(), true);
            default -> throw new IllegalArgumentException(how);
        };
    }

    /** The per-call state a binding keeps: a flag stored around each call, a field read before it. */
    static abstract class Mark { abstract int read(); abstract void set(int v); }
    static class Padded extends Mark { long p0, p1, p2, p3, p4, p5, p6, p7; int hole; int read() { return 0; } void set(int v) { } }
    static final class Near extends Padded {
        volatile int flag; int other;
        int read() { return other; }
        void set(int v) { FLAG_NEAR.setRelease(this, v); }
    }
    static class FarA { long p0, p1, p2, p3, p4, p5, p6, p7; int other; int hole; }
    static class FarB extends FarA { long q0, q1, q2, q3, q4, q5, q6, q7; }
    static final class Far extends Mark {
        final FarB readHere = new FarB();
        final long[] pad = new long[32];
        volatile int flag;
        final long[] pad2 = new long[32];
        int read() { return readHere.other; }
        void set(int v) { FLAG_FAR.setRelease(this, v); }
    }
    static final java.lang.invoke.VarHandle FLAG_NEAR, FLAG_FAR;
    static {
        try {
            FLAG_NEAR = java.lang.invoke.MethodHandles.lookup().findVarHandle(Near.class, "flag", int.class);
            FLAG_FAR = java.lang.invoke.MethodHandles.lookup().findVarHandle(Far.class, "flag", int.class);
        } catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); }
    }
    static Side marked(boolean send, Mark m, boolean storeOnly) {
        MethodHandle call = send ? SEND_C : RECV_C;
        if (storeOnly) {
            return (s, b, n) -> { for (long i = 0; i < n; i++) { m.set(1); int rc = (int) call.invokeExact(s, b, 1L, 0); m.set(0); if (rc < 0) throw new IllegalStateException(); } };
        }
        return (s, b, n) -> { for (long i = 0; i < n; i++) { if (m.read() != 0) throw new IllegalStateException(); m.set(1); int rc = (int) call.invokeExact(s, b, 1L, 0); m.set(0); if (rc < 0) throw new IllegalStateException(); } };
    }

    public static void main(String[] args) throws Throwable {
        String sendHow = args[0], recvHow = args[1];
        long count = Long.parseLong(args[2]), warmup = Long.parseLong(args[3]);
        Arena a = Arena.global();
        MemorySegment ctx = (MemorySegment) CTX.invokeExact();
        MemorySegment pull = (MemorySegment) SOCK.invokeExact(ctx, 7);
        MemorySegment push = (MemorySegment) SOCK.invokeExact(ctx, 8);
        if ((int) BIND.invokeExact(pull, a.allocateFrom("inproc://d")) != 0) throw new IllegalStateException();
        if ((int) CONN.invokeExact(push, a.allocateFrom("inproc://d")) != 0) throw new IllegalStateException();
        MemorySegment sb = a.allocate(64), rb = a.allocate(64);
        Side sender = side(sendHow, true), receiver = side(recvHow, false);
        Thread t = Thread.ofPlatform().start(() -> {
            try { sender.run(push, sb, warmup + count); } catch (Throwable e) { throw new RuntimeException(e); }
        });
        receiver.run(pull, rb, warmup);
        long start = System.nanoTime();
        receiver.run(pull, rb, count);
        double rate = count / ((System.nanoTime() - start) / 1e9);
        t.join();
        System.out.printf("send=%s recv=%s msgs_per_s=%.0f%n", sendHow, recvHow, rate);
        System.exit(0);
    }
}
