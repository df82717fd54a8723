package io.github.zmqffm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A pyzmq peer: a Python script from the test resources run as a child process, its stdout as a
 * queue of lines, and a kill when done. Always {@code /usr/bin/python3}: the system interpreter
 * is the one that has the distribution's zmq module (Debian's python3-zmq).
 */
final class PythonPeer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final String role;

    private PythonPeer(Process process, String role) {
        this.process = process;
        this.role = role;
        Thread.ofPlatform().daemon().name("pyzmq " + role + " stdout").start(() -> {
            try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException ignored) {
                // the process was killed; its missing lines fail the test that wanted them
            }
        });
    }

    /** Runs {@code script} (a resource next to this class) with a role and an endpoint. */
    static PythonPeer start(String script, String role, String endpoint) {
        try {
            Path path = Path.of(PythonPeer.class.getResource(script).toURI());
            Process process = new ProcessBuilder(PYTHON, path.toString(), role, endpoint).start();
            process.getOutputStream().close();
            return new PythonPeer(process, role);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PYTHON + " (apt-get install python3-zmq)", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean hasLine() {
        return !lines.isEmpty();
    }

    /** Waits up to {@code millis} for a line, leaving it queued. */
    void awaitLine(long millis) {
        try {
            String line = lines.poll(millis, TimeUnit.MILLISECONDS);
            if (line != null) {
                lines.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive() && lines.isEmpty()) {
            throw new AssertionError("pyzmq " + role + " exited: " + stderr());
        }
    }

    String nextLine() {
        try {
            String line = lines.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no line from pyzmq " + role + " in " + PATIENCE_SECONDS + " s; "
                        + (process.isAlive() ? "still running" : "stderr: " + stderr()));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void assertSucceeded() {
        awaitExit("did not exit");
        assertEquals(0, process.exitValue(), () -> "pyzmq " + role + " failed: " + stderr());
    }

    /** Kills the process as a crash would (SIGKILL: no close, no linger) and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit("survived SIGKILL");
    }

    private void awaitExit(String failure) {
        try {
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("pyzmq " + role + " " + failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String stderr() {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
