package io.github.zmqffm;

import io.github.zmqffm.internal.opt.CurveKeys;

import java.util.Objects;

/**
 * A CURVE long-term key pair, both keys in their 40-character Z85 form.
 *
 * @param publicKey the public key, to give to peers
 * @param secretKey the secret key, to keep
 */
public record CurveKeyPair(String publicKey, String secretKey) {
    /**
     * Checks both keys.
     *
     * @throws IllegalArgumentException if a key is not 40 Z85 characters
     * @throws NullPointerException if a key is null
     */
    public CurveKeyPair {
        CurveKeys.checkText("publicKey", Objects.requireNonNull(publicKey, "publicKey"));
        CurveKeys.checkText("secretKey", Objects.requireNonNull(secretKey, "secretKey"));
    }

    /**
     * The public key's 32 bytes.
     *
     * @return a new array
     */
    public byte[] publicKeyBytes() {
        return Z85.decode(publicKey);
    }

    /**
     * The secret key's 32 bytes.
     *
     * @return a new array
     */
    public byte[] secretKeyBytes() {
        return Z85.decode(secretKey);
    }

    /** {@return the public key only: secret keys stay out of logs} */
    @Override
    public String toString() {
        return "CurveKeyPair[publicKey=" + publicKey + ", secretKey=<secret>]";
    }
}
