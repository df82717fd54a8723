package io.github.zmqffm;

import io.github.zmqffm.internal.nat.LibC;
import io.github.zmqffm.internal.nat.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A {@code pipe(2)}: a raw descriptor for pollers to watch, which a test makes readable at will. */
final class Pipe implements AutoCloseable {
    /** The end to poll. */
    final int readFd;
    private final int writeFd;

    Pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            assertEquals(0, LibC.pipe(Native.allocateCapture(arena), fds));
            readFd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            writeFd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
        }
    }

    /** Makes the read end readable: writes one byte. */
    void write() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_BYTE);
            one.set(ValueLayout.JAVA_BYTE, 0, (byte) 42);
            assertEquals(1, LibC.write(writeFd, one, 1));
        }
    }

    @Override
    public void close() {
        LibC.close(readFd);
        LibC.close(writeFd);
    }
}
