package io.github.zmqffm;

import io.github.zmqffm.internal.opt.Availability;
import io.github.zmqffm.internal.opt.OptionSpec.Access;
import io.github.zmqffm.internal.opt.OptionSpec.Kind;
import io.github.zmqffm.internal.opt.OptionSpec;
import io.github.zmqffm.raw.zmq_h;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.github.zmqffm.internal.opt.OptionSpec.Access.READ_ONLY;
import static io.github.zmqffm.internal.opt.OptionSpec.Access.READ_WRITE;
import static io.github.zmqffm.internal.opt.OptionSpec.Access.WRITE_ONLY;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.BOOL;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.BYTES;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.CURVE_KEY;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.DESCRIPTOR;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.INT;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.LONG;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.SOCKET_TYPE;
import static io.github.zmqffm.internal.opt.OptionSpec.Kind.STRING;

/**
 * A typed socket option key, in the style of {@link java.net.SocketOption} and
 * {@link java.net.StandardSocketOptions}: one constant per socket option of zmq.h, named as there
 * without {@code ZMQ_}. The key carries the value type, so that
 *
 * {@snippet :
 * socket.set(SocketOption.LINGER, 0).set(SocketOption.SNDHWM, 10_000);
 * int hwm = socket.get(SocketOption.SNDHWM);
 * socket.set(SocketOption.CURVE_SERVERKEY, "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"); // Z85 text
 * }
 *
 * <p><b>Value types.</b> Numbers are {@code Integer} ({@code int} in libzmq) or {@code Long}
 * ({@code int64_t}/{@code uint64_t}); on/off flags are {@code Boolean}; binary values (routing
 * ids, subscriptions, CURVE keys) are {@code byte[]}; text is {@code String} (UTF-8).
 * <b>Time values are {@code Integer} milliseconds</b>, as in libzmq, with -1 meaning "forever"
 * or "not set" where the key says so; only the TCP keep-alive times are seconds, as the OS
 * takes them. Each key's documentation gives its unit, default and access.
 *
 * <p><b>Misuse is refused before any native call.</b> {@link Socket#set} refuses a read-only
 * key, and {@link Socket#get} a write-only one, with {@link IllegalArgumentException}; a CURVE
 * key of the wrong length likewise. A key the loaded libzmq cannot honour (a draft option
 * without the draft API, or one that needs a feature libzmq was built without, such as CURVE or
 * VMCI) throws {@link UnsupportedOperationException} saying why; {@link #isSupported()} asks
 * first. A value libzmq itself rejects throws {@link ZmqException} naming the key and the value
 * (secrets are never shown).
 *
 * <p><b>Old names.</b> zmq.h keeps older names for five options: {@code ZMQ_IDENTITY},
 * {@code ZMQ_CONNECT_RID}, {@code ZMQ_DELAY_ATTACH_ON_CONNECT}, {@code ZMQ_FAIL_UNROUTABLE} and
 * {@code ZMQ_ROUTER_BEHAVIOR}. They are deprecated constants holding the very same key object
 * as the current name, so {@code IDENTITY == ROUTING_ID}.
 *
 * @param <T> the type of the option's value
 */
public final class SocketOption<T> {
    private static final List<SocketOption<?>> ALL = new ArrayList<>();
    /** Values that exception messages must not show. */
    private static final Set<String> SECRETS = Set.of("PLAIN_PASSWORD", "CURVE_SECRETKEY", "SOCKS_PASSWORD", "WSS_KEY_PEM");
    private static final Availability CURVE = Availability.needs("curve");
    private static final Availability GSSAPI = Availability.needs("gssapi");
    private static final Availability VMCI = Availability.needs("vmci");

    /**
     * Which I/O threads may serve this socket's new connections: bit n stands for I/O thread n.
     *
     * <p>{@code Long}, a bit mask. Default: 0 (any thread). Read and write. See {@code
     * ZMQ_AFFINITY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> AFFINITY =
            new SocketOption<>("AFFINITY", zmq_h.ZMQ_AFFINITY(), LONG, READ_WRITE);

    /**
     * This socket's routing id as a ROUTER peer sees it; takes effect for later connections.
     *
     * <p>{@code byte[]}, 1 to 255 bytes, not starting with a zero byte. Default: none (the ROUTER
     * makes one up). Read and write. See {@code ZMQ_ROUTING_ID} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> ROUTING_ID =
            new SocketOption<>("ROUTING_ID", zmq_h.ZMQ_ROUTING_ID(), BYTES, READ_WRITE);

    /**
     * Adds a prefix filter to a SUB socket (or, with XPUB_MANUAL, to an XPUB); an empty prefix
     * matches every message.
     *
     * <p>{@code byte[]}, a message prefix. Default: none (a SUB receives nothing). Write only. See
     * {@code ZMQ_SUBSCRIBE} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> SUBSCRIBE =
            new SocketOption<>("SUBSCRIBE", zmq_h.ZMQ_SUBSCRIBE(), BYTES, WRITE_ONLY);

    /**
     * Removes one earlier SUBSCRIBE of the same prefix.
     *
     * <p>{@code byte[]}, a message prefix. Write only. See {@code ZMQ_UNSUBSCRIBE} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> UNSUBSCRIBE =
            new SocketOption<>("UNSUBSCRIBE", zmq_h.ZMQ_UNSUBSCRIBE(), BYTES, WRITE_ONLY);

    /**
     * Multicast (PGM, NORM) data rate.
     *
     * <p>{@code Integer}, kilobits per second. Default: 100. Read and write. See {@code ZMQ_RATE}
     * in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RATE =
            new SocketOption<>("RATE", zmq_h.ZMQ_RATE(), INT, READ_WRITE);

    /**
     * How long a multicast receiver may be away and still recover the data it missed.
     *
     * <p>{@code Integer}, milliseconds. Default: 10000. Read and write. See {@code
     * ZMQ_RECOVERY_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECOVERY_IVL =
            new SocketOption<>("RECOVERY_IVL", zmq_h.ZMQ_RECOVERY_IVL(), INT, READ_WRITE);

    /**
     * Kernel send buffer size (SO_SNDBUF) of the socket's connections.
     *
     * <p>{@code Integer}, bytes; -1 keeps the OS default. Default: -1. Read and write. See {@code
     * ZMQ_SNDBUF} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> SNDBUF =
            new SocketOption<>("SNDBUF", zmq_h.ZMQ_SNDBUF(), INT, READ_WRITE);

    /**
     * Kernel receive buffer size (SO_RCVBUF) of the socket's connections.
     *
     * <p>{@code Integer}, bytes; -1 keeps the OS default. Default: -1. Read and write. See {@code
     * ZMQ_RCVBUF} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RCVBUF =
            new SocketOption<>("RCVBUF", zmq_h.ZMQ_RCVBUF(), INT, READ_WRITE);

    /**
     * Whether the frame received last is followed by more frames of the same message.
     *
     * <p>{@code Boolean}. Read only. See {@code ZMQ_RCVMORE} in zmq_getsockopt(3).
     */
    public static final SocketOption<Boolean> RCVMORE =
            new SocketOption<>("RCVMORE", zmq_h.ZMQ_RCVMORE(), BOOL, READ_ONLY);

