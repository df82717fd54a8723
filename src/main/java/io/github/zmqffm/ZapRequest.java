package io.github.zmqffm;

import io.github.zmqffm.internal.io.Utf8;
import io.github.zmqffm.internal.opt.CurveKeys;

import java.util.List;

/**
 * One ZAP request as libzmq sends it to a ZAP handler (ZeroMQ RFC 27): version, request id,
 * domain, address, routing id, mechanism, then the mechanism's credentials. For writing a ZAP
 * handler of one's own; {@link ZapAuthenticator} is one.
 *
 * @param requestId the request id, echoed in the reply
 * @param domain the ZAP domain of the server socket
 * @param address the client's IP address
 * @param mechanism "NULL", "PLAIN", "CURVE" or "GSSAPI"
 * @param credentials the mechanism's credential frames (PLAIN: user name, password; CURVE: the client's public key)
 */
public record ZapRequest(byte[] requestId, String domain, String address, String mechanism, List<byte[]> credentials) {
    /** The ZAP version this record reads and a reply must carry. */
    public static final String VERSION = "1.0";
    private static final int HEADER_FRAMES = 6;

    /**
     * Parses the frames of a request.
     *
     * @param frames the request's frames
     * @return the request, or {@code null} if the frames are not a ZAP 1.0 request
     */
    public static ZapRequest parse(List<byte[]> frames) {
        if (frames.size() < HEADER_FRAMES || !VERSION.equals(text(frames.get(0)))) {
            return null;
        }
        return new ZapRequest(frames.get(1), text(frames.get(2)), text(frames.get(3)), text(frames.get(5)),
                frames.subList(HEADER_FRAMES, frames.size()));
    }

    /**
     * A credential frame as UTF-8 text.
     *
     * @return the text, or "" if there is no such frame
     */
    public String credential(int index) {
        return index < credentials.size() ? text(credentials.get(index)) : "";
    }

    /** {@return the CURVE client's public key in Z85, or "" if the first credential is not a 32-byte key} */
    public String curveKey() {
        if (credentials.isEmpty() || credentials.get(0).length != CurveKeys.BYTES) {
            return "";
        }
        return Z85.encode(credentials.get(0));
    }

    private static String text(byte[] frame) {
        return Utf8.text(frame);
    }
}
