package io.github.zmqffm;

import io.github.zmqffm.internal.io.SocketIo;
import io.github.zmqffm.internal.io.Timeouts;
import io.github.zmqffm.internal.io.Utf8;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Scratch;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A socket's connection events, as {@link Socket#monitor(Set)} reports them.
 *
 * {@snippet :
 * try (Monitor monitor = server.monitor(EnumSet.of(MonitorEvent.Type.ACCEPTED,
 *                                                  MonitorEvent.Type.DISCONNECTED))) {
 *     MonitorEvent event = monitor.receive(Duration.ofSeconds(5));
 *     if (event != null) {
 *         System.out.println(event);   // ACCEPTED(fd 12) tcp://127.0.0.1:40221
 *     }
 * }
 * }
 *
 * <p>Built on {@code zmq_socket_monitor}: libzmq publishes each event on an {@code inproc} PAIR
 * socket, which this monitor reads. Events wait in an unbounded queue until read (so a slow
 * reader can never block libzmq's I/O threads); read them or close the monitor.
 * {@link #close()} stops libzmq's side first, which reports {@link MonitorEvent.Type#MONITOR_STOPPED}
 * if asked for, then closes the reading socket. Closing the monitored socket ends the events
 * too, with {@code MONITOR_STOPPED} last.
 *
 * <p>A monitor is read by one thread at a time; it may be a different thread from the one that
 * uses the monitored socket. Blocking reads follow the binding's interrupt contract (see
 * {@link ZmqInterruptedException}) and end with {@link ContextTerminatedException} when the
 * context closes.
 */
public final class Monitor implements AutoCloseable {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    /** First frame: a 16-bit event number, then a 32-bit value, in the host's byte order. */
    private static final int EVENT_FRAME_SIZE = 6;

    private final SocketHandle monitored;
    private final SocketIo reader;
    private final String endpoint;

    private Monitor(SocketHandle monitored, SocketIo reader, String endpoint) {
        this.monitored = monitored;
        this.reader = reader;
        this.endpoint = endpoint;
    }

    /** Starts monitoring a socket, for {@code Socket.monitor}. */
    static Monitor start(SocketIo socket, Set<MonitorEvent.Type> events) {
        int mask = MonitorEvent.Type.maskOf(events);
        SocketHandle monitored = socket.handle();
        monitored.checkOpen("monitor");
        String endpoint = "inproc://zmq-ffm.monitor-" + NEXT_ID.incrementAndGet();
        SocketIo reader = new SocketIo(SocketHandle.open(monitored.context, SocketType.PAIR));
        // Read by whichever thread reads the monitor, not necessarily the one starting it.
        reader.handle().record.disown();
        try {
            // Unbounded: libzmq's I/O threads send events blocking, and must never wait for us.
            reader.set(SocketOption.RCVHWM.spec(), 0);
            Monitor monitor = new Monitor(monitored, reader, endpoint);
            MemorySegment name = Scratch.get().cString(endpoint);
            monitored.startMonitor(monitor, name, mask);
            // libzmq bound the name itself: without this the reader's connect would count as
            // connect-before-bind and make the context reserve a socket for nothing.
            monitored.context.inproc.boundByLibzmq(endpoint, SocketType.PAIR);
            reader.endpoint(LibZmq.EndpointVerb.CONNECT, endpoint);
            return monitor;
        } catch (RuntimeException | Error e) {
            reader.handle().close();
            throw e;
        }
    }

    /**
     * Waits for the next event.
     *
     * @return the event
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the monitor is closed (also by another thread while
     *         waiting) or read by another thread
     */
    public MonitorEvent receive() {
        return next(Timeouts.FOREVER);
    }

    /**
     * Waits at most {@code timeout} for the next event. After
     * {@link MonitorEvent.Type#MONITOR_STOPPED} no event follows.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return the event, or {@code null} if none came in time
     * @throws IllegalArgumentException if the timeout is negative
     * @throws ZmqInterruptedException if the thread is interrupted while waiting
     * @throws ContextTerminatedException if the context closes while waiting
     * @throws IllegalStateException if the monitor is closed or read by another thread
     */
    public MonitorEvent receive(Duration timeout) {
        return next(Timeouts.millis(timeout));
    }

    /**
     * Takes the next event if one is waiting.
     *
     * @return the event, or {@code null} if none is waiting
     * @throws IllegalStateException if the monitor is closed or read by another thread
     */
    public MonitorEvent tryReceive() {
        return next(Timeouts.NO_WAIT);
    }

    private MonitorEvent next(long timeoutMillis) {
        List<byte[]> frames = new ArrayList<>(2);
        if (!reader.receiveMultipart(frames, timeoutMillis)) {
            return null;
        }
        if (frames.size() != 2 || frames.get(0).length != EVENT_FRAME_SIZE) {
            throw new IllegalStateException("malformed monitor event: " + frames.size() + " frames");
        }
        ByteBuffer head = ByteBuffer.wrap(frames.get(0)).order(ByteOrder.nativeOrder());
        int event = Short.toUnsignedInt(head.getShort(0));
        long value = Integer.toUnsignedLong(head.getInt(2));
        return new MonitorEvent(MonitorEvent.Type.of(event), value, Utf8.text(frames.get(1)));
    }

    /**
     * Whether {@link #close()} was called (or the context closed).
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return reader.handle().isClosed();
    }

    /**
     * Stops monitoring and closes the reading socket. Idempotent, callable from any thread,
     * also while another thread uses the monitored socket; a thread waiting in
     * {@code receive} wakes with {@link IllegalStateException}. Events not yet read are dropped.
     */
    @Override
    public void close() {
        monitored.stopMonitor(this);
        monitored.context.inproc.unboundByLibzmq(endpoint);
        reader.handle().close();
    }

    /** Whether a thread waits in {@code receive} now (for tests and diagnostics). */
    boolean isReceiving() {
        return reader.handle().isWaiting();
    }

    /** {@return e.g. "Monitor[REP socket, open]"} */
    @Override
    public String toString() {
        return "Monitor[" + monitored.type + " socket" + (isClosed() ? ", closed]" : ", open]");
    }
}
