package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does a wake-up cost the reactor more when many other virtual threads wait? {@code idle}
 * virtual threads park in {@code receive()} on sockets of their own that never get a message;
 * then two virtual threads play ping-pong over two PUSH/PULL pairs with a spin budget of zero,
 * so that every receive parks and is woken by the reactor (two wake-ups per round). Measured:
 * the round trip (mean and percentiles) and the reactor thread's CPU time per wake-up. Neither
 * may grow with {@code idle}: epoll returns only the descriptors that fired, and each names its
 * waiter directly, so nothing scans the idle registrations.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -Djdk.virtualThreadScheduler.parallelism=2 \
 *     -cp bench/target/perf.jar io.github.zmqffm.bench.ReactorWakeup [idle=1000] [rounds=20000] [warmup=5000]
 * }</pre>
 */
public final class ReactorWakeup {
    private ReactorWakeup() {
    }

    /**
     * Measures and prints one line of figures.
     *
     * @param args {@code key=value}: idle, rounds, warmup
     * @throws InterruptedException if interrupted while waiting for the players
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = VirtualThreads.arguments(args, "ReactorWakeup [idle=1000] [rounds=20000] [warmup=5000]",
                Map.of("idle", "1000", "rounds", "20000", "warmup", "5000"));
        int idle = Integer.parseInt(a.get("idle"));
        int rounds = Integer.parseInt(a.get("rounds"));
        int warmup = Integer.parseInt(a.get("warmup"));
        try (Context context = new Context()) {
            context.set(ContextOption.MAX_SOCKETS, idle + 64).setSpinBudget(Duration.ZERO);
            List<Thread> waiters = new ArrayList<>(idle);
            for (int i = 0; i < idle; i++) {
                Socket pull = context.socket(SocketType.PULL).bind("inproc://idle-" + i);
                waiters.add(Thread.ofVirtual().start(() -> {
                    try {
                        pull.receive();
                    } catch (RuntimeException closed) {
                        // the context closes at the end
                    }
                }));
            }
            VirtualThreads.await(() -> VirtualThreads.allParked(waiters), 120, "the idle threads to park");

            Socket ping = context.socket(SocketType.PUSH).bind("inproc://ping");
            Socket pingIn = context.socket(SocketType.PULL).connect("inproc://ping");
            Socket pong = context.socket(SocketType.PUSH).bind("inproc://pong");
            Socket pongIn = context.socket(SocketType.PULL).connect("inproc://pong");
            byte[] frame = new byte[64];
            Thread echo = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < warmup + rounds; i++) {
                    pingIn.receive(frame);
                    pong.send(frame);
                }
            });
            long[] nanos = new long[rounds];
            long[] reactorCpu = new long[1];
            Thread player = Thread.ofVirtual().start(() -> {
                byte[] in = new byte[64];
                for (int i = 0; i < warmup + rounds; i++) {
                    if (i == warmup) {
                        reactorCpu[0] = VirtualThreads.reactorCpuNanos();
                    }
                    long start = System.nanoTime();
                    ping.send(in);
                    pongIn.receive(in);
                    if (i >= warmup) {
                        nanos[i - warmup] = System.nanoTime() - start;
                    }
                }
                reactorCpu[0] = VirtualThreads.reactorCpuNanos() - reactorCpu[0];
            });
            player.join();
            echo.join();
            System.out.printf(Locale.ROOT, "wakeup idle=%d rounds=%d reactor_cpu_ns_per_wakeup=%d round_trip_%s%n",
                    idle, rounds, reactorCpu[0] / (2L * rounds), VirtualThreads.percentiles(nanos));
        }
    }
}
