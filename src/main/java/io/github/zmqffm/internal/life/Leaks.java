package io.github.zmqffm.internal.life;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The safety net under sockets, contexts and messages that become garbage without
 * {@code close()}: one {@link Cleaner} frees what they hold, and reports go to the
 * {@link System.Logger} named {@value #LOGGER}.
 *
 * <p>With {@code -Dzmq.leaks=track} every socket, context and message records where it was
 * created (a stack trace, taken only then), and the report names that place; a message that was
 * garbage-collected unclosed is reported only then, as closing messages by the garbage collector
 * is documented and common. Without it nothing is recorded: the only cost is a null field.
 */
public final class Leaks {
    /** The logger for leaked objects and for sockets a {@code Context.close(Duration)} had to close. */
    public static final String LOGGER = "io.github.zmqffm.leaks";
    /** {@code -Dzmq.leaks=track}: record creation sites and report unclosed messages too. */
    public static final boolean TRACK = "track".equalsIgnoreCase(System.getProperty("zmq.leaks", "").trim());
    public static final Cleaner CLEANER = Cleaner.create();

    private static final long FIRST_RETRY_MILLIS = 10;
    private static final long LAST_RETRY_MILLIS = 1_000;

    private Leaks() {
    }

    /** Where something is being created, as a stack trace; null unless tracking is on. */
    public static Throwable creationSite(String what) {
        return TRACK ? new CreationSite(what + " created here") : null;
    }

    /** A stack trace that names a creation site; not an error. */
    private static final class CreationSite extends Throwable {
        private static final long serialVersionUID = 1L;
        /** The engine's classes, whose frames come before the API call that created the object. */
        private static final String INTERNAL = "io.github.zmqffm.internal.";

        CreationSite(String message) {
            super(message);
            // Start at the API call (Context.socket, Message.of...), then the caller's frames.
            StackTraceElement[] frames = getStackTrace();
            int first = 0;
            while (first < frames.length - 1 && frames[first].getClassName().startsWith(INTERNAL)) {
                first++;
            }
            setStackTrace(Arrays.copyOfRange(frames, first, frames.length));
        }
    }

    /**
     * Reports an object that was not closed properly, at WARNING, with its creation site if
     * recorded, or a hint how to record it. Never throws: it runs on cleaner threads.
     */
    public static void report(String text, Throwable site) {
        try {
            System.Logger logger = System.getLogger(LOGGER);
            if (site != null) {
                logger.log(System.Logger.Level.WARNING, text, site);
            } else {
                logger.log(System.Logger.Level.WARNING,
                        text + " (run with -Dzmq.leaks=track to see where it was created)");
            }
        } catch (RuntimeException | Error ignored) {
            // A broken logging setup must not take down a cleaner thread.
        }
    }

    /**
     * Tries {@code attempt} again later, with growing pauses, until it returns {@code true}:
     * for a garbage socket that a thread is still inside (its last call), which only that call's
     * end makes safe to close. Runs on the common pool's delayed executor, never blocking a
     * cleaner thread.
     */
    public static void retry(BooleanSupplier attempt) {
        retry(attempt, FIRST_RETRY_MILLIS);
    }

    private static void retry(BooleanSupplier attempt, long delayMillis) {
        CompletableFuture.runAsync(() -> {
            if (!attempt.getAsBoolean()) {
                retry(attempt, Math.min(delayMillis * 2, LAST_RETRY_MILLIS));
            }
        }, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }
}
