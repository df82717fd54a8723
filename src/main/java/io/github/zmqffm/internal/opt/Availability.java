package io.github.zmqffm.internal.opt;

import io.github.zmqffm.Version;
import io.github.zmqffm.internal.nat.Native;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an option key needs from the loaded libzmq, so that a key libzmq cannot honour is refused
 * with {@link UnsupportedOperationException} before the call, instead of surfacing as a bare
 * EINVAL that reads like a bad value.
 *
 * <p>Three things make libzmq reject a key that zmq.h defines: the key belongs to the draft API
 * and libzmq was built without it; the key is newer than the loaded libzmq (every stable key of
 * zmq.h 4.3.4 exists in {@link Native#MINIMUM}, so only draft keys carry a version); or the key
 * belongs to an optional feature libzmq was built without ({@code zmq_has}: "curve", "gssapi",
 * "vmci", "WSS").
 *
 * @param draft whether the key is part of the draft API
 * @param since the first libzmq release that knows the key
 * @param capability the {@code zmq_has} capability the key needs, or {@code null}
 */
public record Availability(boolean draft, Version since, String capability) {
    /** A stable key every supported libzmq knows. */
    public static final Availability STABLE = new Availability(false, Native.MINIMUM, null);

    private static final Map<String, Boolean> CAPABILITIES = new ConcurrentHashMap<>();

    /** A draft key first defined in libzmq {@code major.minor.patch}. */
    public static Availability draft(int major, int minor, int patch) {
        return new Availability(true, new Version(major, minor, patch), null);
    }

    /** A stable key that works only when libzmq was built with {@code capability}. */
    public static Availability needs(String capability) {
        return new Availability(false, Native.MINIMUM, capability);
    }

    /** This requirement plus a build capability. */
    public Availability and(String needed) {
        return new Availability(draft, since, needed);
    }

    /** Whether the loaded libzmq honours the key; loads libzmq on first use. */
    public boolean isMet() {
        return reason("") == null;
    }

    /**
     * Refuses a key the loaded libzmq cannot honour.
     *
     * @throws UnsupportedOperationException naming the key and what is missing
     */
    public void check(Object key) {
        if (this == STABLE) {
            return;
        }
        String why = reason(key.toString());
        if (why != null) {
            throw new UnsupportedOperationException(why);
        }
    }

    /** Why the key cannot be used, or {@code null} if it can. */
    private String reason(String key) {
        if (this == STABLE) {
            return null;
        }
        Version loaded = Native.version();
        if (draft && !Native.hasDraftApi()) {
            return key + " is a draft option and the loaded libzmq " + loaded
                    + " was built without the draft API (zmq_has(\"draft\") is false)";
        }
        if (loaded.compareTo(since) < 0) {
            return key + " needs libzmq " + since + " or newer; the loaded libzmq is " + loaded;
        }
        if (capability != null && !CAPABILITIES.computeIfAbsent(capability, Native::has)) {
            return key + " needs a libzmq built with " + capability + "; the loaded libzmq " + loaded
                    + " was built without it (zmq_has(\"" + capability + "\") is false)";
        }
        return null;
    }
}
