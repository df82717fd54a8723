import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;

/** Runs bench/c/perf.c's main, built as a shared library, inside this JVM (C threads, JVM process). */
public class InJvm {
    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.libraryLookup(System.getProperty("lib"), Arena.global());
        MethodHandle perfMain = linker.downcallHandle(lib.find("perf_main").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, args.length + 2);
            argv.setAtIndex(ValueLayout.ADDRESS, 0, arena.allocateFrom("perf-c"));
            for (int i = 0; i < args.length; i++) {
                argv.setAtIndex(ValueLayout.ADDRESS, i + 1, arena.allocateFrom(args[i]));
            }
            int rc = (int) perfMain.invokeExact(args.length + 1, argv);
            System.out.flush();
            System.exit(rc);
        }
    }
}
