// The ZeroMQ guide's rrbroker ("A Request-Reply Broker", chapter 2), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.PollEvent;
import io.github.zmqffm.PollItem;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Request-reply broker: a ROUTER for the clients, a DEALER for the workers, and a poller
 * that moves every message across, frame by frame, until stopped (Ctrl-C). Clients are
 * {@code HwClient tcp://localhost:5559}, workers {@code RrWorker}.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/RrBroker.java [frontend [backend]]}
 * (defaults {@code tcp://*:5559} and {@code tcp://*:5560}).
 */
public class RrBroker {
    public static void main(String[] args) {
        String frontendEndpoint = args.length > 0 ? args[0] : "tcp://*:5559";
        String backendEndpoint = args.length > 1 ? args[1] : "tcp://*:5560";
        try (Context context = new Context(); Poller poller = new Poller()) {
            Socket frontend = context.socket(SocketType.ROUTER).bind(frontendEndpoint);
            Socket backend = context.socket(SocketType.DEALER).bind(backendEndpoint);
            System.out.println("launch and connect broker.");

            PollItem fromClients = poller.register(frontend, PollEvent.IN);
            PollItem fromWorkers = poller.register(backend, PollEvent.IN);
            while (!Thread.currentThread().isInterrupted()) {
                poller.poll();
                if (fromClients.isReadable()) {
                    forward(frontend, backend);
                }
                if (fromWorkers.isReadable()) {
                    forward(backend, frontend);
                }
            }
        }
    }

    /** Moves one whole message; each frame goes on with the "more" flag it came with. */
    static void forward(Socket from, Socket to) {
        boolean more;
        do {
            byte[] frame = from.receive();
            more = from.hasMore();
            to.send(frame, more);
        } while (more);
    }
}
