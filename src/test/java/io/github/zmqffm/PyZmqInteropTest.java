package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Interop over tcp with pyzmq (Debian's python3-zmq), run as a child process from
 * {@code pyzmq_peer.py}. Always {@code /usr/bin/python3}: the system interpreter is the one that
 * has the distribution's zmq module.
 */
@Timeout(60)
class PyZmqInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void bothSidesLoadTheSameLibzmq() {
        try (PythonPeer peer = PythonPeer.start("version", "-")) {
            assertEquals(Zmq.version().toString(), peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void ourReqTheirRep() {
        try (PythonPeer peer = PythonPeer.start("rep-bind", "tcp://127.0.0.1:*")) {
            Socket req = zmq.socket(SocketType.REQ);
            req.connect(peer.nextLine());
            req.send("grüße ✓");
            assertEquals("py:grüße ✓", req.receiveString());
            req.sendMultipart(List.of(utf8("a"), new byte[0], utf8("c")));
            assertEquals(List.of("py:a", "py:", "py:c"), req.receiveMultipart().stream().map(ZmqFixtures::text).toList());
            peer.assertSucceeded();
        }
    }

    @Test
    void theirReqOurRep() {
        Socket rep = zmq.socket(SocketType.REP);
        String endpoint = Transport.TCP.bind(rep);
        try (PythonPeer peer = PythonPeer.start("req-connect", endpoint)) {
            assertEquals("hello from pyzmq ✓", rep.receiveString());
            rep.send("hello from zmq-ffm");
            assertEquals("hello from zmq-ffm", peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void ourPubTheirSub() {
        Socket pub = zmq.socket(SocketType.PUB);
        String endpoint = Transport.TCP.bind(pub);
        try (PythonPeer peer = PythonPeer.start("sub-connect", endpoint)) {
            // Probe until the subscriber has one: then its subscription is known here.
            while (!peer.hasLine()) {
                pub.send("py.probe");
                peer.awaitLine(10);
            }
            assertEquals("ready", peer.nextLine());
            pub.send("other.topic is filtered");
            pub.send("py.data 42");
            assertEquals("py.data 42", peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void theirDealerOurRouter() {
        Socket router = zmq.socket(SocketType.ROUTER);
        String endpoint = Transport.TCP.bind(router);
        try (PythonPeer peer = PythonPeer.start("dealer-connect", endpoint)) {
            List<byte[]> request = router.receiveMultipart();
            assertEquals(List.of("pyzmq", "", "ping"), request.stream().map(ZmqFixtures::text).toList());
            router.sendMultipart(List.of(request.get(0), new byte[0], utf8("pong")));
            assertEquals("|pong", peer.nextLine());
            peer.assertSucceeded();
        }
    }

    @Test
    void ourPushTheirPull() {
        try (PythonPeer peer = PythonPeer.start("pull-bind", "tcp://127.0.0.1:*")) {
            Socket push = zmq.socket(SocketType.PUSH);
            push.connect(peer.nextLine());
            for (int i = 0; i < 3; i++) {
                push.send("task " + i);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("task " + i, peer.nextLine());
            }
            peer.assertSucceeded();
        }
    }

    /** The python process, its stdout as a queue of lines, and a kill when done. */
    private static final class PythonPeer implements AutoCloseable {
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

        static PythonPeer start(String role, String endpoint) {
            try {
                Path script = Path.of(PyZmqInteropTest.class.getResource("pyzmq_peer.py").toURI());
                Process process = new ProcessBuilder(PYTHON, script.toString(), role, endpoint).start();
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
            try {
                if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("pyzmq " + role + " did not exit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertEquals(0, process.exitValue(), () -> "pyzmq " + role + " failed: " + stderr());
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
}
