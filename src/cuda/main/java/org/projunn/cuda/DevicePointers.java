package org.projunn.cuda;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * The raw addresses behind JCuda's handles, for libraries called without JCuda (FFM). JCuda
 * keeps them in {@code NativePointerObject.getNativePointer()} and
 * {@code Pointer.getByteOffset()}: documented accessors, but protected, so they are read
 * reflectively (JCuda is on the class path, an unnamed module, so this needs no opening). A
 * device pointer's address is the base plus the byte offset that {@code withByteOffset} adds;
 * a stream's is its {@code CUstream} value, which is also the runtime's {@code cudaStream_t}.
 */
final class DevicePointers {
    private static final Method NATIVE_POINTER = accessor(NativePointerObject.class, "getNativePointer");
    private static final Method BYTE_OFFSET = accessor(Pointer.class, "getByteOffset");

    private DevicePointers() {
    }

    private static Method accessor(Class<?> type, String name) {
        try {
            Method m = type.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JCuda version has no " + type.getSimpleName() + "." + name + "()", e);
        }
    }

    private static long call(Method m, Object target) {
        try {
            return (Long) m.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The device address {@code p} stands for.
     *
     * @param p a device pointer (JCuda's object; not modified)
     * @return its base address plus its byte offset
     */
    static long address(CUdeviceptr p) {
        return call(NATIVE_POINTER, p) + call(BYTE_OFFSET, p);
    }

    /**
     * The stream's handle.
     *
     * @param stream a stream created by JCuda or wrapped from the runtime; not modified
     * @return its {@code CUstream} / {@code cudaStream_t} value (0 is the legacy default stream)
     */
    static long handle(CUstream stream) {
        return call(NATIVE_POINTER, stream);
    }
}
