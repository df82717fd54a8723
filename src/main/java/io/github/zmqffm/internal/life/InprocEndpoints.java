package io.github.zmqffm.internal.life;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Errno;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One context's inproc endpoints, tracked to keep libzmq 4.3 from aborting the process. Over
 * tcp and ipc libzmq meets a peer through a handshake that checks it; over inproc it wires the
 * two sockets together directly, or, when the name is not bound yet, parks the connection until
 * a bind (connect-before-bind), and several sequences then end in an assertion:
 * <ul>
 *   <li>Socket types that ZMTP does not let talk to each other (PAIR and ROUTER, PUSH and SUB...)
 *       are refused in the handshake over tcp, but wired together over inproc; a PAIR that
 *       already has its one peer then rejects a parked ROUTER or REP connection, and libzmq
 *       writes the routing id into the rejected pipe ({@code Assertion failed: written
 *       (src/pipe.cpp:87)}). Such a connect or bind is refused here with ENOCOMPATPROTO.</li>
 *   <li>A parked connection of a socket with CONFLATE aborts when that socket is closed
 *       before the bind ({@code Assertion failed: ok (src/ctx.cpp:809)}, libzmq issue 4544):
 *       its conflating pipe replaces the routing id the bind reads with the close's delimiter.
 *       Such a connect is refused with ECONNREFUSED, libzmq's own answer for an inproc name
 *       nobody has bound; it works once the name is bound.</li>
 *   <li>A ROUTER that disconnects a parked connection, or unbinds its name (libzmq 4.3's unbind
 *       also ends the socket's own connections to the name), leaves a terminated pipe under that
 *       name, and a bind of the name while the ROUTER is open aborts (the same write into a dead
 *       pipe). Such a bind is refused with EADDRINUSE until the ROUTER is closed.</li>
 *   <li>{@code zmq_ctx_term} resolves parked connections by binding a socket it creates, and
 *       aborts when the socket limit leaves no slot for it ({@code Assertion failed: s
 *       (src/ctx.cpp:169)}): sockets just closed hold their slots until libzmq's reaper gets
 *       to them. So from the first parked connection on, the context keeps a socket in reserve
 *       and binds it to every name still parked before it shuts down (skipping names a ROUTER
 *       poisoned, which libzmq resolves safely once that ROUTER is closed).</li>
 * </ul>
 * Binds, unbinds, closes and inproc connects take one lock, so that "bound" here means bound in
 * libzmq at the moment of the connect.
 *
 * <p>No closed socket stays referenced here: a socket refers to its Context, and the Context's
 * leak cleaner reaches this object, so a closed socket kept here would keep its Context from
 * ever becoming garbage.
 */
public final class InprocEndpoints {
    private static final String PREFIX = "inproc://";

    private final MemorySegment context;
    /** Bound names and the type of the socket that bound each. */
    private final Map<String, SocketType> bound = new HashMap<>();
    /** Names with parked connections, and the open sockets that made them with their types. */
    private final Map<String, Map<Object, SocketType>> parked = new LinkedHashMap<>();
    /** Names whose parked connection an open ROUTER disconnected, with those ROUTERs. */
    private final Map<String, Set<Object>> poisoned = new HashMap<>();
    /** The reserved ROUTER socket, made at the first parked connection; guarded by this. */
    private MemorySegment spare = MemorySegment.NULL;
    private boolean ended;

    InprocEndpoints(MemorySegment context) {
        this.context = context;
    }

    public static boolean isInproc(String endpoint) {
        return endpoint.startsWith(PREFIX);
    }

    /**
     * Runs a bind, unbind, connect or disconnect of an inproc endpoint on a held socket,
     * refusing what would abort and keeping the bookkeeping in step with libzmq.
     *
     * @throws ZmqException ENOCOMPATPROTO for socket types that cannot talk to each other,
     *         ECONNREFUSED for a CONFLATE socket connecting to an unbound name, EADDRINUSE for a
     *         bind of a poisoned name, EMFILE if no socket can be reserved, or what {@code call} throws
     * @throws ContextTerminatedException for a connect to an unbound name once the context ends
     */
    public synchronized void apply(Object socket, SocketType type, LibZmq.EndpointVerb verb, String endpoint,
                                   boolean conflates, Runnable call) {
        switch (verb) {
            case BIND -> bind(type, endpoint, call);
            case CONNECT -> {
                SocketType binder = bound.get(endpoint);
                if (binder != null) {
                    checkCompatible("connect", endpoint, type, binder);
                    call.run();
                } else {
                    park(socket, type, endpoint, conflates, call);
                }
            }
            // libzmq 4.3 runs both through one routine: an unbind that finds no bind of the
            // socket's own ends the socket's connections to the name, as a disconnect does. So
            // after either, a ROUTER that had a parked connection there poisons the name.
            case UNBIND, DISCONNECT -> {
                if (verb == LibZmq.EndpointVerb.UNBIND) {
                    bound.remove(endpoint);
                }
                call.run();
                Map<Object, SocketType> connectors = parked.get(endpoint);
                if (type == SocketType.ROUTER && connectors != null && connectors.containsKey(socket)) {
                    poisoned.computeIfAbsent(endpoint, name -> new HashSet<>()).add(socket);
                }
            }
        }
    }

    private void bind(SocketType type, String endpoint, Runnable call) {
        if (poisoned.containsKey(endpoint)) {
            throw new ZmqException("bind " + endpoint + " while a ROUTER that left it (disconnect or unbind) before "
                    + "anything bound it is open (libzmq 4.3 would abort the process; close that socket first)",
                    Errno.EADDRINUSE.code());
        }
        for (SocketType connector : parked.getOrDefault(endpoint, Map.of()).values()) {
            checkCompatible("bind", endpoint, type, connector);
        }
        call.run();
        bound.put(endpoint, type);
        parked.remove(endpoint);
    }

    private void park(Object socket, SocketType type, String endpoint, boolean conflates, Runnable call) {
        if (ended) {
            throw new ContextTerminatedException("connect " + endpoint);
        }
        if (conflates) {
            throw new ZmqException("connect " + endpoint + " with CONFLATE before anything bound it (libzmq 4.3 "
                    + "would abort the process if this socket closed first; bind the endpoint first)",
                    Errno.ECONNREFUSED.code());
        }
        reserveSpare(endpoint);
        call.run();
        parked.computeIfAbsent(endpoint, name -> new HashMap<>()).put(socket, type);
    }

    /**
     * Refuses a pair of socket types that ZMTP does not let talk to each other, as libzmq's
     * handshake does over tcp (its mechanism_t::check_socket_type). Draft types pass unchecked.
     */
    private static void checkCompatible(String verb, String endpoint, SocketType self, SocketType peer) {
        if (!talks(self, peer)) {
            throw new ZmqException(verb + " " + endpoint + ": a " + self + " socket cannot talk to the " + peer
                    + " socket at the other end (libzmq would refuse the pair over tcp, and over inproc it can abort "
                    + "the process)", Errno.ENOCOMPATPROTO.code());
        }
    }

    private static boolean talks(SocketType self, SocketType peer) {
        return switch (self) {
            case REQ -> peer == SocketType.REP || peer == SocketType.ROUTER;
            case REP -> peer == SocketType.REQ || peer == SocketType.DEALER;
            case DEALER -> peer == SocketType.REP || peer == SocketType.DEALER || peer == SocketType.ROUTER;
            case ROUTER -> peer == SocketType.REQ || peer == SocketType.DEALER || peer == SocketType.ROUTER;
            case PUSH -> peer == SocketType.PULL;
            case PULL -> peer == SocketType.PUSH;
            case PUB, XPUB -> peer == SocketType.SUB || peer == SocketType.XSUB;
            case SUB, XSUB -> peer == SocketType.PUB || peer == SocketType.XPUB;
            case PAIR -> peer == SocketType.PAIR;
            case STREAM -> false;
            default -> true;
        };
    }

    private void reserveSpare(String endpoint) {
        if (!spare.equals(MemorySegment.NULL)) {
            return;
        }
        MemorySegment capture = Scratch.get().capture;
        // A ROUTER, because it takes every connection and every kind: libzmq's own choice, a
        // PAIR, rejects all but one, and a rejected REP or ROUTER connection aborts as above.
        MemorySegment socket = LibZmq.socket(capture, context, zmq_h.ZMQ_ROUTER());
        if (socket.equals(MemorySegment.NULL)) {
            throw Errors.of("connect " + endpoint + " before anything bound it (the context has no socket "
                    + "left to resolve it when it ends)", Native.errno(capture));
        }
        LibZmq.setLinger(capture, socket, 0, Scratch.get().value);
        spare = socket;
    }

    /** A name libzmq bound by itself (a monitor's), so that connects to it are not parked. */
    public synchronized void boundByLibzmq(String endpoint, SocketType binder) {
        bound.put(endpoint, binder);
    }

    /** The end of a name {@link #boundByLibzmq} recorded. */
    public synchronized void unboundByLibzmq(String endpoint) {
        bound.remove(endpoint);
    }

    /** Before a socket is closed: the inproc names it bound count as unbound from now on. */
    synchronized void closing(List<String> boundNames) {
        bound.keySet().removeAll(boundNames);
    }

    /**
     * After {@code zmq_close} of a socket, which marks it dead at once: libzmq no longer writes
     * into its parked pipes, so it poisons no name any more, and it is forgotten here.
     */
    synchronized void closed(Object socket) {
        parked.values().forEach(connectors -> connectors.remove(socket));
        poisoned.values().removeIf(routers -> routers.remove(socket) && routers.isEmpty());
    }

    /**
     * Binds the reserved socket to every name still parked and closes it; called once, before
     * {@code zmq_ctx_shutdown} (after which a bind fails). Connects to unbound names are refused
     * from now on.
     */
    synchronized void end() {
        ended = true;
        if (spare.equals(MemorySegment.NULL)) {
            return;
        }
        MemorySegment capture = Scratch.get().capture;
        try (Arena arena = Arena.ofConfined()) {
            for (String name : parked.keySet()) {
                if (!poisoned.containsKey(name)) {
                    // Fails only if the name is bound after all; libzmq then has nothing parked for it.
                    LibZmq.endpoint(LibZmq.EndpointVerb.BIND, capture, spare, arena.allocateFrom(name));
                }
            }
        }
        parked.clear();
        LibZmq.close(capture, spare);
        spare = MemorySegment.NULL;
    }
}
