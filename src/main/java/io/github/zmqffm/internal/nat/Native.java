package io.github.zmqffm.internal.nat;

import io.github.zmqffm.Version;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * Loading, errno capture and return-code checks: the one place that talks to the linker.
 *
 * <p>Method handles that need linker options are built from the generated function's address
 * and descriptor, so no descriptor is ever typed by hand. Every call whose errno is read captures
 * it with {@link Linker.Option#captureCallState}; errno is never read with a second call. (The
 * first try of a send or receive goes uncaptured: when it fails, the caller repeats the whole
 * call with capture, which a failed non-blocking send or receive allows.)
 */
public final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(groupElement("errno")).withInvokeExactBehavior();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** Heap arrays may be passed straight to these calls; only for short, non-blocking ones. */
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    /** The oldest libzmq this binding supports. */
    public static final Version MINIMUM = new Version(4, 3, 0);

    private Native() {
    }

    /** Loads libzmq on first use; a failure is kept and rethrown to every later caller. */
    private static final class Library {
        static final Path PATH;
        static final Version VERSION;
        static final Error FAILURE;

        static {
            Path path = null;
            Version version = null;
            Error failure = null;
            try {
                path = LibraryLoader.load();
                version = readVersion();
                if (version.compareTo(MINIMUM) < 0) {
                    failure = new UnsatisfiedLinkError("libzmq " + version + " at " + path
                            + " is too old: zmq-ffm needs libzmq " + MINIMUM + " or newer");
                }
            } catch (UnsatisfiedLinkError e) {
                failure = e;
            }
            PATH = path;
            VERSION = version;
            FAILURE = failure;
        }

        private static Version readVersion() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, 3);
                zmq_h.zmq_version(ints, ints.asSlice(4), ints.asSlice(8));
                return new Version(ints.getAtIndex(ValueLayout.JAVA_INT, 0),
                        ints.getAtIndex(ValueLayout.JAVA_INT, 1),
                        ints.getAtIndex(ValueLayout.JAVA_INT, 2));
            }
        }
    }

    /**
     * Makes sure libzmq is loaded and recent enough.
     *
     * @throws UnsatisfiedLinkError if it is not, saying where it looked and how to install it
     */
    public static void load() {
        Error failure = Library.FAILURE;
        if (failure != null) {
            UnsatisfiedLinkError copy = new UnsatisfiedLinkError(failure.getMessage());
            copy.initCause(failure);
            throw copy;
        }
    }

    public static Version version() {
        load();
        return Library.VERSION;
    }

    public static Path libraryPath() {
        load();
        return Library.PATH;
    }

    /**
     * Whether the loaded libzmq has a capability, as {@code zmq_has(3)} answers ("ipc", "curve",
     * "draft"...).
     *
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public static boolean has(String capability) {
        load();
        try (Arena arena = Arena.ofConfined()) {
            return zmq_h.zmq_has(arena.allocateFrom(capability)) != 0;
        }
    }

    /** Whether the loaded libzmq was built with its draft API; asked once. */
    public static boolean hasDraftApi() {
        return DraftProbe.AVAILABLE;
    }

    private static final class DraftProbe {
        static final boolean AVAILABLE = has("draft");
    }

    /** Whether the loaded libzmq exports {@code symbol}; draft functions are absent from stable builds. */
    public static boolean hasSymbol(String symbol) {
        load();
        return SymbolLookup.loaderLookup().find(symbol).isPresent();
    }

    /** A handle taking a capture-state segment first, then the function's own arguments. */
    public static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor) {
        load();
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO);
    }

    /**
     * A handle on a C library function that takes a variable argument list, errno captured, or
     * {@code null} if the process's C library has no such function.
     *
     * @param firstVariadic the index of the first argument passed through the {@code ...}
     */
    public static MethodHandle capturingLibc(String symbol, FunctionDescriptor descriptor, int firstVariadic) {
        return LINKER.defaultLookup().find(symbol)
                .map(address -> LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO,
                        Linker.Option.firstVariadicArg(firstVariadic)))
                .orElse(null);
    }

    /**
     * A handle without errno capture that makes no thread-state transition: for non-blocking
     * calls that never call back into Java, and only while they cannot (see {@code LibZmq}).
     */
    public static MethodHandle critical(MemorySegment address, FunctionDescriptor descriptor) {
        load();
        return LINKER.downcallHandle(address, descriptor, Linker.Option.critical(false));
    }

    /**
     * {@link #critical}, and the call may take heap segments (the arrays a caller sends from and
     * receives into, passed without a copy).
     */
    public static MethodHandle criticalOnHeap(MemorySegment address, FunctionDescriptor descriptor) {
        load();
        return LINKER.downcallHandle(address, descriptor, CRITICAL);
    }

    /** Like {@link #capturing} but may take heap segments; only for calls that never block. */
    public static MethodHandle capturingCritical(MemorySegment address, FunctionDescriptor descriptor) {
        load();
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO, CRITICAL);
    }

    /** A handle without errno capture, for calls that cannot fail (zmq_msg_size...). */
    public static MethodHandle plain(MemorySegment address, FunctionDescriptor descriptor) {
        load();
        return LINKER.downcallHandle(address, descriptor);
    }

    /** {@return the size of a capture-state segment} */
    public static long captureSize() {
        return CAPTURE_LAYOUT.byteSize();
    }

    /** Allocates a capture-state segment; callers keep and reuse it. */
    public static MemorySegment allocateCapture(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** The errno value the last capturing call on {@code capture} recorded. */
    public static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** Wraps what a method handle invocation may throw, keeping unchecked throwables as they are. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected checked exception from a native call", t);
    }
}
