package io.github.zmqffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Signals at a high rate at chosen threads while they run, as a sampling profiler
 * (async-profiler, JFR's CPU-time sampler) sends them in production: each one that lands while a
 * thread sits in a system call makes that call fail with EINTR, inside libzmq as anywhere else.
 *
 * <p>The signal is SIGUSR1, which HotSpot leaves alone, with a handler that does nothing: libc's
 * {@code abs}, a pure function, installed with SA_RESTART as profilers install theirs ({@code
 * poll(2)} fails with EINTR regardless). A Java handler ({@code sun.misc.Signal}) would start a
 * thread per signal, and an upcall cannot run inside a signal handler.
 */
final class SignalStorm implements AutoCloseable {
    private static final int SIGUSR1 = 10;
    private static final int SA_RESTART = 0x10000000;
    /** glibc's struct sigaction on x86-64 and AArch64: handler, 128-byte mask, flags (padded), restorer. */
    private static final long SIGACTION_SIZE = 152;
    private static final long FLAGS_OFFSET = 136;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle GETTID = function("gettid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle TGKILL = function("tgkill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETPID = function("getpid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle SIGACTION = function("sigaction",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

    static {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(SIGACTION_SIZE, 8);
            action.set(ValueLayout.ADDRESS, 0, LIBC.find("abs").orElseThrow());
            action.set(ValueLayout.JAVA_INT, FLAGS_OFFSET, SA_RESTART);
            if ((int) SIGACTION.invokeExact(SIGUSR1, action, MemorySegment.NULL) != 0) {
                throw new IllegalStateException("sigaction(SIGUSR1) failed");
            }
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private final int pid = call(GETPID);
    private final Map<Integer, BooleanSupplier> targets = new ConcurrentHashMap<>();
    private final Predicate<String> byName;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long sent;

    /**
     * Starts signalling the threads that {@link #target} adds and, every few milliseconds,
     * every thread of the process whose name ({@code /proc/self/task/N/comm}) {@code byName}
     * accepts: how a test reaches the carriers of virtual threads.
     */
    private SignalStorm(Predicate<String> byName) {
        this.byName = byName;
        this.thread = Thread.ofPlatform().daemon().name("signal storm").start(this::run);
    }

    /** A storm at the threads that call {@link #target}. */
    static SignalStorm atTargets() {
        return new SignalStorm(name -> false);
    }

    /** A storm at the targets and every thread whose name starts with one of {@code prefixes}. */
    static SignalStorm atTargetsAnd(List<String> prefixes) {
        return new SignalStorm(name -> prefixes.stream().anyMatch(name::startsWith));
    }

    /**
     * Makes the calling platform thread a target, except while {@code parked} says it waits in
     * the binding's wait: a profiler's timer counts the CPU time a thread uses, so a thread
     * blocked in {@code poll(2)} gets no signal, and nothing rouses it from a wait that missed
     * its wake-up. (A signal would: the poll fails with EINTR, and the wait tries again.)
     */
    void target(BooleanSupplier parked) {
        targets.put(call(GETTID), parked);
    }

    /** {@return how many signals were sent so far} */
    long sent() {
        return sent;
    }

    private void run() {
        long lastScan = 0;
        while (!stopped) {
            long now = System.nanoTime();
            if (now - lastScan > 5_000_000L) {
                for (int tid : threadsByName()) {
                    targets.putIfAbsent(tid, () -> false);
                }
                lastScan = now;
            }
            for (Map.Entry<Integer, BooleanSupplier> target : targets.entrySet()) {
                if (target.getValue().getAsBoolean()) {
                    continue;
                }
                int tid = target.getKey();
                try {
                    if ((int) TGKILL.invokeExact(pid, tid, SIGUSR1) == 0) {
                        sent++;
                    } else {
                        targets.remove(tid);   // the thread ended
                    }
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
            // As many rounds as a CPU allows, but never ahead of a target that waits for one.
            Thread.yield();
        }
    }

    private Set<Integer> threadsByName() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> byName.test(comm(task)))
                    .map(task -> Integer.parseInt(task.getFileName().toString()))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";   // the thread ended meanwhile
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor);
    }

    private static int call(MethodHandle handle) {
        try {
            return (int) handle.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
