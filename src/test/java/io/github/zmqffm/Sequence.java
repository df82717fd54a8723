package io.github.zmqffm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.zmqffm.PeerSide.elapsedMillis;
import static io.github.zmqffm.PeerSide.say;

/**
 * Numbered frames for the roles of {@link PeerRoles}, and the check of what arrives: how many
 * came, how many a jump skipped (lost), how many came after a higher one (reordered), and when
 * each came. Prints "received n ms" every {@code report} frames.
 */
final class Sequence {
    /** What a sender sends until its peers are in place: shorter than any numbered frame. */
    static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);

    private final int report;
    private final List<Long> arrivals = new ArrayList<>();
    private long received;
    private long lost;
    private long reordered;
    private long previous = -1;
    private int size;

    Sequence(int report) {
        this.report = report;
    }

    /** An 8-byte sequence number, padded to {@code size} bytes. */
    static byte[] frame(long sequence, int size) {
        return ByteBuffer.allocate(Math.max(size, Long.BYTES)).putLong(0, sequence).array();
    }

    /** Whether {@code frame} carries a number (a probe does not). */
    static boolean isNumbered(byte[] frame) {
        return frame.length >= Long.BYTES;
    }

    private static long sequenceOf(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong(0);
    }

    /** The highest number so far, -1 before the first. */
    long last() {
        return previous;
    }

    /** How many numbered frames came. */
    long received() {
        return received;
    }

    /** Takes one numbered frame. */
    void take(byte[] frame) {
        long sequence = sequenceOf(frame);
        size = frame.length;
        arrivals.add(System.nanoTime());
        if (sequence <= previous) {
            reordered++;
        } else {
            lost += sequence - previous - 1;
            previous = sequence;
        }
        if (++received % report == 0) {
            say("received " + received + " " + elapsedMillis());
        }
    }

    /**
     * The payload rate between the middle and the last arrival, in kbit/s; 0 for fewer than
     * 4 arrivals.
     */
    long kbps() {
        if (arrivals.size() < 4) {
            return 0;
        }
        int half = arrivals.size() / 2;
        long nanos = arrivals.getLast() - arrivals.get(half);
        long bits = (long) (arrivals.size() - 1 - half) * size * 8;
        return nanos == 0 ? Long.MAX_VALUE : bits * 1_000_000 / nanos;
    }

    /** {@return "received=R lost=L reordered=O last=S"} */
    @Override
    public String toString() {
        return "received=" + received + " lost=" + lost + " reordered=" + reordered + " last=" + previous;
    }
}
