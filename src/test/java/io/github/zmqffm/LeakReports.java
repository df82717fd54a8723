package io.github.zmqffm;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the binding reports to the logger {@code io.github.zmqffm.leaks} while it is
 * open: the public face of the leak safety net and of a bounded context close, read in the test
 * JVM itself. (The test logging configuration silences that logger; this turns it on for the
 * duration and restores it.)
 */
final class LeakReports implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.github.zmqffm.leaks");
    private final Level before = logger.getLevel();
    private final boolean parents = logger.getUseParentHandlers();
    private final List<String> messages = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (messages) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LeakReports() {
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** The reports so far. */
    List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Whether a report so far contains {@code text}. */
    boolean contains(String text) {
        return messages().stream().anyMatch(m -> m.contains(text));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parents);
        logger.setLevel(before);
    }
}
