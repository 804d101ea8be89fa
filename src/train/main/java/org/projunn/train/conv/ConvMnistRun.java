package org.projunn.train.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.projunn.Backend;
import org.projunn.Backends;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.parallel.WorkerPool;
import org.projunn.train.LearningRate;
import org.projunn.train.Optimizer;
import org.projunn.train.Parameter;
import org.projunn.train.ProjectedUpdate;
import org.projunn.train.TrainingConfig.Constraint;
import org.projunn.train.data.MnistData;

/**
 * Trains a {@link ConvNet} on MNIST-shaped data. With the projUNN constraint each layer's complex
 * frequency matrices take one batched projUNN step (COMPLEX128, batch = number of conjugate pairs) and
 * its real self-conjugate ones another (FLOAT64, so they stay real); without it the same optimizer
 * adds its update to them. Holds the backend, projectors and worker threads: close it when done.
 */
public final class ConvMnistRun implements AutoCloseable {

    /** Callbacks from the training loop (on its thread). */
    public interface Listener {
        default void stepped(long step, double trainLoss) {
        }

        default void evaluated(ConvMetrics metrics) {
        }
    }

    /** What a run reached. */
    public record Result(long steps, List<ConvMetrics> history, double seconds) {
        public ConvMetrics last() {
            return history.get(history.size() - 1);
        }

        /** {@code result: task=conv-mnist steps=<n> test_accuracy=<a> unitarity=<e> seconds=<s>}. */
        public String resultLine() {
            ConvMetrics m = last();
            return String.format(Locale.ROOT, "result: task=conv-mnist steps=%d test_accuracy=%.4f unitarity=%.3e "
                    + "seconds=%.1f", steps, m.testAccuracy(), m.unitarity(), seconds);
        }
    }

    private final ConvMnistConfig config;
    private final MnistData data;
    private final ConvNet net;
    private final WorkerPool pool;
    private final ConvNet.Workspace[] workspaces;
    private final double[][][] grads;
    private final double[][] images;
    private final double[] losses;
    private final int[] correct;
    private final Optimizer optimizer;
    private final Backend backend;
    private final List<ProjectedUpdate> projected = new ArrayList<>();
    private final SplittableRandom rng;

    public ConvMnistRun(ConvMnistConfig config, MnistData data, Consumer<String> log) {
        this.config = config;
        this.data = data;
        this.net = new ConvNet(config.channels(), config.layers(), data.train().rows(), data.train().cols(),
                MnistData.CLASSES, config.seed());
        this.rng = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        int t = config.threads();
        this.workspaces = new ConvNet.Workspace[t];
        this.grads = new double[t][][];
        this.images = new double[t][net.pixels()];
        this.losses = new double[t];
        this.correct = new int[t];
        for (int i = 0; i < t; i++) {
            workspaces[i] = net.newWorkspace();
            grads[i] = net.newGradients();
        }
        this.optimizer = config.optimizer().create(net.parameters(), LearningRate.constant(config.lr()), config.momentum());
        this.pool = new WorkerPool(t, "projunn-train");
        Backend opened = null;
        try {
            if (config.constraint() == Constraint.PROJUNN) {
                opened = Backends.open(config.backend(), log);
                ProjectorSpec spec = ProjectorSpec.of(config.method(), config.rank())
                        .withSampler(SamplerSpec.Kind.parse(config.sampler()) == SamplerSpec.Kind.COLUMN
                                ? SamplerSpec.column(config.seed()) : SamplerSpec.sketch(config.seed()));
                for (OrthogonalConv conv : net.convs()) {
                    FrequencyLayout layout = conv.layout();
                    projected.add(new ProjectedUpdate(opened, spec, conv.complexWeights(), config.divider(),
                            layout.complexCount()));
                    projected.add(new ProjectedUpdate(opened, spec, conv.realWeights(), config.divider(),
                            layout.realCount()));
                }
                projected.forEach(optimizer::project);
            }
        } catch (RuntimeException e) {
            projected.forEach(ProjectedUpdate::close);
            if (opened != null) {
                opened.close();
            }
            pool.close();
            throw e;
        }
        this.backend = opened;
    }

