package io.github.zmqffm;

import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions and waits shared by the tests; every wait is bounded by {@link #PATIENCE_SECONDS}. */
final class ZmqFixtures {
    /** How long anything may take before a test gives up: generous, the machine is shared. */
    static final int PATIENCE_SECONDS = 10;

    private ZmqFixtures() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Asserts that {@code call} fails with a {@link ZmqException} carrying {@code expected}.
     *
     * @return the exception, for checks of its message
     */
    static ZmqException assertZmqError(Errno expected, Executable call) {
        ZmqException e = assertThrows(ZmqException.class, call);
        assertEquals(expected, e.errno(), e::getMessage);
        return e;
    }

    /**
     * Gets past the slow-joiner window of PUB/SUB: publishes a probe on {@code topic} until every
     * subscriber has received one, which proves their subscriptions reached the publisher, then
     * publishes an end marker and discards the probes queued before it. Each subscriber must be
     * subscribed to {@code topic}, as the last subscription it made.
     */
    static void awaitSubscription(Socket pub, String topic, Socket... subs) {
        byte[] probe = utf8(topic + "#probe");
        byte[] end = utf8(topic + "#end");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        Set<Socket> waiting = new HashSet<>(List.of(subs));
        while (!waiting.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("subscription to \"" + topic + "\" did not reach the publisher in " + PATIENCE_SECONDS + " s");
            }
            pub.send(probe);
            waiting.removeIf(sub -> receiveWithin(sub, 10) != null);
        }
        pub.send(end);
        for (Socket sub : subs) {
            byte[] frame;
            while (!Arrays.equals(frame = receiveWithin(sub, PATIENCE_SECONDS * 1000), end)) {
                assertNotNull(frame, "end marker on \"" + topic + "\" never arrived");
                assertEquals(text(probe), text(frame), "unexpected message while synchronising");
            }
        }
    }

    /** One receive with its own RCVTIMEO, restoring the socket's afterwards. */
    static byte[] receiveWithin(Socket socket, int millis) {
        int timeout = socket.get(SocketOption.RCVTIMEO);
        socket.set(SocketOption.RCVTIMEO, millis);
        try {
            return socket.receive();
        } finally {
            socket.set(SocketOption.RCVTIMEO, timeout);
        }
    }

    /**
     * Runs {@code call} on a new thread and returns once that thread waits inside a blocking
     * call on {@code socket} (or has already finished).
     */
    static <T> CompletableFuture<T> blockedIn(Socket socket, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("blocked in " + socket).start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        await(() -> Blocking.isBlockedIn(socket) || result.isDone(), "a thread blocking on " + socket);
        return result;
    }

    /** Polls {@code condition} until it holds, failing after {@link #PATIENCE_SECONDS}. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + PATIENCE_SECONDS + " s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    /** What {@code future} failed with, waiting at most {@link #PATIENCE_SECONDS}; fails if it succeeded. */
    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            Object value = future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("still running after " + PATIENCE_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }

    /** The value of {@code future}, waiting at most {@link #PATIENCE_SECONDS}. */
    static <T> T valueOf(CompletableFuture<T> future) {
        try {
            return future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return fail("failed", e.getCause());
        } catch (TimeoutException e) {
            return fail("still running after " + PATIENCE_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }
}
