// The ZeroMQ guide's wuclient ("Getting the Message Out", chapter 1), ported to zmq-ffm.
import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

/**
 * Weather update client: subscribes to one zip code and prints the average temperature of its
 * next 100 updates from {@code WuServer}.
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes examples/WuClient.java [zipcode [endpoint]]}
 * (defaults {@code "10001 "}, New York City, and {@code tcp://localhost:5556}).
 */
public class WuClient {
    public static void main(String[] args) {
        String filter = args.length > 0 ? args[0] : "10001 ";
        String endpoint = args.length > 1 ? args[1] : "tcp://localhost:5556";
        try (Context context = new Context()) {
            System.out.println("Collecting updates from weather server");
            Socket subscriber = context.socket(SocketType.SUB).connect(endpoint).subscribe(filter);
            long totalTemperature = 0;
            int updates = 100;
            for (int n = 0; n < updates; n++) {
                String[] fields = subscriber.receiveString().split(" ");   // zipcode, temperature, humidity
                totalTemperature += Integer.parseInt(fields[1]);
            }
            System.out.printf("Average temperature for zipcode '%s' was %d.%n", filter, totalTemperature / updates);
        }
    }
}
