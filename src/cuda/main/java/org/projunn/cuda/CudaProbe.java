package org.projunn.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.JCudaDriver.cuCtxPopCurrent;
import static jcuda.driver.JCudaDriver.cuCtxPushCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.nio.charset.StandardCharsets;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.projunn.BackendFactory.Availability;

/**
 * Whether the CUDA backend can run here, and why not: driver, device, compute capability,
 * kernels in the jar; then which libraries it will use. Never throws; computed once per JVM
 * (a missing driver stays missing).
 */
final class CudaProbe {
    /** The kernels ship SASS for sm_80 and sm_90 and PTX for compute_90. */
    static final int MIN_MAJOR = 8;

    private static volatile Availability cached;

    private CudaProbe() {
    }

    static Availability probe() {
        Availability a = cached;
        if (a == null) {
            a = compute();
            cached = a;
        }
        return a;
    }

    private static Availability compute() {
        Availability a = decide(new JCudaDriverQueries(), CudaLibraries::plan);
        // info and auto's fallback line say which libraries would run even where the GPU cannot
        return a.usable() ? a : Availability.no(a.detail() + "; libraries: " + safePlan());
    }

    /**
     * What the probe asks the driver, in its order. {@link JCudaDriverQueries} in production; a
     * scripted driver in the tests of the decision order.
     */
    interface DriverQueries {
        /** Loads the driver and initializes it; throws LinkageError or CudaException where it cannot. */
        void init();

        /** @return the number of CUDA devices */
        int deviceCount();

        /** @return device 0's compute capability, {major, minor} */
        int[] computeCapability();

        /** @return device 0's name */
        String deviceName();

        /** @return device 0's memory in bytes */
        long totalMemory();

        /** @return the driver's CUDA version, e.g. 13000 */
        int driverVersion();

        /** @return the kernels' fatbin from the jar, or null when the build had no nvcc */
        byte[] kernelImage();

        /**
         * Loads {@code image} as a module in device 0's primary context and unloads it again,
         * releasing the context.
         *
         * @param image the fatbin; not modified
         * @throws CudaException when the driver cannot load it (e.g. no code for this GPU)
         */
        void loadModule(byte[] image);
    }

    /**
     * The probe's decision: driver, device, compute capability, kernels in the jar, the kernels
     * loaded by the driver, then which libraries run. Never throws for an unusable machine.
     *
     * @param driver the driver to ask
     * @param libraries what the backend would use for GEMM and SVD (asked only when usable)
     * @return usable with a description of the device, or not with the reason
     */
    static Availability decide(DriverQueries driver, java.util.function.Supplier<String> libraries) {
        try {
            driver.init();
        } catch (LinkageError e) {
            return Availability.no(driverMissing(e));
        } catch (CudaException e) {
            return Availability.no("CUDA driver present but not usable: " + e.getMessage());
        }
        try {
            if (driver.deviceCount() == 0) {
                return Availability.no("no CUDA device");
            }
            int[] cc = driver.computeCapability();
            String name = driver.deviceName();
            if (cc[0] < MIN_MAJOR) {
                return Availability.no(name + " has compute capability " + cc[0] + "." + cc[1]
                        + "; the kernels need " + MIN_MAJOR + ".0 or newer");
            }
            byte[] image = driver.kernelImage();
            if (image == null) {
                return Availability.no(KernelModule.missingReason());
            }
            try {
                driver.loadModule(image);
            } catch (CudaException e) {
                return Availability.no("the CUDA driver cannot load the kernels on " + name + " (compute capability "
                        + cc[0] + "." + cc[1] + "): " + e.getMessage());
            }
            long total = driver.totalMemory();
            int version = driver.driverVersion();
            return Availability.yes(name + " (compute capability " + cc[0] + "." + cc[1] + ", "
                    + (total >> 20) + " MiB), driver CUDA " + version / 1000 + "." + version % 1000 / 10
                    + "; " + libraries.get());
        } catch (CudaException e) {
            return Availability.no("CUDA device query failed: " + e.getMessage());
        }
    }

    /** The probe's questions answered by JCuda's driver binding, for device 0. */
    static class JCudaDriverQueries implements DriverQueries {
        private CUdevice device;

        @Override
        public void init() {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
        }

        @Override
        public int deviceCount() {
            int[] count = new int[1];
            cuDeviceGetCount(count);
            return count[0];
        }

        private CUdevice device() {
            if (device == null) {
                CUdevice d = new CUdevice();
                cuDeviceGet(d, 0);
                device = d;
            }
            return device;
        }

        @Override
        public int[] computeCapability() {
            return new int[] {attribute(device(), CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                              attribute(device(), CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)};
        }

        @Override
        public String deviceName() {
            return CudaProbe.deviceName(device());
        }

        @Override
        public long totalMemory() {
            long[] total = new long[1];
            cuDeviceTotalMem(total, device());
            return total[0];
        }

        @Override
        public int driverVersion() {
            int[] v = new int[1];
            cuDriverGetVersion(v);
            return v[0];
        }

        @Override
        public byte[] kernelImage() {
            return KernelModule.readImage();
        }

        @Override
        public void loadModule(byte[] image) {
            CUcontext context = new CUcontext();
            cuDevicePrimaryCtxRetain(context, device());
            try {
                cuCtxPushCurrent(context);
                try {
                    CUmodule module = new CUmodule();
                    cuModuleLoadData(module, image);
                    cuModuleUnload(module);
                } finally {
                    cuCtxPopCurrent(new CUcontext());
                }
            } finally {
                cuDevicePrimaryCtxRelease(device());
            }
        }
    }

    private static String driverMissing(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("libcuda.so")) {
            return "no CUDA driver (libcuda.so.1 not found)";
        }
        return "the JCuda driver binding did not load: " + shortReason(e);
    }

    private static String safePlan() {
        try {
            return CudaLibraries.plan();
        } catch (RuntimeException | LinkageError e) {
            return "not checked (" + shortReason(e) + ")";
        }
    }

    /** The first line of a native loading or CUDA error, short enough for one log line. */
    static String shortReason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int libAt = m.indexOf("lib");
        java.util.regex.Matcher so = java.util.regex.Pattern.compile("(lib[A-Za-z0-9_]+\\.so[.0-9]*): cannot open").matcher(m);
        if (so.find()) {
            return so.group(1) + " not found";
        }
        m = m.lines().findFirst().orElse(m).trim();
        return libAt >= 0 && m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] v = new int[1];
        cuDeviceGetAttribute(v, attribute, device);
        return v[0];
    }

    static String deviceName(CUdevice device) {
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        return new String(name, 0, len, StandardCharsets.US_ASCII);
    }
}
