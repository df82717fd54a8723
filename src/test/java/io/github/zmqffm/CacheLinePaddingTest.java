package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * The fields of a socket that every send and receive of an exclusive socket touches, besides
     * the bias object it enters by: the guard's and the two flags declared beside them.
     */
    private static final List<String> TOUCHED_PER_CALL = List.of(
            "Guard.shared", "Guard.holder", "Guard.bias", "Guard.entered", "Guard.criticalCall", "Guard.asyncPending");

    @Test
    void noFieldOfAPaddedObjectLiesBeforeItsPadding() {
        for (String type : PADDED) {
            Map<String, Long> offsets = offsetsOf(type);
            long paddingEnd = 0;
            for (Map.Entry<String, Long> field : offsets.entrySet()) {
                if (field.getKey().matches("CacheLinePadding\\.p\\d")) {
                    paddingEnd = Math.max(paddingEnd, field.getValue() + Long.BYTES);
                }
            }
            assertTrue(paddingEnd >= 64, "eight longs of padding: " + offsets);
            for (Map.Entry<String, Long> field : offsets.entrySet()) {
                if (!field.getKey().startsWith("CacheLinePadding.")) {
                    assertTrue(field.getValue() >= paddingEnd,
                            type + ": " + field.getKey() + " at offset " + field.getValue()
                                    + ", before the padding's end at " + paddingEnd);
                }
            }
        }
    }

    /**
     * What a socket's every call touches lies within one cache line's length: on one line for
     * most placements of the object, on two at worst (a field of {@code SocketHandle} itself lay
     * one or two lines beyond the guard's, which frames of a kilobyte evict between calls).
     */
    @Test
    void theFieldsEveryCallTouchesLieWithinOneCacheLine() {
        Map<String, Long> offsets = offsetsOf("io.github.zmqffm.internal.life.SocketHandle");
        long first = Long.MAX_VALUE;
        long end = 0;
        for (String field : TOUCHED_PER_CALL) {
            Long offset = offsets.get(field);
            assertTrue(offset != null, field + " is not a field of SocketHandle: " + offsets);
            first = Math.min(first, offset);
            end = Math.max(end, offset + Integer.BYTES);   // none is wider than an int or a compressed reference
        }
        assertTrue(end - first <= 64, "the per-call fields span " + (end - first) + " bytes: " + offsets);
    }

    /** What {@link #offsetsOf} read, per class: a child JVM each, read once. */
    private static final Map<String, Map<String, Long>> OFFSETS = new ConcurrentHashMap<>();

    /** Each instance field of {@code type} and its superclasses, as {@code Class.field}, with its offset. */
    private static Map<String, Long> offsetsOf(String type) {
        return OFFSETS.computeIfAbsent(type, CacheLinePaddingTest::readOffsets);
    }

    private static Map<String, Long> readOffsets(String type) {
        ChildJvm child = ChildJvm.run(List.of(), Map.of(), FieldOffsets.class.getName(), type);
        assertEquals(0, child.exit(), child.err());
        Map<String, Long> offsets = new HashMap<>();
        for (String line : child.out().strip().split("\n")) {
            String[] fieldAndOffset = line.split(" ");
            offsets.put(fieldAndOffset[0], Long.parseLong(fieldAndOffset[1]));
        }
        return offsets;
    }
}
