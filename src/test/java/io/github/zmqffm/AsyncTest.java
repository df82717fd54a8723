package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.github.zmqffm.ZmqFixtures.failureOf;
import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static io.github.zmqffm.ZmqFixtures.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CompletableFuture bridges: {@code receiveAsync}, {@code receiveMultipartAsync},
 * {@code sendAsync} and {@code sendMultipartAsync}. Pending operations complete in the order
 * they were asked for, sends and receives alike; a cancel withdraws an operation and loses
 * nothing; close and context close fail what is pending; blocking calls are refused meanwhile;
 * futures complete on a virtual thread, never on the reactor's; one reactor serves many sockets;
 * multipart goes all or none.
 */
@Timeout(60)
class AsyncTest {
    private static final AtomicLong NAMES = new AtomicLong();
    private static final Duration LONG = Duration.ofSeconds(10);

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /** A bound PULL socket and a PUSH socket connected to it: {@code [push, pull]}. */
    private Socket[] pushPull() {
        String ep = "inproc://async-" + NAMES.incrementAndGet();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep);
        return new Socket[] {zmq.socket(SocketType.PUSH).connect(ep), pull};
    }

    private static String joined(List<byte[]> frames) {
        return frames.stream().map(ZmqFixtures::text).collect(Collectors.joining("+"));
    }

    @Test
    void pendingReceivesCompleteInOrderOneFrameEach() {
        Socket[] s = pushPull();
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        List<Integer> completed = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int index = i;
            futures.add(s[1].receiveAsync().whenComplete((frame, failure) -> completed.add(index)));
        }
        assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "nothing was sent yet");
        for (int i = 0; i < 5; i++) {
            s[0].send("frame " + i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("frame " + i, text(valueOf(futures.get(i))));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), completed, "completions run in order");
    }

    @Test
    void pendingSendsGoInOrderOnceAPeerConnects() {
        String ep = "inproc://async-" + NAMES.incrementAndGet();
        Socket push = zmq.socket(SocketType.PUSH).bind(ep);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(push.sendAsync(utf8("frame " + i)));
        }
        assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "a PUSH without a peer is mute");
        Socket pull = zmq.socket(SocketType.PULL).connect(ep);
        futures.forEach(ZmqFixtures::valueOf);
        for (int i = 0; i < 5; i++) {
            assertEquals("frame " + i, pull.receiveString(LONG));
        }
    }

    /**
     * The order holds across sends and receives: a send asked for after a pending receive waits
     * for that receive, as the rule says (so a DEALER that must send first asks for the send first).
     */
    @Test
    void aSendAskedAfterAPendingReceiveWaitsForIt() {
        String ep = "inproc://async-" + NAMES.incrementAndGet();
        Socket router = zmq.socket(SocketType.ROUTER).bind(ep);
        Socket dealer = zmq.socket(SocketType.DEALER).set(SocketOption.ROUTING_ID, utf8("dealer")).connect(ep);
        CompletableFuture<byte[]> reply = dealer.receiveAsync();
        CompletableFuture<Void> request = dealer.sendAsync(utf8("request"));
        assertNull(router.receiveMultipart(Duration.ofMillis(50)), "the send waits behind the receive");
        assertFalse(request.isDone());
        router.sendMultipart(List.of(utf8("dealer"), utf8("first")));
        assertEquals("first", text(valueOf(reply)));
        valueOf(request);
        assertEquals("dealer+request", joined(router.receiveMultipart(LONG)));
    }

    @Test
    void aCancelledReceiveLosesNoFrame() {
        Socket[] s = pushPull();
        CompletableFuture<byte[]> cancelled = s[1].receiveAsync();
        CompletableFuture<byte[]> next = s[1].receiveAsync();
        assertTrue(cancelled.cancel(false));
        assertTrue(cancelled.isCancelled());
        s[0].send("one");
        assertEquals("one", text(valueOf(next)), "the frame went to the next receive");

        CompletableFuture<byte[]> withdrawn = s[1].receiveAsync();
        assertTrue(withdrawn.cancel(true));
        s[0].send("two");
        assertEquals("two", s[1].receiveString(LONG), "with nothing pending, blocking calls work again");

        s[0].send("three");
        CompletableFuture<byte[]> done = s[1].receiveAsync();
        assertEquals("three", text(valueOf(done)));
        assertFalse(done.cancel(false), "too late to cancel");
    }

    @Test
    void aCancelledMultipartReceiveLosesNoMessage() {
        Socket[] s = pushPull();
        CompletableFuture<List<byte[]>> cancelled = s[1].receiveMultipartAsync();
        assertTrue(cancelled.cancel(false));
        s[0].sendMultipart(List.of(utf8("one"), utf8("two")));
        assertEquals("one+two", joined(s[1].receiveMultipart(LONG)),
                "with nothing pending, the blocking receive takes the message");
    }

    @Test
    void aCancelledSendSendsNothing() {
        String ep = "inproc://async-" + NAMES.incrementAndGet();
        Socket push = zmq.socket(SocketType.PUSH).bind(ep);
        CompletableFuture<Void> cancelled = push.sendMultipartAsync(List.of(utf8("never"), utf8("sent")));
        CompletableFuture<Void> kept = push.sendAsync(utf8("kept"));
        assertTrue(cancelled.cancel(false));
        Socket pull = zmq.socket(SocketType.PULL).connect(ep);
        valueOf(kept);
        assertEquals("kept", pull.receiveString(LONG));
        assertNull(pull.receive(Duration.ofMillis(50)), "no frame of the cancelled message");
    }

    @Test
    void closeFailsPendingFuturesWithIllegalStateException() {
        Socket[] s = pushPull();
        CompletableFuture<byte[]> first = s[1].receiveAsync();
        CompletableFuture<List<byte[]>> second = s[1].receiveMultipartAsync();
        Socket mute = zmq.socket(SocketType.PUSH);
        CompletableFuture<Void> send = mute.sendAsync(utf8("x"));
        s[1].close();
        mute.close();
        for (CompletableFuture<?> f : List.of(first, second, send)) {
            Throwable t = failureOf(f);
            assertInstanceOf(IllegalStateException.class, t, String.valueOf(t));
            assertTrue(t.getMessage().contains("closed"), t.getMessage());
        }
        assertThrows(IllegalStateException.class, s[1]::receiveAsync, "a closed socket refuses at once");
    }

    @Test
    void aContextCloseFailsPendingFuturesWithContextTerminatedException() {
        Context ctx = zmq.newContext();
        Socket pull = ctx.socket(SocketType.PULL).bind("inproc://async-" + NAMES.incrementAndGet());
        Socket mute = ctx.socket(SocketType.PUSH);
        List<CompletableFuture<?>> pending = List.of(pull.receiveAsync(), pull.receiveMultipartAsync(),
                mute.sendAsync(utf8("x")), mute.sendMultipartAsync(List.of(utf8("y"))));
        ctx.close();
        for (CompletableFuture<?> f : pending) {
            assertInstanceOf(ContextTerminatedException.class, failureOf(f));
        }
    }

    @Test
    void blockingCallsAreRefusedWhileAsyncOperationsArePending() {
        Socket[] s = pushPull();
        CompletableFuture<byte[]> pending = s[1].receiveAsync();
        IllegalStateException e = assertThrows(IllegalStateException.class, s[1]::receive);
        assertTrue(e.getMessage().contains("asynchronous operations pending"), e.getMessage());
        assertThrows(IllegalStateException.class, s[1]::tryReceive);
        assertThrows(IllegalStateException.class, () -> s[1].receiveMultipart(Duration.ZERO));
        try (Poller poller = new Poller()) {
            poller.register(s[1], PollEvent.IN);
            IllegalStateException p = assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
            assertTrue(p.getMessage().contains("asynchronous operations pending"), p.getMessage());
        }
        assertEquals(SocketType.PULL, s[1].get(SocketOption.TYPE), "options stay usable");
        s[0].send("done");
        assertEquals("done", text(valueOf(pending)));
        s[0].send("blocking");
        assertEquals("blocking", s[1].receiveString(LONG), "nothing pending: allowed again");
    }

    @Test
    void futuresCompleteOnAVirtualThreadWhoseActionsMayBlock() {
        Socket[] a = pushPull();
        Socket[] b = pushPull();
        AtomicReference<Thread> completer = new AtomicReference<>();
        CompletableFuture<String> blocked = a[1].receiveAsync()
                .thenApply(frame -> {
                    completer.set(Thread.currentThread());
                    return b[1].receiveString(LONG);  // blocks this socket's completions only
                });
        a[0].send("wake");
        CompletableFuture<byte[]> other = pushPullReceiveAsync();
        assertEquals("independent", text(valueOf(other)), "another socket's futures still complete");
        b[0].send("later");
        assertEquals("later", valueOf(blocked));
        assertTrue(completer.get().isVirtual(), completer.get().toString());
        assertNotSame(Thread.currentThread(), completer.get());
    }

    /**
     * A future completes only once the reactor's side has let go of the socket: whoever joined
     * it, or its dependent action, may use the socket at once (it was refused as "in use" in about
     * one case of twelve before).
     */
    @Test
    void aCompletedFutureLeavesTheSocketFreeForTheNextCall() {
        Socket[] s = pushPull();
        for (int i = 0; i < 2_000; i++) {
            CompletableFuture<byte[]> f = s[1].receiveAsync();
            s[0].send("round " + i);
            assertEquals("round " + i, text(valueOf(f)));
            assertNull(s[1].tryReceive(), "round " + i);
        }
        CompletableFuture<String> chained = s[1].receiveAsync().thenApply(first -> s[1].receiveString(LONG));
        s[0].send("first");
        s[0].send("second");
        assertEquals("second", valueOf(chained));
    }

    private CompletableFuture<byte[]> pushPullReceiveAsync() {
        Socket[] s = pushPull();
        CompletableFuture<byte[]> f = s[1].receiveAsync();
        s[0].send("independent");
        return f;
    }

    /** One reactor thread watches every socket with pending operations: 500 of them here. */
    @Test
    void oneReactorServesManySockets() {
        zmq.context().set(ContextOption.MAX_SOCKETS, 1_100);
        List<Socket[]> pairs = new ArrayList<>();
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Socket[] s = pushPull();
            pairs.add(s);
            futures.add(s[1].receiveAsync());
        }
        for (int i = pairs.size() - 1; i >= 0; i--) {
            pairs.get(i)[0].send("to " + i);
        }
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals("to " + i, text(valueOf(futures.get(i))));
        }
    }

    @Test
    void multipartGoesAllOrNone() {
        String ep = "inproc://async-" + NAMES.incrementAndGet();
        Socket push = zmq.socket(SocketType.PUSH).bind(ep);
        CompletableFuture<Void> three = push.sendMultipartAsync(List.of(utf8("a"), utf8("b"), utf8("c")));
        CompletableFuture<Void> one = push.sendAsync(utf8("d"));
        CompletableFuture<Void> two = push.sendMultipartAsync(List.of(utf8("e"), utf8("f")));
        Socket pull = zmq.socket(SocketType.PULL).connect(ep);
        CompletableFuture<List<byte[]>> first = pull.receiveMultipartAsync();
        CompletableFuture<List<byte[]>> second = pull.receiveMultipartAsync();
        CompletableFuture<List<byte[]>> third = pull.receiveMultipartAsync();
        List.of(three, one, two).forEach(ZmqFixtures::valueOf);
        assertEquals("a+b+c", joined(valueOf(first)));
        assertEquals("d", joined(valueOf(second)));
        assertEquals("e+f", joined(valueOf(third)));
        assertThrows(IllegalArgumentException.class, () -> push.sendMultipartAsync(List.of()));
    }

    /** A full queue takes a whole message later, not part of it now. */
    @Test
    void aMultipartSendWaitsForRoomForTheWholeMessage() {
        String ep = "inproc://async-" + NAMES.incrementAndGet();
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1).bind(ep);
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVHWM, 1).connect(ep);
        push.send("connected");
        assertEquals("connected", pull.receiveString(LONG));
        int queued = 0;
        // Reading EVENTS makes libzmq take in its pending commands, so a full queue is really full.
        while ((push.get(SocketOption.EVENTS) & PollEvent.OUT.mask()) != 0) {
            assertTrue(push.trySend("filler"));
            queued++;
        }
        CompletableFuture<Void> whole = push.sendMultipartAsync(List.of(utf8("x"), utf8("y"), utf8("z")));
        assertFalse(whole.isDone(), "no room");
        for (int i = 0; i < queued; i++) {
            assertEquals("filler", pull.receiveString(LONG));
        }
        valueOf(whole);
        assertEquals("x+y+z", joined(pull.receiveMultipart(LONG)));
    }
}
