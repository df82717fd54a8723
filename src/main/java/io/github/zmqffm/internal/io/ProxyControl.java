package io.github.zmqffm.internal.io;

import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqInterruptedException;
import io.github.zmqffm.internal.life.ContextState;
import io.github.zmqffm.internal.life.SocketHandle;
import io.github.zmqffm.internal.nat.LibZmq;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control channel of one {@code zmq_proxy_steerable} run: an inproc PAIR pair whose one end
 * the proxy reads commands from, and the proxy's {@link Wakeable}.
 *
 * <p>A proxy blocks inside libzmq, where no descriptor of ours can reach it; the one way in is
 * its control socket. So an interrupt of the proxy's thread, a close of a proxied socket from
 * another thread, or a context closing wakes it by sending {@code TERMINATE}. That may happen
 * inside {@code Thread.interrupt()}, where blocking could deadlock, so a wake-up that finds the
 * command socket busy leaves the command to the thread using it, which sends it on unlock.
 */
public final class ProxyControl extends Wakeable {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final int STATISTICS_FRAMES = 8;
    /** How often a wait for a reply checks that the proxy still runs (ms); it answers in microseconds. */
    private static final long REPLY_CHECK = 100;

    /** The end given to the proxy. */
    public final SocketIo proxySide;
    /** Our end; used only while holding {@link #lock}. */
    private final SocketIo commands;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean terminateWanted = new AtomicBoolean();
    /** Guarded by {@link #lock}: one TERMINATE is enough, however often close() wakes us. */
    private boolean terminateSent;
    private volatile boolean terminateByUser;
    private volatile boolean finished;

    /**
     * Creates the socket pair in {@code context}.
     *
     * @throws ContextTerminatedException if the context is closed
     */
    public ProxyControl(ContextState context) {
        String endpoint = "inproc://zmq-ffm.proxy-" + NEXT_ID.incrementAndGet();
        SocketIo bound = new SocketIo(SocketHandle.open(context, SocketType.PAIR));
        try {
            bound.endpoint(LibZmq.EndpointVerb.BIND, endpoint);
            commands = new SocketIo(SocketHandle.open(context, SocketType.PAIR));
            commands.endpoint(LibZmq.EndpointVerb.CONNECT, endpoint);
        } catch (RuntimeException e) {
            bound.handle.close();
            throw e;
        }
        proxySide = bound;
        // The proxy's thread uses one end, any thread that steers it the other.
        proxySide.handle.record.disown();
        commands.handle.record.disown();
    }

    /**
     * Sends {@code PAUSE}, {@code RESUME} or {@code STATISTICS}, and waits until the proxy has
     * acted on it: a command other than STATISTICS is followed by one, whose reply the proxy
     * sends only after it has handled the command before.
     *
     * @return the eight counters of the STATISTICS reply
     * @throws IllegalStateException if the proxy is not running
     */
    public long[] command(String command) {
        lock.lock();
        try {
            checkRunning();
            if (!command.equals("STATISTICS")) {
                send(command);
            }
            send("STATISTICS");
            long[] counters = new long[STATISTICS_FRAMES];
            for (int i = 0; i < counters.length; i++) {
                counters[i] = ByteBuffer.wrap(reply()).order(ByteOrder.nativeOrder()).getLong();
            }
            return counters;
        } finally {
            unlock();
        }
    }

    /** Asks the proxy to stop, as {@code Proxy.terminate()} does; does not wait. */
    public void terminate() {
        terminateByUser = true;
        wakeup();
    }

    /** Whether the proxy stopped because {@link #terminate()} asked it to. */
    public boolean terminatedByUser() {
        return terminateByUser;
    }

    /** Called by the proxy's thread once libzmq's proxy has returned. */
    public void finished() {
        finished = true;
    }

    @Override
    public Selector wakeup() {
        terminateWanted.set(true);
        if (lock.tryLock()) {
            try {
                sendTerminate();
            } finally {
                lock.unlock();
            }
        }
        return this;
    }

    /** Unlocks, then sends a TERMINATE that a wake-up left to us while we held the lock. */
    private void unlock() {
        lock.unlock();
        if (terminateWanted.get() && lock.tryLock()) {
            try {
                sendTerminate();
            } finally {
                lock.unlock();
            }
        }
    }

    private void sendTerminate() {
        if (terminateWanted.getAndSet(false) && !terminateSent && !finished) {
            try {
                terminateSent = trySend("TERMINATE");
            } catch (RuntimeException e) {
                // The context is closing and closed our end first; its shutdown (ETERM) wakes the proxy.
            }
        }
    }

    private void send(String command) {
        // The proxy drains its control socket at once, so there is always room unless it has stopped.
        if (!trySend(command)) {
            throw notRunning();
        }
    }

    /** The next reply frame; waits without regard to interrupts, as the proxy answers at once. */
    private byte[] reply() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    byte[] frame = commands.receive(REPLY_CHECK);
                    if (frame != null) {
                        return frame;
                    }
                    if (finished) {
                        frame = commands.receive(Timeouts.NO_WAIT);
                        if (frame == null) {
                            throw notRunning();
                        }
                        return frame;
                    }
                } catch (ZmqInterruptedException e) {
                    Thread.interrupted();
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean trySend(String command) {
        byte[] text = command.getBytes(StandardCharsets.US_ASCII);
        return commands.send(text, 0, text.length, 0, Timeouts.NO_WAIT);
    }

    private void checkRunning() {
        if (finished || commands.handle.isClosed()) {
            throw notRunning();
        }
    }

    private IllegalStateException notRunning() {
        return new IllegalStateException("the proxy is not running");
    }

    /** Closes both sockets, through {@link #shutdown()}. */
    @Override
    protected void implCloseSelector() {
        lock.lock();
        try {
            commands.handle.close();
            proxySide.handle.close();
        } finally {
            lock.unlock();
        }
    }
}
