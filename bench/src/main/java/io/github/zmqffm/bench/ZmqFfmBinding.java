package io.github.zmqffm.bench;

import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Message;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * zmq-ffm under test, in one of its styles, each reusing its buffers for every frame:
 * <ul>
 * <li>{@code bytes}: {@code send(byte[])}/{@code receive(byte[])}, what a Java caller usually has;</li>
 * <li>{@code segment}: {@code send(MemorySegment)}/{@code receive(MemorySegment)} with native
 *     buffers, the closest to C's {@code zmq_send}/{@code zmq_recv};</li>
 * <li>{@code message}: a reused {@link Message} rebuilt from a native buffer (one copy) and sent;
 *     received into a reused Message, read in place without a copy;</li>
 * <li>{@code zerocopy}: the native buffer lent to libzmq ({@code Message.rebuild(segment,
 *     onRelease)}), received as in {@code message}.</li>
 * </ul>
 */
final class ZmqFfmBinding implements Binding {
    /** How frames travel between Java and libzmq. */
    enum Style { BYTES, SEGMENT, MESSAGE, ZEROCOPY }

    private final Style style;
    /** The contexts' spin budget in microseconds; -1 leaves the library's default. */
    private final long spinMicros;

    ZmqFfmBinding(Style style, long spinMicros) {
        this.style = style;
        this.spinMicros = spinMicros;
    }

    @Override
    public Binding.Context context(int ioThreads) {
        io.github.zmqffm.Context context = new io.github.zmqffm.Context().set(ContextOption.IO_THREADS, ioThreads);
        if (spinMicros >= 0) {
            context.setSpinBudget(Duration.ofNanos(spinMicros * 1_000));
        }
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
        return switch (style) {
            case BYTES, SEGMENT -> new Copies(socket, size, style == Style.BYTES);
            case MESSAGE, ZEROCOPY -> new Messages(socket, size, style == Style.ZEROCOPY);
        };
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
        public void giveUpAfter(int millis) {
            socket.set(SocketOption.SNDTIMEO, millis).set(SocketOption.LINGER, 0);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /**
     * Reused copy buffers: heap arrays, which the binding passes to libzmq without a copy of its
     * own, or native memory from an automatic arena, which any thread may use.
     */
    private static final class Copies extends Styled {
        private final boolean heap;
        private final byte[] arrayOut;
        private final byte[] arrayIn;
        private final MemorySegment segmentOut;
        private final MemorySegment segmentIn;

        Copies(io.github.zmqffm.Socket socket, int size, boolean heap) {
            super(socket);
            this.heap = heap;
            arrayOut = heap ? new byte[size] : null;
            arrayIn = heap ? new byte[size] : null;
            segmentOut = heap ? null : Arena.ofAuto().allocate(size);
            segmentIn = heap ? null : Arena.ofAuto().allocate(size);
        }

        @Override
        public boolean send() {
            return heap ? socket.send(arrayOut) : socket.send(segmentOut);
        }

        @Override
        public int receive() {
            return heap ? socket.receive(arrayIn) : socket.receive(segmentIn);
        }
    }

    /**
     * Reused messages. The payload comes from an automatic arena, whose memory lives as long as
     * it is referenced, so that libzmq may hold it for a zero-copy send.
     */
    private static final class Messages extends Styled {
        private final MemorySegment payload;
        private final boolean lend;
        private final Message out = new Message();
        private final Message in = new Message();
        private final Consumer<MemorySegment> onRelease = memory -> { };

        Messages(io.github.zmqffm.Socket socket, int size, boolean lend) {
            super(socket);
            this.payload = Arena.ofAuto().allocate(size);
            this.lend = lend;
        }

        @Override
        public boolean send() {
            return socket.send(lend ? out.rebuild(payload, onRelease) : out.rebuild(payload));
        }

        @Override
        public int receive() {
            socket.receive(in);
            return (int) in.size();
        }

        @Override
        public void close() {
            super.close();
            out.close();
            in.close();
        }
    }
}