    /**
     * A file descriptor that turns readable when EVENTS may have changed (edge-triggered), for
     * external event loops; never read or write it.
     *
     * <p>{@code Integer}, a file descriptor (a {@code SOCKET} handle on Windows). Read only. See
     * {@code ZMQ_FD} in zmq_getsockopt(3).
     */
    public static final SocketOption<Integer> FD =
            new SocketOption<>("FD", zmq_h.ZMQ_FD(), DESCRIPTOR, READ_ONLY);

    /**
     * Current readiness of the socket.
     *
     * <p>{@code Integer}, a mask of ZMQ_POLLIN (1) and ZMQ_POLLOUT (2). Read only. See {@code
     * ZMQ_EVENTS} in zmq_getsockopt(3).
     */
    public static final SocketOption<Integer> EVENTS =
            new SocketOption<>("EVENTS", zmq_h.ZMQ_EVENTS(), INT, READ_ONLY);

    /**
     * The socket's type.
     *
     * <p>{@code SocketType}. Read only. See {@code ZMQ_TYPE} in zmq_getsockopt(3).
     */
    public static final SocketOption<SocketType> TYPE =
            new SocketOption<>("TYPE", zmq_h.ZMQ_TYPE(), SOCKET_TYPE, READ_ONLY);

    /**
     * How long close() keeps unsent messages, trying to deliver them, before it discards them.
     *
     * <p>{@code Integer}, milliseconds; -1 forever, 0 discard at once. Default: 0 in zmq-ffm
     * (libzmq's own default, -1, can make a context close hang). Read and write. See {@code
     * ZMQ_LINGER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> LINGER =
            new SocketOption<>("LINGER", zmq_h.ZMQ_LINGER(), INT, READ_WRITE);

    /**
     * How long to wait before reconnecting a connection that dropped or was refused.
     *
     * <p>{@code Integer}, milliseconds; -1 never reconnects. Default: 100. Read and write. See
     * {@code ZMQ_RECONNECT_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECONNECT_IVL =
            new SocketOption<>("RECONNECT_IVL", zmq_h.ZMQ_RECONNECT_IVL(), INT, READ_WRITE);

    /**
     * Length of the queue of incoming connections not yet accepted (listen backlog).
     *
     * <p>{@code Integer}, connections. Default: 100. Read and write. See {@code ZMQ_BACKLOG} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> BACKLOG =
            new SocketOption<>("BACKLOG", zmq_h.ZMQ_BACKLOG(), INT, READ_WRITE);

    /**
     * Upper bound of the exponential reconnection back-off.
     *
     * <p>{@code Integer}, milliseconds; 0 keeps every retry at RECONNECT_IVL. Default: 0. Read and
     * write. See {@code ZMQ_RECONNECT_IVL_MAX} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX =
            new SocketOption<>("RECONNECT_IVL_MAX", zmq_h.ZMQ_RECONNECT_IVL_MAX(), INT, READ_WRITE);

    /**
     * Largest inbound message accepted; a peer that sends a larger one is disconnected.
     *
     * <p>{@code Long}, bytes; -1 no limit. Default: -1. Read and write. See {@code ZMQ_MAXMSGSIZE}
     * in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> MAXMSGSIZE =
            new SocketOption<>("MAXMSGSIZE", zmq_h.ZMQ_MAXMSGSIZE(), LONG, READ_WRITE);

    /**
     * High water mark for outbound messages: past it the socket blocks or drops, as its type
     * documents.
     *
     * <p>{@code Integer}, messages; 0 no limit. Default: 1000. Read and write, but written
     * only before the socket's first bind or connect ({@link IllegalStateException} after: in
     * libzmq 4.3 a change reaching a connection that is closing uses freed memory). See {@code
     * ZMQ_SNDHWM} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> SNDHWM =
            new SocketOption<>("SNDHWM", zmq_h.ZMQ_SNDHWM(), INT, READ_WRITE);

    /**
     * High water mark for inbound messages.
     *
     * <p>{@code Integer}, messages; 0 no limit. Default: 1000. Read and write, written only
     * before the first bind or connect, as {@link #SNDHWM}. See {@code ZMQ_RCVHWM} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RCVHWM =
            new SocketOption<>("RCVHWM", zmq_h.ZMQ_RCVHWM(), INT, READ_WRITE);

    /**
     * Time-to-live of multicast packets.
     *
     * <p>{@code Integer}, network hops. Default: 1. Read and write. See {@code ZMQ_MULTICAST_HOPS}
     * in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> MULTICAST_HOPS =
            new SocketOption<>("MULTICAST_HOPS", zmq_h.ZMQ_MULTICAST_HOPS(), INT, READ_WRITE);

    /**
     * How long a blocking receive waits before it returns {@code null}, -1 or {@code false}.
     *
     * <p>{@code Integer}, milliseconds; -1 forever. Default: -1. Read and write. See {@code
     * ZMQ_RCVTIMEO} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RCVTIMEO =
            new SocketOption<>("RCVTIMEO", zmq_h.ZMQ_RCVTIMEO(), INT, READ_WRITE);

    /**
     * How long a blocking send waits before it returns {@code false}.
     *
     * <p>{@code Integer}, milliseconds; -1 forever. Default: -1. Read and write. See {@code
     * ZMQ_SNDTIMEO} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> SNDTIMEO =
            new SocketOption<>("SNDTIMEO", zmq_h.ZMQ_SNDTIMEO(), INT, READ_WRITE);

    /**
     * The endpoint last bound or connected, with the port a wildcard bind chose.
     *
     * <p>{@code String}, e.g. {@code tcp://127.0.0.1:40221}. Read only. See {@code
     * ZMQ_LAST_ENDPOINT} in zmq_getsockopt(3).
     */
    public static final SocketOption<String> LAST_ENDPOINT =
            new SocketOption<>("LAST_ENDPOINT", zmq_h.ZMQ_LAST_ENDPOINT(), STRING, READ_ONLY);

