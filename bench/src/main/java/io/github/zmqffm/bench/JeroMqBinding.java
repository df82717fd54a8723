package io.github.zmqffm.bench;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * JeroMQ (pure Java ZeroMQ) under test, with {@code send(byte[], 0)} and
 * {@code recv(byte[], 0, length, 0)} into reused arrays, its cheapest blocking calls. JeroMQ's
 * {@code ipc://} is TCP on the loopback interface (a port derived from the path), so its ipc
 * numbers are TCP numbers and it cannot talk to libzmq over ipc.
 */
final class JeroMqBinding implements Binding {
    @Override
    public Binding.Context context(int ioThreads) {
        ZMQ.Context context = ZMQ.context(ioThreads);
        return new Binding.Context() {
            @Override
            public Binding.Socket bind(Kind kind, String endpoint, int size) {
                ZMQ.Socket socket = open(context, kind);
                socket.bind(endpoint);
                return new Sock(socket, size);
            }

            @Override
            public Binding.Socket connect(Kind kind, String endpoint, int size) {
                ZMQ.Socket socket = open(context, kind);
                socket.connect(endpoint);
                return new Sock(socket, size);
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    private static ZMQ.Socket open(ZMQ.Context context, Kind kind) {
        ZMQ.Socket socket = context.socket(SocketType.valueOf(kind.name()));
        socket.setLinger(-1);
        return socket;
    }

    private static final class Sock implements Binding.Socket {
        private final ZMQ.Socket socket;
        private final byte[] out;
        private final byte[] in;

        Sock(ZMQ.Socket socket, int size) {
            this.socket = socket;
            out = new byte[size];
            in = new byte[size];
        }

        @Override
        public boolean send() {
            if (socket.send(out, 0)) {
                return true;
            }
            if (socket.errno() == ZMQ.Error.EAGAIN.getCode()) {
                return false;
            }
            throw new IllegalStateException("JeroMQ send failed: errno " + socket.errno());
        }

        @Override
        public void giveUpAfter(int millis) {
            socket.setSendTimeOut(millis);
            socket.setLinger(0);
        }

        @Override
        public int receive() {
            int n = socket.recv(in, 0, in.length, 0);
            if (n < 0) {
                throw new IllegalStateException("JeroMQ receive failed: errno " + socket.errno());
            }
            return n;
        }

        @Override
        public String lastEndpoint() {
            return socket.getLastEndpoint();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
