package io.github.zmqffm;

import io.github.zmqffm.internal.io.SpinPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocking calls spin before they park, as the spin budget says: observed through the spin
 * policy's counters (spin phases and readiness checks), never through time.
 */
@Timeout(60)
class WaitStrategyTest {
    /** Longer than any test: a wait with this budget spins until something ends it. */
    private static final Duration FOREVER = Duration.ofHours(1);
    private static final AtomicLong NAMES = new AtomicLong();

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    private static String endpoint() {
        return "inproc://wait-strategy-" + NAMES.incrementAndGet();
    }

    private static SpinPolicy policy(Socket socket) {
        return socket.io.spinPolicy();
    }

    /** Waits until the call spins: its first spin has started and made a few checks. */
    private static void awaitSpinning(SpinPolicy policy, Blocking.Call call) {
        Blocking.awaitTrue(() -> policy.checks() >= 3 || call.isDone(), "a spinning wait");
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void socketsTakeTheirContextsBudgetUntilGivenTheirOwn() {
        Context context = zmq.context();
        assertEquals(Duration.ofNanos(SpinPolicy.DEFAULT_BUDGET_NANOS), context.spinBudget());
        Socket socket = context.socket(SocketType.PULL);
        assertEquals(context.spinBudget(), socket.spinBudget());
        assertTrue(context.setSpinBudget(Duration.ofNanos(20_000)) == context);
        assertEquals(Duration.ofNanos(20_000), socket.spinBudget());
        assertTrue(socket.setSpinBudget(Duration.ZERO) == socket);
        assertEquals(Duration.ZERO, socket.spinBudget());
        context.setSpinBudget(Duration.ofNanos(30_000));
        assertEquals(Duration.ZERO, socket.spinBudget());
        assertEquals(Duration.ofNanos(30_000), context.socket(SocketType.PUSH).spinBudget());
    }

    @Test
    void badBudgetsAreRefused() {
        Socket socket = zmq.socket(SocketType.PULL);
        try (Poller poller = new Poller()) {
            assertThrows(NullPointerException.class, () -> zmq.context().setSpinBudget(null));
            assertThrows(NullPointerException.class, () -> socket.setSpinBudget(null));
            assertThrows(NullPointerException.class, () -> poller.setSpinBudget(null));
            Duration negative = Duration.ofMillis(-1);
            assertEquals("spin budget must not be negative: PT-0.001S",
                    assertThrows(IllegalArgumentException.class, () -> zmq.context().setSpinBudget(negative)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> socket.setSpinBudget(negative));
            assertThrows(IllegalArgumentException.class, () -> poller.setSpinBudget(negative));
        }
    }

    @Test
    void closedObjectsRefuseABudget() {
        Context context = new Context();
        Socket socket = context.socket(SocketType.PULL);
        Poller poller = new Poller();
        socket.close();
        poller.close();
        context.close();
        assertThrows(IllegalStateException.class, () -> socket.setSpinBudget(Duration.ZERO));
        assertThrows(IllegalStateException.class, socket::spinBudget);
        assertThrows(IllegalStateException.class, () -> poller.setSpinBudget(Duration.ZERO));
        assertThrows(ContextTerminatedException.class, () -> context.setSpinBudget(Duration.ZERO));
        assertThrows(ContextTerminatedException.class, context::spinBudget);
    }

    // ---------------------------------------------------------------- sockets

    @Test
    void aZeroBudgetNeverSpins() throws Exception {
        zmq.context().setSpinBudget(Duration.ZERO);
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep);
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);
        assertNull(pull.receive(Duration.ofMillis(20)));
        Blocking.Call call = Blocking.start("receiver", () -> assertEquals("late", pull.receiveString()));
        Blocking.awaitBlocked(pull, call);
        push.send("late");
        assertNull(call.outcome());
        assertEquals(0, policy(pull).spins());
        assertEquals(0, policy(pull).checks());
    }

