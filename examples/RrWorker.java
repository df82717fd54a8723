// The ZeroMQ guide's rrworker ("A Request-Reply Broker", chapter 2), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Request-reply worker: connects a REP socket to {@code RrBroker}'s backend and answers "World"
 * to each request after a second of "work", until stopped (Ctrl-C).
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/RrWorker.java [endpoint [work-ms]]}
 * (defaults {@code tcp://localhost:5560} and 1000).
 */
public class RrWorker {
    public static void main(String[] args) throws InterruptedException {
        String endpoint = args.length > 0 ? args[0] : "tcp://localhost:5560";
        long workMillis = args.length > 1 ? Long.parseLong(args[1]) : 1_000;
        try (Context context = new Context()) {
            Socket responder = context.socket(SocketType.REP).connect(endpoint);
            while (!Thread.currentThread().isInterrupted()) {
                String request = responder.receiveString();
                System.out.printf("Received request: [%s]%n", request);
                Thread.sleep(workMillis);
                responder.send("World");
            }
        }
    }
}