    /**
     * Makes a ROUTER refuse a message to an unknown peer with EHOSTUNREACH (and wait, or fail with
     * EAGAIN, at a peer's high water mark) instead of dropping it.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_ROUTER_MANDATORY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ROUTER_MANDATORY =
            new SocketOption<>("ROUTER_MANDATORY", zmq_h.ZMQ_ROUTER_MANDATORY(), BOOL, WRITE_ONLY);

    /**
     * SO_KEEPALIVE of TCP connections.
     *
     * <p>{@code Integer}, -1 OS default, 0 off, 1 on. Default: -1. Read and write. See {@code
     * ZMQ_TCP_KEEPALIVE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE =
            new SocketOption<>("TCP_KEEPALIVE", zmq_h.ZMQ_TCP_KEEPALIVE(), INT, READ_WRITE);

    /**
     * TCP_KEEPCNT: unanswered keep-alive probes before a TCP connection is dropped.
     *
     * <p>{@code Integer}, probes; -1 OS default. Default: -1. Read and write. See {@code
     * ZMQ_TCP_KEEPALIVE_CNT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT =
            new SocketOption<>("TCP_KEEPALIVE_CNT", zmq_h.ZMQ_TCP_KEEPALIVE_CNT(), INT, READ_WRITE);

    /**
     * TCP_KEEPIDLE: idle time before the first keep-alive probe.
     *
     * <p>{@code Integer}, <b>seconds</b>; -1 OS default. Default: -1. Read and write. See {@code
     * ZMQ_TCP_KEEPALIVE_IDLE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE =
            new SocketOption<>("TCP_KEEPALIVE_IDLE", zmq_h.ZMQ_TCP_KEEPALIVE_IDLE(), INT, READ_WRITE);

    /**
     * TCP_KEEPINTVL: time between keep-alive probes.
     *
     * <p>{@code Integer}, <b>seconds</b>; -1 OS default. Default: -1. Read and write. See {@code
     * ZMQ_TCP_KEEPALIVE_INTVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL =
            new SocketOption<>("TCP_KEEPALIVE_INTVL", zmq_h.ZMQ_TCP_KEEPALIVE_INTVL(), INT, READ_WRITE);

    /**
     * Queues messages only on completed connections: with no connected peer a send waits (trySend
     * returns {@code false}) instead of queuing.
     *
     * <p>{@code Boolean}. Default: false. Read and write. See {@code ZMQ_IMMEDIATE} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> IMMEDIATE =
            new SocketOption<>("IMMEDIATE", zmq_h.ZMQ_IMMEDIATE(), BOOL, READ_WRITE);

    /**
     * Makes an XPUB pass every subscription message on to the application, duplicates included.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_XPUB_VERBOSE} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_VERBOSE =
            new SocketOption<>("XPUB_VERBOSE", zmq_h.ZMQ_XPUB_VERBOSE(), BOOL, WRITE_ONLY);

    /**
     * Makes a ROUTER exchange raw TCP data without ZMTP framing; superseded by the STREAM socket
     * type.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_ROUTER_RAW} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ROUTER_RAW =
            new SocketOption<>("ROUTER_RAW", zmq_h.ZMQ_ROUTER_RAW(), BOOL, WRITE_ONLY);

    /**
     * Enables IPv6 (dual stack) on the socket's TCP endpoints.
     *
     * <p>{@code Boolean}. Default: false (or the context's IPV6). Read and write. See {@code
     * ZMQ_IPV6} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> IPV6 =
            new SocketOption<>("IPV6", zmq_h.ZMQ_IPV6(), BOOL, READ_WRITE);

    /**
     * The security mechanism in use.
     *
     * <p>{@code Integer}, 0 NULL, 1 PLAIN, 2 CURVE, 3 GSSAPI. Read only. See {@code ZMQ_MECHANISM}
     * in zmq_getsockopt(3).
     */
    public static final SocketOption<Integer> MECHANISM =
            new SocketOption<>("MECHANISM", zmq_h.ZMQ_MECHANISM(), INT, READ_ONLY);

