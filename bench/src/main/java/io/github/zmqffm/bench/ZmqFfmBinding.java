package io.github.zmqffm.bench;

import io.github.zmqffm.ContextOption;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * zmq-ffm under test, in one of its copy styles: {@code send(byte[])}/{@code receive(byte[])}
 * with arrays reused for every frame (what a Java caller usually has), or
 * {@code send(MemorySegment)}/{@code receive(MemorySegment)} with native buffers (the closest
 * to C's {@code zmq_send}/{@code zmq_recv}).
 */
final class ZmqFfmBinding implements Binding {
    /** How frames travel between Java and libzmq. */
    enum Style { BYTES, SEGMENT }

    private final Style style;

    ZmqFfmBinding(Style style) {
        this.style = style;
    }

    @Override
    public Binding.Context context(int ioThreads) {
        io.github.zmqffm.Context context = new io.github.zmqffm.Context().set(ContextOption.IO_THREADS, ioThreads);
        return new Binding.Context() {
            @Override
            public Binding.Socket bind(Kind kind, String endpoint, int size) {
                io.github.zmqffm.Socket socket = open(context, kind);
                socket.bind(endpoint);
                return wrap(socket, size);
            }

            @Override
            public Binding.Socket connect(Kind kind, String endpoint, int size) {
                io.github.zmqffm.Socket socket = open(context, kind);
                socket.connect(endpoint);
                return wrap(socket, size);
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    private static io.github.zmqffm.Socket open(io.github.zmqffm.Context context, Kind kind) {
        return context.socket(SocketType.valueOf(kind.name())).set(SocketOption.LINGER, -1);
    }

    private Binding.Socket wrap(io.github.zmqffm.Socket socket, int size) {
        return style == Style.BYTES ? new Bytes(socket, size) : new Segments(socket, size);
    }

    /** What both styles share: the socket, its endpoint and its close. */
    private abstract static class Styled implements Binding.Socket {
        final io.github.zmqffm.Socket socket;

        Styled(io.github.zmqffm.Socket socket) {
            this.socket = socket;
        }

        @Override
        public String lastEndpoint() {
            return socket.lastEndpoint();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** Reused heap arrays; the binding passes them to libzmq without a copy of its own. */
    private static final class Bytes extends Styled {
        private final byte[] out;
        private final byte[] in;

        Bytes(io.github.zmqffm.Socket socket, int size) {
            super(socket);
            out = new byte[size];
            in = new byte[size];
        }

        @Override
        public void send() {
            socket.send(out);
        }

        @Override
        public int receive() {
            return socket.receive(in);
        }
    }

    /** Reused native buffers from a shared arena, so any thread may use them. */
    private static final class Segments extends Styled {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment out;
        private final MemorySegment in;

        Segments(io.github.zmqffm.Socket socket, int size) {
            super(socket);
            out = arena.allocate(size);
            in = arena.allocate(size);
        }

        @Override
        public void send() {
            socket.send(out);
        }

        @Override
        public int receive() {
            return socket.receive(in);
        }

        @Override
        public void close() {
            super.close();
            arena.close();
        }
    }
}
