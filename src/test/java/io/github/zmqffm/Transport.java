package io.github.zmqffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The three transports every pattern test runs over, each yielding endpoints no other test
 * uses: unique inproc names, ipc files in a temporary directory of this JVM, and tcp ports
 * the kernel picks.
 */
enum Transport {
    INPROC {
        @Override
        String freshEndpoint() {
            return "inproc://" + uniqueName();
        }
    },
    IPC {
        @Override
        String freshEndpoint() {
            return "ipc://" + IpcDirectory.PATH.resolve(uniqueName());
        }
    },
    TCP {
        @Override
        String freshEndpoint() {
            return "tcp://127.0.0.1:" + freePort();
        }

        @Override
        String bind(Socket socket) {
            // A wildcard port cannot be taken by anyone else between choosing it and binding.
            socket.bind("tcp://127.0.0.1:*");
            return socket.lastEndpoint();
        }
    };

    private static final AtomicLong COUNTER = new AtomicLong();

    /** An endpoint nobody has bound yet, for tests that connect before they bind. */
    abstract String freshEndpoint();

    /**
     * Binds {@code socket} to a fresh endpoint.
     *
     * @return the endpoint peers connect to
     */
    String bind(Socket socket) {
        socket.bind(freshEndpoint());
        return socket.lastEndpoint();
    }

    static String uniqueName() {
        return "zmq-ffm-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /** A tcp port that was free a moment ago; only for connect-before-bind, which needs a number first. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One directory per JVM for ipc files, removed when the JVM exits. */
    private static final class IpcDirectory {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("zmq-ffm-ipc");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
