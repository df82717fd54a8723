package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Zero-copy sends: Message.wrap and its release notice, and Socket.sendConst. */
@Timeout(60)
class ZeroCopyTest {
    private static final AtomicLong NAMES = new AtomicLong();

    @TempDir
    Path dir;

    private final Context ctx = new Context();

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    /** Counts releases of one buffer and lets a test wait for them. */
    static final class Releases implements java.util.function.Consumer<MemorySegment> {
        final AtomicInteger count = new AtomicInteger();
        final CountDownLatch first = new CountDownLatch(1);
        volatile Thread thread;

        @Override
        public void accept(MemorySegment memory) {
            thread = Thread.currentThread();
            count.incrementAndGet();
            first.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(first.await(10, TimeUnit.SECONDS), "libzmq never released the buffer");
        }
    }

    private static MemorySegment filled(Arena arena, long size, int seed) {
        MemorySegment memory = arena.allocate(size, 8);
        fill(memory, seed);
        return memory;
    }

    private static void fill(MemorySegment memory, int seed) {
        for (long i = 0; i + 8 <= memory.byteSize(); i += 8) {
            memory.set(ValueLayout.JAVA_LONG, i, i * 7 + seed);
        }
    }

    private static void assertFilled(MemorySegment memory, long size, int seed) {
        assertEquals(size, memory.byteSize());
        for (long i = 0; i + 8 <= size; i += 8) {
            if (memory.get(ValueLayout.JAVA_LONG_UNALIGNED, i) != i * 7 + seed) {
                fail("byte " + i + " differs");
            }
        }
    }

    private String inproc() {
        return "inproc://zero-copy-" + NAMES.incrementAndGet();
    }

