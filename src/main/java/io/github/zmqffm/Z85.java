package io.github.zmqffm;

import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.internal.opt.CurveKeys;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * Z85, ZeroMQ's printable encoding of binary data (ZeroMQ RFC 32), over libzmq's
 * {@code zmq_z85_encode}/{@code zmq_z85_decode}. Four bytes become five characters; CURVE
 * keys are 32 bytes, 40 characters.
 *
 * {@snippet :
 * String text = Z85.encode(new byte[] {(byte) 0x86, 0x4F, (byte) 0xD2, 0x6F,
 *         (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B});   // "HelloWorld"
 * byte[] bytes = Z85.decode("HelloWorld");
 * }
 */
public final class Z85 {
    private Z85() {
    }

    /**
     * Encodes bytes as Z85 text.
     *
     * @param data the bytes; their number must be a multiple of 4
     * @return the text, five characters per four bytes
     * @throws IllegalArgumentException if {@code data.length} is not a multiple of 4
     * @throws NullPointerException if {@code data} is null
     */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85 encodes whole 4-byte groups; got " + data.length
                    + " bytes, which is not a multiple of 4");
        }
        Native.load();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(data.length / 4 * 5L + 1);
            MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
            if (zmq_h.zmq_z85_encode(text, bytes, data.length).equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("libzmq refused to encode " + data.length + " bytes");
            }
            return text.getString(0);
        }
    }

    /**
     * Decodes Z85 text.
     *
     * @param text the text; its length must be a multiple of 5, and it may hold only the 85
     *             characters of the Z85 alphabet
     * @return the bytes, four per five characters
     * @throws IllegalArgumentException if the length is not a multiple of 5 or a character is
     *         outside the alphabet (the message says which and where)
     * @throws NullPointerException if {@code text} is null
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException("Z85 text comes in whole 5-character groups; got " + text.length()
                    + " characters, which is not a multiple of 5");
        }
        for (int i = 0; i < text.length(); i++) {
            if (CurveKeys.Z85_ALPHABET.indexOf(text.charAt(i)) < 0) {
                throw new IllegalArgumentException("character '" + text.charAt(i) + "' (U+"
                        + String.format("%04X", (int) text.charAt(i)) + ") at index " + i + " is not in the Z85 alphabet");
            }
        }
        if (text.isEmpty()) {
            return new byte[0]; // libzmq treats empty input as an error
        }
        Native.load();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(text.length() / 5 * 4L + 1);
            if (zmq_h.zmq_z85_decode(bytes, arena.allocateFrom(text)).equals(MemorySegment.NULL)) {
                // Only groups above 2^32 - 1, e.g. "#####", get here.
                throw new IllegalArgumentException("\"" + text + "\" holds a 5-character group whose value exceeds 32 bits");
            }
            return bytes.asSlice(0, text.length() / 5 * 4L).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
