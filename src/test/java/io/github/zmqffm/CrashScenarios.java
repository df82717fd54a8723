package io.github.zmqffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Call sequences that crashed the JVM (a SIGSEGV, or an abort inside libzmq) before the binding
 * guarded them, each run by {@link CrashRegressionTest} in a JVM of its own, so that a regression
 * shows as that child's death rather than the test JVM's. {@code main} runs the scenario named
 * by its argument and prints {@code survived} at the end; a refusal the binding makes instead of
 * the crash is printed on the way.
 */
final class CrashScenarios {
    private static final Map<String, Scenario> SCENARIOS = Map.of(
            "readOnlyMappedReceive", CrashScenarios::readOnlyMappedReceive,
            "conflateConnectBeforeBind", CrashScenarios::conflateConnectBeforeBind,
            "socketLimitWithPendingConnect", CrashScenarios::socketLimitWithPendingConnect,
            "routerDisconnectBeforeBind", CrashScenarios::routerDisconnectBeforeBind,
            "incompatibleInprocPeers", CrashScenarios::incompatibleInprocPeers,
            "highWaterMarkAfterPeerLeft", CrashScenarios::highWaterMarkAfterPeerLeft,
            "routerOptionOnRep", CrashScenarios::routerOptionOnRep,
            "zeroCopyFreedInsideReceives", CrashScenarios::zeroCopyFreedInsideReceives);

    interface Scenario {
        void run() throws Exception;
    }

    private CrashScenarios() {
    }

    public static void main(String[] args) throws Exception {
        SCENARIOS.get(args[0]).run();
        System.out.println("survived");
    }

    /** Prints what {@code call} threw, or "no exception". */
    private static void expectRefusal(String what, Supplier<?> call) {
        try {
            call.get();
            System.out.println(what + ": no exception");
        } catch (RuntimeException e) {
            System.out.println(what + ": " + e.getClass().getSimpleName()
                    + (e instanceof ZmqException z ? " " + z.errno() : "") + ": " + e.getMessage());
        }
    }

