package io.github.zmqffm.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The perf tool's arguments, one {@code key=value} each, checked before anything runs. The keys
 * and their meaning are the same for the Java tool ({@code impl=zmq-ffm|jeromq|jzmq|raw-ffm}) and the C tool
 * ({@code bench/c/perf.c}, {@code impl=c}), so that one command line measures any of them.
 *
 * @param pattern   thr (PUSH to PULL) or lat (REQ/REP echo)
 * @param transport inproc, ipc or tcp
 * @param size      bytes per message
 * @param count     messages (thr) or round trips (lat) measured
 * @param warmup    messages or round trips before the measured ones; both ends must agree
 * @param role      both ends in this process, or only the measuring (binding) end or the peer
 * @param endpoint  where the measuring end binds and the peer connects; null for a default
 * @param ioThreads I/O threads per context
 * @param impl      the library measured: zmq-ffm, jeromq, raw-ffm (the linker alone) or jzmq (which needs {@code -Djzmq.jar}, {@link JzmqBinding})
 * @param style     how zmq-ffm sends and receives: bytes, segment, message or zerocopy ({@link ZmqFfmBinding})
 * @param spinMicros zmq-ffm's spin budget in microseconds ({@code Context.setSpinBudget}); -1 for the default
 */
record PerfConfig(Pattern pattern, String transport, int size, long count, long warmup, Role role,
                  String endpoint, int ioThreads, String impl, String style, long spinMicros) {

    /** What is measured. */
    enum Pattern { THR, LAT }

    /** Which ends of the pattern this process runs. */
    enum Role { BOTH, MEASURE, PEER }

    static final String USAGE = """
            usage: java -jar bench/target/perf.jar pattern=thr|lat transport=inproc|ipc|tcp size=BYTES count=N
                   [warmup=N] [role=both|measure|peer] [endpoint=EP] [io_threads=N]
                   [impl=zmq-ffm|jeromq|jzmq|raw-ffm] [style=bytes|segment|message|zerocopy] [spin=MICROS]
              thr: a PUSH peer sends warmup+count messages; the PULL end measures from the first
                   counted message and prints msgs_per_s and mbit_per_s.
              lat: REQ/REP echo; the REQ end prints lat_us, the one-way latency (round trip / 2).
              role=both (default) runs both ends as two threads; role=measure binds (endpoint=,
              default tcp://127.0.0.1:* or a temporary ipc path, printed on stderr) and prints the
              result; role=peer connects to endpoint= (a thr peer sends until the measuring end
              hangs up). Both ends need the same size, count and warmup; warmup defaults to count/10.
              style (zmq-ffm only): reused byte[] (default), native MemorySegment, reused Message,
              or zero-copy Message sends; the result line then names it.
              spin (zmq-ffm only): the contexts' spin budget in microseconds, 0 never spins
              (default: the library's); the result line then shows spin_us.
              impl=jzmq needs java -Djzmq.jar=PATH/zmq.jar -Djava.library.path=DIR (libjzmq.so),
              a jzmq the user built (bench/README.md). impl=raw-ffm is libzmq through the linker
              alone, no binding: the floor of any FFM binding, not a library.
              Exit status 2 for a bad argument, 1 if the run fails.""";

    private static final Set<String> KEYS = Set.of("pattern", "transport", "size", "count", "warmup", "role",
            "endpoint", "io_threads", "impl", "style", "spin");
    private static final int MAX_SIZE = 1 << 30;

    /** An argument the tool cannot run with; its message names the key and value. */
    static final class BadArgument extends Exception {
        BadArgument(String message) {
            super(message);
        }
    }

    /**
     * Parses and checks the arguments.
     *
     * @param args {@code key=value} strings
     * @return the configuration
     * @throws BadArgument naming the first bad, unknown, repeated or missing key
     */
    static PerfConfig parse(String... args) throws BadArgument {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new BadArgument("argument '" + arg + "' is not key=value");
            }
            String key = arg.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new BadArgument("unknown key '" + key + "' in '" + arg + "'");
            }
            if (values.put(key, arg.substring(eq + 1)) != null) {
                throw new BadArgument("key '" + key + "' given twice");
            }
        }
        Pattern pattern = Pattern.valueOf(choice(values, "pattern", null, "thr", "lat").toUpperCase(Locale.ROOT));
        String transport = choice(values, "transport", null, "inproc", "ipc", "tcp");
        int size = (int) number(values, "size", null, 0, MAX_SIZE);
        long count = number(values, "count", null, pattern == Pattern.THR ? 2 : 1, Long.MAX_VALUE / 4);
        long warmup = number(values, "warmup", count / 10, 0, Long.MAX_VALUE / 4);
        Role role = Role.valueOf(choice(values, "role", "both", "both", "measure", "peer").toUpperCase(Locale.ROOT));
        int ioThreads = (int) number(values, "io_threads", 1L, 1, 64);
        String impl = choice(values, "impl", "zmq-ffm", "zmq-ffm", "jeromq", "jzmq", "raw-ffm");
        String style = choice(values, "style", "bytes", "bytes", "segment", "message", "zerocopy");
        boolean zmqFfm = impl.equals("zmq-ffm");
        if (!zmqFfm && !style.equals("bytes")) {
            throw new BadArgument("bad argument 'style=" + style + "': styles are zmq-ffm's; impl=" + impl
                    + " has only style=bytes");
        }
        long spin = number(values, "spin", -1L, 0, 1_000_000_000L);
        if (!zmqFfm && spin >= 0) {
            throw new BadArgument("bad argument 'spin=" + spin + "': the spin budget is zmq-ffm's");
        }
        if (impl.equals("jzmq")) {
            try {
                JzmqBinding.jar();
            } catch (IllegalStateException e) {
                throw new BadArgument(e.getMessage());
            }
        }
        String endpoint = values.get("endpoint");
        checkEndpoint(transport, role, endpoint);
        return new PerfConfig(pattern, transport, size, count, warmup, role, endpoint, ioThreads, impl, style, spin);
    }

    private static void checkEndpoint(String transport, Role role, String endpoint) throws BadArgument {
        if (transport.equals("inproc") && role != Role.BOTH) {
            throw new BadArgument("bad argument 'role=" + role.name().toLowerCase(Locale.ROOT)
                    + "': inproc connects threads of one process, use role=both");
        }
        if (role == Role.PEER && endpoint == null) {
            throw new BadArgument("role=peer needs endpoint=EP, the measuring end's address");
        }
        if (endpoint != null && !endpoint.startsWith(transport + "://")) {
            throw new BadArgument("bad argument 'endpoint=" + endpoint + "': expected " + transport
                    + "://... for transport=" + transport);
        }
    }

    private static String choice(Map<String, String> values, String key, String fallback, String... allowed)
            throws BadArgument {
        String value = values.get(key);
        if (value == null) {
            if (fallback == null) {
                throw new BadArgument("missing " + key + "=" + String.join("|", allowed));
            }
            return fallback;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new BadArgument("bad argument '" + key + "=" + value + "': expected " + String.join(" or ", allowed));
    }

    private static long number(Map<String, String> values, String key, Long fallback, long min, long max)
            throws BadArgument {
        String value = values.get(key);
        if (value == null) {
            if (fallback == null) {
                throw new BadArgument("missing " + key + "=N");
            }
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = min - 1;
        }
        if (n < min || n > max) {
            throw new BadArgument("bad argument '" + key + "=" + value + "': expected a whole number from "
                    + min + " to " + max);
        }
        return n;
    }

    /** {@code true} for the zmq-ffm default style, which the result line does not repeat. */
    boolean defaultStyle() {
        return style.equals("bytes");
    }
}
