package io.github.zmqffm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shape of send and receive, the non-blocking and timed-out results, truncation, multipart. */
@Timeout(30)
class SocketSendReceiveTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private Socket sender;
    private Socket receiver;

    @BeforeEach
    void connectedPair() {
        receiver = zmq.socket(SocketType.PAIR);
        sender = zmq.socket(SocketType.PAIR);
        sender.connect(Transport.INPROC.bind(receiver));
    }

    // ------------------------------------------------------------ shapes

    @Test
    void stringsTravelAsUtf8() {
        sender.send("grüße ✓");
        assertArrayEquals(utf8("grüße ✓"), receiver.receive());
        sender.send(utf8("zurück ✓"));
        assertEquals("zurück ✓", receiver.receiveString());
    }

    @Test
    void emptyFramesAreFrames() {
        sender.send(new byte[0]);
        assertArrayEquals(new byte[0], receiver.receive());
        sender.send("");
        assertEquals(0, receiver.receive(new byte[8]));
    }

    @Test
    void arraySliceSendsOnlyTheRange() {
        byte[] data = utf8("0123456789");
        sender.sendMore(data, 0, 2);
        sender.send(data, 5, 3);
        assertEquals("01", receiver.receiveString());
        assertEquals("567", receiver.receiveString());

        assertThrows(IndexOutOfBoundsException.class, () -> sender.send(data, 8, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> sender.send(data, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> sender.sendMore(data, 0, 11));
        sender.send("after");
        assertEquals("after", receiver.receiveString(), "a refused range sent nothing");
    }

    @Test
    void heapBufferSendsItsRemainingBytesAndAdvances() {
        checkBufferSendAndReceive(ByteBuffer.allocate(16), ByteBuffer.allocate(16));
    }

    @Test
    void directBufferSendsItsRemainingBytesAndAdvances() {
        checkBufferSendAndReceive(ByteBuffer.allocateDirect(16), ByteBuffer.allocateDirect(16));
    }

    private void checkBufferSendAndReceive(ByteBuffer out, ByteBuffer in) {
        out.put(utf8("xxhelloyy")).flip().position(2).limit(7);
        assertTrue(sender.send(out));
        assertEquals(7, out.position(), "position moves past what was sent");
        assertEquals(7, out.limit());

        in.position(3);
        assertEquals(5, receiver.receive(in));
        assertEquals(8, in.position(), "position moves past what was stored");
        assertEquals("hello", text(Arrays.copyOfRange(bytesOf(in), 3, 8)));

        // sendMore and a read-only view work alike.
        ByteBuffer ro = ByteBuffer.wrap(utf8("more")).asReadOnlyBuffer();
        assertTrue(sender.sendMore(ro));
        assertFalse(ro.hasRemaining());
        sender.send("last");
        assertEquals("more", receiver.receiveString());
        assertTrue(receiver.hasMore());
        assertEquals("last", receiver.receiveString());
        assertThrows(ReadOnlyBufferException.class, () -> receiver.receive(ByteBuffer.allocate(4).asReadOnlyBuffer()));
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] all = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(all);
        return all;
    }

    @Test
    void nativeAndHeapSegmentsSendAndReceive() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeOut = arena.allocate(5);
            MemorySegment.copy(utf8("naive"), 0, nativeOut, ValueLayout.JAVA_BYTE, 0, 5);
            assertTrue(sender.send(nativeOut));
            MemorySegment nativeIn = arena.allocate(16);
            assertEquals(5, receiver.receive(nativeIn));
            assertEquals("naive", text(nativeIn.asSlice(0, 5).toArray(ValueLayout.JAVA_BYTE)));

            byte[] backing = new byte[16];
            assertTrue(sender.sendMore(MemorySegment.ofArray(utf8("heap"))));
            sender.send(nativeOut.asSlice(1, 3));
            assertEquals(4, receiver.receive(MemorySegment.ofArray(backing)));
            assertEquals("heap", text(Arrays.copyOf(backing, 4)));
            assertEquals("aiv", receiver.receiveString());
        }
    }

    @Test
    void segmentOfAClosedArenaIsRefusedAndTheSocketStaysUsable() {
        Arena arena = Arena.ofConfined();
        MemorySegment segment = arena.allocate(8);
        arena.close();
        assertThrows(IllegalStateException.class, () -> sender.send(segment));
        assertThrows(IllegalStateException.class, () -> receiver.receive(segment));
        sender.send("still fine");
        assertEquals("still fine", receiver.receiveString());
    }

    // ------------------------------------------------------------ truncation

    @Test
    void receiveIntoSmallerBuffersReportsTheFullSize() {
        for (int i = 0; i < 3; i++) {
            sender.send("0123456789");
        }
        byte[] array = new byte[4];
        assertEquals(10, receiver.receive(array), "the full size shows the truncation");
        assertEquals("0123", text(array));

        ByteBuffer buffer = ByteBuffer.allocate(4);
        assertEquals(10, receiver.receive(buffer));
        assertEquals(4, buffer.position(), "position moves by what was stored, not by the size");

        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4);
            assertEquals(10, receiver.receive(segment));
            assertEquals("0123", text(segment.toArray(ValueLayout.JAVA_BYTE)));
        }
    }

    @Test
    void largeFramesArriveWholeAndLaterSmallOnesToo() {
        byte[] large = new byte[1 << 20];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        sender.send(large);
        sender.send("small");
        assertArrayEquals(large, receiver.receive());
        assertEquals("small", receiver.receiveString());
    }

    // ------------------------------------------------------------ would block, timeouts

    @Test
    void tryReceiveFindsNothingAsNullOrMinusOne() {
        assertNull(receiver.tryReceive());
        assertEquals(-1, receiver.tryReceive(new byte[4]));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-1, receiver.tryReceive(arena.allocate(4)));
        }
        sender.send("now");
        assertEquals("now", receiver.receiveString());
        sender.send("then");
        awaitReadable(receiver);
        assertEquals("then", text(receiver.tryReceive()));
    }

    private static void awaitReadable(Socket socket) {
        ZmqFixtures.await(() -> (socket.get(SocketOption.EVENTS) & PollEvent.IN.mask()) != 0, "a readable frame");
    }

    @Test
    void tryReceiveIntoArrayAndSegmentReportTheSize() {
        sender.send("abc");
        sender.send("def");
        awaitReadable(receiver);
        byte[] array = new byte[2];
        assertEquals(3, receiver.tryReceive(array));
        assertEquals("ab", text(array));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(3);
            assertEquals(3, receiver.tryReceive(segment));
            assertEquals("def", text(segment.toArray(ValueLayout.JAVA_BYTE)));
        }
    }

    @Test
    void trySendOnAMuteSocketReturnsFalse() {
        Socket lonely = zmq.socket(SocketType.PUSH);     // no peer: PUSH is mute
        ByteBuffer buffer = ByteBuffer.wrap(utf8("data"));
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(lonely.trySend("text"));
            assertFalse(lonely.trySend(utf8("bytes")));
            assertFalse(lonely.trySend(buffer));
            assertEquals(0, buffer.position(), "an unsent buffer keeps its position");
            assertFalse(lonely.trySend(arena.allocate(4)));
            assertFalse(lonely.send(utf8("first of two"), true, Duration.ZERO));
        }
    }

    @Test
    void trySendReturnsFalseOnceTheHighWaterMarkIsReached() {
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDHWM, 1);
        Socket pull = zmq.socket(SocketType.PULL).set(SocketOption.RCVHWM, 1);
        push.connect(Transport.INPROC.bind(pull));

        int queued = 0;
        while (push.trySend(utf8("m" + queued))) {
            queued++;
            assertTrue(queued < 1000, "the high water mark never stopped trySend");
        }
        assertTrue(queued >= 1, "at least one message fits");
        for (int i = 0; i < queued; i++) {
            assertEquals("m" + i, pull.receiveString());
        }
        assertTrue(push.send("room again"));
        assertEquals("room again", pull.receiveString());
    }

    @Test
    void rcvtimeoTurnsEveryReceiveShapeIntoNullOrMinusOne() {
        receiver.set(SocketOption.RCVTIMEO, 20);
        ByteBuffer buffer = ByteBuffer.allocate(4);
        assertNull(receiver.receive());
        assertNull(receiver.receiveString());
        assertNull(receiver.receiveMultipart());
        assertEquals(-1, receiver.receive(new byte[4]));
        assertEquals(-1, receiver.receive(buffer));
        assertEquals(0, buffer.position());
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-1, receiver.receive(arena.allocate(4)));
        }
        receiver.set(SocketOption.RCVTIMEO, 0);
        assertNull(receiver.receive(), "0 means do not wait");
        sender.send("arrives");
        receiver.set(SocketOption.RCVTIMEO, -1);
        assertEquals("arrives", receiver.receiveString());
    }

    @Test
    void sndtimeoTurnsEverySendShapeIntoFalse() {
        Socket lonely = zmq.socket(SocketType.PUSH).set(SocketOption.SNDTIMEO, 20);
        ByteBuffer buffer = ByteBuffer.wrap(utf8("data"));
        assertFalse(lonely.send("text"));
        assertFalse(lonely.send(utf8("bytes")));
        assertFalse(lonely.send(utf8("slice"), 1, 2));
        assertFalse(lonely.send(buffer));
        assertEquals(0, buffer.position());
        assertFalse(lonely.sendMore("more"));
        assertFalse(lonely.sendMultipart(List.of(utf8("a"), utf8("b"))));
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(lonely.send(arena.allocate(4)));
        }
    }

    // ------------------------------------------------------------ multipart

    @Test
    void everySendMoreShapeBuildsOneMessage() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(3);
            MemorySegment.copy(utf8("seg"), 0, segment, ValueLayout.JAVA_BYTE, 0, 3);
            sender.sendMore("text");
            sender.sendMore(utf8("bytes"));
            sender.sendMore(utf8("xslicex"), 1, 5);
            sender.sendMore(ByteBuffer.wrap(utf8("buffer")));
            sender.sendMore(segment);
            assertTrue(sender.send(utf8("try"), true, Duration.ZERO));
            sender.send(new byte[0]);
        }
        List<String> frames = receiver.receiveMultipart().stream().map(ZmqFixtures::text).toList();
        assertEquals(List.of("text", "bytes", "slice", "buffer", "seg", "try", ""), frames);
    }

    @Test
    void hasMoreFollowsTheFramesOfAMessage() {
        sender.sendMultipart(List.of(utf8("a"), new byte[0], utf8("c")));
        sender.send("single");
        assertEquals("a", receiver.receiveString());
        assertTrue(receiver.hasMore());
        assertEquals(0, receiver.receive().length);
        assertTrue(receiver.hasMore());
        assertEquals("c", receiver.receiveString());
        assertFalse(receiver.hasMore());
        assertEquals("single", receiver.receiveString());
        assertFalse(receiver.hasMore());
    }

    @Test
    void malformedMultipartIsRefusedBeforeAnythingIsSent() {
        List<byte[]> withNull = Arrays.asList(utf8("a"), null, utf8("c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.sendMultipart(withNull));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sender.sendMultipart(List.of()));
        assertThrows(NullPointerException.class, () -> sender.sendMultipart(null));

        sender.send("marker");
        assertEquals("marker", receiver.receiveString(), "no frame of the refused messages went out");
        assertFalse(receiver.hasMore());
    }

    @Test
    void multipartThatCannotStartSendsNoFrameAtAll() {
        Socket push = zmq.socket(SocketType.PUSH).set(SocketOption.SNDTIMEO, 0);
        assertFalse(push.sendMultipart(List.of(utf8("a"), utf8("b"))));

        Socket pull = zmq.socket(SocketType.PULL);
        push.connect(Transport.INPROC.bind(pull));
        push.set(SocketOption.SNDTIMEO, -1);
        push.send("marker");
        assertEquals("marker", pull.receiveString());
        assertFalse(pull.hasMore(), "no half message was left behind");
    }

    /**
     * The plain {@code send(byte[])} and {@code receive(byte[])} a program loops on allocate
     * nothing once warm (issue 17 kept it so): measured with the thread's allocation counter,
     * the best of several rounds, as the JIT may still be at work in the first.
     */
    @Test
    void sendingAndReceivingArraysAllocatesNothing() {
        ThreadAllocation allocation = new ThreadAllocation();
        byte[] out = new byte[64];
        byte[] in = new byte[64];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 100 && best >= 8; round++) {
            long before = allocation.bytes();
            for (int i = 0; i < 20_000; i++) {
                out[0] = (byte) i;
                assertTrue(sender.send(out));
                assertEquals(64, receiver.receive(in));
                assertEquals(out[0], in[0]);
            }
            best = Math.min(best, (allocation.bytes() - before) / 20_000);
        }
        assertTrue(best < 8, best + " bytes allocated per send and receive, in the best round");
    }
}
