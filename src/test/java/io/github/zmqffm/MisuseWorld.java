package io.github.zmqffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Everything {@link RandomizedMisuseTest}'s threads share: a few slots of each kind of object
 * (contexts, sockets, messages, pollers, ...), which any thread may use, replace or close at any
 * moment, and the memory the calls send from and receive into, in every shape the API takes.
 * Every object made is tracked until the end, when {@link #close()} closes what is left, except
 * the ones a call deliberately drops unclosed ({@link #forget}).
 */
final class MisuseWorld implements AutoCloseable {
    /** Memory of the global arena, for sendConst; made once, as it is never freed. */
    private static final MemorySegment[] FOREVER = {
        Arena.global().allocateFrom("constant frame"), Arena.global().allocate(0), Arena.global().allocate(300)};

    final Slots<Context> contexts = new Slots<>(3);
    final Slots<Socket> sockets = new Slots<>(24);
    final Slots<Message> messages = new Slots<>(12);
    final Slots<Poller> pollers = new Slots<>(2);
    final Slots<Monitor> monitors = new Slots<>(3);
    final Slots<Proxy> proxies = new Slots<>(2);
    final Slots<Timers> timers = new Slots<>(2);
    /** Shared arenas that calls close at random, and segments of them (dead once their arena is). */
    final Slots<Arena> arenas = new Slots<>(3);
    final Slots<MemorySegment> arenaSegments = new Slots<>(6);
    /** Direct buffers reused across calls, as applications reuse them. */
    final Slots<ByteBuffer> directBuffers = new Slots<>(4);
    /** The threads making calls, for hand-overs and interrupts. */
    final List<Thread> workers = new CopyOnWriteArrayList<>();
    /** Endpoints some socket bound (perhaps since closed), for connects. */
    final List<String> endpoints = new CopyOnWriteArrayList<>();
    /** Zero-copy buffers handed to Message.wrap, and release notices received. */
    final AtomicLong wrapped = new AtomicLong();
    final AtomicLong released = new AtomicLong();
    final Consumer<MemorySegment> onRelease = memory -> released.incrementAndGet();

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final Path ipcDirectory;
    private final AtomicLong names = new AtomicLong();

    /** A socket whose context is closed, for calls that find a slot empty: every use must throw. */
    private final Socket closed;
    /** A file mapped read-only: its pages really are, so a write into them would crash the JVM. */
    private final MemorySegment mappedReadOnly;

    MisuseWorld() {
        try {
            ipcDirectory = Files.createTempDirectory("zmq-ffm-misuse");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Context context = new Context();
        closed = context.socket(SocketType.DEALER);
        context.close();
        mappedReadOnly = mapReadOnly(ipcDirectory.resolve("read-only"));
    }

    private static MemorySegment mapReadOnly(Path file) {
        try {
            Files.write(file, new byte[4_096]);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return channel.map(FileChannel.MapMode.READ_ONLY, 0, 4_096, Arena.ofAuto());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Socket closedSocket() {
        return closed;
    }

    /** A fixed number of shared slots; any thread reads, fills or empties any of them. */
    static final class Slots<T> {
        private final AtomicReferenceArray<T> slots;

        Slots(int size) {
            slots = new AtomicReferenceArray<>(size);
        }

        /** The object in a random slot, or null if that slot is empty. */
        T pick(Random random) {
            return slots.get(random.nextInt(slots.length()));
        }

        /** Puts {@code value} in a random slot; what was there stays tracked and is closed at the end. */
        T put(Random random, T value) {
            slots.set(random.nextInt(slots.length()), value);
            return value;
        }

        /** Puts {@code value} in a random slot and returns what was there. */
        T replace(Random random, T value) {
            return slots.getAndSet(random.nextInt(slots.length()), value);
        }

        /** Empties a random slot. */
        T take(Random random) {
            return slots.getAndSet(random.nextInt(slots.length()), null);
        }
    }

    /** Records an object to be closed at the end. */
    <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    /** Drops an object without closing it: what remains is for its context or the garbage collector. */
    void forget(Object resource) {
        open.remove(resource);
    }

    String uniqueName() {
        return "misuse-" + ProcessHandle.current().pid() + "-" + names.incrementAndGet();
    }

    /** A fresh endpoint to bind: inproc, ipc or tcp with a wildcard port. */
    String bindEndpoint(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "inproc://" + uniqueName();
            case 1 -> "ipc://" + ipcDirectory.resolve(uniqueName());
            case 2 -> "tcp://127.0.0.1:*";
            // A name bound before: EADDRINUSE while its socket is open.
            default -> endpoints.isEmpty() ? "inproc://" + uniqueName() : pickEndpoint(random);
        };
    }

    /** An endpoint to connect to: one bound earlier (maybe gone), or one nobody binds. */
    String connectEndpoint(Random random) {
        if (endpoints.isEmpty() || random.nextInt(5) == 0) {
            return random.nextBoolean() ? "inproc://" + uniqueName() : "ipc://" + ipcDirectory.resolve(uniqueName());
        }
        return pickEndpoint(random);
    }

    private String pickEndpoint(Random random) {
        List<String> known = endpoints;
        int size = known.size();
        return size == 0 ? "inproc://" + uniqueName() : known.get(random.nextInt(size));
    }

    void bound(String endpoint) {
        if (endpoints.size() > 64) {
            endpoints.removeFirst();
        }
        endpoints.add(endpoint);
    }

    /** Bytes of a random small size. */
    static byte[] bytes(Random random) {
        byte[] data = new byte[random.nextInt(4) == 0 ? random.nextInt(2_000) : random.nextInt(16)];
        random.nextBytes(data);
        return data;
    }

    /**
     * A segment of one of the kinds the API takes: heap, heap read-only, automatic, global,
     * read-only native, a read-only file mapping, a direct buffer's, or one of a shared arena
     * that may be closed already.
     */
    MemorySegment segment(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> MemorySegment.ofArray(bytes(random));
            case 1 -> MemorySegment.ofArray(bytes(random)).asReadOnly();
            case 2 -> Arena.ofAuto().allocate(1 + random.nextInt(512));
            case 3 -> FOREVER[random.nextInt(FOREVER.length)];
            case 4 -> Arena.ofAuto().allocate(64).asReadOnly();
            case 5 -> MemorySegment.ofBuffer(buffer(random));
            case 6 -> mappedReadOnly;
            default -> {
                MemorySegment s = arenaSegments.pick(random);
                yield s != null ? s : MemorySegment.ofArray(bytes(random));
            }
        };
    }

    /** Native memory for a zero-copy wrap: automatic, global, a direct buffer's, or of a shared arena. */
    MemorySegment nativeSegment(Random random) {
        MemorySegment s = segment(random);
        return s.isNative() ? s : Arena.ofAuto().allocate(1 + random.nextInt(256));
    }

    /** A global segment, the only memory sendConst takes. */
    static MemorySegment forever(Random random) {
        return FOREVER[random.nextInt(FOREVER.length)];
    }

    /** A buffer of one of the kinds the API takes: heap, direct, read-only of each, or over a shared arena. */
    ByteBuffer buffer(Random random) {
        ByteBuffer b = switch (random.nextInt(6)) {
            case 0 -> ByteBuffer.wrap(bytes(random));
            case 1 -> ByteBuffer.wrap(bytes(random)).asReadOnlyBuffer();
            case 2, 3 -> {
                ByteBuffer reused = directBuffers.pick(random);
                yield reused != null ? reused.duplicate().clear()
                        : directBuffers.put(random, ByteBuffer.allocateDirect(512));
            }
            case 4 -> ByteBuffer.allocateDirect(64).asReadOnlyBuffer();
            default -> {
                MemorySegment s = arenaSegments.pick(random);
                yield s != null && s.isNative() ? s.asByteBuffer() : ByteBuffer.allocate(32);
            }
        };
        if (b.capacity() > 1 && random.nextBoolean()) {
            b.position(random.nextInt(b.capacity() / 2));
        }
        return b;
    }

    /** Makes a shared arena and a few segments of it. */
    void newArena(Random random) {
        Arena arena = track(Arena.ofShared());
        arenas.put(random, arena);
        for (int i = 0; i < 2; i++) {
            arenaSegments.put(random, arena.allocate(1 + random.nextInt(1_024)));
        }
    }

    /**
     * Closes what is left, sockets' users first (proxies, monitors, pollers), contexts last.
     *
     * @throws AssertionError if a close fails
     */
    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(open);
        for (Class<?> kind : List.of(Proxy.class, Monitor.class, Poller.class, Timers.class, Message.class,
                Socket.class, Context.class, Arena.class)) {
            for (AutoCloseable resource : all) {
                if (!kind.isInstance(resource) || resource instanceof Arena a && !a.scope().isAlive()) {
                    continue;
                }
                // Every worker has stopped, so nothing should block; the bound turns a hang into a failure.
                ContextFixture.closeWithin(resource, ContextFixture.CLOSE_LIMIT);
            }
        }
        open.clear();
    }
}
