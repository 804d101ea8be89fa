package org.projunn.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.projunn.DType;
import org.projunn.SamplerSpec;

/**
 * Device memory of one projector, allocated once for its shape: O(batch N k) bytes, nothing of
 * size N^2 (re-orthonormalization scratch comes later, on first use). Either every buffer is
 * allocated or, on failure, none is kept.
 */
final class CudaStepWorkspace implements AutoCloseable {
    private final List<DeviceBuffer> all = new ArrayList<>();
    final CUdeviceptr a;
    final CUdeviceptr b;
    final CUdeviceptr ahat;
    final CUdeviceptr basis;
    final CUdeviceptr stepSmall;
    final CUdeviceptr qRows;
    final CUdeviceptr g;
    final CUdeviceptr bh;
    final CUdeviceptr c;
    final CUdeviceptr report;
    final CUdeviceptr flags;
    final CUdeviceptr sketch;
    final CUdeviceptr image;
    final CUdeviceptr samplerWork;
    final CUdeviceptr samplerSmall;
    final CUdeviceptr norms;

    CudaStepWorkspace(CudaBackend backend, KernelLaunches ops, DType dtype, SamplerSpec sampler, int batch, int n, int k, int w) {
        try {
            long elem = dtype.bytesPerElement();
            long acc = dtype.isComplex() ? 16 : 8;
            long r = 2L * k;
            long nk = (long) batch * n * k;
            a = alloc(backend, nk * elem, "sampled factor a");
            b = alloc(backend, nk * elem, "sampled factor b");
            ahat = alloc(backend, nk * elem, "A^H a");
            basis = alloc(backend, (long) batch * n * r * 16, "basis Q");
            long stepSlots = KernelLaunches.stepSmallSlots(k);
            stepSmall = alloc(backend, ops.fitsShared(stepSlots) ? 16 : batch * stepSlots * 16, "2k x 2k problems");
            qRows = alloc(backend, (long) batch * r * n * acc, "Q rows");
            g = alloc(backend, (long) batch * r * n * acc, "G = F Q^H");
            bh = alloc(backend, nk * acc, "b^H");
            c = alloc(backend, (long) batch * k * r * acc, "b^H Q");
            report = alloc(backend, 8L * batch, "step report");
            flags = alloc(backend, 4L * batch, "non-finite flags");
            boolean sketching = sampler.kind() == SamplerSpec.Kind.SKETCH;
            long width = sketching ? w : 1;
            sketch = alloc(backend, (long) batch * n * width * elem, "sketch");
            image = alloc(backend, (long) batch * n * width * elem, "sketch image");
            samplerWork = alloc(backend, (long) batch * n * (w + k) * 16, "sampler work");
            long slots = sketching ? KernelLaunches.bestRankSmallSlots(k, w) : KernelLaunches.columnSmallSlots(k, w);
            samplerSmall = alloc(backend, ops.fitsShared(slots) ? 16 : batch * slots * 16, "sampler small problems");
            norms = alloc(backend, sketching ? 8 : 8L * batch * n, "column norms");
        } catch (RuntimeException e) {
            Releaser.closeAfter(e, this);
            throw e;
        }
    }

    private CUdeviceptr alloc(CudaBackend backend, long bytes, String what) {
        DeviceBuffer buf = backend.allocateBuffer(bytes, what);
        all.add(buf);
        return buf.pointer();
    }

    @Override
    public void close() {
        Releaser.closeAndClear(all);
    }
}
