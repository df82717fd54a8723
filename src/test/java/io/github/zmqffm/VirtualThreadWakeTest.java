package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waits that end early, the same on a virtual thread as on a platform thread: an interrupt
 * ({@link ZmqInterruptedException}, interrupt status kept, the socket still usable), a close from
 * another thread ({@link IllegalStateException}), the context closing
 * ({@link ContextTerminatedException}), and a deadline (null, false, -1 or 0, never an
 * exception). Each case runs once on each kind of thread; on a virtual thread the call must be
 * parked before it is woken ({@link Blocking#awaitBlocked}), so that the wake-up goes through
 * the reactor's side of the wait, not through a thread blocked in native code.
 */
@Timeout(60)
class VirtualThreadWakeTest {
    private static final AtomicLong NAMES = new AtomicLong();

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    /** The two kinds of thread a wait runs on. */
    enum Kind {
        PLATFORM, VIRTUAL;

        Thread.Builder builder() {
            return this == VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform();
        }
    }

    /** A call that waits for ever; what shows it waiting; what a close from another thread closes. */
    record Wait(Blocking.ThrowingRunnable call, BooleanSupplier waiting, AutoCloseable closed) {
    }

    /** How to set up one kind of wait on a context. */
    interface Setup {
        Wait on(Context ctx);
    }

    /** Every way to wait, by name. */
    static List<Arguments> waits() {
        List<Arguments> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            all.add(Arguments.of(kind, "receive", (Setup) ctx -> onSocket(pull(ctx), Socket::receive)));
            all.add(Arguments.of(kind, "receive(Duration)", (Setup) ctx -> onSocket(pull(ctx),
                    s -> s.receive(Duration.ofSeconds(60)))));
            all.add(Arguments.of(kind, "receive(Message)", (Setup) ctx -> onSocket(pull(ctx), s -> {
                try (Message message = new Message()) {
                    s.receive(message);
                }
            })));
            all.add(Arguments.of(kind, "receiveMultipart", (Setup) ctx -> onSocket(pull(ctx), Socket::receiveMultipart)));
            all.add(Arguments.of(kind, "send", (Setup) ctx -> onSocket(ctx.socket(SocketType.PUSH), s -> s.send("x"))));
            all.add(Arguments.of(kind, "sendMultipart(Duration)", (Setup) ctx -> onSocket(ctx.socket(SocketType.PUSH),
                    s -> s.sendMultipart(List.of(utf8("x"), utf8("y")), Duration.ofSeconds(60)))));
            all.add(Arguments.of(kind, "Poller.poll", (Setup) VirtualThreadWakeTest::poll));
            all.add(Arguments.of(kind, "Monitor.receive", (Setup) VirtualThreadWakeTest::monitor));
            all.add(Arguments.of(kind, "Proxy.run", (Setup) VirtualThreadWakeTest::proxy));
        }
        return all;
    }

    /** A wait for ever on one socket. */
    private interface SocketCall {
        void on(Socket socket) throws Exception;
    }

    private static Wait onSocket(Socket socket, SocketCall call) {
        return new Wait(() -> call.on(socket), () -> Blocking.isBlockedIn(socket), socket);
    }

    private static Socket pull(Context ctx) {
        return ctx.socket(SocketType.PULL).bind("inproc://wake-" + NAMES.incrementAndGet());
    }

    private static Wait poll(Context ctx) {
        Socket pull = pull(ctx);
        Poller poller = new Poller();
        poller.register(pull, PollEvent.IN);
        return new Wait(poller::poll, () -> Blocking.isBlockedIn(pull), poller);
    }

    /** Without MONITOR_STOPPED, which a close would report to the waiting reader first. */
    private static Wait monitor(Context ctx) {
        Monitor monitor = pull(ctx).monitor(EnumSet.of(MonitorEvent.Type.ACCEPTED));
        return new Wait(monitor::receive, monitor::isReceiving, monitor);
    }

    private static Wait proxy(Context ctx) {
        Socket front = pull(ctx);
        Socket back = ctx.socket(SocketType.PUSH).bind("inproc://wake-" + NAMES.incrementAndGet());
        return new Wait(() -> Proxy.run(front, back), () -> Blocking.isBlockedIn(front), front);
    }

    /** Starts the wait on a thread of {@code kind} and returns once it waits (parked, if virtual). */
    private static Blocking.Call waiting(Kind kind, Wait wait, Blocking.ThrowingRunnable body) {
        Blocking.Call call = Blocking.start(kind.builder(), kind + " waiter", body);
        Blocking.awaitBlocked(wait.waiting(), call);
        assertFalse(call.isDone(), "the call did not wait");
        return call;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waits")
    void anInterruptEndsTheWaitAndKeepsTheStatus(Kind kind, String name, Setup setup) throws Exception {
        Wait wait = setup.on(zmq.context());
        AtomicBoolean statusKept = new AtomicBoolean();
        Blocking.Call call = waiting(kind, wait, () -> {
            try {
                wait.call().run();
            } finally {
                statusKept.set(Thread.interrupted());
            }
        });
        call.thread.interrupt();
        Throwable t = call.outcome();
        assertInstanceOf(ZmqInterruptedException.class, t, String.valueOf(t));
        assertEquals(Errno.EINTR, ((ZmqException) t).errno());
        assertTrue(statusKept.get(), "the interrupt status must stay set");
        // The same wait again, ended by a close this time: the interrupt left everything usable.
        Blocking.Call again = waiting(kind, wait, wait.call());
        wait.closed().close();
        assertInstanceOf(IllegalStateException.class, again.outcome());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waits")
    void aCloseFromAnotherThreadEndsTheWait(Kind kind, String name, Setup setup) throws Exception {
        Wait wait = setup.on(zmq.context());
        Blocking.Call call = waiting(kind, wait, wait.call());
        wait.closed().close();
        Throwable t = call.outcome();
        assertInstanceOf(IllegalStateException.class, t, String.valueOf(t));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waits")
    void aContextCloseEndsTheWait(Kind kind, String name, Setup setup) throws Exception {
        Context ctx = zmq.newContext();
        Wait wait = setup.on(ctx);
        Blocking.Call call = waiting(kind, wait, wait.call());
        ctx.close();
        Throwable t = call.outcome();
        assertInstanceOf(ContextTerminatedException.class, t, String.valueOf(t));
        wait.closed().close();
    }

    /** Every form with a deadline, and RCVTIMEO/SNDTIMEO: nothing there in time gives a value, not an exception. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeadlineEndsTheWaitWithNothing(Kind kind) throws Exception {
        Duration soon = Duration.ofMillis(20);
        Socket pull = pull(zmq.context());
        Socket mute = zmq.socket(SocketType.PUSH);
        Blocking.Call call = Blocking.start(kind.builder(), kind + " waiter", () -> {
            try (Message message = new Message(); Poller poller = new Poller();
                 Monitor monitor = pull.monitor()) {
                assertNull(pull.receive(soon));
                assertNull(pull.receiveString(soon));
                assertEquals(-1, pull.receive(new byte[8], soon));
                assertEquals(-1, pull.receive(ByteBuffer.allocate(8), soon));
                assertEquals(-1, pull.receive(Arena.ofAuto().allocate(8), soon));
                assertFalse(pull.receive(message, soon));
                assertNull(pull.receiveMultipart(soon));
                assertEquals(-1, pull.receiveMultipart(new ArrayList<>(), soon));
                assertFalse(mute.send("x", false, soon));
                assertFalse(mute.send(message, false, soon));
                assertFalse(mute.sendMultipart(List.of(utf8("x")), soon));
                poller.register(pull, PollEvent.IN);
                assertEquals(0, poller.poll(soon));
                assertEquals(0, poller.poll(20L));
                assertNull(monitor.receive(soon));
                pull.set(SocketOption.RCVTIMEO, 20);
                assertNull(pull.receive());
                mute.set(SocketOption.SNDTIMEO, 20);
                assertFalse(mute.send("x"));
            }
        });
        assertNull(call.outcome());
    }
}
