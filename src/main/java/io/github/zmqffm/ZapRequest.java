package io.github.zmqffm;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One ZAP request as libzmq sends it (RFC 27): version, request id, domain, address, routing
 * id, mechanism, then the mechanism's credentials.
 */
record ZapRequest(byte[] requestId, String domain, String address, String mechanism, List<byte[]> credentials) {
    static final String VERSION = "1.0";
    private static final int HEADER_FRAMES = 6;

    /** Parses the frames; null if they are not a ZAP 1.0 request. */
    static ZapRequest parse(List<byte[]> frames) {
        if (frames.size() < HEADER_FRAMES || !VERSION.equals(text(frames.get(0)))) {
            return null;
        }
        return new ZapRequest(frames.get(1), text(frames.get(2)), text(frames.get(3)), text(frames.get(5)),
                frames.subList(HEADER_FRAMES, frames.size()));
    }

    /** A credential frame as text, or "" if there is none. */
    String credential(int index) {
        return index < credentials.size() ? text(credentials.get(index)) : "";
    }

    /** The CURVE client's public key in Z85, or "" if the frame is not a 32-byte key. */
    String curveKey() {
        if (credentials.isEmpty() || credentials.get(0).length != Curve.KEY_LENGTH_BYTES) {
            return "";
        }
        return Z85.encode(credentials.get(0));
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
