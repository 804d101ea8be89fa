package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.Method;
import org.projunn.ProjectorSpec;

/**
 * projUNN steps on W and delta in the caller's device memory, on the caller's context and stream
 * (docs/GPU_TRAINING.md's loop): the same result as the backend's own tensors, W updated in
 * place, the memory still the caller's after the backend closes. Skips without a usable GPU.
 */
@Tag("gpu")
class InteropGpuTest {
    private static final int N = 16;

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void stepsOnTheCallersMemoryAndStreamInPlace() {
        GpuTestSupport.requireGpu();
        float[] w0 = toFloat(GpuTestSupport.randomUnitary(DType.FLOAT32, 1, N, 3));
        float[] d0 = toFloat(GpuTestSupport.gaussian(N * N, 0.05, 4));
        ProjectorSpec spec = ProjectorSpec.of(Method.TANGENT, 2);
        float[] expected;
        try (CudaBackend own = CudaBackend.open();
             CudaProjector p = own.newProjector(spec, DType.FLOAT32, 1, N);
             CudaTensor w = own.allocate(DType.FLOAT32, 1, N, N);
             CudaTensor d = own.allocate(DType.FLOAT32, 1, N, N)) {
            w.copyFrom(w0);
            d.copyFrom(d0);
            p.step(w, d);
            expected = w.toFloatArray();
        }
        CUdevice device = new CUdevice();
        cuDeviceGet(device, 0);
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        try {
            cuCtxSetCurrent(context);
            CUstream stream = new CUstream();
            cuStreamCreate(stream, 0);
            long bytes = 4L * N * N;
            CUdeviceptr wPtr = new CUdeviceptr();
            CUdeviceptr dPtr = new CUdeviceptr();
            cuMemAlloc(wPtr, bytes);
            cuMemAlloc(dPtr, bytes);
            cuMemcpyHtoD(wPtr, Pointer.to(w0), bytes);
            try (CudaBackend backend = CudaBackend.onContext(context, stream, false);
                 CudaProjector projector = backend.newProjector(spec, DType.FLOAT32, 1, N);
                 CudaTensor w = backend.wrap(wPtr, DType.FLOAT32, 1, N, N);
                 CudaTensor delta = backend.wrap(dPtr, DType.FLOAT32, 1, N, N)) {
                // queued on the caller's stream just before the step (from pinned memory, so
                // truly asynchronous): the step must see it
                Pointer pinned = new Pointer();
                cuMemAllocHost(pinned, bytes);
                pinned.getByteBuffer(0, bytes).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().put(d0);
                cuMemcpyHtoDAsync(dPtr, pinned, bytes, stream);
                projector.step(w, delta);
                cuMemFreeHost(pinned);
            }
            cuStreamSynchronize(stream);
            float[] got = new float[N * N];
            cuMemcpyDtoH(Pointer.to(got), wPtr, bytes);
            double worst = 0;
            double moved = 0;
            for (int i = 0; i < got.length; i++) {
                assertTrue(Float.isFinite(got[i]), "W[" + i + "] = " + got[i]);
                worst = Math.max(worst, Math.abs(got[i] - expected[i]));
                moved = Math.max(moved, Math.abs(got[i] - w0[i]));
            }
            assertTrue(worst <= 1e-6, "wrapped step differs from the owned one by " + worst);
            assertTrue(moved > 1e-4, "W did not move in place (max change " + moved + ")");
            cuMemFree(wPtr);  // still the caller's memory: closing the backend did not free it
            cuMemFree(dPtr);
            cuStreamDestroy(stream);
        } finally {
            cuDevicePrimaryCtxRelease(device);
        }
    }

