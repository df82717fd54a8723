package io.github.zmqffm;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Two network namespaces joined by a veth pair, made for one test and deleted after it (also
 * when the test fails, and by a shutdown hook if the JVM ends first): side {@link #a()} has
 * 10.200.0.1/24 and fd00:200::1/64, side {@link #b()} 10.200.0.2/24 and fd00:200::2/64, each
 * with its loopback up. Nothing touches the host's own interfaces or addresses. The test JVM
 * stays where it is; peers run inside a namespace as child processes ({@link Side#java},
 * {@link Side#python}), and the test shapes the link between them: a rate limit
 * ({@link #rateLimit}), a partition ({@link #partition()}, {@link #heal()}), a loss of every
 * packet that leaves a side ({@link #dropAll}).
 *
 * <p>Names carry this JVM's pid ({@code zmqffm-<pid>-<n>a}), so that concurrent builds never
 * meet, and namespaces a dead JVM left behind are deleted the first time a pair is made.
 *
 * <p>Making namespaces needs root and iproute2 ({@code ip}, {@code tc}). Where they are missing,
 * {@link #create()} skips the test (a JUnit assumption) and prints why; CI runs as root, and
 * {@code .ci/run} fails if any {@code Netns*} test was skipped.
 *
 * {@snippet :
 * try (NetnsPair net = NetnsPair.create()) {
 *     PeerProcess server = net.b().java(PeerRoles.class, "rep", "bind=tcp://10.200.0.2:5555");
 *     net.partition();
 *     ...
 * }
 * }
 */
final class NetnsPair implements AutoCloseable {
    private static final String PREFIX = "zmqffm-";
    /** Where {@code ip netns exec} finds files to mount over /etc inside a namespace. */
    private static final Path ETC_NETNS = Path.of("/etc/netns");
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Pairs not yet closed, deleted by the shutdown hook if the JVM ends first. */
    private static final Set<NetnsPair> OPEN = ConcurrentHashMap.newKeySet();

    /**
     * One namespace of the pair, with the end of the veth pair that lies in it.
     *
     * @param pair the pair this side belongs to
     * @param namespace the namespace's name
     * @param device the veth end inside it
     * @param address its IPv4 address
     * @param address6 its IPv6 address (unique local, no duplicate address detection)
     */
    record Side(NetnsPair pair, String namespace, String device, String address, String address6) {
        /** Runs {@code main} with {@code args} in a JVM of its own inside this namespace. */
        PeerProcess java(Class<?> main, String... args) {
            return pair.started(main.getSimpleName() + " " + args[0] + " in " + namespace,
                    PeerProcess.javaCommand(main, args), this);
        }

        /** Runs a Python script of the test resources with {@code args} inside this namespace. */
        PeerProcess python(String script, String... args) {
            return pair.started("pyzmq " + args[0] + " in " + namespace, PeerProcess.pythonCommand(script, args),
                    this);
        }

        /**
         * Lets multicast go out through the loopback, for senders and receivers in this one
         * namespace: {@code lo} takes multicast, and a route sends 239.0.0.0/8 to it.
         */
        void multicastOnLoopback() {
            ip("-n", namespace, "link", "set", "lo", "multicast", "on");
            ip("-n", namespace, "route", "add", "239.0.0.0/8", "dev", "lo");
        }
    }

    private final String name;
    private final Side a;
    private final Side b;
    private final List<PeerProcess> peers = new ArrayList<>();

    private NetnsPair(String name) {
        this.name = name;
        this.a = new Side(this, name + "a", "zf" + PID + "x" + name.substring(name.lastIndexOf('-') + 1) + "a",
                "10.200.0.1", "fd00:200::1");
        this.b = new Side(this, name + "b", a.device().substring(0, a.device().length() - 1) + "b",
                "10.200.0.2", "fd00:200::2");
    }

    /**
     * Makes a pair, or skips the calling test if namespaces cannot be made here.
     *
     * @throws org.opentest4j.TestAbortedException if this machine cannot make namespaces
     */
    static NetnsPair create() {
        assumeAvailable();
        return make();
    }

    /**
     * Skips the calling test, with the reason printed in the build output, if this machine
     * cannot make network namespaces.
     */
    static void assumeAvailable() {
        String reason = Probe.UNAVAILABLE;
        if (reason != null) {
            // Surefire shows a test's own output; an assumption's message alone is easy to miss.
            System.err.println("[netns] SKIPPED: network namespaces unavailable: " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "network namespaces unavailable: " + reason);
    }

    private static NetnsPair make() {
        NetnsPair pair = new NetnsPair(PREFIX + PID + "-" + COUNTER.incrementAndGet());
        OPEN.add(pair);
        try {
            pair.setUp();
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    private void setUp() {
        for (Side side : List.of(a, b)) {
            ip("netns", "add", side.namespace());
            hermeticNameLookup(side.namespace());
        }
        ip("link", "add", a.device(), "netns", a.namespace(), "type", "veth", "peer", "name", b.device(), "netns",
                b.namespace());
        for (Side side : List.of(a, b)) {
            ip("-n", side.namespace(), "addr", "add", side.address() + "/24", "dev", side.device());
            ip("-n", side.namespace(), "-6", "addr", "add", side.address6() + "/64", "dev", side.device(), "nodad");
            ip("-n", side.namespace(), "link", "set", "lo", "up");
            ip("-n", side.namespace(), "link", "set", side.device(), "up");
        }
    }

    /**
     * Host names inside the namespace come from /etc/hosts only ({@code ip netns exec} mounts
     * /etc/netns/NAME/nsswitch.conf over the host's). A namespace reaches no DNS server, where a
     * lookup fails "temporarily" (EAI_AGAIN) rather than "not found"; OpenPGM tries a pgm
     * interface name as a host name first and gives up on such a failure.
     */
    private static void hermeticNameLookup(String namespace) {
        try {
            Path dir = Files.createDirectories(etcNetns(namespace));
            Files.writeString(dir.resolve("nsswitch.conf"), "hosts: files\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path etcNetns(String namespace) {
        return ETC_NETNS.resolve(namespace);
    }

    Side a() {
        return a;
    }

    Side b() {
        return b;
    }

    private PeerProcess started(String peerName, List<String> command, Side side) {
        List<String> inside = new ArrayList<>(List.of(Probe.IP, "netns", "exec", side.namespace()));
        inside.addAll(command);
        PeerProcess peer = PeerProcess.start(peerName, inside);
        synchronized (peers) {
            peers.add(peer);
        }
        return peer;
    }

    /**
     * Limits what leaves each side to {@code rate} (tc's token bucket filter, e.g. "20mbit");
     * packets that would wait more than 100 ms are dropped, as on a congested link.
     */
    void rateLimit(String rate) {
        for (Side side : List.of(a, b)) {
            tc("-n", side.namespace(), "qdisc", "replace", "dev", side.device(), "root", "tbf", "rate", rate,
                    "burst", "32kbit", "latency", "100ms");
        }
    }

    /**
     * Drops every packet that leaves {@code side} (a token bucket that never fills), or, with
     * {@code drop} false, takes that filter away again. The link stays up: sockets see loss, not
     * a missing route.
     */
    void dropAll(Side side, boolean drop) {
        if (drop) {
            tc("-n", side.namespace(), "qdisc", "replace", "dev", side.device(), "root", "tbf", "rate", "8bit",
                    "burst", "1", "limit", "1");
        } else {
            tc("-n", side.namespace(), "qdisc", "del", "dev", side.device(), "root");
        }
    }

    /** Takes side b's end of the link down: nothing passes in either direction until {@link #heal()}. */
    void partition() {
        ip("-n", b.namespace(), "link", "set", b.device(), "down");
    }

    /** Brings side b's end of the link up again. */
    void heal() {
        ip("-n", b.namespace(), "link", "set", b.device(), "up");
    }

    /** Kills the peers still running, then deletes both namespaces and their veth pair. */
    @Override
    public void close() {
        synchronized (peers) {
            peers.forEach(PeerProcess::kill);
            peers.clear();
        }
        delete(List.of(a.namespace(), b.namespace()));
        OPEN.remove(this);
    }

    /** Deletes namespaces (their veth ends go with them) and their /etc/netns entries, trying all. */
    private static void delete(List<String> namespaces) {
        List<String> failures = new ArrayList<>();
        for (String namespace : namespaces) {
            try {
                if (Probe.list().contains(namespace)) {
                    ip("netns", "delete", namespace);
                }
                deleteTree(etcNetns(namespace));
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        try {
            // /etc/netns is iproute2's, made here for the first pair; gone again once empty.
            Files.deleteIfExists(ETC_NETNS);
        } catch (DirectoryNotEmptyException stillInUse) {
            // another run's namespaces, or the host's own
        } catch (IOException e) {
            failures.add(e.toString());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not delete network namespaces: " + failures);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ip(String... args) {
        return run(Probe.IP, args);
    }

    /**
     * The kernel's view of every tcp connection in both namespaces ({@code ss -tin}: queues,
     * windows, retransmission and probe timers), for the message of a test that found a
     * connection stuck.
     */
    String tcpState() {
        StringBuilder state = new StringBuilder();
        for (Side side : List.of(a, b)) {
            try {
                state.append(side.namespace()).append(":\n")
                        .append(ip("netns", "exec", side.namespace(), "ss", "-tino")).append('\n');
            } catch (RuntimeException e) {
                state.append(side.namespace()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return state.toString();
    }

    static String tc(String... args) {
        return run(Probe.TC, args);
    }

    /** Runs a command to its end and returns what it printed; fails with its output if it fails. */
    private static String run(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "NetnsPair[" + a.namespace() + " " + a.address() + " <-> " + b.namespace() + " " + b.address() + "]";
    }

    /**
     * Whether this machine can make namespaces, found out once per JVM by making a pair and
     * deleting it again; first, namespaces of JVMs that have ended are swept away.
     */
    private static final class Probe {
        static final String IP = find("ip");
        static final String TC = find("tc");
        /** Why namespaces cannot be made here, or null if they can. */
        static final String UNAVAILABLE = probe();

        private static String probe() {
            if (!System.getProperty("os.name", "").equals("Linux")) {
                return "they are a Linux feature (os.name " + System.getProperty("os.name") + ")";
            }
            long uid = uid();
            if (uid != 0) {
                return "making them needs root, and this JVM runs as uid " + uid;
            }
            if (IP == null || TC == null) {
                return "iproute2's ip and tc are not installed (looked in PATH, /usr/sbin and /sbin)";
            }
            try {
                sweepLeftovers();
                make().close();
                return null;
            } catch (RuntimeException e) {
                return "making a test pair failed: " + e.getMessage();
            }
        }

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(pair -> {
                try {
                    pair.close();
                } catch (RuntimeException ignored) {
                    // the JVM is ending; the next run sweeps what is left
                }
            }), "netns cleanup"));
        }

        private static long uid() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Uid:")) {
                        return Long.parseLong(line.split("\\s+")[1]);
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        }

        private static String find(String program) {
            String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            return null;
        }

        /** The names of all namespaces {@code ip netns} knows. */
        static List<String> list() {
            return ip("netns", "list").lines().map(line -> line.split(" ")[0]).toList();
        }

        /** Deletes the namespaces (and /etc/netns entries) of test JVMs that are no longer running. */
        private static void sweepLeftovers() {
            List<String> dead = list().stream().filter(Probe::ofDeadJvm).toList();
            try (Stream<Path> entries = Files.isDirectory(ETC_NETNS) ? Files.list(ETC_NETNS) : Stream.empty()) {
                List<String> etc = entries.map(p -> p.getFileName().toString()).filter(Probe::ofDeadJvm)
                        .filter(n -> !dead.contains(n)).toList();
                delete(Stream.concat(dead.stream(), etc.stream()).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean ofDeadJvm(String namespace) {
            if (!namespace.startsWith(PREFIX)) {
                return false;
            }
            String pid = namespace.substring(PREFIX.length()).split("-")[0];
            return pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                    && ProcessHandle.of(Long.parseLong(pid)).isEmpty();
        }
    }
}
