package io.github.zmqffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** What this process holds from the OS, read from {@code /proc/self}: open descriptors and resident memory. */
final class ProcessResources {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessResources() {
    }

    /** The number of open file descriptors (the directory stream's own one not counted). */
    static int openFds() {
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count() - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory in KiB (VmRSS). */
    static long residentKib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in " + STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until at most {@code limit} descriptors are open, for at most {@code seconds}.
     *
     * <p>Closing a socket or terminating a context releases its descriptors synchronously, but
     * not all on the closing thread: libzmq's reaper and I/O threads close theirs as they wind
     * down, and a TCP peer's side goes when the kernel has processed the close. There is no event
     * to wait for in between, so this re-counts with a short park until the count has come down
     * or the deadline has passed; it never sleeps to make something happen.
     *
     * @return the last count (above {@code limit} only if the deadline passed)
     */
    static int awaitOpenFdsAtMost(int limit, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long park = TimeUnit.MILLISECONDS.toNanos(1);
        int count;
        while ((count = openFds()) > limit && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, TimeUnit.MILLISECONDS.toNanos(100));
        }
        return count;
    }

    /** The descriptors open now with what they point to, for a failure message. */
    static String describeFds() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> fds = Files.list(FDS)) {
            fds.sorted().forEach(fd -> {
                try {
                    out.append(fd.getFileName()).append(" -> ").append(Files.readSymbolicLink(fd)).append('\n');
                } catch (IOException e) {
                    out.append(fd.getFileName()).append(" (gone)\n");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
