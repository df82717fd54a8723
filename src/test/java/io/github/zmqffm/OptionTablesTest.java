package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The option tables of {@code docs/options.md} are generated from the {@link SocketOption} and
 * {@link ContextOption} constants, and this test fails when the page drifts from them.
 *
 * <p>Each row takes the name, type, access and draft status from the public API, whether the key
 * is deprecated from its {@code @Deprecated} field, and the prose from the constant's Javadoc in
 * the source file: the summary paragraph ("What it does") and the value paragraph after
 * {@code <p>} ("Value"), less what the other columns already say (the type, the access, the
 * draft version) and less the closing "See {@code ZMQ_X} in zmq_setsockopt(3)". Those parts must
 * agree with the API, so a Javadoc that contradicts its constant fails here too. So the Javadoc
 * stays the single source; to regenerate the page after changing it:
 *
 * <pre>mvn test -Dtest=OptionTablesTest -Dzmq.docs.write=true</pre>
 */
class OptionTablesTest {
    private static final Path BASE = Path.of(System.getProperty("basedir", "."));
    private static final Path PAGE = BASE.resolve("docs/options.md");
    private static final Path SOURCES = BASE.resolve("src/main/java/io/github/zmqffm");
    private static final String REGENERATE = "mvn test -Dtest=OptionTablesTest -Dzmq.docs.write=true";

