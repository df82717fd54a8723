// The ZeroMQ guide's syncpub ("Node Coordination", chapter 2), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

/**
 * Synchronized publisher: waits until the expected subscribers have checked in over REQ/REP,
 * then publishes a million updates and "END". Start it, then the {@code SyncSub}s.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/SyncPub.java [pub-endpoint [sync-endpoint [subscribers [updates]]]]}
 * (defaults {@code tcp://*:5561}, {@code tcp://*:5562}, 10 and 1000000).
 */
public class SyncPub {
    public static void main(String[] args) {
        String pubEndpoint = args.length > 0 ? args[0] : "tcp://*:5561";
        String syncEndpoint = args.length > 1 ? args[1] : "tcp://*:5562";
        int expected = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int updates = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        try (Context context = new Context()) {
            // Left to the context, whose close honours this LINGER: "END" is delivered, not
            // dropped. SNDHWM 0 (no limit) keeps the PUB from dropping what slow subscribers
            // cannot take yet; it must be set before the bind.
            Socket publisher = context.socket(SocketType.PUB)
                    .set(SocketOption.LINGER, 5_000)
                    .set(SocketOption.SNDHWM, 0)
                    .bind(pubEndpoint);
            Socket syncService = context.socket(SocketType.REP).bind(syncEndpoint);

            System.out.println("Waiting for subscribers");
            for (int subscribers = 0; subscribers < expected; subscribers++) {
                syncService.receive();               // a subscriber is ready
                syncService.send("");
            }
            System.out.println("Broadcasting messages");
            for (int n = 0; n < updates; n++) {
                publisher.send("Rhubarb");
            }
            publisher.send("END");
        }
    }
}
