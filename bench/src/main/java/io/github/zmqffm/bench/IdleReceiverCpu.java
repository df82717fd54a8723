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
import java.util.concurrent.locks.LockSupport;

/**
 * What a blocked receiver costs in CPU while traffic is idle or slow: does the wait strategy
 * (spin, then park) keep a receiver that waits from burning a core? A REQ thread sends a
 * request and blocks in {@code receive(byte[])} for the reply (a receive after a send: the wait
 * the strategy spins for; a PULL that only receives would park at once); its own CPU time ({@link ThreadMXBean#getThreadCpuTime}) is read over
 * a window of {@code seconds}. With {@code interval=0} (the default) no message comes in the
 * window (one ends it), and the target is at most the spin budget plus 1 % of the window; with
 * {@code interval=MS} the REP answers every that many milliseconds, which shows the
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
     * Runs the receiver's waits, parked and spinning, before the window: 50 replies 1 ms after
     * their requests (the receiver parks for each), then 500 about 10 µs after (its spins catch
     * them, so the spin policy is at its most eager when the window starts).
     */
    private static void warmUp(Socket rep) {
        byte[] frame = new byte[16];
        for (int i = 0; i < 550; i++) {
            rep.receive(frame);
            if (i < 50) {
                LockSupport.parkNanos(1_000_000L);
            } else {
                long until = System.nanoTime() + 10_000;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
            }
            rep.send(frame, 0, 1);
        }
    }

    private static Result measure(Context context, String transport, long seconds, long intervalMillis)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ)) {
            rep.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://idle-receiver");
            req.connect(rep.lastEndpoint());
            // Asks until an empty reply comes.
            Thread receiver = Thread.ofPlatform().name("idle-receiver").start(() -> {
                byte[] buffer = new byte[16];
                do {
                    req.send(buffer, 0, 1);
                } while (req.receive(buffer) != 0);
            });
            threads.getThreadCpuTime(receiver.threadId()); // the first call is slow: not inside the window
            warmUp(rep);
            byte[] request = new byte[16];
            rep.receive(request);
            // The window starts as the receiver waits for this request's reply: traffic was
            // quick, so that wait spins, then parks.
            long cpuBefore = threads.getThreadCpuTime(receiver.threadId());
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long messages = 0;
            while (System.nanoTime() - end < 0) {
                if (intervalMillis == 0) {
                    LockSupport.parkNanos(end - System.nanoTime());
                } else {
                    LockSupport.parkNanos(intervalMillis * 1_000_000L);
                    rep.send(request, 0, 1);
                    rep.receive(request);
                    messages++;
                }
            }
            long cpuNanos = threads.getThreadCpuTime(receiver.threadId()) - cpuBefore;
            rep.send(new byte[0]);
            receiver.join();
            return new Result(cpuNanos, messages);
        }
    }
}