    /**
     * Makes the socket a PLAIN server, which checks clients' credentials through ZAP.
     *
     * <p>{@code Boolean}. Default: false. Read and write. See {@code ZMQ_PLAIN_SERVER} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> PLAIN_SERVER =
            new SocketOption<>("PLAIN_SERVER", zmq_h.ZMQ_PLAIN_SERVER(), BOOL, READ_WRITE);

    /**
     * PLAIN user name; setting it makes the socket a PLAIN client.
     *
     * <p>{@code String}, 1 to 255 bytes of UTF-8; empty returns to NULL security. Default: empty.
     * Read and write. See {@code ZMQ_PLAIN_USERNAME} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> PLAIN_USERNAME =
            new SocketOption<>("PLAIN_USERNAME", zmq_h.ZMQ_PLAIN_USERNAME(), STRING, READ_WRITE);

    /**
     * PLAIN password; setting it makes the socket a PLAIN client. Exception messages never show
     * it.
     *
     * <p>{@code String}, 1 to 255 bytes of UTF-8; empty returns to NULL security. Default: empty.
     * Read and write. See {@code ZMQ_PLAIN_PASSWORD} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> PLAIN_PASSWORD =
            new SocketOption<>("PLAIN_PASSWORD", zmq_h.ZMQ_PLAIN_PASSWORD(), STRING, READ_WRITE);

    /**
     * Makes the socket a CURVE server; it needs CURVE_SECRETKEY.
     *
     * <p>{@code Boolean}. Default: false. Read and write. Needs a libzmq built with curve. See
     * {@code ZMQ_CURVE_SERVER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> CURVE_SERVER =
            new SocketOption<>("CURVE_SERVER", zmq_h.ZMQ_CURVE_SERVER(), BOOL, READ_WRITE, CURVE);

    /**
     * This socket's long-term CURVE public key.
     *
     * <p>{@code byte[]}, 32 bytes, or its 40-character Z85 text through {@link
     * Socket#set(SocketOption, String)}; {@link Socket#getString} reads it as Z85. Default: none.
     * Read and write. Needs a libzmq built with curve. See {@code ZMQ_CURVE_PUBLICKEY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CURVE_PUBLICKEY =
            new SocketOption<>("CURVE_PUBLICKEY", zmq_h.ZMQ_CURVE_PUBLICKEY(), CURVE_KEY, READ_WRITE, CURVE);

    /**
     * This socket's long-term CURVE secret key. Exception messages never show it.
     *
     * <p>{@code byte[]}, 32 bytes, or its 40-character Z85 text through {@link
     * Socket#set(SocketOption, String)}; {@link Socket#getString} reads it as Z85. Default: none.
     * Read and write. Needs a libzmq built with curve. See {@code ZMQ_CURVE_SECRETKEY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CURVE_SECRETKEY =
            new SocketOption<>("CURVE_SECRETKEY", zmq_h.ZMQ_CURVE_SECRETKEY(), CURVE_KEY, READ_WRITE, CURVE);

    /**
     * The server's long-term public key; setting it makes the socket a CURVE client.
     *
     * <p>{@code byte[]}, 32 bytes, or its 40-character Z85 text through {@link
     * Socket#set(SocketOption, String)}; {@link Socket#getString} reads it as Z85. Default: none.
     * Read and write. Needs a libzmq built with curve. See {@code ZMQ_CURVE_SERVERKEY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CURVE_SERVERKEY =
            new SocketOption<>("CURVE_SERVERKEY", zmq_h.ZMQ_CURVE_SERVERKEY(), CURVE_KEY, READ_WRITE, CURVE);

    /**
     * Sends an empty message on each new connection, so that a ROUTER peer learns this socket's
     * routing id at once (ROUTER, DEALER, REQ).
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_PROBE_ROUTER} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> PROBE_ROUTER =
            new SocketOption<>("PROBE_ROUTER", zmq_h.ZMQ_PROBE_ROUTER(), BOOL, WRITE_ONLY);

    /**
     * Makes a REQ prefix each request with a request id and drop replies that do not carry it.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_REQ_CORRELATE} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> REQ_CORRELATE =
            new SocketOption<>("REQ_CORRELATE", zmq_h.ZMQ_REQ_CORRELATE(), BOOL, WRITE_ONLY);

    /**
     * Lets a REQ send a new request before the reply to the last one arrived (best with
     * REQ_CORRELATE).
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_REQ_RELAXED} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> REQ_RELAXED =
            new SocketOption<>("REQ_RELAXED", zmq_h.ZMQ_REQ_RELAXED(), BOOL, WRITE_ONLY);

    /**
     * Keeps only the newest message in each queue, dropping older ones; for single-frame messages
     * only.
     *
     * <p>{@code Boolean}. Default: false. Read and write. See {@code ZMQ_CONFLATE} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> CONFLATE =
            new SocketOption<>("CONFLATE", zmq_h.ZMQ_CONFLATE(), BOOL, READ_WRITE);

    /**
     * The authentication domain that this socket's ZAP requests carry.
     *
     * <p>{@code String}, 0 to 255 bytes of UTF-8. Default: empty. Read and write. See {@code
     * ZMQ_ZAP_DOMAIN} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> ZAP_DOMAIN =
            new SocketOption<>("ZAP_DOMAIN", zmq_h.ZMQ_ZAP_DOMAIN(), STRING, READ_WRITE);

    /**
     * Lets a new connection whose routing id is already in use take it over, instead of being
     * ignored.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_ROUTER_HANDOVER} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ROUTER_HANDOVER =
            new SocketOption<>("ROUTER_HANDOVER", zmq_h.ZMQ_ROUTER_HANDOVER(), BOOL, WRITE_ONLY);

    /**
     * IP type-of-service byte (DSCP and ECN) of outgoing packets.
     *
     * <p>{@code Integer}, 0 to 255. Default: 0. Read and write. See {@code ZMQ_TOS} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TOS =
            new SocketOption<>("TOS", zmq_h.ZMQ_TOS(), INT, READ_WRITE);

    /**
     * The routing id under which a ROUTER or STREAM knows the peer of its next connect().
     *
     * <p>{@code byte[]}, 1 to 255 bytes; used by the next connect only. Write only. See {@code
     * ZMQ_CONNECT_ROUTING_ID} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID =
            new SocketOption<>("CONNECT_ROUTING_ID", zmq_h.ZMQ_CONNECT_ROUTING_ID(), BYTES, WRITE_ONLY);

    /**
     * Makes the socket a GSSAPI server.
     *
     * <p>{@code Boolean}. Default: false. Read and write. Needs a libzmq built with gssapi. See
     * {@code ZMQ_GSSAPI_SERVER} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> GSSAPI_SERVER =
            new SocketOption<>("GSSAPI_SERVER", zmq_h.ZMQ_GSSAPI_SERVER(), BOOL, READ_WRITE, GSSAPI);

    /**
     * This socket's GSSAPI principal; setting it selects GSSAPI security.
     *
     * <p>{@code String}, 1 to 255 bytes of UTF-8. Default: empty. Read and write. Needs a libzmq
     * built with gssapi. See {@code ZMQ_GSSAPI_PRINCIPAL} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> GSSAPI_PRINCIPAL =
            new SocketOption<>("GSSAPI_PRINCIPAL", zmq_h.ZMQ_GSSAPI_PRINCIPAL(), STRING, READ_WRITE, GSSAPI);

    /**
     * The GSSAPI principal of the server a client talks to; setting it makes the socket a GSSAPI
     * client.
     *
     * <p>{@code String}, 1 to 255 bytes of UTF-8. Default: empty. Read and write. Needs a libzmq
     * built with gssapi. See {@code ZMQ_GSSAPI_SERVICE_PRINCIPAL} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> GSSAPI_SERVICE_PRINCIPAL =
            new SocketOption<>("GSSAPI_SERVICE_PRINCIPAL", zmq_h.ZMQ_GSSAPI_SERVICE_PRINCIPAL(),
                    STRING, READ_WRITE, GSSAPI);

    /**
     * Turns GSSAPI encryption off, keeping authentication.
     *
     * <p>{@code Boolean}. Default: false. Read and write. Needs a libzmq built with gssapi. See
     * {@code ZMQ_GSSAPI_PLAINTEXT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> GSSAPI_PLAINTEXT =
            new SocketOption<>("GSSAPI_PLAINTEXT", zmq_h.ZMQ_GSSAPI_PLAINTEXT(), BOOL, READ_WRITE, GSSAPI);

    /**
     * Longest time a new connection may take to complete the ZMTP handshake before it is dropped.
     *
     * <p>{@code Integer}, milliseconds; 0 no limit. Default: 30000. Read and write. See {@code
     * ZMQ_HANDSHAKE_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HANDSHAKE_IVL =
            new SocketOption<>("HANDSHAKE_IVL", zmq_h.ZMQ_HANDSHAKE_IVL(), INT, READ_WRITE);

    /**
     * SOCKS5 proxy, {@code host:port}, for the socket's outgoing TCP connections.
     *
     * <p>{@code String}. Default: empty (none). Read and write. See {@code ZMQ_SOCKS_PROXY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<String> SOCKS_PROXY =
            new SocketOption<>("SOCKS_PROXY", zmq_h.ZMQ_SOCKS_PROXY(), STRING, READ_WRITE);

    /**
     * Makes an XPUB wait (or trySend return {@code false}) when a subscriber is at its high water
     * mark, instead of dropping.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_XPUB_NODROP} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_NODROP =
            new SocketOption<>("XPUB_NODROP", zmq_h.ZMQ_XPUB_NODROP(), BOOL, WRITE_ONLY);

    /**
     * Lets the application decide which subscriptions an XPUB applies: it reads each subscription
     * message and sets SUBSCRIBE or UNSUBSCRIBE itself.
     *
     * <p>{@code Boolean}. Default: false. Write only. Turning it on needs libzmq 4.3.5 or newer
     * ({@link UnsupportedOperationException} before: older ones can file a manual subscription
     * under a subscriber that has gone, and then write into freed memory). See {@code
     * ZMQ_XPUB_MANUAL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_MANUAL =
            new SocketOption<>("XPUB_MANUAL", zmq_h.ZMQ_XPUB_MANUAL(), BOOL, WRITE_ONLY);

    /**
     * A message an XPUB sends to each new subscriber, which receives it if it subscribed to a
     * matching prefix.
     *
     * <p>{@code byte[]}, the message; empty turns it off. Default: none. Write only. See {@code
     * ZMQ_XPUB_WELCOME_MSG} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG =
            new SocketOption<>("XPUB_WELCOME_MSG", zmq_h.ZMQ_XPUB_WELCOME_MSG(), BYTES, WRITE_ONLY);

    /**
     * Makes a STREAM socket deliver an empty frame when a peer connects or disconnects.
     *
     * <p>{@code Boolean}. Default: true. Write only. See {@code ZMQ_STREAM_NOTIFY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> STREAM_NOTIFY =
            new SocketOption<>("STREAM_NOTIFY", zmq_h.ZMQ_STREAM_NOTIFY(), BOOL, WRITE_ONLY);

    /**
     * Inverts prefix matching: a SUB receives, and a PUB or XPUB sends, the messages that match no
     * subscription.
     *
     * <p>{@code Boolean}. Default: false. Read and write. See {@code ZMQ_INVERT_MATCHING} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> INVERT_MATCHING =
            new SocketOption<>("INVERT_MATCHING", zmq_h.ZMQ_INVERT_MATCHING(), BOOL, READ_WRITE);

    /**
     * Interval between the ZMTP heartbeat PINGs sent on each connection.
     *
     * <p>{@code Integer}, milliseconds; 0 no heartbeats. Default: 0. Read and write. On every type
     * but PUSH and PUB it needs RCVHWM 0 (a tcp, ipc or tipc bind or connect refuses otherwise):
     * libzmq aborts the process if a connection is reset while the receive queue is full and a
     * heartbeat is due. See {@code ZMQ_HEARTBEAT_IVL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HEARTBEAT_IVL =
            new SocketOption<>("HEARTBEAT_IVL", zmq_h.ZMQ_HEARTBEAT_IVL(), INT, READ_WRITE);

    /**
     * How long the peer may go without hearing from this socket before it drops the connection;
     * sent in each PING.
     *
     * <p>{@code Integer}, milliseconds, kept in units of 100 ms (0 to 6553599); 0 no limit.
     * Default: 0. Read and write. See {@code ZMQ_HEARTBEAT_TTL} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HEARTBEAT_TTL =
            new SocketOption<>("HEARTBEAT_TTL", zmq_h.ZMQ_HEARTBEAT_TTL(), INT, READ_WRITE);

    /**
     * How long to wait for any traffic after a PING before the connection is dropped.
     *
     * <p>{@code Integer}, milliseconds; -1 uses HEARTBEAT_IVL. Default: -1. Read and write. See
     * {@code ZMQ_HEARTBEAT_TIMEOUT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT =
            new SocketOption<>("HEARTBEAT_TIMEOUT", zmq_h.ZMQ_HEARTBEAT_TIMEOUT(), INT, READ_WRITE);

    /**
     * Like XPUB_VERBOSE, and also passes every unsubscription message on to the application.
     *
     * <p>{@code Boolean}. Default: false. Write only. See {@code ZMQ_XPUB_VERBOSER} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_VERBOSER =
            new SocketOption<>("XPUB_VERBOSER", zmq_h.ZMQ_XPUB_VERBOSER(), BOOL, WRITE_ONLY);

    /**
     * Time limit of a TCP connect().
     *
     * <p>{@code Integer}, milliseconds; 0 leaves it to the OS. Default: 0. Read and write. See
     * {@code ZMQ_CONNECT_TIMEOUT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> CONNECT_TIMEOUT =
            new SocketOption<>("CONNECT_TIMEOUT", zmq_h.ZMQ_CONNECT_TIMEOUT(), INT, READ_WRITE);

    /**
     * TCP_USER_TIMEOUT: how long sent data may stay unacknowledged before the connection is
     * dropped.
     *
     * <p>{@code Integer}, milliseconds; 0 leaves it to the OS. Default: 0. Read and write. See
     * {@code ZMQ_TCP_MAXRT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> TCP_MAXRT =
            new SocketOption<>("TCP_MAXRT", zmq_h.ZMQ_TCP_MAXRT(), INT, READ_WRITE);

    /**
     * Whether several threads may use the socket at once (true for the draft thread-safe types
     * only).
     *
     * <p>{@code Boolean}. Read only. See {@code ZMQ_THREAD_SAFE} in zmq_getsockopt(3).
     */
    public static final SocketOption<Boolean> THREAD_SAFE =
            new SocketOption<>("THREAD_SAFE", zmq_h.ZMQ_THREAD_SAFE(), BOOL, READ_ONLY);

