package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The objects a socket's every call writes keep their fields behind a cache line of padding
 * ({@code CacheLinePadding}), under the JVM's default layout: no field of theirs may sit in the
 * gap HotSpot leaves between a 12-byte header and the first {@code long}, where it would share a
 * cache line with whatever object lies before it in memory (another thread's socket, after a GC
 * has moved both).
 */
class CacheLinePaddingTest {
    private static final List<String> PADDED = List.of(
            "io.github.zmqffm.internal.life.SocketHandle",
            "io.github.zmqffm.internal.io.SpinPolicy");

    @Test
    void noFieldOfAPaddedObjectLiesBeforeItsPadding() {
        List<String> main = new ArrayList<>(List.of(FieldOffsets.class.getName()));
        main.addAll(PADDED);
        ChildJvm child = ChildJvm.run(List.of(), Map.of(), main.toArray(String[]::new));
        assertEquals(0, child.exit(), child.err());
        Map<String, Long> offsets = new HashMap<>();
        long paddingEnd = 0;
        for (String line : child.out().strip().split("\n")) {
            String[] fieldAndOffset = line.split(" ");
            long offset = Long.parseLong(fieldAndOffset[1]);
            offsets.put(fieldAndOffset[0], offset);
            if (fieldAndOffset[0].matches("CacheLinePadding\\.p\\d")) {
                paddingEnd = Math.max(paddingEnd, offset + Long.BYTES);
            }
        }
        assertTrue(paddingEnd >= 64, "eight longs of padding: " + offsets);
        for (Map.Entry<String, Long> field : offsets.entrySet()) {
            if (!field.getKey().startsWith("CacheLinePadding.")) {
                assertTrue(field.getValue() >= paddingEnd,
                        field.getKey() + " at offset " + field.getValue() + ", before the padding's end at " + paddingEnd);
            }
        }
    }
}
