package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What a blocked receiver costs in CPU while traffic is idle or slow: does the wait strategy
 * (spin, then park) keep a receiver that waits from burning a core? A PULL thread blocks in
 * {@code receive(byte[])}; its own CPU time ({@link ThreadMXBean#getThreadCpuTime}) is read over
 * a window of {@code seconds}. With {@code interval=0} (the default) no message comes in the
 * window (one ends it), and the target is at most the spin budget plus 1 % of the window; with
 * {@code interval=MS} a PUSH sends one message every that many milliseconds, which shows the
 * adaptive back-off: each wait would otherwise spin a whole budget.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/perf.jar io.github.zmqffm.bench.IdleReceiverCpu \
 *     [seconds=5] [spin=MICROS] [interval=MS] [transport=inproc|tcp]
 * }</pre>
 *
 * <p>It prints one line, e.g. {@code idle receiver: transport=inproc seconds=5 spin_us=50
 * interval_ms=0 messages=0 cpu_ms=0.41 cpu_percent=0.008 limit_ms=50.05 ok=true}.
 */
public final class IdleReceiverCpu {
    private IdleReceiverCpu() {
    }

    /**
     * Measures and prints the result line; exits with 1 if the idle target is missed, 2 for a
     * bad argument.
     *
     * @param args {@code key=value}: seconds, spin (µs, default the library's), interval (ms),
     *             transport
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !java.util.Set.of("seconds", "spin", "interval", "transport").contains(arg.substring(0, eq))) {
                System.err.println("usage: IdleReceiverCpu [seconds=5] [spin=MICROS] [interval=MS] [transport=inproc|tcp]");
                System.exit(2);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        long seconds = Long.parseLong(values.getOrDefault("seconds", "5"));
        long intervalMillis = Long.parseLong(values.getOrDefault("interval", "0"));
        String transport = values.getOrDefault("transport", "inproc");
        try (Context context = new Context()) {
            if (values.containsKey("spin")) {
                context.setSpinBudget(Duration.ofNanos(Long.parseLong(values.get("spin")) * 1_000));
            }
            Duration budget = context.spinBudget();
            Result result = measure(context, transport, seconds, intervalMillis);
            double limitMillis = budget.toNanos() / 1e6 + seconds * 1000 * 0.01;
            boolean ok = intervalMillis > 0 || result.cpuNanos / 1e6 <= limitMillis;
            System.out.printf(Locale.ROOT, "idle receiver: transport=%s seconds=%d spin_us=%d interval_ms=%d "
                            + "messages=%d cpu_ms=%.2f cpu_percent=%.3f%s%n", transport, seconds,
                    budget.toNanos() / 1_000, intervalMillis, result.messages, result.cpuNanos / 1e6,
                    result.cpuNanos / (seconds * 1e9) * 100,
                    intervalMillis > 0 ? "" : String.format(Locale.ROOT, " limit_ms=%.2f ok=%b", limitMillis, ok));
            if (!ok) {
                System.exit(1);
            }
        }
    }

    private record Result(long cpuNanos, long messages) {
    }

    /**
     * Runs the receiver's waits, parked and spinning, before the window: 50 messages 1 ms apart
     * (the receiver parks for each), then 500 that each go out about 10 µs after the receiver
     * has taken the one before (its spins catch them, so the spin policy is at its most eager
     * when the window starts).
     */
    private static void warmUp(Socket push, AtomicLong received) {
        byte[] frame = {1};
        for (int i = 0; i < 50; i++) {
            LockSupport.parkNanos(1_000_000L);
            push.send(frame);
        }
        for (int i = 0; i < 500; i++) {
            long sent = 50 + i;
            while (received.get() < sent) {
                Thread.onSpinWait();
            }
            long until = System.nanoTime() + 10_000;
            while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
            push.send(frame);
        }
    }

    private static Result measure(Context context, String transport, long seconds, long intervalMillis)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH)) {
            pull.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://idle-receiver");
            push.connect(pull.lastEndpoint());
            // Receives until an empty frame comes.
            AtomicLong received = new AtomicLong();
            Thread receiver = Thread.ofPlatform().name("idle-receiver").start(() -> {
                byte[] buffer = new byte[16];
                while (pull.receive(buffer) != 0) {
                    received.incrementAndGet();
                }
            });
            threads.getThreadCpuTime(receiver.threadId()); // the first call is slow: not inside the window
            warmUp(push, received);
            // The window starts as the last warm-up message goes out, so that it covers the spin
            // of the receiver's next wait: traffic was quick, so that wait spins.
            long cpuBefore = threads.getThreadCpuTime(receiver.threadId());
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long messages = 0;
            while (System.nanoTime() - end < 0) {
                if (intervalMillis == 0) {
                    LockSupport.parkNanos(end - System.nanoTime());
                } else {
                    LockSupport.parkNanos(intervalMillis * 1_000_000L);
                    push.send(new byte[] {1});
                    messages++;
                }
            }
            long cpuNanos = threads.getThreadCpuTime(receiver.threadId()) - cpuBefore;
            push.send(new byte[0]);
            receiver.join();
            return new Result(cpuNanos, messages);
        }
    }
}
