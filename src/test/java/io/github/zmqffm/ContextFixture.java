package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fresh context per test, closed afterwards on a helper thread with a time limit, so that a
 * close that hangs fails the test instead of stalling the build.
 */
abstract class ContextFixture {
    protected Context ctx;

    @BeforeEach
    void createContext() {
        ctx = new Context();
    }

    @AfterEach
    void closeContext() throws Exception {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(ctx::close);
        try {
            closed.get(Blocking.WAKE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("Context.close() hung: " + ctx);
        }
    }
}
