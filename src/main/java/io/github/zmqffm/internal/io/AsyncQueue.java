package io.github.zmqffm.internal.io;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.internal.life.Guard;
import io.github.zmqffm.internal.nat.LibZmq;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket's asynchronous sends and receives, performed in the order they were asked for.
 *
 * <p>An operation is tried at once on the caller's thread, without blocking. If the socket cannot
 * do it yet, the {@link Reactor} watches the socket's descriptor and, when it fires, performs the
 * pending operations itself, in order, each without blocking, until one has to wait again. So
 * while operations are pending the reactor side uses the socket, and a call that sends or
 * receives is refused ({@code SocketHandle.asyncPending()}).
 *
 * <p>Futures complete on a virtual thread of the socket's {@link SerialExecutor}, in order, never
 * on the reactor's thread or libzmq's: a dependent action may block without stalling anyone.
 * A cancelled operation that has not happened is withdrawn, so nothing is lost (a frame it would
 * have taken goes to the next receive). Closing the socket fails what is pending with
 * {@link IllegalStateException}; its context closing, with {@link ContextTerminatedException}.
 */
public final class AsyncQueue implements AutoCloseable {
    /** How soon to try again when another thread briefly holds the socket (an option call, say). */
    private static final long RETRY_MICROS = 200;
    /** A result meaning "cannot be done yet". */
    private static final Object NOT_YET = new Object();
    private static final int WAITING = 0;
    private static final int PERFORMING = 1;
    private static final int CANCELLED = 2;

    private final SocketIo io;
    private final SerialExecutor completions = new SerialExecutor();
    /** Guarded by this. */
    private final ArrayDeque<Operation<?>> pending = new ArrayDeque<>();
    private boolean closed;

    /** The asynchronous operations of a socket; closed with it. */
    public AsyncQueue(SocketIo io) {
        this.io = io;
        io.handle.attachCompanion(this);
    }

    /** {@return a future of the next frame} */
    public CompletableFuture<byte[]> receive() {
        return submit(new Operation<byte[]>(false) {
            @Override
            byte[] perform() {
                return io.receiveHeld(Timeouts.NO_WAIT);
            }
        });
    }

    /** {@return a future of the next whole message's frames, in a list from {@code frames}} */
    public <L extends List<byte[]>> CompletableFuture<L> receiveMultipart(java.util.function.Supplier<L> frames) {
        return submit(new Operation<L>(false) {
            @Override
            L perform() {
                L into = frames.get();
                return io.receiveMultipartHeld(into, Timeouts.NO_WAIT) ? into : null;
            }
        });
    }

    /** {@return a future that completes once libzmq has taken the frame} */
    public CompletableFuture<Void> send(byte[] frame) {
        byte[] checked = frame.clone();
        return submit(new Operation<Void>(true) {
            @Override
            Object perform() {
                return io.sendHeld(checked, 0, Timeouts.NO_WAIT) ? null : NOT_YET;
            }
        });
    }

    /** {@return a future that completes once libzmq has taken every frame of the message} */
    public CompletableFuture<Void> sendMultipart(List<byte[]> frames) {
        byte[][] checked = MultipartIo.checked(frames);
        for (int i = 0; i < checked.length; i++) {
            checked[i] = checked[i].clone();
        }
        return submit(new Operation<Void>(true) {
            @Override
            Object perform() {
                return io.sendMultipartHeld(checked, Timeouts.NO_WAIT) ? null : NOT_YET;
            }
        });
    }

    private <T> CompletableFuture<T> submit(Operation<T> op) {
        boolean first;
        synchronized (this) {
            if (closed) {
                throw io.handle.refusal(op.send ? "sendAsync" : "receiveAsync");
            }
            io.handle.checkOpen(op.send ? "sendAsync" : "receiveAsync");
            first = pending.isEmpty();
            pending.add(op);
            io.handle.asyncPending(true);
        }
        if (first) {
            pump();
        }
        return op;
    }

