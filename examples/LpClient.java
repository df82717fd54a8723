// The ZeroMQ guide's lpclient ("Client-Side Reliability (Lazy Pirate Pattern)", chapter 4), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.PollEvent;
import io.github.zmqffm.PollItem;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Lazy Pirate client: sends numbered requests and polls for each reply with a timeout; when
 * none comes it closes its REQ socket, opens a new one and asks again, and gives up after a
 * few tries. Start {@code LpServer}, then kill and restart it at will.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/LpClient.java [endpoint [timeout-ms [retries]]]}
 * (defaults {@code tcp://localhost:5555}, 2500 and 3).
 */
public class LpClient {
    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "tcp://localhost:5555";
        long timeoutMillis = args.length > 1 ? Long.parseLong(args[1]) : 2_500;    // longer than the server's work
        int retries = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (Context context = new Context(); Poller poller = new Poller()) {
            System.out.println("I: connecting to server");
            Socket client = context.socket(SocketType.REQ).connect(endpoint);
            PollItem replies = poller.register(client, PollEvent.IN);

            int sequence = 0;
            int retriesLeft = retries;
            while (retriesLeft > 0 && !Thread.currentThread().isInterrupted()) {
                String request = Integer.toString(++sequence);
                client.send(request);
                boolean expectReply = true;
                while (expectReply) {
                    if (poller.poll(timeoutMillis) > 0 && replies.isReadable()) {
                        String reply = client.receiveString();
                        if (Integer.parseInt(reply) == sequence) {
                            System.out.println("I: server replied OK (" + reply + ")");
                            retriesLeft = retries;
                            expectReply = false;
                        } else {
                            System.out.println("E: malformed reply from server: " + reply);
                        }
                    } else if (--retriesLeft == 0) {
                        System.out.println("E: server seems to be offline, abandoning");
                        break;
                    } else {
                        System.out.println("W: no response from server, retrying");
                        // The old socket waits for a reply that may never come: close it
                        // (LINGER 0 drops the request) and send again on a new one.
                        replies.unregister();
                        client.close();
                        System.out.println("I: reconnecting to server");
                        client = context.socket(SocketType.REQ).connect(endpoint);
                        replies = poller.register(client, PollEvent.IN);
                        client.send(request);
                    }
                }
            }
        }
    }
}
