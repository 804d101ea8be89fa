package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.Reorthonormalization;

/**
 * Runs everywhere: the re-orthonormalizer's scratch allocation when the device runs out of
 * memory part-way, with an allocator that fails on a chosen call (buffers are caller memory
 * wrappers, so no GPU is needed; what is checked is the Java bookkeeping).
 */
class ReorthonormalizerAllocationTest {

    /** Hands out wrapped (never freed) buffers and fails on call number {@code failOn} (1-based). */
    private static final class FailingAllocator implements BufferAllocator {
        final List<DeviceBuffer> handedOut = new ArrayList<>();
        int failOn;
        int calls;

        FailingAllocator(int failOn) {
            this.failOn = failOn;
        }

        @Override
        public DeviceBuffer allocate(long bytes, String what) {
            calls++;
            if (calls == failOn) {
                throw new IllegalStateException("could not allocate " + bytes + " bytes of GPU memory for " + what);
            }
            DeviceBuffer b = DeviceBuffer.wrap(new CUdeviceptr(), bytes);
            handedOut.add(b);
            return b;
        }

        long open() {
            return handedOut.stream().filter(b -> !b.isClosed()).count();
        }
    }

    /** Workspace size as cuSOLVER would report it. */
    private static final DeviceSvd FAKE_SIZES = new DeviceSvd() {
        @Override
        public String describe() {
            return "sizes only";
        }

        @Override
        public int workspaceElements(DType dtype, int n) {
            return 3 * n;
        }

        @Override
        public void gesvd(DType dtype, int n, CUdeviceptr a, CUdeviceptr s, CUdeviceptr u, CUdeviceptr vt,
                          CUdeviceptr work, int lwork, CUdeviceptr rwork, CUdeviceptr info) {
            throw new AssertionError("not called by prepare");
        }
    };

    @Test
    void failedNewtonSchulzAllocationKeepsNothingAndCanBeRetried() {
        FailingAllocator alloc = new FailingAllocator(3);
        CudaReorthonormalizer r = new CudaReorthonormalizer(null, alloc, null, null, null, DType.FLOAT32, 64);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> r.prepare(Reorthonormalization.NEWTON_SCHULZ));
        assertTrue(e.getMessage().contains("re-orthonormalization error"), e.getMessage());
        assertEquals(2, alloc.handedOut.size());
        assertEquals(0, alloc.open(), "the two buffers allocated before the failure must be released");

        alloc.failOn = -1; // memory is back
        r.prepare(Reorthonormalization.NEWTON_SCHULZ);
        assertEquals(5, alloc.handedOut.size(), "a retry allocates the whole set again");
        assertEquals(3, alloc.open());
        r.prepare(Reorthonormalization.NEWTON_SCHULZ);
        assertEquals(5, alloc.handedOut.size(), "kept once allocated");
        r.close();
        assertEquals(0, alloc.open());
        r.close(); // twice is harmless
    }

    @Test
    void closeAfterAFailureThrowsNothing() {
        for (int failOn = 1; failOn <= 3; failOn++) {
            FailingAllocator alloc = new FailingAllocator(failOn);
            CudaReorthonormalizer r = new CudaReorthonormalizer(null, alloc, null, null, null, DType.COMPLEX128, 32);
            assertThrows(IllegalStateException.class, () -> r.prepare(Reorthonormalization.NEWTON_SCHULZ));
            r.close();
            assertEquals(0, alloc.open(), "fail on call " + failOn);
        }
    }

    @Test
    void failedSvdScratchLeavesTheNewtonSchulzSetUsable() {
        // calls 1-3: the common set; 4-8: the SVD set, failing at its 4th buffer (call 7)
        FailingAllocator alloc = new FailingAllocator(7);
        CudaReorthonormalizer r = new CudaReorthonormalizer(null, alloc, null, null, FAKE_SIZES, DType.FLOAT64, 16);
        assertThrows(IllegalStateException.class, () -> r.prepare(Reorthonormalization.SVD_POLAR));
        assertEquals(3, alloc.open(), "only the complete common set stays");
        alloc.failOn = -1;
        r.prepare(Reorthonormalization.SVD_POLAR);
        assertEquals(8, alloc.open());
        DeviceBuffer work = alloc.handedOut.get(alloc.handedOut.size() - 3);
        assertEquals(3L * 16 * DType.FLOAT64.bytesPerElement(), work.bytes(), "workspace sized from cuSOLVER's answer");
        r.close();
        assertEquals(0, alloc.open());
    }

    @Test
    void hostSvdNeedsNoDeviceScratch() {
        FailingAllocator alloc = new FailingAllocator(1);
        CudaReorthonormalizer r = new CudaReorthonormalizer(null, alloc, null, null, null, DType.FLOAT32, 16);
        r.prepare(Reorthonormalization.SVD_POLAR);
        assertEquals(0, alloc.calls);
        r.close();
    }

    @Test
    void groupReleasesInOrderAndReportsTheFirstFailure() {
        FailingAllocator alloc = new FailingAllocator(-1);
        BufferGroup g = BufferGroup.allocate(alloc, new long[] {8, 16}, new String[] {"x", "y"});
        assertSame(alloc.handedOut.get(1), g.get(1));
        assertFalse(g.get(0).isClosed());
        g.close();
        assertEquals(0, alloc.open());
        assertThrows(IllegalArgumentException.class, () -> BufferGroup.allocate(alloc, new long[] {8}, new String[0]));
    }
}
