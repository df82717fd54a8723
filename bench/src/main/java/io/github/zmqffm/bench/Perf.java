package io.github.zmqffm.bench;

/**
 * The perf tool: {@code java -jar bench/target/perf.jar pattern=thr transport=tcp size=64
 * count=1000000} prints one line such as
 * {@code impl=zmq-ffm transport=tcp pattern=thr size=64 count=1000000 msgs_per_s=... mbit_per_s=...}.
 * The arguments are described in {@link PerfConfig#USAGE}; {@code bench/c/perf.c} is the same
 * tool in C, so the three implementations are measured by one protocol and can be each
 * other's peers over tcp.
 */
public final class Perf {
    private Perf() {
    }

    /**
     * Runs one measurement and prints its line; exits with 2 for a bad argument and 1 if the
     * run fails.
     *
     * @param args {@code key=value} arguments
     */
    public static void main(String[] args) {
        PerfConfig config;
        try {
            config = PerfConfig.parse(args);
        } catch (PerfConfig.BadArgument e) {
            System.err.println("perf: " + e.getMessage());
            System.err.println(PerfConfig.USAGE);
            System.exit(2);
            return;
        }
        try {
            String line = new PerfRun(config).run();
            if (line != null) {
                System.out.println(line);
                System.out.flush();
            }
        } catch (Throwable t) {
            fail(t);
        }
        System.exit(0);
    }

    /** Reports a failed run, from whichever thread saw it, and ends the process. */
    static void fail(Throwable t) {
        System.err.println("perf: failed: " + t);
        System.exit(1);
    }
}
