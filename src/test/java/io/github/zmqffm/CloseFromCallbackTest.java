package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A zero-copy release listener runs on whatever thread drops libzmq's last reference, which can
 * be a thread inside a call on a socket; closing that socket from the listener must be refused
 * without harm. (It used to mark the socket closed before refusing, which left it closed for the
 * application but never closed in libzmq.)
 */
@Timeout(30)
class CloseFromCallbackTest {
    @RegisterExtension
    final ContextFixture zmq = new ContextFixture();

    @Test
    void closingTheSocketWhoseCallRunsTheListenerIsRefusedAndLeavesItOpen() throws Exception {
        Socket receiver = zmq.socket(SocketType.PAIR).set(SocketOption.RCVTIMEO, 10_000);
        Socket sender = zmq.socket(SocketType.PAIR).connect(Transport.INPROC.bind(receiver));
        MemorySegment buffer = Arena.ofAuto().allocateFrom("zero copy");
        AtomicReference<Throwable> listenerFailure = new AtomicReference<>();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("receiver").unstarted(() -> {
            // Over inproc the receive into an array releases the buffer inside the receive call.
            received.complete(receiver.receive());
        });
        thread.setUncaughtExceptionHandler((t, e) -> listenerFailure.set(e));
        receiver.transferTo(thread);
        try (Message message = Message.wrap(buffer, released -> receiver.close())) {
            sender.send(message);
        }
        thread.start();
        assertArrayEquals(buffer.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), ZmqFixtures.valueOf(received));
        thread.join();

        assertInstanceOf(IllegalStateException.class, listenerFailure.get());
        assertEquals("a socket cannot be closed from inside a call on it", listenerFailure.get().getMessage());
        assertFalse(receiver.isClosed(), "the refused close left the socket marked closed");
        sender.send("still open");
        assertEquals("still open", receiver.receiveString());
    }
}
