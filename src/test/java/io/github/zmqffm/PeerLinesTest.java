package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The line protocol between a test and a child JVM survives native code writing to the same
 * stdout, as OpenPGM does: its warning and the warning's newline are two write(2) calls, and a
 * line the child says between them used to land at the end of the warning's line, where the
 * parent did not find it (NetnsMulticastTest's loopback case waited a minute for "connected").
 */
class PeerLinesTest {
    /** A child that says its lines in the middle of a native-style warning, as OpenPGM's I/O thread can. */
    static final class InterruptedWarning {
        public static void main(String[] args) throws IOException {
            FileOutputStream raw = new FileOutputStream(FileDescriptor.out);   // unbuffered: one write(2) per call
            raw.write("Warn: Interface lo reports as a loopback device.".getBytes(StandardCharsets.US_ASCII));
            PeerSide.say("connected");
            raw.write('\n');
            PeerSide.say("summary received=3");
        }
    }

    @Test
    void aLineSaidInsideANativeWarningIsStillFound() {
        try (PeerProcess child = PeerProcess.java(InterruptedWarning.class, "warning")) {
            assertEquals("", child.awaitLine("connected"));
            assertEquals(3L, child.awaitSummary(Duration.ofSeconds(ZmqFixtures.PATIENCE_SECONDS)).get("received"));
            child.assertSucceeded();
        }
    }

    @Test
    void linesWithoutTheMarkAreKeptWhole() {
        assertEquals("Warn: Interface lo reports as a loopback device.",
                PeerSide.ownText("Warn: Interface lo reports as a loopback device."));
        assertEquals("connected", PeerSide.ownText("Warn: a warning." + PeerSide.LINE_MARK + "connected"));
    }
}
