package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The calls {@link RandomizedMisuseTest} makes, each with the exceptions its Javadoc documents
 * for it. A call picks its objects from the shared {@link MisuseWorld}, so any object may be
 * closed, in use by another thread, or belong to a closed context at that moment. Blocking calls
 * wait at most a few milliseconds: sockets get short RCVTIMEO/SNDTIMEO and random option values
 * keep them short, and the {@code Duration} variants take short durations.
 */
final class MisuseCalls {
    /** Longest RCVTIMEO/SNDTIMEO/LINGER a call sets, in milliseconds: nothing may wait long. */
    static final int MAX_WAIT_MS = 20;

    /** What a call may throw: exception types, and for ZmqException the errno values. */
    record Allowed(Set<Class<? extends Throwable>> types, Set<Errno> errnos) {
        boolean permits(Throwable t) {
            if (t instanceof ZmqException z) {
                // ETERM always comes as ContextTerminatedException, EINTR as ZmqInterruptedException.
                boolean typed = z.errno() != Errno.ETERM || z instanceof ContextTerminatedException;
                typed &= z.errno() != Errno.EINTR || z instanceof ZmqInterruptedException;
                return typed && errnos.contains(z.errno());
            }
            return types.stream().anyMatch(type -> type.isInstance(t));
        }

        Allowed plus(Errno... more) {
            EnumSet<Errno> all = EnumSet.copyOf(errnos);
            all.addAll(List.of(more));
            return new Allowed(types, all);
        }

        @SafeVarargs
        final Allowed plus(Class<? extends Throwable>... more) {
            Set<Class<? extends Throwable>> all = new java.util.HashSet<>(types);
            for (Class<? extends Throwable> type : more) {
                all.add(type);
            }
            return new Allowed(Set.copyOf(all), errnos);
        }
    }

    /** A closed object, one in use by another thread, or memory of a closed arena. */
    static final Allowed MISUSE = new Allowed(Set.of(IllegalStateException.class), EnumSet.noneOf(Errno.class));
    /** A socket call: also the context terminated, or this thread interrupted while it waited. */
    static final Allowed SOCKET = MISUSE.plus(Errno.ETERM, Errno.EINTR);
    /** Sends: also out of turn (REQ/REP), a type that cannot send, or no such peer (ROUTER_MANDATORY, STREAM). */
    static final Allowed SEND = SOCKET.plus(Errno.EFSM, Errno.ENOTSUP, Errno.EHOSTUNREACH);
    /** Receives: also out of turn, a type that cannot receive, a read-only target. */
    static final Allowed RECEIVE = SOCKET.plus(Errno.EFSM, Errno.ENOTSUP)
            .plus(ReadOnlyBufferException.class, UnsupportedOperationException.class);
    /**
     * bind/connect/unbind/disconnect with endpoints that may be taken, gone or malformed; an
     * AFFINITY that selects no I/O thread (EMTHREAD); inproc pairs the binding refuses
     * (ENOCOMPATPROTO, ECONNREFUSED, EADDRINUSE, see InprocEndpoints). EAGAIN: a host name that
     * does not resolve fails "temporarily" (getaddrinfo's EAI_AGAIN), and libzmq 4.3 reports
     * EAGAIN for a failed bind of a monitored socket whose monitor had to wait to report it.
     */
    static final Allowed ENDPOINT = SOCKET.plus(Errno.EADDRINUSE, Errno.EINVAL, Errno.ENOENT, Errno.ENOCOMPATPROTO,
            Errno.EPROTONOSUPPORT, Errno.ENODEV, Errno.EMTHREAD, Errno.ECONNREFUSED, Errno.EAGAIN)
            .plus(IllegalArgumentException.class);
    /** Options: also a value or an option the socket type refuses. */
    static final Allowed OPTION = SOCKET.plus(Errno.EINVAL)
            .plus(IllegalArgumentException.class, UnsupportedOperationException.class);
    /** Messages: also heap memory where native is needed. */
    static final Allowed MESSAGE = MISUSE.plus(IllegalArgumentException.class, UnsupportedOperationException.class,
            ReadOnlyBufferException.class);
    /** Pollers: also registrations that do not exist or exist already. */
    static final Allowed POLL = SOCKET.plus(IllegalArgumentException.class, IndexOutOfBoundsException.class);
    /** Proxies: also whatever stopped the proxy (a socket type that cannot forward, ...). */
    static final Allowed PROXY = SEND.plus(IllegalArgumentException.class);
    static final Allowed CONTEXT = MISUSE.plus(Errno.EMFILE, Errno.ETERM);
    static final Allowed NONE = new Allowed(Set.of(), EnumSet.noneOf(Errno.class));

