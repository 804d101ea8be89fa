package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import org.junit.jupiter.api.Test;

/**
 * Runs everywhere: the addresses read from JCuda's objects agree with what JCuda itself prints
 * (its toString shows the native pointer and the byte offset), offsets included.
 */
class DevicePointersTest {
    private static final Pattern PRINTED = Pattern.compile("nativePointer=0x([0-9a-f]+),byteOffset=(\\d+)");

    private static long printed(CUdeviceptr p) {
        Matcher m = PRINTED.matcher(p.toString());
        if (!m.find()) {
            throw new AssertionError("unexpected JCuda toString: " + p);
        }
        return Long.parseUnsignedLong(m.group(1), 16) + Long.parseLong(m.group(2));
    }

    @Test
    void offsetsAddUpAsJCudaPrintsThem() {
        CUdeviceptr base = new CUdeviceptr();
        assertEquals(0, DevicePointers.address(base));
        CUdeviceptr at = base.withByteOffset(4096).withByteOffset(24);
        assertEquals(4120, DevicePointers.address(at));
        assertEquals(printed(at), DevicePointers.address(at));
    }

    @Test
    void streamHandleOfTheDefaultStreamIsZero() {
        assertEquals(0, DevicePointers.handle(new CUstream()));
    }
}
