package io.github.zmqffm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    private static final int LIMIT_SECONDS = 60;

    /**
     * Runs {@code java --enable-native-access=ALL-UNNAMED <options> -cp <classes> <main...>}.
     *
     * @param options JVM options
     * @param environment variables to add; ZMQ_LIBRARY is removed unless given here
     * @param main the main class name or source file, and its arguments
     */
    static ChildJvm run(List<String> options, Map<String, String> environment, String... main) {
        List<String> command = command(options, main);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(LibraryLoader.ENVIRONMENT);
        builder.environment().putAll(environment);
        Process process = null;
        try {
            process = builder.start();
            process.getOutputStream().close();
            Process p = process;
            // Drained while it runs, so that a chatty child cannot block on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p, false));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p, true));
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("child JVM still running after " + LIMIT_SECONDS + " s: " + command);
            }
            return new ChildJvm(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * {@code java --enable-native-access=ALL-UNNAMED <options> -cp <classes> <main...>}, to run as
     * it is or wrapped in another command.
     */
    static List<String> command(List<String> options, String... main) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.add("-cp");
        command.add(classesOf(Zmq.class) + File.pathSeparator + classesOf(ChildJvm.class));
        command.addAll(List.of(main));
        return command;
    }

    private static String drain(Process process, boolean stderr) {
        try {
            return new String((stderr ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
