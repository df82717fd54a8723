package io.github.zmqffm;

/**
 * A libzmq version, as {@code zmq_version} reports it.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch level
 */
public record Version(int major, int minor, int patch) implements Comparable<Version> {
    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a part is negative
     */
    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative: "
                    + major + "." + minor + "." + patch);
        }
    }

    /**
     * Whether this version is {@code other} or newer.
     *
     * @param other the version to compare with
     * @return {@code true} if this is at least {@code other}
     */
    public boolean atLeast(Version other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(Version other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    /** {@return "major.minor.patch"} */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