    /**
     * Largest multicast transport data unit.
     *
     * <p>{@code Integer}, bytes. Default: 1500. Read and write. See {@code ZMQ_MULTICAST_MAXTPDU}
     * in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> MULTICAST_MAXTPDU =
            new SocketOption<>("MULTICAST_MAXTPDU", zmq_h.ZMQ_MULTICAST_MAXTPDU(), INT, READ_WRITE);

    /**
     * VMCI transport: buffer size of new connections.
     *
     * <p>{@code Long}, bytes. Default: 0 (the VMCI default). Write only. Needs a libzmq built with
     * vmci. See {@code ZMQ_VMCI_BUFFER_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> VMCI_BUFFER_SIZE =
            new SocketOption<>("VMCI_BUFFER_SIZE", zmq_h.ZMQ_VMCI_BUFFER_SIZE(), LONG, WRITE_ONLY, VMCI);

    /**
     * VMCI transport: minimum buffer size of new connections.
     *
     * <p>{@code Long}, bytes. Default: 0 (the VMCI default). Write only. Needs a libzmq built with
     * vmci. See {@code ZMQ_VMCI_BUFFER_MIN_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> VMCI_BUFFER_MIN_SIZE =
            new SocketOption<>("VMCI_BUFFER_MIN_SIZE", zmq_h.ZMQ_VMCI_BUFFER_MIN_SIZE(),
                    LONG, WRITE_ONLY, VMCI);

    /**
     * VMCI transport: maximum buffer size of new connections.
     *
     * <p>{@code Long}, bytes. Default: 0 (the VMCI default). Write only. Needs a libzmq built with
     * vmci. See {@code ZMQ_VMCI_BUFFER_MAX_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Long> VMCI_BUFFER_MAX_SIZE =
            new SocketOption<>("VMCI_BUFFER_MAX_SIZE", zmq_h.ZMQ_VMCI_BUFFER_MAX_SIZE(),
                    LONG, WRITE_ONLY, VMCI);

    /**
     * VMCI transport: connect timeout.
     *
     * <p>{@code Integer}, milliseconds; -1 none. Default: -1. Write only. Needs a libzmq built
     * with vmci. See {@code ZMQ_VMCI_CONNECT_TIMEOUT} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> VMCI_CONNECT_TIMEOUT =
            new SocketOption<>("VMCI_CONNECT_TIMEOUT", zmq_h.ZMQ_VMCI_CONNECT_TIMEOUT(),
                    INT, WRITE_ONLY, VMCI);

    /**
     * A file descriptor, already bound, that the next bind() adopts instead of creating its own.
     *
     * <p>{@code Integer}, a file descriptor; -1 none. Default: -1. Read and write. See {@code
     * ZMQ_USE_FD} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> USE_FD =
            new SocketOption<>("USE_FD", zmq_h.ZMQ_USE_FD(), INT, READ_WRITE);

    /**
     * How GSSAPI_PRINCIPAL is to be read.
     *
     * <p>{@code Integer}, 0 host-based service, 1 user name, 2 Kerberos principal
     * (ZMQ_GSSAPI_NT_*). Default: 0. Read and write. Needs a libzmq built with gssapi. See {@code
     * ZMQ_GSSAPI_PRINCIPAL_NAMETYPE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> GSSAPI_PRINCIPAL_NAMETYPE =
            new SocketOption<>("GSSAPI_PRINCIPAL_NAMETYPE", zmq_h.ZMQ_GSSAPI_PRINCIPAL_NAMETYPE(),
                    INT, READ_WRITE, GSSAPI);

    /**
     * How GSSAPI_SERVICE_PRINCIPAL is to be read.
     *
     * <p>{@code Integer}, 0 host-based service, 1 user name, 2 Kerberos principal
     * (ZMQ_GSSAPI_NT_*). Default: 0. Read and write. Needs a libzmq built with gssapi. See {@code
     * ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> GSSAPI_SERVICE_PRINCIPAL_NAMETYPE =
            new SocketOption<>("GSSAPI_SERVICE_PRINCIPAL_NAMETYPE", zmq_h.ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE(),
                    INT, READ_WRITE, GSSAPI);

    /**
     * Network interface the socket's connections are bound to (SO_BINDTODEVICE, which needs
     * CAP_NET_RAW when used).
     *
     * <p>{@code String}, an interface name of at most 16 bytes. Default: empty (none). Read and
     * write. See {@code ZMQ_BINDTODEVICE} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> BINDTODEVICE =
            new SocketOption<>("BINDTODEVICE", zmq_h.ZMQ_BINDTODEVICE(), STRING, READ_WRITE);

    /**
     * The inverse of IPV6.
     *
     * <p>{@code Boolean}. Default: true. Read and write. See {@code ZMQ_IPV4ONLY} in
     * zmq_setsockopt(3).
     *
     * @deprecated use {@link #IPV6}.
     */
    @Deprecated
    public static final SocketOption<Boolean> IPV4ONLY =
            new SocketOption<>("IPV4ONLY", zmq_h.ZMQ_IPV4ONLY(), BOOL, READ_WRITE);

