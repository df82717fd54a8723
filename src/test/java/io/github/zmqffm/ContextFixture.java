package io.github.zmqffm;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Contexts for one test, closed after it on a helper thread: a {@link Context#close()} that
 * hangs fails the test after {@link #CLOSE_LIMIT} instead of hanging the build (pyzmq's test
 * suite does the same).
 *
 * {@snippet :
 * @RegisterExtension
 * final ContextFixture zmq = new ContextFixture();
 *
 * @Test
 * void pair() {
 *     Socket a = zmq.socket(SocketType.PAIR);   // closed with its context after the test
 * }
 * }
 */
final class ContextFixture implements AfterEachCallback {
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final List<Context> contexts = new ArrayList<>();

    /** The test's default context, created on first use. */
    synchronized Context context() {
        return contexts.isEmpty() ? newContext() : contexts.getFirst();
    }

    /** Another context, also closed after the test. */
    synchronized Context newContext() {
        Context context = new Context();
        contexts.add(context);
        return context;
    }

    /** A socket of the default context. */
    Socket socket(SocketType type) {
        return context().socket(type);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        List<Context> open;
        synchronized (this) {
            open = List.copyOf(contexts);
            contexts.clear();
        }
        for (Context context : open) {
            closeWithin(context, CLOSE_LIMIT);
        }
    }

    /**
     * Closes {@code resource} on another thread and fails if that does not return in time.
     *
     * @throws AssertionError if the close hangs or throws
     */
    static void closeWithin(AutoCloseable resource, Duration limit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread closer = Thread.ofPlatform().daemon().name("closer of " + resource).start(() -> {
            try {
                resource.close();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(resource + ".close() did not return within " + limit
                    + "; closer thread at " + List.of(closer.getStackTrace()), e);
        } catch (ExecutionException e) {
            throw new AssertionError(resource + ".close() failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while closing " + resource, e);
        }
    }
}
