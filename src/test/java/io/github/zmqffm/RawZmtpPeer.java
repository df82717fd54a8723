package io.github.zmqffm;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-written ZMTP 3.1 peer over a plain {@link java.net.Socket}, for tests that must see
 * what a libzmq socket does to a connection: close it (MAXMSGSIZE, a silent peer under
 * heartbeats), or send it PINGs. It speaks only the NULL mechanism.
 */
final class RawZmtpPeer implements AutoCloseable {
    private static final int COMMAND = 0x04;
    private static final int LONG = 0x02;

    private final java.net.Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int pings;

    private RawZmtpPeer(java.net.Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to a {@code tcp://host:port} endpoint; reads give up after {@code readTimeoutMillis}. */
    static RawZmtpPeer connect(String endpoint, int readTimeoutMillis) throws IOException {
        URI uri = URI.create(endpoint);
        java.net.Socket s = new java.net.Socket();
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), readTimeoutMillis);
        s.setSoTimeout(readTimeoutMillis);
        return new RawZmtpPeer(s);
    }

    /** Exchanges greetings and READY commands, announcing {@code socketType}. */
    RawZmtpPeer handshake(String socketType) throws IOException {
        byte[] greeting = new byte[64];
        greeting[0] = (byte) 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, greeting, 12, 4);
        out.write(greeting);
        out.flush();
        byte[] theirs = new byte[64];
        in.readFully(theirs);
        if ((theirs[0] & 0xFF) != 0xFF || theirs[10] != 3) {
            throw new IOException("not a ZMTP 3 greeting: " + Arrays.toString(theirs));
        }
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        byte[] ready = new byte[6 + 1 + name.length + 4 + value.length];
        ready[0] = 5;
        System.arraycopy("READY".getBytes(StandardCharsets.US_ASCII), 0, ready, 1, 5);
        ready[6] = (byte) name.length;
        System.arraycopy(name, 0, ready, 7, name.length);
        ready[7 + name.length + 3] = (byte) value.length;
        System.arraycopy(value, 0, ready, 11 + name.length, value.length);
        writeFrame(COMMAND, ready);
        byte[] command = readCommand();
        if (command == null || !startsWith(command, "\u0005READY")) {
            throw new IOException("expected READY, got " + (command == null ? "end of stream" : new String(command,
                    StandardCharsets.ISO_8859_1)));
        }
        return this;
    }

    /** Writes bytes as they are, ZMTP or not: a hostile peer's garbage or half a greeting. */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Announces a frame of {@code size} bytes (a long frame header) without sending its body. */
    void announceFrame(long size) throws IOException {
        byte[] header = new byte[9];
        header[0] = (byte) LONG;
        for (int i = 8; i >= 1; i--, size >>>= 8) {
            header[i] = (byte) size;
        }
        writeRaw(header);
    }

    /**
     * Reads and discards whatever arrives until the other side closes the connection.
     *
     * @return {@code true} once the connection is closed
     * @throws java.net.SocketTimeoutException if it stays open past the read timeout
     */
    boolean awaitClosed() throws IOException {
        byte[] sink = new byte[4_096];
        try {
            while (in.read(sink) >= 0) {
                continue;
            }
        } catch (SocketException reset) {
            return true;
        }
        return true;
    }

    /** Sends a single-frame message. */
    void send(byte[] body) throws IOException {
        writeFrame(0, body);
    }

    private void writeFrame(int flags, byte[] body) throws IOException {
        if (body.length > 255) {
            byte[] header = new byte[9];
            header[0] = (byte) (flags | LONG);
            long n = body.length;
            for (int i = 8; i >= 1; i--, n >>>= 8) {
                header[i] = (byte) n;
            }
            out.write(header);
        } else {
            out.write(new byte[] {(byte) flags, (byte) body.length});
        }
        out.write(body);
        out.flush();
    }

    /**
     * Reads frames, counting PINGs and never answering them, until the other side closes the
     * connection.
     *
     * @return {@code true} once the connection is closed
     * @throws java.net.SocketTimeoutException if it stays open past the read timeout
     */
    boolean awaitClosedIgnoringPings() throws IOException {
        while (true) {
            byte[] command;
            try {
                command = readCommand();
            } catch (SocketException reset) {
                return true;
            }
            if (command == null) {
                return true;
            }
        }
    }

    /** The PING commands received so far. */
    int pings() {
        return pings;
    }

    /** The next command's body; messages are skipped, PINGs counted; {@code null} at end of stream. */
    private byte[] readCommand() throws IOException {
        while (true) {
            int flags;
            try {
                flags = in.readUnsignedByte();
            } catch (EOFException e) {
                return null;
            }
            long size = (flags & LONG) != 0 ? in.readLong() : in.readUnsignedByte();
            byte[] body = new byte[Math.toIntExact(size)];
            in.readFully(body);
            if ((flags & COMMAND) != 0) {
                if (startsWith(body, "\u0004PING")) {
                    pings++;
                }
                return body;
            }
        }
    }

    private static boolean startsWith(byte[] body, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return body.length >= p.length && Arrays.equals(body, 0, p.length, p, 0, p.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
