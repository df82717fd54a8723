// The ZeroMQ guide's hwserver ("Ask and Ye Shall Receive", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Hello World server: a REP socket answers each request with "World" after a second of "work",
 * until the process is stopped (Ctrl-C). Run it, then {@code HwClient}:
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/HwServer.java [endpoint [work-ms]]}
 * (defaults {@code tcp://*:5555} and 1000).
 */
public class HwServer {
    public static void main(String[] args) throws InterruptedException {
        String endpoint = args.length > 0 ? args[0] : "tcp://*:5555";
        long workMillis = args.length > 1 ? Long.parseLong(args[1]) : 1_000;
        try (Context context = new Context()) {
            // Left to its context, as in the guide: the context keeps it until it closes.
            Socket responder = context.socket(SocketType.REP).bind(endpoint);
            while (!Thread.currentThread().isInterrupted()) {
                System.out.println("Received [" + responder.receiveString() + "]");
                Thread.sleep(workMillis);
                responder.send("World");
            }
        }
    }
}
