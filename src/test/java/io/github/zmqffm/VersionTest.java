package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {
    @Test
    void ordersByMajorMinorPatch() {
        List<Version> sorted = Stream.of(new Version(4, 3, 4), new Version(3, 9, 9), new Version(4, 10, 0),
                new Version(4, 3, 10)).sorted().toList();
        assertEquals(List.of(new Version(3, 9, 9), new Version(4, 3, 4), new Version(4, 3, 10), new Version(4, 10, 0)),
                sorted);
        assertTrue(new Version(4, 3, 4).atLeast(new Version(4, 3, 0)));
        assertTrue(new Version(4, 3, 4).atLeast(new Version(4, 3, 4)));
        assertFalse(new Version(4, 2, 9).atLeast(new Version(4, 3, 0)));
    }

    @Test
    void isAValue() {
        Version v = new Version(4, 3, 4);
        assertEquals(new Version(4, 3, 4), v);
        assertEquals(new Version(4, 3, 4).hashCode(), v.hashCode());
        assertEquals(4, v.major());
        assertEquals(3, v.minor());
        assertEquals(4, v.patch());
        assertEquals("4.3.4", v.toString());
    }

    @Test
    void negativePartsAreRefused() {
        assertEquals("version parts must not be negative: 4.-1.0",
                assertThrows(IllegalArgumentException.class, () -> new Version(4, -1, 0)).getMessage());
    }
}
