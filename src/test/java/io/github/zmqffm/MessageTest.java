package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The Message API on its own and through one inproc PUSH/PULL pair. */
@Timeout(30)
class MessageTest {
    private static final AtomicLong NAMES = new AtomicLong();

    private final Context ctx = new Context();
    private final Socket push = ctx.socket(SocketType.PUSH);
    private final Socket pull = ctx.socket(SocketType.PULL);

    MessageTest() {
        String endpoint = "inproc://message-test-" + NAMES.incrementAndGet();
        pull.bind(endpoint);
        push.connect(endpoint);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    @Test
    void emptyMessage() {
        try (Message empty = new Message(); Message in = Message.of("not empty")) {
            assertEquals(0, empty.size());
            assertFalse(empty.more());
            assertEquals(0, empty.data().byteSize());
            assertArrayEquals(new byte[0], empty.toByteArray());
            assertEquals("", empty.text());
            assertTrue(push.send(empty));
            assertTrue(pull.receive(in));
            assertEquals(0, in.size());
        }
    }

    @Test
    void factoriesCopyTheirInput() {
        byte[] bytes = {1, 2, 3};
        try (Message fromBytes = Message.of(bytes);
             Message fromText = Message.of("grüße");
             Message fromSegment = Message.of(MemorySegment.ofArray(new byte[] {9, 8}))) {
            bytes[0] = 42;
            assertArrayEquals(new byte[] {1, 2, 3}, fromBytes.toByteArray());
            assertEquals("grüße", fromText.text());
            assertEquals("grüße".getBytes(StandardCharsets.UTF_8).length, fromText.size());
            assertArrayEquals(new byte[] {9, 8}, fromSegment.toByteArray());
        }
    }

    @Test
    void sizedMessageIsFilledThroughData() {
        try (Message out = new Message(5); Message in = new Message()) {
            out.data().copyFrom(MemorySegment.ofArray("hello".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(push.send(out));
            assertTrue(pull.receive(in));
            assertEquals("hello", in.text());
        }
        assertThrows(IllegalArgumentException.class, () -> new Message(-1));
    }

    @Test
    void sendLeavesTheMessageEmptyAndReusable() {
        try (Message out = Message.of("first"); Message in = new Message()) {
            MemorySegment before = out.data();
            assertTrue(push.send(out));
            assertEquals(0, out.size(), "content moved to libzmq");
            assertThrows(IllegalStateException.class, () -> before.get(ValueLayout.JAVA_BYTE, 0));
            out.rebuild("second");
            assertTrue(push.send(out));
            assertTrue(push.send(out), "an emptied message sends an empty frame");
            assertTrue(pull.receive(in));
            assertEquals("first", in.text());
            assertTrue(pull.receive(in));
            assertEquals("second", in.text());
            assertTrue(pull.receive(in));
            assertEquals(0, in.size());
        }
    }

    @Test
    void receiveReusesOneMessageAcrossSizes() {
        int[] sizes = {0, 1, 30, 33, 34, 100, 4096, 70_000, 5};
        try (Message out = new Message(); Message in = new Message()) {
            for (int size : sizes) {
                byte[] data = pattern(size, size);
                push.send(out.rebuild(data));
                assertTrue(pull.receive(in));
                assertArrayEquals(data, in.toByteArray(), "size " + size);
                assertFalse(in.more());
            }
        }
    }

    @Test
    void copyOutHelpersReportTheFullSize() {
        try (Message msg = Message.of(pattern(10, 1))) {
            byte[] small = new byte[4];
            assertEquals(10, msg.copyTo(small));
            assertArrayEquals(new byte[] {2, 3, 4, 5}, small);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment big = arena.allocate(16);
                assertEquals(10, msg.copyTo(big));
                assertEquals(11, big.get(ValueLayout.JAVA_BYTE, 9));
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(6);
            buffer.position(2);
            assertEquals(10, msg.copyTo(buffer));
            assertEquals(6, buffer.position());
            assertEquals(5, buffer.get(5));
            assertThrows(java.nio.ReadOnlyBufferException.class,
                    () -> msg.copyTo(ByteBuffer.allocate(4).asReadOnlyBuffer()));
        }
    }

    @Test
    void viewDiesWithItsContent() {
        try (Message msg = Message.of(pattern(100, 0)); Message in = new Message()) {
            MemorySegment first = msg.data();
            assertSame(first, msg.data(), "one view per content");
            assertEquals(100, first.byteSize());
            msg.rebuild(pattern(50, 0));
            assertThrows(IllegalStateException.class, () -> first.get(ValueLayout.JAVA_BYTE, 0), "after rebuild");

            push.send(Message.of("x"));
            assertTrue(pull.receive(in));
            MemorySegment received = in.data();
            assertEquals('x', received.get(ValueLayout.JAVA_BYTE, 0));
            push.send(Message.of("y"));
            assertTrue(pull.receive(in));
            assertThrows(IllegalStateException.class, () -> received.get(ValueLayout.JAVA_BYTE, 0), "after receive");

            MemorySegment last = in.data();
            in.close();
            assertThrows(IllegalStateException.class, () -> last.get(ValueLayout.JAVA_BYTE, 0), "after close");
        }
    }

    @Test
    void useAfterCloseThrowsAndCloseIsIdempotent() {
        Message msg = Message.of("bye");
        msg.close();
        msg.close();
        assertTrue(msg.isClosed());
        assertThrows(IllegalStateException.class, msg::data);
        assertThrows(IllegalStateException.class, msg::size);
        assertThrows(IllegalStateException.class, msg::toByteArray);
        assertThrows(IllegalStateException.class, () -> msg.rebuild("again"));
        assertThrows(IllegalStateException.class, () -> push.send(msg));
        assertThrows(IllegalStateException.class, () -> pull.tryReceive(msg));
        assertEquals("Message[closed]", msg.toString());
    }

    @Test
    void closedFromAnotherThread() throws Exception {
        Message msg = Message.of("moved");
        MemorySegment view = msg.data();
        CompletableFuture.runAsync(msg::close).get(10, TimeUnit.SECONDS);
        assertTrue(msg.isClosed());
        assertThrows(IllegalStateException.class, msg::size);
        // This thread's view could not be closed by the other thread: its content stays readable.
        assertEquals('m', view.get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void aViewOnOneThreadSurvivesAReceiveOnAnother() throws Exception {
        byte[] big = pattern(100_000, 3);
        try (Message msg = new Message()) {
            push.send(big);
            assertTrue(pull.receive(msg));
            MemorySegment view = msg.data();
            push.send("next");
            assertTrue(CompletableFuture.supplyAsync(() -> pull.receive(msg)).get(10, TimeUnit.SECONDS));
            assertEquals("next", msg.text());
            for (int round = 0; round < 3; round++) {
                System.gc();
                assertArrayEquals(big, view.toArray(ValueLayout.JAVA_BYTE), "old content kept alive for the view");
            }
            MemorySegment fresh = msg.data();
            assertEquals('n', fresh.get(ValueLayout.JAVA_BYTE, 0));
        }
    }

    @Test
    void secondThreadIsRefusedWhileAReceiveWaits() throws Exception {
        try (Message msg = new Message()) {
            CompletableFuture<Boolean> receiving = CompletableFuture.supplyAsync(() -> pull.receive(msg));
            awaitWaiting(pull, receiving);
            IllegalStateException e = assertThrows(IllegalStateException.class, msg::size);
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            push.send("done");
            assertTrue(receiving.get(10, TimeUnit.SECONDS));
            assertEquals("done", msg.text());
        }
    }

    @Test
    void closeDuringAReceiveLosesTheFrameLoudly() throws Exception {
        Message msg = new Message();
        CompletableFuture<Boolean> receiving = CompletableFuture.supplyAsync(() -> pull.receive(msg));
        awaitWaiting(pull, receiving);
        msg.close();
        assertTrue(msg.isClosed());
        push.send("lost");
        Exception e = assertThrows(Exception.class, () -> receiving.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("lost"), e.getCause().getMessage());
        assertThrows(IllegalStateException.class, msg::size);
    }

    @Test
    void trySendKeepsTheContentWhenMute() {
        try (Socket lonely = ctx.socket(SocketType.PUSH); Message msg = Message.of("kept")) {
            assertFalse(lonely.trySend(msg));
            assertEquals("kept", msg.text());
        }
    }

    @Test
    void tryReceiveFindsNothingAndLeavesTheMessageEmpty() {
        try (Message msg = Message.of("old content")) {
            MemorySegment view = msg.data();
            assertFalse(pull.tryReceive(msg));
            assertEquals(0, msg.size(), "libzmq empties the message it could not fill");
            assertThrows(IllegalStateException.class, () -> view.get(ValueLayout.JAVA_BYTE, 0));
        }
    }

    @Test
    void receiveTimesOutWithFalse() {
        pull.set(SocketOption.RCVTIMEO, 20);
        try (Message msg = new Message()) {
            assertFalse(pull.receive(msg));
        }
    }

    @Test
    void propertiesOverTcp() {
        try (Socket server = ctx.socket(SocketType.PULL); Socket client = ctx.socket(SocketType.PUSH);
             Message msg = new Message()) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint());
            client.send(Message.of("meta"));
            assertTrue(server.receive(msg));
            assertEquals("127.0.0.1", msg.property("Peer-Address"));
            assertEquals("PUSH", msg.property("Socket-Type"));
            assertNull(msg.property("User-Id"));
            assertNull(msg.property("No-Such-Property"));
        }
    }

    @Test
    void noPropertiesOverInproc() {
        try (Message msg = new Message()) {
            push.send("plain");
            assertTrue(pull.receive(msg));
            assertNull(msg.property("Socket-Type"));
            assertNull(msg.property("Peer-Address"));
        }
    }

    @Test
    void draftAccessorsNeedTheDraftApi() {
        try (Message msg = Message.of("x")) {
            if (Zmq.hasDraftApi()) {
                assertEquals(0, msg.routingId());
                assertEquals("", msg.group());
            } else {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, msg::routingId);
                assertTrue(e.getMessage().contains("draft"), e.getMessage());
                assertThrows(UnsupportedOperationException.class, msg::group);
                assertThrows(UnsupportedOperationException.class, () -> msg.setRoutingId(1));
                assertThrows(UnsupportedOperationException.class, () -> msg.setGroup("g"));
            }
        }
    }

    @Test
    void toStringShowsSizeAndMore() {
        try (Message msg = Message.of("abc")) {
            assertEquals("Message[3 bytes]", msg.toString());
        }
    }

    static byte[] pattern(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (seed + i + 1);
        }
        return data;
    }

    /** Waits until a thread is blocked in a wait on {@code socket} (or has finished). */
    static void awaitWaiting(Socket socket, CompletableFuture<?> task) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Blocking.isBlockedIn(socket) && !task.isDone()) {
            if (System.nanoTime() > deadline) {
                fail("the receiver never started waiting");
            }
            Thread.onSpinWait();
        }
        assertFalse(task.isDone(), "the receiver finished instead of waiting");
    }
}
