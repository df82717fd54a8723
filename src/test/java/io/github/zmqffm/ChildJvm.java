package io.github.zmqffm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a JVM with this JVM's own java binary and the classes under test on the class path,
 * for what one JVM cannot show twice (library loading) or what users run (the examples).
 *
 * @param exit the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record ChildJvm(int exit, String out, String err) {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /**
     * Runs {@code java --enable-native-access=ALL-UNNAMED <options> -cp <classes> <main...>} to its
     * end, with no input, within a minute.
     *
     * @param options JVM options
     * @param environment variables to add; ZMQ_LIBRARY is removed unless given here
     * @param main the main class name or source file, and its arguments
     */
    static ChildJvm run(List<String> options, Map<String, String> environment, String... main) {
        try (Running child = start(options, environment, main)) {
            child.closeInput();
            return child.finish(LIMIT);
        }
    }

    /**
     * Starts the JVM that {@link #run} runs, and returns while it runs: for programs that talk to
     * each other, read input, or run until they are stopped.
     */
    static Running start(List<String> options, Map<String, String> environment, String... main) {
        return start(List.of(), options, environment, main);
    }

    /** Starts the JVM that {@link #run} runs with more classes on its class path, after the binding's. */
    static Running start(List<Path> classes, List<String> options, Map<String, String> environment, String... main) {
        // Through env(1), which execs the JVM in its own process: a shell that starts a job in the
        // background without job control (a CI runner's "cmd &") makes it ignore SIGINT, children
        // inherit that, and a JVM that starts with SIGINT ignored runs no shutdown hook on Ctrl-C.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(command(classes, options, main));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ZMQ_LIBRARY");   // the variable README documents
        builder.environment().putAll(environment);
        try {
            return new Running(builder.start(), String.join(" ", main));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return what it printed, stdout then stderr} */
    String output() {
        return out + err;
    }

    /**
     * A child JVM that is still running. Its output is collected as it comes (so that a chatty
     * child never blocks on a full pipe, and a test can wait for a line); its input stays open
     * until {@link #closeInput()}. Closing it kills the process if it still runs.
     */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final String name;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();
        private final Thread outReader;
        private final Thread errReader;

        private Running(Process process, String name) {
            this.process = process;
            this.name = name;
            outReader = Thread.ofPlatform().daemon().name("stdout of " + name).start(() -> drain(process.getInputStream(), out));
            errReader = Thread.ofPlatform().daemon().name("stderr of " + name).start(() -> drain(process.getErrorStream(), err));
        }

        private void drain(InputStream stream, StringBuilder into) {
            char[] chunk = new char[8192];
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                for (int n; (n = reader.read(chunk)) >= 0; ) {
                    synchronized (this) {
                        into.append(chunk, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was killed: what it printed until then is kept.
            } finally {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        /** {@return the program and its arguments, as started} */
        String name() {
            return name;
        }

        /** {@return what it printed on stdout so far} */
        synchronized String out() {
            return out.toString();
        }

        /** {@return what it printed so far, stdout then stderr} */
        synchronized String output() {
            return out.toString() + err;
        }

        /**
         * Waits until its stdout contains {@code text} at least {@code times} times.
         *
         * @throws AssertionError if it does not within {@code limit}, or ends before
         */
        synchronized void awaitOutput(String text, int times, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (occurrences(out, text) < times) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !outReader.isAlive()) {
                    throw new AssertionError(name + ": expected \"" + text + "\" " + times + " times within " + limit
                            + (outReader.isAlive() ? "" : ", but it ended") + "; it printed:\n" + output());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        /** Waits until its stdout contains {@code text}. */
        void awaitOutput(String text, Duration limit) {
            awaitOutput(text, 1, limit);
        }

        /** Types a line on its input. */
        void type(String line) {
            try {
                Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
                input.write(line + System.lineSeparator());
                input.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closes its input: a read from {@code System.in} sees the end. */
        void closeInput() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends it a signal, as {@code kill -<signal>} does: {@code "INT"} is Ctrl-C. */
        void signal(String signal) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
                if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /**
         * Waits until it ends by itself.
         *
         * @return its exit code and everything it printed
         * @throws AssertionError if it still runs after {@code limit} (it is killed then)
         */
        ChildJvm finish(Duration limit) {
            try {
                if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                    close();
                    throw new AssertionError(name + ": still running after " + limit + "; it printed:\n" + output());
                }
                outReader.join();
                errReader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            synchronized (this) {
                return new ChildJvm(process.exitValue(), out.toString(), err.toString());
            }
        }

        /** Stops it as {@code kill} does (SIGTERM: shutdown hooks run). {@return its exit code and output} */
        ChildJvm stop() {
            process.destroy();
            return finish(LIMIT);
        }

        /** Kills it if it still runs, and waits until it is gone; what it printed stays readable. */
        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor();
                outReader.join();
                errReader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static int occurrences(CharSequence text, String part) {
            String all = text.toString();
            int count = 0;
            for (int at = all.indexOf(part); at >= 0; at = all.indexOf(part, at + part.length())) {
                count++;
            }
            return count;
        }
    }

    /**
     * Compiles sources against the binding's classes with this JVM's javac, every lint warning
     * but the build's exceptions ({@code try}: a resource the body never names) an error.
     *
     * @throws AssertionError with javac's output if they do not compile cleanly
     */
    static void compile(Path into, List<Path> sources) {
        List<String> command = new ArrayList<>(List.of(java().resolveSibling("javac").toString(), "-Xlint:all,-try",
                "-Werror", "-d", into.toString(), "-cp", classesOf(Zmq.class).toString()));
        sources.forEach(source -> command.add(source.toString()));
        try {
            Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!javac.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                javac.destroyForcibly();
                throw new AssertionError("javac still running after " + LIMIT);
            }
            if (javac.exitValue() != 0) {
                throw new AssertionError("javac failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@return the java binary of this JVM; its JDK's other tools are beside it} */
    static Path java() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow());
    }

    /**
     * {@code java --enable-native-access=ALL-UNNAMED <options> -cp <classes> <main...>}, to run as
     * it is or wrapped in another command (a network namespace's).
     */
    static List<String> command(List<String> options, String... main) {
        return command(List.of(), options, main);
    }

    private static List<String> command(List<Path> classes, List<String> options, String... main) {
        List<String> classPath = new ArrayList<>(List.of(classesOf(Zmq.class).toString(), classesOf(ChildJvm.class).toString()));
        classes.forEach(path -> classPath.add(path.toString()));
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.addAll(List.of(main));
        return command;
    }

    /** {@return where the classes of {@code type} are: the binding's, or the tests'} */
    static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
