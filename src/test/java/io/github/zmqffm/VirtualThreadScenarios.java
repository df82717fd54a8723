package io.github.zmqffm;

import com.sun.management.HotSpotDiagnosticMXBean;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The virtual-thread scenarios of issue 16 that judge the whole scheduler, so each needs a JVM of
 * its own: {@link VirtualThreadScaleTest} starts one per scenario with
 * {@code -Djdk.virtualThreadScheduler.parallelism=2}, where a wait that held a carrier in native
 * code would soon leave no carrier for anybody.
 *
 * <p>A scenario prints its figures and {@code ok}, and exits 0; a failed check prints why and
 * exits 1; a scenario still running after {@link #LIMIT_SECONDS} prints a dump of every thread,
 * virtual ones included, and exits 2. Run one by hand with
 * {@code java --enable-native-access=ALL-UNNAMED -Djdk.virtualThreadScheduler.parallelism=2
 * -cp target/classes:target/test-classes io.github.zmqffm.VirtualThreadScenarios receivers 1000}.
 */
final class VirtualThreadScenarios {
    /** How long one check may take: generous, the machine is small and shared. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** The watchdog's limit for a whole scenario, below ChildJvm's. */
    private static final int LIMIT_SECONDS = 50;

    /** The scenario's name and arguments, for the last line it prints. */
    private static String scenario;

    private VirtualThreadScenarios() {
    }

    public static void main(String[] args) throws Exception {
        scenario = String.join(" ", args);
        startWatchdog();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        switch (args[0]) {
            case "ping-pong" -> pingPong(args[2], n, Integer.parseInt(args[3]));
            case "receivers" -> blockedReceivers(n);
            case "pollers" -> pollers(n);
            case "context-close" -> contextClose(n);
            case "interrupt" -> interrupt(n);
            case "helpers" -> helpers();
            case "carriers" -> carrierMoves(n);
            case "busy-neighbours" -> busyNeighbours(n);
            case "first-parks" -> firstParks(n);
            case "first-rare-calls" -> firstRareCalls(n);
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        System.out.println("ok " + scenario);
        System.out.flush();
        // Not exit(): the failure paths halt too, and a stuck virtual thread must not delay the end.
        Runtime.getRuntime().halt(0);
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * {@code pairs} REQ/REP pairs, sockets made on the main thread and each used by one virtual
     * thread, play {@code rounds} rounds of ping-pong; every pair must finish.
     */
    private static void pingPong(String transport, int pairs, int rounds) {
        try (Context ctx = contextFor(2 * pairs)) {
            List<Thread> threads = new ArrayList<>();
            AtomicInteger finished = new AtomicInteger();
            long start = System.nanoTime();
            for (int p = 0; p < pairs; p++) {
                Socket rep = ctx.socket(SocketType.REP).bind(transport.equals("inproc") ? "inproc://pair-" + p
                        : "tcp://127.0.0.1:*");
                Socket req = ctx.socket(SocketType.REQ).connect(rep.lastEndpoint());
                String pair = "pair " + p;
                threads.add(Thread.ofVirtual().name("rep " + p).start(() -> {
                    for (int r = 0; r < rounds; r++) {
                        rep.send(rep.receiveString() + " back");
                    }
                }));
                threads.add(Thread.ofVirtual().name("req " + p).start(() -> {
                    for (int r = 0; r < rounds; r++) {
                        req.send(pair + " round " + r);
                        check((pair + " round " + r + " back").equals(req.receiveString()), pair + ": wrong reply");
                    }
                    finished.incrementAndGet();
                }));
            }
            awaitUntil(() -> threads.stream().noneMatch(Thread::isAlive),
                    () -> finished.get() + " of " + pairs + " " + transport + " pairs finished " + rounds + " rounds");
            check(finished.get() == pairs, finished.get() + " of " + pairs + " pairs finished");
            System.out.printf("%d %s pairs x %d rounds: %.2f s%n", pairs, transport, rounds, seconds(start));
        }
    }

    /**
     * {@code n} virtual threads each block in {@code receive()} on a PULL socket of its own; with
     * all of them parked, two fresh virtual threads still run at the same time; then one PUSH
     * socket sends {@code n} messages, round-robin, and every thread gets exactly one.
     */
    private static void blockedReceivers(int n) {
        try (Context ctx = contextFor(n + 1)) {
            Socket push = ctx.socket(SocketType.PUSH).bind("inproc://receivers");
            List<Socket> pulls = pullsOf(ctx, "inproc://receivers", n);
            String[] got = new String[n];
            List<Thread> threads = startAll(n, i -> () -> got[i] = pulls.get(i).receiveString());
            long start = System.nanoTime();
            awaitParked(threads, pulls);
            double parked = seconds(start);
            bothCarriersRun(n + " receivers parked");
            start = System.nanoTime();
            deal(push, n);
            awaitEnded(threads, "receivers");
            double received = seconds(start);
            Set<String> distinct = new HashSet<>(List.of(got));
            check(distinct.size() == n && !distinct.contains(null), distinct.size() + " distinct messages of " + n);
            System.out.printf("%,d receivers: all parked after %.2f s, all received %.2f s after the first send%n",
                    n, parked, received);
        }
    }

    /** {@code n} virtual threads each in {@code Poller.poll()} on a socket of its own, as above. */
    private static void pollers(int n) {
        try (Context ctx = contextFor(n + 1)) {
            Socket push = ctx.socket(SocketType.PUSH).bind("inproc://pollers");
            List<Socket> pulls = pullsOf(ctx, "inproc://pollers", n);
            AtomicInteger received = new AtomicInteger();
            List<Thread> threads = startAll(n, i -> () -> {
                try (Poller poller = new Poller()) {
                    poller.register(pulls.get(i), PollEvent.IN);
                    check(poller.poll() == 1 && poller.isReadable(pulls.get(i)), "poller " + i + ": not readable");
                    check(pulls.get(i).tryReceiveString() != null, "poller " + i + ": nothing to receive");
                    received.incrementAndGet();
                }
            });
            awaitParked(threads, pulls);
            bothCarriersRun(n + " pollers parked");
            deal(push, n);
            awaitEnded(threads, "pollers");
            check(received.get() == n, received.get() + " of " + n + " pollers received");
            System.out.printf("%d pollers woke and received%n", n);
        }
    }

    /**
     * {@code n} virtual threads parked on sockets of one context, a third each in a receive, a
     * send on a mute PUSH socket and a poll: closing the context wakes every one of them with
     * {@link ContextTerminatedException}.
     */
    private static void contextClose(int n) {
        Context ctx = contextFor(n);
        List<Socket> sockets = mixedWaiters(ctx, n);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = startAll(n, i -> () -> {
            try {
                blockOn(sockets.get(i), i);
                outcomes.merge("returned", 1, Integer::sum);
            } catch (RuntimeException e) {
                outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        });
        awaitParked(threads, sockets);
        long start = System.nanoTime();
        ctx.close();
        awaitEnded(threads, "waiters after the context closed");
        check(outcomes.equals(Map.of("ContextTerminatedException", n)), "outcomes " + outcomes);
        System.out.printf("context close woke %d parked virtual threads in %.2f s: %s%n", n, seconds(start), outcomes);
    }

    /**
     * {@code n} virtual threads parked as in {@link #contextClose}; each is interrupted and ends
     * with {@link ZmqInterruptedException}, its interrupt status set; then each uses its socket
     * again, which works.
     */
    private static void interrupt(int n) {
        try (Context ctx = contextFor(2 * n)) {
            List<Socket> sockets = mixedWaiters(ctx, n);
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            CountDownLatch again = new CountDownLatch(n);
            List<Thread> threads = startAll(n, i -> () -> {
                try {
                    blockOn(sockets.get(i), i);
                    outcomes.merge("returned", 1, Integer::sum);
                } catch (ZmqInterruptedException e) {
                    outcomes.merge(Thread.interrupted() ? "interrupted, status kept" : "status lost", 1, Integer::sum);
                }
                again.countDown();
                Socket socket = sockets.get(i);
                check(i % 3 == 1 ? !socket.trySend("still mute") : socket.tryReceive() == null,
                        "socket " + i + " after the interrupt");
            });
            awaitParked(threads, sockets);
            threads.forEach(Thread::interrupt);
            awaitUntil(() -> again.getCount() == 0, () -> again.getCount() + " of " + n + " not yet interrupted");
            awaitEnded(threads, "interrupted waiters");
            check(outcomes.equals(Map.of("interrupted, status kept", n)), "outcomes " + outcomes);
            System.out.printf("%d parked virtual threads interrupted: %s%n", n, outcomes);
        }
    }

    /**
     * The helpers never hold a carrier: with a {@link ZapAuthenticator} (CURVE and PLAIN), a
     * {@link Proxy#run} called on a virtual thread and a virtual thread reading a
     * {@link Monitor}, all waiting, two fresh virtual threads still run at the same time; and
     * again while CURVE and PLAIN handshakes, proxied messages and monitor events flow. JFR
     * records no {@code jdk.VirtualThreadPinned} event meanwhile (and does record one for a
     * thread pinned on purpose first, so that the check can fail). A first round of traffic runs
     * before the watch begins: the JDK pins a virtual thread while it loads a class or links a
     * call site for the first time, once per class, which is not a wait of the binding.
     */
    private static void helpers() throws Exception {
        try (PinWatch pins = new PinWatch(); Context ctx = new Context();
             ZapAuthenticator auth = new ZapAuthenticator(ctx)) {
            CurveKeyPair serverKeys = Curve.keyPair();
            CurveKeyPair clientKeys = Curve.keyPair();
            auth.configureCurve(ZapAuthenticator.ANY_DOMAIN, Set.of(clientKeys.publicKey()))
                    .configurePlain(ZapAuthenticator.ANY_DOMAIN, Map.of("user", "secret"));
            Socket curveServer = Curve.makeServer(ctx.socket(SocketType.PULL), serverKeys).bind("tcp://127.0.0.1:*");
            Socket plainServer = Plain.makeServer(ctx.socket(SocketType.PULL)).bind("tcp://127.0.0.1:*");

            Socket front = ctx.socket(SocketType.PULL).bind("inproc://proxy-in");
            Socket back = ctx.socket(SocketType.PUSH).bind("inproc://proxy-out");
            Thread proxy = Thread.ofVirtual().name("proxy runner").start(() -> {
                try {
                    Proxy.run(front, back);
                } catch (ContextTerminatedException expected) {
                    // how it ends
                }
            });
            Monitor monitor = curveServer.monitor(EnumSet.of(MonitorEvent.Type.HANDSHAKE_SUCCEEDED));
            List<MonitorEvent> events = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().name("monitor reader").start(() -> {
                try {
                    while (true) {
                        events.add(monitor.receive());
                    }
                } catch (ContextTerminatedException | IllegalStateException expected) {
                    // closed
                }
            });
            Traffic traffic = new Traffic(ctx, serverKeys, clientKeys, curveServer, plainServer);
            traffic.start("warm-up");
            traffic.check("warm-up");
            awaitUntil(() -> !events.isEmpty(), () -> "a HANDSHAKE_SUCCEEDED event in the warm-up");

            pins.watch();
            awaitUntil(() -> Blocking.isBlockedIn(front) && monitor.isReceiving() && parked(reader)
                    && parked(proxy), () -> "the proxy and the monitor reader to wait");
            bothCarriersRun("helpers idle");

            events.clear();
            traffic.start("watched");
            bothCarriersRun("helpers busy");
            traffic.check("watched");
            awaitUntil(() -> !events.isEmpty(), () -> "a HANDSHAKE_SUCCEEDED event");
            bothCarriersRun("helpers done");
            pins.checkNone();
            System.out.printf("helpers: CURVE and PLAIN through ZAP, a proxy, %s; no pinned event%n", events);
        }
    }

    /**
     * The process's first parks: {@code n} virtual threads, let go together, each block in a
     * receive on a socket of its own, so that they park at the same moment while the reactor is
     * not started yet; JFR records no {@code jdk.VirtualThreadPinned} event meanwhile. One of them
     * starts the reactor (an epoll descriptor, a thread, the linking of the epoll calls); the
     * others must wait for it without holding their carriers, which a class initializer would
     * make them do (a virtual thread waiting for another thread's class initialization is pinned).
     * Meanwhile a platform thread makes and drops arenas, as a busy program's other threads do,
     * which keeps the JDK's Cleaner list (a monitor) busy: the linker registers with it, and a
     * virtual thread that links inside a class initializer is pinned when it meets that monitor
     * taken (seen once in mvn verify, a ZAP handler's first wait linking the epoll calls).
     */
    private static void firstParks(int n) throws Exception {
        try (PinWatch pins = new PinWatch(); Context ctx = contextFor(2 * n); CleanerChurn churn = new CleanerChurn()) {
            Socket push = ctx.socket(SocketType.PUSH).bind("inproc://first-parks");
            List<Socket> pulls = pullsOf(ctx, "inproc://first-parks", n);
            CountDownLatch go = new CountDownLatch(1);
            String[] got = new String[n];
            List<Thread> threads = startAll(n, i -> () -> {
                awaitLatch(go);
                got[i] = pulls.get(i).receiveString();
            });
            pins.watch();
            go.countDown();
            awaitParked(threads, pulls);
            for (int i = 0; i < n; i++) {
                push.send("first " + i);
            }
            awaitUntil(() -> threads.stream().noneMatch(Thread::isAlive), () -> "every receiver to get its message");
            check(Arrays.stream(got).allMatch(Objects::nonNull), "a receiver got nothing");
            pins.checkNone();
            System.out.printf("first parks: %d virtual threads parked at once, no pinned event%n", n);
        }
    }

    /** A platform thread registering with the JDK's shared Cleaner (one automatic arena after another) until closed. */
    private static final class CleanerChurn implements AutoCloseable {
        private volatile boolean running = true;
        private final Thread thread = Thread.ofPlatform().daemon().name("cleaner churn").start(() -> {
            while (running) {
                Arena.ofAuto().allocate(8);
            }
        });

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /**
     * The process's first monitors, timer sets and zero-copy messages, made by {@code n} virtual threads let go
     * together while a platform thread keeps the JDK's Cleaner busy: the calls and upcall stubs
     * behind them are linked on first use, and JFR records no {@code jdk.VirtualThreadPinned} event
     * of the binding's class initializers or upcalls meanwhile (a virtual thread linking inside one would hold
     * its carrier whenever the linker met the Cleaner's monitor taken, and those waiting for it
     * theirs: 40-56 ms each before). The JVM's own first uses are left out here: sixteen threads
     * making the same first calls meet them in numbers.
     */
    private static void firstRareCalls(int n) throws Exception {
        try (PinWatch pins = new PinWatch(); Context ctx = contextFor(n); CleanerChurn churn = new CleanerChurn()) {
            List<Socket> sockets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sockets.add(ctx.socket(SocketType.PUB).bind("inproc://rare-" + i));
            }
            // Any class's first initialization holds the virtual threads that wait for it (the
            // JVM's rule, whatever the library): the classes these calls share with everyday
            // ones are initialized here first, by everyday calls (an option, a message copied
            // in: memory of an arena that can be closed is copied, not lent), so that what is
            // watched is the linking behind the rare calls, which takes milliseconds.
            for (Class<?> api : List.of(Monitor.class, MonitorEvent.class, MonitorEvent.Type.class, Timers.class,
                    Message.class)) {
                MethodHandles.lookup().ensureInitialized(api);
            }
            ctx.socket(SocketType.PAIR).set(SocketOption.LINGER, 0).close();
            try (Arena arena = Arena.ofConfined()) {
                Message.wrap(arena.allocate(8)).close();
            }
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger done = new AtomicInteger();
            List<Thread> threads = startAll(n, i -> () -> {
                awaitLatch(go);
                try (Monitor monitor = sockets.get(i).monitor(EnumSet.of(MonitorEvent.Type.ACCEPTED));
                     Timers timers = new Timers()) {
                    timers.add(Duration.ofHours(1), id -> { });
                    AtomicBoolean released = new AtomicBoolean();
                    try (Message lent = Message.wrap(Arena.ofAuto().allocate(64), data -> released.set(true))) {
                        check(lent.size() == 64, "a zero-copy message of 64 bytes");
                    }
                    check(released.get(), "a zero-copy message closed unsent was not released");
                    done.incrementAndGet();
                }
            });
            pins.watch();
            go.countDown();
            awaitUntil(() -> threads.stream().noneMatch(Thread::isAlive),
                    () -> done.get() + " of " + n + " threads done");
            check(done.get() == n, done.get() + " of " + n + " threads made a monitor and timers");
            pins.checkNoneFromTheBinding();
            System.out.printf("first rare calls: %d virtual threads made the first monitors, timers and zero-copy"
                    + " messages, no pinned event%n", n);
        }
    }

    /** Waits for {@code latch} on a virtual thread, which unmounts meanwhile. */
    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One round of what the helpers serve: a CURVE and a PLAIN handshake and message, and a proxied message. */
    private record Traffic(Context ctx, CurveKeyPair serverKeys, CurveKeyPair clientKeys, Socket curveServer,
                           Socket plainServer) {
        /** Connects new clients (so that each round asks the ZAP handler again) and sends. */
        void start(String round) {
            Curve.makeClient(ctx.socket(SocketType.PUSH), clientKeys, serverKeys.publicKey())
                    .connect(curveServer.lastEndpoint()).send("over curve, " + round);
            Plain.makeClient(ctx.socket(SocketType.PUSH), "user", "secret")
                    .connect(plainServer.lastEndpoint()).send("over plain, " + round);
            ctx.socket(SocketType.PUSH).connect("inproc://proxy-in").send("through the proxy, " + round);
        }

        /** Receives what {@link #start} sent, through the servers and the proxy. */
        void check(String round) {
            Socket proxyOut = ctx.socket(SocketType.PULL).connect("inproc://proxy-out");
            VirtualThreadScenarios.check(("over curve, " + round).equals(curveServer.receiveString(Duration.ofSeconds(20))),
                    "no CURVE message in the " + round + " round");
            VirtualThreadScenarios.check(("over plain, " + round).equals(plainServer.receiveString(Duration.ofSeconds(20))),
                    "no PLAIN message in the " + round + " round");
            VirtualThreadScenarios.check(("through the proxy, " + round).equals(proxyOut.receiveString(Duration.ofSeconds(20))),
                    "nothing proxied in the " + round + " round");
            proxyOut.close();
        }
    }

    /**
     * JFR's {@code jdk.VirtualThreadPinned} events from {@link #watch()} on, and the check that
     * none came but a thread pinned on purpose, to see that the watch works, and the JVM's own
     * first use of something ({@link #jvmFirstUse}). The deliberate thread's events are left out
     * by its name: clearing the list once it held one was wrong both ways (its event arrived
     * after such a clear once, in mvn verify, and a clear could drop another thread's event).
     */
    private static final class PinWatch implements AutoCloseable {
        private static final String PINNED_ON_PURPOSE = "pinned on purpose";
        private static final String BINDING = "io.github.zmqffm.";

        private final RecordingStream jfr = new RecordingStream();
        private final List<RecordedEvent> pinned = new CopyOnWriteArrayList<>();
        private volatile boolean watching;

        PinWatch() {
            jfr.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            jfr.onEvent("jdk.VirtualThreadPinned", event -> {
                if (watching) {
                    pinned.add(event);
                }
            });
            jfr.startAsync();
        }

        /** Counts the events from now on, once JFR has reported a thread pinned on purpose. */
        void watch() throws InterruptedException {
            watching = true;
            Thread.ofVirtual().name(PINNED_ON_PURPOSE).start(PinsWhileInitializing::touch).join();
            awaitUntil(() -> pinned.stream().anyMatch(PinWatch::pinnedOnPurpose),
                    () -> "JFR to report the thread pinned on purpose");
        }

        /** Stops the recording and fails the scenario if another virtual thread was pinned. */
        void checkNone() {
            jfr.stop();
            List<RecordedEvent> unexpected = pinned.stream()
                    .filter(e -> !pinnedOnPurpose(e) && !jvmFirstUse(e) && !outsideTheBinding(e)).toList();
            check(unexpected.isEmpty(), "JFR saw pinned virtual threads: "
                    + unexpected.stream().map(PinWatch::describe).toList());
        }

        /**
         * Stops the recording and fails the scenario if a virtual thread was pinned initializing
         * one of the binding's classes, or waiting for another thread to, or blocked in the
         * binding's code inside an upcall (a zero-copy release, a timer): the JVM's other first
         * uses (loading a JDK class, linking a call site or a VarHandle) are left out, which
         * many virtual threads making the same first calls at once meet in numbers.
         */
        void checkNoneFromTheBinding() {
            jfr.stop();
            List<RecordedEvent> unexpected = pinned.stream()
                    .filter(e -> !pinnedOnPurpose(e) && pinnedByTheBinding(e)).toList();
            check(unexpected.isEmpty(), "JFR saw virtual threads pinned by the binding's class initializers or upcalls: "
                    + unexpected.stream().map(PinWatch::describe).toList());
        }

        private static boolean pinnedByTheBinding(RecordedEvent event) {
            if (initializingTheBinding(event)) {
                return true;
            }
            RecordedStackTrace trace = event.getStackTrace();
            if (trace == null) {
                return false;
            }
            // Frames run from the top (where it blocked) down; an upcall's frames sit above its stub.
            boolean bindingAbove = false;
            for (var frame : trace.getFrames()) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("jdk.internal.foreign.abi.UpcallStub") && bindingAbove) {
                    return true;
                }
                if (ofTheBinding(type)) {
                    if (frame.getMethod().getName().equals("<clinit>")) {
                        return true;
                    }
                    bindingAbove = true;
                }
            }
            return false;
        }

        /** The event with its whole stack (its own toString shows five frames). */
        private static String describe(RecordedEvent event) {
            StringBuilder text = new StringBuilder().append(event.getDuration().toNanos() / 1_000).append(" us ")
                    .append(event.getString("blockingOperation")).append(", ").append(event.getString("pinnedReason"))
                    .append(", ").append(event.getThread() == null ? "?" : event.getThread().getJavaName());
            if (event.getStackTrace() != null) {
                event.getStackTrace().getFrames().forEach(frame -> text.append("\n    at ")
                        .append(frame.getMethod().getType().getName()).append('.').append(frame.getMethod().getName())
                        .append(" line ").append(frame.getLineNumber()));
            }
            return text.toString();
        }

        /**
         * Whether no frame of the binding is on the pinned thread's stack: the scenario's own code
         * (a latch its threads wait on, whose first use the JVM links, pinned 8.6 ms once under
         * the Cleaner churn), not a call of the binding's.
         */
        private static boolean outsideTheBinding(RecordedEvent event) {
            RecordedStackTrace trace = event.getStackTrace();
            return !initializingTheBinding(event) && trace != null && trace.getFrames().stream()
                    .noneMatch(frame -> ofTheBinding(frame.getMethod().getType().getName()));
        }

        /** Whether the pin's reason is a class of the binding being initialized, here or by another thread. */
        private static boolean initializingTheBinding(RecordedEvent event) {
            String reason = String.valueOf(event.getString("pinnedReason"));
            return reason.startsWith("Waited for initialization of " + BINDING)
                    || reason.startsWith("VM call to " + BINDING);
        }

        /** Whether a type is the binding's, not this scenario's own code (which shares its package). */
        private static boolean ofTheBinding(String type) {
            return type.startsWith(BINDING) && !type.startsWith(VirtualThreadScenarios.class.getName());
        }

        private static boolean pinnedOnPurpose(RecordedEvent event) {
            return event.getThread() != null && PINNED_ON_PURPOSE.equals(event.getThread().getJavaName());
        }

        @Override
        public void close() {
            jfr.close();
        }
    }

    /**
     * Whether a pinned event is the JVM's own first use of something, for an instant: a class
     * being loaded, a JDK class being initialized, or an invokedynamic call site being linked by
     * another thread at the same moment. A virtual thread that meets one waits with the VM's
     * frames on its stack, which the JDK cannot unmount ("Freeze or preempt failed"); any code's
     * first use of a class can do it, and it is not a wait of the binding's. The binding's own
     * first-use waits (its classes' initialization, the reactor's start) stay counted.
     */
    private static boolean jvmFirstUse(RecordedEvent event) {
        String reason = event.getString("pinnedReason");
        if (reason != null && reason.startsWith("Waited for initialization of ")
                && !reason.startsWith("Waited for initialization of " + PinWatch.BINDING)) {
            return true;
        }
        RecordedStackTrace trace = event.getStackTrace();
        return trace != null && trace.getFrames().stream().anyMatch(frame -> FIRST_USE_FRAMES.contains(
                frame.getMethod().getType().getName() + "." + frame.getMethod().getName()));
    }

    /** Methods of the JDK that load classes and link call sites. */
    private static final Set<String> FIRST_USE_FRAMES = Set.of("java.lang.ClassLoader.loadClass",
            "jdk.internal.loader.BuiltinClassLoader.loadClass", "jdk.internal.loader.BuiltinClassLoader.loadClassOrNull",
            "java.lang.invoke.CallSite.makeSite", "java.lang.invoke.MethodHandleNatives.linkCallSite");

    /** Parks in its class initializer: a virtual thread initializing it is pinned meanwhile. */
    private static final class PinsWhileInitializing {
        static {
            LockSupport.parkNanos(20_000_000L);
        }

        static void touch() {
            // initializes the class
        }
    }

    /**
     * One virtual thread plays {@code rounds} REQ/REP rounds, each reply taken in another of the
     * shapes that park (a receive, a receive into a {@link Message}, a poll, a receive with a
     * deadline), while other pairs play too, so that the scheduler has reasons to move it. Every
     * round must be right, and the thread must have woken on another carrier than it parked on
     * in at least a twentieth of them: the calls on its sockets really went on across carriers.
     */
    private static void carrierMoves(int rounds) {
        try (Context ctx = contextFor(16)) {
            List<Thread> echoes = new ArrayList<>();
            List<Socket> requesters = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                Socket rep = ctx.socket(SocketType.REP).bind("inproc://carriers-" + p);
                requesters.add(ctx.socket(SocketType.REQ).connect("inproc://carriers-" + p));
                echoes.add(Thread.ofVirtual().name("echo " + p).start(() -> {
                    try {
                        while (true) {
                            rep.send(rep.receive());
                        }
                    } catch (ContextTerminatedException expected) {
                        // the scenario is over
                    }
                }));
            }
            AtomicBoolean playing = new AtomicBoolean(true);
            List<Thread> others = startAll(3, i -> () -> {
                Socket req = requesters.get(i + 1);
                while (playing.get()) {
                    req.send("play");
                    req.receive();
                }
            });
            AtomicInteger moves = new AtomicInteger();
            Thread mover = Thread.ofVirtual().name("mover").start(() -> {
                Socket req = requesters.get(0);
                try (Message message = new Message(); Poller poller = new Poller()) {
                    poller.register(req, PollEvent.IN);
                    for (int r = 0; r < rounds; r++) {
                        req.send("round " + r);
                        String before = carrier();
                        String reply = switch (r % 4) {
                            case 0 -> req.receiveString();
                            case 1 -> req.receive(message) ? message.text() : null;
                            case 2 -> poller.poll() == 1 ? req.tryReceiveString() : null;
                            default -> req.receiveString(Duration.ofSeconds(20));
                        };
                        check(("round " + r).equals(reply), "round " + r + ": " + reply);
                        if (!before.equals(carrier())) {
                            moves.incrementAndGet();
                        }
                    }
                }
            });
            awaitEnded(List.of(mover), "the moving thread");
            playing.set(false);
            awaitEnded(others, "other players");
            check(echoes.stream().allMatch(Thread::isAlive), "an echo thread died");
            check(moves.get() >= rounds / 20, "woke on another carrier only " + moves.get() + " times in " + rounds
                    + " rounds");
            System.out.printf("%d rounds; in %d the reply was taken on another carrier than the call began on%n",
                    rounds, moves.get());
        }
    }

    /**
     * While {@code pairs} pairs of virtual threads play REQ/REP as fast as they can, a virtual
     * thread parked in a receive gets its message: the reactor's wake-up is not starved by
     * threads that never park, 20 times over.
     */
    private static void busyNeighbours(int pairs) {
        try (Context ctx = contextFor(2 * pairs + 2)) {
            AtomicBoolean playing = new AtomicBoolean(true);
            List<Thread> players = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                Socket rep = ctx.socket(SocketType.REP).bind("inproc://neighbours-" + p);
                Socket req = ctx.socket(SocketType.REQ).connect("inproc://neighbours-" + p);
                players.add(Thread.ofVirtual().start(() -> {
                    while (playing.get()) {
                        req.send("play");
                        req.receive();
                    }
                    req.send("stop");
                }));
                players.add(Thread.ofVirtual().start(() -> {
                    byte[] frame;
                    do {
                        frame = rep.receive();
                        rep.send(frame);
                    } while (!"stop".equals(ZmqFixtures.text(frame)));
                }));
            }
            Socket push = ctx.socket(SocketType.PUSH).bind("inproc://neighbours");
            Socket pull = ctx.socket(SocketType.PULL).connect("inproc://neighbours");
            long worst = 0;
            for (int round = 0; round < 20; round++) {
                AtomicBoolean received = new AtomicBoolean();
                Thread waiter = Thread.ofVirtual().start(() -> received.set(pull.receive() != null));
                awaitParked(List.of(waiter), List.of(pull));
                long start = System.nanoTime();
                push.send("wake up");
                awaitEnded(List.of(waiter), "woken receiver, round " + round + ",");
                worst = Math.max(worst, System.nanoTime() - start);
                check(received.get(), "nothing received");
            }
            playing.set(false);
            awaitEnded(players, "players");
            System.out.printf("with %d pairs playing, 20 parked receivers woke; the slowest after %.1f ms%n", pairs,
                    worst / 1e6);
        }
    }

    // ---------------------------------------------------------------- shared pieces

    /** A context that allows {@code sockets} more sockets than libzmq's default 1023. */
    private static Context contextFor(int sockets) {
        Context ctx = new Context();
        ctx.set(ContextOption.MAX_SOCKETS, Math.max(1_024, sockets + 64));
        return ctx;
    }

    /** {@code n} PULL sockets connected to a PUSH socket bound at {@code endpoint}. */
    private static List<Socket> pullsOf(Context ctx, String endpoint, int n) {
        List<Socket> pulls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pulls.add(ctx.socket(SocketType.PULL).connect(endpoint));
        }
        return pulls;
    }

    /** Sends {@code n} distinct messages, which a PUSH socket deals round-robin: one to each peer. */
    private static void deal(Socket push, int n) {
        for (int i = 0; i < n; i++) {
            push.send("message " + i);
        }
    }

    /** Sockets on which a call waits for ever: receives on PULL, sends on a mute PUSH, polls on PULL. */
    private static List<Socket> mixedWaiters(Context ctx, int n) {
        List<Socket> sockets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sockets.add(i % 3 == 1 ? ctx.socket(SocketType.PUSH) : ctx.socket(SocketType.PULL).bind("inproc://w-" + i));
        }
        return sockets;
    }

    /** The waiting call for {@link #mixedWaiters}' socket {@code i}. */
    private static void blockOn(Socket socket, int i) {
        switch (i % 3) {
            case 0 -> socket.receive();
            case 1 -> socket.send("nobody listens");
            default -> {
                try (Poller poller = new Poller()) {
                    poller.register(socket, PollEvent.IN);
                    poller.poll();
                }
            }
        }
    }

    private static List<Thread> startAll(int n, IntFunction<Runnable> body) {
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().name("waiter " + i).start(body.apply(i)));
        }
        return threads;
    }

    /**
     * Waits until every thread is parked (WAITING, not RUNNABLE in native code) in a wait
     * published on its socket.
     */
    private static void awaitParked(List<Thread> threads, List<Socket> sockets) {
        AtomicInteger count = new AtomicInteger();
        awaitUntil(() -> {
            int parked = 0;
            for (int i = 0; i < threads.size(); i++) {
                if (parked(threads.get(i)) && Blocking.isBlockedIn(sockets.get(i))) {
                    parked++;
                }
            }
            count.set(parked);
            return parked == threads.size();
        }, () -> count.get() + " of " + threads.size() + " threads parked");
    }

    private static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static void awaitEnded(List<Thread> threads, String what) {
        awaitUntil(() -> threads.stream().noneMatch(Thread::isAlive),
                () -> threads.stream().filter(Thread::isAlive).count() + " of " + threads.size() + " " + what
                        + " still running");
    }

    /**
     * Two fresh virtual threads must run at the same time: each marks itself started and spins
     * until it sees the other. With two carriers, that fails if anything holds one of them.
     */
    private static void bothCarriersRun(String when) {
        AtomicBoolean first = new AtomicBoolean();
        AtomicBoolean second = new AtomicBoolean();
        AtomicInteger met = new AtomicInteger();
        Thread a = Thread.ofVirtual().start(() -> meet(first, second, met));
        Thread b = Thread.ofVirtual().start(() -> meet(second, first, met));
        awaitEnded(List.of(a, b), "fresh virtual threads (" + when + ")");
        check(met.get() == 2, when + ": two fresh virtual threads could not run at the same time, so a carrier is held");
    }

    private static void meet(AtomicBoolean me, AtomicBoolean other, AtomicInteger met) {
        me.set(true);
        long deadline = System.nanoTime() + PATIENCE_NANOS / 2;
        while (!other.get()) {
            if (System.nanoTime() - deadline > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        met.incrementAndGet();
    }

    /** The carrier part of a virtual thread's name, e.g. {@code ForkJoinPool-1-worker-2}. */
    private static String carrier() {
        String name = Thread.currentThread().toString();
        return name.substring(name.indexOf('@') + 1);
    }

    private static void awaitUntil(BooleanSupplier condition, java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            check(System.nanoTime() - deadline < 0, "gave up waiting: " + state.get());
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Ends the scenario at once if {@code condition} is false: not by an exception, which would
     * first close the context, and that would wait for the threads the failure left stuck.
     */
    private static void check(boolean condition, String failure) {
        if (!condition) {
            System.out.println("FAILED " + scenario + ": " + failure);
            dumpThreads();
            Runtime.getRuntime().halt(1);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Ends a stuck scenario with a dump of every thread. */
    private static void startWatchdog() {
        Thread.ofPlatform().daemon().name("watchdog").start(() -> {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(LIMIT_SECONDS));
            System.out.println("STUCK " + scenario + " after " + LIMIT_SECONDS + " s");
            dumpThreads();
            Runtime.getRuntime().halt(2);
        });
    }

    /** Prints every thread's stack, virtual ones included (which {@code jstack} leaves out). */
    private static void dumpThreads() {
        try {
            Path dump = Files.createTempDirectory("vt-scenario").resolve("threads.txt");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            System.out.println(Files.readString(dump));
            Files.delete(dump);
            Files.delete(dump.getParent());
        } catch (IOException e) {
            System.out.println("no thread dump: " + e);
        }
        System.out.flush();
    }
}
