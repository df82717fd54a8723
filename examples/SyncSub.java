// The ZeroMQ guide's syncsub ("Node Coordination", chapter 2), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.util.EnumSet;

/**
 * Synchronized subscriber: subscribes, tells the publisher it is ready, and counts updates
 * until "END".
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/SyncSub.java [pub-endpoint [sync-endpoint]]}
 * (defaults {@code tcp://localhost:5561} and {@code tcp://localhost:5562}).
 */
public class SyncSub {
    public static void main(String[] args) {
        String pubEndpoint = args.length > 0 ? args[0] : "tcp://localhost:5561";
        String syncEndpoint = args.length > 1 ? args[1] : "tcp://localhost:5562";
        try (Context context = new Context()) {
            Socket subscriber = context.socket(SocketType.SUB).subscribe("");
            // The subscription travels on its own connection, and a publisher drops what it sends
            // before the subscription arrives. The guide's C version sleeps a second here; this
            // waits until the connection is up, when the subscription goes out at once.
            try (Monitor connection = subscriber.monitor(EnumSet.of(MonitorEvent.Type.HANDSHAKE_SUCCEEDED))) {
                subscriber.connect(pubEndpoint);
                connection.receive();
            }
            Socket syncClient = context.socket(SocketType.REQ).connect(syncEndpoint);
            syncClient.send("");
            syncClient.receive();

            int updates = 0;
            while (!subscriber.receiveString().equals("END")) {
                updates++;
            }
            System.out.println("Received " + updates + " updates.");
        }
    }
}