    public ConvNet network() {
        return net;
    }

    /** Where projUNN steps run, or "none" without the constraint. */
    public String backendName() {
        return backend == null ? "none" : backend.describe();
    }

    /** MNIST's usual normalization of pixel values 0..255. */
    static void normalize(MnistData.Split split, int index, double[] out) {
        int cols = split.cols();
        for (int r = 0; r < split.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (split.pixel(index, r, c) / 255.0 - 0.1307) / 0.3081;
            }
        }
    }

    /** One optimizer step on a random batch; returns its mean cross-entropy. */
    public double step() {
        int batch = config.batch();
        int[] picks = new int[batch];
        for (int i = 0; i < batch; i++) {
            picks[i] = rng.nextInt(data.train().count());
        }
        int t = workspaces.length;
        for (int w = 0; w < t; w++) {
            losses[w] = 0;
            for (double[] g : grads[w]) {
                java.util.Arrays.fill(g, 0);
            }
        }
        // worker w takes samples w, w + t, ...: a fixed split, so the sums do not depend on scheduling
        pool.run(t, (from, to) -> {
            for (int w = from; w < to; w++) {
                for (int i = w; i < batch; i += t) {
                    normalize(data.train(), picks[i], images[w]);
                    losses[w] += net.lossAndGradient(images[w], 0, data.train().label(picks[i]), workspaces[w],
                            grads[w]);
                }
            }
        });
        List<Parameter> params = net.parameters();
        double loss = 0;
        for (int w = 0; w < t; w++) {
            loss += losses[w];
        }
        for (int p = 0; p < params.size(); p++) {
            double[] g = params.get(p).grad();
            java.util.Arrays.fill(g, 0);
            for (int w = 0; w < t; w++) {
                double[] part = grads[w][p];
                for (int j = 0; j < g.length; j++) {
                    g[j] += part[j];
                }
            }
            for (int j = 0; j < g.length; j++) {
                g[j] /= batch;
            }
        }
        optimizer.step();
        return loss / batch;
    }

    /** Mean cross-entropy and accuracy on the first {@code testSize} test images. */
    public double[] evaluate() {
        MnistData.Split test = data.test();
        int n = Math.min(config.testSize(), test.count());
        int t = workspaces.length;
        pool.run(t, (from, to) -> {
            for (int w = from; w < to; w++) {
                double loss = 0;
                int right = 0;
                for (int i = w; i < n; i += t) {
                    normalize(test, i, images[w]);
                    double[] z = net.logits(images[w], 0, workspaces[w]);
                    int label = test.label(i);
                    loss += ConvNet.crossEntropy(z, label);
                    right += ConvNet.argmax(z) == label ? 1 : 0;
                }
                losses[w] = loss;
                correct[w] = right;
            }
        });
        double loss = 0;
        int right = 0;
        for (int w = 0; w < t; w++) {
            loss += losses[w];
            right += correct[w];
        }
        return new double[] {loss / n, (double) right / n};
    }

    /** Trains for the configured steps, evaluating every {@link ConvMnistConfig#evalInterval()} steps and at the end. */
    public Result run(Listener listener) {
        List<ConvMetrics> history = new ArrayList<>();
        long start = System.nanoTime();
        double lossSum = 0;
        int lossCount = 0;
        long every = config.evalInterval();
        for (long s = 1; s <= config.steps(); s++) {
            double lr = optimizer.learningRate();
            double loss = step();
            lossSum += loss;
            lossCount++;
            listener.stepped(s, loss);
            if (s % every == 0 || s == config.steps()) {
                double[] test = evaluate();
                double seconds = (System.nanoTime() - start) / 1e9;
                ConvMetrics m = new ConvMetrics(s, seconds, lossSum / lossCount, test[0], test[1], net.unitarity(), lr);
                history.add(m);
                listener.evaluated(m);
                lossSum = 0;
                lossCount = 0;
            }
        }
        return new Result(config.steps(), List.copyOf(history), (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        projected.forEach(ProjectedUpdate::close);
        if (backend != null) {
            backend.close();
        }
        pool.close();
    }
}
