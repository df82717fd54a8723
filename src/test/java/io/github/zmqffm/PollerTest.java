package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class PollerTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static final AtomicLong NAMES = new AtomicLong();

    private Pipe pipe;

    @BeforeEach
    void setUp() {
        pipe = new Pipe();
    }

    @AfterEach
    void tearDown() {
        pipe.close();
    }

    private Socket[] pushPull() {
        String endpoint = "inproc://poller-" + NAMES.incrementAndGet();
        Socket pull = zmq.context().socket(SocketType.PULL).bind(endpoint);
        Socket push = zmq.context().socket(SocketType.PUSH).connect(endpoint);
        return new Socket[] {push, pull};
    }

    @Test
    void reportsReadinessOfSocketsAndADescriptor() {
        Socket[] a = pushPull();
        Socket[] b = pushPull();
        try (Poller poller = new Poller()) {
            PollItem aItem = poller.register(a[1], PollEvent.IN);
            PollItem bItem = poller.register(b[1], EnumSet.of(PollEvent.IN));
            PollItem pipeItem = poller.registerFd(pipe.readFd, PollEvent.IN);
            assertEquals(3, poller.size());
            assertEquals(List.of(aItem, bItem, pipeItem), poller.items());

            assertEquals(0, poller.poll(Duration.ofMillis(20)), "nothing is ready yet");
            assertEquals(0, poller.poll(Duration.ZERO));

            b[0].send("to b");
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertFalse(poller.isReadable(a[1]));
            assertTrue(poller.isReadable(b[1]));
            assertTrue(bItem.isReadable());
            assertFalse(pipeItem.isReady(PollEvent.IN));
            assertEquals("to b", b[1].receiveString());

            pipe.write();
            a[0].send("to a");
            // The inproc message may land a moment after the pipe byte: poll until both show.
            int ready = 0;
            for (int i = 0; i < 100 && ready < 2; i++) {
                ready = poller.poll(Duration.ofSeconds(5));
            }
            assertEquals(2, ready);
            assertTrue(poller.isReadable(a[1]));
            assertFalse(poller.isReadable(b[1]));
            assertTrue(pipeItem.isReady(PollEvent.IN));
            assertEquals(Set.of(PollEvent.IN), pipeItem.readyEvents());
            assertEquals(pipe.readFd, pipeItem.fd());
            assertNull(pipeItem.socket());
            assertSame(a[1], aItem.socket());
            assertEquals(-1, aItem.fd());
        }
    }

    @Test
    void waitsForTheWholeTimeoutAndNotLess() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            long start = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ofMillis(150)));
            assertTrue(System.nanoTime() - start >= 150_000_000L, "returned before the timeout");
        }
    }

    @Test
    void writableAndModify() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            PollItem item = poller.register(a[0], PollEvent.OUT);
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertTrue(poller.isWritable(a[0]));
            assertSame(item, item.setEvents(EnumSet.of(PollEvent.IN)));
            assertEquals(EnumSet.of(PollEvent.IN), item.events());
            assertEquals(0, poller.poll(Duration.ZERO), "a PUSH socket never becomes readable");
            assertFalse(poller.isWritable(a[0]));
        }
    }

    @Test
    void itemsStayValidWhileOthersAreUnregistered() {
        Socket[] a = pushPull();
        Socket[] b = pushPull();
        try (Poller poller = new Poller()) {
            PollItem aItem = poller.register(a[1], PollEvent.IN);
            poller.registerFd(pipe.readFd, PollEvent.IN);
            PollItem bItem = poller.register(b[1], PollEvent.IN);
            bItem.attach("handler of b");
            assertTrue(poller.unregister(a[1]));
            assertFalse(poller.unregister(a[1]));
            assertFalse(aItem.unregister());
            assertFalse(aItem.isRegistered());
            assertEquals(2, poller.size());
            assertSame(bItem, poller.item(b[1]));
            assertNull(poller.item(a[1]));
            assertTrue(poller.unregisterFd(pipe.readFd));
            b[0].send("x");
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertTrue(bItem.isReadable());
            assertEquals("handler of b", bItem.attachment());
            assertFalse(poller.isReadable(a[1]), "a socket no longer registered is simply not ready");
            assertThrows(IllegalArgumentException.class, () -> aItem.setEvents(EnumSet.of(PollEvent.IN)));
        }
    }

    @Test
    void aSocketNeverRegisteredIsNotReady() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            assertFalse(poller.isReadable(a[1]));
            assertFalse(poller.isWritable(a[0]));
            assertNull(poller.item(a[1]));
        }
    }

    @Test
    void aPollerMadeInsideALoopCostsNoDescriptor() {
        Socket[] a = pushPull();
        int before = ProcessResources.openFds();
        for (int i = 0; i < 200; i++) {
            Poller poller = new Poller();
            poller.register(a[1], PollEvent.IN);
            a[0].send("round " + i);
            assertEquals(1, poller.poll(1000));
            assertEquals("round " + i, a[1].receiveString());
            poller.close();
        }
        assertTrue(ProcessResources.openFds() <= before + 2, "pollers in a loop kept descriptors open");
    }

    @Test
    void pollTakesMillisecondsAsZmqPollDoes() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            assertEquals(0, poller.poll(0L));
            assertEquals(0, poller.poll(20L));
            a[0].send("now");
            assertEquals(1, poller.poll(-1L));
        }
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        try (Poller poller = new Poller()) {
            Socket[][] pairs = new Socket[9][];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = pushPull();
                assertSame(pairs[i][1], poller.register(pairs[i][1], PollEvent.IN).socket());
            }
            pairs[8][0].send("last");
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertTrue(poller.isReadable(pairs[8][1]));
            assertFalse(poller.isReadable(pairs[0][1]));
        }
    }

    @Test
    void refusesBadRegistrations() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            assertThrows(IllegalArgumentException.class, () -> poller.register(a[1], PollEvent.IN));
            assertThrows(IllegalArgumentException.class, () -> poller.register(a[0], EnumSet.noneOf(PollEvent.class)));
            assertThrows(IllegalArgumentException.class, () -> poller.registerFd(-1, PollEvent.IN));
            assertThrows(IllegalArgumentException.class, () -> poller.poll(Duration.ofMillis(-1)));
            assertThrows(NullPointerException.class, () -> poller.register(null, PollEvent.IN));
        }
    }

    @Test
    void aClosedRegisteredSocketIsNamedAndCanBeUnregistered() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            a[1].close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
            assertTrue(e.getMessage().contains("poll item 0"), e.getMessage());
            assertTrue(poller.unregister(a[1]));
            assertEquals(0, poller.poll(Duration.ZERO));
        }
    }

    @Test
    void interruptWakesAPollAndThePollerStaysUsable() throws Exception {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            boolean[] stillInterrupted = new boolean[1];
            Blocking.Call call = Blocking.start("poller", () -> {
                try {
                    poller.poll();
                } finally {
                    stillInterrupted[0] = Thread.interrupted();
                }
            });
            Blocking.awaitBlocked(a[1], call);
            call.thread.interrupt();
            assertInstanceOf(ZmqInterruptedException.class, call.outcome());
            call.thread.join();
            assertTrue(stillInterrupted[0], "the interrupt status must stay set");
            a[0].send("after");
            assertEquals(1, poller.poll(Duration.ofSeconds(5)));
            assertEquals("after", a[1].receiveString());
        }
    }

    @Test
    void anInterruptedThreadStillSeesReadyItemsButCannotWait() {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            Thread.currentThread().interrupt();
            try {
                assertThrows(ZmqInterruptedException.class, () -> poller.poll(Duration.ofSeconds(5)));
                a[0].send("ready");
                assertEquals(1, poller.poll(Duration.ofSeconds(5)), "ready items win over the interrupt");
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void closingARegisteredSocketFromAnotherThreadWakesThePoll() throws Exception {
        Socket[] a = pushPull();
        Socket[] b = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            poller.register(b[1], PollEvent.IN);
            Blocking.Call call = Blocking.start("poller", poller::poll);
            Blocking.awaitBlocked(b[1], call);
            b[1].close();
            Throwable t = call.outcome();
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("poll item 1"), t.getMessage());
            assertTrue(b[1].isClosed());
            a[0].send("a is fine");
            assertEquals("a is fine", a[1].receiveString());
        }
    }

    @Test
    void contextCloseWakesThePoll() throws Exception {
        Socket[] a = pushPull();
        Poller poller = new Poller();
        poller.register(a[1], PollEvent.IN);
        poller.registerFd(pipe.readFd, PollEvent.IN);
        Blocking.Call call = Blocking.start("poller", poller::poll);
        Blocking.awaitBlocked(a[1], call);
        zmq.context().close();
        assertInstanceOf(ContextTerminatedException.class, call.outcome());
        poller.close();
    }

    @Test
    void closingThePollerFromAnotherThreadWakesThePoll() throws Exception {
        Socket[] a = pushPull();
        Poller poller = new Poller();
        poller.register(a[1], PollEvent.IN);
        Blocking.Call call = Blocking.start("poller", poller::poll);
        Blocking.awaitBlocked(a[1], call);
        poller.close();
        Throwable t = call.outcome();
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().contains("poller was closed"), t.getMessage());
        assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
        poller.close();
        a[0].send("socket still open");
        assertEquals("socket still open", a[1].receiveString());
    }

    @Test
    void aSocketInUseElsewhereMakesThePollFailAndViceVersa() throws Exception {
        Socket[] a = pushPull();
        try (Poller poller = new Poller()) {
            poller.register(a[1], PollEvent.IN);
            Blocking.Call receiver = Blocking.start("receiver", a[1]::receive);
            Blocking.awaitBlocked(a[1], receiver);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
            assertTrue(e.getMessage().contains("in use by thread \"receiver\""), e.getMessage());
            a[0].send("one");
            assertNull(receiver.outcome());

            Blocking.Call polling = Blocking.start("polling", poller::poll);
            Blocking.awaitBlocked(a[1], polling);
            assertThrows(IllegalStateException.class, a[1]::tryReceive);
            a[0].send("two");
            assertNull(polling.outcome());
            assertEquals("two", a[1].receiveString());
        }
    }

    @Test
    void descriptorOnlyPollTimesOutAndWakesOnData() throws Exception {
        try (Poller poller = new Poller()) {
            poller.registerFd(pipe.readFd, PollEvent.IN);
            assertEquals(0, poller.poll(Duration.ofMillis(10)));
            Blocking.Call call = Blocking.start("fd-poller", () -> assertEquals(1, poller.poll(Duration.ofSeconds(20))));
            pipe.write();
            assertNull(call.outcome());
        }
    }
}
