package io.github.zmqffm.internal.nat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class LinkedOnFirstUseTest {
    /** Each holder records the thread its initializer ran on; one holder per test, as a class initializes once. */
    static final class FirstFromVirtual {
        static final Thread INITIALIZED_ON = Thread.currentThread();
    }

    static final class FirstFromPlatform {
        static final Thread INITIALIZED_ON = Thread.currentThread();
    }

    static final class ManyAtOnce {
        static final Thread INITIALIZED_ON = Thread.currentThread();
    }

    static final class Failing {
        static final int VALUE;

        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException("linking failed");
            }
            VALUE = 1;
        }
    }

    static final class Interrupted {
        static final Thread INITIALIZED_ON = Thread.currentThread();
    }

    @Test
    void aVirtualThreadComingFirstHasAPlatformThreadInitialize() throws InterruptedException {
        LinkedOnFirstUse link = new LinkedOnFirstUse(MethodHandles.lookup(), FirstFromVirtual.class);
        Thread caller = Thread.ofVirtual().start(link::ensureLinked);
        caller.join();
        assertFalse(FirstFromVirtual.INITIALIZED_ON.isVirtual(), "initialized on " + FirstFromVirtual.INITIALIZED_ON);
        assertTrue(FirstFromVirtual.INITIALIZED_ON != caller);
    }

    @Test
    void aPlatformThreadComingFirstInitializesItself() {
        new LinkedOnFirstUse(MethodHandles.lookup(), FirstFromPlatform.class).ensureLinked();
        assertEquals(Thread.currentThread(), FirstFromPlatform.INITIALIZED_ON);
    }

    @Test
    void virtualThreadsComingTogetherAllFindItInitialized() throws InterruptedException {
        LinkedOnFirstUse link = new LinkedOnFirstUse(MethodHandles.lookup(), ManyAtOnce.class);
        Thread[] threads = new Thread[32];
        AtomicReference<Thread> sawNull = new AtomicReference<>();
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().unstarted(() -> {
                link.ensureLinked();
                if (ManyAtOnce.INITIALIZED_ON == null) {
                    sawNull.set(Thread.currentThread());
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(null, sawNull.get(), "a thread used the holder before its initializer ended");
        assertFalse(ManyAtOnce.INITIALIZED_ON.isVirtual());
    }

    @Test
    void aFailedInitializerReachesTheVirtualCaller() throws InterruptedException {
        LinkedOnFirstUse link = new LinkedOnFirstUse(MethodHandles.lookup(), Failing.class);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                link.ensureLinked();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }).join();
        assertInstanceOf(ExceptionInInitializerError.class, thrown.get());
        assertInstanceOf(IllegalStateException.class, thrown.get().getCause());
    }

    @Test
    void anInterruptedVirtualCallerWaitsForTheInitializerAndKeepsItsInterrupt() throws InterruptedException {
        LinkedOnFirstUse link = new LinkedOnFirstUse(MethodHandles.lookup(), Interrupted.class);
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        AtomicReference<Thread> initializedOn = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            link.ensureLinked();
            stillInterrupted.set(Thread.currentThread().isInterrupted());
            initializedOn.set(Interrupted.INITIALIZED_ON);   // this thread, had ensureLinked given up
        }).join();
        assertNotNull(initializedOn.get());
        assertFalse(initializedOn.get().isVirtual(), "ensureLinked returned before the platform thread initialized");
        assertEquals(Boolean.TRUE, stillInterrupted.get(), "the caller's interrupt was lost");
    }
}
