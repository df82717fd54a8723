package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.nat.LibC;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Loads and initializes the classes of a socket's calls and waits before the first socket
 * exists. A virtual thread that must wait while another thread loads or initializes a class pins
 * its carrier (JDK 25: the VM's frames are on its stack), and virtual threads that make their
 * first calls at once would all meet there: VirtualThreadScaleTest's first-parks scenario, sixteen
 * virtual threads parking for the first time together, saw a dozen such pins of up to 7 ms
 * without this. {@link LibC} is among them: its initializer links the C calls of waits, and a
 * virtual thread that links holds its carrier for every monitor the linker meets.
 */
final class FirstUse {
    private FirstUse() {
    }

    /** Initializes the classes; cheap and harmless when they already are. */
    static void prepare() {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (Class<?> type : List.of(Transfer.Op.class, HeapFrames.class, Messages.class,
                    MultipartIo.class, Utf8.class, Timeouts.class, WaitLoop.class, Waitable.class, Transfer.class,
                    Parking.class, KernelParking.class, ReactorParking.class, Reactor.class, Reactor.Registration.class,
                    Watches.class, Wakeable.class, Waker.class, LibC.class)) {
                lookup.ensureInitialized(type);
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError("the classes are in this package", e);
        }
    }
}
