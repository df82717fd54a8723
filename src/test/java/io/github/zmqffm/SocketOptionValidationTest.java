package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misuse is refused before libzmq is called; what libzmq refuses is reported with the option
 * and the value, secrets hidden; keys libzmq cannot honour say why.
 */
@Timeout(30)
class SocketOptionValidationTest {
    private final Context ctx = new Context();

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    /** A closed socket: anything that reaches the native call fails with IllegalStateException. */
    private Socket closedSocket(SocketType type) {
        Socket s = ctx.socket(type);
        s.close();
        return s;
    }

    private static ZmqException assertOptionError(Errno expected, Executable call) {
        ZmqException e = assertThrows(ZmqException.class, call);
        assertEquals(expected, e.errno(), e.getMessage());
        return e;
    }

    @Test
    void readOnlyAndWriteOnlyMisuseIsRefusedBeforeAnyNativeCall() {
        Socket closed = closedSocket(SocketType.SUB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> closed.set(SocketOption.RCVMORE, true));
        assertTrue(e.getMessage().contains("RCVMORE") && e.getMessage().contains("read-only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> closed.get(SocketOption.SUBSCRIBE));
        assertTrue(e.getMessage().contains("SUBSCRIBE") && e.getMessage().contains("write-only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> closed.getString(SocketOption.UNSUBSCRIBE));
        // The same calls on an open socket fail the same way; a closed socket is only reported
        // for calls that would reach libzmq.
        assertThrows(IllegalStateException.class, () -> closed.get(SocketOption.RCVMORE));
    }

    @Test
    void curveKeysOfTheWrongShapeAreRefusedBeforeAnyNativeCall() {
        Socket closed = closedSocket(SocketType.REQ);
        for (int length : new int[] {0, 31, 33, 39, 41, 64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> closed.set(SocketOption.CURVE_SERVERKEY, new byte[length]));
            assertTrue(e.getMessage().contains("CURVE_SERVERKEY") && e.getMessage().contains("32 bytes"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> closed.set(SocketOption.CURVE_SECRETKEY, "too short"));
        assertThrows(IllegalArgumentException.class,
                () -> closed.set(SocketOption.CURVE_PUBLICKEY, "x".repeat(32)), "32 characters are not a key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> closed.set(SocketOption.CURVE_SECRETKEY, "~".repeat(40)));
        assertTrue(e.getMessage().contains("Z85") && !e.getMessage().contains("~"), e.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aValueOfTheWrongTypeIsRefused() {
        Socket closed = closedSocket(SocketType.PUSH);
        SocketOption<Object> raw = (SocketOption) SocketOption.SNDHWM;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> closed.set(raw, (Object) "1000"));
        assertTrue(e.getMessage().contains("Integer") && e.getMessage().contains("String"), e.getMessage());
        assertThrows(NullPointerException.class, () -> closed.set(SocketOption.SNDHWM, (Integer) null));
        assertThrows(NullPointerException.class, () -> closed.set(null, 1));
    }

    @Test
    void aValueLibzmqRejectsNamesTheOptionAndTheValue() {
        try (Socket push = ctx.socket(SocketType.PUSH); Socket dealer = ctx.socket(SocketType.DEALER)) {
            ZmqException e = assertOptionError(Errno.EINVAL, () -> push.set(SocketOption.SNDHWM, -5));
            assertTrue(e.getMessage().contains("SNDHWM") && e.getMessage().contains("-5"), e.getMessage());
            e = assertOptionError(Errno.EINVAL, () -> push.set(SocketOption.ROUTING_ID, new byte[0]));
            assertTrue(e.getMessage().contains("ROUTING_ID"), e.getMessage());
            e = assertOptionError(Errno.EINVAL, () -> dealer.set(SocketOption.ROUTER_MANDATORY, true));
            assertTrue(e.getMessage().contains("ROUTER_MANDATORY") && e.getMessage().contains("true")
                    && e.getMessage().contains("DEALER"), e.getMessage());
            assertEquals(1000, push.get(SocketOption.SNDHWM), "a refused value changes nothing");
        }
    }

    @Test
    void secretsNeverAppearInMessages() {
        String password = "hunter2-" + "p".repeat(300);
        try (Socket req = ctx.socket(SocketType.REQ)) {
            ZmqException e = assertOptionError(Errno.EINVAL, () -> req.set(SocketOption.PLAIN_PASSWORD, password));
            assertTrue(e.getMessage().contains("PLAIN_PASSWORD"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            // Characters of the Z85 alphabet that decode to more than 32 bits: libzmq refuses them.
            String bad = "#".repeat(40);
            ZmqException k = assertOptionError(Errno.EINVAL, () -> req.set(SocketOption.CURVE_SECRETKEY, bad));
            assertFalse(k.getMessage().contains("##"), k.getMessage());
        }
    }

    @Test
    void draftOptionsSayWhyTheyAreUnavailable() {
        Socket closed = closedSocket(SocketType.ROUTER);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> closed.set(SocketOption.ROUTER_NOTIFY, 3));
        assertTrue(e.getMessage().contains("ROUTER_NOTIFY") && e.getMessage().contains("draft")
                && e.getMessage().contains(Zmq.version().toString()), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> closed.get(SocketOption.ROUTER_NOTIFY));
        assertTrue(SocketOption.ROUTER_NOTIFY.isDraft());
        assertFalse(SocketOption.ROUTER_NOTIFY.isSupported());
        assertTrue(SocketOption.SNDHWM.isSupported());
        assertTrue(SocketOption.CURVE_SERVER.isSupported(), "Debian's libzmq has CURVE");
    }

    @Test
    @SuppressWarnings("deprecation")
    void keysAreFoundByNameAndOldName() {
        assertSame(SocketOption.SNDHWM, SocketOption.valueOf("SNDHWM"));
        assertSame(SocketOption.ROUTING_ID, SocketOption.valueOf("ZMQ_IDENTITY"));
        assertSame(SocketOption.ROUTING_ID, SocketOption.IDENTITY);
        assertSame(SocketOption.IMMEDIATE, SocketOption.DELAY_ATTACH_ON_CONNECT);
        assertEquals("ROUTER_MANDATORY", SocketOption.FAIL_UNROUTABLE.name());
        assertThrows(IllegalArgumentException.class, () -> SocketOption.valueOf("NO_SUCH_OPTION"));
        assertSame(ContextOption.BLOCKY, ContextOption.valueOf("ZMQ_BLOCKY"));
        assertEquals(Integer.class, SocketOption.LINGER.type());
        assertEquals(byte[].class, SocketOption.CURVE_SERVERKEY.type());
        assertEquals(SocketType.class, SocketOption.TYPE.type());
    }

    @Test
    void oldNamesWorkOnSockets() {
        try (Socket dealer = ctx.socket(SocketType.DEALER)) {
            @SuppressWarnings("deprecation")
            SocketOption<byte[]> identity = SocketOption.IDENTITY;
            dealer.set(identity, "old-name".getBytes(StandardCharsets.UTF_8));
            assertEquals("old-name", dealer.getString(SocketOption.ROUTING_ID));
        }
    }

    @Test
    void integerOptionsDoNotAllocatePerCall() {
        ThreadAllocation allocation = new ThreadAllocation();
        try (Socket s = ctx.socket(SocketType.DEALER)) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 100 && best >= 8; round++) {
                long before = allocation.bytes();
                int sum = 0;
                for (int i = 0; i < 50_000; i++) {
                    s.set(SocketOption.SNDHWM, 100);
                    sum += s.get(SocketOption.SNDHWM);
                }
                assertEquals(100 * 50_000, sum);
                best = Math.min(best, (allocation.bytes() - before) / 100_000);
            }
            assertTrue(best < 8, best + " bytes allocated per get or set, in the best round");
        }
    }
}
