package io.github.zmqffm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link FrameCostBenchmark}'s operations timed in the calling thread's CPU time instead of wall
 * time, interleaved: on a shared machine the time other processes hold the CPU is not counted,
 * and each round runs every operation once, in an order rotated by one per round, so that what
 * is left of the noise hits them alike. Prints one line per operation with the best and the
 * median CPU nanoseconds per operation over the rounds; {@code bench/target/frame-cost-c}
 * prints the same for the loop in C. Each operation is called through an interface, which adds
 * the same few nanoseconds to all of them (JMH's generated loops do not).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.github.zmqffm.bench.FrameCostCpu \
 *     [size=64] [rounds=20] [batch=200000]
 * </pre>
 */
public final class FrameCostCpu {
    private static long sink;

    private FrameCostCpu() {
    }

    /** One operation of the benchmark. */
    private interface Op {
        void run() throws Throwable;
    }

    /**
     * Times every operation.
     *
     * @param args {@code size=}, {@code rounds=}, {@code batch=}
     * @throws Throwable if an operation fails
     */
    public static void main(String[] args) throws Throwable {
        Map<String, Integer> options = new LinkedHashMap<>(Map.of("size", 64, "rounds", 20, "batch", 200_000));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !options.containsKey(kv[0])) {
                throw new IllegalArgumentException("expected size=N, rounds=N or batch=N, not " + arg);
            }
            options.put(kv[0], Integer.parseInt(kv[1]));
        }
        FrameCostBenchmark b = new FrameCostBenchmark();
        b.size = options.get("size");
        b.setUp();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("apiBytes", () -> sink += b.apiBytes());
        ops.put("apiNewArray", () -> sink += b.apiNewArray().length);
        ops.put("apiSegment", () -> sink += b.apiSegment());
        ops.put("apiMessage", () -> sink += b.apiMessage());
        ops.put("rawOnHeap", () -> sink += b.rawOnHeap());
        ops.put("rawPlain", () -> sink += b.rawPlain());
        ops.put("rawCapture", () -> sink += b.rawCapture());
        ops.put("rawCaptureCopies", () -> sink += b.rawCaptureCopies());
        ops.put("downcallPlain", () -> sink += b.downcallPlain());
        ops.put("downcallCapture", () -> sink += b.downcallCapture());
        ops.put("guard", () -> sink += b.guard());
        ops.put("threadLocal", () -> sink += b.threadLocal().length);
        ops.put("copyInAndOut", () -> sink += b.copyInAndOut().byteSize());
        ops.put("nothing", () -> sink++);
        int rounds = options.get("rounds");
        int batch = options.get("batch");
        List<String> names = new ArrayList<>(ops.keySet());
        Map<String, double[]> results = new LinkedHashMap<>();
        names.forEach(n -> results.put(n, new double[rounds]));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 5; warm++) {
            for (String n : names) {
                time(threads, ops.get(n), batch);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String n = names.get((i + round) % names.size());
                results.get(n)[round] = time(threads, ops.get(n), batch);
            }
        }
        b.tearDown();
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            double[] ns = e.getValue();
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "impl=zmq-ffm frame-cost op=%s size=%d best_ns=%.1f median_ns=%.1f%n",
                    e.getKey(), b.size, ns[0], ns[ns.length / 2]);
        }
    }

    /** CPU nanoseconds per operation over one batch. */
    private static double time(ThreadMXBean threads, Op op, int batch) throws Throwable {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < batch; i++) {
            op.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / (double) batch;
    }
}
