package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.MsgHandle;

import java.util.List;
import java.util.Objects;

/**
 * The checks and bookkeeping of whole multipart messages, for {@link SocketIo}, which holds the
 * socket throughout so that no other caller's frames interleave.
 */
public final class MultipartIo {
    /**
     * Where a multipart receive into reusable messages puts each frame: a message of the caller's
     * {@code frames}. The frames are passed in rather than captured, so that one constant serves
     * every call and a receive loop allocates nothing.
     *
     * @param <L> what holds the messages (the caller's list)
     */
    @FunctionalInterface
    public interface Slots<L> {
        /**
         * The message for frame {@code index}, made if the caller's list is too short.
         *
         * @throws UnsupportedOperationException if the list is too short and cannot grow
         */
        MsgHandle at(L frames, int index);
    }

    private MultipartIo() {
    }

    /**
     * Copies the frames into an array, so that every frame is checked before the first is sent.
     *
     * @throws IllegalArgumentException if the list is empty or holds a null frame
     */
    static byte[][] checked(List<byte[]> frames) {
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one frame");
        }
        byte[][] checked = new byte[frames.size()][];
        for (int i = 0; i < checked.length; i++) {
            checked[i] = frames.get(i);
            if (checked[i] == null) {
                throw new IllegalArgumentException("frame " + i + " of " + checked.length + " is null");
            }
        }
        return checked;
    }

    /** Leaves the messages a multipart receive entered; reports a lost frame only if nothing else failed. */
    static <L> void leaveAll(L frames, Slots<L> slots, int entered, boolean report) {
        boolean lost = false;
        for (int i = 0; i < entered; i++) {
            lost |= slots.at(frames, i).leave();
        }
        if (lost && report) {
            throw MsgHandle.lostFrame();
        }
    }
}