    interface Body {
        void run(MisuseWorld world, Random random) throws Exception;

        /** Makes the data of one call. */
        interface Maker<T> {
            T make(MisuseWorld world, Random random);
        }
    }

    /** One kind of call: a name for reports, how often it is picked, what it may throw. */
    record Call(String name, int weight, Allowed allowed, Body body) {
    }

    private static final SocketType[] TYPES = {SocketType.PAIR, SocketType.PUB, SocketType.SUB, SocketType.REQ,
        SocketType.REP, SocketType.DEALER, SocketType.ROUTER, SocketType.PULL, SocketType.PUSH, SocketType.XPUB,
        SocketType.XSUB, SocketType.STREAM};

    /** Types that talk to each other, binder first. */
    private static final SocketType[][] PAIRS = {{SocketType.PULL, SocketType.PUSH}, {SocketType.PAIR, SocketType.PAIR},
        {SocketType.ROUTER, SocketType.DEALER}, {SocketType.PUB, SocketType.SUB}, {SocketType.REP, SocketType.REQ},
        {SocketType.XPUB, SocketType.SUB}, {SocketType.DEALER, SocketType.DEALER}};

    private final List<Call> calls = new ArrayList<>();
    private final int totalWeight;

    MisuseCalls() {
        contextCalls();
        socketCalls();
        sendCalls();
        receiveCalls();
        messageCalls();
        pollerAndFriendsCalls();
        totalWeight = calls.stream().mapToInt(Call::weight).sum();
    }

    List<Call> all() {
        return List.copyOf(calls);
    }

    Call pick(Random random) {
        int n = random.nextInt(totalWeight);
        for (Call call : calls) {
            n -= call.weight();
            if (n < 0) {
                return call;
            }
        }
        throw new AssertionError();
    }

    private void add(String name, int weight, Allowed allowed, Body body) {
        calls.add(new Call(name, weight, allowed, body));
    }

    /** Keeps every blocking call on the socket short; a new socket would wait forever. */
    private static Socket shortTimeouts(Socket socket, Random random) {
        return socket.set(SocketOption.RCVTIMEO, random.nextInt(MAX_WAIT_MS))
                .set(SocketOption.SNDTIMEO, random.nextInt(MAX_WAIT_MS));
    }

    private static Duration shortWait(Random random) {
        return random.nextInt(3) == 0 ? Duration.ZERO : Duration.ofNanos(random.nextInt(MAX_WAIT_MS * 1_000_000));
    }

    // ---------------------------------------------------------------- contexts