    @Test
    void anIdleReceiverSpinsOnceThenParksWithoutChecking() throws Exception {
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep).setSpinBudget(Duration.ofMillis(2));
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);
        Blocking.Call call = Blocking.start("receiver", () -> assertEquals("late", pull.receiveString()));
        Blocking.awaitBlocked(pull, call);
        long checks = policy(pull).checks();
        assertEquals(1, policy(pull).spins());
        assertTrue(checks > 0, "it spun before it parked");
        push.send("late");
        assertNull(call.outcome());
        assertEquals(1, policy(pull).spins());
        assertEquals(checks, policy(pull).checks());
    }

    @Test
    void idleWaitsInARowBackOff() {
        // Requests that get no answer: each receive follows a send, so each may spin.
        String ep = endpoint();
        Socket pair = zmq.socket(SocketType.PAIR).bind(ep).setSpinBudget(Duration.ofMillis(1));
        zmq.socket(SocketType.PAIR).connect(ep);
        for (int i = 0; i < 20; i++) {
            assertTrue(pair.send("ping", false, Duration.ofSeconds(10)));
            assertNull(pair.receive(Duration.ofMillis(2)));
        }
        // Each spin misses, so of 20 waits only the 1st, 3rd, 7th and 15th spin.
        assertEquals(4, policy(pair).spins());
    }

    @Test
    void aReceiveAfterAReceiveParksWithoutSpinning() {
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep).setSpinBudget(FOREVER);
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);
        for (String s : new String[] {"1", "2", "3"}) {
            push.send(s);
        }
        for (String s : new String[] {"1", "2", "3"}) {
            assertEquals(s, pull.receiveString(Duration.ofSeconds(10)));
        }
        long spins = policy(pull).spins();
        // With budget FOREVER a spin would last until the deadline; it does not start at all.
        assertNull(pull.receive(Duration.ofMillis(20)));
        assertEquals(spins, policy(pull).spins());
    }

    @Test
    void aSpinningReceiverGetsItsMessage() throws Exception {
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep).setSpinBudget(FOREVER);
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);
        byte[] into = new byte[4];
        Blocking.Call call = Blocking.start("receiver", () -> assertEquals(3, pull.receive(into)));
        awaitSpinning(policy(pull), call);
        push.send(new byte[] {1, 2, 3});
        assertNull(call.outcome());
        assertArrayEquals(new byte[] {1, 2, 3, 0}, into);
        assertEquals(1, policy(pull).spins());
    }

    @Test
    void aSpinningSenderSendsOnceAPeerComes() throws Exception {
        String ep = endpoint();
        Socket push = zmq.socket(SocketType.PUSH).bind(ep).setSpinBudget(FOREVER);
        Blocking.Call call = Blocking.start("sender", () -> assertTrue(push.send("queued")));
        awaitSpinning(policy(push), call);
        Socket pull = zmq.socket(SocketType.PULL).connect(ep);
        assertNull(call.outcome());
        assertEquals("queued", pull.receiveString(Duration.ofSeconds(10)));
        assertEquals(1, policy(push).spins());
    }

    @Test
    void anInterruptEndsASpinningReceive() throws Exception {
        Socket pull = zmq.socket(SocketType.PULL).bind(endpoint()).setSpinBudget(FOREVER);
        Blocking.Call call = Blocking.start("receiver", pull::receive);
        awaitSpinning(policy(pull), call);
        call.thread.interrupt();
        assertInstanceOf(ZmqInterruptedException.class, call.outcome());
        assertEquals("late", sendAndReceiveAfter(pull));
    }

    @Test
    void anInterruptEndsASpinningSend() throws Exception {
        Socket push = zmq.socket(SocketType.PUSH).bind(endpoint()).setSpinBudget(FOREVER);
        Blocking.Call call = Blocking.start("sender", () -> push.send("nobody"));
        awaitSpinning(policy(push), call);
        call.thread.interrupt();
        assertInstanceOf(ZmqInterruptedException.class, call.outcome());
    }

    /** The socket still works after its wait was cut short: a PUSH connected now delivers. */
    private String sendAndReceiveAfter(Socket pull) {
        String ep = pull.lastEndpoint();
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);
        push.send("late");
        return pull.receiveString(Duration.ofSeconds(10));
    }

    @Test
    void closingTheSocketEndsASpinningReceive() throws Exception {
        Socket pull = zmq.socket(SocketType.PULL).bind(endpoint()).setSpinBudget(FOREVER);
        Blocking.Call call = Blocking.start("receiver", pull::receive);
        awaitSpinning(policy(pull), call);
        pull.close();
        Throwable t = call.outcome();
        assertInstanceOf(IllegalStateException.class, t);
        assertEquals("receive: PULL socket was closed by another thread", t.getMessage());
    }

    @Test
    void closingTheContextEndsASpinningReceive() throws Exception {
        Context context = zmq.newContext();
        Socket pull = context.socket(SocketType.PULL).bind(endpoint()).setSpinBudget(FOREVER);
        Blocking.Call call = Blocking.start("receiver", pull::receive);
        awaitSpinning(policy(pull), call);
        context.close();
        assertInstanceOf(ContextTerminatedException.class, call.outcome());
    }

    @Test
    void aDeadlineEndsASpin() {
        Socket pull = zmq.socket(SocketType.PULL).bind(endpoint()).setSpinBudget(FOREVER);
        assertNull(pull.receive(Duration.ofMillis(5)));
        assertEquals(1, policy(pull).spins());
    }

    // ---------------------------------------------------------------- pollers

    @Test
    void aPollerWithAZeroBudgetNeverSpins() {
        Socket pull = zmq.socket(SocketType.PULL).bind(endpoint());
        try (Poller poller = new Poller().setSpinBudget(Duration.ZERO)) {
            poller.register(pull, PollEvent.IN);
            assertEquals(0, poller.poll(Duration.ofMillis(20)));
            assertEquals(0, poller.engine().spinPolicy().spins());
            assertEquals(Duration.ZERO, poller.spinBudget());
        }
    }

    @Test
    void aSpinningPollSeesAMessage() throws Exception {
        String ep = endpoint();
        Socket pull = zmq.socket(SocketType.PULL).bind(ep);
        Socket push = zmq.socket(SocketType.PUSH).connect(ep);
        try (Poller poller = new Poller().setSpinBudget(FOREVER)) {
            poller.register(pull, PollEvent.IN);
            Blocking.Call call = Blocking.start("poller", () -> assertEquals(1, poller.poll()));
            awaitSpinning(poller.engine().spinPolicy(), call);
            push.send("ready");
            assertNull(call.outcome());
            assertTrue(poller.isReadable(pull));
            assertEquals(1, poller.engine().spinPolicy().spins());
        }
    }

    @Test
    void anInterruptOrACloseEndsASpinningPoll() throws Exception {
        Socket pull = zmq.socket(SocketType.PULL).bind(endpoint());
        Poller poller = new Poller().setSpinBudget(FOREVER);
        poller.register(pull, PollEvent.IN);
        Blocking.Call interrupted = Blocking.start("poller", poller::poll);
        awaitSpinning(poller.engine().spinPolicy(), interrupted);
        interrupted.thread.interrupt();
        assertInstanceOf(ZmqInterruptedException.class, interrupted.outcome());
        interrupted.thread.join();

        long checks = poller.engine().spinPolicy().checks();
        Blocking.Call closed = Blocking.start("poller", poller::poll);
        Blocking.awaitTrue(() -> poller.engine().spinPolicy().checks() >= checks + 3 || closed.isDone(), "a spinning poll");
        poller.close();
        Throwable t = closed.outcome();
        assertInstanceOf(IllegalStateException.class, t);
        assertEquals("poll: the poller was closed by another thread", t.getMessage());
    }

    @Test
    void closingASocketEndsASpinningPollOnIt() throws Exception {
        Socket pull = zmq.socket(SocketType.PULL).bind(endpoint());
        try (Poller poller = new Poller().setSpinBudget(FOREVER)) {
            poller.register(pull, PollEvent.IN);
            Blocking.Call call = Blocking.start("poller", poller::poll);
            awaitSpinning(poller.engine().spinPolicy(), call);
            pull.close();
            Throwable t = call.outcome();
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().startsWith("poll item 0: "), t.getMessage());
        }
    }

    // ---------------------------------------------------------------- parking

    /**
     * One thread parks on one socket, then on another, and so on: each park watches the socket of
     * its own wait, though a thread keeps the native room of its parks from one to the next.
     */
    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void aThreadParkedOnOneSocketAfterAnotherIsWokenByEach(boolean virtual) throws Exception {
        int rounds = 20;
        List<Socket> pulls = new ArrayList<>();
        List<Socket> pushes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String endpoint = endpoint();
            pulls.add(zmq.socket(SocketType.PULL).bind(endpoint).setSpinBudget(Duration.ZERO));
            pushes.add(zmq.socket(SocketType.PUSH).connect(endpoint));
        }
        List<String> received = new ArrayList<>();
        Blocking.Call call = Blocking.start(virtual ? Thread.ofVirtual() : Thread.ofPlatform(), "receiver", () -> {
            for (int i = 0; i < rounds; i++) {
                received.add(pulls.get(i % 2).receiveString());
            }
        });
        for (int i = 0; i < rounds; i++) {
            Blocking.awaitBlocked(pulls.get(i % 2), call);
            pushes.get(i % 2).send("frame " + i);
        }
        assertNull(call.outcome());
        call.thread.join();
        for (int i = 0; i < rounds; i++) {
            assertEquals("frame " + i, received.get(i));
        }
    }
}
