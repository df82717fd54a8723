package io.github.zmqffm.internal.life;

import io.github.zmqffm.raw.zmq_h;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Keeps a context's I/O thread options from crashing the JVM.
 *
 * <p>libzmq applies THREAD_SCHED_POLICY, THREAD_PRIORITY and THREAD_AFFINITY_CPU_ADD inside each
 * I/O thread when the context starts (at its first socket) and aborts the whole process if the
 * OS refuses: a policy Linux does not know, SCHED_FIFO or SCHED_RR without a real-time priority,
 * a priority the process lacks the privilege for (libzmq then lowers the nice value to -20, which
 * needs CAP_SYS_NICE), or a CPU the process may not run on. This class refuses what would be
 * refused: single values when they are set, the combination before the first socket. It reads
 * the privileges from {@code /proc}, so it checks on Linux only; elsewhere libzmq's own rules
 * apply unguarded.
 */
final class IoThreadSettings {
    private static final int SCHED_FIFO = 1;
    private static final int SCHED_RR = 2;
    /** Policies pthread_setschedparam takes on Linux: OTHER, FIFO, RR, BATCH, IDLE. */
    private static final List<Integer> LINUX_POLICIES = List.of(0, SCHED_FIFO, SCHED_RR, 3, 5);
    private static final int MAX_RT_PRIORITY = 99;
    private static final int CAP_SYS_NICE = 23;
    /** RLIMIT_NICE lets the nice value go down to 20 - limit; libzmq asks for -20. */
    private static final long NICE_LIMIT_FOR_MINUS_20 = 40;

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private int policy = -1;
    private int priority = -1;
    private final TreeSet<Integer> cpus = new TreeSet<>();

    /**
     * Refuses a single value that would make libzmq abort; the caller holds the context's lock.
     *
     * @throws IllegalArgumentException naming the option, the value and why
     */
    void check(int option, int value) {
        boolean threadOption = option == zmq_h.ZMQ_THREAD_SCHED_POLICY() || option == zmq_h.ZMQ_THREAD_PRIORITY()
                || option == zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD();
        if (!threadOption || !Files.isReadable(STATUS)) {
            return;
        }
        if (option == zmq_h.ZMQ_THREAD_SCHED_POLICY() && value >= 0 && !LINUX_POLICIES.contains(value)) {
            throw new IllegalArgumentException("THREAD_SCHED_POLICY " + value + " is not a policy libzmq can apply"
                    + " (0 OTHER, 1 FIFO, 2 RR, 3 BATCH, 5 IDLE); libzmq would abort the process");
        }
        if (option == zmq_h.ZMQ_THREAD_PRIORITY() && value > MAX_RT_PRIORITY) {
            throw new IllegalArgumentException("THREAD_PRIORITY " + value + " is above " + MAX_RT_PRIORITY
                    + "; libzmq would abort the process");
        }
        if (option == zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD() && value >= 0 && !allowedCpus().get(value)) {
            throw new IllegalArgumentException("THREAD_AFFINITY_CPU_ADD " + value + " is not a CPU this process may"
                    + " run on (" + statusField("Cpus_allowed_list") + "); libzmq would abort the process");
        }
    }

    /** Records a value libzmq accepted. */
    void accepted(int option, int value) {
        if (option == zmq_h.ZMQ_THREAD_SCHED_POLICY()) {
            policy = value;
        } else if (option == zmq_h.ZMQ_THREAD_PRIORITY()) {
            priority = value;
        } else if (option == zmq_h.ZMQ_THREAD_AFFINITY_CPU_ADD()) {
            cpus.add(value);
        } else if (option == zmq_h.ZMQ_THREAD_AFFINITY_CPU_REMOVE()) {
            cpus.remove(value);
        }
    }

    /**
     * Refuses to start I/O threads that libzmq could not configure.
     *
     * @throws IllegalStateException saying which setting cannot be applied and why
     */
    void checkStartable() {
        // Nothing to check unless a thread option was set: then /proc is not read at all.
        if (policy < 0 && priority < 0 && cpus.isEmpty() || !Files.isReadable(STATUS)) {
            return;
        }
        boolean realTime = policy == SCHED_FIFO || policy == SCHED_RR;
        if (realTime && (priority < 1 || priority > MAX_RT_PRIORITY)) {
            throw unstartable("THREAD_SCHED_POLICY " + policy + " (real-time) needs a THREAD_PRIORITY from 1 to 99");
        }
        if (realTime && !hasSysNice() && limit("Max realtime priority") < priority) {
            throw unstartable("THREAD_PRIORITY " + priority + " needs CAP_SYS_NICE or a real-time priority limit"
                    + " (ulimit -r) of at least " + priority);
        }
        if (!realTime && priority >= 0 && !hasSysNice() && limit("Max nice priority") < NICE_LIMIT_FOR_MINUS_20) {
            throw unstartable("THREAD_PRIORITY with a non-real-time policy makes libzmq set the nice value -20,"
                    + " which needs CAP_SYS_NICE or a nice limit (ulimit -e) of 40");
        }
        BitSet allowed = cpus.isEmpty() ? null : allowedCpus();
        for (int cpu : cpus) {
            if (!allowed.get(cpu)) {
                throw unstartable("THREAD_AFFINITY_CPU_ADD " + cpu + " is no longer a CPU this process may run on");
            }
        }
    }

    private static IllegalStateException unstartable(String why) {
        return new IllegalStateException("the context cannot start its I/O threads: " + why
                + "; libzmq would abort the process. Change the thread options before creating a socket");
    }

    private static boolean hasSysNice() {
        String caps = statusField("CapEff");
        return caps != null && (Long.parseUnsignedLong(caps, 16) & (1L << CAP_SYS_NICE)) != 0;
    }

    /** The soft limit named in /proc/self/limits; {@link Long#MAX_VALUE} for "unlimited". */
    private static long limit(String name) {
        for (String line : lines(LIMITS)) {
            if (line.startsWith(name)) {
                String soft = line.substring(name.length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return 0;
    }

    /** The CPUs in {@code Cpus_allowed_list}, e.g. "0-3,8". */
    private static BitSet allowedCpus() {
        BitSet cpus = new BitSet();
        String list = statusField("Cpus_allowed_list");
        if (list != null) {
            for (String range : list.split(",")) {
                String[] ends = range.trim().split("-");
                int from = Integer.parseInt(ends[0]);
                cpus.set(from, Integer.parseInt(ends[ends.length - 1]) + 1);
            }
        }
        return cpus;
    }

    private static String statusField(String name) {
        for (String line : lines(STATUS)) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
