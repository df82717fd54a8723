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
    /** Exclusive pair: one peer, both directions. */
    PAIR(zmq_h.ZMQ_PAIR(), false, false),
    /**
     * Publisher: sends to every subscriber whose subscription matches; never blocks, drops
     * what a slow subscriber cannot take.
     */
    PUB(zmq_h.ZMQ_PUB(), false, false),
    /** Subscriber: receives what it subscribed to (see {@link Socket#subscribe(String)}). */
    SUB(zmq_h.ZMQ_SUB(), false, false),
    /** Request: sends a request, then must receive the reply before the next. */
    REQ(zmq_h.ZMQ_REQ(), false, false),
    /** Reply: receives a request, then must send the reply before the next. */
    REP(zmq_h.ZMQ_REP(), false, false),
    /** Asynchronous request: round-robins outgoing, fair-queues incoming messages. */
    DEALER(zmq_h.ZMQ_DEALER(), false, false),
    /**
     * Asynchronous reply: prefixes each incoming message with its peer's routing id and routes
     * each outgoing one to the peer its first frame names.
     */
    ROUTER(zmq_h.ZMQ_ROUTER(), false, false),
    /** Pipeline input: fair-queues messages from its PUSH peers. */
    PULL(zmq_h.ZMQ_PULL(), false, false),
    /** Pipeline output: round-robins messages to its PULL peers. */
    PUSH(zmq_h.ZMQ_PUSH(), false, false),
    /** Publisher that also receives the subscriptions ({@code \x01topic}, {@code \x00topic}), for proxies. */
    XPUB(zmq_h.ZMQ_XPUB(), false, false),
    /** Subscriber that subscribes by sending {@code \x01topic} messages, for proxies. */
    XSUB(zmq_h.ZMQ_XSUB(), false, false),
    /** Raw TCP: exchanges [routing id, bytes] messages with peers that do not speak ZeroMQ. */
    STREAM(zmq_h.ZMQ_STREAM(), false, false),
    /** Draft: thread-safe asynchronous reply socket, single-frame messages. */
    SERVER(zmq_h.ZMQ_SERVER(), true, true),
    /** Draft: thread-safe asynchronous request socket, single-frame messages. */
    CLIENT(zmq_h.ZMQ_CLIENT(), true, true),
    /** Draft: thread-safe publisher to groups. */
    RADIO(zmq_h.ZMQ_RADIO(), true, true),
    /** Draft: thread-safe subscriber to groups. */
    DISH(zmq_h.ZMQ_DISH(), true, true),
    /** Draft: thread-safe pipeline input. */
    GATHER(zmq_h.ZMQ_GATHER(), true, true),
    /** Draft: thread-safe pipeline output. */
    SCATTER(zmq_h.ZMQ_SCATTER(), true, true),
    /** Draft: UDP datagrams, [address, data]. */
    DGRAM(zmq_h.ZMQ_DGRAM(), true, false),
    /** Draft: thread-safe peer-to-peer socket. */
    PEER(zmq_h.ZMQ_PEER(), true, true),
    /** Draft: thread-safe exclusive pair. */
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
