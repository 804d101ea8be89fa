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
 * their extern "C" names once and cached.
 */
final class KernelModule implements AutoCloseable {
    static final String RESOURCE = "/org/projunn/cuda/projunn_kernels.fatbin";

    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<String, Integer> dynamicSharedLimit = new HashMap<>();
    private boolean loaded;

    KernelModule() {
        byte[] image = readImage();
        if (image == null) {
            throw new IllegalStateException(missingReason());
        }
        cuModuleLoadData(module, image);
        loaded = true;
    }

    static String missingReason() {
        return "CUDA kernels missing: " + RESOURCE + " is not in the jar (it was built without nvcc)";
    }

    /** Whether the fatbin resource is on the class path. */
    static boolean present() {
        return KernelModule.class.getResource(RESOURCE) != null;
    }

    static byte[] readImage() {
        try (InputStream in = KernelModule.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
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
