package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Messages through sockets: large and multipart messages, and truncating receives. */
@Timeout(60)
class MessageTransferTest {
    private static final AtomicLong NAMES = new AtomicLong();
    private static final int MIB_16 = 16 << 20;

    private final Context ctx = new Context();

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    /** A connected PUSH/PULL pair over {@code transport}: [push, pull]. */
    private Socket[] pair(String transport) {
        Socket push = ctx.socket(SocketType.PUSH);
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://transfer-" + NAMES.incrementAndGet());
        push.connect(pull.lastEndpoint());
        return new Socket[] {push, pull};
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void sixteenMebibytes(String transport) {
        Socket[] s = pair(transport);
        try (Message out = new Message(MIB_16); Message in = new Message()) {
            MemorySegment data = out.data();
            for (long i = 0; i < MIB_16; i += 8) {
                data.set(ValueLayout.JAVA_LONG_UNALIGNED, i, i * 31);
            }
            assertTrue(s[0].send(out));
            assertTrue(s[1].receive(in));
            assertEquals(MIB_16, in.size());
            MemorySegment got = in.data();
            for (long i = 0; i < MIB_16; i += 8) {
                if (got.get(ValueLayout.JAVA_LONG_UNALIGNED, i) != i * 31) {
                    fail("byte " + i + " differs");
                }
            }
        }
    }

    @Test
    void sixteenMebibytesIntoAnArrayAndBack() {
        Socket[] s = pair("tcp");
        byte[] big = MessageTest.pattern(MIB_16, 3);
        assertTrue(s[0].send(big));
        assertArrayEquals(big, s[1].receive());
        try (Message in = new Message()) {
            assertTrue(s[0].send(big));
            assertTrue(s[1].receive(in));
            assertArrayEquals(big, in.toByteArray());
        }
    }

    @Test
    void multipartIntoReusedMessages() {
        Socket[] s = pair("inproc");
        List<Message> frames = new ArrayList<>();
        try {
            for (int round = 0; round < 3; round++) {
                try (Message a = Message.of("a" + round); Message b = new Message(); Message c = Message.of("c")) {
                    assertTrue(s[0].sendMore(a));
                    assertTrue(s[0].sendMore(b));
                    assertTrue(s[0].send(c));
                }
                List<Message> before = List.copyOf(frames);
                assertEquals(3, s[1].receiveMultipart(frames));
                assertEquals(3, frames.size());
                if (round > 0) {
                    for (int i = 0; i < 3; i++) {
                        assertSame(before.get(i), frames.get(i), "messages are reused");
                    }
                }
                assertEquals("a" + round, frames.get(0).text());
                assertTrue(frames.get(0).more());
                assertEquals(0, frames.get(1).size());
                assertTrue(frames.get(1).more());
                assertEquals("c", frames.get(2).text());
                assertFalse(frames.get(2).more());
            }
            // A shorter message fills the first messages and leaves the rest alone.
            s[0].send(Message.of("single"));
            assertEquals(1, s[1].receiveMultipart(frames));
            assertEquals("single", frames.get(0).text());
            assertEquals("c", frames.get(2).text());
        } finally {
            frames.forEach(Message::close);
        }
    }

    @Test
    void multipartTimeoutsAndMisuse() {
        Socket[] s = pair("inproc");
        List<Message> frames = new ArrayList<>(List.of(new Message(), new Message()));
        try {
            assertEquals(-1, s[1].tryReceiveMultipart(frames));
            s[1].set(SocketOption.RCVTIMEO, 20);
            assertEquals(-1, s[1].receiveMultipart(frames));

            Message twice = frames.get(0);
            s[0].sendMore("one");
            s[0].send("two");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s[1].receiveMultipart(new ArrayList<>(List.of(twice, twice))));
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
            assertEquals("one", twice.text(), "the first frame arrived before the duplicate was found");
            assertEquals("two", s[1].receiveString(), "the rest stays in the socket");
            assertFalse(twice.isClosed());

            s[0].send("x");
            assertThrows(UnsupportedOperationException.class, () -> s[1].receiveMultipart(List.of()));
        } finally {
            frames.forEach(Message::close);
        }
    }

    @Test
    void truncatingReceives() {
        Socket[] s = pair("tcp");
        byte[] data = MessageTest.pattern(100, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(10);
            s[0].send(data);
            assertEquals(100, s[1].receive(small), "the full size shows the truncation");
            assertArrayEquals(java.util.Arrays.copyOf(data, 10), small.toArray(ValueLayout.JAVA_BYTE));

            MemorySegment heapSmall = MemorySegment.ofArray(new byte[7]);
            s[0].send(data);
            assertEquals(100, s[1].receive(heapSmall));
            assertArrayEquals(java.util.Arrays.copyOf(data, 7), heapSmall.toArray(ValueLayout.JAVA_BYTE));

            byte[] array = new byte[5];
            s[0].send(data);
            assertEquals(100, s[1].receive(array));
            assertArrayEquals(java.util.Arrays.copyOf(data, 5), array);

            ByteBuffer buffer = ByteBuffer.allocate(8);
            s[0].send(data);
            assertEquals(100, s[1].receive(buffer));
            assertEquals(8, buffer.position());
            assertEquals(data[7], buffer.get(7));

            MemorySegment exact = arena.allocate(100);
            s[0].send(data);
            assertEquals(100, s[1].receive(exact));
            assertArrayEquals(data, exact.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void heapSendsOfEverySize() {
        Socket[] s = pair("inproc");
        byte[] buffer = new byte[70_000];
        for (int size : new int[] {0, 1, 33, 34, 8192, 8193, 70_000}) {
            byte[] data = MessageTest.pattern(size, size);
            assertTrue(s[0].send(data));
            assertEquals(size, s[1].receive(buffer));
            assertArrayEquals(data, java.util.Arrays.copyOf(buffer, size));
            assertTrue(s[0].send(ByteBuffer.wrap(data)));
            assertArrayEquals(data, s[1].receive());
        }
    }

    @Test
    void directBuffersOfEveryOrigin() {
        Socket[] s = pair("inproc");
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        for (int i = 0; i < 64; i++) {
            direct.put(i, (byte) i);
        }
        ByteBuffer slice = direct.slice(16, 8);
        Arena arena = Arena.ofShared();
        ByteBuffer overArena = arena.allocate(8).asByteBuffer();
        overArena.put(0, (byte) 99);
        for (int round = 0; round < 3; round++) {
            direct.position(10).limit(14);
            assertTrue(s[0].send(direct));
            assertEquals(14, direct.position());
            assertArrayEquals(new byte[] {10, 11, 12, 13}, s[1].receive());
            assertTrue(s[0].send(slice.clear()));
            assertArrayEquals(new byte[] {16, 17, 18, 19, 20, 21, 22, 23}, s[1].receive());
            assertTrue(s[0].send(overArena.clear()));
            assertEquals(99, s[1].receive()[0]);
        }
        ByteBuffer into = ByteBuffer.allocateDirect(6);
        s[0].send(new byte[] {1, 2, 3});
        into.position(2);
        assertEquals(3, s[1].receive(into));
        assertEquals(5, into.position());
        assertEquals(3, into.get(4));
        try (Message msg = Message.of(new byte[] {7, 7})) {
            assertEquals(2, msg.copyTo(overArena.clear()));
            assertEquals(7, overArena.get(1));
            arena.close();
            assertThrows(IllegalStateException.class, () -> msg.copyTo(overArena.clear()), "arena closed");
            assertThrows(IllegalStateException.class, () -> s[0].send(overArena.clear()), "arena closed");
        }
    }
}
