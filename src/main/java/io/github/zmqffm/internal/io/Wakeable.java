package io.github.zmqffm.internal.io;

import io.github.zmqffm.internal.life.Waking;

import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;

/**
 * Something that wakes a thread blocked in libzmq: {@link Thread#interrupt()}, a
 * {@code close()} from another thread or a context closing all end in {@link #wakeup()}.
 *
 * <p>Why a {@link Selector}: {@link AbstractSelector#begin()} is the JDK's public hook through
 * which {@code Thread.interrupt()} reaches code blocked in a native call; between
 * {@link #enter()} and {@link #exit()} an interrupt of the thread calls {@link #wakeup()}.
 * Nothing else of the selector contract is implemented. {@code wakeup()} may run on any thread,
 * also inside {@code Thread.interrupt()}, so it must never block and never throw.
 */
public abstract class Wakeable extends AbstractSelector implements Waking {
    protected Wakeable() {
        super(SelectorProvider.provider());
    }

    /** Marks the start of a wait: from now on an interrupt of this thread wakes it. */
    public final void enter() {
        begin();
    }

    /** Marks the end of a wait started with {@link #enter()}. */
    public final void exit() {
        end();
    }

    /** Closes it ({@link #implCloseSelector()}); idempotent. */
    public final void shutdown() {
        try {
            close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public final void wake() {
        wakeup();
    }

    /** Makes the waiting thread return from libzmq; idempotent, non-blocking, never throws. */
    @Override
    public abstract Selector wakeup();

    @Override
    protected final SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        throw selectsNothing();
    }

    @Override
    public final Set<SelectionKey> keys() {
        throw selectsNothing();
    }

    @Override
    public final Set<SelectionKey> selectedKeys() {
        throw selectsNothing();
    }

    @Override
    public final int selectNow() {
        throw selectsNothing();
    }

    @Override
    public final int select(long timeout) {
        throw selectsNothing();
    }

    @Override
    public final int select() {
        throw selectsNothing();
    }

    private UnsupportedOperationException selectsNothing() {
        return new UnsupportedOperationException("a " + getClass().getSimpleName() + " selects nothing");
    }
}
