package org.projunn.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcusolver.JCusolver;
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
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
        } catch (LinkageError e) {
            return Availability.no(driverMissing(e));
        } catch (CudaException e) {
            return Availability.no("CUDA driver present but not usable: " + e.getMessage());
        }
        try {
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                return Availability.no("no CUDA device");
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            int major = attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            String name = deviceName(device);
            if (major < MIN_MAJOR) {
                return Availability.no(name + " has compute capability " + major + "." + minor
                        + "; the kernels need " + MIN_MAJOR + ".0 or newer");
            }
            if (!KernelModule.present()) {
                return Availability.no(KernelModule.missingReason());
            }
            long[] total = new long[1];
            cuDeviceTotalMem(total, device);
            int[] driver = new int[1];
            cuDriverGetVersion(driver);
            return Availability.yes(name + " (compute capability " + major + "." + minor + ", "
                    + (total[0] >> 20) + " MiB), driver CUDA " + driver[0] / 1000 + "." + driver[0] % 1000 / 10
                    + "; GEMM: " + libraryStatus(true) + "; SVD: " + libraryStatus(false));
        } catch (CudaException e) {
            return Availability.no("CUDA device query failed: " + e.getMessage());
        }
    }

    /** Whether the cuBLAS (or cuSOLVER) binding loads, without creating a handle. */
    static String libraryStatus(boolean blas) {
        try {
            if (blas) {
                JCublas2.initialize();
                return "cuBLAS";
            }
            JCusolver.initialize();
            return "cuSOLVER";
        } catch (LinkageError | CudaException e) {
            return (blas ? "own kernels (cuBLAS not loaded: " : "host SVD (cuSOLVER not loaded: ") + shortReason(e) + ")";
        }
    }

    private static String driverMissing(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("libcuda.so")) {
            return "no CUDA driver (libcuda.so.1 not found)";
        }
        return "the JCuda driver binding did not load: " + shortReason(e);
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