    /**
     * A zero-copy frame over inproc is freed inside the receiver's zmq_recv, which then calls
     * back into Java; had that receive been a critical call, as the first tries of sends and
     * receives are until a buffer is lent, the upcall would abort the JVM. The first buffer is
     * lent while another thread is in the middle of a stream of byte[] receives (the lend waits
     * for the one in flight); the lent frames queue on a second pair, between byte[] frames,
     * and are received without a wait, so every receive there is a first try.
     */
    private static void zeroCopyFreedInsideReceives() throws Exception {
        try (Context context = new Context()) {
            Socket push = context.socket(SocketType.PUSH);
            Socket pull = context.socket(SocketType.PULL);
            Socket lender = context.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 0);
            Socket borrower = context.socket(SocketType.PULL).set(SocketOption.RCVHWM, 0);
            pull.bind("inproc://stream");
            push.connect("inproc://stream");
            borrower.bind("inproc://zero-copy");
            lender.connect("inproc://zero-copy");
            int plain = 200_000;
            int lent = 1_000;
            AtomicInteger released = new AtomicInteger();
            CompletableFuture<Integer> streamed = receiveOnThread(pull, plain);
            byte[] eight = new byte[8];
            MemorySegment data = Arena.global().allocate(8);
            for (int i = 0; i < plain; i++) {
                push.send(eight);
                if (i == plain / 2) {
                    for (int j = 0; j < lent; j++) {
                        try (Message message = Message.wrap(data, segment -> released.incrementAndGet())) {
                            lender.send(eight);
                            lender.send(message);
                        }
                    }
                }
            }
            System.out.println("streamed " + streamed.get(60, TimeUnit.SECONDS));
            System.out.println("received " + receiveOnThread(borrower, 2 * lent).get(60, TimeUnit.SECONDS)
                    + ", released " + released.get());
        }
    }

    /** Receives {@code count} 8-byte frames into one array on a new thread; completes with how many came. */
    private static CompletableFuture<Integer> receiveOnThread(Socket pull, int count) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                byte[] frame = new byte[16];
                int got = 0;
                for (int i = 0; i < count; i++) {
                    got += pull.receive(frame) == 8 ? 1 : 0;
                }
                done.complete(got);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** libzmq wrote a received frame into pages mapped read-only: SIGSEGV. */
    private static void readOnlyMappedReceive() throws IOException {
        Path file = Files.createTempFile("zmq-ffm-ro", ".bin");
        Files.write(file, new byte[4_096]);
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL).bind("inproc://ro");
             Socket push = ctx.socket(SocketType.PUSH).connect("inproc://ro");
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             Arena arena = Arena.ofConfined()) {
            MemorySegment readOnly = channel.map(FileChannel.MapMode.READ_ONLY, 0, 4_096, arena);
            push.send("hello");
            expectRefusal("receive", () -> pull.receive(readOnly));
            expectRefusal("tryReceive", () -> pull.tryReceive(readOnly));
            System.out.println("then received " + pull.receiveString());
        } finally {
            Files.delete(file);
        }
    }

    /** "Assertion failed: ok (src/ctx.cpp:809)" at the context's end. */
    private static void conflateConnectBeforeBind() {
        try (Context ctx = new Context()) {
            Socket sub = ctx.socket(SocketType.SUB).set(SocketOption.CONFLATE, true);
            expectRefusal("connect", () -> sub.connect("inproc://later"));
            sub.close();
            Socket pub = ctx.socket(SocketType.PUB).bind("inproc://later");
            Socket late = ctx.socket(SocketType.SUB).set(SocketOption.CONFLATE, true).connect("inproc://later");
            System.out.println("after bind: connected " + !late.isClosed());
            pub.close();
        }
    }

    /** "Assertion failed: s (src/ctx.cpp:169)": zmq_ctx_term found no socket slot to resolve a pending connect. */
    private static void socketLimitWithPendingConnect() {
        try (Context ctx = new Context().set(ContextOption.MAX_SOCKETS, 3)) {
            List<Socket> sockets = new ArrayList<>();
            sockets.add(ctx.socket(SocketType.PUSH).connect("inproc://never-bound"));
            expectRefusal("fill the context", () -> {
                while (true) {
                    sockets.add(ctx.socket(SocketType.PUSH));
                }
            });
            System.out.println("sockets: " + sockets.size());
            sockets.forEach(Socket::close);
        }
        try (Context ctx = new Context().set(ContextOption.MAX_SOCKETS, 2)) {
            Socket a = ctx.socket(SocketType.PUSH);
            Socket b = ctx.socket(SocketType.PUSH);
            expectRefusal("connect with no slot left", () -> a.connect("inproc://never-bound"));
            a.close();
            b.close();
        }
    }

    /** "Assertion failed: written (src/pipe.cpp:87)": a PAIR with a peer rejects a parked ROUTER's pipe. */
    private static void incompatibleInprocPeers() {
        try (Context ctx = new Context()) {
            Socket pair = ctx.socket(SocketType.PAIR).bind("inproc://first");
            ctx.socket(SocketType.PAIR).connect("inproc://first");
            ctx.socket(SocketType.ROUTER).connect("inproc://second");
            expectRefusal("PAIR binds where a ROUTER waits", () -> pair.bind("inproc://second"));
            ctx.socket(SocketType.PUSH).bind("inproc://third");
            expectRefusal("SUB connects to a PUSH", () -> ctx.socket(SocketType.SUB).connect("inproc://third"));
            ctx.socket(SocketType.PULL).connect("inproc://third");
            System.out.println("PULL connected to the PUSH");
        }
    }

    /**
     * SIGSEGV: SNDHWM set on a socket whose peer has gone, while the socket still holds the
     * pipe whose other end libzmq has freed. The pauses give libzmq's reaper time to get there;
     * they only make the crash likely without the guard, the guard does not depend on them.
     */
    private static void highWaterMarkAfterPeerLeft() {
        try (Context ctx = new Context()) {
            for (int i = 0; i < 20; i++) {
                Socket pull = ctx.socket(SocketType.PULL).bind("inproc://hwm-" + i);
                Socket push = ctx.socket(SocketType.PUSH).connect("inproc://hwm-" + i);
                pull.get(SocketOption.EVENTS);
                push.close();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                pull.get(SocketOption.EVENTS);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                try {
                    pull.set(SocketOption.SNDHWM, 5);
                    System.out.println("SNDHWM set");
                } catch (IllegalStateException e) {
                    if (i == 0) {
                        System.out.println("SNDHWM: " + e.getMessage());
                    }
                }
                pull.close();
            }
            expectRefusal("XPUB_MANUAL", () -> ctx.socket(SocketType.XPUB).set(SocketOption.XPUB_MANUAL, true));
        }
    }

    /** "No route to host (src/rep.cpp:91)": a REP with ROUTER_MANDATORY receives a request whose sender has gone. */
    private static void routerOptionOnRep() {
        try (Context ctx = new Context()) {
            Socket rep = ctx.socket(SocketType.REP).set(SocketOption.RCVTIMEO, 1_000);
            expectRefusal("ROUTER_MANDATORY on REP", () -> rep.set(SocketOption.ROUTER_MANDATORY, true));
            rep.bind("inproc://rep");
            Socket req = ctx.socket(SocketType.REQ).connect("inproc://rep");
            req.send("request of a client that leaves");
            req.close();
            System.out.println("REP received: " + rep.receiveString());
            ctx.socket(SocketType.ROUTER).set(SocketOption.ROUTER_MANDATORY, true);
            System.out.println("ROUTER_MANDATORY on ROUTER: ok");
        }
    }

    /**
     * "Assertion failed: written (src/pipe.cpp:87)" at a bind of a name a ROUTER left before
     * anything bound it: by {@code disconnect}, or by {@code unbind}, which libzmq 4.3 also applies
     * to the connections a socket made to the name.
     */
    private static void routerDisconnectBeforeBind() {
        routerLeavesBeforeBind("disconnect", router -> router.disconnect("inproc://named"));
        routerLeavesBeforeBind("unbind", router -> router.unbind("inproc://named"));
    }

    private static void routerLeavesBeforeBind(String verb, Consumer<Socket> leave) {
        try (Context ctx = new Context()) {
            Socket router = ctx.socket(SocketType.ROUTER).connect("inproc://named");
            leave.accept(router);
            router.get(SocketOption.EVENTS);
            Socket pull = ctx.socket(SocketType.PULL);
            expectRefusal(verb + ", then bind while the ROUTER is open", () -> pull.bind("inproc://named"));
            router.close();
            pull.bind("inproc://named");
            System.out.println(verb + ", then bound after the ROUTER closed");
        }
        try (Context ctx = new Context()) {
            Socket router = ctx.socket(SocketType.ROUTER).connect("inproc://named");
            leave.accept(router);
            router.get(SocketOption.EVENTS);
            System.out.println(verb + ", then closing the context with the ROUTER open");
        }
    }
}
