package io.github.zmqffm;

import io.github.zmqffm.internal.io.Utf8;
import io.github.zmqffm.internal.opt.CurveKeys;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * A ZAP handler (ZeroMQ RFC 27): decides, for every socket of one context that uses PLAIN,
 * CURVE, or NULL with a ZAP_DOMAIN, which peers may connect, and what User-Id their messages
 * carry.
 *
 * {@snippet :
 * try (ZapAuthenticator auth = new ZapAuthenticator(ctx)) {
 *     auth.deny("10.0.0.66")
 *         .configurePlain("*", Map.of("admin", "secret"))
 *         .configureCurve("*", Set.of(clientKeys.publicKey()));
 *     // sockets of ctx made PLAIN or CURVE servers are now checked
 * }
 * }
 *
 * <p>It binds {@value #ENDPOINT} on the context and answers requests on a virtual thread until
 * closed; its waits park that thread, so it holds no carrier while idle. Configuration may change while it runs. Rules, in order: an address on the deny list
 * is refused; if the allow list is not empty, an address not on it is refused; then NULL is
 * accepted, PLAIN needs a matching user name and password, CURVE a public key the domain
 * allows. Configuration for domain {@value #ANY_DOMAIN} applies to every domain without its
 * own. The User-Id is the PLAIN user name or the client's Z85 public key.
 *
 * <p>Every decision is logged through {@link System.Logger} "io.github.zmqffm.ZapAuthenticator":
 * accepted at DEBUG, refused at INFO.
 */
public final class ZapAuthenticator implements AutoCloseable {
    /** Where libzmq sends ZAP requests. */
    public static final String ENDPOINT = "inproc://zeromq.zap.01";
    /** The domain name that configures every domain without a configuration of its own. */
    public static final String ANY_DOMAIN = "*";

    private static final System.Logger LOG = System.getLogger(ZapAuthenticator.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final Thread thread;
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, BiPredicate<String, String>> plain = new ConcurrentHashMap<>();
    private final Map<String, CurvePolicy> curve = new ConcurrentHashMap<>();

    /** Which CURVE clients a domain accepts: any, or those with a listed public key. */
    private record CurvePolicy(Set<String> keys) {
        boolean accepts(String z85) {
            return keys == null || keys.contains(z85);
        }
    }

    /**
     * Starts answering ZAP requests for {@code context}.
     *
     * @param context the context whose sockets to authenticate
     * @throws ZmqException EADDRINUSE if the context already has a ZAP handler
     * @throws ContextTerminatedException if the context is closed
     */
    public ZapAuthenticator(Context context) {
        Objects.requireNonNull(context, "context");
        socket = context.socket(SocketType.REP);
        try {
            socket.bind(ENDPOINT);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        // The handler's thread owns the socket (under -Dzmq.checkThreads=true only it may use it).
        thread = Thread.ofVirtual().name("zmq-zap-handler").unstarted(this::serve);
        socket.transferTo(thread);
        thread.start();
    }

    /**
     * Accepts connections only from these addresses (and refuses all others).
     *
     * @param addresses IP addresses as libzmq reports them, e.g. {@code "127.0.0.1"}
     * @return this authenticator
     */
    public ZapAuthenticator allow(String... addresses) {
        allowed.addAll(List.of(addresses));
        return this;
    }

    /**
     * Refuses connections from these addresses.
     *
     * @param addresses IP addresses as libzmq reports them
     * @return this authenticator
     */
    public ZapAuthenticator deny(String... addresses) {
        denied.addAll(List.of(addresses));
        return this;
    }

    /**
     * Lets PLAIN clients of {@code domain} in with one of these user names and passwords.
     *
     * @param domain a ZAP domain, or {@value #ANY_DOMAIN}
     * @param passwords password by user name
     * @return this authenticator
     */
    public ZapAuthenticator configurePlain(String domain, Map<String, String> passwords) {
        Map<String, String> copy = Map.copyOf(passwords);
        return configurePlain(domain, (user, password) -> password.equals(copy.get(user)));
    }

    /**
     * Lets PLAIN clients of {@code domain} in when {@code check} accepts their credentials.
     *
     * @param domain a ZAP domain, or {@value #ANY_DOMAIN}
     * @param check called with user name and password on the handler's thread
     * @return this authenticator
     */
    public ZapAuthenticator configurePlain(String domain, BiPredicate<String, String> check) {
        plain.put(Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /**
     * Lets CURVE clients of {@code domain} in if their public key is one of these.
     *
     * @param domain a ZAP domain, or {@value #ANY_DOMAIN}
     * @param publicKeys allowed client public keys, 40 Z85 characters each
     * @return this authenticator
     * @throws IllegalArgumentException if a key is not a Z85 key
     */
    public ZapAuthenticator configureCurve(String domain, Set<String> publicKeys) {
        publicKeys.forEach(key -> CurveKeys.checkText("public key", key));
        curve.put(Objects.requireNonNull(domain, "domain"), new CurvePolicy(Set.copyOf(publicKeys)));
        return this;
    }

    /**
     * Lets CURVE clients of {@code domain} in if their public key is in a certificate file of
     * {@code directory} (the pyzmq/czmq format: {@code public-key = "..."}). The directory is
     * read now; call again to reload it.
     *
     * @param domain a ZAP domain, or {@value #ANY_DOMAIN}
     * @param directory a directory of public certificate files
     * @return this authenticator
     * @throws java.io.UncheckedIOException if the directory cannot be read
     */
    public ZapAuthenticator configureCurve(String domain, Path directory) {
        return configureCurve(domain, Curve.readPublicKeys(directory));
    }

    /**
     * Lets every CURVE client of {@code domain} in (the encryption still applies).
     *
     * @param domain a ZAP domain, or {@value #ANY_DOMAIN}
     * @return this authenticator
     */
    public ZapAuthenticator configureCurveAnyClient(String domain) {
        curve.put(Objects.requireNonNull(domain, "domain"), new CurvePolicy(null));
        return this;
    }

    /**
     * Stops answering: later handshakes on the context fail until another handler binds.
     * Idempotent.
     */
    @Override
    public void close() {
        socket.close();
        try {
            thread.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (true) {
            try {
                List<byte[]> request = socket.receiveMultipart();
                socket.sendMultipart(answer(request));
            } catch (IllegalStateException | ContextTerminatedException e) {
                return; // closed
            }
        }
    }

    /** The reply frames for one request (version, request id, status, text, user id, metadata). */
    List<byte[]> answer(List<byte[]> frames) {
        ZapRequest request = ZapRequest.parse(frames);
        if (request == null) {
            LOG.log(Level.INFO, "ZAP: malformed request of {0} frames refused", frames.size());
            byte[] id = frames.size() > 1 ? frames.get(1) : new byte[0];
            return reply(id, "500", "malformed ZAP request", "");
        }
        String refusal = refusal(request);
        if (refusal != null) {
            LOG.log(Level.INFO, "ZAP: refused {0} from {1} in domain \"{2}\": {3}",
                    request.mechanism(), request.address(), request.domain(), refusal);
            return reply(request.requestId(), "400", refusal, "");
        }
        String userId = userId(request);
        LOG.log(Level.DEBUG, "ZAP: accepted {0} from {1} in domain \"{2}\" as \"{3}\"",
                request.mechanism(), request.address(), request.domain(), userId);
        return reply(request.requestId(), "200", "OK", userId);
    }

    /** Why a request is refused, or null if it is accepted. */
    private String refusal(ZapRequest request) {
        if (denied.contains(request.address())) {
            return "address " + request.address() + " is denied";
        }
        if (!allowed.isEmpty() && !allowed.contains(request.address())) {
            return "address " + request.address() + " is not allowed";
        }
        return switch (request.mechanism()) {
            case "NULL" -> null;
            case "PLAIN" -> {
                BiPredicate<String, String> check = forDomain(plain, request.domain());
                if (check == null) {
                    yield "PLAIN is not configured for this domain";
                }
                yield check.test(request.credential(0), request.credential(1)) ? null : "wrong user name or password";
            }
            case "CURVE" -> {
                CurvePolicy policy = forDomain(curve, request.domain());
                if (policy == null) {
                    yield "CURVE is not configured for this domain";
                }
                yield policy.accepts(request.curveKey()) ? null : "client public key is not allowed";
            }
            default -> "mechanism " + request.mechanism() + " is not supported";
        };
    }

    private static String userId(ZapRequest request) {
        return switch (request.mechanism()) {
            case "PLAIN" -> request.credential(0);
            case "CURVE" -> request.curveKey();
            default -> "";
        };
    }

    private static <T> T forDomain(Map<String, T> byDomain, String domain) {
        T value = byDomain.get(domain);
        return value != null ? value : byDomain.get(ANY_DOMAIN);
    }

    private static List<byte[]> reply(byte[] requestId, String status, String text, String userId) {
        return List.of(ZapRequest.VERSION.getBytes(StandardCharsets.US_ASCII), requestId,
                status.getBytes(StandardCharsets.US_ASCII), Utf8.bytes(text),
                Utf8.bytes(userId), new byte[0]);
    }
}
