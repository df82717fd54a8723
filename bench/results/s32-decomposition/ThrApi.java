import io.github.zmqffm.*;

/** PUSH/PULL inproc 1 B through the public API; optional throwaway pair first (class init away from the measured sockets). */
public class ThrApi {
    public static void main(String[] args) throws Exception {
        boolean prewarm = Boolean.parseBoolean(args[0]);
        long count = Long.parseLong(args[1]), warmup = Long.parseLong(args[2]);
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        try (Context ctx = new Context()) {
            if (prewarm) {
                try (Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PUSH)) {
                    a.bind("inproc://pre"); b.connect("inproc://pre");
                    b.send(new byte[1]); a.receive(new byte[1]);
                }
            }
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind("inproc://thr");
            Thread t = Thread.ofPlatform().start(() -> {
                try (Socket push = ctx.socket(SocketType.PUSH)) {
                    push.connect("inproc://thr");
                    byte[] out = new byte[size];
                    for (long i = 0; i < warmup + count; i++) push.send(out);
                }
            });
            byte[] in = new byte[size];
            for (long i = 0; i < warmup; i++) pull.receive(in);
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) pull.receive(in);
            double rate = count / ((System.nanoTime() - start) / 1e9);
            t.join();
            pull.close();
            System.out.printf("prewarm=%s msgs_per_s=%.0f%n", prewarm, rate);
        }
    }
}
