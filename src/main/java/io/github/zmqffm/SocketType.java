package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

/**
 * The ZeroMQ socket types: the twelve stable ones and the nine draft ones.
 *
 * <p>Draft types exist only in a libzmq built with its draft API ({@link Zmq#hasDraftApi()});
 * {@link Context#socket(SocketType)} refuses them with {@link UnsupportedOperationException}
 * otherwise. The draft types are also the thread-safe ones (except {@link #DGRAM}).
 */
public enum SocketType {
    PAIR(zmq_h.ZMQ_PAIR(), false, false),
    PUB(zmq_h.ZMQ_PUB(), false, false),
    SUB(zmq_h.ZMQ_SUB(), false, false),
    REQ(zmq_h.ZMQ_REQ(), false, false),
    REP(zmq_h.ZMQ_REP(), false, false),
    DEALER(zmq_h.ZMQ_DEALER(), false, false),
    ROUTER(zmq_h.ZMQ_ROUTER(), false, false),
    PULL(zmq_h.ZMQ_PULL(), false, false),
    PUSH(zmq_h.ZMQ_PUSH(), false, false),
    XPUB(zmq_h.ZMQ_XPUB(), false, false),
    XSUB(zmq_h.ZMQ_XSUB(), false, false),
    STREAM(zmq_h.ZMQ_STREAM(), false, false),
    SERVER(zmq_h.ZMQ_SERVER(), true, true),
    CLIENT(zmq_h.ZMQ_CLIENT(), true, true),
    RADIO(zmq_h.ZMQ_RADIO(), true, true),
    DISH(zmq_h.ZMQ_DISH(), true, true),
    GATHER(zmq_h.ZMQ_GATHER(), true, true),
    SCATTER(zmq_h.ZMQ_SCATTER(), true, true),
    DGRAM(zmq_h.ZMQ_DGRAM(), true, false),
    PEER(zmq_h.ZMQ_PEER(), true, true),
    CHANNEL(zmq_h.ZMQ_CHANNEL(), true, true);

    private final int id;
    private final boolean draft;
    private final boolean threadSafe;

    SocketType(int id, boolean draft, boolean threadSafe) {
        this.id = id;
        this.draft = draft;
        this.threadSafe = threadSafe;
    }

    /**
     * The libzmq number of this type ({@code ZMQ_PAIR} ... {@code ZMQ_CHANNEL}).
     *
     * @return the id passed to {@code zmq_socket}
     */
    public int id() {
        return id;
    }

    /**
     * Whether this type belongs to libzmq's draft API.
     *
     * @return {@code true} for the nine draft types
     */
    public boolean isDraft() {
        return draft;
    }

    /**
     * Whether libzmq lets several threads use a socket of this type at once.
     *
     * @return {@code true} for SERVER, CLIENT, RADIO, DISH, GATHER, SCATTER, PEER, CHANNEL
     */
    public boolean isThreadSafe() {
        return threadSafe;
    }

    /**
     * The type with a libzmq number, e.g. the value of the {@code TYPE} option.
     *
     * @param id a {@code ZMQ_*} socket type number
     * @return the type
     * @throws IllegalArgumentException if no type has that number
     */
    public static SocketType of(int id) {
        for (SocketType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new IllegalArgumentException("no ZeroMQ socket type has number " + id);
    }
}
