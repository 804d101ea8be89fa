package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projunn.DType;

/**
 * The FFM path (Java 22+) without a GPU: library search and load failures become reasons, and,
 * against stand-in libraries compiled here with the real prototypes (test resource
 * stub_cuda_libs.c), every argument of the cuBLAS and cuSOLVER calls arrives as passed; a
 * Create that fails as it does without a device leaves the path off with cuBLAS's status.
 * Maven runs these on JDK 22+ (the java22 profile's ffm-on-java22 execution).
 */
@Tag("ffm")
class FfmLibrariesTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(CudaLibraryFinder.PROPERTY);
    }

    private static void requireJava22() {
        assumeTrue(FfmBridge.unavailableReason() == null, "FFM path not here: " + FfmBridge.unavailableReason());
    }

    /** Compiles the stand-in into {@code dir/name}; skips where there is no C compiler. */
    private static void compileStub(Path dir, String name, String library, int createStatus, Path log)
            throws IOException, InterruptedException {
        Path src = dir.resolve("stub_cuda_libs.c");
        if (!Files.exists(src)) {
            try (InputStream in = FfmLibrariesTest.class.getResourceAsStream("stub_cuda_libs.c")) {
                Files.copy(in, src);
            }
        }
        Process p;
        try {
            p = new ProcessBuilder("cc", "-shared", "-fPIC", "-O1", "-D" + library, "-DCREATE_STATUS=" + createStatus,
                    "-DLOG_PATH=\"" + log + "\"", "-Wl,-soname," + name, "-o", dir.resolve(name).toString(),
                    src.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no C compiler (cc) for the stand-in libraries");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cc failed: " + out);
    }

    private static List<String> log(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void unloadableFilesGiveTheLoadersReasonNotAnException(@TempDir Path dir) throws IOException {
        requireJava22();
        Files.write(dir.resolve("libcublas.so.13"), new byte[] {1, 2, 3, 4});
        Files.write(dir.resolve("libcusolver.so.12"), "not a library".getBytes(StandardCharsets.US_ASCII));
        System.setProperty(CudaLibraryFinder.PROPERTY, dir.toString());
        String[] plan = FfmBridge.plan();
        assertTrue(plan[0].contains(dir.resolve("libcublas.so.13").toString()) && plan[0].contains("cuBLAS not loaded"),
                plan[0]);
        assertTrue(plan[1].contains(dir.resolve("libcusolver.so.12").toString()), plan[1]);
        try (FfmLibraries libs = FfmBridge.open(new CUstream())) {
            assertNull(libs.gemm(DType.FLOAT32));
            assertNull(libs.svd());
            assertTrue(libs.blasStatus().startsWith("FFM cuBLAS not loaded"), libs.blasStatus());
        }
    }

    @Test
    void gemmArgumentsArriveAsPassed(@TempDir Path dir) throws Exception {
        requireJava22();
        Path log = dir.resolve("calls.log");
        compileStub(dir, "libcublas.so.13", "CUBLAS", 0, log);
        System.setProperty(CudaLibraryFinder.PROPERTY, dir.toString());
        try (FfmLibraries libs = FfmBridge.open(new CUstream())) {
            assertTrue(libs.blasStatus().equals("cuBLAS 130001 via FFM (" + dir.resolve("libcublas.so.13") + ")"),
                    libs.blasStatus());
            GemmOps s = libs.gemm(DType.FLOAT32);
            assertNotNull(s);
            CUdeviceptr base = new CUdeviceptr();
            s.gemmSquare(true, base.withByteOffset(0x1000), base.withByteOffset(0x2000), base.withByteOffset(0x3000), 3, 2);
            s.times(base.withByteOffset(0x10), base.withByteOffset(0x20), base.withByteOffset(0x30), 5, 2, 4);
            GemmOps c = libs.gemm(DType.COMPLEX64);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> c.adjointTimes(base.withByteOffset(8), base.withByteOffset(16), base.withByteOffset(24), 4, 3, 1));
            assertEquals("cublasCgemmStridedBatched failed: CUBLAS_STATUS_EXECUTION_FAILED (13)", e.getMessage());
        }
        assertEquals(List.of(
                "cublasCreate_v2",
                "cublasSetStream_v2 b1a5 0",
                // A^H B: op T, m = n = k = 3, alpha 1, lda 3, strides 9, beta 0, ldc 3, batch 2
                "S b1a5 1 0 3 3 3 1 1000 3 9 2000 3 9 0 3000 3 9 2",
                // M y: op N, 5 x 2 = (5 x 5)(5 x 2), strides 25 and 10, batch 4
                "S b1a5 0 0 5 2 5 1 10 5 25 20 5 10 0 30 5 10 4",
                // M^H x complex: op C, alpha (1, 0)
                "C b1a5 2 0 4 3 4 1,0 8 4 16 10 4 12 0,0 18 4 12 1",
                "cublasDestroy_v2 b1a5"), log(log));
    }

    @Test
    void gesvdArgumentsArriveAsPassed(@TempDir Path dir) throws Exception {
        requireJava22();
        Path log = dir.resolve("calls.log");
        compileStub(dir, "libcusolver.so.12", "CUSOLVER", 0, log);
        System.setProperty(CudaLibraryFinder.PROPERTY, dir.toString());
        try (FfmLibraries libs = FfmBridge.open(new CUstream())) {
            DeviceSvd svd = libs.svd();
            assertNotNull(svd, libs.solverStatus());
            assertTrue(svd.describe().startsWith("cuSOLVER 11701 via FFM ("), svd.describe());
            assertEquals(5 * 6 + 1, svd.workspaceElements(DType.FLOAT64, 6));
            CUdeviceptr p = new CUdeviceptr();
            svd.gesvd(DType.FLOAT64, 6, p.withByteOffset(0xa0), p.withByteOffset(0xb0), p.withByteOffset(0xc0),
                    p.withByteOffset(0xd0), p.withByteOffset(0xe0), 31, p.withByteOffset(0xf0), p.withByteOffset(0x100));
        }
        assertEquals(List.of(
                "cusolverDnCreate",
                "cusolverDnSetStream 5017 0",
                "Dbuf 5017 6 6",
                "D 5017 A A 6 6 a0 6 b0 c0 6 d0 6 e0 31 f0 100",
                "cusolverDnDestroy 5017"), log(log));
    }

    @Test
    void createFailingAsWithoutADeviceLeavesThePathOffWithTheStatus(@TempDir Path dir) throws Exception {
        requireJava22();
        Path log = dir.resolve("calls.log");
        compileStub(dir, "libcublas.so.13", "CUBLAS", 1, log);
        compileStub(dir, "libcusolver.so.12", "CUSOLVER", 1, log);
        System.setProperty(CudaLibraryFinder.PROPERTY, dir.toString());
        try (FfmLibraries libs = FfmBridge.open(new CUstream())) {
            assertNull(libs.gemm(DType.FLOAT64));
            assertNull(libs.svd());
            assertEquals("FFM cublasCreate_v2 failed: CUBLAS_STATUS_NOT_INITIALIZED (1)", libs.blasStatus());
            assertEquals("FFM cusolverDnCreate failed: CUSOLVER_STATUS_NOT_INITIALIZED (1)", libs.solverStatus());
        }
        assertFalse(log(log).stream().anyMatch(l -> l.startsWith("cublasSetStream")), "no calls after a failed create");
        // what the backend reports then: cuBLAS via JCublas is tried next (CUDA 12 only), else own kernels
        try (CudaLibraries libs = CudaLibraries.load(new CUstream())) {
            assertTrue(libs.gemmStatus().contains("CUBLAS_STATUS_NOT_INITIALIZED"), libs.gemmStatus());
            assertTrue(libs.svdStatus().startsWith("host EJML (FFM cusolverDnCreate failed"), libs.svdStatus());
        }
    }
}
