package io.github.zmqffm;

import io.github.zmqffm.internal.io.ProxyControl;
import io.github.zmqffm.internal.io.SocketIo;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ZeroMQ's built-in proxy: forwards messages between a frontend and a backend socket, and
 * optionally copies each to a capture socket, as {@code zmq_proxy_steerable} does.
 *
 * <p>{@link #run(Socket, Socket)} runs it in the calling thread, like {@code zmq_proxy};
 * {@link #start(Socket, Socket)} runs it on a thread of its own and returns a handle to pause,
 * resume, query and terminate it.
 *
 * {@snippet :
 * try (Socket frontend = ctx.socket(SocketType.ROUTER).bind("tcp://127.0.0.1:5555");
 *      Socket backend = ctx.socket(SocketType.DEALER).bind("tcp://127.0.0.1:5556");
 *      Proxy proxy = Proxy.start(frontend, backend)) {
 *     // ...
 *     Proxy.Statistics stats = proxy.statistics();
 *     proxy.terminate();
 * }
 * }
 *
 * <p>While it runs the proxy holds its sockets, as a {@code receive} would: another thread that
 * uses one gets {@link IllegalStateException}. It stops, releasing them, when it is terminated,
 * when its context closes ({@link ContextTerminatedException}), when another thread closes one
 * of its sockets ({@link IllegalStateException}) or, for {@code run}, when the running thread
 * is interrupted ({@link ZmqInterruptedException}, interrupt status left set). Each of these
 * reaches the proxy through an internal inproc control socket pair; libzmq copies every control
 * command to the capture socket, so a capture socket also sees frames such as {@code PAUSE} and
 * {@code STATISTICS}.
 *
 * <p>libzmq's proxy blocks inside native code, so it always runs on a platform thread: a
 * {@code run} called on a virtual thread hands the proxy to a platform thread of its own and
 * parks until it stops, so that no carrier is pinned meanwhile.
 *
 * <p>One limit comes from libzmq: it forwards in bursts with blocking sends, so when a peer
 * stops reading and a high water mark is reached, the proxy can sit inside such a send, where
 * only a context close reaches it (SNDTIMEO on the sockets bounds that wait).
 */
public final class Proxy implements AutoCloseable {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    /**
     * The proxy's counters, as its STATISTICS reply gives them: whole messages (a multipart
     * message counts once) and their bytes, received ("in") by and sent ("out") from each side.
     *
     * @param frontendMessagesIn messages received by the frontend
     * @param frontendBytesIn bytes received by the frontend
     * @param frontendMessagesOut messages sent out of the frontend
     * @param frontendBytesOut bytes sent out of the frontend
     * @param backendMessagesIn messages received by the backend
     * @param backendBytesIn bytes received by the backend
     * @param backendMessagesOut messages sent out of the backend
     * @param backendBytesOut bytes sent out of the backend
     */
    public record Statistics(long frontendMessagesIn, long frontendBytesIn,
                             long frontendMessagesOut, long frontendBytesOut,
                             long backendMessagesIn, long backendBytesIn,
                             long backendMessagesOut, long backendBytesOut) {
        static Statistics of(long[] c) {
            return new Statistics(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        }
    }

    private final Socket[] sockets;
    private final ProxyControl control;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    /** Completes once the proxy's thread has released the sockets. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile RuntimeException failure;

    private Proxy(Socket[] sockets, ProxyControl control) {
        this.sockets = sockets;
        this.control = control;
    }

    /**
     * Runs a proxy in the calling thread until something stops it; it never returns normally.
     *
     * @param frontend one side (may be the same socket as {@code backend})
     * @param backend the other side
     * @throws ZmqInterruptedException when the thread is interrupted (status left set)
     * @throws ContextTerminatedException when the context closes
     * @throws IllegalStateException when another thread closes one of the sockets, or if one
     *         is closed or in use by another thread to begin with
     * @throws ZmqException if libzmq's proxy fails
     */
    public static void run(Socket frontend, Socket backend) {
        run(frontend, backend, null);
    }

    /**
     * Runs a proxy in the calling thread, copying every message to {@code capture}.
     *
     * @param frontend one side
     * @param backend the other side
     * @param capture receives a copy of each frame (PUB, PUSH, DEALER or PAIR), or {@code null}
     * @throws IllegalArgumentException if {@code capture} is also frontend or backend
     * @throws ZmqInterruptedException when the thread is interrupted (status left set)
     * @throws ContextTerminatedException when the context closes
     * @throws IllegalStateException when another thread closes one of the sockets, or if one
     *         is closed or in use by another thread to begin with
     * @throws ZmqException if libzmq's proxy fails
     */
    public static void run(Socket frontend, Socket backend, Socket capture) {
        Socket[] sockets = checked(frontend, backend, capture);
        ProxyControl control = new ProxyControl(frontend.io.handle().context);
        Proxy proxy = new Proxy(sockets, control);
        RuntimeException why;
        if (Thread.currentThread().isVirtual()) {
            why = proxy.runOnPlatformThread();
        } else {
            try {
                why = proxy.runHere();
            } finally {
                control.shutdown();
            }
        }
        throw why != null ? why : new IllegalStateException("proxy stopped for no known reason");
    }

    /**
     * Starts a steerable proxy on a new daemon thread, and returns once it holds the sockets.
     *
     * @param frontend one side (may be the same socket as {@code backend})
     * @param backend the other side
     * @return the running proxy
     * @throws IllegalStateException if a socket is closed or in use by another thread
     */
    public static Proxy start(Socket frontend, Socket backend) {
        return start(frontend, backend, null);
    }

    /**
     * Starts a steerable proxy that copies every message to {@code capture}.
     *
     * @param frontend one side
     * @param backend the other side
     * @param capture receives a copy of each frame, or {@code null}
     * @return the running proxy
     * @throws IllegalArgumentException if {@code capture} is also frontend or backend
     * @throws IllegalStateException if a socket is closed or in use by another thread
     */
    public static Proxy start(Socket frontend, Socket backend, Socket capture) {
        Proxy proxy = new Proxy(checked(frontend, backend, capture),
                new ProxyControl(frontend.io.handle().context));
        Thread.ofPlatform().daemon().name("zmq-proxy-" + NEXT_ID.incrementAndGet()).start(proxy::runOnThread);
        try {
            proxy.started.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
        return proxy;
    }

    /**
     * Pauses the proxy; returns once it has paused. Messages that arrive meanwhile wait in the
     * sockets' queues (up to their high water marks). Like {@link #resume()} and
     * {@link #statistics()}, callable from any thread, and not interruptible: a running proxy
     * answers at once.
     *
     * @throws IllegalStateException if the proxy is not running
     * @throws ContextTerminatedException if the context closes meanwhile
     */
    public void pause() {
        control.command("PAUSE");
    }

    /**
     * Resumes a paused proxy; returns once it forwards again.
     *
     * @throws IllegalStateException if the proxy is not running
     * @throws ContextTerminatedException if the context closes meanwhile
     */
    public void resume() {
        control.command("RESUME");
    }

    /**
     * Reads the proxy's counters.
     *
     * @return the counters since the proxy started
     * @throws IllegalStateException if the proxy is not running
     * @throws ContextTerminatedException if the context closes meanwhile
     */
    public Statistics statistics() {
        return Statistics.of(control.command("STATISTICS"));
    }

    /**
     * Whether the proxy still runs.
     *
     * @return {@code false} once it has stopped, for whatever reason
     */
    public boolean isRunning() {
        return !done.isDone();
    }

    /**
     * Stops the proxy and waits until its thread has released the sockets. Idempotent.
     *
     * @throws RuntimeException the exception that had already stopped the proxy on its own, if
     *         it did: {@link ContextTerminatedException}, {@link IllegalStateException} (a
     *         socket closed by another thread) or {@link ZmqException}
     */
    public void terminate() {
        control.terminate();
        done.join();
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /**
     * Stops the proxy as {@link #terminate()} does, without reporting why it had stopped.
     */
    @Override
    public void close() {
        control.terminate();
        done.join();
    }

    /** {@return e.g. "Proxy[running]"} */
    @Override
    public String toString() {
        return "Proxy[" + (isRunning() ? "running]" : failure == null ? "terminated]" : "failed: " + failure + "]");
    }

    // ---------------------------------------------------------------- running

    /**
     * {@code run} on a virtual thread: the proxy runs on a platform thread while this one parks;
     * an interrupt of this thread terminates the proxy and ends the call as an interrupt would.
     */
    private RuntimeException runOnPlatformThread() {
        Thread.ofPlatform().daemon().name("zmq-proxy-" + NEXT_ID.incrementAndGet()).start(this::runOnThread);
        // One wait for the whole run, start included, so that the caller parks once and stays parked.
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.terminate();
            done.join();
            return new ZmqInterruptedException("proxy");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the proxy failed", e.getCause());
        }
        if (started.isCompletedExceptionally()) {   // could not take the sockets
            Throwable refused = started.exceptionNow();
            if (refused instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) refused;
        }
        return failure;
    }

    private void runOnThread() {
        try {
            failure = runHere();
        } catch (RuntimeException | Error e) {
            // Before the start: could not take the sockets, and start() reports it.
            if (!started.completeExceptionally(e)) {
                failure = e instanceof RuntimeException r ? r : new IllegalStateException("the proxy failed", e);
            }
        } finally {
            control.shutdown();
            done.complete(null);
        }
    }

    /**
     * Holds the sockets and runs libzmq's proxy until it returns.
     *
     * @return why it stopped; {@code null} if {@link #terminate()} stopped it
     * @throws IllegalStateException if a socket cannot be held
     */
    private RuntimeException runHere() {
        List<SocketIo> held = new ArrayList<>();
        try {
            for (Socket s : sockets) {
                if (s != null && !held.contains(s.io)) {
                    hold(s.io, held);
                }
            }
            hold(control.proxySide, held);
            started.complete(null);
            MemorySegment capture = Scratch.get().capture;
            int rc;
            control.enter();
            try {
                // A signal (a profiler's) ends libzmq's proxy with EINTR: it resumes. (libzmq 4.3.4
                // drops the frame it was forwarding if the signal cut short the send of that frame.)
                // An interrupt reaches the proxy through its control socket, not as EINTR.
                rc = LibZmq.retryingSignals(capture, () -> LibZmq.proxySteerable(capture, pointer(sockets[0]),
                        pointer(sockets[1]), pointer(sockets[2]), control.proxySide.handle().ptr));
            } finally {
                control.exit();
                control.finished();
            }
            return whyStopped(rc, rc < 0 ? Native.errno(capture) : 0);
        } finally {
            for (SocketIo io : held) {
                io.handle().waitingOn(null);
                io.release();
            }
        }
    }

    /** Holds a socket for the proxy: an explicit hand-over, so without the owner check. */
    private void hold(SocketIo io, List<SocketIo> held) {
        io.hold("proxy", true);
        held.add(io);
        io.handle().waitingOn(control);
    }

    private static MemorySegment pointer(Socket socket) {
        return socket == null ? MemorySegment.NULL : socket.io.handle().ptr;
    }

    private RuntimeException whyStopped(int rc, int errno) {
        if (rc == 0 && control.terminatedByUser()) {
            return null;
        }
        String[] roles = {"frontend", "backend", "capture"};
        for (int i = 0; i < sockets.length; i++) {
            SocketHandle handle = sockets[i] == null ? null : sockets[i].io.handle();
            if (handle != null && handle.isClosed()) {
                return handle.closedWhileWaiting("proxy " + roles[i]);
            }
        }
        if (control.proxySide.handle().isClosed() || errno == LibZmq.ETERM) {
            return new ContextTerminatedException("proxy");
        }
        if (Thread.currentThread().isInterrupted()) {
            return new ZmqInterruptedException("proxy");
        }
        return rc < 0 ? Errors.of("proxy", errno) : new IllegalStateException("proxy stopped for no known reason");
    }

    /** frontend, backend, capture (or null); only frontend and backend may be the same socket. */
    private static Socket[] checked(Socket frontend, Socket backend, Socket capture) {
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
        if (capture == frontend || capture == backend) {
            throw new IllegalArgumentException("the capture socket must differ from frontend and backend");
        }
        return new Socket[] {frontend, backend, capture};
    }
}
