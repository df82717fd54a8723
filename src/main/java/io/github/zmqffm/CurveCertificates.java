package io.github.zmqffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads public keys from certificate files in the format pyzmq and czmq write
 * ({@code curve} section, {@code public-key = "<40 Z85 characters>"}).
 */
final class CurveCertificates {
    private static final Pattern PUBLIC_KEY = Pattern.compile("^\\s*public-key\\s*=\\s*\"(.{40})\"\\s*$");

    private CurveCertificates() {
    }

    /**
     * The public keys of every regular file in {@code directory} that holds one; files without
     * a key (secret certificates hold one too, and are read the same way) are skipped.
     *
     * @throws UncheckedIOException if the directory cannot be read
     */
    static Set<String> publicKeys(Path directory) {
        Set<String> keys = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    Matcher m = PUBLIC_KEY.matcher(line);
                    if (m.matches()) {
                        keys.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificates in " + directory, e);
        }
        return keys;
    }
}
