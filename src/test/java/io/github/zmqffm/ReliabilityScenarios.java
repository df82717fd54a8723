package io.github.zmqffm;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Scenarios that need a JVM of their own, run by {@link LeakReportTest} and
 * {@link OwnerThreadCheckTest}: the system properties {@code zmq.leaks} and
 * {@code zmq.checkThreads} are read once per JVM, and reports go to {@code java.util.logging},
 * whose console output a child can watch. Every log record appears on stdout as
 * {@code REPORT <level> <message>}, followed by the creation site's stack trace if there is one;
 * outcomes of calls are printed as plain lines.
 */
final class ReliabilityScenarios {
    private static final Map<String, Scenario> SCENARIOS = Map.of(
            "leaks", ReliabilityScenarios::leaks,
            "boundedClose", ReliabilityScenarios::boundedClose,
            "ownerChecks", ReliabilityScenarios::ownerChecks);

    /** What the logging wrote so far. */
    private static final StringBuffer REPORTS = new StringBuffer();

    interface Scenario {
        void run() throws Exception;
    }

    private ReliabilityScenarios() {
    }

    public static void main(String[] args) throws Exception {
        // java.util.logging's console handler, which System.Logger ends in by default, writes
        // to System.err: one line per record, then the creation site's stack trace if any.
        System.setProperty("java.util.logging.SimpleFormatter.format", "REPORT %4$s %5$s%6$s%n");
        PrintStream out = System.out;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                REPORTS.append((char) b);
                out.write(b);
            }
        }, true, StandardCharsets.ISO_8859_1));
        SCENARIOS.get(args[0]).run();
        System.out.println("done");
    }

    /** Collects garbage until {@code condition} holds, for at most ten seconds. */
    private static void collectUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never happened: " + what);
            }
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * A socket dropped while its context lives is kept, not closed; a context and a message
     * dropped unclosed are cleaned up and reported.
     */
    private static void leaks() {
        try (Context context = new Context()) {
            WeakReference<Socket> dropped = dropSocket(context);
            for (int i = 0; i < 5; i++) {
                System.gc();
            }
            System.out.println("dropped socket kept by its context: " + (dropped.get() != null));
        }

        int fdsBefore = ProcessResources.openFds();
        WeakReference<Context> dropped = leakContext();
        collectUntil(() -> dropped.get() == null, "the dropped context collected");
        // The termination runs on a thread of its own once the cleaner has seen the context.
        System.out.println("context terminated: " + (ProcessResources.awaitOpenFdsAtMost(fdsBefore, 10) <= fdsBefore));

        leakMessage();
        if (Boolean.getBoolean("zmq.leaks.expectMessage")) {
            // The whole report, with its creation site's trace, before "done".
            collectUntil(() -> {
                int report = REPORTS.indexOf("a Message was not closed");
                return report >= 0 && REPORTS.indexOf("ReliabilityScenarios.main(", report) >= 0
                        && REPORTS.charAt(REPORTS.length() - 1) == '\n';
            }, "the message's report");
        }
    }

    private static WeakReference<Socket> dropSocket(Context context) {
        return new WeakReference<>(context.socket(SocketType.PUSH).bind("inproc://leaky"));
    }

    private static void leakMessage() {
        Message.of("forgotten");
    }

    private static WeakReference<Context> leakContext() {
        Context context = new Context();
        context.socket(SocketType.PULL).bind("tcp://127.0.0.1:*");
        return new WeakReference<>(context);
    }

    /** Context.close(Duration) with a socket whose owner never closes it. */
    private static void boundedClose() throws Exception {
        Context context = new Context();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Socket> owned = new CompletableFuture<>();
        Thread owner = Thread.ofPlatform().name("stubborn owner").start(() -> {
            Socket s = context.socket(SocketType.PUSH).bind("tcp://127.0.0.1:*").connect("inproc://nowhere");
            owned.complete(s);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Socket socket = owned.get();
        long start = System.nanoTime();
        context.close(Duration.ofMillis(300));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("waited at least the bound: " + (waited >= 300));
        System.out.println("closed by the context: " + socket.isClosed());
        System.out.println("next call: " + outcome(() -> socket.send("late")));
        System.out.println("set LINGER: " + outcome(() -> socket.set(SocketOption.LINGER, 0)));
        System.out.println("close: " + outcome(() -> {
            socket.close();
            return "closed";
        }));
        release.countDown();
        owner.join();
    }

    /** What -Dzmq.checkThreads=true refuses and allows. */
    private static void ownerChecks() throws Exception {
        try (Context context = new Context()) {
            Socket pull = context.socket(SocketType.PULL).bind("inproc://owned");
            Socket push = context.socket(SocketType.PUSH).connect("inproc://owned");
            System.out.println("other thread: " + onAnotherThread("intruder", () -> pull.tryReceive()));

            Thread worker = Thread.ofPlatform().name("worker").unstarted(() -> {
                push.send("handed over");
            });
            push.transferTo(worker);
            worker.start();
            worker.join();
            System.out.println("owner after transfer: " + outcome(() -> push.send("mine?")));
            System.out.println("received: " + pull.receiveString());

            System.out.println("close from another thread: " + onAnotherThread("closer", () -> {
                push.close();
                return "closed";
            }));
            try (Socket back = context.socket(SocketType.PULL).bind("inproc://proxied");
                 Socket front = context.socket(SocketType.PULL).bind("inproc://front");
                 Proxy proxy = Proxy.start(front, back)) {
                System.out.println("proxy: " + proxy.isRunning());
            }
            try (Monitor monitor = pull.monitor()) {
                System.out.println("monitor on another thread: "
                        + onAnotherThread("monitor reader", () -> String.valueOf(monitor.tryReceive())));
            }
            System.out.println("poll on another thread: " + onAnotherThread("poller", () -> {
                try (Poller poller = new Poller()) {
                    poller.register(pull, PollEvent.IN);
                    return poller.poll(Duration.ZERO);
                }
            }));
            // The ZAP handler's socket is used by the handler's own thread, not by its creator.
            try (ZapAuthenticator auth = new ZapAuthenticator(context)) {
                auth.configurePlain(ZapAuthenticator.ANY_DOMAIN, java.util.Map.of("user", "secret"));
                Socket server = Plain.makeServer(context.socket(SocketType.PULL)).bind("tcp://127.0.0.1:*");
                Socket client = Plain.makeClient(context.socket(SocketType.PUSH), "user", "secret")
                        .connect(server.lastEndpoint());
                client.send("authenticated");
                System.out.println("zap: " + server.receiveString(Duration.ofSeconds(20)));
                client.close();
                server.close();
            }
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static String outcome(Call call) {
        try {
            return "ok " + call.call();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String onAnotherThread(String name, Call call) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).start(() -> result.complete(outcome(call))).join();
        return result.get();
    }
}
