package io.github.zmqffm;

import java.util.Map;

import static io.github.zmqffm.PeerSide.say;

/**
 * The roles a child JVM plays as a peer, one per process ({@link PeerProcess#java}), on this
 * host or inside a network namespace: {@code java PeerRoles <role> key=value...}. Each prints
 * what the test asserts on as lines ({@code summary ...}, {@code event ...}) and takes commands
 * on stdin; the tests hold the assertions, the roles only measure. The roles themselves are in
 * {@link StreamRoles}, {@link RequestRoles} and {@link MuteRoles}.
 */
final class PeerRoles {
    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("push", StreamRoles::push),
            Map.entry("pull", StreamRoles::pull),
            Map.entry("server", RequestRoles::server),
            Map.entry("lazy-pirate", RequestRoles::lazyPirate),
            Map.entry("dealer-client", RequestRoles::dealerClient),
            Map.entry("watch", RequestRoles::watch),
            Map.entry("publisher", StreamRoles::publisher),
            Map.entry("subscriber", StreamRoles::subscriber),
            Map.entry("fill", MuteRoles::fill),
            Map.entry("stall", MuteRoles::stall));

    /** One role's body. */
    private interface Role {
        void play(PeerSide side, Context context) throws Exception;
    }

    private PeerRoles() {
    }

    public static void main(String[] args) throws Exception {
        PeerSide side = PeerSide.of(args);
        try (Context context = new Context()) {
            ROLES.get(side.role()).play(side, context);
        }
        say("exit");
    }
}
