package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Message;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The binding's floor: what one guarded downcall costs, against which every send and receive
 * cost can be read. Two of the shortest calls libzmq has: an integer option read on a socket
 * ({@code zmq_getsockopt}, through the socket's guard and a per-thread scratch buffer) and a
 * message's size ({@code zmq_msg_size}, through the message's guard).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DowncallBenchmark extends ShortRun {
    private Context context;
    private Socket socket;
    private Message message;

    @Setup(Level.Trial)
    public void setUp() {
        context = new Context();
        socket = context.socket(SocketType.PUSH);
        message = new Message(64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        message.close();
        context.close();
    }

    /** One guarded zmq_getsockopt(ZMQ_SNDHWM). */
    @Benchmark
    public int getIntOption() {
        return socket.get(SocketOption.SNDHWM);
    }

    /** One guarded zmq_msg_size. */
    @Benchmark
    public long messageSize() {
        return message.size();
    }
}
