package io.github.zmqffm;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ZeroMQ shutdown protocol, over and over: threads blocked in a receive, a send, a timed
 * receive and a poll on sockets they own; another thread closes the context. Every blocked call
 * must end with {@link ContextTerminatedException}, each thread then closes its socket, and the
 * close must return, within a generous bound, every time. Odd repetitions use
 * {@link Context#close()}, even ones {@link Context#close(Duration)}, which waits for the
 * owners to close their sockets.
 */
class ContextTerminationTest {
    private static final Duration BOUND = ContextFixture.CLOSE_LIMIT;

    /** A thread that makes a socket of its own and blocks on it until the context closes. */
    private static final class Worker {
        final CompletableFuture<Socket> socket = new CompletableFuture<>();
        final CompletableFuture<Throwable> outcome = new CompletableFuture<>();

        Worker(Context context, String name, SocketType type, Function<Socket, Object> blockingCall) {
            Thread.ofPlatform().daemon().name(name).start(() -> {
                // try-with-resources: on ContextTerminatedException the owner closes its socket.
                try (Socket s = context.socket(type)) {
                    socket.complete(s);
                    blockingCall.apply(s);
                    outcome.complete(null);
                } catch (Throwable t) {
                    socket.completeExceptionally(t);
                    outcome.complete(t);
                }
            });
        }
    }

    @RepeatedTest(100)
    @Timeout(60)
    void everyBlockedThreadWakesWithContextTerminatedException(RepetitionInfo repetition) throws Exception {
        Context context = new Context();
        String name = "inproc://termination-" + repetition.getCurrentRepetition();
        List<Worker> workers = List.of(
                new Worker(context, "receiver", SocketType.PULL, s -> s.bind(name).receive()),
                new Worker(context, "sender", SocketType.PUSH, s -> s.send("nobody takes this")),
                new Worker(context, "timed receiver", SocketType.DEALER, s -> s.receive(Duration.ofMinutes(10))),
                new Worker(context, "poller", SocketType.SUB, s -> {
                    try (Poller p = new Poller()) {
                        p.register(s, PollEvent.IN);
                        return p.poll();
                    }
                }));
        for (Worker worker : workers) {
            Socket socket = ZmqFixtures.valueOf(worker.socket);
            Blocking.awaitTrue(() -> Blocking.isBlockedIn(socket) || worker.outcome.isDone(), "a blocked call");
        }

        boolean bounded = repetition.getCurrentRepetition() % 2 == 0;
        try (LeakReports reports = new LeakReports()) {
            ContextFixture.closeWithin(bounded ? () -> context.close(BOUND) : context, BOUND);
            if (bounded) {
                assertEquals(List.of(), reports.messages(), "close(Duration) left every socket to its owner");
            }
        }

        for (Worker worker : workers) {
            Throwable woken = ZmqFixtures.valueOf(worker.outcome);
            assertInstanceOf(ContextTerminatedException.class, woken, () -> "woken with " + woken);
            assertEquals(Errno.ETERM, ((ZmqException) woken).errno());
            Socket socket = ZmqFixtures.valueOf(worker.socket);
            assertTrue(socket.isClosed());
        }
        assertTrue(context.isClosed());
    }
}
