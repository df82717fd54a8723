package io.github.zmqffm;

import io.github.zmqffm.internal.nat.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where libzmq comes from: -Dzmq.library, then ZMQ_LIBRARY, then the platform names in the
 * library directories. Loading happens once per JVM, so each case runs in a {@link ChildJvm}.
 */
@Timeout(60)
class LibraryLoaderTest {
    private static final int NOT_LOADED = 3;

    @Test
    void missingFileFromThePropertyListsWhatWasTriedAndHowToInstall() {
        ChildJvm child = run(List.of("-Dzmq.library=/nonexistent/libzmq.so.5"), Map.of());
        assertEquals(NOT_LOADED, child.exit(), child.toString());
        assertTrue(child.out().contains("libzmq could not be loaded. Tried:"), child.out());
        assertTrue(child.out().contains("/nonexistent/libzmq.so.5 from -Dzmq.library (no such file)"), child.out());
        assertTrue(child.out().contains("apt-get install libzmq5"), child.out());
        assertTrue(child.out().contains("brew install zeromq"), child.out());
    }

    @Test
    void missingFileFromTheEnvironmentIsNamedToo() {
        ChildJvm child = run(List.of(), Map.of("ZMQ_LIBRARY", "/nonexistent/from-env.so"));
        assertEquals(NOT_LOADED, child.exit(), child.toString());
        assertTrue(child.out().contains("/nonexistent/from-env.so from ZMQ_LIBRARY (no such file)"), child.out());
    }

    @Test
    void aFileThatIsNoLibraryReportsTheLinkersReason(@TempDir Path dir) throws IOException {
        Path notALibrary = Files.writeString(dir.resolve("libzmq.so.5"), "not an ELF file");
        ChildJvm child = run(List.of("-Dzmq.library=" + notALibrary), Map.of());
        assertEquals(NOT_LOADED, child.exit(), child.toString());
        assertTrue(child.out().contains(notALibrary + " ("), child.out());
    }

    @Test
    void thePropertyWinsOverTheEnvironment() {
        Path real = Zmq.libraryPath();
        ChildJvm child = run(List.of("-Dzmq.library=" + real), Map.of("ZMQ_LIBRARY", "/nonexistent/from-env.so"));
        assertEquals(0, child.exit(), child.toString());
        assertEquals("loaded " + real + " " + Zmq.version(), child.out().strip());
        assertEquals("", child.err(), "no native-access warning with --enable-native-access");
    }

    @Test
    void withoutOverridesThePlatformNameIsFoundInTheLibraryDirectories() {
        ChildJvm child = run(List.of(), Map.of());
        assertEquals(0, child.exit(), child.toString());
        assertTrue(child.out().strip().matches("loaded /\\S+/libzmq\\.so\\.5 \\d+\\.\\d+\\.\\d+"), child.out());
    }

    @Test
    void platformNamesAndDirectories() {
        assertEquals(List.of("libzmq.so.5", "libzmq.so"), LibraryLoader.platformNames());
        assertTrue(LibraryLoader.searchDirectories().contains(Zmq.libraryPath().getParent()),
                "the multiarch directory is found through ld.so.conf.d: " + LibraryLoader.searchDirectories());
    }

    /** What the child JVM runs: load libzmq, say where from, or print why not. */
    static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println("loaded " + Zmq.libraryPath() + " " + Zmq.version());
            } catch (UnsatisfiedLinkError e) {
                System.out.println(e.getMessage());
                System.exit(NOT_LOADED);
            }
        }
    }

    private static ChildJvm run(List<String> options, Map<String, String> environment) {
        return ChildJvm.run(options, environment, Probe.class.getName());
    }
}
