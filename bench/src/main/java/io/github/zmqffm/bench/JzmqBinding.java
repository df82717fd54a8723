package io.github.zmqffm.bench;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

/**
 * jzmq (libzmq through JNI, {@code org.zeromq:jzmq}) under test, with {@code send(byte[], 0)} and
 * {@code recv(byte[], 0, n, 0)} into reused arrays, as {@link JeroMqBinding} does for JeroMQ:
 * the peer zmq-ffm must stay ahead of. Each jzmq call is one JNI transition that builds a
 * {@code zmq_msg_t}, copies the array in or out and blocks inside libzmq.
 *
 * <p>jzmq is not bundled: no working native build of it is published, so the user builds it
 * (bench/README.md says how) and names its jar with {@code -Djzmq.jar=PATH} and the directory
 * of {@code libjzmq.so} with {@code -Djava.library.path=DIR}. Its classes are in package
 * {@code org.zeromq}, like JeroMQ's in the same perf jar, so they are loaded in a class loader
 * of their own whose parent is the platform loader, and called through {@code static final}
 * method handles, which the JIT inlines like direct calls (the types are erased to
 * {@code Object} because jzmq's classes cannot be named at compile time).
 */
final class JzmqBinding implements Binding {
    /** The system property naming jzmq's jar. */
    static final String JAR_PROPERTY = "jzmq.jar";

    /** jzmq's classes and methods, loaded at the first use of impl=jzmq. */
    private static final class Jzmq {
        private static final Class<?> ZMQ;
        private static final MethodHandle CONTEXT;
        private static final MethodHandle TERM;
        private static final MethodHandle SOCKET;
        private static final MethodHandle SET_LINGER;
        private static final MethodHandle SET_SEND_TIME_OUT;
        private static final MethodHandle BIND;
        private static final MethodHandle CONNECT;
        private static final MethodHandle LAST_ENDPOINT;
        private static final MethodHandle SEND;
        private static final MethodHandle RECV;
        private static final MethodHandle CLOSE;

