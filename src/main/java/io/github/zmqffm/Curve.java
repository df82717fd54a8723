package io.github.zmqffm;

import io.github.zmqffm.internal.opt.CurveKeys;
import io.github.zmqffm.raw.zmq_h;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CURVE security (CurveZMQ): key pairs, and one-call setup of a server or client socket.
 *
 * {@snippet :
 * CurveKeyPair serverKeys = Curve.keyPair();
 * CurveKeyPair clientKeys = Curve.keyPair();
 * Curve.makeServer(server, serverKeys);
 * Curve.makeClient(client, clientKeys, serverKeys.publicKey());
 * }
 *
 * <p>Everything here needs a libzmq built with CURVE ({@code Zmq.has("curve")}); without it the
 * calls throw {@link UnsupportedOperationException} saying so. Which clients a server accepts
 * is decided by a ZAP handler such as {@link ZapAuthenticator}; without one, any client that
 * knows the server's public key gets in.
 */
public final class Curve {
    /** Length of a key in Z85 characters. */
    public static final int KEY_LENGTH_Z85 = CurveKeys.Z85_CHARS;
    /** Length of a key in bytes. */
    public static final int KEY_LENGTH_BYTES = CurveKeys.BYTES;
    /** A certificate file's public-key line. */
    private static final Pattern PUBLIC_KEY = Pattern.compile("^\\s*public-key\\s*=\\s*\"(.{40})\"\\s*$");

    private Curve() {
    }

    /**
     * Makes a new random key pair.
     *
     * @return the pair, in Z85
     * @throws UnsupportedOperationException if libzmq was built without CURVE
     */
    public static CurveKeyPair keyPair() {
        requireCurve();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment publicKey = arena.allocate(KEY_LENGTH_Z85 + 1);
            MemorySegment secretKey = arena.allocate(KEY_LENGTH_Z85 + 1);
            if (zmq_h.zmq_curve_keypair(publicKey, secretKey) != 0) {
                throw new UnsupportedOperationException("libzmq could not make a CURVE key pair");
            }
            return new CurveKeyPair(publicKey.getString(0), secretKey.getString(0));
        }
    }

    /**
     * Derives the public key that belongs to a secret key.
     *
     * @param secretKey a secret key, 40 Z85 characters
     * @return the public key, 40 Z85 characters
     * @throws IllegalArgumentException if {@code secretKey} is not a Z85 key
     * @throws UnsupportedOperationException if libzmq was built without CURVE
     */
    public static String publicKey(String secretKey) {
        CurveKeys.checkText("secretKey", Objects.requireNonNull(secretKey, "secretKey"));
        requireCurve();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment publicKey = arena.allocate(KEY_LENGTH_Z85 + 1);
            if (zmq_h.zmq_curve_public(publicKey, arena.allocateFrom(secretKey)) != 0) {
                throw new IllegalArgumentException("libzmq could not derive a public key from that secret key");
            }
            return publicKey.getString(0);
        }
    }

    /**
     * Makes {@code socket} a CURVE server with the given long-term keys. Call before bind.
     *
     * @param socket the server socket
     * @param serverKeys the server's key pair
     * @return the socket
     * @throws UnsupportedOperationException if libzmq was built without CURVE
     * @throws IllegalStateException if the socket is closed
     */
    public static Socket makeServer(Socket socket, CurveKeyPair serverKeys) {
        Objects.requireNonNull(serverKeys, "serverKeys");
        requireCurve();
        return socket.set(SocketOption.CURVE_SERVER, true)
                .set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey())
                .set(SocketOption.CURVE_PUBLICKEY, serverKeys.publicKey());
    }

    /**
     * Makes {@code socket} a CURVE client of the server with public key {@code serverKey}.
     * Call before connect.
     *
     * @param socket the client socket
     * @param clientKeys the client's own key pair
     * @param serverKey the server's public key, 40 Z85 characters
     * @return the socket
     * @throws IllegalArgumentException if {@code serverKey} is not a Z85 key
     * @throws UnsupportedOperationException if libzmq was built without CURVE
     * @throws IllegalStateException if the socket is closed
     */
    public static Socket makeClient(Socket socket, CurveKeyPair clientKeys, String serverKey) {
        Objects.requireNonNull(clientKeys, "clientKeys");
        CurveKeys.checkText("serverKey", Objects.requireNonNull(serverKey, "serverKey"));
        requireCurve();
        return socket.set(SocketOption.CURVE_SERVERKEY, serverKey)
                .set(SocketOption.CURVE_PUBLICKEY, clientKeys.publicKey())
                .set(SocketOption.CURVE_SECRETKEY, clientKeys.secretKey());
    }

    /**
     * The public keys in the certificate files of a directory, in the format pyzmq and czmq write
     * ({@code public-key = "..."}); files without one are skipped. For
     * {@link ZapAuthenticator#configureCurve(String, Path)}.
     *
     * @param directory a directory of certificate files
     * @return the keys, in Z85
     * @throws UncheckedIOException if the directory cannot be read
     */
    public static Set<String> readPublicKeys(Path directory) {
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

    private static void requireCurve() {
        if (!Zmq.has("curve")) {
            throw new UnsupportedOperationException("the loaded libzmq " + Zmq.version()
                    + " was built without CURVE security (zmq_has(\"curve\") is false)");
        }
    }
}
