package io.github.zmqffm;

import io.github.zmqffm.internal.io.AsyncQueue;
import io.github.zmqffm.internal.io.SocketIo;
import io.github.zmqffm.internal.io.SpinPolicy;
import io.github.zmqffm.internal.io.Timeouts;
import io.github.zmqffm.internal.io.Utf8;
import io.github.zmqffm.internal.nat.LibZmq;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A ZeroMQ socket, made by a context ({@code Context.socket(type)}), to which it belongs.
 *
 * {@snippet :
 * try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP).bind("inproc://echo");
 *      Socket req = ctx.socket(SocketType.REQ).connect("inproc://echo")) {
 *     req.send("hello");
 *     rep.send(rep.receiveString().toUpperCase());
 *     String reply = req.receiveString();
 * }
 * }
 *
 * <h2>Sending and receiving</h2>
 * Every payload ({@code byte[]}, UTF-8 {@code String}, {@code ByteBuffer}, {@code MemorySegment},
 * {@link Message} without a copy) has the same forms: {@code send(data)}, {@code sendMore(data)},
 * {@code send(data, more)} wait as SNDTIMEO says (forever by default), {@code trySend(data)}
 * never, {@code send(data, more, timeout)} at most {@code timeout}; receives likewise
 * ({@code receive...()}, {@code tryReceive...()}, {@code receive...(timeout)}). Out of time they
 * return {@code false}, {@code null} or {@code -1}. A receive into a buffer returns the frame's
 * full size. The {@code ...Async} forms: see {@link #receiveAsync()}.
 *
 * <h2>Errors, threads and lifetime</h2>
 * Besides what a method names, every method may throw {@link ZmqException} if libzmq refuses;
 * {@link ContextTerminatedException} once its context has begun to close (every call but
 * {@code set(LINGER, ...)} and {@link #close()}); {@link IllegalStateException} if the socket is
 * closed (a waiting call too), used by two threads at once, or has asynchronous operations
 * pending; and the JDK's exceptions for bad arguments. An interrupted wait throws
 * {@link ZmqInterruptedException}, its interrupt status kept. On a virtual thread a wait parks
 * the thread, not its carrier. Sockets start with LINGER 0; a LINGER set is honoured by this
 * socket's close and by its context's, to which it belongs until closed.
 */
public final class Socket implements AutoCloseable {
    private static final long SOCKET = Timeouts.SOCKET_TIMEOUT;
    private static final long NOW = Timeouts.NO_WAIT;
    private static final int LAST = 0;
    private static final int MORE = LibZmq.SNDMORE;

    /** The engine's side of this socket, for the other classes of this package. */
    final SocketIo io;
    /** Its context's open sockets, which keep it until it is closed. */
    private final Set<Socket> owner;
    /** Its {@link Context}, which it keeps reachable in turn (an {@code Object}: no class circle). */
    private final Object context;
    /** Guarded by this; made at the first asynchronous call. */
    private AsyncQueue async;

    Socket(SocketIo io, Set<Socket> owner, Object context) {
        this.io = io;
        this.owner = owner;
        this.context = context;
    }

    /** {@return the type it was created with} */
    public SocketType type() {
        return io.handle().type;
    }

    /**
     * Accepts connections on an endpoint, e.g. {@code tcp://127.0.0.1:*} (a free port, see
     * {@link #lastEndpoint()}), {@code ipc:///tmp/feed}, {@code inproc://name}.
     *
     * @return this socket
     * @throws ZmqException EADDRINUSE, EINVAL, EPROTONOSUPPORT; over inproc also ENOCOMPATPROTO
     *         for a waiting peer of a type this one cannot talk to (where libzmq 4.3 would abort)
     * @throws IllegalStateException for HEARTBEAT_IVL without RCVHWM 0 over tcp, ipc, tipc (docs/transports.md)
     * @throws IllegalArgumentException if the endpoint contains a NUL character
     */
    public Socket bind(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.BIND, endpoint);
        return this;
    }

    /**
     * Connects to an endpoint; the peer need not exist yet, and messages wait for it.
     *
     * @return this socket
     * @throws ZmqException if libzmq refuses (over inproc also ENOCOMPATPROTO, as for bind)
     * @throws IllegalStateException for heartbeats without RCVHWM 0, as for bind
     * @throws IllegalArgumentException if the endpoint contains a NUL character
     */
    public Socket connect(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.CONNECT, endpoint);
        return this;
    }

    /**
     * Stops listening on an endpoint bound earlier (after a wildcard bind: {@link #lastEndpoint()}).
     *
     * @return this socket
     */
    public Socket unbind(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.UNBIND, endpoint);
        return this;
    }

    /**
     * Drops a connection made earlier with {@link #connect(String)}.
     *
     * @return this socket
     */
    public Socket disconnect(String endpoint) {
        io.endpoint(LibZmq.EndpointVerb.DISCONNECT, endpoint);
        return this;
    }

    /** {@return the endpoint last bound or connected, with the port a wildcard bind chose, e.g. {@code tcp://127.0.0.1:40221}} */
    public String lastEndpoint() {
        return get(SocketOption.LAST_ENDPOINT);
    }

    /**
     * Subscribes a SUB socket to messages that start with {@code prefix} (empty: all).
     *
     * @return this socket
     */
    public Socket subscribe(byte[] prefix) {
        return set(SocketOption.SUBSCRIBE, prefix);
    }

    /**
     * Subscribes to a UTF-8 topic prefix.
     *
     * @return this socket
     */
    public Socket subscribe(String prefix) {
        return subscribe(Utf8.bytes(prefix));
    }

    /**
     * Removes one subscription made with the same prefix.
     *
     * @return this socket
     */
    public Socket unsubscribe(byte[] prefix) {
        return set(SocketOption.UNSUBSCRIBE, prefix);
    }

    /**
     * Removes one UTF-8 subscription.
     *
     * @return this socket
     */
    public Socket unsubscribe(String prefix) {
        return unsubscribe(Utf8.bytes(prefix));
    }

    /**
     * Sets an option, e.g. {@code socket.set(SocketOption.LINGER, 0).set(SocketOption.SNDHWM, 10_000)}.
     *
     * @return this socket, for chaining
     * @throws IllegalArgumentException if the option is read-only, or the value malformed or unsafe
     * @throws UnsupportedOperationException if the loaded libzmq lacks the option
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
     * @throws IllegalArgumentException as {@link #set(SocketOption, Object)}
     * @throws UnsupportedOperationException if the loaded libzmq lacks the option
     */
    public Socket set(SocketOption<byte[]> option, String text) {
        Objects.requireNonNull(option, "option");
        return set(option, option.spec().bytesOf(Objects.requireNonNull(text, () -> "value for " + option)));
    }

    /**
     * Reads an option, e.g. {@code int hwm = socket.get(SocketOption.SNDHWM)}.
     *
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

    /**
     * Sends the last frame of a message.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(byte[] data) {
        return io.send(data, 0, data.length, LAST, SOCKET);
    }

    /**
     * Sends a frame that more frames follow.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean sendMore(byte[] data) {
        return io.send(data, 0, data.length, MORE, SOCKET);
    }

    /**
     * Sends a frame, the last one unless {@code more}.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(byte[] data, boolean more) {
        return io.send(data, 0, data.length, more ? MORE : LAST, SOCKET);
    }

    /**
     * Sends part of an array as the last frame.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(byte[] data, int offset, int length) {
        return io.send(data, offset, length, LAST, SOCKET);
    }

    /**
     * Sends part of an array as a frame that more follow.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean sendMore(byte[] data, int offset, int length) {
        return io.send(data, offset, length, MORE, SOCKET);
    }

    /**
     * Sends the last frame if possible without waiting.
     *
     * @return {@code false} if the socket is mute
     */
    public boolean trySend(byte[] data) {
        return io.send(data, 0, data.length, LAST, NOW);
    }

    /**
     * Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}.
     *
     * @return {@code false} if the time ran out
     */
    public boolean send(byte[] data, boolean more, Duration timeout) {
        return io.send(data, 0, data.length, more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /**
     * {@link #send(byte[])} of a string's UTF-8 bytes.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(String text) {
        return send(Utf8.bytes(text));
    }

    /**
     * {@link #sendMore(byte[])} of a string's UTF-8 bytes.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean sendMore(String text) {
        return sendMore(Utf8.bytes(text));
    }

    /**
     * {@link #send(byte[], boolean)} of a string's UTF-8 bytes.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(String text, boolean more) {
        return send(Utf8.bytes(text), more);
    }

    /**
     * {@link #trySend(byte[])} of a string's UTF-8 bytes.
     *
     * @return {@code false} if the socket is mute
     */
    public boolean trySend(String text) {
        return trySend(Utf8.bytes(text));
    }

    /**
     * Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}.
     *
     * @return {@code false} if the time ran out
     */
    public boolean send(String text, boolean more, Duration timeout) {
        return send(Utf8.bytes(text), more, timeout);
    }

    /**
     * Sends a buffer's remaining bytes (heap or direct) as the last frame.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(ByteBuffer data) {
        return io.send(data, LAST, SOCKET);
    }

    /**
     * Sends a buffer's remaining bytes as a frame that more follow.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean sendMore(ByteBuffer data) {
        return io.send(data, MORE, SOCKET);
    }

    /**
     * Sends a buffer's remaining bytes, the last frame unless {@code more}.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(ByteBuffer data, boolean more) {
        return io.send(data, more ? MORE : LAST, SOCKET);
    }

    /**
     * Sends a buffer's remaining bytes as the last frame without waiting.
     *
     * @return {@code false} if the socket is mute
     */
    public boolean trySend(ByteBuffer data) {
        return io.send(data, LAST, NOW);
    }

    /**
     * Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}.
     *
     * @return {@code false} if the time ran out
     */
    public boolean send(ByteBuffer data, boolean more, Duration timeout) {
        return io.send(data, more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /**
     * Sends a segment's bytes (native or heap; libzmq copies them) as the last frame.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(MemorySegment data) {
        return io.send(data, LAST, SOCKET);
    }

    /**
     * Sends a segment's bytes as a frame that more follow.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean sendMore(MemorySegment data) {
        return io.send(data, MORE, SOCKET);
    }

    /**
     * Sends a segment's bytes, the last frame unless {@code more}.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(MemorySegment data, boolean more) {
        return io.send(data, more ? MORE : LAST, SOCKET);
    }

    /**
     * Sends a segment's bytes as the last frame without waiting.
     *
     * @return {@code false} if the socket is mute
     */
    public boolean trySend(MemorySegment data) {
        return io.send(data, LAST, NOW);
    }

    /**
     * Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}.
     *
     * @return {@code false} if the time ran out
     */
    public boolean send(MemorySegment data, boolean more, Duration timeout) {
        return io.send(data, more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /**
     * Sends a message's content as the last frame, without a copy.
     *
     * @return {@code false} only if SNDTIMEO ran out (the content stays)
     */
    public boolean send(Message message) {
        return io.send(message.handle(), LAST, SOCKET);
    }

    /**
     * Sends a message's content as a frame that more follow.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean sendMore(Message message) {
        return io.send(message.handle(), MORE, SOCKET);
    }

    /**
     * Sends a message's content, the last frame unless {@code more}.
     *
     * @return {@code false} only if SNDTIMEO ran out
     */
    public boolean send(Message message, boolean more) {
        return io.send(message.handle(), more ? MORE : LAST, SOCKET);
    }

    /**
     * Sends a message's content as the last frame without waiting.
     *
     * @return {@code false} if the socket is mute
     */
    public boolean trySend(Message message) {
        return io.send(message.handle(), LAST, NOW);
    }

    /**
     * Sends a frame, the last one unless {@code more}, waiting at most {@code timeout}.
     *
     * @return {@code false} if the time ran out
     */
    public boolean send(Message message, boolean more, Duration timeout) {
        return io.send(message.handle(), more ? MORE : LAST, Timeouts.millis(timeout));
    }

    /**
     * Sends memory of {@link java.lang.foreign.Arena#global()} as the last frame, without copying or tracking
     * it ({@code zmq_send_const}); for other memory use {@link Message#wrap}.
     *
     * @return {@code false} only if SNDTIMEO ran out
     * @throws IllegalArgumentException if {@code data} is on the heap or not of the global scope
     */
    public boolean sendConst(MemorySegment data) {
        return io.sendConst(data, LAST, SOCKET);
    }

    /**
     * Sends a whole message (a {@link Multipart}, or any list): every frame, or none if SNDTIMEO ran
     * out first.
     *
     * @return {@code false} only then
     * @throws IllegalArgumentException if the list is empty or holds a null frame
     */
    public boolean sendMultipart(List<byte[]> frames) {
        return io.sendMultipart(frames, SOCKET);
    }

    /**
     * {@link #sendMultipart(List)} if the first frame can go without waiting.
     *
     * @return {@code false} if the socket is mute
     */
    public boolean trySendMultipart(List<byte[]> frames) {
        return io.sendMultipart(frames, NOW);
    }

    /**
     * {@link #sendMultipart(List)} waiting at most {@code timeout} for the first frame.
     *
     * @return {@code false} if the time ran out
     */
    public boolean sendMultipart(List<byte[]> frames, Duration timeout) {
        return io.sendMultipart(frames, Timeouts.millis(timeout));
    }

    // ---------------------------------------------------------------- receiving (see the class comment)

    /**
     * Receives a frame into a new array.
     *
     * @return the frame; {@code null} only if RCVTIMEO ran out
     */
    public byte[] receive() {
        return io.receive(SOCKET);
    }

    /**
     * Receives a frame if one is waiting.
     *
     * @return the frame, or {@code null}
     */
    public byte[] tryReceive() {
        return io.receive(NOW);
    }

    /**
     * Receives a frame, waiting at most {@code timeout}.
     *
     * @return the frame, or {@code null} if none came in time
     */
    public byte[] receive(Duration timeout) {
        return io.receive(Timeouts.millis(timeout));
    }

    /**
     * Receives a frame as UTF-8 text.
     *
     * @return the text; {@code null} only if RCVTIMEO ran out
     */
    public String receiveString() {
        return Utf8.text(receive());
    }

    /**
     * Receives a frame as UTF-8 text if one is waiting.
     *
     * @return the text, or {@code null}
     */
    public String tryReceiveString() {
        return Utf8.text(tryReceive());
    }

    /**
     * Receives a frame as UTF-8 text, waiting at most {@code timeout}.
     *
     * @return the text, or {@code null} if none came in time
     */
    public String receiveString(Duration timeout) {
        return Utf8.text(receive(timeout));
    }

    /**
     * Receives a frame into an array; bytes beyond its length are dropped.
     *
     * @return the frame's full size; -1 only if RCVTIMEO ran out
     */
    public int receive(byte[] buffer) {
        return io.receive(buffer, 0, buffer.length, SOCKET);
    }

    /**
     * Receives a frame into an array if one is waiting.
     *
     * @return the frame's full size, or -1
     */
    public int tryReceive(byte[] buffer) {
        return io.receive(buffer, 0, buffer.length, NOW);
    }

    /**
     * Receives a frame into an array, waiting at most {@code timeout}.
     *
     * @return the frame's full size, or -1 if none came in time
     */
    public int receive(byte[] buffer, Duration timeout) {
        return io.receive(buffer, 0, buffer.length, Timeouts.millis(timeout));
    }

    /**
     * Receives a frame into a buffer's remaining space.
     *
     * @return the frame's full size; -1 only if RCVTIMEO ran out
     */
    public int receive(ByteBuffer buffer) {
        return io.receive(buffer, SOCKET);
    }

    /**
     * Receives a frame into a buffer's remaining space if one is waiting.
     *
     * @return the frame's full size, or -1
     */
    public int tryReceive(ByteBuffer buffer) {
        return io.receive(buffer, NOW);
    }

    /**
     * Receives a frame into a buffer's remaining space, waiting at most {@code timeout}.
     *
     * @return the frame's full size, or -1
     */
    public int receive(ByteBuffer buffer, Duration timeout) {
        return io.receive(buffer, Timeouts.millis(timeout));
    }

    /**
     * Receives a frame into a segment.
     *
     * @return the frame's full size; -1 only if RCVTIMEO ran out
     */
    public int receive(MemorySegment buffer) {
        return io.receive(buffer, SOCKET);
    }

    /**
     * Receives a frame into a segment if one is waiting.
     *
     * @return the frame's full size, or -1
     */
    public int tryReceive(MemorySegment buffer) {
        return io.receive(buffer, NOW);
    }

    /**
     * Receives a frame into a segment, waiting at most {@code timeout}.
     *
     * @return the frame's full size, or -1
     */
    public int receive(MemorySegment buffer, Duration timeout) {
        return io.receive(buffer, Timeouts.millis(timeout));
    }

    /**
     * Receives a frame into a reusable message without a copy ({@link Message#data()} views it).
     *
     * @return {@code false} only if RCVTIMEO ran out
     * @throws IllegalStateException also if the message is closed, in use, or closed meanwhile (frame lost)
     */
    public boolean receive(Message message) {
        return io.receive(message.handle(), SOCKET);
    }

    /**
     * Receives a frame into a message if one is waiting.
     *
     * @return {@code false} if none was
     */
    public boolean tryReceive(Message message) {
        return io.receive(message.handle(), NOW);
    }

    /**
     * Receives a frame into a message, waiting at most {@code timeout}.
     *
     * @return {@code false} if none came in time
     */
    public boolean receive(Message message, Duration timeout) {
        return io.receive(message.handle(), Timeouts.millis(timeout));
    }

    /**
     * Receives every frame of the next message.
     *
     * @return the frames, a new mutable {@link Multipart}; {@code null} only if RCVTIMEO ran out before the first
     */
    public Multipart receiveMultipart() {
        return receiveMultipart(SOCKET);
    }

    /**
     * Receives every frame of the next message if one is waiting.
     *
     * @return the frames, or {@code null}
     */
    public Multipart tryReceiveMultipart() {
        return receiveMultipart(NOW);
    }

    /**
     * Receives every frame of the next message, waiting at most {@code timeout} for the first.
     *
     * @return the frames, or {@code null}
     */
    public Multipart receiveMultipart(Duration timeout) {
        return receiveMultipart(Timeouts.millis(timeout));
    }

    private Multipart receiveMultipart(long timeout) {
        Multipart frames = new Multipart();
        return io.receiveMultipart(frames, timeout) ? frames : null;
    }

    /**
     * Receives every frame of the next message into reusable messages, frame {@code i} into {@code
     * into.get(i)}, appending messages to a list that is too short (so that a loop allocates nothing after a
     * warm-up); messages past the last frame are left as they are.
     *
     * @return the number of frames; -1 only if RCVTIMEO ran out before the first
     * @throws IllegalStateException also if a message is closed or in use, or appears twice
     * @throws UnsupportedOperationException if the list is too short and cannot grow
     */
    public int receiveMultipart(List<Message> into) {
        return Message.receiveInto(io, into, SOCKET);
    }

    /**
     * {@link #receiveMultipart(List)} if a message is waiting.
     *
     * @return the number of frames, or -1
     */
    public int tryReceiveMultipart(List<Message> into) {
        return Message.receiveInto(io, into, NOW);
    }

    /**
     * {@link #receiveMultipart(List)} waiting at most {@code timeout} for the first frame.
     *
     * @return the number of frames, or -1
     */
    public int receiveMultipart(List<Message> into, Duration timeout) {
        return Message.receiveInto(io, into, Timeouts.millis(timeout));
    }

    /**
     * Receives the next frame asynchronously. Pending operations complete in the order asked, on a
     * virtual thread, once the binding has let go of the socket; {@code cancel} withdraws one that
     * has not happened. While any are pending, other sends and receives are refused.
     *
     * @return the frame's future
     */
    public CompletableFuture<byte[]> receiveAsync() {
        return async().receive();
    }

    /**
     * Receives the next whole message asynchronously.
     *
     * @return its frames' future, a {@link Multipart}
     */
    public CompletableFuture<List<byte[]>> receiveMultipartAsync() {
        return async().<List<byte[]>>receiveMultipart(Multipart::new);   // the queued future itself, so cancel reaches it
    }

    /**
     * Sends (a copy of) a frame asynchronously.
     *
     * @return a future that completes once libzmq has taken it
     */
    public CompletableFuture<Void> sendAsync(byte[] frame) {
        return async().send(Objects.requireNonNull(frame, "frame"));
    }

    /**
     * Sends a whole message asynchronously, all frames or none.
     *
     * @return a future that completes once libzmq took them
     */
    public CompletableFuture<Void> sendMultipartAsync(List<byte[]> frames) {
        return async().sendMultipart(frames);
    }

    /**
     * Starts reporting connection events ({@link Monitor}), from any thread.
     *
     * @return the monitor; close it to stop
     * @throws IllegalArgumentException if {@code events} is empty
     * @throws UnsupportedOperationException for {@link MonitorEvent.Type#PIPES_STATS} (draft API)
     * @throws ZmqException EMFILE if the context has no socket left for the monitor, which reads
     *         its events through a socket of the context (see {@link Context#socket})
     */
    public Monitor monitor(Set<MonitorEvent.Type> events) {
        return Monitor.start(io, events);
    }

    /**
     * Starts reporting every connection event of this socket.
     *
     * @return the monitor; close it to stop
     * @throws ZmqException EMFILE if the context has no socket left for the monitor (see {@link #monitor(Set)})
     */
    public Monitor monitor() {
        return monitor(MonitorEvent.Type.ALL);
    }

    /**
     * Sets how long this socket's waits spin before they park, instead of the context's {@link
     * Context#setSpinBudget budget}; {@link Duration#ZERO} never spins. Any thread, next wait.
     *
     * @return this socket
     * @throws IllegalArgumentException if {@code budget} is negative
     */
    public Socket setSpinBudget(Duration budget) {
        io.setSpinBudget(SpinPolicy.nanos(budget));
        return this;
    }

    /** {@return how long a blocking call on this socket spins before it parks: its own budget, else its context's} */
    public Duration spinBudget() {
        return Duration.ofNanos(io.spinBudgetNanos());
    }

    /**
     * Hands this socket over to another thread, its owner from now on (the only thread that may
     * use it under {@code -Dzmq.checkThreads=true}), with the full memory barrier ZeroMQ asks of
     * a socket that moves.
     *
     * @return this socket
     * @throws IllegalStateException under {@code -Dzmq.checkThreads=true} if the caller is not its owner
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

    private synchronized AsyncQueue async() {
        if (async == null) {
            async = new AsyncQueue(io);
        }
        return async;
    }
}