        static {
            try {
                ClassLoader loader = new URLClassLoader(new URL[] {jar()}, ClassLoader.getPlatformClassLoader());
                ZMQ = Class.forName("org.zeromq.ZMQ", true, loader);
                Class<?> context = Class.forName("org.zeromq.ZMQ$Context", true, loader);
                Class<?> socket = Class.forName("org.zeromq.ZMQ$Socket", true, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                CONTEXT = erased(lookup.findStatic(ZMQ, "context", MethodType.methodType(context, int.class)));
                TERM = erased(lookup.findVirtual(context, "term", MethodType.methodType(void.class)));
                SOCKET = erased(lookup.findVirtual(context, "socket", MethodType.methodType(socket, int.class)));
                SET_LINGER = erased(lookup.findVirtual(socket, "setLinger", MethodType.methodType(void.class, long.class)));
                SET_SEND_TIME_OUT = erased(lookup.findVirtual(socket, "setSendTimeOut",
                        MethodType.methodType(void.class, int.class)));
                BIND = erased(lookup.findVirtual(socket, "bind", MethodType.methodType(void.class, String.class)));
                CONNECT = erased(lookup.findVirtual(socket, "connect", MethodType.methodType(void.class, String.class)));
                LAST_ENDPOINT = erased(lookup.findVirtual(socket, "getLastEndpoint", MethodType.methodType(byte[].class)));
                SEND = erased(lookup.findVirtual(socket, "send",
                        MethodType.methodType(boolean.class, byte[].class, int.class)));
                RECV = erased(lookup.findVirtual(socket, "recv",
                        MethodType.methodType(int.class, byte[].class, int.class, int.class, int.class)));
                CLOSE = erased(lookup.findVirtual(socket, "close", MethodType.methodType(void.class)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the jar in -D" + JAR_PROPERTY + " is not jzmq: " + e, e);
            }
        }
    }

    /**
     * The jar named by {@code -Djzmq.jar}.
     *
     * @throws IllegalStateException if the property is missing or names no file
     */
    static URL jar() {
        String path = System.getProperty(JAR_PROPERTY);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("impl=jzmq needs -D" + JAR_PROPERTY + "=PATH to jzmq's jar (now: " + path
                    + ") and -Djava.library.path=DIR holding libjzmq.so; bench/README.md says how to build them");
        }
        try {
            return new File(path).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The handle with every jzmq type in its signature replaced by {@code Object}. */
    private static MethodHandle erased(MethodHandle handle) {
        MethodType type = handle.type();
        for (int i = 0; i < type.parameterCount(); i++) {
            type = type.changeParameterType(i, jzmqErased(type.parameterType(i)));
        }
        return handle.asType(type.changeReturnType(jzmqErased(type.returnType())));
    }

    private static Class<?> jzmqErased(Class<?> type) {
        return type.getName().startsWith("org.zeromq.") ? Object.class : type;
    }

    @Override
    public Binding.Context context(int ioThreads) {
        Object context = invoke(() -> (Object) Jzmq.CONTEXT.invokeExact(ioThreads));
        return new Binding.Context() {
            @Override
            public Binding.Socket bind(Kind kind, String endpoint, int size) {
                return open(context, kind, Jzmq.BIND, endpoint, size);
            }

            @Override
            public Binding.Socket connect(Kind kind, String endpoint, int size) {
                return open(context, kind, Jzmq.CONNECT, endpoint, size);
            }

            @Override
            public void close() {
                invoke(() -> {
                    Jzmq.TERM.invokeExact(context);
                    return null;
                });
            }
        };
    }

    /** A socket with LINGER -1, bound or connected ({@code verb}) to {@code endpoint}. */
    private static Binding.Socket open(Object context, Kind kind, MethodHandle verb, String endpoint, int size) {
        Object socket = invoke(() -> {
            int type = Jzmq.ZMQ.getField(kind.name()).getInt(null);
            Object s = (Object) Jzmq.SOCKET.invokeExact(context, type);
            Jzmq.SET_LINGER.invokeExact(s, -1L);
            verb.invokeExact(s, endpoint);
            return s;
        });
        return new Sock(socket, size);
    }

    /** A call through the handles, off the measured path; what it throws is rethrown unchecked. */
    private static <T> T invoke(Call<T> call) {
        try {
            return call.run();
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /** What a handle threw, unchecked: runtime exceptions and errors as they are (jzmq's ZMQException is one). */
    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** A call that may throw anything a method handle throws. */
    private interface Call<T> {
        T run() throws Throwable;
    }

    private static final class Sock implements Binding.Socket {
        private final Object socket;
        private final byte[] out;
        private final byte[] in;

        Sock(Object socket, int size) {
            this.socket = socket;
            out = new byte[size];
            in = new byte[size];
        }

        @Override
        public boolean send() {
            try {
                // false: EAGAIN (a send time limit ran out); other failures throw ZMQException
                return (boolean) Jzmq.SEND.invokeExact(socket, out, 0);
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        @Override
        public void giveUpAfter(int millis) {
            invoke(() -> {
                Jzmq.SET_SEND_TIME_OUT.invokeExact(socket, millis);
                Jzmq.SET_LINGER.invokeExact(socket, 0L);
                return null;
            });
        }

        @Override
        public int receive() {
            int n;
            try {
                n = (int) Jzmq.RECV.invokeExact(socket, in, 0, in.length, 0);
            } catch (Throwable t) {
                throw rethrown(t);
            }
            if (n < 0) {
                throw new IllegalStateException("jzmq receive failed");
            }
            return n;
        }

        @Override
        public String lastEndpoint() {
            // jzmq hands over the option's bytes with their terminating NUL
            String text = new String(invoke(() -> (byte[]) Jzmq.LAST_ENDPOINT.invokeExact(socket)),
                    StandardCharsets.UTF_8);
            int nul = text.indexOf('\0');
            return nul < 0 ? text : text.substring(0, nul);
        }

        @Override
        public void close() {
            invoke(() -> {
                Jzmq.CLOSE.invokeExact(socket);
                return null;
            });
        }
    }
}
