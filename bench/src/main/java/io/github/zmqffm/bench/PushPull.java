package io.github.zmqffm.bench;

import io.github.zmqffm.Context;
import io.github.zmqffm.Message;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.lang.foreign.MemorySegment;

/**
 * A connected PUSH/PULL pair: on one context of its own ({@link #open}), for benchmarks that
 * send and receive on one thread (libzmq's I/O thread does the transport work in between), so
 * that a two-core machine measures the binding rather than thread hand-offs; or with a context
 * per side ({@link #apart}), as two processes would be.
 */
public final class PushPull implements AutoCloseable {
    public final Context context;
    private final Context pushContext;
    public final Socket push;
    public final Socket pull;
    private final LocalEndpoint endpoint;

    private PushPull(String transport, boolean apart) {
        endpoint = new LocalEndpoint(transport);
        context = new Context();
        pushContext = apart && !transport.equals("inproc") ? new Context() : context;
        push = pushContext.socket(SocketType.PUSH);
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
        return new PushPull(transport, false);
    }

    /**
     * Opens a pair whose sockets have a context (and so an I/O thread) each, like a sender and a
     * receiver in two processes; inproc, which only works within one context, shares one.
     *
     * @param transport "inproc", "tcp" (loopback) or "ipc"
     * @return the connected pair
     */
    public static PushPull apart(String transport) {
        return new PushPull(transport, true);
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
        if (pushContext != context) {
            pushContext.close();
        }
        context.close();
        endpoint.close();
    }
}
