package io.github.zmqffm;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.github.zmqffm.ZmqFixtures.PATIENCE_SECONDS;
import static io.github.zmqffm.ZmqFixtures.text;
import static io.github.zmqffm.ZmqFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A STREAM socket speaks plain bytes to a peer that knows nothing of ZeroMQ: every message is
 * [routing id, data], and an empty data frame announces a connection, reports a disconnection
 * or, when sent, closes the connection. STREAM needs a byte-stream transport: tcp or ipc.
 */
@Timeout(30)
class StreamPatternTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "IPC"})
    void plainSocketPeerExchangesBytesAndDisconnects(Transport transport) throws IOException {
        Socket stream = zmq.socket(SocketType.STREAM).set(SocketOption.RCVTIMEO, PATIENCE_SECONDS * 1000);
        String endpoint = transport.bind(stream);

        try (Peer peer = Peer.connect(endpoint)) {
            List<byte[]> connected = stream.receiveMultipart();
            byte[] id = connected.get(0);
            assertEquals(2, connected.size());
            assertEquals(0, connected.get(1).length, "a connection is announced by an empty frame");

            peer.out.write(utf8("hello"));
            peer.out.flush();
            assertEquals("hello", receiveBytes(stream, id, 5));

            stream.sendMore(id);
            stream.send("world");
            assertEquals("world", text(peer.in.readNBytes(5)));
        }
        List<byte[]> disconnected = stream.receiveMultipart();
        assertEquals(2, disconnected.size());
        assertEquals(0, disconnected.get(1).length, "a disconnection is reported by an empty frame");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "IPC"})
    void emptyFrameFromStreamClosesThePeersConnection(Transport transport) throws IOException {
        Socket stream = zmq.socket(SocketType.STREAM).set(SocketOption.RCVTIMEO, PATIENCE_SECONDS * 1000);
        String endpoint = transport.bind(stream);

        try (Peer peer = Peer.connect(endpoint)) {
            byte[] id = stream.receiveMultipart().get(0);
            stream.sendMore(id);
            stream.send("bye");
            assertEquals("bye", text(peer.in.readNBytes(3)));

            stream.sendMore(id);
            stream.send(new byte[0]);
            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> readToEnd(peer.in));
            // libzmq finishes the close when the socket next processes its commands, which a
            // receive (here one that times out) does; an application's event loop does the same.
            stream.set(SocketOption.RCVTIMEO, 20);
            while (!rest.isDone()) {
                assertNull(stream.receive(), "no notification for a close made on this side");
            }
            assertArrayEquals(new byte[0], ZmqFixtures.valueOf(rest), "end of stream, nothing more");
        }
    }

    private static byte[] readToEnd(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives [id, data] messages until {@code length} bytes came: TCP may split them. */
    private static String receiveBytes(Socket stream, byte[] id, int length) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (data.size() < length) {
            List<byte[]> msg = stream.receiveMultipart();
            assertArrayEquals(id, msg.get(0), "data comes with the connection's routing id");
            data.writeBytes(msg.get(1));
        }
        return data.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A peer with no ZeroMQ in it: a java.net.Socket for tcp, a Unix-domain channel for ipc. */
    private record Peer(Closeable connection, InputStream in, OutputStream out) implements Closeable {
        static Peer connect(String endpoint) throws IOException {
            if (endpoint.startsWith("tcp://")) {
                int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
                java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
                socket.setSoTimeout(PATIENCE_SECONDS * 1000);
                return new Peer(socket, socket.getInputStream(), socket.getOutputStream());
            }
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(endpoint.substring("ipc://".length())));
            return new Peer(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}
