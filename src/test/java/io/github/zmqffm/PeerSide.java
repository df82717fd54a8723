package io.github.zmqffm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The child's half of the line protocol of {@link PeerProcess}, for the roles a child JVM plays
 * ({@link PeerRoles}): arguments as {@code key=value} pairs, where an upper-case key names a
 * {@link SocketOption} to set; lines out on stdout; commands in on stdin; monitor events
 * printed as they come. Only the public API, so that a child behaves as an application would.
 */
final class PeerSide {
    private static final long START = System.nanoTime();
    /** The command that makes a child print its threads' stacks on stderr at once (see {@link PeerProcess}). */
    static final String DUMP_THREADS = "dump-threads";

    private final String role;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<SocketOption<?>, Object> options = new LinkedHashMap<>();
    /** Commands read from stdin and not yet taken; guarded by this object's monitor. */
    private final List<String> commands = new ArrayList<>();

    private PeerSide(String[] args) {
        role = args[0];
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String key = args[i].substring(0, eq);
            String value = args[i].substring(eq + 1);
            if (Character.isUpperCase(key.charAt(0))) {
                SocketOption<?> option = option(key);
                options.put(option, parse(option, value));
            } else {
                params.put(key, value);
            }
        }
        Thread.ofPlatform().daemon().name("commands").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals(DUMP_THREADS)) {
                        dumpThreads();
                        continue;
                    }
                    synchronized (this) {
                        commands.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the parent has gone; so will this process
            }
        });
    }

    /** The role and its parameters as given on the command line. */
    static PeerSide of(String[] args) {
        return new PeerSide(args);
    }

    String role() {
        return role;
    }

    String param(String key) {
        String value = params.get(key);
        if (value == null) {
            throw new IllegalArgumentException(role + " needs " + key + "=...");
        }
        return value;
    }

    String param(String key, String otherwise) {
        return params.getOrDefault(key, otherwise);
    }

    int intParam(String key) {
        return Integer.parseInt(param(key));
    }

    int intParam(String key, int otherwise) {
        return params.containsKey(key) ? intParam(key) : otherwise;
    }

    /** Sets the options given on the command line on {@code socket}, in their order. */
    @SuppressWarnings("unchecked")
    Socket configure(Socket socket) {
        options.forEach((option, value) -> socket.set((SocketOption<Object>) option, value));
        return socket;
    }

    private static SocketOption<?> option(String name) {
        try {
            Field field = SocketOption.class.getField(name);
            return (SocketOption<?>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no socket option " + name, e);
        }
    }

    private static Object parse(SocketOption<?> option, String value) {
        Class<?> type = option.type();
        if (type == Integer.class) {
            return Integer.valueOf(value);
        } else if (type == Long.class) {
            return Long.valueOf(value);
        } else if (type == Boolean.class) {
            return Boolean.valueOf(value);
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Prints every thread's stack on stderr, for a parent that waited in vain. */
    private static void dumpThreads() {
        StringBuilder dump = new StringBuilder("threads of the child:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.err.print(dump);
        System.err.flush();
    }

    /**
     * Starts each line a child says. Native code in the child shares its stdout: OpenPGM writes a
     * warning and its newline in two write(2) calls ("Warn: Interface lo reports as a loopback
     * device."), so a line said between them lands at the end of the warning's line, where a
     * parent that looks for the line's start would miss it. The parent keeps what follows the
     * mark ({@link #ownText}).
     */
    static final char LINE_MARK = '\u001e';

    /** Prints a line for the parent. */
    static void say(String line) {
        System.out.println(LINE_MARK + line);
        System.out.flush();
    }

    /**
     * What a child said on a line of its stdout: the text after the last {@link #LINE_MARK}, or
     * the whole line if it has none (a pyzmq peer, native output on a line of its own).
     */
    static String ownText(String line) {
        return line.substring(line.lastIndexOf(LINE_MARK) + 1);
    }

    /** Milliseconds since this JVM started its role. */
    static long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - START);
    }

    /**
     * Waits for the command {@code expected} and takes it; without a bound, since the parent
     * kills a child it gives up on.
     */
    synchronized void await(String expected) throws InterruptedException {
        while (!commands.remove(expected)) {
            wait();
        }
    }

    /**
     * Waits for a command that is {@code verb} or starts with {@code verb} and a space, takes it,
     * and returns what follows the verb ({@code ""} for the verb alone).
     */
    synchronized String awaitVerb(String verb) throws InterruptedException {
        while (true) {
            for (String command : commands) {
                if (command.equals(verb) || command.startsWith(verb + " ")) {
                    commands.remove(command);
                    return command.substring(verb.length()).strip();
                }
            }
            wait();
        }
    }

    /**
     * Whether the command {@code expected} has come, taking it if so, waiting at most
     * {@code patience}; other commands stay for whoever waits for them.
     */
    synchronized boolean received(String expected, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!commands.remove(expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Prints every event of {@code socket}'s monitor as {@code event <label> <TYPE> <ms>} until the
     * socket or its context closes.
     */
    static void printEvents(Socket socket, String label) {
        Monitor monitor = socket.monitor();
        Thread.ofPlatform().daemon().name("monitor " + label).start(() -> {
            try (monitor) {
                for (MonitorEvent event; (event = monitor.receive()).type() != MonitorEvent.Type.MONITOR_STOPPED; ) {
                    say("event " + label + " " + event.type() + " " + elapsedMillis());
                }
            } catch (RuntimeException ended) {
                // the context closed under the monitor: no more events to print
            }
        });
    }
}