    /**
     * Adds an address, or CIDR range, from which TCP connections are accepted; empty clears the
     * list.
     *
     * <p>{@code String}, an IPv4 or IPv6 address or CIDR range. Write only. See {@code
     * ZMQ_TCP_ACCEPT_FILTER} in zmq_setsockopt(3).
     *
     * @deprecated superseded by ZAP authentication (zmq_setsockopt(3)).
     */
    @Deprecated
    public static final SocketOption<String> TCP_ACCEPT_FILTER =
            new SocketOption<>("TCP_ACCEPT_FILTER", zmq_h.ZMQ_TCP_ACCEPT_FILTER(), STRING, WRITE_ONLY);

    /**
     * Adds a user id whose processes may connect to this socket's ipc endpoints (Linux, BSD).
     *
     * <p>{@code Integer}, a user id. Write only. See {@code ZMQ_IPC_FILTER_UID} in
     * zmq_setsockopt(3).
     *
     * @deprecated superseded by ZAP authentication (zmq_setsockopt(3)).
     */
    @Deprecated
    public static final SocketOption<Integer> IPC_FILTER_UID =
            new SocketOption<>("IPC_FILTER_UID", zmq_h.ZMQ_IPC_FILTER_UID(), INT, WRITE_ONLY);

    /**
     * Adds a group id whose processes may connect to this socket's ipc endpoints (Linux, BSD).
     *
     * <p>{@code Integer}, a group id. Write only. See {@code ZMQ_IPC_FILTER_GID} in
     * zmq_setsockopt(3).
     *
     * @deprecated superseded by ZAP authentication (zmq_setsockopt(3)).
     */
    @Deprecated
    public static final SocketOption<Integer> IPC_FILTER_GID =
            new SocketOption<>("IPC_FILTER_GID", zmq_h.ZMQ_IPC_FILTER_GID(), INT, WRITE_ONLY);

    /**
     * Adds a process id that may connect to this socket's ipc endpoints (Linux).
     *
     * <p>{@code Integer}, a process id. Write only. See {@code ZMQ_IPC_FILTER_PID} in
     * zmq_setsockopt(3).
     *
     * @deprecated superseded by ZAP authentication (zmq_setsockopt(3)).
     */
    @Deprecated
    public static final SocketOption<Integer> IPC_FILTER_PID =
            new SocketOption<>("IPC_FILTER_PID", zmq_h.ZMQ_IPC_FILTER_PID(), INT, WRITE_ONLY);

