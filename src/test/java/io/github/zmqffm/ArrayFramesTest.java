package io.github.zmqffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arrays sent and received by both routes a small frame can take ({@link ArrayFrameScenarios},
 * each in a fresh JVM): passed to libzmq itself while critical calls are allowed, and copied
 * through the socket's native room once they are not. The bytes must be the same either way, no
 * route may allocate once compiled, and the first route must never need the native room unless
 * a call waits.
 */
@Timeout(180)
class ArrayFramesTest {
    private static ChildJvm run(List<String> options) {
        ChildJvm child = ChildJvm.run(options, Map.of(), ArrayFrameScenarios.class.getName());
        assertEquals(0, child.exit(), () -> "exit " + child.exit() + ":\n" + child.output());
        for (String line : List.of("shapes over inproc", "shapes over tcp", "waits on platform threads",
                "waits on virtual threads", "bytes allocated per frame: 0", "done")) {
            assertTrue(child.out().contains(line + "\n"), () -> "expected \"" + line + "\" in:\n" + child.output());
        }
        return child;
    }

    @Test
    void arraysGoToLibzmqThemselvesWhileCriticalCallsAreAllowed() {
        ChildJvm child = run(List.of());
        assertTrue(child.out().contains("native room used without a wait: false\n"), child::output);
    }

    @Test
    void arraysAreCopiedThroughNativeRoomWithoutCriticalCalls() {
        ChildJvm child = run(List.of("-Dzmq.criticalCalls=false"));
        assertTrue(child.out().contains("native room used without a wait: true\n"), child::output);
    }
}
