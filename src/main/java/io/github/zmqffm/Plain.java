package io.github.zmqffm;

import java.util.Objects;

/**
 * PLAIN security: a user name and password sent in clear text, checked by a ZAP handler such as
 * {@link ZapAuthenticator}. Use it only on trusted networks, or inside a tunnel.
 *
 * {@snippet :
 * Plain.makeServer(server);
 * Plain.makeClient(client, "admin", "secret");
 * }
 */
public final class Plain {
    private Plain() {
    }

    /**
     * Makes {@code socket} a PLAIN server. Call before bind.
     *
     * @param socket the server socket
     * @return the socket
     * @throws IllegalStateException if the socket is closed
     */
    public static Socket makeServer(Socket socket) {
        return socket.set(SocketOption.PLAIN_SERVER, true);
    }

    /**
     * Makes {@code socket} a PLAIN client with these credentials. Call before connect.
     *
     * @param socket the client socket
     * @param username the user name
     * @param password the password
     * @return the socket
     * @throws NullPointerException if a credential is null
     * @throws IllegalStateException if the socket is closed
     */
    public static Socket makeClient(Socket socket, String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return socket.set(SocketOption.PLAIN_USERNAME, username).set(SocketOption.PLAIN_PASSWORD, password);
    }
}
