package org.projunn.cuda;

import java.lang.reflect.InvocationTargetException;
import jcuda.driver.CUstream;
import org.projunn.DType;

/**
 * Finds the Java 22+ implementation of {@link FfmLibraries} ({@code FfmCudaLibraries}, compiled
 * with {@code --release 22} into the jar's {@code META-INF/versions/22}). A multi-release jar
 * shows it to a Java 22+ JVM; an exploded build (target/classes) needs that directory on the
 * class path, which the launcher and the test setup add. On Java 17 it says so.
 */
final class FfmBridge {
    static final String IMPLEMENTATION = "org.projunn.cuda.FfmCudaLibraries";
    /** The first Java release with a final foreign function API. */
    static final int MIN_JAVA = 22;

    private FfmBridge() {
    }

    /**
     * Why the FFM path cannot be used in this JVM.
     *
     * @return the reason, or null when the implementation is there
     */
    static String unavailableReason() {
        int feature = Runtime.version().feature();
        if (feature < MIN_JAVA) {
            return "FFM needs Java " + MIN_JAVA + "+, this JVM is " + feature;
        }
        try {
            Class.forName(IMPLEMENTATION, false, FfmBridge.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "the FFM classes are not on the class path (built without JDK " + MIN_JAVA
                    + "+, or target/classes without its META-INF/versions/22)";
        }
    }

    /**
     * Starts cuBLAS and cuSOLVER through FFM on {@code stream} in the current context.
     *
     * @param stream the backend's stream; not modified
     * @return the libraries (each may have failed to start, with its reason), never null
     */
    static FfmLibraries open(CUstream stream) {
        String why = unavailableReason();
        if (why != null) {
            return unavailable(why);
        }
        try {
            return (FfmLibraries) Class.forName(IMPLEMENTATION).getDeclaredMethod("open", long.class)
                    .invoke(null, DevicePointers.handle(stream));
        } catch (InvocationTargetException e) {
            return unavailable("FFM start failed: " + CudaProbe.shortReason(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError e) {
            return unavailable("FFM start failed: " + CudaProbe.shortReason(e));
        }
    }

    /**
     * Which cuBLAS and cuSOLVER files would load, without creating handles (for the probe).
     *
     * @return {"FFM cuBLAS ..." , "FFM cuSOLVER ..."}: a loaded file or why none
     */
    static String[] plan() {
        String why = unavailableReason();
        if (why != null) {
            return new String[] {why, why};
        }
        try {
            return (String[]) Class.forName(IMPLEMENTATION).getDeclaredMethod("plan").invoke(null);
        } catch (InvocationTargetException e) {
            String r = "FFM lookup failed: " + CudaProbe.shortReason(e.getCause());
            return new String[] {r, r};
        } catch (ReflectiveOperationException | LinkageError e) {
            String r = "FFM lookup failed: " + CudaProbe.shortReason(e);
            return new String[] {r, r};
        }
    }

    /**
     * Libraries that did not start.
     *
     * @param reason why, for both
     * @return an instance with no GEMM and no SVD
     */
    static FfmLibraries unavailable(String reason) {
        return new FfmLibraries() {
            @Override
            public GemmOps gemm(DType dtype) {
                return null;
            }

            @Override
            public String blasStatus() {
                return reason;
            }

            @Override
            public DeviceSvd svd() {
                return null;
            }

            @Override
            public String solverStatus() {
                return reason;
            }

            @Override
            public void close() {
            }
        };
    }
}