    private void contextCalls() {
        add("new Context", 1, CONTEXT, (w, r) -> {
            // Contexts are heavy (threads, descriptors): the one displaced from its slot is closed.
            Context displaced = w.contexts.replace(r, w.track(new Context()));
            if (displaced != null) {
                displaced.close();
            }
        });
        add("Context.close", 1, NONE, onPicked(w -> w.contexts, (c, w, r) -> c.close()));
        add("Context.close(Duration)", 1, NONE, onPicked(w -> w.contexts, (c, w, r) -> c.close(shortWait(r))));
        add("Context.set/get", 2, CONTEXT.plus(Errno.EINVAL).plus(IllegalArgumentException.class,
                UnsupportedOperationException.class), (w, r) -> {
            Context c = w.contexts.pick(r);
            if (c != null) {
                MisuseOptions.setRandom(c, r);
                List<ContextOption<?>> all = ContextOption.values();
                c.get(all.get(r.nextInt(all.size())));
            }
        });
        add("Context.socket", 12, CONTEXT.plus(Errno.ETERM), onPicked(w -> w.contexts, (c, w, r) -> {
            w.sockets.put(r, shortTimeouts(w.track(c.socket(TYPES[r.nextInt(TYPES.length)])), r));
        }));
        add("Context.socket pair, bound and connected", 6, ENDPOINT.plus(Errno.EMFILE),
                onPicked(w -> w.contexts, (c, w, r) -> {
            SocketType[] pair = PAIRS[r.nextInt(PAIRS.length)];
            Socket server = shortTimeouts(w.track(c.socket(pair[0])), r);
            Socket client = shortTimeouts(w.track(c.socket(pair[1])), r);
            server.bind(w.bindEndpoint(r));
            client.connect(server.lastEndpoint());
            if (pair[1] == SocketType.SUB) {
                client.subscribe("");
            }
            w.sockets.put(r, server);
            w.sockets.put(r, client);
        }));
        // Another thread may close the new arena before its segments are made (the JDK's ISE).
        add("new shared Arena", 2, MISUSE, (w, r) -> w.newArena(r));
        add("Arena.close (segments may be in use)", 1, MISUSE, onPicked(w -> w.arenas, (a, w, r) -> a.close()));
        add("System.gc (runs cleaners)", 1, NONE, (w, r) -> System.gc());
        add("Z85 and CURVE keys", 1, new Allowed(Set.of(IllegalArgumentException.class), EnumSet.noneOf(Errno.class)),
                (w, r) -> {
                    byte[] bytes = MisuseWorld.bytes(r);
                    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                    switch (r.nextInt(4)) {
                        case 0 -> Z85.encode(bytes);
                        case 1 -> Z85.decode(r.nextBoolean() ? Z85.encode(java.util.Arrays.copyOf(bytes, 32)) : text);
                        case 2 -> Curve.publicKey(r.nextBoolean() ? Curve.keyPair().secretKey() : text);
                        default -> Curve.keyPair();
                    }
                });
    }

    // ---------------------------------------------------------------- sockets

    private void socketCalls() {
        add("Socket.bind", 6, ENDPOINT, onPicked(w -> w.sockets, (s, w, r) -> {
            s.bind(w.bindEndpoint(r));
            w.bound(s.lastEndpoint());
        }));
        add("Socket.connect", 6, ENDPOINT, onPicked(w -> w.sockets, (s, w, r) -> s.connect(w.connectEndpoint(r))));
        add("Socket.unbind/disconnect", 1, ENDPOINT, onPicked(w -> w.sockets, (s, w, r) -> {
            if (r.nextBoolean()) {
                s.unbind(w.connectEndpoint(r));
            } else {
                s.disconnect(w.connectEndpoint(r));
            }
        }));
        add("Socket.bind malformed", 1, ENDPOINT, onPicked(w -> w.sockets, (s, w, r) -> {
            s.bind(List.of("bogus://x", "tcp://127.0.0.1:99999", "", "inproc://", "tcp://nohost:1", "in\0proc://a")
                    .get(r.nextInt(6)));
        }));
        add("Socket.set", 5, OPTION, onPicked(w -> w.sockets, (s, w, r) -> MisuseOptions.setRandom(s, r)));
        add("Socket.get", 4, OPTION, onPicked(w -> w.sockets, (s, w, r) -> {
            List<SocketOption<?>> all = SocketOption.values();
            s.get(all.get(r.nextInt(all.size())));
        }));
        add("Socket.subscribe", 2, OPTION, onPicked(w -> w.sockets, (s, w, r) -> {
            s.subscribe(r.nextBoolean() ? "" : "t");
        }));
        add("Socket.close", 3, NONE, onPicked(w -> w.sockets, (s, w, r) -> s.close()));
        add("Socket.transferTo", 1, SOCKET, (w, r) -> {
            Socket s = w.sockets.pick(r);
            Thread to = w.workers.get(r.nextInt(w.workers.size()));
            if (s != null) {
                s.transferTo(to);
            }
        });
        add("Socket dropped unclosed", 1, NONE, (w, r) -> {
            Socket s = w.sockets.take(r);
            if (s != null) {
                w.forget(s);
            }
        });
        // The monitor reads its events through a PAIR socket of the context: EMFILE once the context is full.
        add("Socket.monitor", 1, SOCKET.plus(Errno.EINVAL, Errno.EMFILE), onPicked(w -> w.sockets, (s, w, r) -> {
            w.monitors.put(r, w.track(s.monitor()));
        }));
    }

