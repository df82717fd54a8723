package io.github.zmqffm.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How long does a REQ/REP round trip take with zmq-ffm and with JeroMQ, and how is it spread
 * (p50, p99, p99.9 from JMH's sample mode), for every transport and frame size? The REP end is
 * an echo thread, on the same context for inproc and on a context of its own for ipc and tcp,
 * as the perf tool's {@code pattern=lat role=both} runs it. One operation is one round trip;
 * the one-way latency the perf tool prints is half of it. Measured directly, not as
 * 1/throughput. The setup checks that a first request is answered and otherwise builds the
 * pair again: JeroMQ 0.6.0 now and then loses the first request on a new tcp connection (seen in
 * about 1 run in 20 on a loaded two-core machine), which would leave REQ waiting for ever.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LatencyBenchmark extends Cells {
    private static final int FIRST_REPLY_SECONDS = 5;
    private static final int ATTEMPTS = 3;

    @Param({"zmq-ffm", "jeromq"})
    String impl;

    private LocalEndpoint endpoints;
    private Binding.Context context;
    private Binding.Context echoContext;
    private Binding.Socket request;
    private Thread echo;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            open();
            if (answersWithin(FIRST_REPLY_SECONDS)) {
                return;
            }
            closeContexts();
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException(impl + " over " + transport + ": no reply to a first request in "
                        + ATTEMPTS + " attempts");
            }
        }
    }

    private void open() {
        Binding binding = Binding.of(impl, "bytes");
        endpoints = new LocalEndpoint(transport);
        context = binding.context(1);
        echoContext = transport.equals("inproc") ? context : binding.context(1);
        request = context.bind(Binding.Kind.REQ, endpoints.bindable(), size);
        Binding.Socket reply = echoContext.connect(Binding.Kind.REP, request.lastEndpoint(), size);
        echo = Thread.ofPlatform().name("echo").daemon().start(() -> echo(reply));
    }

    /**
     * Whether one round trip completes in time. It runs on a thread of its own, which, if the
     * reply never comes, wakes when the contexts close and then closes the REQ socket itself
     * (JeroMQ sockets must be closed by the thread using them before their context can end).
     */
    private boolean answersWithin(int seconds) throws InterruptedException {
        FutureTask<Integer> first = new FutureTask<>(() -> {
            try {
                return roundTrip();
            } catch (RuntimeException closed) {
                request.close();
                throw closed;
            }
        });
        Thread.ofPlatform().daemon().name("first-request").start(first);
        try {
            first.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /** Echoes until its context is closed, which makes the blocked receive throw. */
    private static void echo(Binding.Socket reply) {
        try (reply) {
            while (true) {
                reply.receive();
                reply.send();
            }
        } catch (RuntimeException closed) {
            // the benchmark is over
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        request.close();
        closeContexts();
    }

    /** Closes both contexts, which ends the echo thread, once the REQ socket is closed or closing. */
    private void closeContexts() throws InterruptedException {
        if (echoContext != context) {
            echoContext.close();
        }
        context.close();
        echo.join(10_000);
        endpoints.close();
    }

    /** One request and its reply. */
    @Benchmark
    public int roundTrip() {
        request.send();
        return request.receive();
    }
}
