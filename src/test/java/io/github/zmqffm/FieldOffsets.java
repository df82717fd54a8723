package io.github.zmqffm;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Prints where HotSpot put each instance field of the named classes and their superclasses, one
 * {@code Class.field offset} line each: run in a child JVM ({@link CacheLinePaddingTest}) on the
 * class path, as {@code sun.misc.Unsafe} is the only thing that tells, and the tests' own JVM runs
 * them as a module that does not read {@code jdk.unsupported}.
 */
final class FieldOffsets {
    private FieldOffsets() {
    }

    /**
     * Prints the offsets.
     *
     * @param args binary class names
     * @throws ReflectiveOperationException if a class or Unsafe cannot be found
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        // Reflectively: the tests compile as a module that does not read jdk.unsupported.
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        Method objectFieldOffset = unsafeClass.getMethod("objectFieldOffset", Field.class);
        for (String name : args) {
            for (Class<?> type = Class.forName(name, false, FieldOffsets.class.getClassLoader()); type != null;
                    type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        System.out.println(type.getSimpleName() + "." + field.getName() + " " + objectFieldOffset.invoke(unsafe, field));
                    }
                }
            }
        }
    }
}
