package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(20)
class SmokeTest {
    @Test
    void reqRep() {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.lastEndpoint());
            req.send("hello");
            String s = rep.receiveString();
            assertEquals("hello", s);
            rep.send(s.getBytes(StandardCharsets.UTF_8));
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), req.receive());
        }
    }

    @Test
    void contextCloseWakesReceiver() throws Exception {
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("inproc://x");
        CompletableFuture<Throwable> f = CompletableFuture.supplyAsync(() -> {
            try { pull.receive(); return null; } catch (Throwable t) { return t; }
        });
        while (!f.isDone() && !pullWaiting(pull)) Thread.onSpinWait();
        ctx.close();
        Throwable t = f.get(5, TimeUnit.SECONDS);
        assertInstanceOf(ContextTerminatedException.class, t, String.valueOf(t));
        assertThrows(IllegalStateException.class, pull::receive);
    }

    private static boolean pullWaiting(Socket s) { return s.handle.waiterActive(); }

    @Test
    void interruptWakesReceiver() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("inproc://y");
            push.connect("inproc://y");
            Thread[] th = new Thread[1];
            CompletableFuture<Throwable> f = new CompletableFuture<>();
            th[0] = Thread.ofPlatform().start(() -> {
                try { pull.receive(); f.complete(null); } catch (Throwable t) { f.complete(t); }
                Thread.interrupted();
            });
            while (!pullWaiting(pull)) Thread.onSpinWait();
            th[0].interrupt();
            Throwable t = f.get(5, TimeUnit.SECONDS);
            assertInstanceOf(ZmqInterruptedException.class, t);
            th[0].join();
            push.send("after");
            assertEquals("after", pull.receiveString());
        }
    }

    @Test
    void errors() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.REQ)) {
            ZmqException e = assertThrows(ZmqException.class, () -> s.bind("tcp://127.0.0.1:99999"));
            System.out.println(e.getMessage());
            e = assertThrows(ZmqException.class, () -> s.bind("bogus://x"));
            System.out.println(e.getMessage());
            e = assertThrows(ZmqException.class, s::receive);
            System.out.println(e.getMessage());
            assertEquals(Errno.EFSM, e.errno());
            s.close();
            s.close();
            assertThrows(IllegalStateException.class, () -> s.send("x"));
        }
    }
}
