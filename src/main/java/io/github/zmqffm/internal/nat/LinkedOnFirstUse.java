package io.github.zmqffm.internal.nat;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A holder class whose initializer links calls (or makes an upcall stub) that most programs never
 * need, initialized off virtual threads. A virtual thread running a class initializer holds its
 * carrier for every monitor it meets there, and the linker meets one that other threads keep busy
 * (the JDK's Cleaner list, which every automatic arena joins); virtual threads that wait for
 * that initializer hold theirs too: sixteen virtual threads making their first monitors and timers
 * at once were pinned up to 53 ms each (VirtualThreadScaleTest's first-rare-calls scenario). A
 * virtual thread that comes first hands the initialization to a platform thread and waits for it
 * unmounted.
 *
 * <p>The task and its thread are made with this object, not at first use, which a virtual thread
 * may make: a lambda or a class used for the first time there would be linked or loaded on it.
 */
public final class LinkedOnFirstUse {
    private final MethodHandles.Lookup lookup;
    private final Class<?> holder;
    private final FutureTask<Class<?>> initialization;
    private final Thread platformThread;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean linked;

    /** {@code lookup} must be able to initialize {@code holder} (its own class's lookup). */
    public LinkedOnFirstUse(MethodHandles.Lookup lookup, Class<?> holder) {
        this.lookup = lookup;
        this.holder = holder;
        this.initialization = new FutureTask<>(this::initialize);
        this.platformThread = Thread.ofPlatform().daemon().name("zmq-ffm linking " + holder.getSimpleName())
                .unstarted(initialization);
    }

    /**
     * Initializes the holder unless it already is; call before using its fields.
     *
     * @throws ExceptionInInitializerError if the holder's initializer failed (linking, the first time)
     * @throws NoClassDefFoundError if it had failed before
     */
    public void ensureLinked() {
        if (linked) {
            return;
        }
        if (Thread.currentThread().isVirtual()) {
            if (started.compareAndSet(false, true)) {
                platformThread.start();
            }
            awaitInitialization();
        } else {
            initialize();
        }
        linked = true;
    }

    private Class<?> initialize() {
        try {
            return lookup.ensureInitialized(holder);
        } catch (IllegalAccessException e) {
            throw new AssertionError(holder + " is not accessible to " + lookup, e);
        }
    }

    /** Waits uninterruptibly (the linking takes milliseconds), keeping an interrupt for the caller. */
    private void awaitInitialization() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    initialization.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw Native.rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
