package io.github.zmqffm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;

/**
 * A peer in a process of its own (a pyzmq script, or a JVM running our classes, perhaps inside a
 * network namespace), spoken to in lines: what it prints on stdout is a queue of lines, and
 * {@link #tell(String)} writes a line to its stdin. Its stderr is collected as it comes (a child
 * that writes much there must never block on a full pipe) for failure messages.
 */
final class PeerProcess implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(PATIENCE_SECONDS);
    /** Child JVMs start small and fast: the roles need little heap and no peak throughput. */
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xmx128m");

    private final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final CountDownLatch stdoutEnded = new CountDownLatch(1);

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        Thread.ofPlatform().daemon().name(name + " stdout").start(() -> {
            try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
                out.lines().map(PeerSide::ownText).forEach(line -> {
                    printed.add(line);
                    lines.add(line);
                });
            } catch (IOException | UncheckedIOException ignored) {
                // the process was killed; the lines it owed fail the test that waits for them
            } finally {
                stdoutEnded.countDown();
            }
        });
        Thread.ofPlatform().daemon().name(name + " stderr").start(() -> collect(process.getErrorStream()));
    }

    /**
     * Starts {@code command}.
     *
     * @param name what failure messages call the peer, e.g. "pyzmq pull-print"
     * @throws UncheckedIOException if the command cannot be started
     */
    static PeerProcess start(String name, List<String> command) {
        try {
            return new PeerProcess(name, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Runs {@code main} with {@code args} in a JVM of its own, with our classes on its class path. */
    static PeerProcess java(Class<?> main, String... args) {
        return start(main.getSimpleName() + " " + args[0], javaCommand(main, args));
    }

    /** The command line of {@link #java}, to run as it is or wrapped in another command. */
    static List<String> javaCommand(Class<?> main, String... args) {
        return ChildJvm.command(CHILD_JVM_OPTIONS,
                Stream.concat(Stream.of(main.getName()), Stream.of(args)).toArray(String[]::new));
    }

    /** Runs a Python script of the test resources with {@code args} ({@code /usr/bin/python3}, which has pyzmq). */
    static PeerProcess python(String script, String... args) {
        return start("pyzmq " + args[0], pythonCommand(script, args));
    }

    /** The command line of {@link #python}, to run as it is or wrapped in another command. */
    static List<String> pythonCommand(String script, String... args) {
        return Stream.concat(Stream.of(PythonPeer.PYTHON, PythonPeer.script(script).toString()), Stream.of(args))
                .toList();
    }

    private void collect(InputStream err) {
        byte[] buffer = new byte[4096];
        try (err) {
            for (int n; (n = err.read(buffer)) >= 0; ) {
                stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process is gone; what it wrote so far is kept
        }
    }

    /** Every line printed so far, those already taken included. */
    List<String> printed() {
        return List.copyOf(printed);
    }

    /** Whether a line is waiting. */
    boolean hasLine() {
        return !lines.isEmpty();
    }

    /**
     * Waits up to {@code millis} for a line, leaving it queued.
     *
     * @throws AssertionError if the process has exited and printed nothing more
     */
    void awaitLine(long millis) {
        try {
            String line = lines.poll(millis, TimeUnit.MILLISECONDS);
            if (line != null) {
                lines.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive() && lines.isEmpty()) {
            throw new AssertionError(name + " exited: " + stderr());
        }
    }

    /** The next line, waiting at most {@link ZmqFixtures#PATIENCE_SECONDS}. */
    String nextLine() {
        return nextLine(PATIENCE);
    }

    /**
     * The next line, waiting at most {@code patience}.
     *
     * @throws AssertionError if none comes in time
     */
    String nextLine(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            // In slices, so that a peer that died is reported at once, not after all the patience.
            String line;
            while ((line = lines.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (stdoutEnded.getCount() == 0 && lines.isEmpty() || System.nanoTime() - deadline > 0) {
                    throw new AssertionError("no line from " + name + " in " + patience + "; " + (process.isAlive()
                            ? "still running" : "exit " + process.exitValue()) + "; stderr: " + stderrAfterDump());
                }
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Skips lines until one starts with {@code prefix} and returns the rest of it, each line
     * waited for at most {@code patience}.
     */
    String awaitLine(String prefix, Duration patience) {
        String line;
        while (!(line = nextLine(patience)).startsWith(prefix)) {
            // progress reports and the like, not what the caller waits for
        }
        return line.substring(prefix.length());
    }

    /** {@link #awaitLine(String, Duration)} with {@link ZmqFixtures#PATIENCE_SECONDS}. */
    String awaitLine(String prefix) {
        return awaitLine(prefix, PATIENCE);
    }

    /**
     * Skips lines until {@code summary key=value...}, the end of a role, and returns its numbers,
     * each line waited for at most {@code patience}.
     */
    Map<String, Long> awaitSummary(Duration patience) {
        return Stream.of(awaitLine("summary ", patience).split(" ")).map(pair -> pair.split("="))
                .collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
    }

    /** Writes {@code command} as a line to the peer's stdin. */
    void tell(String command) {
        stdin.println(command);
    }

    /**
     * Waits for the process to end.
     *
     * @return its exit code; 128 plus the signal's number if a signal ended it (134: SIGABRT)
     * @throws AssertionError if it is still running after {@code patience}
     */
    int awaitExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + patience);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Fails unless the process exits with 0 within {@link ZmqFixtures#PATIENCE_SECONDS}. */
    void assertSucceeded() {
        int exit = awaitExit(PATIENCE);
        if (exit != 0) {
            throw new AssertionError(name + " failed (exit " + exit + "): " + stderr());
        }
    }

    /** Kills the process as a crash would (SIGKILL: no close, no linger) and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(PATIENCE);
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What the process wrote on stderr, after asking a child JVM that still runs to add its
     * threads' stacks ({@link PeerSide}; a Python peer takes the line as its signal to end).
     */
    private String stderrAfterDump() {
        if (process.isAlive()) {
            int before = stderr.length();
            tell(PeerSide.DUMP_THREADS);
            // Until the dump has come and stopped growing, for at most 2 s: it is a failure's report.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (int seen = before; System.nanoTime() - deadline < 0; ) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                if (stderr.length() > before && stderr.length() == seen) {
                    break;
                }
                seen = stderr.length();
            }
            if (stderr.length() == before) {
                return stderr() + "(no thread dump)";
            }
        }
        return stderr();
    }

    /** What the process wrote on stderr so far. */
    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name;
    }
}