    /**
     * docs/GPU_TRAINING.md's training loop: learn an orthogonal W with W X ~ Y (Y = Q X for an
     * orthogonal Q) from the caller's device buffers on the caller's stream; every step computes
     * the gradient (W X - Y) X^T with two GEMMs, delta = -lr grad, and a projUNN-T step on W.
     */
    @Test
    void procrustesLoopOfTheGuide() {
        GpuTestSupport.requireGpu();
        int n = 16;
        int samples = 64;
        int steps = 200;
        double lr = 0.2;
        float[] q = toFloat(GpuTestSupport.randomUnitary(DType.FLOAT32, 1, n, 7));
        float[] x = toFloat(GpuTestSupport.gaussian(n * samples, 1 / Math.sqrt(samples), 8));
        float[] negY = new float[n * samples];
        for (int j = 0; j < samples; j++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += q[i + p * n] * x[p + j * n];
                }
                negY[i + j * n] = (float) -s;
            }
        }
        float[] w0 = toFloat(GpuTestSupport.randomUnitary(DType.FLOAT32, 1, n, 9));
        CUdevice device = new CUdevice();
        cuDeviceGet(device, 0);
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        try {
            cuCtxSetCurrent(context);
            CUstream stream = new CUstream();
            cuStreamCreate(stream, 0);
            CUdeviceptr wPtr = upload(w0);
            CUdeviceptr xPtr = upload(x);
            CUdeviceptr negYPtr = upload(negY);
            CUdeviceptr rPtr = upload(new float[n * samples]);
            CUdeviceptr gradPtr = upload(new float[n * n]);
            CUdeviceptr deltaPtr = upload(new float[n * n]);
            double first;
            double last;
            // ---- the guide's loop ----
            try (CudaBackend backend = CudaBackend.onContext(context, stream, false);
                 CudaProjector projector = backend.newProjector(ProjectorSpec.of(Method.TANGENT, 2), DType.FLOAT32, 1, n);
                 CudaTensor w = backend.wrap(wPtr, DType.FLOAT32, 1, n, n);
                 CudaTensor delta = backend.wrap(deltaPtr, DType.FLOAT32, 1, n, n)) {
                RnnKernels k = backend.rnnKernels();
                first = residual(stream, k, wPtr, xPtr, negYPtr, rPtr, n, samples);
                for (int step = 1; step <= steps; step++) {
                    // R = W X - Y, grad = R X^T (the caller's own model and loss 0.5 ||W X - Y||^2)
                    cuMemcpyDtoDAsync(rPtr, negYPtr, 4L * n * samples, stream);
                    k.gemm(false, false, n, samples, n, wPtr, n, xPtr, n, true, rPtr, n);
                    k.gemm(false, true, n, n, samples, rPtr, n, xPtr, n, false, gradPtr, n);
                    // delta = -lr grad (plain SGD into the delta buffer), then W <- projUNN step along delta
                    k.optimizer(wPtr, gradPtr, gradPtr, gradPtr, deltaPtr, n * n, RnnKernels.SGD, lr, 0, 0, 0, 0, 1, 1,
                            0, step == 1 ? 1 : 0, 1, 1);
                    projector.step(w, delta);
                }
                last = residual(stream, k, wPtr, xPtr, negYPtr, rPtr, n, samples);
            }
            float[] got = new float[n * n];
            cuMemcpyDtoH(Pointer.to(got), wPtr, 4L * n * n);
            double orth = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < n; p++) {
                        s += (double) got[p + i * n] * got[p + j * n];
                    }
                    orth = Math.max(orth, Math.abs(s - (i == j ? 1 : 0)));
                }
            }
            assertTrue(last < 0.25 * first, "residual " + first + " -> " + last);
            assertTrue(orth < 1e-4, "W^T W - I max entry " + orth);
            for (CUdeviceptr p : new CUdeviceptr[] {wPtr, xPtr, negYPtr, rPtr, gradPtr, deltaPtr}) {
                cuMemFree(p);
            }
            cuStreamDestroy(stream);
        } finally {
            cuDevicePrimaryCtxRelease(device);
        }
    }

    private static CUdeviceptr upload(float[] host) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, 4L * host.length);
        cuMemcpyHtoD(p, Pointer.to(host), 4L * host.length);
        return p;
    }

    /** ||W X - Y||_F^2, computed on the device and read back. */
    private static double residual(CUstream stream, RnnKernels k, CUdeviceptr w, CUdeviceptr x, CUdeviceptr negY,
                                   CUdeviceptr r, int n, int samples) {
        cuMemcpyDtoDAsync(r, negY, 4L * n * samples, stream);
        k.gemm(false, false, n, samples, n, w, n, x, n, true, r, n);
        cuStreamSynchronize(stream);
        float[] h = new float[n * samples];
        cuMemcpyDtoH(Pointer.to(h), r, 4L * h.length);
        double s = 0;
        for (float v : h) {
            s += (double) v * v;
        }
        return s;
    }
}
