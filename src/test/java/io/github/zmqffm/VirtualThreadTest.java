package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every blocking call of the API on a virtual thread: each one parks its thread, so that the
 * carrier is free meanwhile ({@link Blocking#awaitBlocked} insists on WAITING; a thread blocked
 * inside a native call stays RUNNABLE and holds its carrier), wakes once its peer acts, and gives
 * what it gives on a platform thread. Each payload shape of send and receive in each form (plain,
 * try, with a deadline), multipart as arrays and as messages, messages without a copy, polls on
 * sockets and on a raw descriptor, monitor events, REQ/REP between virtual threads, a proxy run
 * from a virtual thread, and a thread that moves between carriers. The calls that end early
 * (interrupt, deadline, close, context close) are {@link VirtualThreadWakeTest}'s.
 */
@Timeout(60)
class VirtualThreadTest {
    private static final AtomicLong NAMES = new AtomicLong();
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(20);
    /** Sent as the second frame of multipart messages. */
    private static final String MORE = "more";

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static String endpoint() {
        return "inproc://virtual-" + NAMES.incrementAndGet();
    }

    // ---------------------------------------------------------------- running on a virtual thread

    /**
     * Runs {@code call} on a virtual thread, waits until it is parked in a wait that
     * {@code waiting} sees, does {@code then}, and returns what the call returned.
     */
    private static <T> T parkedUntil(BooleanSupplier waiting, Callable<T> call, Blocking.ThrowingRunnable then)
            throws Exception {
        AtomicReference<T> value = new AtomicReference<>();
        Blocking.Call c = Blocking.start(Thread.ofVirtual(), "virtual caller", () -> value.set(call.call()));
        Blocking.awaitBlocked(waiting, c);
        assertFalse(c.isDone(), "the call returned without waiting");
        then.run();
        Throwable failure = c.outcome();
        if (failure != null) {
            throw new AssertionError("the call on the virtual thread failed", failure);
        }
        return value.get();
    }

    private static <T> T parkedOn(Socket socket, Callable<T> call, Blocking.ThrowingRunnable then) throws Exception {
        return parkedUntil(() -> Blocking.isBlockedIn(socket), call, then);
    }

    /** What {@code call} returns on a virtual thread (which it must do without waiting long). */
    private static <T> T onVirtualThread(Callable<T> call) {
        AtomicReference<T> value = new AtomicReference<>();
        Throwable failure;
        try {
            failure = Blocking.start(Thread.ofVirtual(), "virtual caller", () -> value.set(call.call())).outcome();
        } catch (Exception e) {
            throw new AssertionError("the call on the virtual thread did not end", e);
        }
        if (failure != null) {
            throw new AssertionError("the call on the virtual thread failed", failure);
        }
        return value.get();
    }

    // ---------------------------------------------------------------- receiving

    /**
     * One payload shape of receive in its three forms; each gives the frame as text ("a+more"
     * for a two-frame message), or null if nothing came.
     */
    record Receive(String shape, boolean multipart, Function<Socket, String> plain,
                   BiFunction<Socket, Duration, String> timed, Function<Socket, String> tried) {
        @Override
        public String toString() {
            return shape;
        }
    }

    static List<Receive> receives() {
        return List.of(
                new Receive("byte[]", false, s -> text(s.receive()), (s, t) -> text(s.receive(t)),
                        s -> text(s.tryReceive())),
                new Receive("String", false, Socket::receiveString, Socket::receiveString, Socket::tryReceiveString),
                new Receive("into byte[]", false, s -> intoArray(s::receive), (s, t) -> intoArray(b -> s.receive(b, t)),
                        s -> intoArray(s::tryReceive)),
                new Receive("into a heap ByteBuffer", false, s -> intoBuffer(false, s::receive),
                        (s, t) -> intoBuffer(false, b -> s.receive(b, t)), s -> intoBuffer(false, s::tryReceive)),
                new Receive("into a direct ByteBuffer", false, s -> intoBuffer(true, s::receive),
                        (s, t) -> intoBuffer(true, b -> s.receive(b, t)), s -> intoBuffer(true, s::tryReceive)),
                new Receive("into a native MemorySegment", false, s -> intoSegment(true, s::receive),
                        (s, t) -> intoSegment(true, b -> s.receive(b, t)), s -> intoSegment(true, s::tryReceive)),
                new Receive("into a heap MemorySegment", false, s -> intoSegment(false, s::receive),
                        (s, t) -> intoSegment(false, b -> s.receive(b, t)), s -> intoSegment(false, s::tryReceive)),
                new Receive("into a Message, read in place", false, s -> intoMessage(s::receive),
                        (s, t) -> intoMessage(m -> s.receive(m, t)), s -> intoMessage(s::tryReceive)),
                new Receive("multipart", true, s -> joined(s.receiveMultipart()), (s, t) -> joined(s.receiveMultipart(t)),
                        s -> joined(s.tryReceiveMultipart())),
                new Receive("multipart into Messages", true, s -> intoMessages(s::receiveMultipart),
                        (s, t) -> intoMessages(l -> s.receiveMultipart(l, t)), s -> intoMessages(s::tryReceiveMultipart)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receives")
    void aReceiveParksUntilTheFrameComesInEachForm(Receive r) throws Exception {
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep);
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);

        assertEquals(expected(r, "plain"), parkedOn(pull, () -> r.plain().apply(pull), () -> send(push, r, "plain")));
        assertEquals(expected(r, "timed"), parkedOn(pull, () -> r.timed().apply(pull, LONG), () -> send(push, r, "timed")));
        assertNull(onVirtualThread(() -> r.timed().apply(pull, SHORT)), "the deadline passed: nothing");

        assertNull(onVirtualThread(() -> r.tried().apply(pull)), "nothing queued");
        send(push, r, "tried");  // over inproc, receivable as soon as send returns
        assertEquals(expected(r, "tried"), onVirtualThread(() -> r.tried().apply(pull)));
    }

    private static void send(Socket push, Receive r, String text) {
        assertTrue(r.multipart() ? push.sendMultipart(List.of(utf8(text), utf8(MORE))) : push.send(text));
    }

    private static String expected(Receive r, String text) {
        return r.multipart() ? text + "+" + MORE : text;
    }

    private static String text(byte[] frame) {
        return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
    }

    private static String intoArray(ToIntFunction<byte[]> receive) {
        byte[] buffer = new byte[64];
        int size = receive.applyAsInt(buffer);
        return size < 0 ? null : new String(buffer, 0, size, StandardCharsets.UTF_8);
    }

    private static String intoBuffer(boolean direct, ToIntFunction<ByteBuffer> receive) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64);
        if (receive.applyAsInt(buffer) < 0) {
            return null;
        }
        byte[] bytes = new byte[buffer.flip().remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String intoSegment(boolean isNative, ToIntFunction<MemorySegment> receive) {
        MemorySegment buffer = isNative ? Arena.ofAuto().allocate(64) : MemorySegment.ofArray(new byte[64]);
        int size = receive.applyAsInt(buffer);
        return size < 0 ? null : new String(buffer.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** Receives into a message and reads the frame where libzmq put it ({@link Message#data()}). */
    private static String intoMessage(Predicate<Message> receive) {
        try (Message message = new Message()) {
            return receive.test(message) ? new String(message.data().toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8) : null;
        }
    }

    private static String joined(List<byte[]> frames) {
        return frames == null ? null : frames.stream().map(VirtualThreadTest::text).collect(Collectors.joining("+"));
    }

    private static String intoMessages(ToIntFunction<List<Message>> receive) {
        List<Message> messages = new ArrayList<>();
        try {
            int frames = receive.applyAsInt(messages);
            return frames < 0 ? null
                    : messages.subList(0, frames).stream().map(Message::text).collect(Collectors.joining("+"));
        } finally {
            messages.forEach(Message::close);
        }
    }

    // ---------------------------------------------------------------- sending

    /** How one shape sends a text: {@code true} if sent. */
    interface Sender {
        boolean send(Socket socket, String text);
    }

    /** How one shape sends a text with a deadline. */
    interface TimedSender {
        boolean send(Socket socket, String text, Duration timeout);
    }

    /** One payload shape of send in its forms; a shape without a form has null there. */
    record Send(String shape, boolean multipart, Sender plain, TimedSender timed, Sender tried) {
        @Override
        public String toString() {
            return shape;
        }
    }

    static List<Send> sends() {
        return List.of(
                new Send("byte[]", false, (s, x) -> s.send(utf8(x)), (s, x, t) -> s.send(utf8(x), false, t),
                        (s, x) -> s.trySend(utf8(x))),
                new Send("part of a byte[]", false, (s, x) -> s.send(utf8("<" + x + ">"), 1, x.length()), null, null),
                new Send("String", false, Socket::send, (s, x, t) -> s.send(x, false, t), Socket::trySend),
                new Send("heap ByteBuffer", false, (s, x) -> s.send(ByteBuffer.wrap(utf8(x))),
                        (s, x, t) -> s.send(ByteBuffer.wrap(utf8(x)), false, t), (s, x) -> s.trySend(ByteBuffer.wrap(utf8(x)))),
                new Send("direct ByteBuffer", false, (s, x) -> s.send(direct(x)), (s, x, t) -> s.send(direct(x), false, t),
                        (s, x) -> s.trySend(direct(x))),
                new Send("native MemorySegment", false, (s, x) -> s.send(nativeCopy(x)),
                        (s, x, t) -> s.send(nativeCopy(x), false, t), (s, x) -> s.trySend(nativeCopy(x))),
                new Send("heap MemorySegment", false, (s, x) -> s.send(MemorySegment.ofArray(utf8(x))),
                        (s, x, t) -> s.send(MemorySegment.ofArray(utf8(x)), false, t),
                        (s, x) -> s.trySend(MemorySegment.ofArray(utf8(x)))),
                new Send("Message", false, (s, x) -> sendMessage(Message.of(x), s::send),
                        (s, x, t) -> sendMessage(Message.of(x), m -> s.send(m, false, t)),
                        (s, x) -> sendMessage(Message.of(x), s::trySend)),
                new Send("Message lending native memory", false, (s, x) -> sendMessage(Message.wrap(nativeCopy(x)), s::send),
                        (s, x, t) -> sendMessage(Message.wrap(nativeCopy(x)), m -> s.send(m, false, t)),
                        (s, x) -> sendMessage(Message.wrap(nativeCopy(x)), s::trySend)),
                new Send("constant memory", false, (s, x) -> s.sendConst(constant(x)), null, null),
                new Send("multipart", true, (s, x) -> s.sendMultipart(frames(x)), (s, x, t) -> s.sendMultipart(frames(x), t),
                        (s, x) -> s.trySendMultipart(frames(x))));
    }

    /**
     * A PUSH socket without a peer is mute, so every send waits; it parks until a PULL socket
     * connects. Without a peer, the deadline and try forms say {@code false}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sends")
    void aSendParksUntilAPeerCanTakeTheFrameInEachForm(Send s) throws Exception {
        assertSentAfterParking(s, "plain", push -> s.plain().send(push, "plain"));
        if (s.timed() != null) {
            assertSentAfterParking(s, "timed", push -> s.timed().send(push, "timed", LONG));
            Socket mute = zmq.socket(SocketType.PUSH).bind(endpoint());
            assertFalse(onVirtualThread(() -> s.timed().send(mute, "late", SHORT)), "the deadline passed: not sent");
        }
        if (s.tried() != null) {
            String ep = endpoint();
            Socket push = zmq.socket(SocketType.PUSH).bind(ep);
            assertFalse(onVirtualThread(() -> s.tried().send(push, "tried")), "mute: not sent");
            Socket pull = zmq.socket(SocketType.PULL).connect(ep);
            // A send that does not wait takes the new peer in when libzmq next processes the
            // socket's commands, which it does at most about once a millisecond for such sends.
            Blocking.awaitTrue(() -> onVirtualThread(() -> s.tried().send(push, "tried")), "a try to send to a peer");
            assertEquals(expected(s, "tried"), joined(pull.receiveMultipart(LONG)));
        }
    }

    private void assertSentAfterParking(Send s, String text, Predicate<Socket> send) throws Exception {
        String ep = endpoint();
        Socket push = zmq.socket(SocketType.PUSH).bind(ep);
        AtomicReference<Socket> pull = new AtomicReference<>();
        assertTrue(parkedOn(push, () -> send.test(push), () -> pull.set(zmq.socket(SocketType.PULL).connect(ep))));
        assertEquals(expected(s, text), joined(pull.get().receiveMultipart(LONG)));
    }

    private static String expected(Send s, String text) {
        return s.multipart() ? text + "+" + MORE : text;
    }

    private static List<byte[]> frames(String text) {
        return List.of(utf8(text), utf8(MORE));
    }

    private static ByteBuffer direct(String text) {
        byte[] bytes = utf8(text);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** The text in native memory, without the NUL that {@code allocateFrom} would add. */
    private static MemorySegment nativeCopy(String text) {
        byte[] bytes = utf8(text);
        return Arena.ofAuto().allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }

    private static MemorySegment constant(String text) {
        byte[] bytes = utf8(text);
        return Arena.global().allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }

    private static boolean sendMessage(Message message, Predicate<Message> send) {
        try (message) {
            return send.test(message);
        }
    }

    // ---------------------------------------------------------------- polls, monitors, patterns, helpers

    @Test
    void aPollParksUntilASocketIsReadyOrWritable() throws Exception {
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep);
        String pushEndpoint = endpoint();
        Socket push = zmq.socket(SocketType.PUSH).bind(pushEndpoint);
        try (Poller readable = new Poller(); Poller writable = new Poller()) {
            readable.register(pull, PollEvent.IN);
            Socket sender = zmq.socket(SocketType.PUSH).connect(ep);
            assertEquals(1, (int) parkedOn(pull, readable::poll, () -> sender.send("in")));
            assertEquals("in", pull.receiveString(Duration.ZERO));
            assertEquals(1, (int) parkedOn(pull, () -> readable.poll(LONG), () -> sender.send("in")));
            assertEquals("in", pull.receiveString(Duration.ZERO));
            assertEquals(1, (int) parkedOn(pull, () -> readable.poll(-1L), () -> sender.send("in")));
            assertEquals("in", pull.receiveString(Duration.ZERO));
            assertEquals(0, (int) onVirtualThread(() -> readable.poll(SHORT)), "the deadline passed: nothing ready");

            writable.register(push, PollEvent.OUT);
            assertEquals(0, (int) onVirtualThread(() -> writable.poll(SHORT)), "mute: not writable");
            assertEquals(1, (int) parkedOn(push, writable::poll,
                    () -> zmq.socket(SocketType.PULL).connect(pushEndpoint)));
            assertTrue(writable.isWritable(push));
        }
    }

    /** A raw descriptor is watched through a duplicate the reactor registers; no socket involved. */
    @Test
    void aPollOnARawDescriptorParksUntilItIsReadable() throws Exception {
        try (Pipe pipe = new Pipe(); Poller poller = new Poller()) {
            PollItem item = poller.registerFd(pipe.readFd, PollEvent.IN);
            assertEquals(0, (int) onVirtualThread(() -> poller.poll(SHORT)));
            assertEquals(1, (int) parkedUntil(() -> true, poller::poll, pipe::write));
            assertTrue(item.isReadable());
        }
    }

    @Test
    void monitorReadsParkUntilAnEventComes() throws Exception {
        Socket server = zmq.socket(SocketType.PULL).bind("tcp://127.0.0.1:*");
        try (Monitor monitor = server.monitor(EnumSet.of(MonitorEvent.Type.ACCEPTED))) {
            MonitorEvent first = parkedUntil(monitor::isReceiving, monitor::receive,
                    () -> zmq.socket(SocketType.PUSH).connect(server.lastEndpoint()));
            assertEquals(MonitorEvent.Type.ACCEPTED, first.type());
            MonitorEvent second = parkedUntil(monitor::isReceiving, () -> monitor.receive(LONG),
                    () -> zmq.socket(SocketType.PUSH).connect(server.lastEndpoint()));
            assertEquals(MonitorEvent.Type.ACCEPTED, second.type());
            assertNull(onVirtualThread(() -> monitor.receive(SHORT)));
            assertNull(onVirtualThread(monitor::tryReceive));
        }
    }

    /** Sockets made on the test's thread, each used by a virtual thread of its own, over inproc and tcp. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"INPROC", "TCP"})
    void reqAndRepOnVirtualThreads(Transport transport) throws Exception {
        Socket rep = zmq.socket(SocketType.REP);
        Socket req = zmq.socket(SocketType.REQ).connect(transport.bind(rep));
        int rounds = 200;
        Blocking.Call server = Blocking.start(Thread.ofVirtual(), "rep", () -> {
            for (int i = 0; i < rounds; i++) {
                rep.send(rep.receiveString() + " back");
            }
        });
        Blocking.Call client = Blocking.start(Thread.ofVirtual(), "req", () -> {
            for (int i = 0; i < rounds; i++) {
                req.send("round " + i);
                assertEquals("round " + i + " back", req.receiveString());
            }
        });
        assertNull(client.outcome());
        assertNull(server.outcome());
    }

    /**
     * libzmq's proxy blocks in native code, so {@code Proxy.run} on a virtual thread runs it on a
     * platform thread and parks: the caller is WAITING while the proxy forwards.
     */
    @Test
    void proxyRunOnAVirtualThreadForwardsWhileTheCallerIsParked() throws Exception {
        Socket front = zmq.socket(SocketType.PULL).bind(endpoint());
        Socket back = zmq.socket(SocketType.PUSH).bind(endpoint());
        Socket in = zmq.socket(SocketType.PUSH).connect(front.lastEndpoint());
        Socket out = zmq.socket(SocketType.PULL).connect(back.lastEndpoint());
        Blocking.Call proxy = Blocking.start(Thread.ofVirtual(), "proxy caller", () -> Proxy.run(front, back));
        Blocking.awaitBlocked(front, proxy);
        for (int i = 0; i < 10; i++) {
            in.send("through " + i);
            assertEquals("through " + i, out.receiveString(LONG));
            assertTrue(Blocking.parked(proxy.thread), "the caller waits parked, not in the proxy");
        }
        proxy.thread.interrupt();
        assertInstanceOf(ZmqInterruptedException.class, proxy.outcome());
        assertNull(front.tryReceive(), "the proxy released its sockets");
    }

    /**
     * A virtual thread whose calls on its sockets go on from one carrier to another (in a child
     * JVM with two carriers, where it must happen in at least a twentieth of 400 rounds).
     */
    @Test
    void aThreadThatMovesToAnotherCarrierKeepsUsingItsSockets() {
        VirtualThreadScaleTest.scenario("carriers", "400");
    }

    /** A PLAIN handshake that the ZapAuthenticator's virtual thread answers, to a server whose receive parks. */
    @Test
    void aZapHandshakeCompletesBetweenVirtualThreads() throws Exception {
        Context ctx = zmq.newContext();
        try (ZapAuthenticator auth = new ZapAuthenticator(ctx)) {
            auth.configurePlain(ZapAuthenticator.ANY_DOMAIN, java.util.Map.of("user", "secret"));
            Socket server = Plain.makeServer(ctx.socket(SocketType.PULL)).bind("tcp://127.0.0.1:*");
            String ep = server.lastEndpoint();
            Socket client = Plain.makeClient(ctx.socket(SocketType.PUSH), "user", "secret");
            assertEquals("let me in", parkedOn(server, server::receiveString, () -> client.connect(ep).send("let me in")));
        }
    }
}