    /**
     * Makes ZAP strict, as RFC 27 asks: without a ZAP handler, connections fail instead of
     * passing.
     *
     * <p>{@code Boolean}. Default: false. Read and write; draft API (libzmq 4.2.3). See {@code
     * ZMQ_ZAP_ENFORCE_DOMAIN} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN =
            new SocketOption<>("ZAP_ENFORCE_DOMAIN", zmq_h.ZMQ_ZAP_ENFORCE_DOMAIN(),
                    BOOL, READ_WRITE, Availability.draft(4, 2, 3));

    /**
     * Uses the Windows TCP loopback fast path.
     *
     * <p>{@code Boolean}. Default: false. Read and write; draft API (libzmq 4.2.4). See {@code
     * ZMQ_LOOPBACK_FASTPATH} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> LOOPBACK_FASTPATH =
            new SocketOption<>("LOOPBACK_FASTPATH", zmq_h.ZMQ_LOOPBACK_FASTPATH(),
                    BOOL, READ_WRITE, Availability.draft(4, 2, 4));

    /**
     * Adds an application property sent in the ZMTP handshake.
     *
     * <p>{@code String}, {@code X-name:value}. Write only; draft API (libzmq 4.2.4). See {@code
     * ZMQ_METADATA} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> METADATA =
            new SocketOption<>("METADATA", zmq_h.ZMQ_METADATA(),
                    STRING, WRITE_ONLY, Availability.draft(4, 2, 4));

    /**
     * Loops UDP multicast back to the sending host.
     *
     * <p>{@code Boolean}. Default: true. Read and write; draft API (libzmq 4.3.0). See {@code
     * ZMQ_MULTICAST_LOOP} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> MULTICAST_LOOP =
            new SocketOption<>("MULTICAST_LOOP", zmq_h.ZMQ_MULTICAST_LOOP(),
                    BOOL, READ_WRITE, Availability.draft(4, 3, 0));

    /**
     * Makes a ROUTER deliver an empty message when a peer connects and/or disconnects.
     *
     * <p>{@code Integer}, a mask of ZMQ_NOTIFY_CONNECT (1) and ZMQ_NOTIFY_DISCONNECT (2). Default:
     * 0. Read and write; draft API (libzmq 4.3.0). See {@code ZMQ_ROUTER_NOTIFY} in
     * zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> ROUTER_NOTIFY =
            new SocketOption<>("ROUTER_NOTIFY", zmq_h.ZMQ_ROUTER_NOTIFY(),
                    INT, READ_WRITE, Availability.draft(4, 3, 0));

    /**
     * Like XPUB_MANUAL, and sends the next message only to the subscriber that subscribed last
     * (for last-value caches).
     *
     * <p>{@code Boolean}. Default: false. Write only; draft API (libzmq 4.3.2). See {@code
     * ZMQ_XPUB_MANUAL_LAST_VALUE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> XPUB_MANUAL_LAST_VALUE =
            new SocketOption<>("XPUB_MANUAL_LAST_VALUE", zmq_h.ZMQ_XPUB_MANUAL_LAST_VALUE(),
                    BOOL, WRITE_ONLY, Availability.draft(4, 3, 2));

    /**
     * SOCKS5 user name.
     *
     * <p>{@code String}, 0 to 255 bytes of UTF-8. Default: empty. Read and write; draft API
     * (libzmq 4.3.2). See {@code ZMQ_SOCKS_USERNAME} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> SOCKS_USERNAME =
            new SocketOption<>("SOCKS_USERNAME", zmq_h.ZMQ_SOCKS_USERNAME(),
                    STRING, READ_WRITE, Availability.draft(4, 3, 2));

    /**
     * SOCKS5 password. Exception messages never show it.
     *
     * <p>{@code String}, 0 to 255 bytes of UTF-8. Default: empty. Read and write; draft API
     * (libzmq 4.3.2). See {@code ZMQ_SOCKS_PASSWORD} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> SOCKS_PASSWORD =
            new SocketOption<>("SOCKS_PASSWORD", zmq_h.ZMQ_SOCKS_PASSWORD(),
                    STRING, READ_WRITE, Availability.draft(4, 3, 2));

    /**
     * How many bytes the I/O thread reads from a connection at a time.
     *
     * <p>{@code Integer}, bytes. Default: 8192. Read and write; draft API (libzmq 4.3.2). See
     * {@code ZMQ_IN_BATCH_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> IN_BATCH_SIZE =
            new SocketOption<>("IN_BATCH_SIZE", zmq_h.ZMQ_IN_BATCH_SIZE(),
                    INT, READ_WRITE, Availability.draft(4, 3, 2));

    /**
     * How many bytes the I/O thread writes to a connection at a time.
     *
     * <p>{@code Integer}, bytes. Default: 8192. Read and write; draft API (libzmq 4.3.2). See
     * {@code ZMQ_OUT_BATCH_SIZE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> OUT_BATCH_SIZE =
            new SocketOption<>("OUT_BATCH_SIZE", zmq_h.ZMQ_OUT_BATCH_SIZE(),
                    INT, READ_WRITE, Availability.draft(4, 3, 2));

    /**
     * WSS transport: this socket's private key. Exception messages never show it.
     *
     * <p>{@code String}, PEM text. Write only; draft API (libzmq 4.3.3). Needs a libzmq built with
     * WSS. See {@code ZMQ_WSS_KEY_PEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_KEY_PEM =
            new SocketOption<>("WSS_KEY_PEM", zmq_h.ZMQ_WSS_KEY_PEM(),
                    STRING, WRITE_ONLY, Availability.draft(4, 3, 3).and("WSS"));

    /**
     * WSS transport: this socket's certificate.
     *
     * <p>{@code String}, PEM text. Write only; draft API (libzmq 4.3.3). Needs a libzmq built with
     * WSS. See {@code ZMQ_WSS_CERT_PEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_CERT_PEM =
            new SocketOption<>("WSS_CERT_PEM", zmq_h.ZMQ_WSS_CERT_PEM(),
                    STRING, WRITE_ONLY, Availability.draft(4, 3, 3).and("WSS"));

    /**
     * WSS transport: a certificate to trust.
     *
     * <p>{@code String}, PEM text. Write only; draft API (libzmq 4.3.3). Needs a libzmq built with
     * WSS. See {@code ZMQ_WSS_TRUST_PEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_TRUST_PEM =
            new SocketOption<>("WSS_TRUST_PEM", zmq_h.ZMQ_WSS_TRUST_PEM(),
                    STRING, WRITE_ONLY, Availability.draft(4, 3, 3).and("WSS"));

    /**
     * WSS transport: the host name to verify the server's certificate against.
     *
     * <p>{@code String}. Write only; draft API (libzmq 4.3.3). Needs a libzmq built with WSS. See
     * {@code ZMQ_WSS_HOSTNAME} in zmq_setsockopt(3).
     */
    public static final SocketOption<String> WSS_HOSTNAME =
            new SocketOption<>("WSS_HOSTNAME", zmq_h.ZMQ_WSS_HOSTNAME(),
                    STRING, WRITE_ONLY, Availability.draft(4, 3, 3).and("WSS"));

    /**
     * WSS transport: also trust the system's certificate store.
     *
     * <p>{@code Boolean}. Default: false. Write only; draft API (libzmq 4.3.3). Needs a libzmq
     * built with WSS. See {@code ZMQ_WSS_TRUST_SYSTEM} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> WSS_TRUST_SYSTEM =
            new SocketOption<>("WSS_TRUST_SYSTEM", zmq_h.ZMQ_WSS_TRUST_SYSTEM(),
                    BOOL, WRITE_ONLY, Availability.draft(4, 3, 3).and("WSS"));

    /**
     * Makes an XPUB or XSUB read only the first frame of a multipart message as a subscription.
     *
     * <p>{@code Boolean}. Default: false. Write only; draft API (libzmq 4.3.3). See {@code
     * ZMQ_ONLY_FIRST_SUBSCRIBE} in zmq_setsockopt(3).
     */
    public static final SocketOption<Boolean> ONLY_FIRST_SUBSCRIBE =
            new SocketOption<>("ONLY_FIRST_SUBSCRIBE", zmq_h.ZMQ_ONLY_FIRST_SUBSCRIBE(),
                    BOOL, WRITE_ONLY, Availability.draft(4, 3, 3));

