package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketTypeTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void twelveStableTypesAndNineDraftOnes() {
        List<SocketType> drafts = Arrays.stream(SocketType.values()).filter(SocketType::isDraft).toList();
        assertEquals(List.of(SocketType.SERVER, SocketType.CLIENT, SocketType.RADIO, SocketType.DISH,
                SocketType.GATHER, SocketType.SCATTER, SocketType.DGRAM, SocketType.PEER, SocketType.CHANNEL), drafts);
        assertEquals(12, SocketType.values().length - drafts.size());
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, mode = EnumSource.Mode.MATCH_ALL, names = ".*")
    void idRoundTripsThroughTheTypeOption(SocketType type) {
        assertEquals(type, SocketType.of(type.id()));
        if (!type.isDraft()) {
            assertEquals(type, zmq.socket(type).get(SocketOption.TYPE));
            assertFalse(type.isThreadSafe(), "stable sockets are single-threaded");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"SERVER", "CLIENT", "RADIO", "DISH", "GATHER", "SCATTER",
            "DGRAM", "PEER", "CHANNEL"})
    void draftTypesNeedALibzmqWithDrafts(SocketType type) {
        if (Zmq.hasDraftApi()) {
            assertEquals(type, zmq.socket(type).get(SocketOption.TYPE));
        } else {
            UnsupportedOperationException e =
                    assertThrows(UnsupportedOperationException.class, () -> zmq.socket(type));
            assertTrue(e.getMessage().startsWith("socket type " + type + " is a draft type and the loaded libzmq "
                    + Zmq.version() + " was built without the draft API"), e.getMessage());
        }
    }

    @Test
    void threadSafeTypes() {
        assertTrue(SocketType.SERVER.isThreadSafe());
        assertTrue(SocketType.CHANNEL.isThreadSafe());
        assertFalse(SocketType.DGRAM.isThreadSafe());
    }

    @Test
    void unknownIdIsRefused() {
        assertEquals("no ZeroMQ socket type has number 99",
                assertThrows(IllegalArgumentException.class, () -> SocketType.of(99)).getMessage());
    }
}
