// The ZeroMQ guide's lpserver ("Client-Side Reliability (Lazy Pirate Pattern)", chapter 4), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.util.Random;

/**
 * Lazy Pirate server: echoes each request after a second of "work", but after a few requests
 * now and then runs slowly, or exits to simulate a crash.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/LpServer.java [endpoint [work-ms]]}
 * (defaults {@code tcp://*:5555} and 1000; an overload takes twice the work time more).
 */
public class LpServer {
    public static void main(String[] args) throws InterruptedException {
        String endpoint = args.length > 0 ? args[0] : "tcp://*:5555";
        long workMillis = args.length > 1 ? Long.parseLong(args[1]) : 1_000;
        Random random = new Random();
        try (Context context = new Context()) {
            Socket server = context.socket(SocketType.REP).bind(endpoint);
            for (int cycles = 1; ; cycles++) {
                String request = server.receiveString();
                if (cycles > 3 && random.nextInt(3) == 0) {
                    System.out.println("I: simulating a crash");
                    break;
                } else if (cycles > 3 && random.nextInt(3) == 0) {
                    System.out.println("I: simulating CPU overload");
                    Thread.sleep(2 * workMillis);
                }
                System.out.println("I: normal request (" + request + ")");
                Thread.sleep(workMillis);
                server.send(request);
            }
        }
    }
}