    // ---------------------------------------------------------------- sends, in every shape

    /** One of the overloads of a send for one shape of data, e.g. {@code Socket::trySend} for buffers. */
    interface SendOverload<T> {
        boolean send(Socket socket, T data);
    }

    /** send, trySend and sendMore followed by send, for one shape of data. */
    private <T> void sendShape(String shape, Body.Maker<T> data, SendOverload<T> send, SendOverload<T> trySend,
                               SendOverload<T> sendMore) {
        add("send(" + shape + ")", 4, SEND, (w, r) -> send.send(socket(w, r), data.make(w, r)));
        add("trySend/sendMore(" + shape + ")", 3, SEND, (w, r) -> {
            Socket s = socket(w, r);
            if (r.nextBoolean()) {
                trySend.send(s, data.make(w, r));
            } else if (sendMore.send(s, data.make(w, r))) {
                send.send(s, data.make(w, r));
            }
        });
    }

    private void sendCalls() {
        sendShape("byte[]", (w, r) -> MisuseWorld.bytes(r), Socket::send, Socket::trySend, Socket::sendMore);
        sendShape("ByteBuffer", MisuseWorld::buffer, Socket::send, Socket::trySend, Socket::sendMore);
        sendShape("MemorySegment", MisuseWorld::segment, Socket::send, Socket::trySend, Socket::sendMore);
        add("send(byte[], off, len)", 2, SEND.plus(IndexOutOfBoundsException.class), (w, r) -> {
            byte[] data = MisuseWorld.bytes(r);
            int offset = data.length == 0 ? 0 : r.nextInt(data.length);
            socket(w, r).send(data, offset, r.nextInt(data.length - offset + 2));
        });
        add("sendConst", 1, SEND, (w, r) -> socket(w, r).sendConst(MisuseWorld.forever(r)));
        add("sendConst of non-global memory", 1, SEND.plus(IllegalArgumentException.class),
                (w, r) -> socket(w, r).sendConst(w.segment(r)));
        add("send(byte[]/String, Duration)", 3, SEND, (w, r) -> {
            Socket s = socket(w, r);
            if (r.nextBoolean()) {
                s.send(MisuseWorld.bytes(r), false, shortWait(r));
            } else {
                s.send("text", r.nextBoolean(), shortWait(r));
            }
        });
        add("sendMultipart", 2, SEND, (w, r) -> socket(w, r).sendMultipart(
                List.of(MisuseWorld.bytes(r), MisuseWorld.bytes(r), new byte[0])));
        add("send(Message)", 4, SEND, onPicked(w -> w.messages, (m, w, r) -> {
            Socket s = socket(w, r);
            if (r.nextBoolean()) {
                s.send(m);
            } else if (r.nextBoolean()) {
                s.trySend(m);
            } else if (s.sendMore(m)) {
                s.send(m, true, Duration.ZERO);
            }
        }));
    }

    // ---------------------------------------------------------------- receives, in every shape

