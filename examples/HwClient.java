// The ZeroMQ guide's hwclient ("Ask and Ye Shall Receive", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Hello World client: a REQ socket sends "Hello" and waits for each reply, ten times.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/HwClient.java [endpoint [requests]]}
 * (defaults {@code tcp://localhost:5555} and 10). Pointed at {@code RrBroker}'s frontend
 * ({@code tcp://localhost:5559}) it is the guide's rrclient too.
 */
public class HwClient {
    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "tcp://localhost:5555";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (Context context = new Context()) {
            System.out.println("Connecting to hello world server");
            Socket requester = context.socket(SocketType.REQ).connect(endpoint);
            for (int n = 0; n < requests; n++) {
                System.out.println("Sending Hello " + n);
                requester.send("Hello");
                System.out.println("Received " + requester.receiveString() + " " + n);
            }
        }
    }
}