    /**
     * Performs pending operations in order until one has to wait, then arms the reactor to come
     * back. Runs on the thread that submitted the first operation, or the reactor's.
     *
     * <p>The futures of what it performed complete only once it has released the socket
     * ({@code released}): a dependent action, or a thread that joined the future, may use the
     * socket at once, and found it still held here in one case of twelve before.
     */
    private void pump() {
        if (head() == null) {
            return;   // all withdrawn meanwhile: a retry has nothing to do
        }
        if (!io.tryHold()) {
            if (!io.handle.isClosing()) {
                // Another thread holds the socket for a moment (an option call): look again soon.
                CompletableFuture.delayedExecutor(RETRY_MICROS, TimeUnit.MICROSECONDS).execute(this::pump);
            }
            return;
        }
        CompletableFuture<Void> released = new CompletableFuture<>();
        try {
            while (true) {
                Operation<?> op = head();
                if (op == null) {
                    return;
                }
                if (!op.begin()) {
                    withdraw(op);
                    continue;
                }
                if (!performed(op, released)) {
                    op.waitAgain();
                    if (!op.send || !io.canSendNow()) {
                        io.registration().arm(Reactor.epollEvents(LibZmq.POLLIN), this::pump);
                        return;
                    }
                }
            }
        } finally {
            io.release();
            released.complete(null);
        }
    }

    /**
     * Tries one operation; unless it has to wait, removes it and queues its completion, which
     * waits for {@code released}: completions are queued in order, and run in order.
     */
    @SuppressWarnings("unchecked")
    private <T> boolean performed(Operation<T> op, CompletableFuture<Void> released) {
        Object result;
        try {
            result = op.perform();
        } catch (RuntimeException | Error e) {
            withdraw(op);
            completions.execute(() -> {
                released.join();
                op.completeExceptionally(e);
            });
            return true;
        }
        if (result == NOT_YET || (result == null && !op.send)) {
            return false;
        }
        withdraw(op);
        completions.execute(() -> {
            released.join();
            op.complete((T) result);
        });
        return true;
    }

    private synchronized Operation<?> head() {
        return pending.peek();
    }

    /**
     * Removes an operation. The last one drops the reactor's task before blocking calls are let
     * in, so that it cannot clear the arming of a blocking call that started meanwhile.
     */
    private synchronized void withdraw(Operation<?> op) {
        pending.remove(op);
        if (pending.isEmpty()) {
            io.disarmTask();
            io.handle.asyncPending(false);
        }
    }

    /**
     * Fails every pending operation: the socket is closing ({@link IllegalStateException}) or its
     * context terminating ({@link ContextTerminatedException}). Called as the socket closes.
     */
    @Override
    public void close() {
        Operation<?>[] left;
        synchronized (this) {
            closed = true;
            left = pending.toArray(Operation<?>[]::new);
            pending.clear();
            io.handle.asyncPending(false);
        }
        for (Operation<?> op : left) {
            String name = op.send ? "sendAsync" : "receiveAsync";
            RuntimeException why = io.handle.isTerminated() ? new ContextTerminatedException(name)
                    : new IllegalStateException(name + ": the " + io.handle.type + " socket was closed");
            completions.execute(() -> op.completeExceptionally(why));
        }
    }

    /**
     * One asynchronous operation and its future. Its state keeps a cancel and a performing reactor
     * apart: only an operation that has not begun can be withdrawn.
     */
    private abstract class Operation<T> extends CompletableFuture<T> {

        final boolean send;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Operation(boolean send) {
            this.send = send;
        }

        /**
         * One try that never blocks: the result, or {@link #NOT_YET} (a receive: null). Typed
         * {@code Object}, not {@code T}: {@code NOT_YET} is no {@code T}, and where {@code T} is
         * known ({@code Void} for a send) the compiler checks the cast, which then throws.
         */
        abstract Object perform();

        /** Starts performing; {@code false} if it was cancelled. */
        boolean begin() {
            return state.compareAndSet(WAITING, PERFORMING);
        }

        /** It has to wait: it may be cancelled again. */
        void waitAgain() {
            state.set(WAITING);
        }

        /** Withdraws the operation if it has not happened; one being tried is waited for. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            for (int attempt = 0; ; attempt++) {
                if (state.compareAndSet(WAITING, CANCELLED)) {
                    withdraw(this);
                    return super.cancel(mayInterruptIfRunning);
                }
                if (state.get() == CANCELLED || isDone()) {
                    return isCancelled();
                }
                Guard.pause(attempt);
            }
        }
    }
}
