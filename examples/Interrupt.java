// The ZeroMQ guide's interrupt ("Handling Interrupt Signals", chapter 2), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

/**
 * Shutting down on Ctrl-C: a shutdown hook closes the context, and the server thread, blocked
 * in a receive, gets ETERM ({@link ContextTerminatedException}), closes its socket and ends.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/Interrupt.java [endpoint]}
 * (default {@code tcp://*:5555}), then press Ctrl-C.
 */
public class Interrupt {
    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "tcp://*:5555";
        Context context = new Context();

        Thread server = new Thread(() -> {
            Socket socket = context.socket(SocketType.REP).bind(endpoint);
            System.out.println("I: answering on " + endpoint + ", Ctrl-C to stop");
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    socket.send(socket.receive());     // echo
                } catch (ContextTerminatedException e) {
                    break;                             // ETERM: the context is closing
                }
            }
            // After ETERM libzmq accepts exactly these two calls, and so does zmq-ffm.
            socket.set(SocketOption.LINGER, 0);
            socket.close();
            System.out.println("I: server socket closed");
        });

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("W: interrupt received, killing server...");
            context.close();
            server.interrupt();
            try {
                server.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        server.start();
    }
}
