package io.github.zmqffm;

import io.github.zmqffm.internal.io.AsyncQueue;
import io.github.zmqffm.internal.io.SocketIo;
import io.github.zmqffm.internal.io.SpinPolicy;
import io.github.zmqffm.internal.io.Timeouts;
import io.github.zmqffm.internal.nat.LibZmq;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A ZeroMQ socket, made by a context ({@code Context.socket(type)}), to which it belongs.
 *
 * {@snippet :
 * try (Context ctx = new Context();
 *      Socket rep = ctx.socket(SocketType.REP).bind("tcp://127.0.0.1:*");
 *      Socket req = ctx.socket(SocketType.REQ).connect(rep.lastEndpoint())) {
 *     req.send("hello");
 *     rep.send(rep.receiveString().toUpperCase());
 *     String reply = req.receiveString();
 * }
 * }
 *
 * <h2>Sending and receiving</h2>
 * Every payload ({@code byte[]}, {@code String} as UTF-8, {@code ByteBuffer}, {@code MemorySegment},
 * {@link Message}) has the same forms. {@code send(data)} sends the last frame of a message,
 * {@code sendMore(data)} a frame that more follow, and {@code send(data, more)} either, as
 * {@code more} says; they wait as SNDTIMEO says (forever by default). {@code trySend(data)}
 * never waits. {@code send(data, more, timeout)} waits at most {@code timeout}
 * ({@link Duration#ZERO}: not at all). Receives: {@code receive...()} waits as RCVTIMEO says,
 * {@code tryReceive...()} never, {@code receive...(timeout)} at most {@code timeout}. When
 * nothing could be done in time they return {@code false}, {@code null} or {@code -1} rather
 * than throw. Bad
 * arguments throw the JDK's exceptions: {@link IndexOutOfBoundsException} for a range outside
 * an array, {@link IllegalArgumentException} for a negative timeout, and for a read-only target
 * {@link java.nio.ReadOnlyBufferException} or {@link UnsupportedOperationException}.
 * A receive into a caller's buffer returns the frame's full size (larger than the buffer if
 * truncated); a {@code ByteBuffer} has its position moved past the bytes used; sending a
 * {@link Message} moves its content to libzmq without a copy. Whole messages go with
 * {@code sendMultipart} and {@code receiveMultipart} (a {@link Multipart}, or reusable messages).
 *
 * <h2>Errors, threads and lifetime</h2>
 * Every method may throw, besides what it names: {@link ZmqException} if libzmq refuses (EFSM
 * for a REQ out of turn...); {@link ContextTerminatedException} once its context has begun to
 * close, for every call but {@code set(LINGER, ...)} and {@link #close()}; {@link
 * IllegalStateException} if the socket is closed, or used by two threads at once (the second
 * is refused rather than corrupting libzmq); {@link NullPointerException} for a null argument.
 * A call that waits also ends with {@link ZmqInterruptedException} when its thread is
 * interrupted (nothing was sent or received, the interrupt status stays set), and with
 * {@link IllegalStateException} when another thread closes the socket. On a virtual thread a
 * wait parks the thread, not its carrier.
 *
 * <p>Sockets start with LINGER 0, so that no close ever hangs; set a LINGER to deliver what is
 * queued, and both this socket's close and its context's honour it. A socket belongs to its
 * context until it is closed, so leaving it to the context is safe. With
 * {@code -Dzmq.checkThreads=true} only its owner ({@link #transferTo(Thread)}) may use it.
 */
public final class Socket implements AutoCloseable {
    private static final long SOCKET = Timeouts.SOCKET_TIMEOUT;
    private static final long NOW = Timeouts.NO_WAIT;
    private static final int LAST = 0;
    private static final int MORE = LibZmq.SNDMORE;

    private final SocketIo io;
    /** The open sockets of this socket's context, which keeps it until it is closed. */
    private final Set<Socket> owner;
    /** Its asynchronous operations, made at the first. */
    private volatile AsyncQueue async;

    Socket(SocketIo io, Set<Socket> owner) {
        this.io = io;
        this.owner = owner;
    }

    /** {@return the type it was created with} */
    public SocketType type() {
        return io.handle().type;
    }

    // ---------------------------------------------------------------- endpoints

    /**
     * Accepts connections on an endpoint, e.g. {@code tcp://127.0.0.1:*} (a free port, see
     * {@link #lastEndpoint()}), {@code ipc:///tmp/feed}, {@code inproc://name} (docs/transports.md).
     *
     * @param endpoint where to listen
     * @return this socket
     * @throws ZmqException EADDRINUSE, EINVAL, EPROTONOSUPPORT; over inproc also where libzmq 4.3
     *         would abort: ENOCOMPATPROTO for a waiting peer of a type this one cannot talk to,
     *         EADDRINUSE for a name an open ROUTER disconnected from before it was bound
     * @throws IllegalArgumentException if the endpoint contains a NUL character
     */
    public Socket bind(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.BIND, endpoint);
        return this;
    }

    /**
     * Connects to an endpoint; the peer need not exist yet, and messages wait for it.
     *
     * @param endpoint where to connect
     * @return this socket
     * @throws ZmqException if libzmq refuses; over inproc also ENOCOMPATPROTO for a peer of a type
     *         this one cannot talk to, ECONNREFUSED for CONFLATE and a name nothing bound yet
     * @throws IllegalArgumentException if the endpoint contains a NUL character
     */
    public Socket connect(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.CONNECT, endpoint);
        return this;
    }

    /** Stops listening on an endpoint bound earlier (after a wildcard bind: {@link #lastEndpoint()}). {@return this socket} */
    public Socket unbind(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.UNBIND, endpoint);
        return this;
    }

    /** Drops a connection made earlier with {@link #connect(String)}. {@return this socket} */
    public Socket disconnect(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.DISCONNECT, endpoint);
        return this;
    }

    /** {@return the endpoint last bound or connected, with the port a wildcard bind chose, e.g. {@code tcp://127.0.0.1:40221}} */
    public String lastEndpoint() {
        return get(SocketOption.LAST_ENDPOINT);
    }

    /** Subscribes a SUB socket to messages that start with {@code prefix} (empty: all). {@return this socket} */
    public Socket subscribe(byte[] prefix) {
        return set(SocketOption.SUBSCRIBE, prefix);
    }

    /** Subscribes to a UTF-8 topic prefix. {@return this socket} */
    public Socket subscribe(String prefix) {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes one subscription made with the same prefix. {@return this socket} */
    public Socket unsubscribe(byte[] prefix) {
        return set(SocketOption.UNSUBSCRIBE, prefix);
    }

    /** Removes one UTF-8 subscription. {@return this socket} */
    public Socket unsubscribe(String prefix) {
        return unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- options

    /**
     * Sets an option, e.g. {@code socket.set(SocketOption.LINGER, 0).set(SocketOption.SNDHWM, 10_000)}.
     *
     * @param <T> the option's value type
     * @return this socket, for chaining
     * @throws IllegalArgumentException if the option is read-only, or the value malformed (a CURVE
     *         key that is neither 32 bytes nor 40 Z85 characters)
     * @throws UnsupportedOperationException if the loaded libzmq lacks the option
     *         ({@link SocketOption#isSupported()}) or cannot take it safely (XPUB_MANUAL before 4.3.5)
     * @throws IllegalStateException for SNDHWM and RCVHWM once the socket has bound or connected
     */
    public <T> Socket set(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option").spec().checkWrite(value);
        io.set(option.spec(), value);
        return this;
    }

    /**
     * Sets a {@code byte[]} option from text: UTF-8, or for CURVE keys their 40 Z85 characters.
     *
     * @return this socket
     * @throws IllegalArgumentException if the option is read-only, or a CURVE key is not 40 Z85 characters
     * @throws UnsupportedOperationException if the loaded libzmq lacks the option
     */
    public Socket set(SocketOption<byte[]> option, String text) {
        Objects.requireNonNull(option, "option");
        return set(option, option.spec().bytesOf(Objects.requireNonNull(text, () -> "value for " + option)));
    }

    /**
     * Reads an option, e.g. {@code int hwm = socket.get(SocketOption.SNDHWM)}.
     *
     * @param <T> the option's value type
     * @return the current value
     * @throws IllegalArgumentException if the option is write-only
     * @throws UnsupportedOperationException if the loaded libzmq lacks the option
     */
    @SuppressWarnings("unchecked")
    public <T> T get(SocketOption<T> option) {
        Objects.requireNonNull(option, "option").spec().checkRead();
        return (T) io.get(option.spec());
    }

    /**
     * Reads a {@code byte[]} option as text: a CURVE key in Z85, anything else as UTF-8.
     *
     * @return the value as text
     * @throws IllegalArgumentException if the option is write-only
     * @throws UnsupportedOperationException if the loaded libzmq lacks the option
     */
    public String getString(SocketOption<byte[]> option) {
        Objects.requireNonNull(option, "option").spec().checkRead();
        return io.getText(option.spec());
    }

    /** {@return whether the frame received last is followed by more frames of its message (RCVMORE)} */
    public boolean hasMore() {
        return get(SocketOption.RCVMORE);
    }

    // ---------------------------------------------------------------- sending (see the class comment)

    /** Sends the last frame of a message. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(byte[] data) {
        return io.send(data, 0, data.length, LAST, SOCKET);
    }

    /** Sends a frame that more frames follow. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean sendMore(byte[] data) {
        return io.send(data, 0, data.length, MORE, SOCKET);
    }

    /** Sends a frame, the last one unless {@code more}. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(byte[] data, boolean more) {
        return io.send(data, 0, data.length, more ? MORE : LAST, SOCKET);
    }

    /** Sends part of an array as the last frame. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(byte[] data, int offset, int length) {
        return io.send(data, offset, length, LAST, SOCKET);
    }

    /** Sends part of an array as a frame that more follow. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean sendMore(byte[] data, int offset, int length) {
        return io.send(data, offset, length, MORE, SOCKET);
    }

    /** Sends the last frame if possible without waiting. {@return {@code false} if the socket is mute} */
    public boolean trySend(byte[] data) {
        return io.send(data, 0, data.length, LAST, NOW);
    }

    /** Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}. {@return {@code false} if the time ran out} */
    public boolean send(byte[] data, boolean more, Duration timeout) {
        return io.send(data, 0, data.length, more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /** {@link #send(byte[])} of a string's UTF-8 bytes. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(String text) {
        return send(utf8(text));
    }

    /** {@link #sendMore(byte[])} of a string's UTF-8 bytes. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean sendMore(String text) {
        return sendMore(utf8(text));
    }

    /** {@link #send(byte[], boolean)} of a string's UTF-8 bytes. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(String text, boolean more) {
        return send(utf8(text), more);
    }

    /** {@link #trySend(byte[])} of a string's UTF-8 bytes. {@return {@code false} if the socket is mute} */
    public boolean trySend(String text) {
        return trySend(utf8(text));
    }

    /** Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}. {@return {@code false} if the time ran out} */
    public boolean send(String text, boolean more, Duration timeout) {
        return send(utf8(text), more, timeout);
    }

    /** Sends a buffer's remaining bytes (heap or direct) as the last frame. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(ByteBuffer data) {
        return io.send(data, LAST, SOCKET);
    }

    /** Sends a buffer's remaining bytes as a frame that more follow. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean sendMore(ByteBuffer data) {
        return io.send(data, MORE, SOCKET);
    }

    /** Sends a buffer's remaining bytes, the last frame unless {@code more}. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(ByteBuffer data, boolean more) {
        return io.send(data, more ? MORE : LAST, SOCKET);
    }

    /** Sends a buffer's remaining bytes as the last frame without waiting. {@return {@code false} if the socket is mute} */
    public boolean trySend(ByteBuffer data) {
        return io.send(data, LAST, NOW);
    }

    /** Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}. {@return {@code false} if the time ran out} */
    public boolean send(ByteBuffer data, boolean more, Duration timeout) {
        return io.send(data, more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /** Sends a segment's bytes (native or heap; libzmq copies them) as the last frame. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(MemorySegment data) {
        return io.send(data, LAST, SOCKET);
    }

    /** Sends a segment's bytes as a frame that more follow. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean sendMore(MemorySegment data) {
        return io.send(data, MORE, SOCKET);
    }

    /** Sends a segment's bytes, the last frame unless {@code more}. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(MemorySegment data, boolean more) {
        return io.send(data, more ? MORE : LAST, SOCKET);
    }

    /** Sends a segment's bytes as the last frame without waiting. {@return {@code false} if the socket is mute} */
    public boolean trySend(MemorySegment data) {
        return io.send(data, LAST, NOW);
    }

    /** Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}. {@return {@code false} if the time ran out} */
    public boolean send(MemorySegment data, boolean more, Duration timeout) {
        return io.send(data, more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /** Sends a message's content as the last frame, without a copy. {@return {@code false} only if SNDTIMEO ran out (the content stays)} */
    public boolean send(Message message) {
        return io.send(message.handle(), LAST, SOCKET);
    }

    /** Sends a message's content as a frame that more follow. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean sendMore(Message message) {
        return io.send(message.handle(), MORE, SOCKET);
    }

    /** Sends a message's content, the last frame unless {@code more}. {@return {@code false} only if SNDTIMEO ran out} */
    public boolean send(Message message, boolean more) {
        return io.send(message.handle(), more ? MORE : LAST, SOCKET);
    }

    /** Sends a message's content as the last frame without waiting. {@return {@code false} if the socket is mute} */
    public boolean trySend(Message message) {
        return io.send(message.handle(), LAST, NOW);
    }

    /** Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}. {@return {@code false} if the time ran out} */
    public boolean send(Message message, boolean more, Duration timeout) {
        return io.send(message.handle(), more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /**
     * Sends memory of {@link java.lang.foreign.Arena#global()} as the last frame, without copying or
     * tracking it ({@code zmq_send_const}); for other memory use {@link Message#wrap}.
     *
     * @return {@code false} only if SNDTIMEO ran out
     * @throws IllegalArgumentException if {@code data} is on the heap or not of the global scope
     */
    public boolean sendConst(MemorySegment data) {
        return io.sendConst(data, LAST, SOCKET);
    }

    /**
     * Sends a whole message (a {@link Multipart}, or any list): every frame, or none if the
     * first could not be queued before SNDTIMEO ran out.
     *
     * @return {@code false} only if SNDTIMEO ran out
     * @throws IllegalArgumentException if the list is empty or holds a null frame
     */
    public boolean sendMultipart(List<byte[]> frames) {
        return io.sendMultipart(frames, SOCKET);
    }

    /** {@link #sendMultipart(List)} if the first frame can go without waiting. {@return {@code false} if the socket is mute} */
    public boolean trySendMultipart(List<byte[]> frames) {
        return io.sendMultipart(frames, NOW);
    }

    /** {@link #sendMultipart(List)} waiting at most {@code timeout} for the first frame. {@return {@code false} if the time ran out} */
    public boolean sendMultipart(List<byte[]> frames, Duration timeout) {
        return io.sendMultipart(frames, Timeouts.millis(timeout));
    }

    // ---------------------------------------------------------------- receiving (see the class comment)

    /** Receives a frame into a new array. {@return the frame; {@code null} only if RCVTIMEO ran out} */
    public byte[] receive() {
        return io.receive(SOCKET);
    }

    /** Receives a frame if one is waiting. {@return the frame, or {@code null}} */
    public byte[] tryReceive() {
        return io.receive(NOW);
    }

    /** Receives a frame, waiting at most {@code timeout}. {@return the frame, or {@code null} if none came in time} */
    public byte[] receive(Duration timeout) {
        return io.receive(Timeouts.millis(timeout));
    }

    /** Receives a frame as UTF-8 text. {@return the text; {@code null} only if RCVTIMEO ran out} */
    public String receiveString() {
        return text(receive());
    }

    /** Receives a frame as UTF-8 text if one is waiting. {@return the text, or {@code null}} */
    public String tryReceiveString() {
        return text(tryReceive());
    }

    /** Receives a frame as UTF-8 text, waiting at most {@code timeout}. {@return the text, or {@code null} if none came in time} */
    public String receiveString(Duration timeout) {
        return text(receive(timeout));
    }

    /** Receives a frame into an array; bytes beyond its length are dropped. {@return the frame's full size; -1 only if RCVTIMEO ran out} */
    public int receive(byte[] buffer) {
        return io.receive(buffer, 0, buffer.length, SOCKET);
    }

    /** Receives a frame into an array if one is waiting. {@return the frame's full size, or -1} */
    public int tryReceive(byte[] buffer) {
        return io.receive(buffer, 0, buffer.length, NOW);
    }

    /** Receives a frame into an array, waiting at most {@code timeout}. {@return the frame's full size, or -1 if none came in time} */
    public int receive(byte[] buffer, Duration timeout) {
        return io.receive(buffer, 0, buffer.length, Timeouts.millis(timeout));
    }

    /** Receives a frame into a buffer's remaining space. {@return the frame's full size; -1 only if RCVTIMEO ran out} */
    public int receive(ByteBuffer buffer) {
        return io.receive(buffer, SOCKET);
    }

    /** Receives a frame into a buffer's remaining space if one is waiting. {@return the frame's full size, or -1} */
    public int tryReceive(ByteBuffer buffer) {
        return io.receive(buffer, NOW);
    }

    /** Receives a frame into a buffer's remaining space, waiting at most {@code timeout}. {@return the frame's full size, or -1} */
    public int receive(ByteBuffer buffer, Duration timeout) {
        return io.receive(buffer, Timeouts.millis(timeout));
    }

    /** Receives a frame into a segment. {@return the frame's full size; -1 only if RCVTIMEO ran out} */
    public int receive(MemorySegment buffer) {
        return io.receive(buffer, SOCKET);
    }

    /** Receives a frame into a segment if one is waiting. {@return the frame's full size, or -1} */
    public int tryReceive(MemorySegment buffer) {
        return io.receive(buffer, NOW);
    }

    /** Receives a frame into a segment, waiting at most {@code timeout}. {@return the frame's full size, or -1} */
    public int receive(MemorySegment buffer, Duration timeout) {
        return io.receive(buffer, Timeouts.millis(timeout));
    }

    /**
     * Receives a frame into a reusable message without a copy; {@link Message#data()} views it.
     *
     * @return {@code false} only if RCVTIMEO ran out
     * @throws IllegalStateException also if the message is closed, in use, or closed by another
     *         thread during the receive (the frame is then lost)
     */
    public boolean receive(Message message) {
        return io.receive(message.handle(), SOCKET);
    }

    /** Receives a frame into a message if one is waiting. {@return {@code false} if none was} */
    public boolean tryReceive(Message message) {
        return io.receive(message.handle(), NOW);
    }

    /** Receives a frame into a message, waiting at most {@code timeout}. {@return {@code false} if none came in time} */
    public boolean receive(Message message, Duration timeout) {
        return io.receive(message.handle(), Timeouts.millis(timeout));
    }

    /**
     * Receives every frame of the next message. {@return the frames, a new mutable {@link Multipart};
     * {@code null} only if RCVTIMEO ran out before the first}
     */
    public Multipart receiveMultipart() {
        return receiveMultipart(SOCKET);
    }

    /** Receives every frame of the next message if one is waiting. {@return the frames, or {@code null}} */
    public Multipart tryReceiveMultipart() {
        return receiveMultipart(NOW);
    }

    /** Receives every frame of the next message, waiting at most {@code timeout} for the first. {@return the frames, or {@code null}} */
    public Multipart receiveMultipart(Duration timeout) {
        return receiveMultipart(Timeouts.millis(timeout));
    }

    private Multipart receiveMultipart(long timeout) {
        Multipart frames = new Multipart();
        return io.receiveMultipart(frames, timeout) ? frames : null;
    }

    /**
     * Receives every frame of the next message into reusable messages, frame {@code i} into
     * {@code into.get(i)}, appending messages to a list that is too short (so that a loop
     * allocates nothing after a warm-up); messages past the last frame are left as they are.
     *
     * @return the number of frames; -1 only if RCVTIMEO ran out before the first
     * @throws IllegalStateException also if a message is closed or in use, or appears twice
     * @throws UnsupportedOperationException if the list is too short and cannot grow
     */
    public int receiveMultipart(List<Message> into) {
        return Message.receiveInto(io, into, SOCKET);
    }

    /** {@link #receiveMultipart(List)} if a message is waiting. {@return the number of frames, or -1} */
    public int tryReceiveMultipart(List<Message> into) {
        return Message.receiveInto(io, into, NOW);
    }

    /** {@link #receiveMultipart(List)} waiting at most {@code timeout} for the first frame. {@return the number of frames, or -1} */
    public int receiveMultipart(List<Message> into, Duration timeout) {
        return Message.receiveInto(io, into, Timeouts.millis(timeout));
    }

    // ---------------------------------------------------------------- asynchronous

    /**
     * Receives the next frame asynchronously, for reactive code (Vert.x, Reactor, coroutines).
     * The operations pending on a socket complete in the order they were asked for, sends and
     * receives alike (a send asked for after a pending receive waits for it); the future
     * completes on a virtual thread of the binding, never on libzmq's or the reactor's, and only
     * once the binding has let go of the socket, so its dependent actions may block, and may use
     * the socket once nothing is pending on it. {@code cancel} withdraws an operation that has
     * not happened: nothing is lost. Closing the socket fails pending futures with
     * {@link IllegalStateException}, its context closing with {@link ContextTerminatedException}.
     * While operations are pending, every other call that sends or receives on this socket
     * throws {@link IllegalStateException}.
     *
     * @return the frame's future
     */
    public CompletableFuture<byte[]> receiveAsync() {
        return async().receive();
    }

    /** Receives the next whole message asynchronously, as {@link #receiveAsync()} does. {@return its frames' future, a {@link Multipart}} */
    public CompletableFuture<List<byte[]>> receiveMultipartAsync() {
        return async().receiveMultipart(Multipart::new).thenApply(frames -> frames);
    }

    /** Sends a frame asynchronously (a copy of it), as {@link #receiveAsync()} does. {@return a future that completes once libzmq has taken it} */
    public CompletableFuture<Void> sendAsync(byte[] frame) {
        return async().send(Objects.requireNonNull(frame, "frame"));
    }

    /**
     * Sends a whole message asynchronously, all frames or none, as {@link #receiveAsync()} does.
     *
     * @return a future that completes once libzmq has taken every frame
     * @throws IllegalArgumentException if the list is empty or holds a null frame
     */
    public CompletableFuture<Void> sendMultipartAsync(List<byte[]> frames) {
        return async().sendMultipart(frames);
    }

    private AsyncQueue async() {
        AsyncQueue queue = async;
        if (queue == null) {
            synchronized (this) {
                queue = async;
                if (queue == null) {
                    queue = new AsyncQueue(io);
                    async = queue;
                }
            }
        }
        return queue;
    }

    // ---------------------------------------------------------------- monitoring, waiting, ownership

    /**
     * Starts reporting connection events ({@link Monitor}); callable from any thread, any time.
     *
     * @return the monitor; close it to stop
     * @throws IllegalArgumentException if {@code events} is empty
     * @throws UnsupportedOperationException for {@link MonitorEvent.Type#PIPES_STATS} (draft API)
     * @throws IllegalStateException also if the socket already has a monitor
     */
    public Monitor monitor(Set<MonitorEvent.Type> events) {
        return Monitor.start(io, events);
    }

    /** Starts reporting every connection event of this socket. {@return the monitor; close it to stop} */
    public Monitor monitor() {
        return monitor(MonitorEvent.Type.ALL);
    }

    /**
     * Sets how long this socket's waits spin before they park, instead of the context's
     * {@link Context#setSpinBudget budget}; {@link Duration#ZERO} never spins. Any thread, next wait.
     *
     * @return this socket
     * @throws IllegalArgumentException if {@code budget} is negative
     */
    public Socket setSpinBudget(Duration budget) {
        long nanos = SpinPolicy.nanos(budget);
        checkOpen();
        io.setSpinBudget(nanos);
        return this;
    }

    /** {@return how long a blocking call on this socket spins before it parks: its own budget, else its context's} */
    public Duration spinBudget() {
        checkOpen();
        return Duration.ofNanos(io.spinBudgetNanos());
    }

    /**
     * Hands this socket over to another thread, its owner from now on, with the full memory
     * barrier ZeroMQ asks of a socket that moves. The owner is whose sockets
     * {@link Context#close(Duration)} waits for, and with {@code -Dzmq.checkThreads=true} the
     * only thread that may use it.
     *
     * @return this socket
     * @throws IllegalStateException also if, with the check on, the calling thread does not own it
     */
    public Socket transferTo(Thread thread) {
        io.transferTo(Objects.requireNonNull(thread, "thread"));
        return this;
    }

    /** {@return whether the socket is closed, by {@link #close()} or by its context} */
    public boolean isClosed() {
        return io.handle().isClosed();
    }

    /**
     * Closes the socket with its LINGER (0 unless set); idempotent, from any thread. A thread
     * blocked on it wakes with {@link IllegalStateException} first. Nothing once its context closed it.
     *
     * @throws IllegalStateException if called from inside a call on this same socket
     */
    @Override
    public void close() {
        io.handle().close();
        owner.remove(this);
    }

    /** {@return the type and state, e.g. "Socket[REP, open]"} */
    @Override
    public String toString() {
        return "Socket[" + type() + (isClosed() ? ", closed]" : ", open]");
    }

    /** The engine's side of this socket, for the other classes of this package. */
    SocketIo io() {
        return io;
    }

    private void checkOpen() {
        io.handle().checkOpen("spin budget");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] frame) {
        return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
    }
}
