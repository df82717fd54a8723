package io.github.zmqffm.bench;

import io.github.zmqffm.bench.Binding.Kind;
import io.github.zmqffm.bench.PerfConfig.Pattern;
import io.github.zmqffm.bench.PerfConfig.Role;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * One perf measurement, as libzmq's {@code local_thr}/{@code remote_thr} and
 * {@code local_lat}/{@code remote_lat} make it. The measuring end binds: a PULL that times
 * {@code count} messages from the first counted one, or a REQ that times {@code count} round
 * trips. The peer connects: a PUSH sending {@code warmup + count} messages, or a REP echoing.
 * With role=both the peer is a second thread, on the same context for inproc (which needs it)
 * and on a context of its own otherwise, as two processes would be; it keeps its socket open
 * until the measuring end is done, because libzmq 4.3.4 can drop the tail of a stream over ipc
 * when the sender closes while the receiver is behind, LINGER notwithstanding (libzmq #4660).
 * A PUSH peer in a process of its own keeps sending past its count until the measuring end has
 * hung up ({@link Binding.Socket#sendUntilHungUp}); a REP peer relies on LINGER.
 */
final class PerfRun {
    /** How long a peer's send may wait before the measuring end counts as gone. */
    private static final int HANG_UP_MILLIS = 2_000;

    private final PerfConfig config;
    private final Binding binding;
    /** Opened when the measuring end has every message; the peer closes only then. */
    private final CountDownLatch measured = new CountDownLatch(1);

    PerfRun(PerfConfig config) {
        this.config = config;
        this.binding = Binding.of(config.impl(), config.style(), config.spinMicros());
    }

    /**
     * Runs the ends the role asks for.
     *
     * @return the result line, or {@code null} for role=peer, which measures nothing
     * @throws InterruptedException if interrupted while waiting for the peer thread
     */
    String run() throws InterruptedException {
        if (config.role() == Role.PEER) {
            try (Binding.Context context = binding.context(config.ioThreads())) {
                peer(context, config.endpoint());
            }
            return null;
        }
        if (config.endpoint() != null) {
            return measureWithPeer(config.endpoint());
        }
        try (LocalEndpoint local = new LocalEndpoint(config.transport())) {
            return measureWithPeer(local.bindable());
        }
    }

    private String measureWithPeer(String endpoint) throws InterruptedException {
        Binding.Context context = binding.context(config.ioThreads());
        try {
            Binding.Socket socket = context.bind(measureKind(), endpoint, config.size());
            String bound = socket.lastEndpoint();
            Thread peer = null;
            if (config.role() == Role.BOTH) {
                boolean shared = config.transport().equals("inproc");
                peer = Thread.ofPlatform().name("perf-peer").start(() -> peerThread(shared ? context : null, bound));
            } else {
                System.err.println("perf: measuring at " + bound);
            }
            String result = config.pattern() == Pattern.THR ? measureThroughput(socket) : measureLatency(socket);
            measured.countDown();
            socket.close();
            if (peer != null) {
                peer.join();
            }
            return line(result);
        } finally {
            context.close();
        }
    }

    private void peerThread(Binding.Context shared, String endpoint) {
        try {
            if (shared != null) {
                peer(shared, endpoint);
            } else {
                try (Binding.Context own = binding.context(config.ioThreads())) {
                    peer(own, endpoint);
                }
            }
        } catch (Throwable t) {
            Perf.fail(t);
        }
    }

    private void peer(Binding.Context context, String endpoint) throws InterruptedException {
        boolean thr = config.pattern() == Pattern.THR;
        try (Binding.Socket socket = context.connect(thr ? Kind.PUSH : Kind.REP, endpoint, config.size())) {
            long total = config.warmup() + config.count();
            if (thr) {
                inChunks(socket, total, PerfRun::sendChunk);
            } else {
                for (long i = 0; i < total; i++) {
                    expectSize(socket.receive());
                    socket.send();
                }
            }
            if (config.role() == Role.BOTH) {
                measured.await();
            } else if (thr) {
                socket.sendUntilHungUp(HANG_UP_MILLIS);
            }
        }
    }

    private String measureThroughput(Binding.Socket socket) {
        // The clock starts after the first measured message, as local_thr's does.
        inChunks(socket, config.warmup() + 1, this::receiveChunk);
        long start = System.nanoTime();
        inChunks(socket, config.count() - 1, this::receiveChunk);
        double seconds = (System.nanoTime() - start) / 1e9;
        double messages = config.count() / seconds;
        return String.format(Locale.ROOT, "msgs_per_s=%.0f mbit_per_s=%.3f", messages,
                messages * config.size() * 8 / 1e6);
    }

    private String measureLatency(Binding.Socket socket) {
        for (long i = 0; i < config.warmup(); i++) {
            socket.send();
            expectSize(socket.receive());
        }
        long start = System.nanoTime();
        for (long i = 0; i < config.count(); i++) {
            socket.send();
            expectSize(socket.receive());
        }
        double micros = (System.nanoTime() - start) / 1e3;
        return String.format(Locale.ROOT, "lat_us=%.3f", micros / (config.count() * 2));
    }

    /** Sends or receives {@code n} messages: one chunk of a stream. */
    @FunctionalInterface
    private interface Chunk {
        void run(Binding.Socket socket, int n);
    }

    /**
     * Streams {@code total} messages as calls of {@code chunk}, each of up to {@link #chunkSize}.
     * A stream is not one loop: the JIT compiles a hot loop on its own (on-stack replacement)
     * with every branch it never saw taken cut out, so the one branch that starts the clock, or
     * the one exit of a warm-up loop, runs into such a cut at the start of the measured window;
     * the compiled loop is thrown away and compiled again, the receive path inlined, while the
     * window runs (-Xlog:deoptimization: "unstable_if" in measureThroughput at the warm-up's
     * last message, every Java implementation alike). A chunk's loop ends every few thousand
     * messages, so that its exit is compiled in, and the chunk method is compiled as a method
     * long before the warm-up ends; this loop stays in the interpreter (one call per chunk).
     */
    private static void inChunks(Binding.Socket socket, long total, Chunk chunk) {
        int size = chunkSize(total);
        for (long left = total; left > 0; left -= size) {
            chunk.run(socket, (int) Math.min(left, size));
        }
    }

    /**
     * Messages per chunk: at least 1000 (a call per chunk costs nothing a message), and enough
     * that the chunks of a whole run stay below the back-edge count at which the JIT would
     * compile the loop over them too (60,000 in HotSpot's tiered policy).
     */
    private static int chunkSize(long total) {
        return (int) Math.max(1000, Math.min(Integer.MAX_VALUE, total / 10_000 + 1));
    }

    private static void sendChunk(Binding.Socket socket, int n) {
        for (int i = 0; i < n; i++) {
            socket.send();
        }
    }

    private void receiveChunk(Binding.Socket socket, int n) {
        for (int i = 0; i < n; i++) {
            expectSize(socket.receive());
        }
    }

    private void expectSize(int received) {
        if (received != config.size()) {
            throw new IllegalStateException("received a " + received + "-byte message, expected size="
                    + config.size() + " (do both ends use the same size?)");
        }
    }

    private Kind measureKind() {
        return config.pattern() == Pattern.THR ? Kind.PULL : Kind.REQ;
    }

    private String line(String result) {
        return String.format(Locale.ROOT, "impl=%s%s%s transport=%s pattern=%s size=%d count=%d %s",
                config.impl(), config.defaultStyle() ? "" : " style=" + config.style(),
                config.spinMicros() < 0 ? "" : " spin_us=" + config.spinMicros(), config.transport(),
                config.pattern().name().toLowerCase(Locale.ROOT), config.size(), config.count(), result);
    }
}
