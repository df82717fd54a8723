// The ZeroMQ guide's rtreq ("ROUTER Broker and REQ Workers", chapter 3), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Multipart;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.util.concurrent.ThreadLocalRandom;

/**
 * ROUTER broker and REQ workers in one process: each worker asks for work, the broker answers
 * whoever asked, reading the worker's address off the envelope, and after five seconds fires
 * them all.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/RtReq.java [port [workers [seconds]]]}
 * (defaults 5671, 10 and 5).
 */
public class RtReq {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5671;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 5;
        try (Context context = new Context()) {
            // The last "Fired!" may still be queued when the context closes: a LINGER lets the
            // close deliver it. The workers' threads keep the JVM until they have reported.
            Socket broker = context.socket(SocketType.ROUTER).set(SocketOption.LINGER, 1_000).bind("tcp://*:" + port);
            for (int n = 0; n < workers; n++) {
                Thread.ofPlatform().start(() -> work("tcp://localhost:" + port));
            }

            long end = System.nanoTime() + seconds * 1_000_000_000;
            int fired = 0;
            while (fired < workers) {
                Multipart request = broker.receiveMultipart();   // [worker address][""]["Hi Boss"]
                byte[] worker = request.unwrap();                 // takes off address and delimiter
                boolean done = System.nanoTime() - end >= 0;
                Multipart reply = Multipart.of(done ? "Fired!" : "Work harder");
                broker.sendMultipart(reply.wrap(worker));        // [worker address][""][reply]
                if (done) {
                    fired++;
                }
            }
        }
    }

    /** A worker, with a context of its own as if it were a process of its own. */
    static void work(String endpoint) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Context context = new Context()) {
            Socket worker = context.socket(SocketType.REQ)
                    .set(SocketOption.ROUTING_ID, String.format("%04X-%04X", random.nextInt(0x10000), random.nextInt(0x10000)))
                    .connect(endpoint);
            int total = 0;
            while (true) {
                worker.send("Hi Boss");                           // ready for work
                if (worker.receiveString().equals("Fired!")) {
                    break;
                }
                total++;
                Thread.sleep(random.nextInt(500) + 1);           // some random work
            }
            System.out.printf("Completed: %d tasks%n", total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
