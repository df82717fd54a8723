package io.github.zmqffm.internal.life;

import io.github.zmqffm.internal.nat.LinkedOnFirstUse;
import io.github.zmqffm.internal.nat.Scratch;
import io.github.zmqffm.raw.zmq_free_fn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Tells the owners of zero-copy memory when libzmq has let go of it.
 *
 * <p>libzmq calls one free function, {@link #freeFunction()}, for every message built with
 * {@code zmq_msg_init_data}; its {@code hint} is the index of a slot here that holds the
 * caller's segment (a strong reference: memory of an automatic arena cannot be reclaimed while
 * libzmq reads it) and the listener to tell. A lender claims a free slot with a compare-and-set
 * on the slot itself, searching from where its thread's last claim ended ({@link
 * Scratch#lendCursor}); the free function marks it free again. So the lending thread and the
 * releasing thread (an I/O thread, or the receiver over inproc) share only the slot they hand
 * over: no common free-list head whose cache line would travel between them on every frame. No
 * lock, no allocation; the table grows, under a lock, only when searching finds no free slot.
 *
 * <p>The free function runs on whatever thread drops libzmq's last reference: an I/O thread,
 * the reaper, or a Java thread inside a send, receive or close. It must never throw (an
 * exception escaping an upcall ends the JVM), so everything it does is caught and handed to the
 * thread's uncaught-exception handler. Because it is an upcall, no call that can reach it may be
 * linked critical (see {@code LibZmq}); and because it may interrupt a call of the same thread,
 * the listener runs with fresh per-thread buffers ({@link Scratch#beginCallback()}).
 */
public final class Releases {
    /** A power of two, as every size of the table is. */
    private static final int INITIAL_SLOTS = 256;
    /** Slots a claim tries in a row before it jumps elsewhere: other lenders' runs of lent slots. */
    private static final int PROBES = 32;
    /** Runs of probes a claim makes before it grows the table. */
    private static final int RUNS = 4;
    private static final int FREE = 0;
    private static final int LENT = 1;
    private static final VarHandle LISTENER;
    private static final VarHandle STATE;

    private static final Object GROWTH = new Object();
    private static volatile Slot[] slots = new Slot[0];

    static {
        try {
            LISTENER = MethodHandles.lookup().findVarHandle(Slot.class, "listener", Consumer.class);
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The one upcall stub every zero-copy message uses; it lives as long as the JVM. Made at the
     * first loan, off virtual threads (see LinkedOnFirstUse): making an upcall stub takes
     * milliseconds, which virtual threads waiting for a class initializer would spend pinned.
     */
    private static final class FreeFunction {
        static final MemorySegment STUB;

        static {
            try {
                STUB = makeFreeFunction();
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private static final LinkedOnFirstUse FREE_FUNCTION =
            new LinkedOnFirstUse(MethodHandles.lookup(), FreeFunction.class);

    /** {@return the upcall stub to pass libzmq as the free function of a message {@link #lend} lent} */
    public static MemorySegment freeFunction() {
        FREE_FUNCTION.ensureLinked();
        return FreeFunction.STUB;
    }

    /**
     * Links {@link #released(long, long)} as libzmq's {@code zmq_free_fn}. The linker wraps every
     * pointer argument of an upcall in a new MemorySegment, two per release unless C2 happens to
     * inline the whole adapter; taking both pointers as 64-bit integers instead, which every
     * 64-bit ABI the FFM API supports passes in the same registers, makes a release allocate
     * nothing. Where pointers are not 64 bits wide the generated descriptor is used.
     */
    private static MemorySegment makeFreeFunction() throws ReflectiveOperationException {
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            return zmq_free_fn.allocate((data, hint) -> released(data.address(), hint.address()), Arena.global());
        }
        MethodType type = MethodType.methodType(void.class, long.class, long.class);
        FunctionDescriptor asIntegers = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        return Linker.nativeLinker().upcallStub(
                MethodHandles.lookup().findStatic(Releases.class, "released", type), asIntegers, Arena.global());
    }

    private Releases() {
    }

    /** One zero-copy buffer on loan to libzmq. */
    private static final class Slot {
        /** The hint for zmq_msg_init_data, made once so that lending allocates nothing. */
        final MemorySegment hint;
        /** {@link #FREE} or {@link #LENT}; claimed with a compare-and-set. */
        int state;
        MemorySegment memory;
        /** Published with release semantics: the free function may run on another thread. */
        Consumer<? super MemorySegment> listener;

        Slot(int index) {
            this.hint = MemorySegment.ofAddress(index);
        }
    }

    /** A listener that does nothing, for buffers whose owner needs no news. */
    public static final Consumer<MemorySegment> NOBODY = memory -> { };

    /**
     * Takes a slot for {@code memory}.
     *
     * @param scratch the calling thread's buffers, which hold where its search for a slot starts
     * @return the hint to give {@code zmq_msg_init_data}; pass it to {@link #cancel} if libzmq refused
     */
    public static MemorySegment lend(Scratch scratch, MemorySegment memory, Consumer<? super MemorySegment> listener) {
        CriticalCalls.end();   // from now on a send or receive may run the free function
        Slot slot = claim(scratch);
        slot.memory = memory;
        LISTENER.setRelease(slot, listener);
        return slot.hint;
    }

    /** Returns a slot whose buffer libzmq never accepted, without telling anyone. */
    public static void cancel(MemorySegment hint) {
        Slot slot = slots[(int) hint.address()];
        slot.memory = null;
        LISTENER.setRelease(slot, null);
        STATE.setRelease(slot, FREE);
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
            STATE.setRelease(slot, FREE);
            if (listener != NOBODY) {
                // This thread may be inside a call of its own that uses its scratch buffers.
                Scratch.Active active = Scratch.beginCallback();
                try {
                    tell(listener, memory);
                } finally {
                    Scratch.endCallback(active);
                }
            }
        } catch (Throwable t) {
            report(t);
        }
    }

    /** Runs a listener, reporting rather than throwing what it throws. */
    public static void tell(Consumer<? super MemorySegment> listener, MemorySegment memory) {
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
    public static int onLoan() {
        int lent = 0;
        for (Slot slot : slots) {
            if ((int) STATE.getVolatile(slot) == LENT) {
                lent++;
            }
        }
        return lent;
    }

    /**
     * Claims a free slot: first the ones after this thread's last claim (usually free: released
     * in the order lent), then runs from random places, then in a bigger table.
     */
    private static Slot claim(Scratch scratch) {
        while (true) {
            Slot[] all = slots;
            int mask = all.length - 1;
            int start = scratch.lendCursor;
            for (int run = 0; run < RUNS && mask > 0; run++) {
                for (int probe = 0; probe < PROBES; probe++) {
                    int index = (start + probe) & mask;
                    Slot slot = all[index];
                    if ((int) STATE.getOpaque(slot) == FREE && STATE.compareAndSet(slot, FREE, LENT)) {
                        scratch.lendCursor = index + 1;
                        return slot;
                    }
                }
                start = ThreadLocalRandom.current().nextInt(all.length);
            }
            grow(all);
        }
    }

    /** Doubles the table unless another thread already replaced {@code seen}; rare, so a lock is fine. */
    private static void grow(Slot[] seen) {
        synchronized (GROWTH) {
            if (slots != seen) {
                return;
            }
            Slot[] bigger = java.util.Arrays.copyOf(seen, Math.max(INITIAL_SLOTS, seen.length * 2));
            for (int i = seen.length; i < bigger.length; i++) {
                bigger[i] = new Slot(i);
            }
            slots = bigger;
        }
    }
}
