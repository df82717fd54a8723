// The ZeroMQ guide's tasksink ("Divide and Conquer", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Task sink: waits for the start of a batch, collects the 100 results of the workers, and says
 * how long the batch took.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/TaskSink.java [endpoint]}
 * (default {@code tcp://*:5558}).
 */
public class TaskSink {
    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "tcp://*:5558";
        try (Context context = new Context()) {
            Socket receiver = context.socket(SocketType.PULL).bind(endpoint);
            System.out.println("Waiting for a batch on " + endpoint);
            receiver.receive();                        // the ventilator's "0"
            long start = System.nanoTime();
            for (int task = 0; task < 100; task++) {
                receiver.receive();
                System.out.print(task % 10 == 0 ? ":" : ".");
            }
            System.out.println();
            System.out.println("Total elapsed time: " + (System.nanoTime() - start) / 1_000_000 + " msec");
        }
    }
}
