package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jcuda.driver.CUstream;
import org.junit.jupiter.api.Test;
import org.projunn.DType;

/** Runs everywhere (Maven's JVM, Java 17 here): what the backend says when FFM is not available. */
class FfmBridgeTest {

    @Test
    void beforeJava22TheReasonNamesTheJavaVersion() {
        assumeTrue(Runtime.version().feature() < 22, "this JVM has FFM: FfmLibrariesTest covers it");
        String why = FfmBridge.unavailableReason();
        assertEquals("FFM needs Java 22+, this JVM is " + Runtime.version().feature(), why);
        try (FfmLibraries libs = FfmBridge.open(new CUstream())) {
            assertNull(libs.gemm(DType.FLOAT32));
            assertNull(libs.svd());
            assertEquals(why, libs.blasStatus());
        }
        try (CudaLibraries libs = CudaLibraries.load(new CUstream())) {
            // JCublas cannot start here either (no libcublas.so.12 / no device): own kernels, host SVD
            assertTrue(libs.ownKernels(), libs.gemmStatus());
            assertTrue(libs.gemmStatus().startsWith("own kernels (" + why + "; JCublas: "), libs.gemmStatus());
            assertEquals("host EJML (" + why + ")", libs.svdStatus());
        }
        String plan = CudaLibraries.plan();
        assertTrue(plan.startsWith("GEMM: own kernels (" + why) && plan.contains("; SVD: host EJML (" + why + ")"), plan);
    }
}