    /** A constant's Javadoc: {@code /** ... *}{@code /}, optional annotations, then the declaration. */
    private static final Pattern CONSTANT = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@\\w+\\s*)*public static final \\w+<[^>]+> (\\w+)\\s*=\\s*new ",
            Pattern.DOTALL);
    private static final Pattern ACCESS = Pattern.compile("(Read and write|Read only|Write only)(.*?)\\.(?=\\s|$)");
    private static final Pattern DRAFT = Pattern.compile(";? ?draft API \\(libzmq ([0-9.]+)\\)");
    private static final Pattern SEE = Pattern.compile("\\s*See `ZMQ_(\\w+)` in zmq_\\w+\\(3\\)\\.$");

    /** What the public API says of a key. */
    record Key(String name, Class<?> type, boolean readable, boolean writable, boolean draft) {
    }

    /** One key as a table row shows it: the API's facts, and the rest from its Javadoc. */
    record Row(Key key, boolean deprecated, String since, String value, String summary) {
    }

    @Test
    void optionTablesMatchTheConstants() throws IOException {
        String page = Files.readString(PAGE);
        String expected = replaceBlock(replaceBlock(page, "socket-options", socketOptionTables()),
                "context-options", contextOptionTables());
        if (Boolean.getBoolean("zmq.docs.write")) {
            Files.writeString(PAGE, expected);
        } else if (!expected.equals(page)) {
            fail(PAGE + " does not match the SocketOption and ContextOption constants and their Javadoc: "
                    + firstDifference(expected, page) + "Regenerate it with: " + REGENERATE);
        }
    }

    @Test
    void aChangedCellIsCaught() throws IOException {
        String page = Files.readString(PAGE);
        String tables = socketOptionTables();
        String changed = tables.replace("| `SNDHWM` | `Integer` |", "| `SNDHWM` | `Long` |");
        assertNotEquals(tables, changed, "the SNDHWM row is in the table");
        String drifted = replaceBlock(page, "socket-options", changed);
        String message = firstDifference(replaceBlock(page, "socket-options", tables), drifted);
        assertTrue(message.contains("`SNDHWM` | `Integer`") && message.contains("`SNDHWM` | `Long`"), message);
    }

    @Test
    void everyKeyHasARow() {
        String socket = socketOptionTables();
        String context = contextOptionTables();
        SocketOption.values().forEach(o -> assertTrue(socket.contains("| `" + o.name() + "` |"), o.name()));
        ContextOption.values().forEach(o -> assertTrue(context.contains("| `" + o.name() + "` |"), o.name()));
    }

    private static String socketOptionTables() {
        return tables(SocketOption.class, "socket", SocketOption.values().stream()
                .map(o -> new Key(o.name(), o.type(), o.isReadable(), o.isWritable(), o.isDraft())).toList())
                + oldNames();
    }

    private static String contextOptionTables() {
        return tables(ContextOption.class, "context", ContextOption.values().stream()
                .map(o -> new Key(o.name(), o.type(), o.isReadable(), o.isWritable(), o.isDraft())).toList());
    }

    /** Stable, deprecated and draft keys of a class, a table each (a group without keys has none). */
    private static String tables(Class<?> holder, String kind, List<Key> keys) {
        Map<String, String> javadoc = javadoc(holder.getSimpleName() + ".java");
        List<Row> rows = keys.stream().map(k -> row(k, isDeprecated(holder, k.name()), javadoc)).toList();
        StringBuilder out = new StringBuilder();
        table(out, rows, r -> !r.key().draft() && !r.deprecated(), null);
        table(out, rows, Row::deprecated, "Deprecated " + kind + " options (the last column says what supersedes "
                + "each):");
        table(out, rows, r -> r.key().draft() && !r.deprecated(), "Draft " + kind + " options, in libzmq's draft "
                + "API, which Debian's and most distributions' builds lack; without it they throw "
                + "`UnsupportedOperationException` (`isSupported()` asks first):");
        return out.toString();
    }

    private static void table(StringBuilder out, List<Row> rows, Predicate<Row> which, String heading) {
        List<Row> chosen = rows.stream().filter(which).toList();
        if (chosen.isEmpty()) {
            return;
        }
        boolean draft = chosen.getFirst().key().draft();
        if (heading != null) {
            out.append('\n').append(heading).append("\n\n");
        }
        out.append(draft ? "| Option | Type | Access | Since | Value: unit, range, default | What it does |\n"
                         + "|---|---|---|---|---|---|\n"
                         : "| Option | Type | Access | Value: unit, range, default | What it does |\n"
                         + "|---|---|---|---|---|\n");
        for (Row r : chosen) {
            Key k = r.key();
            String access = k.readable() && k.writable() ? "read/write" : k.readable() ? "read only" : "write only";
            out.append("| `").append(k.name()).append("` | `").append(k.type().getSimpleName()).append("` | ")
                    .append(access).append(" | ")
                    .append(draft ? "libzmq " + r.since() + " | " : "")
                    .append(cell(r.value())).append(" | ").append(cell(r.summary())).append(" |\n");
        }
    }

    /** zmq.h's older names: public constants holding the key of another name. */
    private static String oldNames() {
        Map<String, String> old = new TreeMap<>();
        for (Field field : SocketOption.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SocketOption.class) {
                String current = ((SocketOption<?>) get(field)).name();
                if (!current.equals(field.getName())) {
                    old.put(field.getName(), current);
                }
            }
        }
        StringBuilder out = new StringBuilder("\nOld names (deprecated constants holding the very same key):\n\n"
                + "| Old name | Same key as |\n|---|---|\n");
        old.forEach((name, current) -> out.append("| `").append(name).append("` | `").append(current).append("` |\n"));
        return out.toString();
    }

    private static Object get(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isDeprecated(Class<?> holder, String name) {
        try {
            return holder.getField(name).isAnnotationPresent(Deprecated.class);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(holder.getSimpleName() + " has no public field " + name, e);
        }
    }

    /**
     * A row from the API's facts and the key's Javadoc, which must agree with them: the value
     * paragraph opens with the type, names the access and, for a draft key, the libzmq version, and
     * closes with the {@code ZMQ_} name.
     */
    private static Row row(Key key, boolean deprecated, Map<String, String> javadocs) {
        String name = key.name();
        String doc = javadocs.get(name);
        if (doc == null) {
            throw new AssertionError(name + ": no Javadoc found before its declaration");
        }
        String what = name + "'s Javadoc";
        String deprecation = "";
        int tag = doc.indexOf("@deprecated ");
        if (tag >= 0) {
            deprecation = " Deprecated: " + doc.substring(tag + "@deprecated ".length()).strip();
            doc = doc.substring(0, tag).strip();
        }
        assertEquals(deprecated, tag >= 0, what + ": @deprecated tag against the @Deprecated annotation");
        String[] paragraphs = doc.split("\\s*<p>\\s*");
        assertEquals(2, paragraphs.length, what + ": a summary paragraph, then one <p> value paragraph");

        String value = paragraphs[1];
        String typeTag = "`" + key.type().getSimpleName() + "`";
        assertTrue(value.startsWith(typeTag), what + ": the value paragraph opens with " + typeTag + ": " + value);
        value = value.substring(typeTag.length()).replaceFirst("^[.,]\\s*", "");

        Matcher see = SEE.matcher(value);
        assertTrue(see.find() && see.group(1).equals(name), what + ": the value paragraph ends with "
                + "\"See `ZMQ_" + name + "` in zmq_...(3).\": " + value);
        value = value.substring(0, see.start());

        Matcher access = ACCESS.matcher(value);
        assertTrue(access.find(), what + ": the value paragraph names the access: " + value);
        String expectedAccess = key.readable() && key.writable() ? "Read and write"
                : key.readable() ? "Read only" : "Write only";
        assertEquals(expectedAccess, access.group(1), what + ": access against isReadable()/isWritable()");
        String rest = access.group(2);
        Matcher since = DRAFT.matcher(rest);
        boolean saysDraft = since.find();
        assertEquals(key.draft(), saysDraft, what + ": \"draft API (libzmq x.y.z)\" against isDraft()");
        rest = saysDraft ? rest.substring(0, since.start()) + rest.substring(since.end()) : rest;
        rest = rest.replaceFirst("^,\\s*(but\\s+)?", "").strip();
        String note = rest.isEmpty() ? "" : Character.toUpperCase(rest.charAt(0)) + rest.substring(1) + ".";
        value = (value.substring(0, access.start()) + note + value.substring(access.end())).replaceAll("\\s+", " ")
                .strip();
        value = value.isEmpty() ? value : Character.toUpperCase(value.charAt(0)) + value.substring(1);

        return new Row(key, deprecated, saysDraft ? since.group(1) : "", value, paragraphs[0] + deprecation);
    }

    /** Each constant's Javadoc in a source file, as one line of Markdown, by the constant's name. */
    private static Map<String, String> javadoc(String file) {
        String source;
        try {
            source = Files.readString(SOURCES.resolve(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read the Javadoc of the option keys", e);
        }
        Map<String, String> docs = new LinkedHashMap<>();
        Matcher m = CONSTANT.matcher(source);
        while (m.find()) {
            docs.put(m.group(2), markdown(m.group(1).replaceAll("(?m)^\\s*\\*", " ")));
        }
        return docs;
    }

    /** Javadoc's inline tags and HTML as Markdown, on one line. */
    static String markdown(String javadoc) {
        return javadoc.replaceAll("\\s+", " ").strip()
                .replaceAll("\\{@code ([^}]*)}", "`$1`")
                .replaceAll("\\{@link #([^}]*)}", "`$1`")
                .replaceAll("\\{@link ([^}#]*)#([^}]*)}", "`$1.$2`")
                .replaceAll("\\{@link ([^}]*)}", "`$1`")
                .replaceAll("</?b>", "**");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The page with the text between {@code <!-- name:begin -->} and {@code <!-- name:end -->} replaced. */
    private static String replaceBlock(String page, String name, String text) {
        String begin = "<!-- " + name + ":begin -->\n";
        String end = "<!-- " + name + ":end -->";
        int from = page.indexOf(begin);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(PAGE + " lacks the markers " + begin.strip() + " ... " + end);
        }
        return page.substring(0, from + begin.length()) + text + page.substring(to);
    }

    /** Where two pages first differ, by line, quoting both lines. */
    private static String firstDifference(String expected, String actual) {
        List<String> want = new ArrayList<>(expected.lines().toList());
        List<String> have = new ArrayList<>(actual.lines().toList());
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end of page)";
            String h = i < have.size() ? have.get(i) : "(end of page)";
            if (!w.equals(h)) {
                return "line " + (i + 1) + " should read\n    " + w + "\nbut reads\n    " + h + "\n";
            }
        }
        return "they differ only in line endings";
    }
}
