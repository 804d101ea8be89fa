package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs everywhere: the library search over a fake file tree (a toolkit and pip wheels). */
class CudaLibraryFinderTest {

    private static Path touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {0x7f, 'E', 'L', 'F'});
    }

    @Test
    void overrideFirstThenBareNameThenFoundFilesInNamePreference(@TempDir Path root) throws IOException {
        Path wheel13 = touch(root.resolve("py/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.13"));
        touch(root.resolve("py/lib/python3.12/site-packages/nvidia/cublas/lib/libcublasLt.so.13"));
        Path toolkit12 = touch(root.resolve("cuda-12.4/lib64/libcublas.so.12"));
        Path override = touch(root.resolve("mine/libcublas.so.12"));
        Files.createDirectories(root.resolve("empty"));
        CudaLibraryFinder f = new CudaLibraryFinder(List.of(root.resolve("mine").toString(), root.resolve("none").toString()),
                List.of(root + "/cuda-*/lib64", root + "/py/lib/python3*/site-packages/nvidia/*/lib", root + "/empty"),
                root.toString());
        List<String> c = f.candidates(List.of("libcublas.so.13", "libcublas.so.12"));
        assertEquals(List.of(override.toString(), "libcublas.so.13", wheel13.toString(), "libcublas.so.12",
                toolkit12.toString()), c);
        assertEquals(3, f.directories().size(), f.directories().toString());
        assertTrue(f.searched().contains("mine"), f.searched());
    }

    @Test
    void homeAndCompanions(@TempDir Path root) throws IOException {
        Path lib = touch(root.resolve("home/.local/lib/python3.11/site-packages/nvidia/cusolver/lib/libcusolver.so.12"));
        Path lt = touch(root.resolve("home/.local/lib/python3.11/site-packages/nvidia/cusolver/lib/libcublasLt.so.12"));
        CudaLibraryFinder f = new CudaLibraryFinder(List.of(),
                List.of("~/.local/lib/python3*/site-packages/nvidia/*/lib", "relative/ignored"), root.resolve("home").toString());
        assertEquals(List.of("libcusolver.so.12", lib.toString()), f.candidates(List.of("libcusolver.so.12")));
        assertEquals(lt.toString(), CudaLibraryFinder.besides(lib.toString(), List.of("libcublasLt.so.13", "libcublasLt.so.12")));
        assertNull(CudaLibraryFinder.besides("libcusolver.so.12", List.of("libcublasLt.so.12")));
    }

    @Test
    void nothingFoundLeavesTheBareNames(@TempDir Path root) {
        CudaLibraryFinder f = new CudaLibraryFinder(List.of(), List.of(root + "/nothing*/lib"), root.toString());
        assertEquals(List.of("libcusolver.so.12", "libcusolver.so.11"),
                f.candidates(List.of("libcusolver.so.12", "libcusolver.so.11")));
        assertTrue(f.searched().startsWith("PROJUNN_CUDA_LIBS unset"), f.searched());
    }
}
