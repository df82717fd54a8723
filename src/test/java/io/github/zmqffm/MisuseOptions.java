package io.github.zmqffm;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Random option values for {@link RandomizedMisuseTest}: any value a socket type may refuse,
 * but never one that would let a call wait long (timeouts and LINGER stay short) or that needs
 * privileges (BINDTODEVICE) or foreign descriptors (USE_FD).
 */
final class MisuseOptions {
    private record Choice<T>(SocketOption<T> option, Function<Random, T> value) {
        void apply(Socket socket, Random random) {
            socket.set(option, value.apply(random));
        }
    }

    private static final List<Choice<?>> CHOICES = List.of(
            new Choice<>(SocketOption.SNDHWM, r -> r.nextInt(1_000)),
            new Choice<>(SocketOption.RCVHWM, r -> r.nextInt(1_000)),
            new Choice<>(SocketOption.LINGER, r -> r.nextInt(MisuseCalls.MAX_WAIT_MS)),
            new Choice<>(SocketOption.RCVTIMEO, r -> r.nextInt(MisuseCalls.MAX_WAIT_MS)),
            new Choice<>(SocketOption.SNDTIMEO, r -> r.nextInt(MisuseCalls.MAX_WAIT_MS)),
            new Choice<>(SocketOption.SUBSCRIBE, MisuseWorld::bytes),
            new Choice<>(SocketOption.UNSUBSCRIBE, MisuseWorld::bytes),
            new Choice<>(SocketOption.ROUTING_ID, MisuseWorld::bytes),
            new Choice<>(SocketOption.CONNECT_ROUTING_ID, MisuseWorld::bytes),
            new Choice<>(SocketOption.ROUTER_MANDATORY, Random::nextBoolean),
            new Choice<>(SocketOption.ROUTER_HANDOVER, Random::nextBoolean),
            new Choice<>(SocketOption.IMMEDIATE, Random::nextBoolean),
            new Choice<>(SocketOption.CONFLATE, Random::nextBoolean),
            new Choice<>(SocketOption.REQ_RELAXED, Random::nextBoolean),
            new Choice<>(SocketOption.REQ_CORRELATE, Random::nextBoolean),
            new Choice<>(SocketOption.XPUB_VERBOSE, Random::nextBoolean),
            new Choice<>(SocketOption.XPUB_NODROP, Random::nextBoolean),
            new Choice<>(SocketOption.XPUB_MANUAL, Random::nextBoolean),
            new Choice<>(SocketOption.PROBE_ROUTER, Random::nextBoolean),
            new Choice<>(SocketOption.STREAM_NOTIFY, Random::nextBoolean),
            new Choice<>(SocketOption.INVERT_MATCHING, Random::nextBoolean),
            new Choice<>(SocketOption.MAXMSGSIZE, r -> (long) r.nextInt(5_000) - 1),
            new Choice<>(SocketOption.SNDBUF, r -> r.nextInt(100_000) - 1),
            new Choice<>(SocketOption.RCVBUF, r -> r.nextInt(100_000) - 1),
            new Choice<>(SocketOption.RECONNECT_IVL, r -> r.nextInt(100) - 1),
            new Choice<>(SocketOption.HEARTBEAT_IVL, r -> r.nextInt(100)),
            new Choice<>(SocketOption.HEARTBEAT_TIMEOUT, r -> r.nextInt(100)),
            new Choice<>(SocketOption.TCP_KEEPALIVE, r -> r.nextInt(3) - 1),
            new Choice<>(SocketOption.BACKLOG, r -> r.nextInt(200)),
            new Choice<>(SocketOption.AFFINITY, r -> r.nextLong()),
            new Choice<>(SocketOption.IPV6, Random::nextBoolean),
            new Choice<>(SocketOption.XPUB_WELCOME_MSG, MisuseWorld::bytes),
            new Choice<>(SocketOption.ZAP_DOMAIN, r -> "d" + r.nextInt(3)),
            new Choice<>(SocketOption.PLAIN_SERVER, Random::nextBoolean),
            new Choice<>(SocketOption.CURVE_SERVER, Random::nextBoolean),
            new Choice<>(SocketOption.CURVE_SERVERKEY, MisuseWorld::bytes));

    /**
     * Context options, the I/O thread ones included: those are applied inside libzmq's threads
     * when the context starts, where libzmq aborts on a value the OS refuses, so the binding
     * must refuse such values first.
     */
    private record ContextChoice<T>(ContextOption<T> option, Function<Random, T> value) {
        void apply(Context context, Random random) {
            context.set(option, value.apply(random));
        }
    }

    private static final List<ContextChoice<?>> CONTEXT_CHOICES = List.of(
            new ContextChoice<>(ContextOption.IO_THREADS, r -> r.nextInt(3)),
            new ContextChoice<>(ContextOption.MAX_SOCKETS, r -> 1 + r.nextInt(1_100)),
            new ContextChoice<>(ContextOption.MAX_MSGSZ, r -> r.nextInt(100_000) - 1),
            new ContextChoice<>(ContextOption.IPV6, Random::nextBoolean),
            new ContextChoice<>(ContextOption.BLOCKY, Random::nextBoolean),
            new ContextChoice<>(ContextOption.THREAD_SCHED_POLICY, r -> r.nextInt(8) - 1),
            new ContextChoice<>(ContextOption.THREAD_PRIORITY, r -> r.nextInt(120) - 1),
            new ContextChoice<>(ContextOption.THREAD_AFFINITY_CPU_ADD, r -> r.nextInt(6) - 1),
            new ContextChoice<>(ContextOption.THREAD_AFFINITY_CPU_REMOVE, r -> r.nextInt(6) - 1));

    private MisuseOptions() {
    }

    /** Sets a random context option to a random value. */
    static void setRandom(Context context, Random random) {
        CONTEXT_CHOICES.get(random.nextInt(CONTEXT_CHOICES.size())).apply(context, random);
    }

    /** Sets a random option to a random value. */
    static void setRandom(Socket socket, Random random) {
        CHOICES.get(random.nextInt(CHOICES.size())).apply(socket, random);
    }
}
