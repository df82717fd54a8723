package io.github.zmqffm.internal.io;

import java.lang.foreign.MemorySegment;

/**
 * The segment of the array a socket's caller passed to libzmq last, one way: made again only
 * when the array changes, so that a caller that reuses its buffer gets the same wrapper. One made
 * per call was not removed by escape analysis in every caller (144 to 224 bytes a frame,
 * ArrayFramesTest and SocketSendReceiveTest), and the binding must not allocate per frame. Holds
 * one of the caller's arrays until the next. Used by the thread inside an exclusive socket only.
 */
final class ArraySegment {
    private byte[] array;
    private MemorySegment segment;

    /** {@return a segment over all of {@code array}} */
    MemorySegment of(byte[] array) {
        if (array != this.array) {
            segment = MemorySegment.ofArray(array);
            this.array = array;
        }
        return segment;
    }
}