    private void receiveCalls() {
        add("receive()", 4, RECEIVE, (w, r) -> socket(w, r).receive());
        add("tryReceive/receiveString", 3, RECEIVE, (w, r) -> {
            Socket s = socket(w, r);
            if (r.nextBoolean()) {
                s.tryReceive();
            } else {
                s.receiveString();
            }
        });
        add("receive(byte[])", 3, RECEIVE, (w, r) -> {
            Socket s = socket(w, r);
            byte[] into = new byte[r.nextInt(64)];
            if (r.nextBoolean()) {
                s.receive(into);
            } else {
                s.tryReceive(into);
            }
        });
        add("receive(ByteBuffer)", 4, RECEIVE, (w, r) -> socket(w, r).receive(w.buffer(r)));
        add("receive(MemorySegment)", 4, RECEIVE, (w, r) -> {
            Socket s = socket(w, r);
            if (r.nextBoolean()) {
                s.receive(w.segment(r));
            } else {
                s.tryReceive(w.segment(r));
            }
        });
        add("receive(Duration) variants", 4, RECEIVE, (w, r) -> {
            Socket s = socket(w, r);
            switch (r.nextInt(3)) {
                case 0 -> s.receive(shortWait(r));
                case 1 -> s.receiveString(shortWait(r));
                default -> s.receive(new byte[r.nextInt(32)], shortWait(r));
            }
        });
        add("receiveMultipart", 2, RECEIVE, (w, r) -> socket(w, r).receiveMultipart());
        add("receive(Message)", 4, RECEIVE, onPicked(w -> w.messages, (m, w, r) -> {
            if (r.nextBoolean()) {
                socket(w, r).receive(m);
            } else {
                socket(w, r).tryReceive(m);
            }
        }));
        add("receiveMultipart(List<Message>)", 2, RECEIVE.plus(UnsupportedOperationException.class), (w, r) -> {
            List<Message> into = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                Message m = w.messages.pick(r);
                if (m != null) {
                    into.add(m);
                }
            }
            int shared = into.size();
            Socket s = socket(w, r);
            try {
                if (r.nextBoolean()) {
                    s.receiveMultipart(into);
                } else {
                    s.tryReceiveMultipart(into);
                }
            } finally {
                // The call appends messages of its own when the list is short; they are ours to close.
                into.subList(shared, into.size()).forEach(Message::close);
            }
        });
    }

    /** What a call does with the object it picked. */
    interface PickedCall<T> {
        void run(T target, MisuseWorld world, Random random) throws Exception;
    }

    /** A call on the object in a random slot; nothing if the slot is empty. */
    private static <T> Body onPicked(Function<MisuseWorld, MisuseWorld.Slots<T>> slots, PickedCall<T> call) {
        return (w, r) -> {
            T target = slots.apply(w).pick(r);
            if (target != null) {
                call.run(target, w, r);
            }
        };
    }

    /** A socket from the shared slots, or a closed one if the slot is empty (its use must throw). */
    private static Socket socket(MisuseWorld w, Random r) {
        Socket s = w.sockets.pick(r);
        return s != null ? s : w.closedSocket();
    }

    // ---------------------------------------------------------------- messages

    private void messageCalls() {
        add("new Message / Message.of", 3, MESSAGE.plus(Errno.ENOMEM), (w, r) -> {
            Message m = switch (r.nextInt(4)) {
                case 0 -> new Message();
                case 1 -> Message.of(MisuseWorld.bytes(r));
                case 2 -> Message.of(w.segment(r));
                default -> new Message(r.nextInt(100));
            };
            w.messages.put(r, w.track(m));
        });
        add("Message.wrap", 3, MESSAGE, (w, r) -> {
            MemorySegment data = r.nextInt(8) == 0 ? w.segment(r) : w.nativeSegment(r);
            Message m = Message.wrap(data, w.onRelease);
            w.wrapped.incrementAndGet();
            w.messages.put(r, w.track(m));
        });
        add("Message.rebuild", 3, MESSAGE.plus(Errno.ENOMEM), (w, r) -> {
            Message m = w.messages.pick(r);
            if (m == null) {
                return;
            }
            switch (r.nextInt(5)) {
                case 0 -> m.rebuild();
                case 1 -> m.rebuild(MisuseWorld.bytes(r));
                case 2 -> m.rebuild(w.segment(r));
                case 3 -> m.rebuild(r.nextInt(64));
                default -> {
                    MemorySegment data = w.nativeSegment(r);
                    m.rebuild(data, w.onRelease);
                    w.wrapped.incrementAndGet();
                }
            }
        });
        add("Message reads", 5, MESSAGE, (w, r) -> {
            Message m = w.messages.pick(r);
            if (m == null) {
                return;
            }
            switch (r.nextInt(8)) {
                case 0 -> m.size();
                case 1 -> m.more();
                case 2 -> m.toByteArray();
                case 3 -> m.copyTo(new byte[r.nextInt(32)]);
                case 4 -> m.copyTo(w.segment(r));
                case 5 -> m.copyTo(w.buffer(r));
                case 6 -> m.property("Socket-Type");
                default -> {
                    MemorySegment view = m.data();
                    if (view.byteSize() > 0) {
                        view.get(ValueLayout.JAVA_BYTE, view.byteSize() - 1);
                    }
                }
            }
        });
        add("Message.close", 2, NONE, onPicked(w -> w.messages, (m, w, r) -> m.close()));
        add("Message dropped unclosed", 1, NONE, (w, r) -> {
            Message m = w.messages.take(r);
            if (m != null) {
                w.forget(m);
            }
        });
    }

    // ---------------------------------------------------------------- pollers, monitors, proxies, timers

    private void pollerAndFriendsCalls() {
        add("new Poller", 1, NONE, (w, r) -> w.pollers.put(r, w.track(new Poller())));
        add("Poller.register/unregister", 3, POLL, (w, r) -> {
            Poller p = w.pollers.pick(r);
            Socket s = w.sockets.pick(r);
            if (p != null && s != null) {
                if (p.item(s) == null) {
                    p.register(s, PollEvent.IN, r.nextBoolean() ? PollEvent.OUT : PollEvent.IN);
                } else {
                    p.unregister(s);
                }
            }
        });
        add("Poller.poll", 4, POLL, (w, r) -> {
            Poller p = w.pollers.pick(r);
            if (p != null && p.poll(shortWait(r)) > 0 && p.size() > 0) {
                p.items().get(0).isReady(PollEvent.IN);
            }
        });
        add("Poller.close", 1, MISUSE, onPicked(w -> w.pollers, (p, w, r) -> p.close()));
        add("Monitor.receive/close", 2, SOCKET, onPicked(w -> w.monitors, (m, w, r) -> {
            if (r.nextInt(4) == 0) {
                m.close();
            } else {
                m.receive(shortWait(r));
            }
        }));
        add("Proxy.start", 1, PROXY, (w, r) -> {
            Socket a = w.sockets.pick(r);
            Socket b = w.sockets.pick(r);
            if (a != null && b != null) {
                w.proxies.put(r, w.track(Proxy.start(a, b)));
            }
        });
        add("Proxy steer/terminate", 1, PROXY, onPicked(w -> w.proxies, (p, w, r) -> {
            switch (r.nextInt(4)) {
                case 0 -> p.pause();
                case 1 -> p.resume();
                case 2 -> p.statistics();
                default -> p.terminate();
            }
        }));
        add("Timers", 2, MISUSE.plus(IllegalArgumentException.class), (w, r) -> {
            Timers t = w.timers.pick(r);
            if (t == null) {
                w.timers.put(r, w.track(new Timers()));
                return;
            }
            switch (r.nextInt(4)) {
                case 0 -> t.add(Duration.ofMillis(1 + r.nextInt(5)), id -> { });
                case 1 -> t.execute();
                case 2 -> t.cancel(r.nextInt(5));
                default -> t.close();
            }
        });
    }
}
