package io.github.zmqffm.internal.io;

import java.nio.charset.StandardCharsets;

/** Text frames: ZeroMQ carries bytes, and the API's {@code String} forms read and write them as UTF-8. */
public final class Utf8 {
    private Utf8() {
    }

    /** {@return the UTF-8 bytes of {@code text}} */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the frame decoded as UTF-8; {@code null} for no frame} */
    public static String text(byte[] frame) {
        return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
    }
}
