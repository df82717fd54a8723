package io.github.zmqffm.bench;

import io.github.zmqffm.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Copy against lend ({@link ZeroCopyBenchmark}'s two modes) alternated every 100 ms in one
 * process, so that both see the same machine load, with the libzmq I/O threads' CPU time per
 * frame read from {@code /proc/self/task/<tid>/schedstat} (Linux). It shows which thread limits
 * a transport when JMH's separate forks disagree on a loaded machine.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar --enable-native-access=ALL-UNNAMED
 * io.github.zmqffm.bench.InterleavedZeroCopy 8192 tcp}
 */
public final class InterleavedZeroCopy {
    private static final int WINDOW = 64;
    private static final int ROUNDS = 30;
    private static final int WARM_ROUNDS = 5;
    private static final long SLICE_NANOS = 100_000_000L;

    private InterleavedZeroCopy() {
    }

    /**
     * Runs the comparison.
     *
     * @param args frame size in bytes, then "inproc", "tcp" or "ipc"
     */
    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        Consumer<MemorySegment> onRelease = memory -> { };
        long[] nanos = new long[2];
        long[] frames = new long[2];
        long[] ioNanos = new long[2];
        try (PushPull pair = PushPull.open(args[1]); Message out = new Message(); Message in = new Message()) {
            MemorySegment payload = Arena.ofAuto().allocate(size, 64);
            for (int i = 0; i < WINDOW; i++) {
                pair.push.send(payload);
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int mode = 0; mode < 2; mode++) {
                    long io = ioThreadNanos();
                    long start = System.nanoTime();
                    long n = 0;
                    while (System.nanoTime() - start < SLICE_NANOS) {
                        if (mode == 0) {
                            pair.push.send(payload);
                        } else {
                            pair.push.send(out.rebuild(payload, onRelease));
                        }
                        pair.pull.receive(in);
                        n++;
                    }
                    if (round >= WARM_ROUNDS) {
                        nanos[mode] += System.nanoTime() - start;
                        frames[mode] += n;
                        ioNanos[mode] += ioThreadNanos() - io;
                    }
                }
            }
        }
        double copy = nanos[0] / 1e3 / frames[0];
        double wrap = nanos[1] / 1e3 / frames[1];
        System.out.printf("%s %d B: copy %.3f us/frame, wrap %.3f us/frame, wrap/copy throughput %.2f; "
                        + "I/O thread CPU %.3f / %.3f us/frame%n", args[1], size, copy, wrap, copy / wrap,
                ioNanos[0] / 1e3 / frames[0], ioNanos[1] / 1e3 / frames[1]);
    }

    /** CPU time so far of the threads libzmq names ZMQbg/IO/n; 0 where /proc is missing. */
    private static long ioThreadNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                if (Files.readString(thread.resolve("comm")).startsWith("ZMQbg/IO")) {
                    sum += Long.parseLong(Files.readString(thread.resolve("schedstat")).split(" ")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }
}
