package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many frames a second does {@code receiveAsync} take, against a blocking {@code receive}
 * on a platform and on a virtual thread? A platform thread sends {@code count} frames of
 * {@code size} bytes through PUSH to PULL as fast as the high water mark lets it; the receiving
 * side is one of: {@code blocking-platform}, {@code blocking-virtual}, or {@code async}, which
 * keeps {@code window} receives pending and asks for the next from each future's dependent
 * action (on the socket's completion thread). Timed from the first send to the last frame.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -Djdk.virtualThreadScheduler.parallelism=2 \
 *     -cp bench/target/perf.jar io.github.zmqffm.bench.AsyncThroughput \
 *     [mode=async|blocking-platform|blocking-virtual] [window=1] [transport=inproc|tcp] [size=64] [count=200000]
 * }</pre>
 */
public final class AsyncThroughput {
    private static final String USAGE = "AsyncThroughput [mode=async|blocking-platform|blocking-virtual] [window=1] "
            + "[transport=inproc|tcp] [size=64] [count=200000]";

    private final Socket pull;
    private final int count;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);

    private AsyncThroughput(Socket pull, int count) {
        this.pull = pull;
        this.count = count;
    }

    /**
     * Measures and prints one line of figures.
     *
     * @param args {@code key=value}: mode, window, transport, size, count
     * @throws InterruptedException if interrupted while waiting for the receiver
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = VirtualThreads.arguments(args, USAGE, Map.of("mode", "async", "window", "1",
                "transport", "inproc", "size", "64", "count", "200000"));
        String mode = a.get("mode");
        int window = Integer.parseInt(a.get("window"));
        int count = Integer.parseInt(a.get("count"));
        byte[] frame = new byte[Integer.parseInt(a.get("size"))];
        try (Context context = new Context(); LocalEndpoint endpoint = new LocalEndpoint(a.get("transport"))) {
            Socket pull = context.socket(SocketType.PULL).bind(endpoint.bindable());
            Socket push = context.socket(SocketType.PUSH).connect(pull.lastEndpoint());
            AsyncThroughput run = new AsyncThroughput(pull, count);
            long start = System.nanoTime();
            switch (mode) {
                case "async" -> {
                    for (int i = 0; i < window; i++) {
                        run.askNext();
                    }
                }
                case "blocking-platform", "blocking-virtual" ->
                        VirtualThreads.threads(mode.substring("blocking-".length())).start(run::receiveAll);
                default -> throw new IllegalArgumentException("mode " + mode);
            }
            for (int i = 0; i < count; i++) {
                push.send(frame);
            }
            if (!run.done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(run.received.get() + " of " + count + " frames in 120 s");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "async mode=%s window=%d transport=%s size=%d count=%d seconds=%.3f "
                    + "frames_per_s=%.0f%n", mode, mode.equals("async") ? window : 0, a.get("transport"), frame.length,
                    count, seconds, count / seconds);
        }
    }

    private void receiveAll() {
        for (int i = 0; i < count; i++) {
            pull.receive();
        }
        done.countDown();
    }

    /**
     * Asks for the next frame, if any is left to ask for. A future that is already done when its
     * action would be attached is counted here, in a loop, rather than in a recursion.
     */
    private void askNext() {
        while (asked.getAndIncrement() < count) {
            CompletableFuture<byte[]> next = pull.receiveAsync();
            if (!next.isDone()) {
                next.thenRun(() -> {
                    countOne();
                    askNext();
                });
                return;
            }
            countOne();
        }
    }

    private void countOne() {
        if (received.incrementAndGet() == count) {
            done.countDown();
        }
    }
}
