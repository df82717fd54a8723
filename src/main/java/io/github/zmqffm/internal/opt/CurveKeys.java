package io.github.zmqffm.internal.opt;

/**
 * The two forms libzmq takes a CURVE key in: 32 raw bytes, or 40 characters of Z85 text (ZeroMQ
 * RFC 32). Anything else would reach libzmq as a bare EINVAL, so it is refused here with a reason.
 */
public final class CurveKeys {
    /** A raw key's length. */
    public static final int BYTES = 32;
    /** A Z85 key's length. */
    public static final int Z85_CHARS = 40;
    /** The 85 characters of Z85 (ZeroMQ RFC 32), in value order. */
    public static final String Z85_ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    private CurveKeys() {
    }

    /**
     * Refuses a key given as text that is not 40 Z85 characters.
     *
     * @param what names the key in the message, e.g. "publicKey"
     * @throws IllegalArgumentException if it is not
     */
    public static void checkText(String what, String key) {
        if (key.length() != Z85_CHARS) {
            throw new IllegalArgumentException(what + " must be " + Z85_CHARS + " Z85 characters, got " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            if (Z85_ALPHABET.indexOf(key.charAt(i)) < 0) {
                throw new IllegalArgumentException(what + " is not valid Z85: '" + key.charAt(i) + "' at " + i
                        + " is not a Z85 character");
            }
        }
    }

    /**
     * Refuses a key that is neither form.
     *
     * @param option names the option in the message
     * @throws IllegalArgumentException if {@code key} is not 32 bytes or 40 Z85 characters
     */
    public static void check(String option, byte[] key) {
        if (key.length == BYTES) {
            return;
        }
        if (key.length != Z85_CHARS) {
            throw new IllegalArgumentException(option + " needs a key of 32 bytes or 40 Z85 characters, got "
                    + key.length + " bytes");
        }
        for (byte b : key) {
            if (Z85_ALPHABET.indexOf(b) < 0) {
                throw new IllegalArgumentException(option + " needs a key of 32 bytes or 40 Z85 characters; "
                        + "these 40 bytes are not Z85 text");
            }
        }
    }
}
