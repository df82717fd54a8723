package io.github.zmqffm.internal.io;

import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.nat.Errors;
import io.github.zmqffm.internal.nat.LibC;
import io.github.zmqffm.internal.nat.LibZmq;
import io.github.zmqffm.internal.nat.Native;
import io.github.zmqffm.raw.epoll_event;
import io.github.zmqffm.raw.zmq_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * Where virtual threads wait: one platform daemon thread that waits in {@code epoll_wait} on the
 * descriptors that parked virtual threads wait for, and unparks their threads.
 *
 * <p>A virtual thread inside a native call pins its carrier, so a virtual thread never waits in
 * {@code poll(2)} itself. It arms a {@link Registration} of each descriptor it waits for, one-shot
 * and level-triggered (so a descriptor that became readable just before the arming fires at once),
 * and parks with {@link LockSupport}. When the descriptor fires, this thread unparks the waiter,
 * which then does the socket's work itself: the reactor only watches descriptors. The cost of a
 * wake-up does not depend on how many threads wait: {@code epoll_wait} returns only the fired
 * descriptors, and each names its registration by a slot number.
 *
 * <p>A registration may instead carry a task, which this thread runs when the descriptor fires:
 * how a socket's asynchronous operations are performed ({@link AsyncQueue}). Such a task does
 * only non-blocking libzmq calls and hands completions to other threads.
 *
 * <p>A socket's registration lives as long as the socket (one {@code epoll_ctl} per wait re-arms
 * it); a registration's slot number carries a generation, so that an event of a descriptor that
 * was closed meanwhile never wakes the thread of a newer one. A stray wake-up is harmless: every
 * wait checks again after it wakes.
 */
final class Reactor {
    private static final int MAX_EVENTS = 256;
    private static final int EVENT_SIZE = (int) epoll_event.sizeof();
    private static final VarHandle DATA = epoll_event.layout()
            .varHandle(groupElement("data"), groupElement("u64")).withInvokeExactBehavior();
    private static final int IN = zmq_h.EPOLLIN();
    private static final int OUT = zmq_h.EPOLLOUT();
    private static final int ONE_SHOT = zmq_h.EPOLLONESHOT();

    /**
     * The process's reactor once started. Not a holder class: a virtual thread that waits for
     * another thread's class initialization pins its carrier (JDK 25), and two virtual threads
     * that park for the first time at once would meet there while the first starts the reactor
     * (an epoll descriptor and a thread: about 13 ms, seen by JFR in VirtualThreadScaleTest,
     * when the epoll calls were still linked here rather than with the first socket); a lock
     * lets the second unmount instead.
     */
    private static volatile Reactor instance;
    private static final ReentrantLock STARTING = new ReentrantLock();

    private final int epfd;
    private final Object slotsLock = new Object();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    /** Registrations by slot; replaced, never changed in place, when it grows. */
    private volatile Registration[] slots = new Registration[64];
    private int nextSlot;

    private Reactor() {
        MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
        epfd = LibC.epollCreate(capture, zmq_h.EPOLL_CLOEXEC());
        if (epfd < 0) {
            throw Errors.of("epoll_create1", Native.errno(capture));
        }
        Thread.ofPlatform().daemon().name("zmq-ffm reactor").start(this::run);
    }

    /** {@return whether this system has epoll, which the reactor waits in} */
    static boolean isAvailable() {
        return LibC.hasEpoll();
    }

    /** The process's reactor, started on first use. */
    static Reactor get() {
        Reactor started = instance;
        if (started != null) {
            return started;
        }
        STARTING.lock();
        try {
            if (instance == null) {
                instance = new Reactor();
            }
            return instance;
        } finally {
            STARTING.unlock();
        }
    }

    /**
     * Registers a descriptor; it is armed by {@link Registration#arm}.
     *
     * @param fd the descriptor
     * @param owned whether {@link Registration#close()} closes it too (a duplicate made for the reactor)
     */
    Registration register(int fd, boolean owned) {
        synchronized (slotsLock) {
            Integer free = freeSlots.poll();
            int slot = free != null ? free : nextSlot++;
            Registration[] all = slots;
            if (slot >= all.length) {
                all = Arrays.copyOf(all, all.length * 2);
            }
            Registration r = new Registration(slot, fd, owned, all[slot] == null ? 0 : all[slot].generation + 1);
            all[slot] = r;
            slots = all;
            return r;
        }
    }

