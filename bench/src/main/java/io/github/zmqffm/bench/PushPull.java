package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connected PUSH/PULL pair on its own context, for benchmarks that send a batch and then
 * receive it on one thread (libzmq's I/O thread does the transport work in between), so that a
 * two-core machine measures the binding rather than thread hand-offs.
 */
public final class PushPull implements AutoCloseable {
    private static final AtomicLong NAMES = new AtomicLong();

    public final Context context;
    public final Socket push;
    public final Socket pull;
    private final Path ipcDir;

    private PushPull(String transport) {
        context = new Context();
        push = context.socket(SocketType.PUSH);
        pull = context.socket(SocketType.PULL);
        ipcDir = transport.equals("ipc") ? tempDir() : null;
        pull.bind(switch (transport) {
            case "inproc" -> "inproc://bench-" + NAMES.incrementAndGet();
            case "tcp" -> "tcp://127.0.0.1:*";
            case "ipc" -> "ipc://" + ipcDir.resolve("bench.sock");
            default -> throw new IllegalArgumentException("transport " + transport);
        });
        push.connect(pull.lastEndpoint());
    }

    /**
     * Opens a pair.
     *
     * @param transport "inproc", "tcp" (loopback) or "ipc"
     * @return the connected pair
     */
    public static PushPull open(String transport) {
        return new PushPull(transport);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("zmq-ffm-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        if (ipcDir != null) {
            try (var files = Files.list(ipcDir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(ipcDir);
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
