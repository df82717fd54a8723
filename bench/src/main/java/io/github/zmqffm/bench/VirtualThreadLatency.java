package io.github.zmqffm.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Does a REQ/REP round trip cost more on virtual threads than on platform threads, and how does
 * zmq-ffm on virtual threads compare with JeroMQ on virtual threads? Both ends (the REQ that
 * measures, the REP that echoes) run on threads of one kind; each round trip is timed on its own
 * with {@code System.nanoTime()}. The REP end has a context of its own over tcp, as the perf
 * tool's {@code role=both} does.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -Djdk.virtualThreadScheduler.parallelism=2 \
 *     -cp bench/target/perf.jar io.github.zmqffm.bench.VirtualThreadLatency \
 *     impl=zmq-ffm|jeromq threads=virtual|platform transport=inproc|tcp [size=64] [count=20000] [warmup=5000] \
 *     [spin=MICROS]
 * }</pre>
 *
 * <p>{@code spin} sets zmq-ffm's spin budget (default: the library's).
 *
 * <p>Prints one line, e.g. {@code latency impl=zmq-ffm threads=virtual transport=tcp size=64
 * spin=default count=20000 mean_us=61.2 p50_us=58.0 p99_us=101.3 p999_us=180.4}. Exits with 3 if the first
 * request is not answered in 5 s (JeroMQ 0.6.0 now and then loses it on a new tcp connection;
 * bench/virtual-threads.sh tries again).
 */
public final class VirtualThreadLatency {
    private static final String USAGE = "VirtualThreadLatency impl=zmq-ffm|jeromq threads=virtual|platform "
            + "transport=inproc|tcp [size=64] [count=20000] [warmup=5000] [spin=MICROS]";

    private VirtualThreadLatency() {
    }

    /**
     * Measures and prints the result line.
     *
     * @param args {@code key=value}: impl, threads, transport, size, count, warmup, spin
     * @throws InterruptedException if interrupted while waiting for the measuring thread
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = VirtualThreads.arguments(args, USAGE, Map.of("impl", "zmq-ffm", "threads", "virtual",
                "transport", "inproc", "size", "64", "count", "20000", "warmup", "5000", "spin", "-1"));
        int size = Integer.parseInt(a.get("size"));
        int count = Integer.parseInt(a.get("count"));
        int warmup = Integer.parseInt(a.get("warmup"));
        Binding binding = Binding.of(a.get("impl"), "bytes", Long.parseLong(a.get("spin")));
        LocalEndpoint endpoint = new LocalEndpoint(a.get("transport"));
        Binding.Context context = binding.context(1);
        Binding.Context echoContext = a.get("transport").equals("inproc") ? context : binding.context(1);
        Binding.Socket request = context.bind(Binding.Kind.REQ, endpoint.bindable(), size);
        Binding.Socket reply = echoContext.connect(Binding.Kind.REP, request.lastEndpoint(), size);
        Thread.Builder threads = VirtualThreads.threads(a.get("threads"));
        threads.name("echo").start(() -> {
            while (true) {
                reply.receive();
                reply.send();
            }
        });
        CountDownLatch answered = new CountDownLatch(1);
        long[] nanos = new long[count];
        Thread measuring = threads.name("measuring").start(() -> {
            for (int i = 0; i < warmup + count; i++) {
                long start = System.nanoTime();
                request.send();
                request.receive();
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
                answered.countDown();
            }
        });
        if (!answered.await(5, TimeUnit.SECONDS)) {
            System.out.println("no reply to the first request in 5 s");
            System.exit(3);
        }
        measuring.join();
        System.out.printf(Locale.ROOT, "latency impl=%s threads=%s transport=%s size=%d spin=%s count=%d %s%n",
                a.get("impl"), a.get("threads"), a.get("transport"), size,
                a.get("spin").equals("-1") ? "default" : a.get("spin"), count, VirtualThreads.percentiles(nanos));
        // The echo thread still waits; the contexts go with the process.
        System.exit(0);
    }
}
