package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.zmqffm.ZmqFixtures.blockedIn;
import static io.github.zmqffm.ZmqFixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Close, use after close, and threads: nothing a caller does may crash the JVM; misuse gets
 * an {@link IllegalStateException} that says what happened.
 */
@Timeout(60)
class SocketLifecycleTest {
    /** What a closed socket still answers. */
    private static final Set<String> FINE_AFTER_CLOSE = Set.of("close", "isClosed", "toString", "type", "context");

    /** A valid argument of each parameter type, so that only the closed state can be refused. */
    private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(String.class, "inproc://sample"),
            Map.entry(byte[].class, new byte[1]),
            Map.entry(int.class, 0),
            Map.entry(long.class, 0L),
            Map.entry(boolean.class, false),
            Map.entry(ByteBuffer.class, ByteBuffer.allocate(1)),
            Map.entry(MemorySegment.class, java.lang.foreign.Arena.global().allocate(1)),
            Map.entry(List.class, List.of(new byte[1])),
            Map.entry(Duration.class, Duration.ofMillis(1)),
            Map.entry(java.util.Set.class, java.util.EnumSet.of(MonitorEvent.Type.CONNECTED)),
            // A byte[] option fits set(key, T), set(key, String), get(key) and getString(key).
            Map.entry(SocketOption.class, SocketOption.ROUTING_ID),
            Map.entry(Object.class, new byte[1]));

    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void closeIsIdempotent() {
        Socket socket = zmq.socket(SocketType.PUSH);
        assertFalse(socket.isClosed());
        assertEquals("Socket[PUSH, open]", socket.toString());
        socket.close();
        socket.close();
        assertTrue(socket.isClosed());
        assertEquals("Socket[PUSH, closed]", socket.toString());
        assertEquals(SocketType.PUSH, socket.type());
    }

    @Test
    void everyMethodRefusesAClosedSocket() throws ReflectiveOperationException {
        Socket socket = zmq.socket(SocketType.DEALER);
        socket.close();
        List<String> checked = new ArrayList<>();
        for (Method method : Socket.class.getMethods()) {
            if (method.getDeclaringClass() != Socket.class || Modifier.isStatic(method.getModifiers())
                    || FINE_AFTER_CLOSE.contains(method.getName())) {
                continue;
            }
            Object[] args = samplesFor(method);
            InvocationTargetException thrown =
                    assertThrows(InvocationTargetException.class, () -> method.invoke(socket, args), method::toString);
            assertInstanceOf(IllegalStateException.class, thrown.getCause(), method.toString());
            assertEquals("DEALER socket is closed", thrown.getCause().getMessage(), method.toString());
            checked.add(method.getName());
        }
        assertTrue(checked.containsAll(List.of("send", "sendMore", "trySend", "sendMultipart", "trySendMultipart",
                "receive", "receiveString", "tryReceive", "receiveMultipart", "hasMore", "bind", "connect",
                "unbind", "disconnect", "lastEndpoint", "subscribe", "unsubscribe", "set", "get", "getString")),
                "checked " + checked);
    }

    private static Object[] samplesFor(Method method) throws ReflectiveOperationException {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Object sample = SAMPLES.get(types[i]);
            if (sample == null) {
                // A type of another part of the API (a message, say) built with its plain constructor.
                try {
                    sample = types[i].getConstructor().newInstance();
                } catch (NoSuchMethodException e) {
                    fail("no sample argument of type " + types[i].getName() + " for " + method
                            + "; add one to SocketLifecycleTest.SAMPLES");
                }
            }
            args[i] = sample;
        }
        return args;
    }

    @Test
    void socketsClosedByTheirContextAnswerEterm() {
        Context context = zmq.newContext();
        Socket socket = context.socket(SocketType.SUB);
        context.close();
        ContextTerminatedException e = assertThrows(ContextTerminatedException.class, () -> socket.subscribe("x"));
        assertEquals("set SUBSCRIBE: Context was terminated (ETERM)", e.getMessage());
        assertTrue(socket.isClosed());
        socket.close();
    }

    @Test
    void aSecondThreadIsRefusedWhileTheFirstIsInside() {
        Socket pull = zmq.socket(SocketType.PULL);
        String endpoint = Transport.INPROC.bind(pull);
        CompletableFuture<String> first = blockedIn(pull, pull::receiveString);

        IllegalStateException e = assertThrows(IllegalStateException.class, pull::receive);
        assertTrue(e.getMessage().startsWith("PULL socket is in use by thread \"blocked in Socket[PULL, open]\""),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> pull.get(SocketOption.LINGER));
        assertThrows(IllegalStateException.class, () -> pull.set(SocketOption.LINGER, 5));
        assertThrows(IllegalStateException.class, () -> pull.bind("inproc://other"));

        Socket push = zmq.socket(SocketType.PUSH);
        push.connect(endpoint);
        push.send("for the first thread");
        assertEquals("for the first thread", ZmqFixtures.valueOf(first), "the refused calls did not disturb it");
        pull.set(SocketOption.LINGER, 5);
        assertEquals(5, pull.get(SocketOption.LINGER), "usable again once the first thread left");
    }

    @Test
    void closeWakesAReceiveBlockedOnAnotherThread() {
        Socket pull = zmq.socket(SocketType.PULL);
        Transport.INPROC.bind(pull);
        CompletableFuture<byte[]> blocked = blockedIn(pull, pull::receive);

        pull.close();
        Throwable woken = failureOf(blocked);
        assertInstanceOf(IllegalStateException.class, woken);
        assertEquals("receive: PULL socket was closed by another thread", woken.getMessage());
        assertTrue(pull.isClosed());
    }

    /**
     * A socket one thread has used many times (its guard's fast path, see the engine's Guard)
     * still refuses a second thread while the first is inside, serves the first undisturbed, and
     * closes from another thread by waking the first: on platform and virtual threads.
     */
    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void aSocketItsThreadKeptUsingStillRefusesOthersAndClosesFromAnother(boolean virtual) throws Exception {
        Socket pull = zmq.socket(SocketType.PULL);
        Socket push = zmq.socket(SocketType.PUSH);
        push.connect(Transport.INPROC.bind(pull));
        int rounds = 1_000;
        for (int i = 0; i < rounds; i++) {
            push.send("m" + i);
        }
        CompletableFuture<String> last = new CompletableFuture<>();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).name("long user").start(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    assertEquals("m" + i, pull.receiveString());
                }
                last.complete(pull.receiveString());   // blocks: the main thread sends it later
                pull.receive();                        // blocks until the close below
                end.complete(null);
            } catch (Throwable t) {
                last.completeExceptionally(t);
                end.complete(t);
            }
        });
        Blocking.awaitTrue(() -> Blocking.isBlockedIn(pull) || last.isDone(), "the long user blocked in receive");

        IllegalStateException refused = assertThrows(IllegalStateException.class, pull::receive);
        assertTrue(refused.getMessage().startsWith("PULL socket is in use by thread \"long user\""),
                refused.getMessage());
        push.send("last");
        assertEquals("last", ZmqFixtures.valueOf(last), "the refusal did not disturb the long user");

        Blocking.awaitTrue(() -> Blocking.isBlockedIn(pull) || end.isDone(), "the long user blocked again");
        pull.close();
        Throwable woken = end.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, woken);
        assertEquals("receive: PULL socket was closed by another thread", woken.getMessage());
        assertTrue(pull.isClosed());
    }

    @Test
    void closeWakesASendBlockedOnAnotherThread() {
        Socket push = zmq.socket(SocketType.PUSH);   // no peer: a send waits
        CompletableFuture<Boolean> blocked = blockedIn(push, () -> push.send("never"));

        push.close();
        assertInstanceOf(IllegalStateException.class, failureOf(blocked));
    }

    /** A close that lands anywhere in another thread's call: before, inside or after its wait. */
    @Test
    void closeRacingWithCallsOnOtherThreadsNeverCrashes() throws InterruptedException {
        Context context = zmq.context();
        for (int round = 0; round < 200; round++) {
            Socket socket = context.socket(round % 2 == 0 ? SocketType.PULL : SocketType.PUSH);
            CompletableFuture<Object> call = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    call.complete(socket.type() == SocketType.PULL ? socket.receive() : socket.send("x"));
                } catch (Throwable t) {
                    call.complete(t);
                }
            });
            if (round % 3 == 0) {
                Thread.yield();
            }
            socket.close();
            caller.join();
            Object outcome = call.join();
            assertInstanceOf(IllegalStateException.class, outcome, "round " + round + ": " + outcome);
        }
    }

    @Test
    void interruptWakesABlockedReceiveAndKeepsTheSocketUsable() {
        Socket pull = zmq.socket(SocketType.PULL);
        String endpoint = Transport.INPROC.bind(pull);
        CompletableFuture<Boolean> interruptStatus = new CompletableFuture<>();
        AtomicReference<Thread> receiving = new AtomicReference<>();
        CompletableFuture<byte[]> blocked = blockedIn(pull, () -> {
            receiving.set(Thread.currentThread());
            try {
                return pull.receive();
            } finally {
                interruptStatus.complete(Thread.interrupted());
            }
        });
        receiving.get().interrupt();

        Throwable woken = failureOf(blocked);
        assertInstanceOf(ZmqInterruptedException.class, woken);
        assertEquals(Errno.EINTR, ((ZmqException) woken).errno());
        assertTrue(ZmqFixtures.valueOf(interruptStatus), "the interrupt status stays set");

        Socket push = zmq.socket(SocketType.PUSH);
        push.connect(endpoint);
        push.send("after the interrupt");
        assertEquals("after the interrupt", pull.receiveString());
    }

    @Test
    void lingerSetByTheUserDeliversAfterClose() {
        String endpoint = Transport.TCP.freshEndpoint();
        Context sending = zmq.newContext();
        Socket push = sending.socket(SocketType.PUSH).set(SocketOption.LINGER, 10_000);
        push.connect(endpoint);
        push.send("last words");
        push.close();               // the message stays with libzmq for up to LINGER

        Socket pull = zmq.newContext().socket(SocketType.PULL);
        pull.bind(endpoint);
        assertEquals("last words", pull.receiveString());
        ContextFixture.closeWithin(sending, ContextFixture.CLOSE_LIMIT);
    }

    @Test
    void socketsStartWithLingerZero() {
        assertEquals(0, zmq.socket(SocketType.PUSH).get(SocketOption.LINGER));
    }
}
