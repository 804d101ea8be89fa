package org.projunn.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.projunn.InvalidInputException;

/**
 * Updates a set of parameters from their gradients. Each optimizer computes the update
 * {@code delta} of a parameter from its Euclidean gradient and its own moments, as usual; a plain
 * parameter then gets {@code value += delta}, while a parameter registered with
 * {@link #project} hands delta to its {@link ProjectedUpdate} (projUNN) instead.
 */
public abstract class Optimizer {
    private final List<Parameter> parameters;
    private final LearningRate schedule;
    private final double[][] deltas;
    private final Map<Parameter, ProjectedUpdate> projected = new IdentityHashMap<>();
    private long steps;

    protected Optimizer(List<Parameter> parameters, LearningRate schedule) {
        if (parameters == null || parameters.isEmpty()) {
            throw new InvalidInputException("an optimizer needs at least one parameter");
        }
        if (schedule == null) {
            throw new InvalidInputException("learning-rate schedule must not be null");
        }
        this.parameters = List.copyOf(parameters);
        this.schedule = schedule;
        this.deltas = new double[this.parameters.size()][];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = new double[this.parameters.get(i).size()];
        }
    }

    /** Routes the updates of {@code update.parameter()} through projUNN. */
    public void project(ProjectedUpdate update) {
        if (!parameters.contains(update.parameter())) {
            throw new InvalidInputException(update.parameter() + " is not trained by this optimizer");
        }
        projected.put(update.parameter(), update);
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        return schedule.at(steps);
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        double lr = schedule.at(steps);
        steps++;
        for (int i = 0; i < deltas.length; i++) {
            Parameter p = parameters.get(i);
            double[] delta = deltas[i];
            computeDelta(i, p.value(), p.grad(), lr, steps, delta);
            ProjectedUpdate update = projected.get(p);
            if (update != null) {
                update.apply(delta);
            } else {
                double[] v = p.value();
                for (int j = 0; j < v.length; j++) {
                    v[j] += delta[j];
                }
            }
        }
    }

    /**
     * Writes the update of parameter {@code index} into {@code delta}, updating this optimizer's
     * state for it; {@code t} counts steps from 1.
     */
    protected abstract void computeDelta(int index, double[] value, double[] grad, double lr, long t, double[] delta);

    /** Per-parameter state arrays of the parameters' sizes. */
    protected final double[][] stateLike() {
        List<double[]> list = new ArrayList<>();
        for (Parameter p : parameters) {
            list.add(new double[p.size()]);
        }
        return list.toArray(new double[0][]);
    }

    static void checkNonNegative(String what, double x) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new InvalidInputException(what + " must be a non-negative number, got " + x);
        }
    }

    static void checkFraction(String what, double x) {
        if (!(x >= 0 && x < 1)) {
            throw new InvalidInputException(what + " must be in [0, 1), got " + x);
        }
    }
}
