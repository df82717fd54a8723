// The ZeroMQ guide's mspoller ("Handling Multiple Sockets", chapter 2), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.PollEvent;
import io.github.zmqffm.PollItem;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Reading from two sockets with a poller: tasks from {@code TaskVent} and weather updates for
 * zip code 10001 from {@code WuServer}, until stopped (Ctrl-C).
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/MsPoller.java [tasks-endpoint [weather-endpoint]]}
 * (defaults {@code tcp://localhost:5557} and {@code tcp://localhost:5556}).
 */
public class MsPoller {
    public static void main(String[] args) {
        String tasks = args.length > 0 ? args[0] : "tcp://localhost:5557";
        String weather = args.length > 1 ? args[1] : "tcp://localhost:5556";
        try (Context context = new Context(); Poller poller = new Poller()) {
            Socket receiver = context.socket(SocketType.PULL).connect(tasks);
            Socket subscriber = context.socket(SocketType.SUB).connect(weather).subscribe("10001 ");

            PollItem task = poller.register(receiver, PollEvent.IN);
            PollItem update = poller.register(subscriber, PollEvent.IN);
            while (!Thread.currentThread().isInterrupted()) {
                poller.poll();
                if (task.isReadable()) {
                    receiver.receive();
                    System.out.println("Process task");
                }
                if (update.isReadable()) {
                    subscriber.receive();
                    System.out.println("Process weather update");
                }
            }
        }
    }
}
