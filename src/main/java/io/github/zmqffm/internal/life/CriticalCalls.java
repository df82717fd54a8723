package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.Membarrier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the first try of a send or receive may be a critical downcall
 * ({@link java.lang.foreign.Linker.Option#critical}): one without the thread-state transitions
 * and the memory fence a normal downcall makes on its way back: about 2 ns per call
 * ({@code FrameCostCpu}, a send and a receive of 64 B on one thread: 84 to 80 ns).
 *
 * <p>A critical call must never call back into Java, and a send or receive can: libzmq runs a
 * zero-copy message's free function, an upcall ({@link Releases}), when it drops such a message
 * inside the call (received over inproc, or dropped with a dead pipe). So critical calls are
 * allowed only until the process lends its first zero-copy buffer. {@link #end()}, called before
 * that first loan, forbids them for good and then waits for the ones in flight: it clears the
 * flag, fences every running thread ({@link Membarrier#fence()}) and waits until no socket has a
 * call in flight. A caller marks its socket ({@code SocketHandle.enterCritical()}) before it
 * reads the flag, so either the ender sees the mark and waits, or the caller sees the flag
 * cleared and makes a normal call (the same asymmetric handshake as the guard's fast path, see
 * {@link Guard}). Without {@code membarrier(2)}, or with {@code -Dzmq.criticalCalls=false}, no
 * call is critical.
 */
public final class CriticalCalls {
    private static final VarHandle ALLOWED;

    static {
        try {
            ALLOWED = MethodHandles.lookup().findStaticVarHandle(CriticalCalls.class, "allowed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Frames up to this size may go critical: the copy libzmq makes of them delays safepoints only briefly. */
    public static final long MAX_BYTES = 64 * 1024;

    @SuppressWarnings("unused")   // read and written through ALLOWED
    private static volatile boolean allowed =
            Boolean.parseBoolean(System.getProperty("zmq.criticalCalls", "true")) && Membarrier.isAvailable();
    /** Set once {@link #end()} has waited for the calls in flight. */
    private static volatile boolean ended = !allowed;
    /** The sockets that may make critical calls: the ones {@link #end()} waits for. */
    private static final Set<Caller> SOCKETS = ConcurrentHashMap.newKeySet();

    /** What may make critical calls: a socket, which marks the calls it makes. */
    interface Caller {
        /** {@return whether a critical call is in flight} */
        boolean inCriticalCall();
    }

    private CriticalCalls() {
    }

    /** {@return whether a call may go critical now; read after the caller marked its socket} */
    static boolean allowed() {
        return (boolean) ALLOWED.getOpaque();
    }

    /** Lists a socket that may make critical calls, until {@link #forget}. */
    static void register(Caller socket) {
        if (!ended) {
            SOCKETS.add(socket);
        }
    }

    /** Drops a released socket. */
    static void forget(Caller socket) {
        SOCKETS.remove(socket);
    }

    /**
     * Forbids critical calls for good and returns once none is in flight: to be called before a
     * zero-copy buffer is lent with a free function that upcalls. Cheap once done.
     */
    public static void end() {
        if (ended) {
            return;
        }
        synchronized (CriticalCalls.class) {
            if (ended) {
                return;
            }
            ALLOWED.setVolatile(false);
            Membarrier.fence();
            for (Caller socket : SOCKETS) {
                for (int attempt = 0; socket.inCriticalCall(); attempt++) {
                    Guard.pause(attempt);   // a non-blocking send or receive: microseconds at most
                }
            }
            SOCKETS.clear();
            ended = true;
        }
    }
}
