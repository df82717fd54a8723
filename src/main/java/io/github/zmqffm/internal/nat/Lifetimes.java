package io.github.zmqffm.internal.nat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decides whether libzmq may hold a caller's memory without a copy.
 *
 * <p>libzmq reads a zero-copy buffer on its own threads long after the call that handed it
 * over, so the memory must outlive that. The FFM API cannot pin an arena: anyone holding an
 * {@link Arena#ofConfined()} or {@link Arena#ofShared()} may close it at any moment, and an I/O
 * thread reading the freed memory would crash the process. Memory the binding can keep alive
 * itself, by holding a reference until libzmq lets go, is safe: the global arena, automatic
 * arenas ({@link Arena#ofAuto()}) and direct buffers. Nor does the API say which kind of arena a
 * segment comes from, so the scope's implementation class is compared with that of a segment of
 * each kind made here; should a JDK ever share one class between a closeable kind and a
 * collectable kind, nothing counts as safe and every buffer is copied.
 */
public final class Lifetimes {
    private static final Class<?> GLOBAL = Arena.global().scope().getClass();
    private static final Class<?> AUTOMATIC = Arena.ofAuto().scope().getClass();
    private static final Class<?> BUFFER =
            MemorySegment.ofBuffer(ByteBuffer.allocateDirect(1)).scope().getClass();
    private static final boolean DISTINGUISHABLE = distinguishable();

    private Lifetimes() {
    }

    private static boolean distinguishable() {
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            Class<?> c = confined.scope().getClass();
            Class<?> s = shared.scope().getClass();
            for (Class<?> safe : new Class<?>[] {GLOBAL, AUTOMATIC, BUFFER}) {
                if (safe == c || safe == s) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Whether a reference to {@code data} keeps its native memory valid: the global arena, an
     * automatic arena or a direct buffer. Memory of an arena that can be closed is not, nor is a
     * heap segment.
     */
    public static boolean keptAliveByReference(MemorySegment data) {
        Class<?> scope = data.scope().getClass();
        // A heap segment's scope is global too, but its address() is an array offset.
        return DISTINGUISHABLE && data.isNative() && (scope == GLOBAL || scope == AUTOMATIC || scope == BUFFER);
    }

    /**
     * Refuses memory libzmq cannot hold at all.
     *
     * @throws IllegalArgumentException for a heap segment
     * @throws IllegalStateException if the segment's arena is already closed
     */
    public static MemorySegment checkNative(MemorySegment data, String use) {
        Objects.requireNonNull(data, "data");
        if (!data.isNative()) {
            throw new IllegalArgumentException(use + " needs native memory, but got a heap segment (libzmq cannot "
                    + "hold Java heap memory, which the garbage collector moves); copy it with Message.of, or "
                    + "allocate the buffer from an Arena");
        }
        if (!data.scope().isAlive()) {
            throw new IllegalStateException(use + ": the segment's arena is already closed");
        }
        return data;
    }

    /**
     * Refuses memory that might not live forever, for {@code zmq_send_const}: libzmq never says
     * when it is done with such a buffer.
     *
     * @throws IllegalArgumentException unless the segment belongs to the global scope
     */
    public static MemorySegment checkForever(MemorySegment data) {
        checkNative(data, "sendConst");
        if (!data.scope().equals(Arena.global().scope())) {
            throw new IllegalArgumentException("sendConst needs memory that lives as long as the process "
                    + "(Arena.global(), or a native address made accessible with reinterpret), because libzmq "
                    + "never says when it has finished with it; for other memory use Message.wrap, which does");
        }
        return data;
    }
}
