package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Message;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.lang.foreign.MemorySegment;

/**
 * A connected PUSH/PULL pair on its own context, for benchmarks that send and receive on one
 * thread (libzmq's I/O thread does the transport work in between), so that a two-core machine
 * measures the binding rather than thread hand-offs.
 */
public final class PushPull implements AutoCloseable {
    public final Context context;
    public final Socket push;
    public final Socket pull;
    private final LocalEndpoint endpoint;

    private PushPull(String transport) {
        endpoint = new LocalEndpoint(transport);
        context = new Context();
        push = context.socket(SocketType.PUSH);
        pull = context.socket(SocketType.PULL);
        pull.bind(endpoint.bindable());
        push.connect(pull.lastEndpoint());
    }

    /**
     * Opens a pair.
     *
     * @param transport "inproc", "tcp" (loopback) or "ipc"
     * @return the connected pair
     */
    public static PushPull open(String transport) {
        return new PushPull(transport);
    }

    /**
     * Sends {@code frames} copies of {@code payload}: the window a benchmark keeps in flight.
     *
     * @param frames how many
     * @param payload the frame
     */
    public void fill(int frames, MemorySegment payload) {
        for (int i = 0; i < frames; i++) {
            push.send(payload);
        }
    }

    /**
     * Receives {@code frames} frames into {@code into}: the window left in flight.
     *
     * @param frames how many
     * @param into a reused message
     */
    public void drain(int frames, Message into) {
        for (int i = 0; i < frames; i++) {
            pull.receive(into);
        }
    }

    @Override
    public void close() {
        context.close();
        endpoint.close();
    }
}
