package io.github.zmqffm.internal.nat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds libzmq and loads it into this class loader, so that the generated code, which looks
 * symbols up through {@link java.lang.foreign.SymbolLookup#loaderLookup()}, resolves them.
 *
 * <p>Order: the system property {@code zmq.library} (a path), the environment variable
 * {@code ZMQ_LIBRARY} (a path), then the platform's library names in the directories the
 * platform searches. {@link System#load} needs an absolute path, which is why the directories
 * are walked here instead of handing a bare soname to the dynamic linker.
 */
public final class LibraryLoader {
    public static final String PROPERTY = "zmq.library";
    public static final String ENVIRONMENT = "ZMQ_LIBRARY";

    private LibraryLoader() {
    }

    /**
     * Loads libzmq once.
     *
     * @return the path that was loaded
     * @throws UnsatisfiedLinkError listing every place tried and how to install libzmq
     */
    public static Path load() {
        List<String> tried = new ArrayList<>();
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return loadExplicit(Path.of(explicit), "-D" + PROPERTY, tried);
        }
        String fromEnv = System.getenv(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return loadExplicit(Path.of(fromEnv), ENVIRONMENT, tried);
        }
        for (String name : platformNames()) {
            for (Path dir : searchDirectories()) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && tryLoad(candidate, tried)) {
                    return candidate;
                }
            }
            tried.add(name + " (not found in " + searchDirectories() + ")");
        }
        throw notFound(tried);
    }

    private static Path loadExplicit(Path path, String source, List<String> tried) {
        Path absolute = path.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            tried.add(absolute + " from " + source + " (no such file)");
            throw notFound(tried);
        }
        if (!tryLoad(absolute, tried)) {
            throw notFound(tried);
        }
        return absolute;
    }

    private static boolean tryLoad(Path candidate, List<String> tried) {
        try {
            System.load(candidate.toString());
            return true;
        } catch (UnsatisfiedLinkError e) {
            tried.add(candidate + " (" + e.getMessage() + ")");
            return false;
        }
    }

    private static UnsatisfiedLinkError notFound(List<String> tried) {
        return new UnsatisfiedLinkError("""
                libzmq could not be loaded. Tried:
                  %s
                Install it (Debian/Ubuntu: apt-get install libzmq5, macOS: brew install zeromq) \
                or point -D%s or %s at the library file."""
                .formatted(String.join("\n  ", tried), PROPERTY, ENVIRONMENT));
    }

    public static List<String> platformNames() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return List.of("libzmq.5.dylib", "libzmq.dylib");
        }
        if (os.contains("win")) {
            // The official builds are named libzmq-v<toolset>-mt-<version>.dll; any of them will do.
            List<String> names = new ArrayList<>(List.of("libzmq.dll"));
            for (Path dir : searchDirectories()) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.matches("libzmq-v\\d+-mt-\\d+(_\\d+)*\\.dll"))
                            .sorted()
                            .forEach(names::add);
                } catch (IOException | RuntimeException ignored) {
                    // an unreadable directory simply contributes no candidates
                }
            }
            return names;
        }
        return List.of("libzmq.so.5", "libzmq.so");
    }

    public static List<Path> searchDirectories() {
        Set<String> dirs = new LinkedHashSet<>();
        addPathList(dirs, System.getProperty("java.library.path"));
        addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
        addPathList(dirs, System.getenv("DYLD_LIBRARY_PATH"));
        addPathList(dirs, System.getenv("PATH") != null && isWindows() ? System.getenv("PATH") : null);
        addLdSoConf(dirs);
        dirs.addAll(List.of("/usr/local/lib", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
                "/opt/homebrew/lib", "/usr/local/opt/zeromq/lib", "/opt/local/lib"));
        List<Path> result = new ArrayList<>();
        for (String dir : dirs) {
            Path path = Path.of(dir);
            if (Files.isDirectory(path)) {
                result.add(path);
            }
        }
        return result;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    private static void addPathList(Set<String> dirs, String list) {
        if (list == null) {
            return;
        }
        for (String entry : list.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                dirs.add(entry);
            }
        }
    }

    /** Multiarch directories such as /usr/lib/x86_64-linux-gnu are only named in ld.so.conf.d. */
    private static void addLdSoConf(Set<String> dirs) {
        Path confDir = Path.of("/etc/ld.so.conf.d");
        if (!Files.isDirectory(confDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(confDir)) {
            files.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(conf -> {
                try {
                    for (String line : Files.readAllLines(conf)) {
                        String dir = line.strip();
                        if (dir.startsWith("/")) {
                            dirs.add(dir);
                        }
                    }
                } catch (IOException | RuntimeException ignored) {
                    // unreadable configuration contributes nothing
                }
            });
        } catch (IOException ignored) {
            // no configuration: the fixed list below still applies
        }
    }
}
