package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What do many waiting virtual threads cost, and how soon have they all received once their
 * messages are sent? {@code waiters} virtual threads each block in {@code receive()} on a PULL
 * socket of their own; one PUSH socket, connected to all of them over inproc, then sends one
 * message to each (round-robin). Measured: the heap after a full collection and the resident
 * memory (VmRSS) once the sockets exist and again once every thread is parked, so that the
 * difference is the cost of the waiting itself (the thread's stack, its reactor registration and
 * parking state), apart from the sockets' own; then the time from the first send until the last
 * thread has its message. {@code mode=park} measures the same for threads parked in
 * {@code LockSupport.park()} and woken by {@code unpark}: the JDK's own floor.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -Djdk.virtualThreadScheduler.parallelism=2 \
 *     -cp bench/target/perf.jar io.github.zmqffm.bench.ParkedWaiters [waiters=10000] [mode=receive|park]
 * }</pre>
 */
public final class ParkedWaiters {
    private static final int PATIENCE_SECONDS = 120;

    private ParkedWaiters() {
    }

    /**
     * Measures and prints one line of figures.
     *
     * @param args {@code key=value}: waiters, mode
     * @throws InterruptedException if interrupted while waiting for the receivers
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = VirtualThreads.arguments(args, "ParkedWaiters [waiters=10000] [mode=receive|park]",
                Map.of("waiters", "10000", "mode", "receive"));
        int n = Integer.parseInt(a.get("waiters"));
        boolean receive = a.get("mode").equals("receive");
        long heap0 = VirtualThreads.heapAfterGc();
        long rss0 = VirtualThreads.residentBytes();
        Context context = new Context();
        context.set(ContextOption.MAX_SOCKETS, n + 64);
        Socket push = context.socket(SocketType.PUSH).bind("inproc://waiters");
        List<Socket> pulls = new ArrayList<>(n);
        for (int i = 0; receive && i < n; i++) {
            pulls.add(context.socket(SocketType.PULL).connect("inproc://waiters"));
        }
        long heap1 = VirtualThreads.heapAfterGc();
        long rss1 = VirtualThreads.residentBytes();

        CountDownLatch done = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Socket pull = receive ? pulls.get(i) : null;
            threads.add(Thread.ofVirtual().start(() -> {
                if (receive) {
                    pull.receive();
                } else {
                    LockSupport.park();
                }
                done.countDown();
            }));
        }
        VirtualThreads.await(() -> VirtualThreads.allParked(threads), PATIENCE_SECONDS, "every thread to park");
        double parkSeconds = (System.nanoTime() - start) / 1e9;
        long heap2 = VirtualThreads.heapAfterGc();
        long rss2 = VirtualThreads.residentBytes();

        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (receive) {
                push.send("message " + i);
            } else {
                LockSupport.unpark(threads.get(i));
            }
        }
        long sent = System.nanoTime() - start;
        if (!done.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + n + " never woke");
        }
        long all = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "waiters mode=%s waiters=%d parked_s=%.2f sends_s=%.3f all_received_s=%.3f "
                        + "heap_per_socket_b=%d rss_per_socket_b=%d heap_per_waiter_b=%d rss_per_waiter_b=%d%n",
                a.get("mode"), n, parkSeconds, sent / 1e9, all / 1e9, receive ? (heap1 - heap0) / n : 0,
                receive ? (rss1 - rss0) / n : 0, (heap2 - heap1) / n, (rss2 - rss1) / n);
        context.close();
    }
}
