package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Per-thread native buffers for calls off the message path (options, endpoints), so that an
 * option get or set allocates no Arena.
 *
 * <p>The memory comes from an automatic arena: passing it to a downcall costs no atomic
 * acquire, and it is freed when the thread and this object are gone.
 */
final class Scratch {
    /** Option values up to this size fit in {@link #value}; larger ones get their own arena. */
    static final int VALUE_CAPACITY = 1024;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    final MemorySegment capture;
    final MemorySegment value;
    final MemorySegment size;

    private Scratch() {
        Arena arena = Arena.ofAuto();
        capture = Native.allocateCapture(arena);
        value = arena.allocate(VALUE_CAPACITY, 8);
        size = arena.allocate(ValueLayout.JAVA_LONG);
    }

    static Scratch get() {
        return PER_THREAD.get();
    }

    /**
     * Copies {@code text} as a NUL-terminated UTF-8 string into {@link #value}.
     *
     * @return the string, or {@code null} if it does not fit (the caller then allocates)
     */
    MemorySegment cString(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length >= VALUE_CAPACITY) {
            return null;
        }
        MemorySegment.copy(utf8, 0, value, ValueLayout.JAVA_BYTE, 0, utf8.length);
        value.set(ValueLayout.JAVA_BYTE, utf8.length, (byte) 0);
        return value;
    }
}
