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

    /** A call running on its own platform thread; {@link #outcome()} is what it threw, or null. */
    static final class Call {
        final Thread thread;
        private final CompletableFuture<Throwable> result = new CompletableFuture<>();

        private Call(String name, ThrowingRunnable body) {
            thread = Thread.ofPlatform().name(name).unstarted(() -> {
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

    static Call start(String name, ThrowingRunnable body) {
        return new Call(name, body);
    }

    /** Waits until {@code socket} has a blocked caller (in a receive, send, poll or proxy). */
    static void awaitBlocked(Socket socket, Call call) {
        awaitTrue(() -> isBlockedIn(socket) || call.isDone(), "a call to block on " + socket);
    }

    /**
     * Whether a thread is parked in a wait on {@code socket} right now. No public behaviour can
     * tell a thread blocked in a wait from one about to block, so this is the one place where
     * tests look inside a socket, to start an interrupt or a close at the right moment without
     * sleeping.
     */
    static boolean isBlockedIn(Socket socket) {
        return socket.io().handle().isWaiting();
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