    /** An endpoint nobody listens on yet, for a connect that queues messages. */
    private String unbound(String transport) {
        // (Not a ZeroMQ socket bound and closed: libzmq closes its listener asynchronously.)
        return switch (transport) {
            case "inproc" -> inproc();
            case "ipc" -> "ipc://" + dir.resolve("peer-" + NAMES.incrementAndGet());
            case "tcp" -> {
                // A port the kernel just handed out and took back: free, and closed synchronously.
                try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    yield "tcp://127.0.0.1:" + probe.getLocalPort();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            default -> throw new IllegalArgumentException(transport);
        };
    }

    @Test
    void inprocHandsTheBufferItselfToTheReceiverAndReleasesItWhenTheReceiverIsDone() {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message in = new Message()) {
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            MemorySegment buffer = filled(Arena.ofAuto(), 4096, 1);
            Releases releases = new Releases();
            try (Message out = Message.wrap(buffer, releases)) {
                assertEquals(buffer.address(), out.data().address(), "not copied");
                assertTrue(push.send(out));
            }
            assertEquals(0, releases.count.get(), "queued, not delivered");
            assertTrue(pull.receive(in));
            assertEquals(buffer.address(), in.data().address(), "the receiver sees the sender's memory");
            assertFilled(in.data(), 4096, 1);
            assertEquals(0, releases.count.get(), "the receiver still reads it");
            in.rebuild();
            assertEquals(1, releases.count.get());
            assertSame(Thread.currentThread(), releases.thread, "released by the thread that let go of it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void notReleasedBeforeDeliveryAndReleasedOnce(String transport) throws Exception {
        String endpoint = unbound(transport);
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message in = new Message()) {
            push.connect(endpoint);
            MemorySegment buffer = filled(Arena.ofAuto(), 100_000, 2);
            Releases releases = new Releases();
            assertTrue(push.send(Message.wrap(buffer, releases)));
            assertEquals(0, releases.count.get(), "no peer yet: the message waits in the queue");
            pull.bind(endpoint);
            assertTrue(pull.receive(in));
            assertFilled(in.data(), 100_000, 2);
            in.close();
            releases.await();
            push.send("after");
            assertEquals("after", pull.receiveString());
            assertEquals(1, releases.count.get(), "exactly once");
        }
    }

    /**
     * Over tcp and ipc the socket's close drops what it could not send. (An inproc connect to a
     * name nobody has bound parks its pipe in the context, which releases it on close: see
     * {@link #releasedWhenTheContextCloses()}.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void releasedWhenTheSocketIsClosedWithTheMessageUnsent(String transport) throws Exception {
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(unbound(transport));
        List<Releases> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Releases releases = new Releases();
            all.add(releases);
            assertTrue(push.send(Message.wrap(filled(Arena.ofAuto(), 1000, i), releases)));
        }
        assertEquals(0, all.stream().mapToInt(r -> r.count.get()).sum());
        push.close();
        for (Releases releases : all) {
            releases.await();
            assertEquals(1, releases.count.get());
        }
    }

    @Test
    void releasedWhenLingerRunsOut() throws Exception {
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.LINGER, 50);
        push.connect(unbound("tcp"));
        Releases releases = new Releases();
        assertTrue(push.send(Message.wrap(filled(Arena.ofAuto(), 1000, 3), releases)));
        push.close();
        releases.await();
        assertEquals(1, releases.count.get());
        assertNotSame(Thread.currentThread(), releases.thread, "libzmq dropped it on its own thread");
    }

    @Test
    void releasedWhenTheContextCloses() throws Exception {
        Context own = new Context();
        Socket push = own.socket(SocketType.PUSH);
        push.connect(inproc());
        Releases releases = new Releases();
        assertTrue(push.send(Message.wrap(filled(Arena.ofAuto(), 64, 4), releases)));
        push.close();
        assertEquals(0, releases.count.get(), "parked with the unbound inproc name");
        own.close();
        releases.await();
        assertEquals(1, releases.count.get());
    }

    @Test
    void releasedWhenAPubDropsItForLackOfSubscribers() {
        try (Socket pub = ctx.socket(SocketType.PUB)) {
            pub.bind(inproc());
            Releases releases = new Releases();
            assertTrue(pub.send(Message.wrap(filled(Arena.ofAuto(), 64, 5), releases)));
            assertEquals(1, releases.count.get(), "dropped inside zmq_msg_send, on this thread");
        }
    }

    @Test
    void releasedWhenClosedUnsent() {
        Releases releases = new Releases();
        Message msg = Message.wrap(filled(Arena.ofAuto(), 64, 6), releases);
        assertEquals(0, releases.count.get());
        msg.close();
        msg.close();
        assertEquals(1, releases.count.get());
    }

    /**
     * Every receive path closes a zero-copy frame from inside a downcall; were any of them
     * linked critical, the release upcall would abort the JVM.
     */
    @Test
    void everyReceivePathReleasesWithoutCrashing() {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Arena arena = Arena.ofConfined(); Message in = new Message()) {
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            Releases releases = new Releases();
            MemorySegment buffer = filled(Arena.ofAuto(), 128, 7);
            List<Runnable> receives = List.of(
                    () -> pull.receive(new byte[256]),
                    pull::receive,
                    pull::receiveString,
                    () -> pull.receive(ByteBuffer.allocate(256)),
                    () -> pull.receive(ByteBuffer.allocateDirect(256)),
                    () -> pull.receive(arena.allocate(256)),
                    () -> pull.receive(MemorySegment.ofArray(new byte[256])),
                    pull::receiveMultipart,
                    () -> {
                        pull.receive(in);
                        in.rebuild();
                    });
            for (int i = 0; i < receives.size(); i++) {
                assertTrue(push.send(Message.wrap(buffer, releases)));
                receives.get(i).run();
                assertEquals(i + 1, releases.count.get(), "receive path " + i);
            }
        }
    }