    /**
     * When to stop reconnecting.
     *
     * <p>{@code Integer}, a mask of ZMQ_RECONNECT_STOP_* values. Default: 0. Read and write; draft
     * API (libzmq 4.3.3). See {@code ZMQ_RECONNECT_STOP} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> RECONNECT_STOP =
            new SocketOption<>("RECONNECT_STOP", zmq_h.ZMQ_RECONNECT_STOP(),
                    INT, READ_WRITE, Availability.draft(4, 3, 3));

    /**
     * A message sent to each new peer as soon as it connects.
     *
     * <p>{@code byte[]}, the message. Write only; draft API (libzmq 4.3.3). See {@code
     * ZMQ_HELLO_MSG} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> HELLO_MSG =
            new SocketOption<>("HELLO_MSG", zmq_h.ZMQ_HELLO_MSG(),
                    BYTES, WRITE_ONLY, Availability.draft(4, 3, 3));

    /**
     * A message this socket receives when a peer disconnects.
     *
     * <p>{@code byte[]}, the message. Write only; draft API (libzmq 4.3.3). See {@code
     * ZMQ_DISCONNECT_MSG} in zmq_setsockopt(3).
     */
    public static final SocketOption<byte[]> DISCONNECT_MSG =
            new SocketOption<>("DISCONNECT_MSG", zmq_h.ZMQ_DISCONNECT_MSG(),
                    BYTES, WRITE_ONLY, Availability.draft(4, 3, 3));

    /**
     * SO_PRIORITY of the socket's connections.
     *
     * <p>{@code Integer}, a priority. Default: 0. Read and write; draft API (libzmq 4.3.4). See
     * {@code ZMQ_PRIORITY} in zmq_setsockopt(3).
     */
    public static final SocketOption<Integer> PRIORITY =
            new SocketOption<>("PRIORITY", zmq_h.ZMQ_PRIORITY(),
                    INT, READ_WRITE, Availability.draft(4, 3, 4));

    /**
     * zmq.h's older name for {@link #ROUTING_ID}: the same key.
     *
     * @deprecated use {@link #ROUTING_ID}.
     */
    @Deprecated
    public static final SocketOption<byte[]> IDENTITY = ROUTING_ID;

    /**
     * zmq.h's older name for {@link #CONNECT_ROUTING_ID}: the same key.
     *
     * @deprecated use {@link #CONNECT_ROUTING_ID}.
     */
    @Deprecated
    public static final SocketOption<byte[]> CONNECT_RID = CONNECT_ROUTING_ID;

    /**
     * zmq.h's older name for {@link #IMMEDIATE}: the same key.
     *
     * @deprecated use {@link #IMMEDIATE}.
     */
    @Deprecated
    public static final SocketOption<Boolean> DELAY_ATTACH_ON_CONNECT = IMMEDIATE;

    /**
     * zmq.h's older name for {@link #ROUTER_MANDATORY}: the same key.
     *
     * @deprecated use {@link #ROUTER_MANDATORY}.
     */
    @Deprecated
    public static final SocketOption<Boolean> FAIL_UNROUTABLE = ROUTER_MANDATORY;

    /**
     * zmq.h's older name for {@link #ROUTER_MANDATORY}: the same key.
     *
     * @deprecated use {@link #ROUTER_MANDATORY}.
     */
    @Deprecated
    public static final SocketOption<Boolean> ROUTER_BEHAVIOR = ROUTER_MANDATORY;

    /** zmq.h's older names, for {@link #valueOf(String)}. */
    private static final Map<String, SocketOption<?>> OLD_NAMES = Map.of(
            "IDENTITY", ROUTING_ID,
            "CONNECT_RID", CONNECT_ROUTING_ID,
            "DELAY_ATTACH_ON_CONNECT", IMMEDIATE,
            "FAIL_UNROUTABLE", ROUTER_MANDATORY,
            "ROUTER_BEHAVIOR", ROUTER_MANDATORY);

    /** Everything else the binding knows about the key; shared in kind with {@link ContextOption}. */
    private final OptionSpec spec;

    private SocketOption(String name, int id, Kind kind, Access access) {
        this(name, id, kind, access, Availability.STABLE);
    }

    private SocketOption(String name, int id, Kind kind, Access access, Availability availability) {
        this.spec = new OptionSpec(name, id, kind, access, availability, SECRETS.contains(name));
        ALL.add(this);
    }

    /**
     * Every option key once, in zmq.h order (stable, deprecated, then draft); the old names of
     * five options are not repeated.
     *
     * @return an unmodifiable list
     */
    public static List<SocketOption<?>> values() {
        return Collections.unmodifiableList(ALL);
    }

    /**
     * The key with a zmq.h name, with or without the {@code ZMQ_} prefix; old names such as
     * {@code ZMQ_IDENTITY} give the key of their current name.
     *
     * @param name e.g. {@code "SNDHWM"} or {@code "ZMQ_SNDHWM"}
     * @return the key
     * @throws IllegalArgumentException if no socket option has that name
     * @throws NullPointerException if {@code name} is null
     */
    public static SocketOption<?> valueOf(String name) {
        Objects.requireNonNull(name, "name");
        String bare = name.startsWith("ZMQ_") ? name.substring(4) : name;
        for (SocketOption<?> option : ALL) {
            if (option.spec.name().equals(bare)) {
                return option;
            }
        }
        SocketOption<?> renamed = OLD_NAMES.get(bare);
        if (renamed == null) {
            throw new IllegalArgumentException("no socket option is named " + name);
        }
        return renamed;
    }

    /**
     * The name, as in zmq.h without {@code ZMQ_}.
     *
     * @return e.g. {@code "SNDHWM"}
     */
    public String name() {
        return spec.name();
    }

    /**
     * The option number passed to libzmq.
     *
     * @return the {@code ZMQ_*} value
     */
    public int id() {
        return spec.id();
    }

    /**
     * The Java type of the value.
     *
     * @return {@code Integer.class}, {@code Long.class}, {@code Boolean.class},
     *         {@code byte[].class}, {@code String.class} or {@code SocketType.class}
     */
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) spec.valueType();
    }

    /**
     * Whether {@link Socket#get} may read this option.
     *
     * @return {@code true} unless the option is write-only
     */
    public boolean isReadable() {
        return spec.isReadable();
    }

    /**
     * Whether {@link Socket#set} may write this option.
     *
     * @return {@code true} unless the option is read-only
     */
    public boolean isWritable() {
        return spec.isWritable();
    }

    /**
     * Whether the option belongs to libzmq's draft API.
     *
     * @return {@code true} for draft options
     */
    public boolean isDraft() {
        return spec.availability().draft();
    }

    /**
     * Whether the loaded libzmq honours this option: it is not a draft option missing from a
     * build without the draft API, and libzmq was built with any feature it needs (CURVE,
     * GSSAPI, VMCI, WSS). {@link Socket#set} and {@link Socket#get} throw
     * {@link UnsupportedOperationException} for an option that is not supported.
     *
     * @return {@code true} if the option can be used
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public boolean isSupported() {
        return spec.availability().isMet();
    }

    OptionSpec spec() {
        return spec;
    }

    /** {@return the name, e.g. "SNDHWM"} */
    @Override
    public String toString() {
        return spec.name();
    }
}
