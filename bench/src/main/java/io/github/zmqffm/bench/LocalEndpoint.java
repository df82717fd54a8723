package io.github.zmqffm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An address on this machine to bind a benchmark socket to: a unique inproc name, a socket
 * file in a new temporary directory (removed on close), or the loopback interface on a port
 * the OS picks (read it back with the socket's last endpoint).
 */
final class LocalEndpoint implements AutoCloseable {
    private static final AtomicLong NAMES = new AtomicLong();

    private final String endpoint;
    private final Path ipcDir;

    /**
     * Chooses an address.
     *
     * @param transport inproc, ipc or tcp
     * @throws IllegalArgumentException for another transport
     * @throws UncheckedIOException if no temporary directory can be made for ipc
     */
    LocalEndpoint(String transport) {
        ipcDir = transport.equals("ipc") ? temporaryDirectory() : null;
        endpoint = switch (transport) {
            case "inproc" -> "inproc://bench-" + NAMES.incrementAndGet();
            case "ipc" -> "ipc://" + ipcDir.resolve("bench.sock");
            case "tcp" -> "tcp://127.0.0.1:*";
            default -> throw new IllegalArgumentException("transport " + transport);
        };
    }

    /** {@return the address to bind, with a wildcard port for tcp} */
    String bindable() {
        return endpoint;
    }

    /** Removes the ipc directory, if any; what cannot be removed is left to the OS. */
    @Override
    public void close() {
        if (ipcDir == null) {
            return;
        }
        try (var files = Files.list(ipcDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(ipcDir);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("zmq-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
