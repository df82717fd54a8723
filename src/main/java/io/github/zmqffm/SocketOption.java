package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A typed socket option key, in the style of {@link java.net.SocketOption} and
 * {@link java.net.StandardSocketOptions}: one constant per option of zmq.h, named as there
 * without {@code ZMQ_}. The key carries the value type, so that
 *
 * {@snippet :
 * socket.set(SocketOption.LINGER, 0).set(SocketOption.SNDHWM, 10_000);
 * int hwm = socket.get(SocketOption.SNDHWM);
 * }
 *
 * <p>Value types: numbers are {@code Integer} ({@code int} in libzmq) or {@code Long}
 * ({@code int64_t}/{@code uint64_t}); on/off flags are {@code Boolean}; binary values
 * (routing ids, subscriptions, CURVE keys) are {@code byte[]}; text is {@code String} (UTF-8).
 * <b>Time values are {@code Integer} milliseconds</b>, as in libzmq, with -1 meaning "forever"
 * where libzmq allows it; a few TCP keep-alive values are seconds and say so.
 *
 * <p>Each key knows whether it can be read and written; {@link Socket#set} and
 * {@link Socket#get} refuse misuse with {@link IllegalArgumentException} before any native
 * call. Draft options work only with a libzmq built with its draft API
 * ({@link Zmq#hasDraftApi()}), and throw {@link UnsupportedOperationException} otherwise.
 *
 * @param <T> the type of the option's value
 */
public final class SocketOption<T> {
    /** How a value travels through {@code zmq_setsockopt}/{@code zmq_getsockopt}. */
    enum Kind { INT, LONG, BOOL, BYTES, STRING, CURVE_KEY, SOCKET_TYPE }

    /** What libzmq allows: reading, writing, or both. */
    enum Access { READ_ONLY, WRITE_ONLY, READ_WRITE }

    private static final List<SocketOption<?>> ALL = new ArrayList<>();

    /**
     * I/O thread affinity bitmask for new connections. Default 0 (all threads).
     * <p>Long, read and write; see {@code ZMQ_AFFINITY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> AFFINITY =
            new SocketOption<>("AFFINITY", zmq_h.ZMQ_AFFINITY(), Kind.LONG, Access.READ_WRITE, false);

    /**
     * This socket's routing id as a ROUTER peer sees it, 1 to 255 bytes, not starting with a zero byte. Default: none (the peer makes one up).
     * <p>byte[], read and write; see {@code ZMQ_ROUTING_ID} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> ROUTING_ID =
            new SocketOption<>("ROUTING_ID", zmq_h.ZMQ_ROUTING_ID(), Kind.BYTES, Access.READ_WRITE, false);

    /**
     * Adds a topic prefix filter on a SUB socket; an empty prefix subscribes to everything.
     * <p>byte[], write only; see {@code ZMQ_SUBSCRIBE} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> SUBSCRIBE =
            new SocketOption<>("SUBSCRIBE", zmq_h.ZMQ_SUBSCRIBE(), Kind.BYTES, Access.WRITE_ONLY, false);

    /**
     * Removes one earlier SUBSCRIBE of the same prefix.
     * <p>byte[], write only; see {@code ZMQ_UNSUBSCRIBE} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> UNSUBSCRIBE =
            new SocketOption<>("UNSUBSCRIBE", zmq_h.ZMQ_UNSUBSCRIBE(), Kind.BYTES, Access.WRITE_ONLY, false);

    /**
     * Multicast data rate, kilobits per second. Default 100.
     * <p>Integer, read and write; see {@code ZMQ_RATE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RATE =
            new SocketOption<>("RATE", zmq_h.ZMQ_RATE(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Multicast recovery interval, milliseconds. Default 10000.
     * <p>Integer, read and write; see {@code ZMQ_RECOVERY_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECOVERY_IVL =
            new SocketOption<>("RECOVERY_IVL", zmq_h.ZMQ_RECOVERY_IVL(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Kernel send buffer size, bytes; 0 keeps the OS default. Default -1/0 (OS default).
     * <p>Integer, read and write; see {@code ZMQ_SNDBUF} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> SNDBUF =
            new SocketOption<>("SNDBUF", zmq_h.ZMQ_SNDBUF(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Kernel receive buffer size, bytes; 0 keeps the OS default. Default -1/0 (OS default).
     * <p>Integer, read and write; see {@code ZMQ_RCVBUF} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RCVBUF =
            new SocketOption<>("RCVBUF", zmq_h.ZMQ_RCVBUF(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Whether the frame last received is followed by more frames of the same message.
     * <p>Boolean, read only; see {@code ZMQ_RCVMORE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> RCVMORE =
            new SocketOption<>("RCVMORE", zmq_h.ZMQ_RCVMORE(), Kind.BOOL, Access.READ_ONLY, false);

    /**
     * The file descriptor that signals (edge-triggered) that EVENTS may have changed, for external event loops.
     * <p>Integer, read only; see {@code ZMQ_FD} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> FD =
            new SocketOption<>("FD", zmq_h.ZMQ_FD(), Kind.INT, Access.READ_ONLY, false);

    /**
     * Current readiness as a bit mask of ZMQ_POLLIN and ZMQ_POLLOUT.
     * <p>Integer, read only; see {@code ZMQ_EVENTS} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> EVENTS =
            new SocketOption<>("EVENTS", zmq_h.ZMQ_EVENTS(), Kind.INT, Access.READ_ONLY, false);

    /**
     * The socket's type.
     * <p>SocketType, read only; see {@code ZMQ_TYPE} in zmq_setsockopt(3).
     */
    public static final SocketOption<SocketType> TYPE =
            new SocketOption<>("TYPE", zmq_h.ZMQ_TYPE(), Kind.SOCKET_TYPE, Access.READ_ONLY, false);

    /**
     * How long close() keeps unsent messages, milliseconds; -1 forever, 0 discards at once. zmq-ffm's default is 0 (libzmq's is -1).
     * <p>Integer, read and write; see {@code ZMQ_LINGER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> LINGER =
            new SocketOption<>("LINGER", zmq_h.ZMQ_LINGER(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Initial reconnection interval, milliseconds; -1 disables reconnection. Default 100.
     * <p>Integer, read and write; see {@code ZMQ_RECONNECT_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECONNECT_IVL =
            new SocketOption<>("RECONNECT_IVL", zmq_h.ZMQ_RECONNECT_IVL(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Maximum length of the queue of pending connections. Default 100.
     * <p>Integer, read and write; see {@code ZMQ_BACKLOG} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> BACKLOG =
            new SocketOption<>("BACKLOG", zmq_h.ZMQ_BACKLOG(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Upper bound of the exponential reconnection back-off, milliseconds; 0 keeps RECONNECT_IVL. Default 0.
     * <p>Integer, read and write; see {@code ZMQ_RECONNECT_IVL_MAX} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX =
            new SocketOption<>("RECONNECT_IVL_MAX", zmq_h.ZMQ_RECONNECT_IVL_MAX(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Largest inbound message accepted, bytes; a peer sending more is disconnected; -1 no limit. Default -1.
     * <p>Long, read and write; see {@code ZMQ_MAXMSGSIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> MAXMSGSIZE =
            new SocketOption<>("MAXMSGSIZE", zmq_h.ZMQ_MAXMSGSIZE(), Kind.LONG, Access.READ_WRITE, false);

    /**
     * High water mark for outbound messages, in messages; 0 means no limit. Default 1000.
     * <p>Integer, read and write; see {@code ZMQ_SNDHWM} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> SNDHWM =
            new SocketOption<>("SNDHWM", zmq_h.ZMQ_SNDHWM(), Kind.INT, Access.READ_WRITE, false);

    /**
     * High water mark for inbound messages, in messages; 0 means no limit. Default 1000.
     * <p>Integer, read and write; see {@code ZMQ_RCVHWM} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RCVHWM =
            new SocketOption<>("RCVHWM", zmq_h.ZMQ_RCVHWM(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Maximum network hops for multicast packets. Default 1.
     * <p>Integer, read and write; see {@code ZMQ_MULTICAST_HOPS} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> MULTICAST_HOPS =
            new SocketOption<>("MULTICAST_HOPS", zmq_h.ZMQ_MULTICAST_HOPS(), Kind.INT, Access.READ_WRITE, false);

    /**
     * How long a blocking receive waits, milliseconds; -1 forever. When it runs out the receive returns null, -1 or false. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_RCVTIMEO} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RCVTIMEO =
            new SocketOption<>("RCVTIMEO", zmq_h.ZMQ_RCVTIMEO(), Kind.INT, Access.READ_WRITE, false);

    /**
     * How long a blocking send waits, milliseconds; -1 forever. When it runs out the send returns false. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_SNDTIMEO} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> SNDTIMEO =
            new SocketOption<>("SNDTIMEO", zmq_h.ZMQ_SNDTIMEO(), Kind.INT, Access.READ_WRITE, false);

    /**
     * The endpoint last bound or connected, with the port chosen for a wildcard bind.
     * <p>String, read only; see {@code ZMQ_LAST_ENDPOINT} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> LAST_ENDPOINT =
            new SocketOption<>("LAST_ENDPOINT", zmq_h.ZMQ_LAST_ENDPOINT(), Kind.STRING, Access.READ_ONLY, false);

    /**
     * Makes a ROUTER fail with EHOSTUNREACH (or block when full) instead of dropping messages to unknown peers. Default false.
     * <p>Boolean, write only; see {@code ZMQ_ROUTER_MANDATORY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ROUTER_MANDATORY =
            new SocketOption<>("ROUTER_MANDATORY", zmq_h.ZMQ_ROUTER_MANDATORY(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * SO_KEEPALIVE: -1 OS default, 0 off, 1 on. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_TCP_KEEPALIVE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE =
            new SocketOption<>("TCP_KEEPALIVE", zmq_h.ZMQ_TCP_KEEPALIVE(), Kind.INT, Access.READ_WRITE, false);

    /**
     * TCP_KEEPCNT; -1 OS default. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_TCP_KEEPALIVE_CNT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT =
            new SocketOption<>("TCP_KEEPALIVE_CNT", zmq_h.ZMQ_TCP_KEEPALIVE_CNT(), Kind.INT, Access.READ_WRITE, false);

    /**
     * TCP_KEEPIDLE, seconds; -1 OS default. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_TCP_KEEPALIVE_IDLE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE =
            new SocketOption<>("TCP_KEEPALIVE_IDLE", zmq_h.ZMQ_TCP_KEEPALIVE_IDLE(), Kind.INT, Access.READ_WRITE, false);

    /**
     * TCP_KEEPINTVL, seconds; -1 OS default. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_TCP_KEEPALIVE_INTVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL =
            new SocketOption<>("TCP_KEEPALIVE_INTVL", zmq_h.ZMQ_TCP_KEEPALIVE_INTVL(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Queue messages only to completed connections, so that a send blocks instead of queuing for a peer not yet there. Default false.
     * <p>Boolean, read and write; see {@code ZMQ_IMMEDIATE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> IMMEDIATE =
            new SocketOption<>("IMMEDIATE", zmq_h.ZMQ_IMMEDIATE(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * Makes an XPUB pass on every subscription message, not only new ones. Default false.
     * <p>Boolean, write only; see {@code ZMQ_XPUB_VERBOSE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_VERBOSE =
            new SocketOption<>("XPUB_VERBOSE", zmq_h.ZMQ_XPUB_VERBOSE(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Switches a ROUTER to raw mode (no ZMTP framing), deprecated in favour of STREAM. Default false.
     * <p>Boolean, write only; see {@code ZMQ_ROUTER_RAW} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ROUTER_RAW =
            new SocketOption<>("ROUTER_RAW", zmq_h.ZMQ_ROUTER_RAW(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Enables IPv6 on the socket (dual stack). Default false.
     * <p>Boolean, read and write; see {@code ZMQ_IPV6} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> IPV6 =
            new SocketOption<>("IPV6", zmq_h.ZMQ_IPV6(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * The security mechanism in use: ZMQ_NULL 0, ZMQ_PLAIN 1, ZMQ_CURVE 2, ZMQ_GSSAPI 3.
     * <p>Integer, read only; see {@code ZMQ_MECHANISM} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> MECHANISM =
            new SocketOption<>("MECHANISM", zmq_h.ZMQ_MECHANISM(), Kind.INT, Access.READ_ONLY, false);

    /**
     * Makes the socket a PLAIN server. Default false.
     * <p>Boolean, read and write; see {@code ZMQ_PLAIN_SERVER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> PLAIN_SERVER =
            new SocketOption<>("PLAIN_SERVER", zmq_h.ZMQ_PLAIN_SERVER(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * PLAIN client user name; setting it makes the socket a PLAIN client.
     * <p>String, read and write; see {@code ZMQ_PLAIN_USERNAME} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> PLAIN_USERNAME =
            new SocketOption<>("PLAIN_USERNAME", zmq_h.ZMQ_PLAIN_USERNAME(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * PLAIN client password; setting it makes the socket a PLAIN client.
     * <p>String, read and write; see {@code ZMQ_PLAIN_PASSWORD} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> PLAIN_PASSWORD =
            new SocketOption<>("PLAIN_PASSWORD", zmq_h.ZMQ_PLAIN_PASSWORD(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * Makes the socket a CURVE server. Default false.
     * <p>Boolean, read and write; see {@code ZMQ_CURVE_SERVER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> CURVE_SERVER =
            new SocketOption<>("CURVE_SERVER", zmq_h.ZMQ_CURVE_SERVER(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * This socket's CURVE long-term public key: 32 bytes, or 40 Z85 characters set as a String.
     * <p>byte[], read and write; see {@code ZMQ_CURVE_PUBLICKEY} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CURVE_PUBLICKEY =
            new SocketOption<>("CURVE_PUBLICKEY", zmq_h.ZMQ_CURVE_PUBLICKEY(), Kind.CURVE_KEY, Access.READ_WRITE, false);

    /**
     * This socket's CURVE long-term secret key: 32 bytes, or 40 Z85 characters set as a String.
     * <p>byte[], read and write; see {@code ZMQ_CURVE_SECRETKEY} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CURVE_SECRETKEY =
            new SocketOption<>("CURVE_SECRETKEY", zmq_h.ZMQ_CURVE_SECRETKEY(), Kind.CURVE_KEY, Access.READ_WRITE, false);

    /**
     * The server's CURVE public key, set on a client: 32 bytes, or 40 Z85 characters set as a String.
     * <p>byte[], read and write; see {@code ZMQ_CURVE_SERVERKEY} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CURVE_SERVERKEY =
            new SocketOption<>("CURVE_SERVERKEY", zmq_h.ZMQ_CURVE_SERVERKEY(), Kind.CURVE_KEY, Access.READ_WRITE, false);

    /**
     * Sends an empty message to a ROUTER when a connection is made, so the ROUTER learns the peer. Default false.
     * <p>Boolean, write only; see {@code ZMQ_PROBE_ROUTER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> PROBE_ROUTER =
            new SocketOption<>("PROBE_ROUTER", zmq_h.ZMQ_PROBE_ROUTER(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Makes a REQ match replies to requests with a request id. Default false.
     * <p>Boolean, write only; see {@code ZMQ_REQ_CORRELATE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> REQ_CORRELATE =
            new SocketOption<>("REQ_CORRELATE", zmq_h.ZMQ_REQ_CORRELATE(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Lets a REQ send a new request without waiting for the reply to the last. Default false.
     * <p>Boolean, write only; see {@code ZMQ_REQ_RELAXED} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> REQ_RELAXED =
            new SocketOption<>("REQ_RELAXED", zmq_h.ZMQ_REQ_RELAXED(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Keeps only the last message in the queues (single-part messages only). Default false.
     * <p>Boolean, write only; see {@code ZMQ_CONFLATE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> CONFLATE =
            new SocketOption<>("CONFLATE", zmq_h.ZMQ_CONFLATE(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * The authentication domain sent in ZAP requests. Default empty.
     * <p>String, read and write; see {@code ZMQ_ZAP_DOMAIN} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> ZAP_DOMAIN =
            new SocketOption<>("ZAP_DOMAIN", zmq_h.ZMQ_ZAP_DOMAIN(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * Lets a new connection with a routing id already in use take it over. Default false.
     * <p>Boolean, write only; see {@code ZMQ_ROUTER_HANDOVER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ROUTER_HANDOVER =
            new SocketOption<>("ROUTER_HANDOVER", zmq_h.ZMQ_ROUTER_HANDOVER(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * IP type-of-service (DSCP) for outgoing packets. Default 0.
     * <p>Integer, read and write; see {@code ZMQ_TOS} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TOS =
            new SocketOption<>("TOS", zmq_h.ZMQ_TOS(), Kind.INT, Access.READ_WRITE, false);

    /**
     * The routing id to give the peer of the next connect() (ROUTER, STREAM).
     * <p>byte[], write only; see {@code ZMQ_CONNECT_ROUTING_ID} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID =
            new SocketOption<>("CONNECT_ROUTING_ID", zmq_h.ZMQ_CONNECT_ROUTING_ID(), Kind.BYTES, Access.WRITE_ONLY, false);

    /**
     * Makes the socket a GSSAPI server. Default false.
     * <p>Boolean, read and write; see {@code ZMQ_GSSAPI_SERVER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> GSSAPI_SERVER =
            new SocketOption<>("GSSAPI_SERVER", zmq_h.ZMQ_GSSAPI_SERVER(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * The GSSAPI principal of this socket.
     * <p>String, read and write; see {@code ZMQ_GSSAPI_PRINCIPAL} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> GSSAPI_PRINCIPAL =
            new SocketOption<>("GSSAPI_PRINCIPAL", zmq_h.ZMQ_GSSAPI_PRINCIPAL(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * The GSSAPI principal of the server a client connects to.
     * <p>String, read and write; see {@code ZMQ_GSSAPI_SERVICE_PRINCIPAL} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> GSSAPI_SERVICE_PRINCIPAL =
            new SocketOption<>("GSSAPI_SERVICE_PRINCIPAL", zmq_h.ZMQ_GSSAPI_SERVICE_PRINCIPAL(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * Disables GSSAPI encryption. Default false.
     * <p>Boolean, read and write; see {@code ZMQ_GSSAPI_PLAINTEXT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> GSSAPI_PLAINTEXT =
            new SocketOption<>("GSSAPI_PLAINTEXT", zmq_h.ZMQ_GSSAPI_PLAINTEXT(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * Maximum time for the ZMTP handshake, milliseconds; 0 no limit. Default 30000.
     * <p>Integer, read and write; see {@code ZMQ_HANDSHAKE_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HANDSHAKE_IVL =
            new SocketOption<>("HANDSHAKE_IVL", zmq_h.ZMQ_HANDSHAKE_IVL(), Kind.INT, Access.READ_WRITE, false);

    /**
     * SOCKS5 proxy address (host:port) for tcp connections.
     * <p>String, read and write; see {@code ZMQ_SOCKS_PROXY} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> SOCKS_PROXY =
            new SocketOption<>("SOCKS_PROXY", zmq_h.ZMQ_SOCKS_PROXY(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * Makes an XPUB fail with EAGAIN instead of dropping when a subscriber is at its high water mark. Default false.
     * <p>Boolean, write only; see {@code ZMQ_XPUB_NODROP} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_NODROP =
            new SocketOption<>("XPUB_NODROP", zmq_h.ZMQ_XPUB_NODROP(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Lets the XPUB application decide which subscriptions take effect. Default false.
     * <p>Boolean, write only; see {@code ZMQ_XPUB_MANUAL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_MANUAL =
            new SocketOption<>("XPUB_MANUAL", zmq_h.ZMQ_XPUB_MANUAL(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * A message an XPUB sends to each new subscriber.
     * <p>byte[], write only; see {@code ZMQ_XPUB_WELCOME_MSG} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG =
            new SocketOption<>("XPUB_WELCOME_MSG", zmq_h.ZMQ_XPUB_WELCOME_MSG(), Kind.BYTES, Access.WRITE_ONLY, false);

    /**
     * Makes a STREAM socket deliver an empty frame on connect and disconnect. Default true.
     * <p>Boolean, write only; see {@code ZMQ_STREAM_NOTIFY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> STREAM_NOTIFY =
            new SocketOption<>("STREAM_NOTIFY", zmq_h.ZMQ_STREAM_NOTIFY(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * Inverts topic matching: SUB receives what does not match. Default false.
     * <p>Boolean, read and write; see {@code ZMQ_INVERT_MATCHING} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> INVERT_MATCHING =
            new SocketOption<>("INVERT_MATCHING", zmq_h.ZMQ_INVERT_MATCHING(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * Interval between ZMTP heartbeat PINGs, milliseconds; 0 off. Default 0.
     * <p>Integer, read and write; see {@code ZMQ_HEARTBEAT_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HEARTBEAT_IVL =
            new SocketOption<>("HEARTBEAT_IVL", zmq_h.ZMQ_HEARTBEAT_IVL(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Time-to-live the peer should use for this connection, milliseconds (deciseconds resolution). Default 0.
     * <p>Integer, read and write; see {@code ZMQ_HEARTBEAT_TTL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HEARTBEAT_TTL =
            new SocketOption<>("HEARTBEAT_TTL", zmq_h.ZMQ_HEARTBEAT_TTL(), Kind.INT, Access.READ_WRITE, false);

    /**
     * How long to wait for a PONG before closing the connection, milliseconds. Default HEARTBEAT_IVL.
     * <p>Integer, read and write; see {@code ZMQ_HEARTBEAT_TIMEOUT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT =
            new SocketOption<>("HEARTBEAT_TIMEOUT", zmq_h.ZMQ_HEARTBEAT_TIMEOUT(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Like XPUB_VERBOSE, and also passes on every unsubscription. Default false.
     * <p>Boolean, write only; see {@code ZMQ_XPUB_VERBOSER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_VERBOSER =
            new SocketOption<>("XPUB_VERBOSER", zmq_h.ZMQ_XPUB_VERBOSER(), Kind.BOOL, Access.WRITE_ONLY, false);

    /**
     * tcp connect() timeout, milliseconds; 0 the OS default. Default 0.
     * <p>Integer, read and write; see {@code ZMQ_CONNECT_TIMEOUT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> CONNECT_TIMEOUT =
            new SocketOption<>("CONNECT_TIMEOUT", zmq_h.ZMQ_CONNECT_TIMEOUT(), Kind.INT, Access.READ_WRITE, false);

    /**
     * TCP_USER_TIMEOUT, milliseconds; 0 the OS default. Default 0.
     * <p>Integer, read and write; see {@code ZMQ_TCP_MAXRT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_MAXRT =
            new SocketOption<>("TCP_MAXRT", zmq_h.ZMQ_TCP_MAXRT(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Whether the socket may be used by several threads at once.
     * <p>Boolean, read only; see {@code ZMQ_THREAD_SAFE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> THREAD_SAFE =
            new SocketOption<>("THREAD_SAFE", zmq_h.ZMQ_THREAD_SAFE(), Kind.BOOL, Access.READ_ONLY, false);

    /**
     * Maximum multicast transport data unit, bytes. Default 1500.
     * <p>Integer, read and write; see {@code ZMQ_MULTICAST_MAXTPDU} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> MULTICAST_MAXTPDU =
            new SocketOption<>("MULTICAST_MAXTPDU", zmq_h.ZMQ_MULTICAST_MAXTPDU(), Kind.INT, Access.READ_WRITE, false);

    /**
     * VMCI buffer size, bytes.
     * <p>Long, read and write; see {@code ZMQ_VMCI_BUFFER_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> VMCI_BUFFER_SIZE =
            new SocketOption<>("VMCI_BUFFER_SIZE", zmq_h.ZMQ_VMCI_BUFFER_SIZE(), Kind.LONG, Access.READ_WRITE, false);

    /**
     * VMCI minimum buffer size, bytes.
     * <p>Long, read and write; see {@code ZMQ_VMCI_BUFFER_MIN_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> VMCI_BUFFER_MIN_SIZE =
            new SocketOption<>("VMCI_BUFFER_MIN_SIZE", zmq_h.ZMQ_VMCI_BUFFER_MIN_SIZE(), Kind.LONG, Access.READ_WRITE, false);

    /**
     * VMCI maximum buffer size, bytes.
     * <p>Long, read and write; see {@code ZMQ_VMCI_BUFFER_MAX_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> VMCI_BUFFER_MAX_SIZE =
            new SocketOption<>("VMCI_BUFFER_MAX_SIZE", zmq_h.ZMQ_VMCI_BUFFER_MAX_SIZE(), Kind.LONG, Access.READ_WRITE, false);

    /**
     * VMCI connect timeout, milliseconds.
     * <p>Integer, read and write; see {@code ZMQ_VMCI_CONNECT_TIMEOUT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> VMCI_CONNECT_TIMEOUT =
            new SocketOption<>("VMCI_CONNECT_TIMEOUT", zmq_h.ZMQ_VMCI_CONNECT_TIMEOUT(), Kind.INT, Access.READ_WRITE, false);

    /**
     * A pre-bound file descriptor to use for the next bind instead of creating one; -1 none. Default -1.
     * <p>Integer, read and write; see {@code ZMQ_USE_FD} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> USE_FD =
            new SocketOption<>("USE_FD", zmq_h.ZMQ_USE_FD(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Name type of GSSAPI_PRINCIPAL (ZMQ_GSSAPI_NT_*).
     * <p>Integer, read and write; see {@code ZMQ_GSSAPI_PRINCIPAL_NAMETYPE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> GSSAPI_PRINCIPAL_NAMETYPE =
            new SocketOption<>("GSSAPI_PRINCIPAL_NAMETYPE", zmq_h.ZMQ_GSSAPI_PRINCIPAL_NAMETYPE(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Name type of GSSAPI_SERVICE_PRINCIPAL (ZMQ_GSSAPI_NT_*).
     * <p>Integer, read and write; see {@code ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> GSSAPI_SERVICE_PRINCIPAL_NAMETYPE =
            new SocketOption<>("GSSAPI_SERVICE_PRINCIPAL_NAMETYPE", zmq_h.ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE(), Kind.INT, Access.READ_WRITE, false);

    /**
     * Binds the socket's connections to a network interface (SO_BINDTODEVICE).
     * <p>String, read and write; see {@code ZMQ_BINDTODEVICE} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> BINDTODEVICE =
            new SocketOption<>("BINDTODEVICE", zmq_h.ZMQ_BINDTODEVICE(), Kind.STRING, Access.READ_WRITE, false);

    /**
     * Deprecated inverse of IPV6. Default true.
     * <p>Boolean, read and write; see {@code ZMQ_IPV4ONLY} in zmq_setsockopt(3).
     */
    @Deprecated
    public static final SocketOption<Boolean> IPV4ONLY =
            new SocketOption<>("IPV4ONLY", zmq_h.ZMQ_IPV4ONLY(), Kind.BOOL, Access.READ_WRITE, false);

    /**
     * Deprecated: adds an accepted peer address filter; use a ZAP handler instead.
     * <p>String, write only; see {@code ZMQ_TCP_ACCEPT_FILTER} in zmq_setsockopt(3).
     */
    @Deprecated
    public static final SocketOption<String> TCP_ACCEPT_FILTER =
            new SocketOption<>("TCP_ACCEPT_FILTER", zmq_h.ZMQ_TCP_ACCEPT_FILTER(), Kind.STRING, Access.WRITE_ONLY, false);

    /**
     * Deprecated: adds an accepted peer user id for ipc; use a ZAP handler instead.
     * <p>Integer, write only; see {@code ZMQ_IPC_FILTER_UID} in zmq_setsockopt(3).
     */
    @Deprecated
    public static final SocketOption<Integer> IPC_FILTER_UID =
            new SocketOption<>("IPC_FILTER_UID", zmq_h.ZMQ_IPC_FILTER_UID(), Kind.INT, Access.WRITE_ONLY, false);

    /**
     * Deprecated: adds an accepted peer group id for ipc; use a ZAP handler instead.
     * <p>Integer, write only; see {@code ZMQ_IPC_FILTER_GID} in zmq_setsockopt(3).
     */
    @Deprecated
    public static final SocketOption<Integer> IPC_FILTER_GID =
            new SocketOption<>("IPC_FILTER_GID", zmq_h.ZMQ_IPC_FILTER_GID(), Kind.INT, Access.WRITE_ONLY, false);

    /**
     * Deprecated: adds an accepted peer process id for ipc; use a ZAP handler instead.
     * <p>Integer, write only; see {@code ZMQ_IPC_FILTER_PID} in zmq_setsockopt(3).
     */
    @Deprecated
    public static final SocketOption<Integer> IPC_FILTER_PID =
            new SocketOption<>("IPC_FILTER_PID", zmq_h.ZMQ_IPC_FILTER_PID(), Kind.INT, Access.WRITE_ONLY, false);

    /**
     * Enforces ZAP_DOMAIN strictly (RFC 27). Default false.
     * <p>Boolean, read and write, draft; see {@code ZMQ_ZAP_ENFORCE_DOMAIN} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN =
            new SocketOption<>("ZAP_ENFORCE_DOMAIN", zmq_h.ZMQ_ZAP_ENFORCE_DOMAIN(), Kind.BOOL, Access.READ_WRITE, true);

    /**
     * Windows loopback fast path. Default false.
     * <p>Boolean, read and write, draft; see {@code ZMQ_LOOPBACK_FASTPATH} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> LOOPBACK_FASTPATH =
            new SocketOption<>("LOOPBACK_FASTPATH", zmq_h.ZMQ_LOOPBACK_FASTPATH(), Kind.BOOL, Access.READ_WRITE, true);

    /**
     * Adds application metadata "X-name:value" to the ZMTP handshake.
     * <p>String, write only, draft; see {@code ZMQ_METADATA} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> METADATA =
            new SocketOption<>("METADATA", zmq_h.ZMQ_METADATA(), Kind.STRING, Access.WRITE_ONLY, true);

    /**
     * Loops multicast (UDP) back to the sender. Default true.
     * <p>Boolean, read and write, draft; see {@code ZMQ_MULTICAST_LOOP} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> MULTICAST_LOOP =
            new SocketOption<>("MULTICAST_LOOP", zmq_h.ZMQ_MULTICAST_LOOP(), Kind.BOOL, Access.READ_WRITE, true);

    /**
     * Makes a ROUTER deliver an empty message on peer connect (1) and/or disconnect (2). Default 0.
     * <p>Integer, read and write, draft; see {@code ZMQ_ROUTER_NOTIFY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> ROUTER_NOTIFY =
            new SocketOption<>("ROUTER_NOTIFY", zmq_h.ZMQ_ROUTER_NOTIFY(), Kind.INT, Access.READ_WRITE, true);

    /**
     * XPUB_MANUAL that also sends the last value to new subscribers. Default false.
     * <p>Boolean, write only, draft; see {@code ZMQ_XPUB_MANUAL_LAST_VALUE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_MANUAL_LAST_VALUE =
            new SocketOption<>("XPUB_MANUAL_LAST_VALUE", zmq_h.ZMQ_XPUB_MANUAL_LAST_VALUE(), Kind.BOOL, Access.WRITE_ONLY, true);

    /**
     * SOCKS5 user name.
     * <p>String, read and write, draft; see {@code ZMQ_SOCKS_USERNAME} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> SOCKS_USERNAME =
            new SocketOption<>("SOCKS_USERNAME", zmq_h.ZMQ_SOCKS_USERNAME(), Kind.STRING, Access.READ_WRITE, true);

    /**
     * SOCKS5 password.
     * <p>String, read and write, draft; see {@code ZMQ_SOCKS_PASSWORD} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> SOCKS_PASSWORD =
            new SocketOption<>("SOCKS_PASSWORD", zmq_h.ZMQ_SOCKS_PASSWORD(), Kind.STRING, Access.READ_WRITE, true);

    /**
     * Messages read per I/O batch, bytes. Default 8192.
     * <p>Integer, read and write, draft; see {@code ZMQ_IN_BATCH_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> IN_BATCH_SIZE =
            new SocketOption<>("IN_BATCH_SIZE", zmq_h.ZMQ_IN_BATCH_SIZE(), Kind.INT, Access.READ_WRITE, true);

    /**
     * Messages written per I/O batch, bytes. Default 8192.
     * <p>Integer, read and write, draft; see {@code ZMQ_OUT_BATCH_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> OUT_BATCH_SIZE =
            new SocketOption<>("OUT_BATCH_SIZE", zmq_h.ZMQ_OUT_BATCH_SIZE(), Kind.INT, Access.READ_WRITE, true);

    /**
     * WSS transport: private key, PEM.
     * <p>String, write only, draft; see {@code ZMQ_WSS_KEY_PEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_KEY_PEM =
            new SocketOption<>("WSS_KEY_PEM", zmq_h.ZMQ_WSS_KEY_PEM(), Kind.STRING, Access.WRITE_ONLY, true);

    /**
     * WSS transport: certificate, PEM.
     * <p>String, write only, draft; see {@code ZMQ_WSS_CERT_PEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_CERT_PEM =
            new SocketOption<>("WSS_CERT_PEM", zmq_h.ZMQ_WSS_CERT_PEM(), Kind.STRING, Access.WRITE_ONLY, true);

    /**
     * WSS transport: trusted certificate, PEM.
     * <p>String, write only, draft; see {@code ZMQ_WSS_TRUST_PEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_TRUST_PEM =
            new SocketOption<>("WSS_TRUST_PEM", zmq_h.ZMQ_WSS_TRUST_PEM(), Kind.STRING, Access.WRITE_ONLY, true);

    /**
     * WSS transport: host name to verify.
     * <p>String, write only, draft; see {@code ZMQ_WSS_HOSTNAME} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_HOSTNAME =
            new SocketOption<>("WSS_HOSTNAME", zmq_h.ZMQ_WSS_HOSTNAME(), Kind.STRING, Access.WRITE_ONLY, true);

    /**
     * WSS transport: trust the system's certificate store.
     * <p>Boolean, write only, draft; see {@code ZMQ_WSS_TRUST_SYSTEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> WSS_TRUST_SYSTEM =
            new SocketOption<>("WSS_TRUST_SYSTEM", zmq_h.ZMQ_WSS_TRUST_SYSTEM(), Kind.BOOL, Access.WRITE_ONLY, true);

    /**
     * Processes only the first subscribe/unsubscribe in a multipart message. Default false.
     * <p>Boolean, write only, draft; see {@code ZMQ_ONLY_FIRST_SUBSCRIBE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ONLY_FIRST_SUBSCRIBE =
            new SocketOption<>("ONLY_FIRST_SUBSCRIBE", zmq_h.ZMQ_ONLY_FIRST_SUBSCRIBE(), Kind.BOOL, Access.WRITE_ONLY, true);

    /**
     * When to stop reconnecting: a mask of ZMQ_RECONNECT_STOP_*. Default 0.
     * <p>Integer, read and write, draft; see {@code ZMQ_RECONNECT_STOP} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECONNECT_STOP =
            new SocketOption<>("RECONNECT_STOP", zmq_h.ZMQ_RECONNECT_STOP(), Kind.INT, Access.READ_WRITE, true);

    /**
     * A message sent to each new peer when it connects.
     * <p>byte[], write only, draft; see {@code ZMQ_HELLO_MSG} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> HELLO_MSG =
            new SocketOption<>("HELLO_MSG", zmq_h.ZMQ_HELLO_MSG(), Kind.BYTES, Access.WRITE_ONLY, true);

    /**
     * A message delivered locally when a peer disconnects.
     * <p>byte[], write only, draft; see {@code ZMQ_DISCONNECT_MSG} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> DISCONNECT_MSG =
            new SocketOption<>("DISCONNECT_MSG", zmq_h.ZMQ_DISCONNECT_MSG(), Kind.BYTES, Access.WRITE_ONLY, true);

    /**
     * SO_PRIORITY of the socket's connections. Default 0.
     * <p>Integer, read and write, draft; see {@code ZMQ_PRIORITY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> PRIORITY =
            new SocketOption<>("PRIORITY", zmq_h.ZMQ_PRIORITY(), Kind.INT, Access.READ_WRITE, true);

    private final String name;
    private final int id;
    private final Kind kind;
    private final Access access;
    private final boolean draft;

    private SocketOption(String name, int id, Kind kind, Access access, boolean draft) {
        this.name = name;
        this.id = id;
        this.kind = kind;
        this.access = access;
        this.draft = draft;
        ALL.add(this);
    }

    /**
     * Every option key, in zmq.h order (stable, deprecated, then draft).
     *
     * @return an unmodifiable list
     */
    public static List<SocketOption<?>> values() {
        return Collections.unmodifiableList(ALL);
    }

    /**
     * The key with a zmq.h name, with or without the {@code ZMQ_} prefix.
     *
     * @param name e.g. {@code "SNDHWM"} or {@code "ZMQ_SNDHWM"}
     * @return the key
     * @throws IllegalArgumentException if no option has that name
     */
    public static SocketOption<?> valueOf(String name) {
        Objects.requireNonNull(name, "name");
        String bare = name.startsWith("ZMQ_") ? name.substring(4) : name;
        for (SocketOption<?> option : ALL) {
            if (option.name.equals(bare)) {
                return option;
            }
        }
        throw new IllegalArgumentException("no socket option is named " + name);
    }

    /**
     * The name, as in zmq.h without {@code ZMQ_}.
     *
     * @return e.g. {@code "SNDHWM"}
     */
    public String name() {
        return name;
    }

    /**
     * The option number passed to libzmq.
     *
     * @return the {@code ZMQ_*} value
     */
    public int id() {
        return id;
    }

    /**
     * The Java type of the value.
     *
     * @return {@code Integer.class}, {@code Long.class}, {@code Boolean.class},
     *         {@code byte[].class}, {@code String.class} or {@code SocketType.class}
     */
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) switch (kind) {
            case INT -> Integer.class;
            case LONG -> Long.class;
            case BOOL -> Boolean.class;
            case BYTES, CURVE_KEY -> byte[].class;
            case STRING -> String.class;
            case SOCKET_TYPE -> SocketType.class;
        };
    }

    /**
     * Whether {@link Socket#get} may read this option.
     *
     * @return {@code true} unless the option is write-only
     */
    public boolean isReadable() {
        return access != Access.WRITE_ONLY;
    }

    /**
     * Whether {@link Socket#set} may write this option.
     *
     * @return {@code true} unless the option is read-only
     */
    public boolean isWritable() {
        return access != Access.READ_ONLY;
    }

    /**
     * Whether the option belongs to libzmq's draft API.
     *
     * @return {@code true} for draft options
     */
    public boolean isDraft() {
        return draft;
    }

    Kind kind() {
        return kind;
    }

    /** Whether the value is a secret that exception messages must not show. */
    boolean isSecret() {
        return this == PLAIN_PASSWORD || this == CURVE_SECRETKEY || this == SOCKS_PASSWORD;
    }

    /** {@return the name, e.g. "SNDHWM"} */
    @Override
    public String toString() {
        return name;
    }
}