    /** The readiness a {@code zmq_poll} event mask asks for, as epoll events. */
    static int epollEvents(int zmqEvents) {
        return ((zmqEvents & LibZmq.POLLIN) != 0 ? IN : 0)
                | ((zmqEvents & LibZmq.POLLOUT) != 0 ? OUT : 0);
    }

    private void run() {
        Arena arena = Arena.ofAuto();
        MemorySegment capture = Native.allocateCapture(arena);
        MemorySegment events = arena.allocate(epoll_event.layout(), MAX_EVENTS);
        while (true) {
            int n = LibC.epollWait(capture, epfd, events, MAX_EVENTS, -1);
            for (int i = 0; i < n; i++) {
                long data = (long) DATA.get(events, (long) i * EVENT_SIZE);
                Registration[] all = slots;
                int slot = (int) data;
                Registration r = slot < all.length ? all[slot] : null;
                if (r != null && r.generation == (int) (data >>> 32)) {
                    r.fire();
                }
            }
        }
    }

    /** One descriptor in the reactor's epoll set, armed for one waiting thread at a time. */
    final class Registration implements AutoCloseable {
        private final int slot;
        private final int fd;
        private final boolean owned;
        private final int generation;
        private final MemorySegment event = Arena.ofAuto().allocate(epoll_event.layout());
        private final MemorySegment capture = Native.allocateCapture(Arena.ofAuto());
        private volatile Thread waiter;
        private volatile Runnable task;
        private boolean added;
        private boolean closed;

        private Registration(int slot, int fd, boolean owned, int generation) {
            this.slot = slot;
            this.fd = fd;
            this.owned = owned;
            this.generation = generation;
            DATA.set(event, 0L, ((long) generation << 32) | (slot & 0xFFFF_FFFFL));
        }

        /**
         * Arms the descriptor once for {@code events} (epoll's), to unpark {@code thread}. Called
         * by the waiting thread, which holds what the descriptor belongs to.
         *
         * @throws ZmqException if epoll refuses the descriptor
         */
        synchronized void arm(int events, Thread thread) {
            waiter = thread;
            rearm(events);
        }

        /**
         * Arms the descriptor once for {@code events}, to run {@code action} on the reactor's
         * thread when it fires.
         *
         * @throws ZmqException if epoll refuses the descriptor
         */
        synchronized void arm(int events, Runnable action) {
            task = action;
            rearm(events);
        }

        private void rearm(int events) {
            epoll_event.events(event, events | ONE_SHOT);
            int op = added ? zmq_h.EPOLL_CTL_MOD() : zmq_h.EPOLL_CTL_ADD();
            if (LibC.epollCtl(capture, epfd, op, fd, event) < 0) {
                throw Errors.of("epoll_ctl on descriptor " + fd, Native.errno(capture));
            }
            added = true;
        }

        /** Ends the arming: a late event wakes nobody. */
        void disarm() {
            waiter = null;
            task = null;
        }

        /** The descriptor fired: unpark the waiting thread, or run the task. Never throws. */
        private void fire() {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
                return;
            }
            Runnable action = task;
            if (action != null) {
                try {
                    action.run();
                } catch (Throwable e) {
                    Thread me = Thread.currentThread();
                    me.getUncaughtExceptionHandler().uncaughtException(me, e);
                }
            }
        }

        /** Removes the descriptor from the epoll set (before it is closed) and frees the slot. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            waiter = null;
            task = null;
            if (added) {
                LibC.epollCtl(capture, epfd, zmq_h.EPOLL_CTL_DEL(), fd, event);
            }
            if (owned) {
                LibC.close(fd);
            }
            synchronized (slotsLock) {
                freeSlots.add(slot);
            }
        }
    }
}
