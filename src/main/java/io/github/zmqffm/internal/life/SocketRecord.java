package io.github.zmqffm.internal.life;

import io.github.zmqffm.SocketType;
import io.github.zmqffm.internal.nat.LibZmq;

import java.util.ArrayList;
import java.util.List;

/**
 * Who owns a socket, where it was created and what it bound and connected: what the optional
 * owner-thread check enforces and what leak reports and {@code Context.close(Duration)}
 * tell about a socket left open.
 *
 * <p>The owner is the thread that created the socket until {@code Socket.transferTo(Thread)}
 * names another. With {@code -Dzmq.checkThreads=true} ({@link #CHECK_THREADS}) any other thread
 * that uses the socket is refused; the flag is a constant, so when it is off the check is
 * compiled away. The binding's own sockets (a monitor's reader, a proxy's control pair) have no
 * owner: any one thread at a time may use them.
 */
public final class SocketRecord {
    /** {@code -Dzmq.checkThreads=true}: only the owner thread may use a socket. */
    public static final boolean CHECK_THREADS = Boolean.getBoolean("zmq.checkThreads");

    private volatile Thread owner = Thread.currentThread();
    /** Where the socket was created, when leaks are tracked; else null. */
    public final Throwable site;
    /** "bound ..." and "connected ..." entries, guarded by the list. */
    private final List<String> endpoints = new ArrayList<>(2);
    /** Whether a bind or connect was attempted: from then on the socket may have pipes. */
    private volatile boolean endpointsUsed;

    SocketRecord(SocketType type) {
        site = Leaks.creationSite(type + " socket");
    }

    /**
     * Refuses a thread other than the owner; called only when {@link #CHECK_THREADS} is on.
     *
     * @throws IllegalStateException naming the owner and the calling thread
     */
    public void checkOwner(SocketType type) {
        Thread o = owner;
        Thread me = Thread.currentThread();
        if (o != null && o != me) {
            throw new IllegalStateException(type + " socket belongs to thread \"" + o.getName() + "\" but thread \""
                    + me.getName() + "\" used it (-Dzmq.checkThreads=true); hand it over with Socket.transferTo first");
        }
    }

    /** Makes {@code next} the owner; the caller holds the socket. */
    public void transferTo(Thread next) {
        owner = next;
    }

    /** Lets any one thread at a time use the socket: for the binding's own sockets. */
    public void disown() {
        owner = null;
    }

    /**
     * Whether a thread other than {@code me}, still alive, owns the socket and so may yet close
     * it. The binding's own sockets have no owner; whatever uses them closes them on its own.
     */
    public boolean ownedByAnotherLiveThread(Thread me) {
        Thread o = owner;
        return o != null && o != me && o.isAlive();
    }

    /** Notes that a bind or connect is about to be made, before it is. */
    public void usingEndpoints() {
        endpointsUsed = true;
    }

    /** Whether the socket has bound or connected (or tried to): it may have connections. */
    public boolean hasEndpoints() {
        return endpointsUsed;
    }

    /** Notes a successful bind, connect, unbind or disconnect. */
    public void endpoint(LibZmq.EndpointVerb verb, String endpoint) {
        synchronized (endpoints) {
            switch (verb) {
                case BIND -> endpoints.add("bound " + endpoint);
                case CONNECT -> endpoints.add("connected " + endpoint);
                case UNBIND -> endpoints.remove("bound " + endpoint);
                case DISCONNECT -> endpoints.remove("connected " + endpoint);
            }
        }
    }

    /** The inproc endpoints the socket has bound and not unbound. */
    public List<String> boundInproc() {
        List<String> names = new ArrayList<>();
        synchronized (endpoints) {
            for (String e : endpoints) {
                if (e.startsWith("bound inproc://")) {
                    names.add(e.substring("bound ".length()));
                }
            }
        }
        return names;
    }

    /** E.g. {@code PUSH socket (bound tcp://127.0.0.1:5555; owned by thread "main")}. */
    public String describe(SocketType type) {
        StringBuilder text = new StringBuilder().append(type).append(" socket (");
        synchronized (endpoints) {
            text.append(endpoints.isEmpty() ? "no endpoints" : String.join(", ", endpoints));
        }
        Thread o = owner;
        if (o != null) {
            text.append("; owned by thread \"").append(o.getName()).append('"');
        }
        return text.append(')').toString();
    }
}
