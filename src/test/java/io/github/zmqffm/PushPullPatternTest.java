package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The guide's parallel pipeline: a ventilator fans tasks out, a sink fans results in. */
@Timeout(30)
class PushPullPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fanOutDealsTasksRoundRobin(Transport transport) {
        Socket ventilator = zmq.socket(SocketType.PUSH);
        Socket worker1 = zmq.socket(SocketType.PULL);
        Socket worker2 = zmq.socket(SocketType.PULL);
        // Connecting creates each pipe at once, so both workers are in the rotation from the start.
        ventilator.connect(transport.bind(worker1));
        ventilator.connect(transport.bind(worker2));

        for (int task = 0; task < 6; task++) {
            ventilator.send("task " + task);
        }
        List<String> got1 = receive(worker1, 3);
        List<String> got2 = receive(worker2, 3);
        assertEquals(List.of("task 0", "task 2", "task 4"), got1);
        assertEquals(List.of("task 1", "task 3", "task 5"), got2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fanInCollectsEveryResultInEachSendersOrder(Transport transport) {
        Socket sink = zmq.socket(SocketType.PULL);
        Socket worker1 = zmq.socket(SocketType.PUSH);
        Socket worker2 = zmq.socket(SocketType.PUSH);
        String endpoint = transport.bind(sink);
        worker1.connect(endpoint);
        worker2.connect(endpoint);

        for (int i = 0; i < 3; i++) {
            worker1.send("w1 result " + i);
            worker2.send("w2 result " + i);
        }
        List<String> all = receive(sink, 6);
        assertEquals(List.of("w1 result 0", "w1 result 1", "w1 result 2"),
                all.stream().filter(s -> s.startsWith("w1")).toList());
        assertEquals(List.of("w2 result 0", "w2 result 1", "w2 result 2"),
                all.stream().filter(s -> s.startsWith("w2")).toList());
    }

    private static List<String> receive(Socket pull, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(pull.receiveString());
        }
        return out;
    }
}
