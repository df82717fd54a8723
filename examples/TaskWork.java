// The ZeroMQ guide's taskwork ("Divide and Conquer", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Task worker: takes tasks from the ventilator, "works" for as many milliseconds as each says,
 * and reports each to the sink, until stopped (Ctrl-C).
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/TaskWork.java [tasks-endpoint [sink-endpoint]]}
 * (defaults {@code tcp://localhost:5557} and {@code tcp://localhost:5558}).
 */
public class TaskWork {
    public static void main(String[] args) throws InterruptedException {
        String tasks = args.length > 0 ? args[0] : "tcp://localhost:5557";
        String sink = args.length > 1 ? args[1] : "tcp://localhost:5558";
        try (Context context = new Context()) {
            Socket receiver = context.socket(SocketType.PULL).connect(tasks);
            Socket sender = context.socket(SocketType.PUSH).connect(sink);
            while (!Thread.currentThread().isInterrupted()) {
                String workload = receiver.receiveString();
                System.out.print(workload + ".");     // progress, for the viewer
                System.out.flush();
                Thread.sleep(Long.parseLong(workload));
                sender.send("");
            }
        }
    }
}
