package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whole multipart messages, sent and received while holding the socket so that no other
 * caller's frames interleave. libzmq delivers a message atomically and, once it has accepted
 * the first frame, accepts the rest without waiting, so "all frames or none" holds as long as
 * every frame is checked before the first goes out.
 */
final class Multipart {
    private Multipart() {
    }

    static boolean send(SocketHandle handle, List<byte[]> frames) {
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
        handle.acquire();
        try {
            for (int i = 0; i < checked.length; i++) {
                int flags = i < checked.length - 1 ? LibZmq.SNDMORE : 0;
                long timeout = i == 0 ? SocketIo.SOCKET_TIMEOUT : SocketIo.FOREVER;
                MemorySegment frame = MemorySegment.ofArray(checked[i]);
                if (SocketIo.transferHeld(handle, SocketIo.SEND, frame, checked[i].length, flags, timeout) < 0) {
                    return false;
                }
            }
            return true;
        } finally {
            handle.release();
        }
    }

    static List<byte[]> receive(SocketHandle handle, long timeout) {
        handle.acquire();
        try {
            byte[] first = Socket.receiveArrayHeld(handle, timeout);
            if (first == null) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (Options.readInt(handle, SocketOption.RCVMORE) != 0) {
                frames.add(Socket.receiveArrayHeld(handle, SocketIo.FOREVER));
            }
            return frames;
        } finally {
            handle.release();
        }
    }

    /**
     * Receives every frame of the next message into {@code into}, reusing its messages and
     * appending new ones when it is too short; messages past the last frame are left as they are.
     *
     * @return the number of frames, or -1 if the time ran out before the first
     */
    static int receive(SocketHandle handle, List<Message> into, long timeout) {
        Objects.requireNonNull(into, "into");
        handle.acquire();
        int entered = 0;
        boolean received = false;
        boolean completed = false;
        try {
            int more = 1;
            while (more == 1) {
                if (entered == into.size()) {
                    into.add(new Message());
                }
                Message message = into.get(entered);
                Objects.requireNonNull(message, () -> "message " + into.indexOf(null) + " of the list is null");
                message.enterForMultipart();
                entered++;
                more = message.receiveHeld(handle, entered == 1 ? timeout : SocketIo.FOREVER);
                received |= more >= 0;
            }
            completed = true;
            return received ? entered : -1;
        } finally {
            handle.release();
            exitAll(into, entered, received, completed);
        }
    }

    /** Leaves the messages a multipart receive entered; reports a lost frame only if nothing else failed. */
    private static void exitAll(List<Message> messages, int entered, boolean received, boolean report) {
        IllegalStateException lost = null;
        for (int i = 0; i < entered; i++) {
            try {
                messages.get(i).exitAfterMultipart(received);
            } catch (IllegalStateException e) {
                lost = e;
            }
        }
        if (lost != null && report) {
            throw lost;
        }
    }
}
