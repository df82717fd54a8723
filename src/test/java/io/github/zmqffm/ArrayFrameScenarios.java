package io.github.zmqffm;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every shape of an array send and receive, run by {@link ArrayFramesTest} in a JVM of its own:
 * once while critical calls are allowed, where a small frame's first try passes the array itself
 * to libzmq, and once with {@code -Dzmq.criticalCalls=false}, where it is copied through the
 * socket's native room. Whether critical calls are allowed is the JVM's state (the first
 * zero-copy loan ends them for good), so only a fresh JVM is sure of either. Each check throws
 * on a wrong byte; {@code main} prints what it checked and whether the socket ever needed its
 * native room for frames that never waited.
 */
final class ArrayFrameScenarios {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private ArrayFrameScenarios() {
    }

    public static void main(String[] args) throws Exception {
        try (Context context = new Context()) {
            for (String endpoint : new String[] {"inproc://array-frames", "tcp://127.0.0.1:*"}) {
                shapes(context, endpoint);
                System.out.println("shapes over " + endpoint.substring(0, endpoint.indexOf(':')));
            }
            for (boolean virtual : new boolean[] {false, true}) {
                waits(context, virtual);
                System.out.println("waits on " + (virtual ? "virtual" : "platform") + " threads");
            }
            System.out.println("native room used without a wait: " + nativeRoomUsedWithoutAWait(context));
            System.out.println("bytes allocated per frame: " + bytesAllocatedPerFrame(context));
        }
        System.out.println("done");
    }

    /** A connected PUSH and PULL with high-water marks of {@code hwm} frames: {@code [0]} sends, {@code [1]} receives. */
    private static Socket[] pair(Context context, String endpoint, int hwm) {
        Socket pull = context.socket(SocketType.PULL).set(SocketOption.RCVHWM, hwm);
        pull.bind(endpoint);
        Socket push = context.socket(SocketType.PUSH).set(SocketOption.SNDHWM, hwm);
        push.connect(pull.lastEndpoint());
        return new Socket[] {push, pull};
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }

