package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The interrupt contract and the Duration variants of send and receive. */
@Timeout(30)
class InterruptAndDeadlineTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static final AtomicLong NAMES = new AtomicLong();


    private String endpoint() {
        return "inproc://deadline-" + NAMES.incrementAndGet();
    }

    /** Runs {@code blocked} on a thread, interrupts it once it waits on {@code socket}, checks the contract. */
    private void assertInterruptible(Socket socket, Blocking.ThrowingRunnable blocked) throws Exception {
        AtomicBoolean statusKept = new AtomicBoolean();
        Blocking.Call call = Blocking.start("blocked", () -> {
            try {
                blocked.run();
            } finally {
                statusKept.set(Thread.interrupted());
            }
        });
        Blocking.awaitBlocked(socket, call);
        call.thread.interrupt();
        Throwable t = call.outcome();
        assertInstanceOf(ZmqInterruptedException.class, t, String.valueOf(t));
        assertEquals(Errno.EINTR, ((ZmqException) t).errno());
        call.thread.join();
        assertTrue(statusKept.get(), "the interrupt status must be left set");
        assertFalse(socket.isClosed());
    }

    @Test
    void interruptedReceiveLeavesTheSocketUsable() throws Exception {
        String ep = endpoint();
        try (Socket pull = zmq.context().socket(SocketType.PULL).bind(ep); Socket push = zmq.context().socket(SocketType.PUSH).connect(ep)) {
            assertInterruptible(pull, pull::receive);
            assertInterruptible(pull, () -> pull.receive(Duration.ofSeconds(60)));
            push.send("after");
            assertEquals("after", pull.receiveString(Duration.ofSeconds(5)));
        }
    }

    @Test
    void interruptedSendOnAMutePushLeavesTheSocketUsable() throws Exception {
        String ep = endpoint();
        try (Socket push = zmq.context().socket(SocketType.PUSH)) {
            push.set(SocketOption.SNDHWM, 1);
            // Neither bound nor connected: a PUSH socket is mute, so a send must wait.
            assertInterruptible(push, () -> push.send("blocked"));
            assertInterruptible(push, () -> push.send("blocked".getBytes(), false, Duration.ofSeconds(60)));
            push.bind(ep);
            try (Socket pull = zmq.context().socket(SocketType.PULL).connect(ep)) {
                assertTrue(push.send("after", false, Duration.ofSeconds(5)));
                assertEquals("after", pull.receiveString(Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void interruptedPollLeavesTheSocketUsable() throws Exception {
        String ep = endpoint();
        try (Socket pull = zmq.context().socket(SocketType.PULL).bind(ep); Socket push = zmq.context().socket(SocketType.PUSH).connect(ep);
             Poller poller = new Poller()) {
            poller.register(pull, PollEvent.IN);
            assertInterruptible(pull, poller::poll);
            push.send("after");
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertEquals("after", pull.receiveString());
        }
    }

    @Test
    void aQueuedMessageIsReturnedEvenWhileInterrupted() {
        String ep = endpoint();
        try (Socket pull = zmq.context().socket(SocketType.PULL).bind(ep); Socket push = zmq.context().socket(SocketType.PUSH).connect(ep)) {
            push.send("warm-up");
            assertEquals("warm-up", pull.receiveString(Duration.ofSeconds(5)));
            // Over inproc a sent frame is receivable as soon as send returns.
            push.send("queued");
            Thread.currentThread().interrupt();
            try {
                assertEquals("queued", pull.receiveString(Duration.ofSeconds(5)), "no wait, so no interrupt");
                assertThrows(ZmqInterruptedException.class, () -> pull.receive(Duration.ofSeconds(5)));
                assertThrows(ZmqInterruptedException.class, pull::receive);
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void receiveWithATimeoutReturnsNullNotBeforeTheDeadline() {
        String ep = endpoint();
        try (Socket pull = zmq.context().socket(SocketType.PULL).bind(ep)) {
            assertNull(pull.receive(Duration.ZERO));
            long start = System.nanoTime();
            assertNull(pull.receive(Duration.ofMillis(120)));
            assertTrue(System.nanoTime() - start >= 120_000_000L, "returned before the deadline");
            assertEquals(-1, pull.receive(new byte[8], Duration.ofMillis(10)));
            assertNull(pull.receiveString(Duration.ofNanos(1)));
            assertThrows(IllegalArgumentException.class, () -> pull.receive(Duration.ofMillis(-5)));
        }
    }

    @Test
    void theDurationVariantsIgnoreRcvtimeoAndSndtimeo() throws Exception {
        String ep = endpoint();
        try (Socket pull = zmq.context().socket(SocketType.PULL); Socket push = zmq.context().socket(SocketType.PUSH).bind(ep)) {
            pull.set(SocketOption.RCVTIMEO, 0);
            push.set(SocketOption.SNDTIMEO, 0);
            Blocking.Call sender = Blocking.start("sender", () -> assertTrue(push.send("late", false, Duration.ofSeconds(20))));
            Blocking.awaitBlocked(push, sender);
            pull.connect(ep);
            assertEquals("late", pull.receiveString(Duration.ofSeconds(20)));
            assertNull(sender.outcome());
        }
    }

    @Test
    void sendWithATimeoutReturnsFalseWhenMute() {
        try (Socket push = zmq.context().socket(SocketType.PUSH)) {
            long start = System.nanoTime();
            assertFalse(push.send("nobody", false, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= 100_000_000L, "gave up before the deadline");
            assertFalse(push.send("nobody".getBytes(), false, Duration.ZERO));
        }
    }

    @Test
    void receiveIntoAnArrayWithATimeoutReportsTheFullSize() {
        String ep = endpoint();
        try (Socket pull = zmq.context().socket(SocketType.PULL).bind(ep); Socket push = zmq.context().socket(SocketType.PUSH).connect(ep)) {
            push.send("0123456789");
            byte[] buffer = new byte[4];
            assertEquals(10, pull.receive(buffer, Duration.ofSeconds(5)));
            assertArrayEquals("0123".getBytes(), buffer);
        }
    }

    @Test
    void closeFromAnotherThreadWakesATimedReceive() throws Exception {
        Socket pull = zmq.context().socket(SocketType.PULL).bind(endpoint());
        Blocking.Call call = Blocking.start("receiver", () -> pull.receive(Duration.ofSeconds(60)));
        Blocking.awaitBlocked(pull, call);
        pull.close();
        assertInstanceOf(IllegalStateException.class, call.outcome());
    }

    @Test
    void contextCloseWakesATimedSend() throws Exception {
        Socket push = zmq.context().socket(SocketType.PUSH);
        Blocking.Call call = Blocking.start("sender", () -> push.send("x", false, Duration.ofSeconds(60)));
        Blocking.awaitBlocked(push, call);
        zmq.context().close();
        assertInstanceOf(ContextTerminatedException.class, call.outcome());
    }
}
