// The ZeroMQ guide's taskvent ("Divide and Conquer", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.io.IOException;
import java.util.Random;

/**
 * Task ventilator: once Enter is pressed, tells the sink that a batch starts and deals 100
 * tasks (a workload of 1 to 100 ms each) to the workers. Start {@code TaskSink} and a few
 * {@code TaskWork} first.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/TaskVent.java [workers-endpoint [sink-endpoint]]}
 * (defaults {@code tcp://*:5557} and {@code tcp://localhost:5558}).
 */
public class TaskVent {
    public static void main(String[] args) throws IOException {
        String workers = args.length > 0 ? args[0] : "tcp://*:5557";
        String sinkEndpoint = args.length > 1 ? args[1] : "tcp://localhost:5558";
        try (Context context = new Context()) {
            // Where the guide sleeps a second "to give 0MQ time to deliver", a LINGER makes the
            // context's close wait until the tasks are delivered (5 s at most).
            Socket sender = context.socket(SocketType.PUSH).set(SocketOption.LINGER, 5_000).bind(workers);
            Socket sink = context.socket(SocketType.PUSH).set(SocketOption.LINGER, 5_000).connect(sinkEndpoint);

            System.out.println("Press Enter when the workers are ready: ");
            System.in.read();
            System.out.println("Sending tasks to workers");
            sink.send("0");                       // "0" starts the batch

            Random random = new Random();
            int expectedMillis = 0;
            for (int task = 0; task < 100; task++) {
                int workload = random.nextInt(100) + 1;
                expectedMillis += workload;
                System.out.print(workload + ".");
                sender.send(Integer.toString(workload));
            }
            System.out.println();
            System.out.println("Total expected cost: " + expectedMillis + " msec");
        }
    }
}