    @Test
    void aListenerMayUseSocketsWhileItsThreadIsInsideLibzmq() {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Socket push2 = ctx.socket(SocketType.PUSH); Socket pull2 = ctx.socket(SocketType.PULL)) {
            String a = inproc();
            String b = inproc();
            pull.bind(a);
            push.connect(a);
            pull2.bind(b);
            push2.connect(b);
            byte[] notice = MessageTest.pattern(5000, 9);
            // Runs inside the receive below, which is in the middle of using the thread's message.
            assertTrue(push.send(Message.wrap(filled(Arena.ofAuto(), 4000, 8), m -> push2.send(notice))));
            byte[] received = new byte[4000];
            assertEquals(4000, pull.receive(received));
            assertFilled(MemorySegment.ofArray(received), 4000, 8);
            assertArrayEquals(notice, pull2.receive());
        }
    }

    @Test
    void aThrowingListenerIsReportedNotFatal() {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Thread.UncaughtExceptionHandler saved = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.set(e));
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message in = new Message()) {
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            int lent = io.github.zmqffm.internal.life.Releases.onLoan();
            push.send(Message.wrap(filled(Arena.ofAuto(), 64, 10), m -> {
                throw new IllegalStateException("listener failed");
            }));
            pull.receive(in);
            in.close();
            assertEquals("listener failed", reported.get().getMessage());
            assertEquals(lent, io.github.zmqffm.internal.life.Releases.onLoan(), "the slot was returned all the same");
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(saved);
        }
    }

    /**
     * Memory of an arena the caller can close cannot be pinned, so it is copied: closing the
     * arena before libzmq has sent the message neither crashes nor corrupts what the peer gets.
     */
    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc"})
    void anArenaClosedBeforeDeliveryCannotHurt(String transport) {
        int size = 16 << 20;
        String endpoint = unbound(transport);
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message in = new Message()) {
            push.connect(endpoint);
            Releases releases = new Releases();
            Arena arena = Arena.ofShared();
            MemorySegment buffer = filled(arena, size, 11);
            try (Message out = Message.wrap(buffer, releases)) {
                assertNotEquals(buffer.address(), out.data().address(), "copied, as documented");
                assertEquals(1, releases.count.get(), "the caller's memory is free at once");
                assertTrue(push.send(out));
            }
            buffer.fill((byte) 0);
            arena.close();
            pull.bind(endpoint);
            assertTrue(pull.receive(in));
            assertFilled(in.data(), size, 11);
            assertEquals(1, releases.count.get());
        }
    }

    @Test
    void automaticMemoryStaysAliveWhileLibzmqHoldsIt() throws Exception {
        String endpoint = unbound("inproc");
        Releases releases = new Releases();
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message in = new Message()) {
            push.connect(endpoint);
            // Nothing but the binding refers to the buffer after this statement.
            assertTrue(push.send(Message.wrap(filled(Arena.ofAuto(), 8 << 20, 12), releases)));
            for (int i = 0; i < 5; i++) {
                System.gc();
                byte[][] garbage = new byte[64][];
                for (int j = 0; j < garbage.length; j++) {
                    garbage[j] = new byte[1 << 16];
                }
            }
            pull.bind(endpoint);
            assertTrue(pull.receive(in));
            assertFilled(in.data(), 8 << 20, 12);
        }
        releases.await();
        assertEquals(1, releases.count.get());
    }

    @Test
    void directBuffersAreLentToo() {
        ByteBuffer direct = ByteBuffer.allocateDirect(256);
        MemorySegment memory = MemorySegment.ofBuffer(direct);
        try (Message msg = Message.wrap(memory)) {
            assertEquals(memory.address(), msg.data().address());
        }
    }

    @Test
    void lendingAndReleasingAllocateNothingPerMessage() {
        AtomicInteger released = new AtomicInteger();
        java.util.function.Consumer<MemorySegment> onRelease = memory -> released.incrementAndGet();
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message out = new Message(); Message in = new Message()) {
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            MemorySegment buffer = filled(Arena.ofAuto(), 64, 17);
            // Over inproc the receiver drops the previous frame on its next receive, so the release
            // upcall runs on this thread too and its allocations count here.
            ThreadAllocation allocation = new ThreadAllocation();
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 100 && best >= 8; round++) {
                long before = allocation.bytes();
                for (int i = 0; i < 20_000; i++) {
                    assertTrue(push.send(out.rebuild(buffer, onRelease)));
                    assertTrue(pull.receive(in));
                }
                best = Math.min(best, (allocation.bytes() - before) / 20_000);
            }
            assertTrue(best < 8, best + " bytes allocated per lent, sent, received and released frame, "
                    + "in the best round");
            int sent = released.get() + 1;
            in.rebuild();
            assertEquals(sent, released.get(), "every lent frame released once");
        }
    }

    @Test
    void lendersOnManyThreadsEachReleasedOnce() throws Exception {
        int threads = 4;
        int frames = 3000;
        int lent = io.github.zmqffm.internal.life.Releases.onLoan();
        AtomicInteger released = new AtomicInteger();
        MemorySegment buffer = filled(Arena.ofAuto(), 256, 23);
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Several lenders claim release slots at once, with many frames on loan each (more than
        // the table starts with), while their receivers release them: no slot may be handed out
        // twice, and every frame must come back exactly once.
        for (int t = 0; t < threads; t++) {
            String endpoint = inproc();
            workers.add(Thread.ofPlatform().start(() -> {
                try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
                     Message out = new Message(); Message in = new Message()) {
                    push.set(SocketOption.SNDHWM, frames);
                    pull.set(SocketOption.RCVHWM, frames);
                    pull.bind(endpoint);
                    push.connect(endpoint);
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < frames; i++) {
                            assertTrue(push.send(out.rebuild(buffer.asSlice(i % 200), m -> released.incrementAndGet())));
                        }
                        for (int i = 0; i < frames; i++) {
                            assertTrue(pull.receive(in));
                            assertEquals(256 - i % 200, in.size());
                        }
                        in.rebuild();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(threads * frames * 2, released.get());
        assertEquals(lent, io.github.zmqffm.internal.life.Releases.onLoan());
    }

    @Test
    void manyBuffersInFlightThroughOneReusedMessage() throws Exception {
        int count = 2000;
        int lent = io.github.zmqffm.internal.life.Releases.onLoan();
        AtomicInteger released = new AtomicInteger();
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message out = new Message(); Message in = new Message()) {
            push.set(SocketOption.SNDHWM, count * 2);
            pull.set(SocketOption.RCVHWM, count * 2);
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            MemorySegment buffer = filled(Arena.ofAuto(), 100, 13);
            for (int i = 0; i < count; i++) {
                assertTrue(push.send(out.rebuild(buffer.asSlice(i % 50), m -> released.incrementAndGet())));
            }
            assertEquals(lent + count, io.github.zmqffm.internal.life.Releases.onLoan());
            for (int i = 0; i < count; i++) {
                assertTrue(pull.receive(in));
                assertEquals(100 - i % 50, in.size());
            }
            in.rebuild();
            assertEquals(count, released.get());
            assertEquals(lent, io.github.zmqffm.internal.life.Releases.onLoan());
        }
    }

    @Test
    void emptyAndReadOnlyBuffers() {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Message in = new Message()) {
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            Releases empty = new Releases();
            assertTrue(push.send(Message.wrap(Arena.ofAuto().allocate(0), empty)));
            MemorySegment readOnly = filled(Arena.ofAuto(), 64, 14).asReadOnly();
            assertTrue(push.send(Message.wrap(readOnly)));
            assertTrue(pull.receive(in));
            assertEquals(0, in.size());
            assertTrue(pull.receive(in));
            assertFilled(in.data(), 64, 14);
            assertEquals(1, empty.count.get());
        }
    }

    @Test
    void wrapRefusesWhatLibzmqCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Message.wrap(MemorySegment.ofArray(new byte[8])));
        assertThrows(NullPointerException.class, () -> Message.wrap(Arena.ofAuto().allocate(8), null));
        Arena arena = Arena.ofConfined();
        MemorySegment gone = arena.allocate(8);
        arena.close();
        assertThrows(IllegalStateException.class, () -> Message.wrap(gone));
        try (Message msg = new Message()) {
            assertThrows(IllegalArgumentException.class,
                    () -> msg.rebuild(MemorySegment.ofArray(new byte[8]), m -> { }));
            assertEquals(0, msg.size());
        }
    }

    @Test
    void sendConstTakesOnlyMemoryThatLivesForever() {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL);
             Arena shared = Arena.ofShared()) {
            String endpoint = inproc();
            pull.bind(endpoint);
            push.connect(endpoint);
            MemorySegment forever = filled(Arena.global(), 256, 15);
            assertTrue(push.sendConst(forever));
            assertTrue(push.sendConst(MemorySegment.ofAddress(forever.address()).reinterpret(16)));
            try (Message in = new Message()) {
                assertTrue(pull.receive(in));
                assertEquals(forever.address(), in.data().address(), "not copied");
                assertFilled(in.data(), 256, 15);
                assertTrue(pull.receive(in));
                assertEquals(16, in.size());
            }
            assertThrows(IllegalArgumentException.class, () -> push.sendConst(MemorySegment.ofArray(new byte[4])));
            assertThrows(IllegalArgumentException.class, () -> push.sendConst(Arena.ofAuto().allocate(4)));
            assertThrows(IllegalArgumentException.class, () -> push.sendConst(shared.allocate(4)));
        }
    }
}
