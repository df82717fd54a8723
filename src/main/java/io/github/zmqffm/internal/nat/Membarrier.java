package io.github.zmqffm.internal.nat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * An asymmetric memory fence, {@code membarrier(2)} with {@code MEMBARRIER_CMD_PRIVATE_EXPEDITED}:
 * before {@link #fence()} returns, every thread of this process that is running at that moment
 * has executed a full memory barrier (the others pass one as they are switched in). A rare caller
 * pays a few microseconds so that frequent callers can do without the barrier in their own code:
 * the guard's fast path ({@code Guard}) stores a flag and then loads another with no fence between
 * them, and a thread that revokes that path fences with this call before it reads the flag.
 *
 * <p>Linux only (4.14 on), and only where the kernel allows it (a seccomp filter may not): where
 * it is missing, {@link #isAvailable()} is {@code false} and the guard keeps its
 * compare-and-set. {@code -Dzmq.guardBias=false} turns it off on purpose.
 */
public final class Membarrier {
    private static final int QUERY = 0;
    private static final int PRIVATE_EXPEDITED = 1 << 3;
    private static final int REGISTER_PRIVATE_EXPEDITED = 1 << 4;

    private static final long SYSCALL_NUMBER = syscallNumber(System.getProperty("os.arch"));
    private static final MethodHandle SYSCALL = SYSCALL_NUMBER < 0 ? null : Native.capturingLibc("syscall",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), 1);
    private static final boolean AVAILABLE = Boolean.parseBoolean(System.getProperty("zmq.guardBias", "true"))
            && register();

    private Membarrier() {
    }

    /** membarrier's number in the system call table, or -1 where it is not known here. */
    private static long syscallNumber(String arch) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return -1;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> 324;
            case "aarch64", "riscv64" -> 283;
            default -> -1;
        };
    }

    /** Registers the process for expedited fences, if the kernel offers them. */
    private static boolean register() {
        if (SYSCALL == null) {
            return false;
        }
        long commands = call(QUERY, false);
        if (commands < 0 || (commands & PRIVATE_EXPEDITED) == 0 || (commands & REGISTER_PRIVATE_EXPEDITED) == 0) {
            return false;
        }
        return call(REGISTER_PRIVATE_EXPEDITED, false) == 0;
    }

    /**
     * One membarrier(2) call.
     *
     * @throws IllegalStateException if it fails and {@code mustSucceed}
     */
    private static long call(int command, boolean mustSucceed) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = Native.allocateCapture(arena);
            long rc = (long) SYSCALL.invokeExact(capture, SYSCALL_NUMBER, command, 0, 0);
            if (rc < 0 && mustSucceed) {
                throw new IllegalStateException("membarrier(2) command " + command + " failed: errno "
                        + Native.errno(capture));
            }
            return rc;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** {@return whether {@link #fence()} may be called: the kernel offers the expedited fence and the process registered} */
    public static boolean isAvailable() {
        return AVAILABLE;
    }

    /**
     * Makes every running thread of the process execute a full memory barrier.
     *
     * @throws IllegalStateException if the fence is not available, or the kernel refused it
     *         (which it does not once registered)
     */
    public static void fence() {
        if (!AVAILABLE) {
            throw new IllegalStateException("membarrier(2) is not available");
        }
        call(PRIVATE_EXPEDITED, true);
    }
}
