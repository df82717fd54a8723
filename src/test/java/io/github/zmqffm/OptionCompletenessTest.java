package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_h;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ZMQ_*} constant of the header that produced {@code generated/} is either a socket
 * or context option with a typed key, or named in {@link #NOT_OPTIONS}. A constant that a newer
 * zmq.h adds therefore fails this test until it is given a key or explained here.
 */
class OptionCompletenessTest {
    /** Constants that are not options, grouped by what they are. */
    private static final Set<String> NOT_OPTIONS = Set.of(
            // Socket types (zmq_socket) and their old names; draft types too.
            "PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB",
            "STREAM", "XREQ", "XREP", "SERVER", "CLIENT", "RADIO", "DISH", "GATHER", "SCATTER",
            "DGRAM", "PEER", "CHANNEL",
            // Send and receive flags.
            "DONTWAIT", "NOBLOCK", "SNDMORE",
            // Message properties for zmq_msg_get.
            "MORE", "SHARED", "SRCFD",
            // Values of MECHANISM.
            "NULL", "PLAIN", "CURVE", "GSSAPI",
            // Values of the GSSAPI_*_NAMETYPE options.
            "GSSAPI_NT_HOSTBASED", "GSSAPI_NT_USER_NAME", "GSSAPI_NT_KRB5_PRINCIPAL",
            // Values of RECONNECT_STOP and ROUTER_NOTIFY (draft).
            "RECONNECT_STOP_CONN_REFUSED", "RECONNECT_STOP_HANDSHAKE_FAILED", "RECONNECT_STOP_AFTER_DISCONNECT",
            "NOTIFY_CONNECT", "NOTIFY_DISCONNECT",
            // Socket monitor events (zmq_socket_monitor) and their versions.
            "EVENT_CONNECTED", "EVENT_CONNECT_DELAYED", "EVENT_CONNECT_RETRIED", "EVENT_LISTENING",
            "EVENT_BIND_FAILED", "EVENT_ACCEPTED", "EVENT_ACCEPT_FAILED", "EVENT_CLOSED", "EVENT_CLOSE_FAILED",
            "EVENT_DISCONNECTED", "EVENT_MONITOR_STOPPED", "EVENT_ALL", "EVENT_HANDSHAKE_FAILED_NO_DETAIL",
            "EVENT_HANDSHAKE_SUCCEEDED", "EVENT_HANDSHAKE_FAILED_PROTOCOL", "EVENT_HANDSHAKE_FAILED_AUTH",
            "EVENT_PIPES_STATS", "EVENT_ALL_V1", "EVENT_ALL_V2", "CURRENT_EVENT_VERSION",
            "CURRENT_EVENT_VERSION_DRAFT",
            // Values a HANDSHAKE_FAILED_PROTOCOL/AUTH event carries.
            "PROTOCOL_ERROR_ZMTP_UNSPECIFIED", "PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND",
            "PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE", "PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE",
            "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED", "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE",
            "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO", "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE",
            "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR", "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY",
            "PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME", "PROTOCOL_ERROR_ZMTP_INVALID_METADATA",
            "PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC", "PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH",
            "PROTOCOL_ERROR_ZAP_UNSPECIFIED", "PROTOCOL_ERROR_ZAP_MALFORMED_REPLY",
            "PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID", "PROTOCOL_ERROR_ZAP_BAD_VERSION",
            "PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE", "PROTOCOL_ERROR_ZAP_INVALID_METADATA",
            "PROTOCOL_ERROR_WS_UNSPECIFIED",
            // zmq_poll event flags and the poll item count default.
            "POLLIN", "POLLOUT", "POLLERR", "POLLPRI", "POLLITEMS_DFLT",
            // zmq_device/zmq_proxy kinds.
            "STREAMER", "FORWARDER", "QUEUE",
            // The header's own version.
            "VERSION", "VERSION_MAJOR", "VERSION_MINOR", "VERSION_PATCH",
            // Defaults of context options, not options.
            "IO_THREADS_DFLT", "MAX_SOCKETS_DFLT", "THREAD_PRIORITY_DFLT", "THREAD_SCHED_POLICY_DFLT",
            // Build and error-number plumbing: errno base, stdint marker, zmq_has marker.
            "HAUSNUMERO", "DEFINED_STDINT", "HAS_CAPABILITIES",
            // Longest group name of RADIO/DISH (draft), a limit rather than an option.
            "GROUP_MAX_LENGTH");

    /** Every {@code ZMQ_*} int constant the generated header class exposes, by bare name. */
    private static Map<String, Integer> generatedConstants() throws ReflectiveOperationException {
        Map<String, Integer> constants = new TreeMap<>();
        for (Method m : zmq_h.class.getMethods()) {
            if (m.getName().startsWith("ZMQ_") && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && m.getReturnType() == int.class) {
                constants.put(m.getName().substring(4), (Integer) m.invoke(null));
            }
        }
        return constants;
    }

    /** The public constant named {@code name} in {@code keys}, or {@code null}. */
    private static Object key(Class<?> keys, String name) throws IllegalAccessException {
        try {
            Field f = keys.getField(name);
            return Modifier.isStatic(f.getModifiers()) ? f.get(null) : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    @Test
    void everyOptionConstantHasATypedKeyWithTheSameId() throws ReflectiveOperationException {
        Map<String, Integer> constants = generatedConstants();
        assertTrue(constants.size() > 200, "reflection found only " + constants.size() + " constants");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> c : constants.entrySet()) {
            String name = c.getKey();
            Object socketKey = key(SocketOption.class, name);
            Object contextKey = key(ContextOption.class, name);
            if (NOT_OPTIONS.contains(name)) {
                if (socketKey != null || contextKey != null) {
                    problems.add("ZMQ_" + name + " is listed as no option but has a key");
                }
                continue;
            }
            if (socketKey == null && contextKey == null) {
                problems.add("ZMQ_" + name + " (" + c.getValue() + ") has no SocketOption or ContextOption key");
            }
            if (socketKey instanceof SocketOption<?> s && s.id() != c.getValue()) {
                problems.add("SocketOption." + name + " has id " + s.id() + ", zmq.h says " + c.getValue());
            }
            if (contextKey instanceof ContextOption<?> x && x.id() != c.getValue()) {
                problems.add("ContextOption." + name + " has id " + x.id() + ", zmq.h says " + c.getValue());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyIsAZmqHeaderOptionAndTheExclusionListIsReal() throws ReflectiveOperationException {
        Map<String, Integer> constants = generatedConstants();
        for (SocketOption<?> o : SocketOption.values()) {
            assertEquals(constants.get(o.name()), o.id(), "SocketOption." + o.name());
            assertSame(o, SocketOption.valueOf("ZMQ_" + o.name()));
        }
        for (ContextOption<?> o : ContextOption.values()) {
            assertEquals(constants.get(o.name()), o.id(), "ContextOption." + o.name());
            assertSame(o, ContextOption.valueOf(o.name()));
        }
        Set<String> stale = new HashSet<>(NOT_OPTIONS);
        stale.removeAll(constants.keySet());
        assertEquals(Set.of(), stale, "names in NOT_OPTIONS that zmq.h no longer has");
    }

    @Test
    void oldNamesAreTheSameKeyObjects() throws ReflectiveOperationException {
        Map<String, String> renamed = Map.of("IDENTITY", "ROUTING_ID", "CONNECT_RID", "CONNECT_ROUTING_ID",
                "DELAY_ATTACH_ON_CONNECT", "IMMEDIATE", "FAIL_UNROUTABLE", "ROUTER_MANDATORY",
                "ROUTER_BEHAVIOR", "ROUTER_MANDATORY");
        Map<String, Integer> constants = generatedConstants();
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            Object old = key(SocketOption.class, e.getKey());
            assertSame(key(SocketOption.class, e.getValue()), old, e.getKey());
            assertEquals(constants.get(e.getKey()), constants.get(e.getValue()), "zmq.h aliases " + e.getKey());
            assertTrue(SocketOption.class.getField(e.getKey()).isAnnotationPresent(Deprecated.class), e.getKey());
            assertSame(old, SocketOption.valueOf("ZMQ_" + e.getKey()));
            assertTrue(!SocketOption.values().stream().map(SocketOption::name).toList().contains(e.getKey()),
                    "values() lists " + e.getKey() + " twice");
        }
    }

    @Test
    void keysAreListedOnceWithDistinctIds() {
        Set<Integer> ids = new HashSet<>();
        for (SocketOption<?> o : SocketOption.values()) {
            assertTrue(ids.add(o.id()), "two socket keys share id " + o.id());
        }
        // zmq.h itself gives SOCKET_LIMIT (get) and THREAD_PRIORITY (set) the number 3.
        assertEquals(ContextOption.SOCKET_LIMIT.id(), ContextOption.THREAD_PRIORITY.id());
        assertEquals(13, ContextOption.values().size());
        // zmq.h's 76 stable options: 75 socket options, and BLOCKY, a context option numbered among them.
        long stable = SocketOption.values().stream().filter(o -> !o.isDraft() && !isDeprecated(o.name())).count();
        assertEquals(75, stable);
        assertTrue(ContextOption.BLOCKY.id() > SocketOption.AFFINITY.id());
    }

    private static boolean isDeprecated(String name) {
        try {
            return SocketOption.class.getField(name).isAnnotationPresent(Deprecated.class);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
