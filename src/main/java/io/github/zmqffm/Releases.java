package io.github.zmqffm;

import io.github.zmqffm.raw.zmq_free_fn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Tells the owners of zero-copy memory when libzmq has let go of it.
 *
 * <p>libzmq calls one free function, {@link #FREE_FN}, for every message built with
 * {@code zmq_msg_init_data}; its {@code hint} is the index of a slot here that holds the
 * caller's segment (a strong reference: memory of an automatic arena cannot be reclaimed while
 * libzmq reads it) and the listener to tell. Slots are reused through a lock-free stack, so the
 * release path takes no lock and allocates nothing; the table only grows, under a lock, when all
 * slots are in use.
 *
 * <p>The free function runs on whatever thread drops libzmq's last reference: an I/O thread,
 * the reaper, or a Java thread inside a send, receive or close. It must never throw (an
 * exception escaping an upcall ends the JVM), so everything it does is caught and handed to the
 * thread's uncaught-exception handler. Because it is an upcall, no call that can reach it may be
 * linked critical (see {@link LibZmq}); and because it may interrupt a call of the same thread,
 * the listener runs with fresh per-thread buffers ({@link Scratch#beginCallback()}).
 */
final class Releases {
    private static final int INITIAL_SLOTS = 256;
    private static final long EMPTY = 0xFFFF_FFFFL;
    private static final VarHandle LISTENER;

    /** The one upcall stub every zero-copy message uses; it lives as long as the JVM. */
    static final MemorySegment FREE_FN;

    static {
        try {
            LISTENER = MethodHandles.lookup().findVarHandle(Slot.class, "listener", Consumer.class);
            FREE_FN = freeFunction();
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Links {@link #released(long, long)} as libzmq's {@code zmq_free_fn}. The linker wraps every
     * pointer argument of an upcall in a new MemorySegment, two per release unless C2 happens to
     * inline the whole adapter; taking both pointers as 64-bit integers instead, which every
     * 64-bit ABI the FFM API supports passes in the same registers, makes a release allocate
     * nothing. Where pointers are not 64 bits wide the generated descriptor is used.
     */
    private static MemorySegment freeFunction() throws ReflectiveOperationException {
        MethodType type = MethodType.methodType(void.class, long.class, long.class);
        FunctionDescriptor generated = zmq_free_fn.descriptor();
        boolean twoPointers = generated.argumentLayouts().stream()
                .allMatch(layout -> layout instanceof AddressLayout);
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES || !twoPointers) {
            return zmq_free_fn.allocate((data, hint) -> released(data.address(), hint.address()), Arena.global());
        }
        FunctionDescriptor asIntegers = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        return Linker.nativeLinker().upcallStub(
                MethodHandles.lookup().findStatic(Releases.class, "released", type), asIntegers, Arena.global());
    }

    private static final Object GROWTH = new Object();
    /** Top of the free stack: a change counter (against ABA) in the high half, the slot index in the low. */
    private static final AtomicLong FREE = new AtomicLong(EMPTY);
    private static volatile Slot[] slots = new Slot[0];

    private Releases() {
    }

    /** One zero-copy buffer on loan to libzmq. */
    private static final class Slot {
        final int index;
        /** The hint for zmq_msg_init_data, made once so that lending allocates nothing. */
        final MemorySegment hint;
        int next;
        MemorySegment memory;
        /** Published with release semantics: the free function may run on another thread. */
        Consumer<? super MemorySegment> listener;

        Slot(int index) {
            this.index = index;
            this.hint = MemorySegment.ofAddress(index);
        }
    }

    /** A listener that does nothing, for buffers whose owner needs no news. */
    static final Consumer<MemorySegment> NOBODY = memory -> { };

    /**
     * Takes a slot for {@code memory}.
     *
     * @return the hint to give {@code zmq_msg_init_data}; pass it to {@link #cancel} if libzmq refused
     */
    static MemorySegment lend(MemorySegment memory, Consumer<? super MemorySegment> listener) {
        Slot slot = pop();
        slot.memory = memory;
        LISTENER.setRelease(slot, listener);
        return slot.hint;
    }

    /** Returns a slot whose buffer libzmq never accepted, without telling anyone. */
    static void cancel(MemorySegment hint) {
        Slot slot = slots[(int) hint.address()];
        slot.memory = null;
        LISTENER.setRelease(slot, null);
        push(slot);
    }

    /** The free function: libzmq no longer needs the buffer at {@code data}, lent under {@code hint}. */
    private static void released(long data, long hint) {
        try {
            Slot slot = slots[(int) hint];
            @SuppressWarnings("unchecked")
            Consumer<? super MemorySegment> listener = (Consumer<? super MemorySegment>) LISTENER.getAcquire(slot);
            MemorySegment memory = slot.memory;
            slot.memory = null;
            slot.listener = null;
            push(slot);
            if (listener != NOBODY) {
                // This thread may be inside a call of its own that uses its scratch buffers.
                Scratch outer = Scratch.beginCallback();
                try {
                    tell(listener, memory);
                } finally {
                    Scratch.endCallback(outer);
                }
            }
        } catch (Throwable t) {
            report(t);
        }
    }

    /** Runs a listener, reporting rather than throwing what it throws. */
    static void tell(Consumer<? super MemorySegment> listener, MemorySegment memory) {
        try {
            listener.accept(memory);
        } catch (Throwable t) {
            report(t);
        }
    }

    private static void report(Throwable failure) {
        try {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
        } catch (Throwable ignored) {
            // Nothing is left to tell; above all, nothing may leave the upcall.
        }
    }

    /** How many buffers libzmq holds right now (for tests). */
    static int onLoan() {
        Slot[] all = slots;
        int free = 0;
        for (long top = FREE.get(); (int) top != (int) EMPTY; top = all[(int) top].next & EMPTY) {
            free++;
        }
        return all.length - free;
    }

    private static Slot pop() {
        while (true) {
            long top = FREE.get();
            int index = (int) top;
            if (index == (int) EMPTY) {
                grow();
                continue;
            }
            Slot slot = slots[index];
            long next = (top & ~EMPTY) + (1L << 32) | (slot.next & EMPTY);
            if (FREE.compareAndSet(top, next)) {
                return slot;
            }
        }
    }

    private static void push(Slot slot) {
        while (true) {
            long top = FREE.get();
            slot.next = (int) top;
            if (FREE.compareAndSet(top, (top & ~EMPTY) + (1L << 32) | slot.index)) {
                return;
            }
        }
    }

    /** Adds slots when all are lent; rare, so a lock is fine here. */
    private static void grow() {
        synchronized (GROWTH) {
            if ((int) FREE.get() != (int) EMPTY) {
                return;
            }
            Slot[] old = slots;
            Slot[] bigger = java.util.Arrays.copyOf(old, Math.max(INITIAL_SLOTS, old.length * 2));
            for (int i = old.length; i < bigger.length; i++) {
                bigger[i] = new Slot(i);
            }
            slots = bigger;
            for (int i = bigger.length - 1; i >= old.length; i--) {
                push(bigger[i]);
            }
        }
    }
}
