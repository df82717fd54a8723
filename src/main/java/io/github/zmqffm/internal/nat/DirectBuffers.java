package io.github.zmqffm.internal.nat;

import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * The base addresses of the few direct buffers one thread keeps reusing (typically one to send
 * from and one to receive into), so that passing a reused buffer allocates nothing:
 * {@code MemorySegment.ofBuffer} makes two objects per call that escape analysis does not
 * remove. Entries hold their buffers weakly; a miss replaces the oldest entry.
 */
public final class DirectBuffers {
    private static final int ENTRIES = 4;

    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    private final WeakReference<ByteBuffer>[] buffers = new WeakReference[ENTRIES];
    private final long[] bases = new long[ENTRIES];
    private int next;

    /**
     * The address of the buffer's first byte (index 0, not its position), or -1 if the memory
     * is not kept valid by a reference to the buffer (see {@link Lifetimes#keptAliveByReference}).
     */
    public long baseAddress(ByteBuffer buffer) {
        for (int i = 0; i < ENTRIES; i++) {
            WeakReference<ByteBuffer> entry = buffers[i];
            if (entry != null && entry.get() == buffer) {
                return bases[i];
            }
        }
        MemorySegment remaining = MemorySegment.ofBuffer(buffer);
        if (!Lifetimes.keptAliveByReference(remaining)) {
            return -1;
        }
        long base = remaining.address() - buffer.position();
        buffers[next] = new WeakReference<>(buffer);
        bases[next] = base;
        next = (next + 1) % ENTRIES;
        return base;
    }
}
