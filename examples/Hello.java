import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.Zmq;

/**
 * ZeroMQ's "Hello World" with zmq-ffm: a REP server on its own thread answers a REQ client
 * over tcp. Run it with {@code mvn -q compile exec:exec@hello}, or by hand (JDK 23+):
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/Hello.java}
 */
public class Hello {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("libzmq " + Zmq.version() + " from " + Zmq.libraryPath());
        try (Context ctx = new Context();
             Socket server = ctx.socket(SocketType.REP);
             Socket client = ctx.socket(SocketType.REQ)) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint());

            Thread serving = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 3; i++) {
                    String request = server.receiveString();
                    server.send(request.replace("Hello", "World"));
                }
            });
            for (int i = 0; i < 3; i++) {
                client.send("Hello " + i);
                System.out.println("sent Hello " + i + ", got " + client.receiveString());
            }
            serving.join();     // a socket is used by one thread at a time: close after the server is done
        }
    }
}
