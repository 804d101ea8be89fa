package org.projunn.spi;

import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.StepReport;
import org.projunn.Tensor;

/**
 * What every backend's projector shares around its own arithmetic: the spec, the step count
 * (which also keys the samplers' random numbers), re-orthonormalization after every m-th step,
 * and the report. A backend supplies the step itself and its re-orthonormalization.
 *
 * <p>For backend implementations; a library user needs only {@link Projector}.
 *
 * @param <T> the backend's tensor type
 */
public abstract class AbstractProjector<T extends Tensor> implements Projector {
    /** The configuration this projector was created with. */
    protected final ProjectorSpec spec;
    private long steps;

    /**
     * Starts at step 0.
     *
     * @param spec the projector's configuration
     */
    protected AbstractProjector(ProjectorSpec spec) {
        this.spec = spec;
    }

    @Override
    public final ProjectorSpec spec() {
        return spec;
    }

    @Override
    public final long stepCount() {
        return steps;
    }

    /**
     * Applies the D or T step to every matrix of {@code target} with the factors already in place
     * (sampled or given); inputs have been validated.
     *
     * @param target A, modified in place
     */
    protected abstract void applyStep(T target);

    /**
     * Eigenvalues clamped in the last step, summed over the batch.
     *
     * @return the count
     */
    protected abstract int clampedEigenvalues();

    /**
     * Dependent directions dropped in the last step, summed over the batch.
     *
     * @return the count
     */
    protected abstract int droppedDirections();

    /**
     * Re-orthonormalizes every matrix of {@code target} with the spec's method.
     *
     * @param target A, modified in place
     * @return the worst ||A^H A - I||_F before
     */
    protected abstract double reorthonormalizeAll(T target);

    /**
     * The step, the count, re-orthonormalization when due, and the report, in that order.
     *
     * @param target A, modified in place
     * @return what the step did
     */
    protected final StepReport completeStep(T target) {
        applyStep(target);
        steps++;
        boolean due = spec.reorthEvery() > 0 && steps % spec.reorthEvery() == 0;
        if (due) {
            reorthonormalizeAll(target);
        }
        return new StepReport(clampedEigenvalues(), droppedDirections(), due);
    }
}
