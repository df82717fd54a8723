package io.github.zmqffm.bench;

/**
 * A library under test, as the perf tool and the JMH comparisons drive it: contexts whose
 * sockets send and receive frames of one size from buffers they reuse. Each run (a perf
 * process, a JMH fork) loads one implementation, so the calls through these interfaces are
 * monomorphic and inlined: what is measured is the library's own send and receive.
 */
interface Binding {
    /** The socket types the patterns use. */
    enum Kind { PUSH, PULL, REQ, REP }

    /**
     * Opens a context.
     *
     * @param ioThreads I/O threads
     * @return the context
     */
    Context context(int ioThreads);

    /**
     * Chooses an implementation by the perf tool's names.
     *
     * @param impl  zmq-ffm or jeromq
     * @param style bytes or segment (zmq-ffm only)
     * @return the binding
     * @throws IllegalArgumentException for an unknown name
     */
    static Binding of(String impl, String style) {
        return of(impl, style, -1);
    }

    /**
     * Chooses an implementation by the perf tool's names, with a spin budget for zmq-ffm.
     *
     * @param impl       zmq-ffm, jeromq, jzmq or raw-ffm (the linker alone, {@link RawFfmBinding})
     * @param style      bytes, segment, message or zerocopy (zmq-ffm only)
     * @param spinMicros zmq-ffm's spin budget in microseconds; -1 for the library's default
     * @return the binding
     * @throws IllegalArgumentException for an unknown name
     */
    static Binding of(String impl, String style, long spinMicros) {
        return switch (impl) {
            case "zmq-ffm" -> new ZmqFfmBinding(ZmqFfmBinding.Style.valueOf(style.toUpperCase(java.util.Locale.ROOT)),
                    spinMicros);
            case "jeromq" -> new JeroMqBinding();
            case "jzmq" -> new JzmqBinding();
            case "raw-ffm" -> new RawFfmBinding();
            default -> throw new IllegalArgumentException("impl " + impl);
        };
    }

    /** A context of the library under test; closing it waits for lingering messages. */
    interface Context extends AutoCloseable {
        /**
         * Opens a socket with LINGER -1 (so that a peer's last messages arrive) and binds it.
         *
         * @param kind     the socket type
         * @param endpoint where to bind, may use a wildcard port
         * @param size     the frame size its buffers hold
         * @return the socket
         */
        Socket bind(Kind kind, String endpoint, int size);

        /**
         * Opens a socket with LINGER -1 and connects it.
         *
         * @param kind     the socket type
         * @param endpoint where to connect
         * @param size     the frame size its buffers hold
         * @return the socket
         */
        Socket connect(Kind kind, String endpoint, int size);

        @Override
        void close();
    }

    /** A socket that sends one reused buffer and receives into another. */
    interface Socket extends AutoCloseable {
        /**
         * Sends one frame of the configured size, waiting as long as it takes (or, after
         * {@link #giveUpAfter}, as long as that allows).
         *
         * @return {@code false} only if a time limit set by {@link #giveUpAfter} ran out
         */
        boolean send();

        /**
         * From now on a send waits at most {@code millis}, and closing discards unsent frames.
         *
         * @param millis the send time limit
         */
        void giveUpAfter(int millis);

        /**
         * Keeps sending until a frame cannot be sent within {@code millis}: for a PUSH whose
         * receiver, in another process, must get every earlier frame before this socket closes.
         * libzmq 4.3.4 can drop the tail of an ipc stream that the sender closes while the
         * receiver is behind, LINGER notwithstanding (libzmq #4660); a sender that stops only
         * once the receiver has hung up (no peer to send to) loses nothing the receiver wanted.
         *
         * @param millis how long a send may wait before the receiver counts as gone
         */
        default void sendUntilHungUp(int millis) {
            giveUpAfter(millis);
            while (send()) {
                Thread.onSpinWait();
            }
        }

        /**
         * Receives one frame, waiting as long as it takes.
         *
         * @return its size in bytes
         */
        int receive();

        /** {@return the endpoint it bound last, with the real port for a wildcard} */
        String lastEndpoint();

        @Override
        void close();
    }
}
