package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's examples run as users run them: source files launched with the classes on the class path. */
@Timeout(90)
class ExamplesTest {
    @Test
    void helloRunsAndPrintsTheReplies() {
        ChildJvm hello = ChildJvm.run(List.of(), Map.of(), "examples/Hello.java");
        assertEquals(0, hello.exit(), hello.toString());
        List<String> lines = hello.out().lines().toList();
        assertEquals("libzmq " + Zmq.version() + " from " + Zmq.libraryPath(), lines.getFirst());
        assertEquals(List.of("sent Hello 0, got World 0", "sent Hello 1, got World 1", "sent Hello 2, got World 2"),
                lines.subList(1, lines.size()));
        assertEquals("", hello.err(), "no warning, in particular none about native access");
    }

    /** The README's "Virtual threads and async": REQ/REP on virtual threads, then the four async calls. */
    @Test
    void virtualThreadsRunsAndPrintsWhatItGot() {
        ChildJvm example = ChildJvm.run(List.of(), Map.of(), "examples/VirtualThreads.java");
        assertEquals(0, example.exit(), example.toString());
        assertEquals(List.of("replies [HELLO 0, HELLO 1, HELLO 2]", "frame one, message of 2 frames"),
                example.out().lines().toList());
        assertEquals("", example.err());
    }
}
