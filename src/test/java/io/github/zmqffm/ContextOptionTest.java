package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ContextOptionTest {
    private static <T> void roundTrip(ContextOption<T> option, T before, T value) {
        try (Context ctx = new Context()) {
            assertEquals(before, ctx.get(option), option + " default");
            assertTrue(ctx.set(option, value) == ctx, "set returns the context");
            assertEquals(value, ctx.get(option), option.name());
        }
    }

    @Test
    void readableWritableOptionsRoundTrip() {
        roundTrip(ContextOption.IO_THREADS, 1, 2);
        roundTrip(ContextOption.MAX_SOCKETS, 1023, 100);
        roundTrip(ContextOption.IPV6, false, true);
        roundTrip(ContextOption.BLOCKY, true, false);
        roundTrip(ContextOption.MAX_MSGSZ, Integer.MAX_VALUE, 1 << 20);
        roundTrip(ContextOption.THREAD_SCHED_POLICY, -1, 0);
        roundTrip(ContextOption.THREAD_NAME_PREFIX, 0, 7);
    }

    @Test
    void readOnlyOptionsReadAndRefuseWrites() {
        try (Context ctx = new Context()) {
            assertTrue(ctx.get(ContextOption.SOCKET_LIMIT) >= 1023);
            assertEquals(64, ctx.get(ContextOption.MSG_T_SIZE));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ctx.set(ContextOption.SOCKET_LIMIT, 10));
            assertTrue(e.getMessage().contains("SOCKET_LIMIT") && e.getMessage().contains("read-only"));
            assertThrows(IllegalArgumentException.class, () -> ctx.set(ContextOption.MSG_T_SIZE, 64));
        }
    }

    @Test
    void writeOnlyThreadOptionsAreAcceptedAndRefuseReads() {
        try (Context ctx = new Context()) {
            ctx.set(ContextOption.THREAD_PRIORITY, 0)
                    .set(ContextOption.THREAD_AFFINITY_CPU_ADD, 0)
                    .set(ContextOption.THREAD_AFFINITY_CPU_REMOVE, 0);
            for (ContextOption<Integer> o : java.util.List.of(ContextOption.THREAD_PRIORITY,
                    ContextOption.THREAD_AFFINITY_CPU_ADD, ContextOption.THREAD_AFFINITY_CPU_REMOVE)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ctx.get(o));
                assertTrue(e.getMessage().contains(o.name()) && e.getMessage().contains("write-only"));
            }
            ZmqException e = assertThrows(ZmqException.class, () -> ctx.set(ContextOption.THREAD_AFFINITY_CPU_REMOVE, 0),
                    "CPU 0 is no longer in the set");
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("THREAD_AFFINITY_CPU_REMOVE to 0"), e.getMessage());
        }
    }

    @Test
    void aValueLibzmqRejectsNamesTheOptionAndTheValue() {
        try (Context ctx = new Context()) {
            ZmqException e = assertThrows(ZmqException.class, () -> ctx.set(ContextOption.IO_THREADS, -1));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("IO_THREADS") && e.getMessage().contains("-1"), e.getMessage());
            assertEquals(1, ctx.get(ContextOption.IO_THREADS));
        }
    }

    @Test
    void zeroCopyRecvIsADraftOption() {
        assertTrue(ContextOption.ZERO_COPY_RECV.isDraft());
        assertFalse(ContextOption.ZERO_COPY_RECV.isSupported());
        try (Context ctx = new Context()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> ctx.get(ContextOption.ZERO_COPY_RECV));
            assertTrue(e.getMessage().contains("ZERO_COPY_RECV") && e.getMessage().contains("draft"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> ctx.set(ContextOption.ZERO_COPY_RECV, false));
        }
    }

    @Test
    void maxSocketsLimitsTheContext() {
        try (Context ctx = new Context().set(ContextOption.MAX_SOCKETS, 1); Socket only = ctx.socket(SocketType.PAIR)) {
            ZmqException e = assertThrows(ZmqException.class, () -> ctx.socket(SocketType.PAIR));
            assertEquals(Errno.EMFILE, e.errno());
        }
    }

    @Test
    void ipv6OfTheContextIsTheDefaultOfItsSockets() {
        try (Context ctx = new Context().set(ContextOption.IPV6, true); Socket s = ctx.socket(SocketType.PAIR)) {
            assertTrue(s.get(SocketOption.IPV6));
        }
    }

    @Test
    void closedContextRefusesOptions() {
        Context ctx = new Context();
        ctx.close();
        assertThrows(ContextTerminatedException.class, () -> ctx.get(ContextOption.IO_THREADS));
        assertThrows(ContextTerminatedException.class, () -> ctx.set(ContextOption.IO_THREADS, 2));
        assertThrows(IllegalArgumentException.class, () -> ctx.set(ContextOption.MSG_T_SIZE, 1),
                "misuse is reported before the context is even looked at");
    }

    @Test
    void threadOptionsThatWouldAbortTheProcessAreRefused() {
        try (Context ctx = new Context()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ctx.set(ContextOption.THREAD_SCHED_POLICY, 6));
            assertTrue(e.getMessage().contains("THREAD_SCHED_POLICY 6") && e.getMessage().contains("abort"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ctx.set(ContextOption.THREAD_AFFINITY_CPU_ADD, 65_536));
            assertTrue(e.getMessage().contains("65536"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ctx.set(ContextOption.THREAD_PRIORITY, 100));
            // SCHED_FIFO without a real-time priority: libzmq's I/O threads would abort at start.
            ctx.set(ContextOption.THREAD_SCHED_POLICY, 1);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ctx.socket(SocketType.PAIR));
            assertTrue(refused.getMessage().contains("THREAD_PRIORITY"), refused.getMessage());
            ctx.set(ContextOption.THREAD_SCHED_POLICY, 0).set(ContextOption.THREAD_AFFINITY_CPU_ADD, 0);
            try (Socket s = ctx.socket(SocketType.PAIR)) {
                assertEquals(SocketType.PAIR, s.type());
            }
        }
    }
}
