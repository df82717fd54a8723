package io.github.zmqffm;

import io.github.zmqffm.internal.nat.Native;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Facts about the loaded libzmq: its version and capabilities.
 *
 * {@snippet :
 * Version v = Zmq.version();          // e.g. 4.3.4
 * boolean curve = Zmq.has("curve");   // built with CURVE security?
 * }
 */
public final class Zmq {
    private Zmq() {
    }

    /**
     * The version of the loaded libzmq.
     *
     * @return the version {@code zmq_version} reports
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public static Version version() {
        return Native.version();
    }

    /**
     * Whether the loaded libzmq has a capability, as {@code zmq_has(3)} answers: "ipc", "pgm",
     * "tipc", "norm", "curve", "gssapi", "draft"...
     *
     * @param capability the capability's name
     * @return {@code true} if libzmq was built with it
     * @throws NullPointerException if {@code capability} is null
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public static boolean has(String capability) {
        return Native.has(Objects.requireNonNull(capability, "capability"));
    }

    /**
     * Whether the loaded libzmq was built with its draft API (draft socket types, options and
     * the {@code zmq_poller_*} functions). Debian's and most distributions' builds are not.
     *
     * @return {@code true} if draft features are available
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public static boolean hasDraftApi() {
        return Native.hasDraftApi();
    }

    /**
     * Where the loaded libzmq was found.
     *
     * @return the library file
     * @throws UnsatisfiedLinkError if libzmq cannot be loaded
     */
    public static Path libraryPath() {
        return Native.libraryPath();
    }
}
