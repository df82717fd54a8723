package io.github.zmqffm;

import java.lang.foreign.MemorySegment;

/**
 * Sends and receives Java heap memory (byte arrays, heap buffers) through the thread's own
 * {@code zmq_msg_t}, with exactly the one copy {@code zmq_send}/{@code zmq_recv} would make.
 *
 * <p>Only critical calls may take heap memory, and sends and receives cannot be critical: they
 * may run a zero-copy message's free function, an upcall (see {@link LibZmq}). So a send copies
 * the array into a message that libzmq allocated, and a receive copies out of the message
 * libzmq filled, then closes it at once so that a zero-copy sender learns of the release.
 */
final class HeapFrames {
    private HeapFrames() {
    }

    static int send(SocketHandle handle, MemorySegment data, long length, int flags, long timeoutMillis) {
        MemorySegment capture = handle.capture();
        MemorySegment msg = Scratch.get().message;
        if (LibZmq.msgInitSize(capture, msg, length) < 0) {
            throw ZmqException.of("send", Native.errno(capture));
        }
        int rc = -1;
        try {
            MemorySegment.copy(data, 0, LibZmq.msgData(msg).reinterpret(length), 0, length);
            rc = SocketIo.transferHeld(handle, SocketIo.MSG_SEND, msg, 0, flags, timeoutMillis);
            return rc;
        } finally {
            if (rc < 0) {
                empty(capture, msg);
            }
        }
    }

    static int receive(SocketHandle handle, MemorySegment buffer, long length, int flags, long timeoutMillis) {
        MemorySegment msg = Scratch.get().message;
        int rc = SocketIo.transferHeld(handle, SocketIo.MSG_RECV, msg, 0, flags, timeoutMillis);
        if (rc < 0) {
            return rc;
        }
        try {
            long size = LibZmq.msgSize(msg);
            MemorySegment.copy(LibZmq.msgData(msg).reinterpret(size), 0, buffer, 0, Math.min(size, length));
            return rc;
        } finally {
            empty(handle.capture(), msg);
        }
    }

    /** Releases what the message holds and leaves it initialized and empty. */
    private static void empty(MemorySegment capture, MemorySegment msg) {
        LibZmq.msgClose(capture, msg);
        LibZmq.msgInit(capture, msg);
    }
}
