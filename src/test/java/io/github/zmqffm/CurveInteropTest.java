package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** CURVE against pyzmq (Debian's python3-zmq), with keys pyzmq made. */
@Timeout(60)
class CurveInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Process python(String... args) throws IOException {
        Path script = Files.createTempFile("curve_peer", ".py");
        try (InputStream in = CurveInteropTest.class.getResourceAsStream("/python/curve_peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void pyzmqClientTalksToOurCurveServer() throws Exception {
        CurveKeyPair serverKeys = Curve.keyPair();
        try (Context ctx = new Context();
             ZapAuthenticator auth = new ZapAuthenticator(ctx);
             Socket server = Curve.makeServer(ctx.socket(SocketType.REP), serverKeys)) {
            server.bind("tcp://127.0.0.1:*");
            Process peer = python("client", server.lastEndpoint(), serverKeys.publicKey());
            try (BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
                String pythonKey = out.readLine();
                assertNotNull(pythonKey, "pyzmq printed no key");
                auth.configureCurve("*", Set.of(pythonKey));
                peer.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                peer.getOutputStream().flush();
                assertEquals("hello from pyzmq", server.receiveString());
                server.send("hello from zmq-ffm");
                assertEquals("hello from zmq-ffm", out.readLine());
            } finally {
                peer.destroyForcibly();
            }
        }
    }

    @Test
    void ourCurveClientTalksToAPyzmqServer() throws Exception {
        Process peer = python("server");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
             Context ctx = new Context();
             Socket client = ctx.socket(SocketType.REQ)) {
            String serverKey = out.readLine();
            String endpoint = out.readLine();
            assertNotNull(endpoint, "pyzmq printed no endpoint");
            Curve.makeClient(client, Curve.keyPair(), serverKey).connect(endpoint);
            client.send("ping");
            assertEquals("echo: ping", client.receiveString());
        } finally {
            peer.destroyForcibly();
        }
    }
}
