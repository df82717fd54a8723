package io.github.zmqffm.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The cells the transport benchmarks share (JMH reads these parameters from superclasses): every
 * transport at 1, 64, 1024 and 65536 bytes, as the perf tool's comparison runs them.
 */
public abstract class Cells extends ShortRun {
    @Param({"inproc", "ipc", "tcp"})
    String transport;

    @Param({"1", "64", "1024", "65536"})
    int size;
}
