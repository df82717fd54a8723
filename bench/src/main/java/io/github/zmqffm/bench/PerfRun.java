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
            for (long i = 0; i < total; i++) {
                if (thr) {
                    socket.send();
                } else {
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
        // One loop for the warm-up and the measurement, the clock started inside it: a second
        // loop would start the measurement in code the JIT has not compiled yet (its own
        // on-stack replacement), which on one CPU competes with the measured threads.
        long warmup = config.warmup();
        long total = warmup + config.count();
        long start = 0;
        for (long i = 0; i < total; i++) {
            expectSize(socket.receive());
            if (i == warmup) {
                start = System.nanoTime();   // after the first measured message, as local_thr does
            }
        }
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
