package io.github.zmqffm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers for calls that block: run one on its own thread, and see when it waits. */
final class Blocking {
    /** A generous bound for "wakes up": the machine is small and shared. */
    static final long WAKE_SECONDS = 10;

    private Blocking() {
    }

    /** A call running on its own thread; {@link #outcome()} is what it threw, or null. */
    static final class Call {
        final Thread thread;
        private final CompletableFuture<Throwable> result = new CompletableFuture<>();

        private Call(Thread.Builder builder, String name, ThrowingRunnable body) {
            thread = builder.name(name).unstarted(() -> {
                try {
                    body.run();
                    result.complete(null);
                } catch (Throwable t) {
                    result.complete(t);
                }
            });
            thread.start();
        }

        Throwable outcome() throws Exception {
            return result.get(WAKE_SECONDS, TimeUnit.SECONDS);
        }

        boolean isDone() {
            return result.isDone();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Starts {@code body} on a platform thread. */
    static Call start(String name, ThrowingRunnable body) {
        return new Call(Thread.ofPlatform(), name, body);
    }

    /** Starts {@code body} on a thread made by {@code builder} (a virtual one, say). */
    static Call start(Thread.Builder builder, String name, ThrowingRunnable body) {
        return new Call(builder, name, body);
    }

    /** Waits until {@code socket} has a blocked caller (in a receive, send, poll or proxy). */
    static void awaitBlocked(Socket socket, Call call) {
        awaitBlocked(() -> isBlockedIn(socket), call);
    }

    /**
     * Whether a thread is parked in a wait on {@code socket} right now. No public behaviour can
     * tell a thread blocked in a wait from one about to block, so this is the one place where
     * tests look inside a socket, to start an interrupt or a close at the right moment without
     * sleeping.
     */
    static boolean isBlockedIn(Socket socket) {
        return socket.io.handle().isWaiting();
    }

    /**
     * Waits until {@code call} blocks where {@code waiting} tells; a virtual thread must also be
     * parked (WAITING or TIMED_WAITING), which a thread blocked inside a native call, holding its
     * carrier, never is: that one stays RUNNABLE.
     */
    static void awaitBlocked(BooleanSupplier waiting, Call call) {
        awaitTrue(() -> call.isDone() || waiting.getAsBoolean() && (!call.thread.isVirtual() || parked(call.thread)),
                "a call to block on " + (call.thread.isVirtual() ? "a virtual thread, parked" : "a platform thread"));
    }

    /** Whether a thread is parked: waiting, rather than running or blocked in native code. */
    static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAKE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
