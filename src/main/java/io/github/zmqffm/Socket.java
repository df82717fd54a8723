package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A ZeroMQ socket, made by {@link Context#socket(SocketType)}.
 *
 * {@snippet :
 * try (Context ctx = new Context();
 *      Socket rep = ctx.socket(SocketType.REP);
 *      Socket req = ctx.socket(SocketType.REQ)) {
 *     rep.bind("tcp://127.0.0.1:*");
 *     req.connect(rep.lastEndpoint());
 *     req.send("hello");
 *     String s = rep.receiveString();
 *     rep.send(s.getBytes(StandardCharsets.UTF_8));
 *     byte[] reply = req.receive();
 * }
 * }
 *
 * <h2>Sending and receiving</h2>
 * {@code send} blocks until libzmq queues the frame, {@code sendMore} does the same for a frame
 * that more frames of the same message follow, and {@code trySend}/{@code trySendMore} never
 * block. {@code receive} blocks; {@code tryReceive} never does. A blocking call waits at most
 * SNDTIMEO/RCVTIMEO (forever by default); when that runs out, or when a {@code try} call finds
 * nothing to do, the call returns {@code false}, {@code null} or {@code -1} rather than throwing.
 * Receives into a caller's buffer return the message's full size, so a size larger than the
 * buffer shows truncation.
 *
 * <h2>Threads and lifetime</h2>
 * A socket may move between threads but must not be used by two at once (except the draft
 * thread-safe types); a second concurrent caller gets {@link IllegalStateException} instead of
 * corrupting libzmq. A blocked call wakes with {@link ZmqInterruptedException} when its thread
 * is interrupted (the interrupt status stays set and the socket stays usable), with
 * {@link ContextTerminatedException} when the context closes, and with
 * {@link IllegalStateException} when another thread closes the socket. {@link #close()} is
 * idempotent; any later use throws {@link IllegalStateException}. The {@code Duration}
 * variants of {@code send} and {@code receive} wait at most that long, whatever
 * SNDTIMEO/RCVTIMEO say.
 *
 * <p>Sockets start with LINGER 0: closing discards unsent messages at once, so that no close
 * and no {@link Context#close()} ever hangs. Set LINGER to give them time.
 *
 * <p>A socket that becomes garbage without {@code close()} is closed (with LINGER 0) by a
 * cleaner thread once no call is inside it, and reported to the {@link System.Logger} named
 * {@code io.github.zmqffm.leaks}; with {@code -Dzmq.leaks=track} the report names where it was
 * created. With {@code -Dzmq.checkThreads=true} only the socket's owner, the thread that created
 * it or the one named by {@link #transferTo(Thread)}, may use it; any other thread gets
 * {@link IllegalStateException} naming both.
 */
public final class Socket implements AutoCloseable {
    final SocketHandle handle;

    Socket(SocketHandle handle) {
        this.handle = handle;
    }

    /**
     * This socket's type.
     *
     * @return the type it was created with
     */
    public SocketType type() {
        return handle.type;
    }

    /**
     * The context that made this socket.
     *
     * @return the context
     */
    public Context context() {
        return handle.context;
    }

    /**
     * Accepts connections on an endpoint, e.g. {@code tcp://127.0.0.1:*} (any free port, see
     * {@link #lastEndpoint()}), {@code ipc:///tmp/feed} or {@code inproc://name}.
     *
     * <p>Over inproc, where libzmq wires sockets together without the handshake that checks
     * them over tcp, the binding refuses what would make libzmq 4.3 abort the process: a bind
     * of a name that a socket of a type this one cannot talk to (ZMTP's pairs: PUSH to PULL,
     * PUB to SUB...) is waiting to connect to (ENOCOMPATPROTO), and a bind of a name that a
     * still open ROUTER disconnected from before anything bound it (EADDRINUSE).
     *
     * @param endpoint where to listen
     * @return this socket
     * @throws ZmqException if libzmq refuses, e.g. EADDRINUSE, EINVAL for a malformed endpoint,
     *         EPROTONOSUPPORT for an unknown transport; or for inproc as said above
     * @throws IllegalArgumentException if the endpoint contains a NUL character
     * @throws IllegalStateException if the socket is closed
     */
    public Socket bind(String endpoint) {
        Endpoints.apply(handle, LibZmq.EndpointVerb.BIND, endpoint);
        return this;
    }

    /**
     * Connects to an endpoint; the peer need not exist yet, and messages wait for it.
     *
     * <p>Over inproc the binding refuses what would make libzmq 4.3 abort the process: a
     * connect to a socket of a type this one cannot talk to (ENOCOMPATPROTO), and a connect of
     * a socket with CONFLATE to a name nothing has bound yet (ECONNREFUSED; bind first). The
     * first connect to a name nothing has bound yet reserves one of the context's sockets
     * (see {@link ContextOption#MAX_SOCKETS}), which the context uses to end such connections
     * safely when it closes.
     *
     * @param endpoint where to connect
     * @return this socket
     * @throws ZmqException if libzmq refuses the endpoint; for inproc as said above, or EMFILE
     *         if no socket can be reserved
     * @throws ContextTerminatedException if the context is closing (inproc to an unbound name)
     * @throws IllegalArgumentException if the endpoint contains a NUL character
     * @throws IllegalStateException if the socket is closed
     */
    public Socket connect(String endpoint) {
        Endpoints.apply(handle, LibZmq.EndpointVerb.CONNECT, endpoint);
        return this;
    }

    /**
     * Stops listening on an endpoint bound earlier (use the {@link #lastEndpoint()} form for
     * wildcard binds).
     *
     * @param endpoint the endpoint as bound
     * @return this socket
     * @throws ZmqException ENOENT if it was not bound
     * @throws IllegalStateException if the socket is closed
     */
    public Socket unbind(String endpoint) {
        Endpoints.apply(handle, LibZmq.EndpointVerb.UNBIND, endpoint);
        return this;
    }

    /**
     * Drops a connection made earlier with {@link #connect(String)}.
     *
     * @param endpoint the endpoint as connected
     * @return this socket
     * @throws ZmqException ENOENT if it was not connected
     * @throws IllegalStateException if the socket is closed
     */
    public Socket disconnect(String endpoint) {
        Endpoints.apply(handle, LibZmq.EndpointVerb.DISCONNECT, endpoint);
        return this;
    }

    /**
     * The endpoint last bound or connected, with the port a wildcard bind chose.
     *
     * @return e.g. {@code tcp://127.0.0.1:40221}
     * @throws IllegalStateException if the socket is closed
     */
    public String lastEndpoint() {
        return get(SocketOption.LAST_ENDPOINT);
    }

    /**
     * Subscribes a SUB socket to messages that start with {@code prefix} (empty: all).
     *
     * @param prefix the topic prefix
     * @return this socket
     * @throws ZmqException if the socket type has no subscriptions
     * @throws IllegalStateException if the socket is closed
     */
    public Socket subscribe(byte[] prefix) {
        return set(SocketOption.SUBSCRIBE, prefix);
    }

    /**
     * Subscribes to a UTF-8 topic prefix.
     *
     * @param prefix the topic prefix
     * @return this socket
     * @throws ZmqException if the socket type has no subscriptions
     * @throws IllegalStateException if the socket is closed
     */
    public Socket subscribe(String prefix) {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes a subscription made with the same prefix.
     *
     * @param prefix the topic prefix
     * @return this socket
     * @throws ZmqException if the socket type has no subscriptions
     * @throws IllegalStateException if the socket is closed
     */
    public Socket unsubscribe(byte[] prefix) {
        return set(SocketOption.UNSUBSCRIBE, prefix);
    }

    /**
     * Removes a UTF-8 subscription.
     *
     * @param prefix the topic prefix
     * @return this socket
     * @throws ZmqException if the socket type has no subscriptions
     * @throws IllegalStateException if the socket is closed
     */
    public Socket unsubscribe(String prefix) {
        return unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets an option.
     *
     * @param option the key, e.g. {@link SocketOption#LINGER}
     * @param value its new value
     * @param <T> the option's value type
     * @return this socket, for chaining
     * @throws IllegalArgumentException if the option is read-only, or the value malformed (a
     *         CURVE key that is neither 32 bytes nor 40 Z85 characters)
     * @throws UnsupportedOperationException if the loaded libzmq does not support the option
     *         (see {@link SocketOption#isSupported()}), or cannot take it safely (XPUB_MANUAL
     *         before libzmq 4.3.5)
     * @throws ZmqException if libzmq rejects the value (the message names option and value)
     * @throws IllegalStateException if the socket is closed, for SNDHWM and RCVHWM once it has
     *         bound or connected, and for HEARTBEAT_IVL unless RCVHWM is 0 (PUSH and PUB excepted)
     */
    public <T> Socket set(SocketOption<T> option, T value) {
        Options.set(handle, option, value);
        return this;
    }

    /**
     * Sets a {@code byte[]} option from text: UTF-8 for most, and for the CURVE keys the
     * 40-character Z85 form of the key.
     *
     * {@snippet :
     * client.set(SocketOption.CURVE_SERVERKEY, "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7");
     * }
     *
     * @param option a {@code byte[]} option, e.g. {@link SocketOption#CURVE_SERVERKEY}
     * @param text the value as text
     * @return this socket
     * @throws IllegalArgumentException if the option is read-only, or a CURVE key is not 40
     *         Z85 characters
     * @throws UnsupportedOperationException if the loaded libzmq does not support the option
     * @throws ZmqException if libzmq rejects the value
     * @throws IllegalStateException if the socket is closed
     */
    public Socket set(SocketOption<byte[]> option, String text) {
        Options.setText(handle, option, text);
        return this;
    }

    /**
     * Reads an option.
     *
     * @param option the key, e.g. {@link SocketOption#SNDHWM}
     * @param <T> the option's value type
     * @return the current value
     * @throws IllegalArgumentException if the option is write-only
     * @throws UnsupportedOperationException if the loaded libzmq does not support the option
     *         (see {@link SocketOption#isSupported()})
     * @throws ZmqException if libzmq cannot read it
     * @throws IllegalStateException if the socket is closed
     */
    public <T> T get(SocketOption<T> option) {
        return Options.get(handle, option);
    }

    /**
     * Reads a {@code byte[]} option as text: a CURVE key in its 40-character Z85 form, any
     * other value decoded as UTF-8.
     *
     * @param option a {@code byte[]} option
     * @return the value as text
     * @throws IllegalArgumentException if the option is write-only
     * @throws UnsupportedOperationException if the loaded libzmq does not support the option
     * @throws ZmqException if libzmq cannot read it
     * @throws IllegalStateException if the socket is closed
     */
    public String getString(SocketOption<byte[]> option) {
        return Options.getString(handle, option);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a UTF-8 string as the last frame of a message.
     *
     * @param text the frame's content
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses (e.g. EFSM for a REQ out of turn)
     * @throws IllegalStateException if the socket is closed
     */
    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a frame as the last of a message.
     *
     * @param data the frame's content
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses (e.g. EFSM for a REQ out of turn)
     * @throws IllegalStateException if the socket is closed
     */
    public boolean send(byte[] data) {
        return sendArray(data, 0, data.length, 0, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends part of an array as the last frame of a message.
     *
     * @param data the array
     * @param offset where the frame starts
     * @param length how many bytes
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean send(byte[] data, int offset, int length) {
        return sendArray(data, offset, length, 0, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends the remaining bytes of a buffer (heap or direct) as the last frame, and advances
     * its position past them, as a channel write does.
     *
     * @param data the buffer
     * @return {@code true}; {@code false} only if SNDTIMEO ran out (position unchanged)
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean send(ByteBuffer data) {
        return sendBuffer(data, 0, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends a segment's bytes (native or heap) as the last frame; libzmq copies them.
     *
     * @param data the frame's content
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the segment's arena is closed
     */
    public boolean send(MemorySegment data) {
        return sendSegment(data, 0, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends a UTF-8 string as a frame that more frames follow.
     *
     * @param text the frame's content
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendMore(String text) {
        return sendMore(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a frame that more frames of the same message follow.
     *
     * @param data the frame's content
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendMore(byte[] data) {
        return sendArray(data, 0, data.length, LibZmq.SNDMORE, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends part of an array as a non-final frame.
     *
     * @param data the array
     * @param offset where the frame starts
     * @param length how many bytes
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendMore(byte[] data, int offset, int length) {
        return sendArray(data, offset, length, LibZmq.SNDMORE, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends a buffer's remaining bytes as a non-final frame, advancing its position.
     *
     * @param data the buffer
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendMore(ByteBuffer data) {
        return sendBuffer(data, LibZmq.SNDMORE, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends a segment's bytes as a non-final frame.
     *
     * @param data the frame's content
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendMore(MemorySegment data) {
        return sendSegment(data, LibZmq.SNDMORE, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Sends a UTF-8 string as the last frame if that is possible without waiting.
     *
     * @param text the frame's content
     * @return {@code false} if the socket is mute (high water mark, no peer)
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean trySend(String text) {
        return trySend(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a frame as the last of a message if that is possible without waiting.
     *
     * @param data the frame's content
     * @return {@code false} if the socket is mute (high water mark, no peer)
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean trySend(byte[] data) {
        return sendArray(data, 0, data.length, 0, SocketIo.NO_WAIT);
    }

    /**
     * Sends a buffer's remaining bytes without waiting, advancing its position if sent.
     *
     * @param data the buffer
     * @return {@code false} if the socket is mute
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean trySend(ByteBuffer data) {
        return sendBuffer(data, 0, SocketIo.NO_WAIT);
    }

    /**
     * Sends a segment's bytes without waiting.
     *
     * @param data the frame's content
     * @return {@code false} if the socket is mute
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean trySend(MemorySegment data) {
        return sendSegment(data, 0, SocketIo.NO_WAIT);
    }

    /**
     * Sends a non-final frame without waiting.
     *
     * @param data the frame's content
     * @return {@code false} if the socket is mute
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean trySendMore(byte[] data) {
        return sendArray(data, 0, data.length, LibZmq.SNDMORE, SocketIo.NO_WAIT);
    }

    /**
     * Sends a multipart message: every frame or, if the first cannot be queued, none.
     *
     * @param frames the frames, at least one
     * @return {@code true}; {@code false} only if SNDTIMEO ran out before the first frame
     * @throws IllegalArgumentException if the list is empty or holds a null frame
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendMultipart(List<byte[]> frames) {
        return Multipart.send(handle, frames);
    }

    private boolean sendSegment(MemorySegment data, int flags, long timeout) {
        return SocketIo.transfer(handle, SocketIo.SEND, data, data.byteSize(), flags, timeout) >= 0;
    }

    private boolean sendArray(byte[] data, int offset, int length, int flags, long timeout) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return CopiedFrames.transfer(handle, SocketIo.SEND, data, offset, length, flags, timeout) >= 0;
    }

    private boolean sendBuffer(ByteBuffer data, int flags, long timeout) {
        return Frames.consumed(data, CopiedFrames.transfer(handle, SocketIo.SEND, data, flags, timeout) >= 0);
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Receives a frame into a new array.
     *
     * @return the frame; {@code null} only if RCVTIMEO ran out
     * @throws ZmqException if libzmq refuses (e.g. EFSM)
     * @throws IllegalStateException if the socket is closed, or the frame exceeds 2 GiB
     */
    public byte[] receive() {
        return receiveArray(SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Receives a frame and decodes it as UTF-8.
     *
     * @return the text; {@code null} only if RCVTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public String receiveString() {
        byte[] data = receive();
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /**
     * Receives a frame into an array; bytes beyond its length are dropped.
     *
     * @param buffer where to put the frame
     * @return the frame's full size (larger than {@code buffer.length} if truncated); -1 only
     *         if RCVTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public int receive(byte[] buffer) {
        return CopiedFrames.transfer(handle, SocketIo.RECV, buffer, 0, buffer.length, 0, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Receives a frame into a buffer's remaining space, advancing its position by the bytes
     * stored.
     *
     * @param buffer where to put the frame
     * @return the frame's full size (larger than the space if truncated); -1 only if RCVTIMEO
     *         ran out
     * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public int receive(ByteBuffer buffer) {
        Frames.checkWritable(buffer);
        return Frames.filled(buffer, CopiedFrames.transfer(handle, SocketIo.RECV, buffer, 0, SocketIo.SOCKET_TIMEOUT));
    }

    /**
     * Receives a frame into a segment; bytes beyond its size are dropped.
     *
     * @param buffer where to put the frame
     * @return the frame's full size (larger than the segment if truncated); -1 only if
     *         RCVTIMEO ran out
     * @throws UnsupportedOperationException if the segment is read-only
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the segment's arena is closed
     */
    public int receive(MemorySegment buffer) {
        return SocketIo.transfer(handle, SocketIo.RECV, buffer, buffer.byteSize(), 0, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Receives a frame if one is waiting.
     *
     * @return the frame, or {@code null} if none is waiting
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public byte[] tryReceive() {
        return receiveArray(SocketIo.NO_WAIT);
    }

    /**
     * Receives a frame into an array if one is waiting.
     *
     * @param buffer where to put the frame
     * @return the frame's full size, or -1 if none is waiting
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public int tryReceive(byte[] buffer) {
        return CopiedFrames.transfer(handle, SocketIo.RECV, buffer, 0, buffer.length, 0, SocketIo.NO_WAIT);
    }

    /**
     * Receives a frame into a segment if one is waiting.
     *
     * @param buffer where to put the frame
     * @return the frame's full size, or -1 if none is waiting
     * @throws UnsupportedOperationException if the segment is read-only
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the segment's arena is closed
     */
    public int tryReceive(MemorySegment buffer) {
        return SocketIo.transfer(handle, SocketIo.RECV, buffer, buffer.byteSize(), 0, SocketIo.NO_WAIT);
    }

    /**
     * Whether the frame received last is followed by more frames of the same message.
     *
     * @return the RCVMORE option
     * @throws IllegalStateException if the socket is closed
     */
    public boolean hasMore() {
        return get(SocketOption.RCVMORE);
    }

    /**
     * Receives every frame of the next message.
     *
     * @return the frames; {@code null} only if RCVTIMEO ran out before the first
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public List<byte[]> receiveMultipart() {
        return Multipart.receive(handle, SocketIo.SOCKET_TIMEOUT);
    }

    private byte[] receiveArray(long timeout) {
        handle.acquire();
        try {
            return receiveArrayHeld(handle, timeout);
        } finally {
            handle.release();
        }
    }

    /** Receives one frame through the socket's own zmq_msg_t; the caller holds the socket. */
    static byte[] receiveArrayHeld(SocketHandle handle, long timeout) {
        MemorySegment msg = handle.message;
        if (SocketIo.transferHeld(handle, SocketIo.MSG_RECV, msg, 0, 0, timeout) < 0) {
            return null;
        }
        long size = LibZmq.msgSize(msg);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a frame of " + size + " bytes does not fit a byte[]; "
                    + "receive it into a MemorySegment");
        }
        byte[] out = new byte[(int) size];
        MemorySegment.copy(LibZmq.msgData(msg).reinterpret(size), ValueLayout.JAVA_BYTE, 0, out, 0, (int) size);
        Frames.reset(handle);
        return out;
    }

    // ---------------------------------------------------------------- deadlines and monitoring (issue #5)
    // These take their own timeout; RCVTIMEO and SNDTIMEO do not apply to them.

    /**
     * Receives a frame, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return the frame, or {@code null} if none arrived in time
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting (see there)
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the socket is closed (also by another thread while
     *         waiting) or in use by another thread
     * @throws ZmqException if libzmq refuses (e.g. EFSM)
     */
    public byte[] receive(Duration timeout) {
        return receiveArray(Timeouts.millis(timeout));
    }

    /**
     * Receives a frame as UTF-8 text, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return the text, or {@code null} if no frame arrived in time
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the socket is closed or in use by another thread
     * @throws ZmqException if libzmq refuses
     */
    public String receiveString(Duration timeout) {
        byte[] data = receive(timeout);
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /**
     * Receives a frame into an array, waiting at most {@code timeout}; bytes beyond its length
     * are dropped.
     *
     * @param buffer where to put the frame
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return the frame's full size (larger than {@code buffer.length} if truncated), or -1 if
     *         none arrived in time
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the socket is closed or in use by another thread
     * @throws ZmqException if libzmq refuses
     */
    public int receive(byte[] buffer, Duration timeout) {
        return SocketIo.transfer(handle, SocketIo.RECV, MemorySegment.ofArray(buffer), buffer.length, 0,
                Timeouts.millis(timeout));
    }

    /**
     * Sends a frame as the last of a message, waiting at most {@code timeout} for room.
     *
     * @param data the frame's content
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return {@code true} if sent, {@code false} if the time ran out (nothing was sent)
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the socket is closed or in use by another thread
     * @throws ZmqException if libzmq refuses (e.g. EFSM)
     */
    public boolean send(byte[] data, Duration timeout) {
        return sendSegment(MemorySegment.ofArray(data), 0, Timeouts.millis(timeout));
    }

    /**
     * Sends a UTF-8 string as the last frame of a message, waiting at most {@code timeout}.
     *
     * @param text the frame's content
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return {@code true} if sent, {@code false} if the time ran out (nothing was sent)
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the socket is closed or in use by another thread
     * @throws ZmqException if libzmq refuses
     */
    public boolean send(String text, Duration timeout) {
        return send(text.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * Starts reporting this socket's connection events (see {@link Monitor}). May be called
     * from any thread, also while another thread uses the socket.
     *
     * @param events the events to report, e.g. {@code EnumSet.of(Type.CONNECTED, Type.DISCONNECTED)}
     * @return the monitor; close it to stop
     * @throws IllegalArgumentException if {@code events} is empty
     * @throws UnsupportedOperationException if {@code events} holds
     *         {@link MonitorEvent.Type#PIPES_STATS}, which needs libzmq's draft API
     * @throws IllegalStateException if the socket is closed or already has a monitor
     * @throws ZmqException if libzmq refuses
     */
    public Monitor monitor(Set<MonitorEvent.Type> events) {
        return Monitor.start(this, events);
    }

    /**
     * Starts reporting every connection event of this socket.
     *
     * @return the monitor; close it to stop
     * @throws IllegalStateException if the socket is closed or already has a monitor
     * @throws ZmqException if libzmq refuses
     */
    public Monitor monitor() {
        return Monitor.start(this, MonitorEvent.Type.ALL);
    }

    // ---------------------------------------------------------------- messages (zero-copy, issue #4)

    /**
     * Sends a message's content as the last frame of a message, without copying it; the
     * message is empty afterwards (as after {@code zmq_msg_send}) and may be rebuilt or
     * received into.
     *
     * @param message the frame; its content moves to libzmq
     * @return {@code true}; {@code false} only if SNDTIMEO ran out (the content stays in the message)
     * @throws ZmqException if libzmq refuses (e.g. EFSM for a REQ out of turn)
     * @throws IllegalStateException if the socket or the message is closed, or either is in
     *         use by another thread
     */
    public boolean send(Message message) {
        return message.transfer(handle, SocketIo.MSG_SEND, 0, SocketIo.SOCKET_TIMEOUT) >= 0;
    }

    /**
     * Sends a message's content as a frame that more frames follow, without copying it.
     *
     * @param message the frame; its content moves to libzmq
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the message is closed or in use
     */
    public boolean sendMore(Message message) {
        return message.transfer(handle, SocketIo.MSG_SEND, LibZmq.SNDMORE, SocketIo.SOCKET_TIMEOUT) >= 0;
    }

    /**
     * Sends a message's content as the last frame if that is possible without waiting.
     *
     * @param message the frame; its content moves to libzmq if sent
     * @return {@code false} if the socket is mute (high water mark, no peer); the content stays
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the message is closed or in use
     */
    public boolean trySend(Message message) {
        return message.transfer(handle, SocketIo.MSG_SEND, 0, SocketIo.NO_WAIT) >= 0;
    }

    /**
     * Sends a message's content as a non-final frame if that is possible without waiting.
     *
     * @param message the frame; its content moves to libzmq if sent
     * @return {@code false} if the socket is mute; the content stays
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the message is closed or in use
     */
    public boolean trySendMore(Message message) {
        return message.transfer(handle, SocketIo.MSG_SEND, LibZmq.SNDMORE, SocketIo.NO_WAIT) >= 0;
    }

    /**
     * Sends memory that lives as long as the process without copying it or tracking it
     * ({@code zmq_send_const}), as the last frame of a message: constant tables, banners.
     * Only memory of the global scope qualifies ({@link java.lang.foreign.Arena#global()}, or a
     * native address made accessible with {@code reinterpret}); for anything else use
     * {@link Message#wrap}, which tells when libzmq is done.
     *
     * @param data the frame's content; never written or freed afterwards
     * @return {@code true}; {@code false} only if SNDTIMEO ran out
     * @throws IllegalArgumentException if {@code data} is on the heap or not of the global scope
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket is closed
     */
    public boolean sendConst(MemorySegment data) {
        Lifetimes.checkForever(data);
        return SocketIo.transfer(handle, SocketIo.SEND_CONST, data, data.byteSize(), 0, SocketIo.SOCKET_TIMEOUT) >= 0;
    }

    /**
     * Receives a frame into {@code message}, replacing its content, without copying:
     * {@link Message#data()} then views libzmq's buffer, and {@link Message#more()} says whether
     * more frames of the same message follow.
     *
     * @param message where the frame goes; reuse it across receives
     * @return {@code true}; {@code false} only if RCVTIMEO ran out (libzmq then leaves the message empty)
     * @throws ZmqException if libzmq refuses (e.g. EFSM)
     * @throws IllegalStateException if the socket or the message is closed or in use, or the
     *         message was closed by another thread during the receive (the frame is then lost)
     */
    public boolean receive(Message message) {
        return message.transfer(handle, SocketIo.MSG_RECV, 0, SocketIo.SOCKET_TIMEOUT) >= 0;
    }

    /**
     * Receives a frame into {@code message} if one is waiting.
     *
     * @param message where the frame goes
     * @return {@code false} if none is waiting (libzmq then leaves the message empty)
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or the message is closed or in use
     */
    public boolean tryReceive(Message message) {
        return message.transfer(handle, SocketIo.MSG_RECV, 0, SocketIo.NO_WAIT) >= 0;
    }

    /**
     * Receives every frame of the next message into reusable messages: frame {@code i} goes
     * into {@code into.get(i)}, and new messages are appended when the list is too short (so
     * after a warm-up a loop allocates nothing). Messages past the last frame are left as they
     * are; close them all when done.
     *
     * {@snippet :
     * List<Message> frames = new ArrayList<>();
     * int n = router.receiveMultipart(frames);   // frames.get(0) is the routing id
     * }
     *
     * @param into the messages to fill; must accept {@code add} if it may be too short
     * @return the number of frames; -1 only if RCVTIMEO ran out before the first
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or a message is closed or in use, or the same
     *         message appears twice in the list
     * @throws UnsupportedOperationException if the list is too short and cannot grow
     */
    public int receiveMultipart(List<Message> into) {
        return Multipart.receive(handle, into, SocketIo.SOCKET_TIMEOUT);
    }

    /**
     * Receives every frame of the next message into reusable messages, if one is waiting.
     *
     * @param into the messages to fill, as for {@link #receiveMultipart(List)}
     * @return the number of frames, or -1 if no message is waiting
     * @throws ZmqException if libzmq refuses
     * @throws IllegalStateException if the socket or a message is closed or in use
     * @throws UnsupportedOperationException if the list is too short and cannot grow
     */
    public int tryReceiveMultipart(List<Message> into) {
        return Multipart.receive(handle, into, SocketIo.NO_WAIT);
    }

    // ---------------------------------------------------------------- end of messages (issue #4)

    // ---------------------------------------------------------------- wait strategy (issue #9)

    /**
     * Sets how long a blocking call on this socket spins before it parks its thread, instead of
     * the context's {@link Context#setSpinBudget spin budget}. {@link Duration#ZERO} never spins.
     * Callable from any thread; takes effect at the next wait.
     *
     * {@snippet :
     * Socket feed = ctx.socket(SocketType.SUB).setSpinBudget(Duration.ofMillis(1));
     * }
     *
     * @param budget how long to spin at most; {@link Duration#ZERO} for never
     * @return this socket
     * @throws NullPointerException if {@code budget} is null
     * @throws IllegalArgumentException if {@code budget} is negative
     * @throws IllegalStateException if the socket is closed
     */
    public Socket setSpinBudget(Duration budget) {
        long nanos = SpinPolicy.nanos(budget);
        checkOpen();
        handle.spinPolicy.setBudget(nanos);
        return this;
    }

    /**
     * How long a blocking call on this socket spins before it parks: its own budget if set,
     * else its context's.
     *
     * @return the budget; {@link Duration#ZERO} if it never spins
     * @throws IllegalStateException if the socket is closed
     */
    public Duration spinBudget() {
        checkOpen();
        return Duration.ofNanos(handle.spinPolicy.budgetNanos());
    }

    private void checkOpen() {
        if (handle.isClosed()) {
            throw handle.closed();
        }
    }

    // ---------------------------------------------------------------- ownership (issue #8)

    /**
     * Hands this socket over to another thread, which owns it from now on.
     *
     * <p>A ZeroMQ socket may move between threads if the move is a full memory barrier, which
     * this call is. It matters when owner-thread checking is on ({@code -Dzmq.checkThreads=true}):
     * then only the owner, the thread that created the socket or the last one named here, may
     * use it, and any other thread gets {@link IllegalStateException} naming both threads. With
     * the check off (the default) it only records the owner, which
     * {@link Context#close(Duration)} uses to decide whose sockets to wait for.
     *
     * {@snippet :
     * Socket worker = ctx.socket(SocketType.PULL).bind("inproc://jobs");
     * Thread t = Thread.ofPlatform().unstarted(() -> consume(worker));
     * worker.transferTo(t);
     * t.start();
     * }
     *
     * @param thread the new owner
     * @return this socket
     * @throws IllegalStateException if the socket is closed or in use, or, with the check on,
     *         if the calling thread does not own it
     * @throws NullPointerException if {@code thread} is null
     */
    public Socket transferTo(Thread thread) {
        handle.transferTo(Objects.requireNonNull(thread, "thread"));
        return this;
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * Whether {@link #close()} has been called (or the context closed the socket).
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * Closes the socket. Idempotent and callable from any thread; a thread blocked on this
     * socket wakes with {@link IllegalStateException} before libzmq's socket is closed.
     * Unsent messages are kept for LINGER milliseconds (0 unless set).
     */
    @Override
    public void close() {
        handle.close(SocketHandle.CLOSED_BY_USER);
    }

    /** {@return the type and state, e.g. "Socket[REP, open]"} */
    @Override
    public String toString() {
        return "Socket[" + handle.type + (handle.isClosed() ? ", closed]" : ", open]");
    }
}
