package io.github.zmqffm.internal.opt;

import io.github.zmqffm.Errno;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.Version;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.raw.zmq_h;

import java.util.Set;

/**
 * Option changes that crash libzmq 4.3.4 in some states, refused before they reach it.
 * <ul>
 *   <li>A change of SNDHWM or RCVHWM is passed on to every pipe of the socket and to each pipe's
 *       peer. A pipe whose peer ended the connection stays with the socket, its peer already
 *       freed, until the socket next processes its commands; the change then reaches freed
 *       memory (a SIGSEGV in an I/O thread, or in {@code zmq_setsockopt} itself). Sockets have
 *       pipes only once they bind or connect, so the high water marks are set before that.</li>
 *   <li>With XPUB_MANUAL an XPUB remembers the pipe of the subscription it delivered last, and
 *       libzmq before 4.3.5 keeps remembering it after that subscriber's pipe is gone: the
 *       next manual SUBSCRIBE files the freed pipe, and the next send writes into it (fixed by
 *       libzmq commit 2df7ab6a, in 4.3.5). With an older libzmq, XPUB_MANUAL is refused.</li>
 *   <li>A REP socket is a ROUTER inside libzmq, which therefore accepts the ROUTER options on
 *       it, though they apply to ROUTER sockets only; with ROUTER_MANDATORY a REP's receive
 *       aborts the process ({@code No route to host (src/rep.cpp:91)}) when the requester has
 *       gone. They are refused on REP sockets with EINVAL, as libzmq refuses them on every
 *       other type.</li>
 *   <li>With ZMTP heartbeats (HEARTBEAT_IVL) a socket that takes messages from its peers aborts
 *       the process ({@code Assertion failed: !_io_error (src/stream_engine_base.cpp:331)})
 *       when its connection is reset while its receive queue is full: the engine then stops
 *       reading and marks the connection failed without closing it, and the next heartbeat
 *       tick writes to it. A slow reader whose peer goes away meets this (the peer's close
 *       answers our next PING with a reset). The queue is never full with RCVHWM 0, which
 *       such sockets must set before HEARTBEAT_IVL. No libzmq release fixes this (4.3.5 and
 *       the development line have the same code). PUSH and PUB take no messages and are
 *       exempt; the combination is refused at the bind or connect that would make such a
 *       connection ({@link #checkConnection}).</li>
 * </ul>
 */
final class OptionHazards {
    private static final Version MANUAL_XPUB_FIXED = new Version(4, 3, 5);
    private static final Set<Integer> ROUTER_ONLY = Set.of(zmq_h.ZMQ_ROUTER_MANDATORY(), zmq_h.ZMQ_ROUTER_RAW(),
            zmq_h.ZMQ_ROUTER_HANDOVER(), zmq_h.ZMQ_PROBE_ROUTER(), zmq_h.ZMQ_ROUTER_NOTIFY());

    /** Transports without a ZMTP stream engine, hence without heartbeats. */
    private static final Set<String> NO_ZMTP_STREAM = Set.of("inproc", "pgm", "epgm", "norm", "udp");

    /** Types whose peers send them no messages (a PUB reads subscriptions as it sends). */
    private static final Set<SocketType> SEND_ONLY = Set.of(SocketType.PUSH, SocketType.PUB, SocketType.RADIO,
            SocketType.SCATTER);

    private OptionHazards() {
    }

    /**
     * Refuses a change the socket cannot take safely now; the caller holds the socket.
     *
     * @throws IllegalStateException for SNDHWM or RCVHWM once the socket has bound or connected
     * @throws UnsupportedOperationException for XPUB_MANUAL on a libzmq older than 4.3.5
     * @throws ZmqException EINVAL for a ROUTER option on a REP socket
     */
    static void check(SocketHandle handle, OptionSpec option, Object value) {
        if (handle.type == SocketType.REP && ROUTER_ONLY.contains(option.id())) {
            throw new ZmqException("set " + option.name() + " on a REP socket (it applies to ROUTER sockets; libzmq 4.3 "
                    + "accepts it on a REP, whose receive can then abort the process)", Errno.EINVAL.code());
        }
        if ((option.id() == zmq_h.ZMQ_SNDHWM() || option.id() == zmq_h.ZMQ_RCVHWM()) && handle.record.hasEndpoints()) {
            throw new IllegalStateException(option.name() + " of a " + handle.type + " socket can only be set before its "
                    + "first bind or connect: libzmq 4.3 passes a change on to live connections, and one that is "
                    + "closing at that moment makes it use freed memory");
        }
        if (option.id() == zmq_h.ZMQ_XPUB_MANUAL() && Boolean.TRUE.equals(value)
                && Native.version().compareTo(MANUAL_XPUB_FIXED) < 0) {
            throw new UnsupportedOperationException("XPUB_MANUAL needs libzmq " + MANUAL_XPUB_FIXED + " or newer: the "
                    + "loaded libzmq " + Native.version() + " lets a manual subscription name a subscriber that has gone, "
                    + "which makes it write into freed memory");
        }
    }

    /**
     * Refuses a bind or connect that would make a connection with ZMTP heartbeats and a receive
     * queue that can fill, on a socket that takes messages; the caller holds the socket. Checked
     * here rather than when either option is set, so that they may be set in any order: a
     * connection takes the socket's options as they are when it is made, and RCVHWM cannot
     * change after the first bind or connect.
     *
     * @param endpoint the endpoint, whose transport decides: only stream transports (tcp, ipc,
     *        tipc...) have ZMTP heartbeats
     * @throws IllegalStateException if HEARTBEAT_IVL is on and RCVHWM is not 0
     */
    static void checkConnection(SocketHandle handle, String endpoint, CurrentValue current) {
        if (SEND_ONLY.contains(handle.type) || !hasHeartbeats(endpoint)) {
            return;
        }
        int interval = current.of(handle, zmq_h.ZMQ_HEARTBEAT_IVL(), "HEARTBEAT_IVL");
        int queue = current.of(handle, zmq_h.ZMQ_RCVHWM(), "RCVHWM");
        if (interval > 0 && queue != 0) {
            throw new IllegalStateException(endpoint + ": a " + handle.type + " socket with HEARTBEAT_IVL " + interval
                    + " needs RCVHWM 0 (it has " + queue + "): libzmq aborts the process when a connection is reset "
                    + "while the receive queue is full and a heartbeat is due (stream_engine_base.cpp:331); set "
                    + "RCVHWM 0, or detect dead peers with TCP_KEEPALIVE instead of heartbeats");
        }
    }

    /** Whether connections to {@code endpoint} run ZMTP over a stream, which is what heartbeats belong to. */
    private static boolean hasHeartbeats(String endpoint) {
        int colon = endpoint.indexOf("://");
        return colon > 0 && !NO_ZMTP_STREAM.contains(endpoint.substring(0, colon));
    }

    /** Reads an int option of a held socket: what the checks compare a new value with. */
    @FunctionalInterface
    interface CurrentValue {
        int of(SocketHandle handle, int option, String name);
    }
}
