package io.github.zmqffm;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * A pyzmq peer: a Python script from the test resources run as a child process, its stdout as a
 * queue of lines, and a kill when done. Always {@code /usr/bin/python3}: the system interpreter
 * is the one that has the distribution's zmq module (Debian's python3-zmq).
 */
final class PythonPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";

    private final PeerProcess process;

    private PythonPeer(PeerProcess process) {
        this.process = process;
    }

    /** Runs {@code script} (a resource next to this class) with a role and an endpoint. */
    static PythonPeer start(String script, String role, String endpoint) {
        return new PythonPeer(PeerProcess.start("pyzmq " + role,
                List.of(PYTHON, script(script).toString(), role, endpoint)));
    }

    /** Where {@code script}, a resource next to this class, is on disk. */
    static Path script(String script) {
        try {
            return Path.of(PythonPeer.class.getResource(script).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean hasLine() {
        return process.hasLine();
    }

    /** Waits up to {@code millis} for a line, leaving it queued. */
    void awaitLine(long millis) {
        process.awaitLine(millis);
    }

    String nextLine() {
        return process.nextLine();
    }

    void assertSucceeded() {
        process.assertSucceeded();
    }

    /** Kills the process as a crash would (SIGKILL: no close, no linger) and waits until it is gone. */
    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
