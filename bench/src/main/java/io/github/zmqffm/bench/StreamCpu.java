package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each end of a PUSH/PULL stream spends per message, in CPU time: a sender thread calls
 * {@code send(byte[])} and the main thread {@code receive(byte[])} with reused arrays, as the
 * perf tool's {@code pattern=thr}, and each thread reads its own CPU clock around its loop.
 * Where the perf tool's wall-clock rate is at the mercy of every other process on a shared
 * machine, CPU time per message shows what one side costs, waits and wake-ups included; and
 * unlike the same-thread loops of {@link FrameCostCpu} it shows what only two threads show,
 * such as a cache line the two ends pass to and fro. {@code bench/target/stream-cpu-c} is the
 * same loop in C.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.github.zmqffm.bench.StreamCpu \
 *     [transport=inproc] [size=64] [count=2000000] [rounds=6]
 * </pre>
 *
 * Prints one line per cell: the median over the rounds (the first is a warm-up and not counted)
 * of the sender's and the receiver's CPU nanoseconds per message, and of the wall-clock rate.
 */
public final class StreamCpu {
    private StreamCpu() {
    }

    /**
     * Measures one cell.
     *
     * @param args {@code transport=}, {@code size=}, {@code count=}, {@code rounds=}
     * @throws IllegalArgumentException for an argument it does not know, or fewer than 2 rounds
     * @throws InterruptedException if interrupted while joining the sender
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>(
                Map.of("transport", "inproc", "size", "64", "count", "2000000", "rounds", "6"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !options.containsKey(kv[0])) {
                throw new IllegalArgumentException("expected transport=, size=, count= or rounds=, not " + arg);
            }
            options.put(kv[0], kv[1]);
        }
        String transport = options.get("transport");
        int size = Integer.parseInt(options.get("size"));
        int count = Integer.parseInt(options.get("count"));
        int rounds = Integer.parseInt(options.get("rounds"));
        if (rounds < 2) {
            throw new IllegalArgumentException("rounds=" + rounds + ": the first is a warm-up, so at least 2");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] send = new double[rounds - 1];
        double[] receive = new double[rounds - 1];
        double[] rate = new double[rounds - 1];
        try (Context context = new Context();
             LocalEndpoint endpoint = new LocalEndpoint(transport)) {
            Socket pull = context.socket(SocketType.PULL).bind(endpoint.bindable());
            Socket push = context.socket(SocketType.PUSH).connect(pull.lastEndpoint());
            byte[] in = new byte[size];
            for (int round = 0; round < rounds; round++) {
                double[] sent = new double[1];
                Thread sender = Thread.ofPlatform().start(() -> {
                    byte[] out = new byte[size];
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < count; i++) {
                        push.send(out);
                    }
                    sent[0] = (threads.getCurrentThreadCpuTime() - start) / (double) count;
                });
                long wallStart = System.nanoTime();
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < count; i++) {
                    pull.receive(in);
                }
                double received = (threads.getCurrentThreadCpuTime() - start) / (double) count;
                long wall = System.nanoTime() - wallStart;
                sender.join();
                if (round > 0) {
                    send[round - 1] = sent[0];
                    receive[round - 1] = received;
                    rate[round - 1] = count * 1e9 / wall;
                }
            }
        }
        System.out.printf(Locale.ROOT, "impl=zmq-ffm stream-cpu transport=%s size=%d send_cpu_ns=%.1f "
                + "receive_cpu_ns=%.1f msgs_per_s=%.0f rounds=%d%n", transport, size, median(send), median(receive),
                median(rate), rounds - 1);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
