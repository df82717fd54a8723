package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code java} code block of the README and of docs/ compiles against the current API, with
 * every lint warning an error, so that the guide cannot drift from the code.
 *
 * <p>A block that declares a class is compiled as it stands. Any other block is a method body; the
 * sockets and helpers a page takes as set up elsewhere ({@code frontend}, {@code poller},
 * {@code ctx}...) are the fields listed in {@link #GIVEN}, which the block's own declarations
 * shadow. Each block becomes a file named after its page and line, which javac's messages name.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DocSnippetsTest {
    /** A fenced block, also one indented in a list item. */
    private static final Pattern BLOCK = Pattern.compile("(?m)^[ \\t]*```java\\R(.*?)^[ \\t]*```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import io.github.zmqffm.*;
            import java.lang.foreign.*;
            import java.nio.ByteBuffer;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Path;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;
            import static java.nio.charset.StandardCharsets.UTF_8;
            """;
    /** What the pages' fragments use without declaring: sockets, a context, a poller... */
    private static final String GIVEN = """
                Context ctx, context;
                Socket socket, frontend, backend, router, dealer, pub, sub, req, rep, push, pull, server, client, worker;
                Poller poller;
                Timers timers;
                Message message;
                String endpoint;
                int pipeReadFd;
            """;

    @Test
    void everyJavaBlockOfTheReadmeAndTheGuideCompiles(@TempDir Path sources, @TempDir Path classes) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Path> snippets = new ArrayList<>();
        for (Path page : pages) {
            String text = Files.readString(page);
            Matcher block = BLOCK.matcher(text);
            while (block.find()) {
                int line = (int) text.substring(0, block.start()).lines().count() + 2;
                String name = page.getFileName().toString().replaceAll("\\W", "_") + "_line_" + line;
                snippets.add(write(sources.resolve(name), name, page + ", line " + line, block.group(1)));
            }
        }
        assertTrue(snippets.size() >= 10, "found only " + snippets.size() + " blocks: " + snippets);
        ChildJvm.compile(classes, snippets);
    }

    /** Writes one block as a compilation unit in a directory of its own (a declared class keeps its name). */
    private static Path write(Path directory, String name, String origin, String code) throws IOException {
        Files.createDirectories(directory);
        boolean declaresClass = code.lines().anyMatch(line -> line.matches("(public )?(final )?(class|record) .*"));
        String unit = declaresClass
                ? "// " + origin + "\n" + code
                : IMPORTS + "\n// " + origin + "\n@SuppressWarnings(\"unused\")\nclass " + name + " {\n" + GIVEN
                        + "\n    void run() throws Exception {\n" + code + "\n    }\n}\n";
        Matcher declared = Pattern.compile("(?m)^(?:public )?(?:final )?(?:class|record) (\\w+)").matcher(code);
        return Files.writeString(directory.resolve((declaresClass && declared.find() ? declared.group(1) : name) + ".java"), unit);
    }
}
