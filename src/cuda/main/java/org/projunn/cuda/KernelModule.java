package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;

/**
 * The project's kernels (kernels/projunn_kernels.cu), compiled by nvcc at build time into a
 * fatbin that ships in the jar, loaded into the current context. Functions are looked up by
 * their extern "C" names once and cached. The RNN training kernels ship as a second fatbin
 * ({@link #RNN_RESOURCE}) loaded by {@link RnnKernels} on first use.
 */
final class KernelModule implements AutoCloseable {
    static final String RESOURCE = "/org/projunn/cuda/projunn_kernels.fatbin";
    static final String RNN_RESOURCE = "/org/projunn/cuda/projunn_rnn_kernels.fatbin";

    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<String, Integer> dynamicSharedLimit = new HashMap<>();
    private boolean loaded;

    KernelModule() {
        this(RESOURCE);
    }

    /** The fatbin at class-path resource {@code resource}. */
    KernelModule(String resource) {
        byte[] image = readImage(resource);
        if (image == null) {
            throw new IllegalStateException(missingReason(resource));
        }
        cuModuleLoadData(module, image);
        loaded = true;
    }

    static String missingReason() {
        return missingReason(RESOURCE);
    }

    static String missingReason(String resource) {
        return "CUDA kernels missing: " + resource + " is not in the jar (it was built without nvcc)";
    }

    /** Whether the fatbin resource is on the class path. */
    static boolean present() {
        return KernelModule.class.getResource(RESOURCE) != null;
    }

    static byte[] readImage() {
        return readImage(RESOURCE);
    }

    static byte[] readImage(String resource) {
        try (InputStream in = KernelModule.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    CUfunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunction f = new CUfunction();
            cuModuleGetFunction(f, module, n);
            return f;
        });
    }

    /** Lets {@code name} use {@code bytes} of dynamic shared memory (above 48 KiB needs opting in). */
    void allowDynamicShared(String name, int bytes) {
        if (bytes <= 48 * 1024 || dynamicSharedLimit.getOrDefault(name, 0) >= bytes) {
            return;
        }
        cuFuncSetAttribute(function(name), CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes);
        dynamicSharedLimit.put(name, bytes);
    }

    @Override
    public void close() {
        if (loaded) {
            loaded = false;
            functions.clear();
            cuModuleUnload(module);
        }
    }
}
