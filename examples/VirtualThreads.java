import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * zmq-ffm on virtual threads, and its CompletableFuture bridges (the README's "Virtual threads
 * and async"). Run: {@code java --enable-native-access=ALL-UNNAMED -cp target/classes
 * examples/VirtualThreads.java}.
 */
public class VirtualThreads {
    public static void main(String[] args) throws Exception {
        // REQ/REP, each socket used by a virtual thread of its own. A blocking call parks the
        // virtual thread (its carrier runs other virtual threads meanwhile); the binding's
        // reactor unparks it when the socket is ready.
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP).bind("inproc://upper");
             Socket req = ctx.socket(SocketType.REQ).connect("inproc://upper");
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    rep.send(rep.receiveString().toUpperCase());
                }
                return null;
            });
            Future<List<String>> replies = threads.submit(() -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    req.send("hello " + i);
                    got.add(req.receiveString());
                }
                return got;
            });
            System.out.println("replies " + replies.get());
        }

        // The four asynchronous calls: futures complete in the order they were asked for, on a
        // virtual thread of the binding, so their actions may block.
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL).bind("inproc://jobs");
             Socket push = ctx.socket(SocketType.PUSH).connect("inproc://jobs")) {
            CompletableFuture<byte[]> frame = pull.receiveAsync();
            CompletableFuture<List<byte[]>> message = pull.receiveMultipartAsync();
            CompletableFuture<Void> sent = push.sendAsync(utf8("one"))
                    .thenCompose(done -> push.sendMultipartAsync(List.of(utf8("two"), utf8("three"))));
            sent.join();
            System.out.println("frame " + text(frame.join()) + ", message of " + message.join().size() + " frames");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
