package io.github.zmqffm.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run shape every benchmark here shares (JMH reads these annotations from superclasses):
 * short runs, one fork with native access, per-thread state. Command-line options such as
 * {@code -wi}, {@code -i} and {@code -f} still override them.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public abstract class ShortRun {
}
