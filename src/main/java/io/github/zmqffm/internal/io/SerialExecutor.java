package io.github.zmqffm.internal.io;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after another, in the order they were given, on a virtual thread that lives
 * while there is work: how one socket's asynchronous futures complete in order without ever
 * completing on the reactor's thread.
 */
final class SerialExecutor implements Executor {
    /** Guarded by this. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** Whether a virtual thread is draining {@link #tasks}; guarded by this. */
    private boolean draining;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().name("zmq-ffm-async").start(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (Throwable e) {
                Thread me = Thread.currentThread();
                me.getUncaughtExceptionHandler().uncaughtException(me, e);
            }
        }
    }
}
