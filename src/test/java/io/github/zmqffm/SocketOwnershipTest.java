package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sockets belong to their context (ZeroMQ's rule): the garbage collector never closes a socket
 * whose context lives, a LINGER the program set is honoured when the context closes, and once a
 * context terminates every call on its sockets answers ETERM, except setting LINGER and closing.
 */
@Timeout(120)
class SocketOwnershipTest {
    private static final int TASKS = 10;

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /** Collects garbage until {@code condition} holds, for at most ten seconds. */
    private static void collectUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("never happened: " + what);
            }
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    // ---------------------------------------------------------------- the garbage collector

    /**
     * The program: a PUSH the program stops referring to, its tasks queued for a peer
     * that comes up later. Its context keeps it, so the peer gets every task.
     */
    @ParameterizedTest(name = "collector forced: {0}")
    @ValueSource(booleans = {true, false})
    void aSocketLeftToItsContextKeepsItsQueueForALatePeer(boolean forceCollection) {
        String endpoint = Transport.TCP.freshEndpoint();
        try (Context lateContext = new Context();
             Context context = new Context()) {
            WeakReference<Socket> push = queueTasks(context, endpoint);
            if (forceCollection) {
                for (int i = 0; i < 10; i++) {
                    System.gc();
                }
            }
            assertNotNull(push.get(), "the context let go of a socket it made");
            try (Socket pull = lateContext.socket(SocketType.PULL).bind(endpoint)) {
                for (int i = 0; i < TASKS; i++) {
                    assertEquals("task " + i, pull.receiveString(Duration.ofSeconds(10)), "task " + i + " was lost");
                }
            }
        }
    }

    private static WeakReference<Socket> queueTasks(Context context, String endpoint) {
        Socket push = context.socket(SocketType.PUSH);   // owned by the context, as in the guide
        push.connect(endpoint);
        for (int i = 0; i < TASKS; i++) {
            push.send("task " + i);
        }
        return new WeakReference<>(push);
    }

    /** The reverse holds too: a program that keeps only its sockets keeps their context. */
    @Test
    void socketsKeepTheirContextReachable() {
        Kept kept = socketsOfAContextNobodyHolds();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertNotNull(kept.context().get(), "the context of reachable sockets was collected");
        try (Context context = kept.context().get()) {
            kept.push().send("still open");
            assertEquals("still open", kept.pull().receiveString(Duration.ofSeconds(10)));
            assertFalse(context.isClosed());
        }
    }

    private record Kept(Socket pull, Socket push, WeakReference<Context> context) {
    }

    private static Kept socketsOfAContextNobodyHolds() {
        Context context = new Context();
        Socket pull = context.socket(SocketType.PULL).bind("inproc://kept-by-its-sockets");
        Socket push = context.socket(SocketType.PUSH).connect("inproc://kept-by-its-sockets");
        return new Kept(pull, push, new WeakReference<>(context));
    }

    @Test
    void anUnreachableContextIsTerminatedWithItsSocketsAndReported() {
        try (LeakReports reports = new LeakReports();
             Socket pull = zmq.socket(SocketType.PULL).bind("tcp://127.0.0.1:*");
             Monitor monitor = pull.monitor(EnumSet.of(MonitorEvent.Type.ACCEPTED, MonitorEvent.Type.DISCONNECTED))) {
            WeakReference<Context> dropped = dropContextWithPush(pull.lastEndpoint());
            assertEquals(MonitorEvent.Type.ACCEPTED, monitor.receive(Duration.ofSeconds(10)).type());
            assertEquals("from a context nobody closes", pull.receiveString(Duration.ofSeconds(10)));
            collectUntil(() -> dropped.get() == null, "the dropped context collected");
            MonitorEvent gone = monitor.receive(Duration.ofSeconds(10));
            assertNotNull(gone, "the dropped context's PUSH was never closed");
            assertEquals(MonitorEvent.Type.DISCONNECTED, gone.type());
            collectUntil(() -> reports.contains("a Context was not closed"), "the report");
            assertTrue(reports.contains("the garbage collector terminated it and closed its 1 open socket: PUSH socket "
                    + "(connected " + pull.lastEndpoint()), reports.messages().toString());
        }
    }

    private static WeakReference<Context> dropContextWithPush(String endpoint) {
        Context context = new Context();
        context.socket(SocketType.PUSH).connect(endpoint).send("from a context nobody closes");
        return new WeakReference<>(context);
    }

    // ---------------------------------------------------------------- LINGER at the context's close

    /**
     * The guide's syncpub: a PUB with LINGER 5000 left to its context, many updates, then END;
     * the context's close delivers END to every subscriber.
     */
    @Test
    void theContextsCloseHonoursTheLingerTheProgramSet() throws Exception {
        int updates = 100_000;
        int subscribers = 3;
        try (Context subscriberContext = new Context()) {
            Context publisherContext = new Context();
            Socket publisher = publisherContext.socket(SocketType.PUB);
            publisher.set(SocketOption.LINGER, 5000).set(SocketOption.SNDHWM, 0);
            publisher.bind("tcp://127.0.0.1:*");
            List<CompletableFuture<Integer>> received = new ArrayList<>();
            List<Socket> subs = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                Socket sub = subscriberContext.socket(SocketType.SUB).set(SocketOption.RCVHWM, 0);
                subs.add(sub.subscribe("").connect(publisher.lastEndpoint()));
            }
            ZmqFixtures.awaitSubscription(publisher, "", subs.toArray(Socket[]::new));
            for (Socket sub : subs) {
                received.add(CompletableFuture.supplyAsync(() -> countUntilEnd(sub), Thread::startVirtualThread));
            }
            for (int i = 0; i < updates; i++) {
                publisher.send("Rhubarb");
            }
            publisher.send("END");
            publisherContext.close();   // the socket is left to the context, as syncpub does
            for (CompletableFuture<Integer> count : received) {
                assertTrue(count.get(60, TimeUnit.SECONDS) >= updates, "updates lost before END");
            }
        }
    }

    private static int countUntilEnd(Socket sub) {
        int count = 0;
        while (true) {
            String update = sub.receiveString(Duration.ofSeconds(30));
            if (update == null) {
                throw new AssertionError("END never came; " + count + " updates");
            }
            if (update.equals("END")) {
                return count;
            }
            if (!update.startsWith("ready")) {
                count++;
            }
        }
    }

    @Test
    void aBoundedCloseCutsALingerAndReportsIt() {
        try (LeakReports reports = new LeakReports()) {
            Context context = new Context();
            Socket push = context.socket(SocketType.PUSH);
            push.set(SocketOption.LINGER, 600_000).connect(Transport.TCP.freshEndpoint());
            push.send("never delivered");
            context.close(Duration.ofMillis(200));
            assertTrue(context.isClosed());
            assertTrue(reports.contains("Context.close(PT0.2S): closed PUSH socket"), reports.messages().toString());
            assertTrue(reports.contains("was cut from 600000 ms to"), reports.messages().toString());
        }
    }

    // ---------------------------------------------------------------- one answer once terminated

    /** Every call a thread makes after its socket's context closed, and what it must answer. */
    private static final Map<String, Consumer<Socket>> CALLS = Map.ofEntries(
            Map.entry("send", s -> s.send("x")),
            Map.entry("trySend", s -> s.trySend("x")),
            Map.entry("sendMore with a timeout", s -> s.send(new byte[1], true, Duration.ofSeconds(1))),
            Map.entry("send a buffer", s -> s.send(ByteBuffer.allocate(1))),
            Map.entry("send a message", s -> s.send(Message.of("x"))),
            Map.entry("sendMultipart", s -> s.sendMultipart(List.of(new byte[1]))),
            Map.entry("receive", Socket::receive),
            Map.entry("tryReceive", Socket::tryReceive),
            Map.entry("receive with a timeout", s -> s.receive(Duration.ofSeconds(1))),
            Map.entry("receive into an array", s -> s.receive(new byte[8])),
            Map.entry("receive a message", s -> s.receive(new Message())),
            Map.entry("receiveMultipart", Socket::receiveMultipart),
            Map.entry("bind", s -> s.bind("inproc://after-termination")),
            Map.entry("connect", s -> s.connect("tcp://127.0.0.1:5555")),
            Map.entry("unbind", s -> s.unbind("inproc://after-termination")),
            Map.entry("set", s -> s.set(SocketOption.SNDTIMEO, 5)),
            Map.entry("get", s -> s.get(SocketOption.TYPE)),
            Map.entry("lastEndpoint", Socket::lastEndpoint),
            Map.entry("hasMore", Socket::hasMore),
            Map.entry("monitor", Socket::monitor),
            Map.entry("transferTo", s -> s.transferTo(Thread.currentThread())),
            Map.entry("poll", s -> {
                try (Poller poller = new Poller()) {
                    poller.register(s, PollEvent.IN);
                    poller.poll(Duration.ofSeconds(1));
                }
            }));

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL",
            "PUSH", "XPUB", "XSUB", "STREAM"})
    void everyCallAfterTheContextClosedAnswersEtermButLingerAndClose(SocketType type) throws Exception {
        Context context = new Context();
        Socket socket = context.socket(type);
        context.close();
        // The calls come from a thread that was not blocked when the context closed.
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            for (Map.Entry<String, Consumer<Socket>> call : CALLS.entrySet()) {
                ContextTerminatedException e = assertThrows(ContextTerminatedException.class,
                        () -> call.getValue().accept(socket), call.getKey() + " on a " + type);
                assertEquals(Errno.ETERM, e.errno());
            }
            socket.set(SocketOption.LINGER, 0);
            socket.close();
            socket.close();
            assertTrue(socket.isClosed());
        }, Thread::startVirtualThread);
        later.get(30, TimeUnit.SECONDS);
    }

    /** The guide's interrupt example: a worker blocked in receive, the context closed under it. */
    @Test
    void theGuidesEtermIdiomEndsCleanly() throws Exception {
        Context context = new Context();
        CompletableFuture<String> worker = new CompletableFuture<>();
        Socket rep = context.socket(SocketType.REP).bind("tcp://127.0.0.1:*");
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        rep.receive();
                    } catch (ZmqException e) {
                        if (e.errno() == Errno.ETERM) {
                            break;
                        }
                    }
                }
                rep.set(SocketOption.LINGER, 0);
                rep.close();
                worker.complete("clean exit");
            } catch (Throwable t) {
                worker.completeExceptionally(t);
            }
        });
        Blocking.awaitTrue(() -> Blocking.isBlockedIn(rep), "the worker blocked in receive");
        context.close();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals("clean exit", worker.get(10, TimeUnit.SECONDS));
    }

    @Test
    void duringABoundedCloseTheOwnersCallsAnswerEtermAndItsCloseIsTheirs() throws Exception {
        Context context = new Context();
        CompletableFuture<Socket> made = new CompletableFuture<>();
        CompletableFuture<Throwable> afterwards = new CompletableFuture<>();
        Thread owner = Thread.ofPlatform().start(() -> {
            Socket s = context.socket(SocketType.PULL).bind("inproc://owned");
            made.complete(s);
            Throwable first = null;
            while (first == null) {
                try {
                    s.receive(Duration.ofMillis(50));
                } catch (ContextTerminatedException e) {
                    first = e;
                }
            }
            try {
                s.set(SocketOption.LINGER, 0);
                s.close();
                afterwards.complete(first);
            } catch (Throwable t) {
                afterwards.complete(t);
            }
        });
        made.get(10, TimeUnit.SECONDS);
        try (LeakReports reports = new LeakReports()) {
            context.close(Duration.ofSeconds(30));
            assertInstanceOf(ContextTerminatedException.class, afterwards.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), reports.messages(), "the owner closed its socket itself");
        }
        owner.join();
    }
}
