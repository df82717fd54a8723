package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.nat.Scratch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Copies between Java-side buffers (arrays, heap segments, ByteBuffers) and native addresses
 * libzmq handed out, without allocating: the Java half of every frame that crosses the native
 * boundary from or into heap memory.
 *
 * <p>A Java-side buffer is a {@code base} and an {@code offset}: a {@code byte[]} and an index,
 * or a segment and an offset in it (all of memory, {@link #ADDRESS_SPACE}, and an address for a
 * direct buffer). Segments made per call ({@code ofArray}, {@code reinterpret}) are not reliably
 * removed by escape analysis on deep paths, and they would be the only allocation; so arrays
 * travel as arrays.
 */
final class HeapFrames {
    /** All of memory, for copies to and from addresses libzmq handed out (never handed to callers). */
    static final MemorySegment ADDRESS_SPACE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private HeapFrames() {
    }

    /**
     * Where a buffer's bytes are: its array, all of memory for a direct buffer whose memory a
     * reference keeps alive, else a segment of it (whose scope every copy checks).
     */
    static Object baseOf(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        // A read-only heap buffer hides its array; only a direct buffer has an address.
        if (!buffer.isDirect() || directAddress(buffer) < 0) {
            return MemorySegment.ofBuffer(buffer);
        }
        return ADDRESS_SPACE;
    }

    /** Where the buffer's position is in {@code base}, which {@link #baseOf} gave. */
    static long offsetOf(ByteBuffer buffer, Object base) {
        if (base instanceof byte[]) {
            return buffer.arrayOffset() + buffer.position();
        }
        return base == ADDRESS_SPACE ? directAddress(buffer) + buffer.position() : 0;
    }

    /**
     * The address of a direct buffer's first byte, or -1 when a reference to the buffer does not
     * keep its memory valid (a buffer over an arena that can be closed: such a buffer travels as
     * a segment, whose scope every copy checks).
     */
    private static long directAddress(ByteBuffer buffer) {
        return Scratch.get().directBuffers.baseAddress(buffer);
    }

    /** Copies {@code length} bytes from a Java-side buffer to {@code address}. */
    static void load(Object base, long offset, long address, long length) {
        if (base instanceof byte[] array) {
            MemorySegment.copy(array, Math.toIntExact(offset), ADDRESS_SPACE, ValueLayout.JAVA_BYTE, address,
                    Math.toIntExact(length));
        } else {
            MemorySegment.copy((MemorySegment) base, offset, ADDRESS_SPACE, address, length);
        }
    }

    /** Copies {@code length} bytes from {@code address} to a Java-side buffer. */
    static void store(long address, Object base, long offset, long length) {
        if (base instanceof byte[] array) {
            MemorySegment.copy(ADDRESS_SPACE, ValueLayout.JAVA_BYTE, address, array, Math.toIntExact(offset),
                    Math.toIntExact(length));
        } else {
            MemorySegment.copy(ADDRESS_SPACE, address, (MemorySegment) base, offset, length);
        }
    }
}
