// The ZeroMQ guide's wuserver ("Getting the Message Out", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.util.Random;

/**
 * Weather update server: publishes random "zipcode temperature humidity" updates as fast as it
 * can, until stopped (Ctrl-C). (The guide also binds {@code ipc://weather}.)
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/WuServer.java [endpoint]}
 * (default {@code tcp://*:5556}).
 */
public class WuServer {
    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "tcp://*:5556";
        try (Context context = new Context()) {
            Socket publisher = context.socket(SocketType.PUB).bind(endpoint);
            Random random = new Random();
            while (!Thread.currentThread().isInterrupted()) {
                int zipcode = 10_000 + random.nextInt(10_000);
                int temperature = random.nextInt(215) - 80;
                int humidity = random.nextInt(50) + 10;
                publisher.send(String.format("%05d %d %d", zipcode, temperature, humidity));
            }
        }
    }
}
