package io.github.zmqffm;

import io.github.zmqffm.internal.io.Utf8;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A whole multipart message as a mutable list of frames, with the envelope operations of the
 * ZeroMQ guide (JeroMQ's {@code ZMsg}, czmq's {@code zmsg}): frames pushed onto and popped off
 * the front, an address wrapped with its empty delimiter and unwrapped again, text frames, and a
 * readable dump. {@link Socket#sendMultipart(List)} sends one and {@link Socket#receiveMultipart()}
 * receives one, each in one call, all frames or none.
 *
 * {@snippet :
 * Multipart request = router.receiveMultipart();   // [client id][""][body]
 * byte[] client = request.unwrap();                 // pops the id and the empty delimiter
 * String body = request.popString();
 * Multipart reply = Multipart.of("ok: " + body);
 * reply.wrap(client);                               // [client id][""]["ok: ..."]
 * router.sendMultipart(reply);
 * }
 *
 * <p>Frames are {@code byte[]}, held as given (not copied); the list is mutable and not
 * thread-safe, and it refuses null frames with {@link NullPointerException}. Popping or
 * unwrapping an empty message throws {@link java.util.NoSuchElementException}.
 */
public final class Multipart extends AbstractList<byte[]> implements RandomAccess {
    private static final byte[] EMPTY = new byte[0];
    /** A dump shows frames up to this many bytes in full. */
    private static final int DUMP_LIMIT = 64;

    private final ArrayList<byte[]> frames;

    /** An empty message. */
    public Multipart() {
        frames = new ArrayList<>();
    }

    /**
     * A message of these frames, in order.
     *
     * @param frames the frames, none null
     * @throws NullPointerException if a frame is null
     */
    public Multipart(Collection<byte[]> frames) {
        this.frames = new ArrayList<>(frames.size());
        addAll(frames);
    }

    /**
     * A message of these frames.
     *
     * @return a new message
     * @throws NullPointerException if a frame is null
     */
    public static Multipart of(byte[]... frames) {
        return new Multipart(List.of(frames));
    }

    /**
     * A message of these texts, each a UTF-8 frame.
     *
     * @return a new message
     */
    public static Multipart of(String... frames) {
        Multipart message = new Multipart();
        for (String frame : frames) {
            message.add(frame);
        }
        return message;
    }

    @Override
    public byte[] get(int index) {
        return frames.get(index);
    }

    /**
     * The frame at {@code index} as UTF-8 text.
     *
     * @return the text
     */
    public String getString(int index) {
        return Utf8.text(get(index));
    }

    @Override
    public int size() {
        return frames.size();
    }

    @Override
    public byte[] set(int index, byte[] frame) {
        return frames.set(index, Objects.requireNonNull(frame, "frame"));
    }

    @Override
    public void add(int index, byte[] frame) {
        frames.add(index, Objects.requireNonNull(frame, "frame"));
        modCount++;
    }

    @Override
    public byte[] remove(int index) {
        modCount++;
        return frames.remove(index);
    }

    /**
     * Appends a UTF-8 text frame.
     *
     * @return {@code true}, as {@link List#add} does
     */
    public boolean add(String frame) {
        return add(Utf8.bytes(frame));
    }

    /**
     * Puts a frame in front of the others.
     *
     * @return this message
     */
    public Multipart push(byte[] frame) {
        add(0, frame);
        return this;
    }

    /**
     * Puts a UTF-8 text frame in front of the others.
     *
     * @return this message
     */
    public Multipart push(String frame) {
        return push(Utf8.bytes(frame));
    }

    /**
     * Takes the first frame off.
     *
     * @return the frame
     * @throws java.util.NoSuchElementException if the message is empty
     */
    public byte[] pop() {
        return removeFirst();
    }

    /**
     * Takes the first frame off, as UTF-8 text.
     *
     * @return the text
     * @throws java.util.NoSuchElementException if the message is empty
     */
    public String popString() {
        return Utf8.text(pop());
    }

    /**
     * Puts an address in front, followed by an empty delimiter frame: the envelope a ROUTER
     * reads to route the message, and the one a REQ socket expects.
     *
     * @param address e.g. a routing id received from a ROUTER
     * @return this message
     */
    public Multipart wrap(byte[] address) {
        push(EMPTY);
        return push(address);
    }

    /**
     * Takes the address off the front, and the empty delimiter frame after it if there is one.
     *
     * @return the address
     * @throws java.util.NoSuchElementException if the message is empty
     */
    public byte[] unwrap() {
        byte[] address = pop();
        if (!isEmpty() && get(0).length == 0) {
            pop();
        }
        return address;
    }

    /**
     * A readable dump for debugging, one line per frame: its size, then the frame as text if it
     * is printable ASCII, else in hex; long frames are cut.
     *
     * {@snippet :
     * [005] 0x0080000041
     * [000]
     * [005] hello
     * }
     *
     * @return the dump, one line per frame
     */
    public String dump() {
        StringBuilder out = new StringBuilder();
        for (byte[] frame : frames) {
            out.append(String.format("[%03d] ", frame.length));
            int shown = Math.min(frame.length, DUMP_LIMIT);
            if (isText(frame, shown)) {
                out.append(new String(frame, 0, shown, StandardCharsets.US_ASCII));
            } else {
                out.append("0x").append(HexFormat.of().formatHex(frame, 0, shown));
            }
            out.append(shown < frame.length ? "...\n" : "\n");
        }
        return out.toString().stripTrailing();
    }

    /** {@return the {@link #dump()}} */
    @Override
    public String toString() {
        return dump();
    }

    private static boolean isText(byte[] frame, int length) {
        for (int i = 0; i < length; i++) {
            if (frame[i] < 0x20 || frame[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
