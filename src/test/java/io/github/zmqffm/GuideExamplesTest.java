package io.github.zmqffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ZeroMQ guide's examples as ported in {@code examples/}, run as users run them: each
 * program in a JVM of its own, the programs talking over tcp on 127.0.0.1 at ports this test
 * picks, and those that run until Ctrl-C stopped by a signal. What they print is checked, and no
 * program may print a leak report (they run with {@code -Dzmq.leaks=track}, which reports
 * unclosed messages too). The examples are compiled once, lint warnings as errors,
 * rather than launched as source files (ExamplesTest does that for Hello.java): that would
 * compile each again in every one of the thirty JVMs.
 *
 * <p>syncpub/syncsub runs with {@value #SUBSCRIBERS_CI} subscribers and {@value #UPDATES_CI}
 * updates; the {@code stress} profile ({@code -Dzmq.stress=true}) runs the guide's own numbers,
 * 10 subscribers and 1,000,000 updates.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GuideExamplesTest {
    private static final boolean STRESS = Boolean.getBoolean("zmq.stress");
    private static final int SUBSCRIBERS_CI = 4;
    private static final int UPDATES_CI = 100_000;
    /** How long a program may take to do its part: generous, because the machine is shared. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** What the binding's leak reports say (see LeakReportTest). */
    private static final List<String> LEAK_REPORTS = List.of("was not closed", "garbage collector");

    /** The examples, compiled. */
    @TempDir
    static Path compiled;

    private final List<ChildJvm.Running> started = new ArrayList<>();

    @BeforeAll
    static void compileTheExamples() throws IOException {
        try (Stream<Path> sources = Files.list(Path.of("examples"))) {
            ChildJvm.compile(compiled, sources.filter(file -> file.toString().endsWith(".java")).toList());
        }
    }

    @AfterEach
    void stopEveryProgramAndCheckNoneLeaked() {
        started.forEach(ChildJvm.Running::close);
        for (ChildJvm.Running program : started) {
            for (String report : LEAK_REPORTS) {
                assertFalse(program.output().contains(report), program.name() + " reported a leak:\n" + program.output());
            }
        }
    }

    @Test
    void helloWorldClientGetsTenRepliesFromTheServer() {
        String endpoint = freeEndpoint();
        ChildJvm.Running server = example("HwServer", endpoint, "10");
        ChildJvm client = ended(example("HwClient", endpoint));

        List<String> expected = new ArrayList<>(List.of("Connecting to hello world server"));
        IntStream.range(0, 10).forEach(n -> expected.addAll(List.of("Sending Hello " + n, "Received World " + n)));
        assertEquals(expected, client.out().lines().toList());
        assertEquals(Collections.nCopies(10, "Received [Hello]"), stopped(server).out().lines().toList());
    }

    @Test
    void pipelineDealsEveryTaskToTheWorkersAndTheSinkCollectsEveryResult() {
        String tasks = freeEndpoint();
        String results = freeEndpoint();
        ChildJvm.Running sink = example("TaskSink", results);
        sink.awaitOutput("Waiting for a batch", PATIENCE);
        List<ChildJvm.Running> workers = Stream.generate(() -> example("TaskWork", tasks, results)).limit(2).toList();
        ChildJvm.Running ventilator = example("TaskVent", tasks, results);
        ventilator.awaitOutput("Press Enter", PATIENCE);
        ventilator.type("");

        ChildJvm vent = ended(ventilator);
        List<String> dealt = workloads(vent.out().lines().filter(line -> line.endsWith(".")).findFirst().orElseThrow());
        assertEquals(100, dealt.size(), vent.out());
        int cost = dealt.stream().mapToInt(Integer::parseInt).sum();
        assertTrue(vent.out().contains("Total expected cost: " + cost + " msec"), vent.out());

        ChildJvm collected = ended(sink);
        assertTrue(collected.out().contains(":.........".repeat(10) + System.lineSeparator() + "Total elapsed time: "),
                collected.out());
        List<String> done = new ArrayList<>();
        workers.forEach(worker -> done.addAll(workloads(stopped(worker).out())));
        assertEquals(dealt.stream().sorted().toList(), done.stream().sorted().toList(), "what the workers did");
    }

    @Test
    void synchronizedPublisherDeliversEveryUpdateAndEndToEverySubscriber() {
        int subscribers = STRESS ? 10 : SUBSCRIBERS_CI;
        int updates = STRESS ? 1_000_000 : UPDATES_CI;
        String pub = freeEndpoint();
        String sync = freeEndpoint();
        long began = System.nanoTime();
        ChildJvm.Running publisher = example("SyncPub", pub, sync, Integer.toString(subscribers), Integer.toString(updates));
        List<ChildJvm.Running> receivers = Stream.generate(() -> example("SyncSub", pub, sync)).limit(subscribers).toList();

        for (ChildJvm.Running receiver : receivers) {
            assertEquals("Received " + updates + " updates.", ended(receiver).out().strip(), receiver.name());
        }
        assertEquals(List.of("Waiting for subscribers", "Broadcasting messages"), ended(publisher).out().lines().toList());
        System.out.printf("GuideExamplesTest: syncpub to %d syncsub, %,d updates each, all received with END: %.1f s%n",
                subscribers, updates, (System.nanoTime() - began) / 1e9);
    }

    @Test
    void interruptExampleClosesItsSocketAndExitsCleanlyOnCtrlC() {
        String endpoint = freeEndpoint();
        ChildJvm.Running server = example("Interrupt", endpoint);
        server.awaitOutput("Ctrl-C to stop", PATIENCE);
        server.signal("INT");

        ChildJvm interrupted = server.finish(PATIENCE);
        assertEquals(List.of("I: answering on " + endpoint + ", Ctrl-C to stop", "W: interrupt received, killing server...",
                "I: server socket closed"), interrupted.out().lines().toList());
        assertEquals("", interrupted.err(), "no uncaught exception, no warning");
        assertEquals(128 + 2, interrupted.exit(), "the JVM's exit after SIGINT, once its shutdown hooks ran");
    }

    @Test
    void requestReplyBrokerRelaysBetweenClientsAndWorkers() {
        String frontend = freeEndpoint();
        String backend = freeEndpoint();
        ChildJvm.Running broker = example("RrBroker", frontend, backend);
        List<ChildJvm.Running> workers = Stream.generate(() -> example("RrWorker", backend, "10")).limit(2).toList();
        List<ChildJvm.Running> clients = Stream.generate(() -> example("HwClient", frontend)).limit(2).toList();

        for (ChildJvm.Running client : clients) {
            List<String> replies = ended(client).out().lines().filter(line -> line.startsWith("Received")).toList();
            assertEquals(IntStream.range(0, 10).mapToObj(n -> "Received World " + n).toList(), replies);
        }
        long requests = workers.stream().map(GuideExamplesTest::stopped)
                .flatMap(worker -> worker.out().lines()).filter("Received request: [Hello]"::equals).count();
        assertEquals(20, requests);
        assertEquals("launch and connect broker.", stopped(broker).out().strip());
    }

    @Test
    void lazyPirateClientRecoversFromAServerCrashAndGivesUpWhenNoServerComesBack() {
        String endpoint = freeEndpoint();
        ChildJvm.Running first = example("LpServer", endpoint, "50");
        // The guide's 2.5 s timeout, and a fourth try: the second server is a JVM to start.
        ChildJvm.Running client = example("LpClient", endpoint, "2500", "4");
        // The server crashes after a few requests, at random; the user starts another, once.
        assertTrue(ended(first).out().contains("I: simulating a crash"));
        assertTrue(ended(example("LpServer", endpoint, "50")).out().contains("I: simulating a crash"));

        List<String> log = ended(client).out().lines().filter(line -> !line.isEmpty()).toList();
        assertEquals("I: connecting to server", log.getFirst());
        assertEquals("E: server seems to be offline, abandoning", log.getLast());
        int recovered = log.indexOf("I: reconnecting to server");
        assertTrue(recovered > 0 && log.subList(recovered, log.size()).stream().anyMatch(line -> line.contains("replied OK")),
                "a reply on a new socket, from the second server: " + log);
        List<Integer> answered = log.stream().map(OK::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertEquals(IntStream.rangeClosed(1, answered.size()).boxed().toList(), answered, "every request answered once, in order");
    }

    private static final Pattern OK = Pattern.compile("I: server replied OK \\((\\d+)\\)");

    @Test
    void routerBrokerAnswersEachReqWorkerByItsEnvelopeAndFiresThemAll() {
        ChildJvm broker = ended(example("RtReq", Integer.toString(freePort()), "10", "1"));
        List<String> reports = broker.out().lines().toList();
        assertEquals(10, reports.size(), broker.out());
        assertTrue(reports.stream().allMatch(line -> line.matches("Completed: \\d+ tasks")), broker.out());
        assertTrue(reports.stream().anyMatch(line -> !line.equals("Completed: 0 tasks")), broker.out());
    }

    @Test
    void pollerReadsTasksAndWeatherUpdatesFromTwoSockets() {
        String tasks = freeEndpoint();
        String weather = freeEndpoint();
        ChildJvm.Running server = example("WuServer", weather);
        ChildJvm.Running poller = example("MsPoller", tasks, weather);
        ChildJvm.Running client = example("WuClient", "10001 ", weather);
        try (Context context = new Context();
             Socket sink = context.socket(SocketType.PULL).bind(freeEndpoint())) {
            ChildJvm.Running ventilator = example("TaskVent", tasks, sink.lastEndpoint());
            ventilator.awaitOutput("Press Enter", PATIENCE);
            ventilator.type("");
            ended(ventilator);
            assertEquals("0", sink.receiveString(PATIENCE), "the start of the batch, for the sink");
        }
        poller.awaitOutput("Process task", 100, PATIENCE);
        poller.awaitOutput("Process weather update", PATIENCE);

        String average = ended(client).out();
        assertTrue(average.matches("(?s)Collecting updates from weather server\\R"
                + "Average temperature for zipcode '10001 ' was -?\\d+\\.\\R"), average);
        assertEquals(100, stopped(poller).out().lines().filter("Process task"::equals).count());
        stopped(server);
    }

    /** Starts the program of {@code examples/<name>.java} with these arguments. */
    private ChildJvm.Running example(String name, String... args) {
        String[] main = Stream.concat(Stream.of(name), Arrays.stream(args)).toArray(String[]::new);
        ChildJvm.Running program = ChildJvm.start(List.of(compiled), List.of("-Dzmq.leaks=track"), Map.of(), main);
        started.add(program);
        return program;
    }

    /** Waits until a program ends by itself, and checks that it ended well and printed nothing on stderr. */
    private static ChildJvm ended(ChildJvm.Running program) {
        ChildJvm result = program.finish(PATIENCE);
        assertEquals(0, result.exit(), program.name() + " failed:\n" + result.output());
        assertEquals("", result.err(), program.name() + " wrote on stderr");
        return result;
    }

    /** Stops a program that runs until Ctrl-C, and checks that it printed nothing on stderr. */
    private static ChildJvm stopped(ChildJvm.Running program) {
        ChildJvm result = program.stop();
        assertEquals("", result.err(), program.name() + " wrote on stderr");
        return result;
    }

    /** The workloads in a progress line such as "5.17.3." */
    private static List<String> workloads(String progress) {
        return Arrays.stream(progress.strip().split("\\.")).filter(part -> !part.isEmpty()).toList();
    }

    private static String freeEndpoint() {
        return "tcp://127.0.0.1:" + freePort();
    }

    /** A port nothing listens on now; the program that binds it follows at once. */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
