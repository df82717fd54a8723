package io.github.zmqffm.internal.io;

import io.github.zmqffm.Errno;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.life.InprocEndpoints;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.internal.opt.SocketOptions;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** bind, connect, unbind and disconnect: an endpoint string handed to libzmq. */
final class Endpoints {
    private static final Set<String> IP_TRANSPORTS = Set.of("tcp", "udp", "ws", "wss");
    /** What C's atoi reads: optional blanks, an optional sign, digits. */
    private static final Pattern ATOI_PREFIX = Pattern.compile("\\s*([+-]?)(\\d+)");
    /** The types libzmq applies CONFLATE to (its get_effective_conflate_option). */
    private static final Set<SocketType> CONFLATING =
            Set.of(SocketType.DEALER, SocketType.PULL, SocketType.PUSH, SocketType.PUB, SocketType.SUB);

    private Endpoints() {
    }

    /**
     * Refuses, before the socket is taken, what libzmq would misread.
     *
     * @throws IllegalArgumentException if the endpoint contains NUL, which C would cut it at
     * @throws ZmqException EINVAL for a port libzmq would silently wrap modulo 65536
     */
    static void check(LibZmq.EndpointVerb verb, String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("endpoint contains a NUL character: " + endpoint.replace('\0', '?'));
        }
        if (hasPortOutOfRange(endpoint)) {
            // libzmq 4.3 silently wraps such a port modulo 65536 and binds somewhere else.
            throw new ZmqException(verb.label() + " " + endpoint, Errno.EINVAL.code());
        }
    }

    /**
     * Applies {@code verb} to {@code endpoint} on a held socket, inproc through the context's
     * bookkeeping, and records it.
     *
     * @throws ZmqException naming the verb and endpoint if libzmq refuses
     */
    static void apply(SocketHandle handle, LibZmq.EndpointVerb verb, String endpoint) {
        if (verb == LibZmq.EndpointVerb.BIND || verb == LibZmq.EndpointVerb.CONNECT) {
            SocketOptions.checkConnection(handle, endpoint);
        }
        handle.record.usingEndpoints();
        if (InprocEndpoints.isInproc(endpoint)) {
            handle.context.inproc.apply(handle, handle.type, verb, endpoint, conflates(handle),
                    () -> call(handle, verb, endpoint));
        } else {
            call(handle, verb, endpoint);
        }
        handle.record.endpoint(verb, verb == LibZmq.EndpointVerb.BIND ? lastEndpoint(handle, endpoint) : endpoint);
    }

    private static boolean conflates(SocketHandle handle) {
        return CONFLATING.contains(handle.type) && SocketOptions.readInt(handle, zmq_h.ZMQ_CONFLATE(), "CONFLATE") != 0;
    }

    /** Where a bind ended up: a wildcard resolved, as LAST_ENDPOINT gives it. */
    private static String lastEndpoint(SocketHandle handle, String endpoint) {
        try {
            return SocketOptions.readLastEndpoint(handle);
        } catch (ZmqException e) {
            return endpoint;
        }
    }

    private static void call(SocketHandle handle, LibZmq.EndpointVerb verb, String endpoint) {
        MemorySegment text = Scratch.get().cString(endpoint);
        if (text != null) {
            call(handle, verb, endpoint, text);
        } else {
            try (Arena arena = Arena.ofConfined()) {
                call(handle, verb, endpoint, arena.allocateFrom(endpoint));
            }
        }
    }

    private static void call(SocketHandle handle, LibZmq.EndpointVerb verb, String endpoint, MemorySegment text) {
        MemorySegment capture = handle.capture();
        // Each first processes the socket's commands, which a signal can cut short.
        if (LibZmq.retryingSignals(capture, () -> LibZmq.endpoint(verb, capture, handle.ptr, text)) < 0) {
            throw Errors.of(verb.label() + " " + endpoint, Native.errno(capture));
        }
    }

    /**
     * Whether a tcp, udp, ws or wss endpoint names a port that libzmq would wrap: it reads the
     * port with {@code atoi} and keeps 16 bits, so 99999 becomes 34463 and -1 becomes 65535.
     */
    static boolean hasPortOutOfRange(String endpoint) {
        int scheme = endpoint.indexOf("://");
        if (scheme < 0 || !IP_TRANSPORTS.contains(endpoint.substring(0, scheme))) {
            return false;
        }
        // "tcp://source;destination" names two addresses; ws endpoints may carry a path.
        for (String address : endpoint.substring(scheme + 3).split(";")) {
            int slash = address.indexOf('/');
            String hostPort = slash < 0 ? address : address.substring(0, slash);
            if (wraps(hostPort.substring(hostPort.lastIndexOf(':') + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code atoi(port)} lies outside 0..65535; text atoi reads as 0 is libzmq's to refuse. */
    private static boolean wraps(String port) {
        Matcher number = ATOI_PREFIX.matcher(port);
        if (!number.lookingAt()) {
            return false;
        }
        String digits = number.group(2).replaceFirst("^0+", "");
        if (digits.isEmpty()) {
            return false;
        }
        return number.group(1).equals("-") || digits.length() > 5 || Integer.parseInt(digits) > 65535;
    }
}