    private static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed + 7 * i);
        }
        return bytes;
    }

    /** Whole arrays, parts of arrays, heap buffers, truncation, the empty frame, the size limits of the route. */
    private static void shapes(Context context, String endpoint) {
        Socket[] pair = pair(context, endpoint, 1000);
        try (Socket push = pair[0]; Socket pull = pair[1]) {
            for (int size : new int[] {0, 1, 64, 1024, 8191, 8192, 8193, 70_000}) {
                byte[] out = pattern(size, size);
                expect(push.send(out), "send " + size);
                byte[] in = new byte[size];
                expect(pull.receive(in, PATIENCE) == size, "receive " + size);
                expect(Arrays.equals(out, in), "bytes of a " + size + "-byte frame");
            }

            // A part of an array out, into the middle of another, whose other bytes stay untouched.
            byte[] source = pattern(32, 1);
            expect(push.send(source, 3, 5), "send part");
            byte[] target = new byte[16];
            Arrays.fill(target, (byte) -1);
            ByteBuffer window = ByteBuffer.wrap(target, 2, 10);
            expect(pull.receive(window, PATIENCE) == 5, "receive into part");
            expect(window.position() == 7, "position after receive: " + window.position());
            byte[] expected = new byte[16];
            Arrays.fill(expected, (byte) -1);
            System.arraycopy(source, 3, expected, 2, 5);
            expect(Arrays.equals(expected, target), "part received: " + Arrays.toString(target));

            // A frame larger than the buffer: the full size is returned, only the buffer's bytes stored.
            byte[] large = pattern(20, 9);
            expect(push.send(large), "send large");
            byte[] small = new byte[12];
            Arrays.fill(small, (byte) -1);
            expect(pull.receive(ByteBuffer.wrap(small, 4, 8).slice(), PATIENCE) == 20, "truncated size");
            byte[] truncated = new byte[12];
            Arrays.fill(truncated, (byte) -1);
            System.arraycopy(large, 0, truncated, 4, 8);
            expect(Arrays.equals(truncated, small), "truncated bytes: " + Arrays.toString(small));

            // A heap buffer's remaining bytes out.
            ByteBuffer outBuffer = ByteBuffer.wrap(pattern(40, 3), 10, 20);
            expect(push.send(outBuffer), "send buffer");
            expect(outBuffer.position() == 30, "buffer position after send");
            byte[] fromBuffer = new byte[20];
            expect(pull.receive(fromBuffer, PATIENCE) == 20, "receive from buffer");
            expect(Arrays.equals(Arrays.copyOfRange(pattern(40, 3), 10, 30), fromBuffer), "buffer bytes");
        }
    }

    /**
     * Sends that wait for room (high-water marks of 1) and receives that wait for frames, each
     * frame numbered, on threads of the kind asked for: the tries that fail first and the waits
     * after them.
     */
    private static void waits(Context context, boolean virtual) throws Exception {
        Socket[] pair = pair(context, "tcp://127.0.0.1:*", 1);
        try (Socket push = pair[0]; Socket pull = pair[1]) {
            int frames = 20_000;
            CompletableFuture<Void> received = new CompletableFuture<>();
            Thread receiver = (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
                try {
                    byte[] in = new byte[8];
                    for (int i = 0; i < frames; i++) {
                        expect(pull.receive(in, PATIENCE) == 8, "receive " + i);
                        expect(ByteBuffer.wrap(in).getLong() == i, "frame " + i + " held " + ByteBuffer.wrap(in).getLong());
                    }
                    received.complete(null);
                } catch (Throwable e) {
                    received.completeExceptionally(e);
                }
            });
            CompletableFuture<Void> sent = new CompletableFuture<>();
            (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
                try {
                    byte[] out = new byte[8];
                    for (int i = 0; i < frames; i++) {
                        ByteBuffer.wrap(out).putLong(i);
                        expect(push.send(out, false, PATIENCE), "send " + i);
                    }
                    sent.complete(null);
                } catch (Throwable e) {
                    sent.completeExceptionally(e);
                }
            });
            sent.get(60, TimeUnit.SECONDS);
            received.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether a sender and a receiver that never wait ever needed their socket's native room
     * for frames: the copy route takes it at the first frame, the array route never does.
     */
    private static boolean nativeRoomUsedWithoutAWait(Context context) throws ReflectiveOperationException {
        Socket[] pair = pair(context, "inproc://array-frames-room", 1000);
        try (Socket push = pair[0]; Socket pull = pair[1]) {
            byte[] frame = pattern(100, 5);
            byte[] in = new byte[100];
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 100; i++) {
                    expect(push.send(frame), "send");
                }
                for (int i = 0; i < 100; i++) {
                    expect(pull.receive(in) == 100 && Arrays.equals(frame, in), "receive");
                }
            }
            return frameRoom(push) != null || frameRoom(pull) != null;
        }
    }

    /**
     * The heap a send and a receive of 64 bytes allocate, in the best of up to 100 rounds (the JIT
     * removes the array route's segment wrapper only once it has compiled the path): whole
     * arrays, which may go to libzmq themselves, and a part of an array, which is copied.
     */
    private static long bytesAllocatedPerFrame(Context context) {
        Socket[] pair = pair(context, "inproc://array-frames-allocation", 1000);
        try (Socket push = pair[0]; Socket pull = pair[1]) {
            byte[] out = new byte[70];
            byte[] whole = new byte[64];
            byte[] in = new byte[64];
            long worst = 0;
            for (int offset : new int[] {0, 6}) {
                ThreadAllocation allocation = new ThreadAllocation();
                long best = Long.MAX_VALUE;
                for (int round = 0; round < 100 && best > 0; round++) {
                    long before = allocation.bytes();
                    for (int i = 0; i < 20_000; i++) {
                        out[offset] = (byte) i;
                        boolean sent = offset == 0 ? push.send(whole) : push.send(out, offset, 64);
                        if (!sent || pull.receive(in) != 64 || (offset > 0 && in[0] != out[offset])) {
                            throw new IllegalStateException("frame " + i);   // built only on failure: it allocates
                        }
                    }
                    best = Math.min(best, (allocation.bytes() - before) / 20_000);
                }
                worst = Math.max(worst, best);
            }
            return worst;
        }
    }

    private static Object frameRoom(Socket socket) throws ReflectiveOperationException {
        Object handle = field(field(socket, "io"), "handle");
        return field(handle, "frame");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
