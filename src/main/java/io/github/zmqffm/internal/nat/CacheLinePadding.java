package io.github.zmqffm.internal.nat;

/**
 * A superclass that puts a cache line of padding before its subclass's fields, which the JVM
 * lays out after a superclass's: for objects whose fields one thread writes at every call
 * (a socket's guard, its spin state) while another thread works on objects made just before
 * them, such as the other end of a stream. Without it the two threads would share a cache line
 * and pass it to and fro at every message.
 *
 * <p>The {@code int} fills the gap between a 12-byte object header (compressed class pointers,
 * the default) and the first {@code long}: HotSpot fills such gaps with a subclass's small fields,
 * and put a guard's state word and a spin policy's counter there, in front of the padding, until
 * the padding filled it itself.
 */
@SuppressWarnings("unused")
public abstract class CacheLinePadding {
    private int gap;
    private long p0;
    private long p1;
    private long p2;
    private long p3;
    private long p4;
    private long p5;
    private long p6;
    private long p7;
}
