package org.projunn.train;

import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.StepReport;
import org.projunn.Tensor;
import java.util.Optional;

/**
 * Applies an optimizer's update to a square unitary (orthogonal) parameter through projUNN:
 * {@code W <- step(W, delta / divider)} instead of {@code W <- W + delta}, so W stays unitary.
 * Where the backend shares host arrays ({@link Backend#share}, the CPU) the projector works on the
 * parameter's own array; elsewhere W and the update are copied over and W is copied back after
 * each step.
 *
 * <p>A parameter of {@code n x (batch * n)} holds a batch of n x n matrices side by side (column-major,
 * so each matrix is contiguous, the layout of a batched {@link Tensor}); all of them take one
 * batched projUNN step.
 */
public final class ProjectedUpdate implements AutoCloseable {
    private final Parameter parameter;
    private final double divider;
    private final Projector projector;
    private final Tensor matrix;
    private final Tensor update;
    private final double[] scaled;
    private final boolean shared;
    private StepReport lastReport;

    public ProjectedUpdate(Backend backend, ProjectorSpec spec, Parameter parameter, double divider) {
        this(backend, spec, parameter, divider, 1);
    }

    /** For {@code batch} n x n matrices side by side in an {@code n x (batch * n)} parameter. */
    public ProjectedUpdate(Backend backend, ProjectorSpec spec, Parameter parameter, double divider, int batch) {
        if (batch < 1) {
            throw new InvalidInputException("batch of matrices must be >= 1, got " + batch);
        }
        if ((long) parameter.rows() * batch != parameter.cols()) {
            throw new InvalidInputException(batch == 1 ? "projUNN needs a square parameter, " + parameter + " is not"
                    : "a batch of " + batch + " square matrices needs n x " + batch + "n, " + parameter + " is not");
        }
        if (!(divider > 0) || Double.isInfinite(divider)) {
            throw new InvalidInputException("learning-rate divider must be a positive number, got " + divider);
        }
        this.parameter = parameter;
        this.divider = divider;
        int n = parameter.rows();
        DType dtype = parameter.isComplex() ? DType.COMPLEX128 : DType.FLOAT64;
        this.scaled = new double[parameter.size()];
        this.projector = backend.newProjector(spec, dtype, batch, n);
        Optional<Tensor> sharedMatrix = backend.share(parameter.value(), dtype, batch, n, n);
        if (sharedMatrix.isPresent()) {
            this.matrix = sharedMatrix.get();
            this.update = backend.share(scaled, dtype, batch, n, n).orElseThrow();
            this.shared = true;
        } else {
            this.matrix = backend.allocate(dtype, batch, n, n);
            this.update = backend.allocate(dtype, batch, n, n);
            this.shared = false;
        }
    }

    public Parameter parameter() {
        return parameter;
    }

    public double divider() {
        return divider;
    }

    /** Moves W along {@code delta / divider} and back onto the unitary group; delta is left unchanged. */
    public void apply(double[] delta) {
        double inv = 1.0 / divider;
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = delta[i] * inv;
        }
        if (shared) {
            lastReport = projector.step(matrix, update);
        } else {
            matrix.copyFrom(parameter.value());
            update.copyFrom(scaled);
            lastReport = projector.step(matrix, update);
            double[] back = matrix.toDoubleArray();
            System.arraycopy(back, 0, parameter.value(), 0, back.length);
        }
    }

    /** The projector's report on the last step (null before the first). */
    public StepReport lastReport() {
        return lastReport;
    }

    @Override
    public void close() {
        matrix.close();
        update.close();
        projector.close();
    }
}
