package io.github.zmqffm;

import io.github.zmqffm.internal.nat.Native;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZmqTest {
    @Test
    void versionIsTheLoadedLibzmqs() {
        Version version = Zmq.version();
        assertTrue(version.atLeast(new Version(4, 3, 0)), "zmq-ffm needs 4.3: " + version);
        assertEquals(Native.MINIMUM, new Version(4, 3, 0));
        assertTrue(Files.isRegularFile(Zmq.libraryPath()), String.valueOf(Zmq.libraryPath()));
        assertEquals(version, Zmq.version(), "stable across calls");
    }

    @Test
    void capabilitiesAreAnsweredByZmqHas() {
        assertTrue(Zmq.has("ipc"));
        assertFalse(Zmq.has("no-such-capability"));
        assertThrows(NullPointerException.class, () -> Zmq.has(null));
    }

    @Test
    void draftApiMatchesTheLibrarysSymbols() {
        assertEquals(Zmq.has("draft"), Zmq.hasDraftApi());
        assertEquals(Zmq.hasDraftApi(), Native.hasSymbol("zmq_poller_new"),
                "zmq_poller_new is exported exactly by libzmq builds with the draft API");
        assertTrue(Native.hasSymbol("zmq_version"));
    }
}
