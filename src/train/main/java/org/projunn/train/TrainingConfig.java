package org.projunn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.train.data.MnistData;

/**
 * Everything that defines a training run of a recurrent network on a sequence task. Defaults
 * are the paper's copy-task settings except the length (T = 1000, N = 190, batch 128, RMSprop
 * with lr 7e-4, divider 32, projUNN-T rank 1, Henaff init). Setters return this; {@link #validate}
 * checks the whole.
 */
public final class TrainingConfig {

    /** How W is kept on the unitary group: projUNN, or not at all (plain optimizer update). */
    public enum Constraint {
        PROJUNN, NONE;

        public static Constraint parse(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "projunn": return PROJUNN;
                case "none": return NONE;
                default: throw new InvalidInputException("unknown constraint '" + text + "': expected projunn or none");
            }
        }
    }

    /** Optimizer families. */
    public enum OptimizerKind {
        RMSPROP, ADAM, ADAMW, SGD;

        /** The settings of every trainer, host and device: RMSprop's decay, Adam's betas, eps, AdamW's decay. */
        public static final double RMSPROP_DECAY = 0.99;
        public static final double ADAM_BETA1 = 0.9;
        public static final double ADAM_BETA2 = 0.999;
        public static final double EPS = 1e-8;
        public static final double ADAMW_WEIGHT_DECAY = 0.01;

        /**
         * The host optimizer of this kind over {@code parameters}.
         *
         * @param momentum RMSprop's and SGD's momentum (unused by Adam)
         */
        public Optimizer create(List<Parameter> parameters, LearningRate lr, double momentum) {
            return switch (this) {
                case RMSPROP -> new RmsProp(parameters, lr, RMSPROP_DECAY, EPS, false, momentum);
                case ADAM -> new Adam(parameters, lr, ADAM_BETA1, ADAM_BETA2, EPS, 0, false);
                case ADAMW -> new Adam(parameters, lr, ADAM_BETA1, ADAM_BETA2, EPS, ADAMW_WEIGHT_DECAY, true);
                case SGD -> new Sgd(parameters, lr, momentum, false, 0);
            };
        }

        public static OptimizerKind parse(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "rmsprop": return RMSPROP;
                case "adam": return ADAM;
                case "adamw": return ADAMW;
                case "sgd": return SGD;
                default: throw new InvalidInputException("unknown optimizer '" + text
                        + "': expected rmsprop, adam, adamw or sgd");
            }
        }
    }

    private String task = "copy";
    private int length = 1000;
    private int hidden = 190;
    private boolean complex;
    private DType dtype = DType.FLOAT32;
    private Method method = Method.TANGENT;
    private int rank = 1;
    private String sampler = "lsi";
    private OptimizerKind optimizer = OptimizerKind.RMSPROP;
    private double lr = 7e-4;
    private double divider = 32;
    private double momentum;
    private double decayGamma = 1;
    private long decayEvery;
    private long decayEveryEpochs;
    private Constraint constraint = Constraint.PROJUNN;
    private Init init = Init.HENAFF;
    private long steps = 1000;
    private int batch = 128;
    private long seed = 1;
    private long evalEvery;
    private int testSize = 512;
    private String backend = "auto";
    private int threads = Runtime.getRuntime().availableProcessors();
    private int reorthEvery;
    private Path dataDir;
    private boolean permute;
    private int trainSubset;
    private int testSubset;

    public String task() { return task; }
    public int length() { return length; }
    public int hidden() { return hidden; }
    public boolean complex() { return complex; }
    public DType dtype() { return dtype; }
    public Method method() { return method; }
    public int rank() { return rank; }
    public String sampler() { return sampler; }
    public OptimizerKind optimizer() { return optimizer; }
    public double lr() { return lr; }
    public double divider() { return divider; }
    public double momentum() { return momentum; }
    public double decayGamma() { return decayGamma; }
    public long decayEvery() { return decayEvery; }
    public long decayEveryEpochs() { return decayEveryEpochs; }
    public Constraint constraint() { return constraint; }
    public Init init() { return init; }
    public long steps() { return steps; }
    public int batch() { return batch; }
    public long seed() { return seed; }
    public int testSize() { return testSize; }
    public String backend() { return backend; }
    public int threads() { return threads; }
    public int reorthEvery() { return reorthEvery; }
    /** MNIST: the folder of the four IDX files. */
    public Path dataDir() { return dataDir; }
    /** MNIST: pixels in a fixed random order (permuted MNIST). */
    public boolean permute() { return permute; }
    /** MNIST: training images used (the first ones; 0: all). */
    public int trainSubset() { return trainSubset; }
    /** MNIST: test images used (the first ones; 0: all). */
    public int testSubset() { return testSubset; }

    /** Steps between test evaluations; by default about 50 evaluations per run. */
    public long evalEvery() {
        return evalEvery > 0 ? evalEvery : Math.max(1, steps / 50);
    }

    public TrainingConfig task(String v) { task = v.trim().toLowerCase(Locale.ROOT); return this; }
    public TrainingConfig length(int v) { length = v; return this; }
    public TrainingConfig hidden(int v) { hidden = v; return this; }
    public TrainingConfig complex(boolean v) { complex = v; return this; }
    public TrainingConfig dtype(DType v) { dtype = v; return this; }
    public TrainingConfig method(Method v) { method = v; return this; }
    public TrainingConfig rank(int v) { rank = v; return this; }
    public TrainingConfig sampler(String v) { sampler = v; return this; }
    public TrainingConfig optimizer(OptimizerKind v) { optimizer = v; return this; }
    public TrainingConfig lr(double v) { lr = v; return this; }
    public TrainingConfig divider(double v) { divider = v; return this; }
    public TrainingConfig momentum(double v) { momentum = v; return this; }
    /** Multiplies the learning rate by {@code gamma} every {@code every} steps (every = 0: never). */
    public TrainingConfig decay(double gamma, long every) { decayGamma = gamma; decayEvery = every; return this; }
    /**
     * Multiplies the learning rate by {@code gamma} every {@code epochs} passes over the training
     * set (tasks on a data set only; an epoch is ceil(training images / batch) steps).
     */
    public TrainingConfig decayEpochs(double gamma, long epochs) { decayGamma = gamma; decayEveryEpochs = epochs; return this; }
    public TrainingConfig constraint(Constraint v) { constraint = v; return this; }
    public TrainingConfig init(Init v) { init = v; return this; }
    public TrainingConfig steps(long v) { steps = v; return this; }
    public TrainingConfig batch(int v) { batch = v; return this; }
    public TrainingConfig seed(long v) { seed = v; return this; }
    public TrainingConfig evalEvery(long v) { evalEvery = v; return this; }
    public TrainingConfig testSize(int v) { testSize = v; return this; }
    public TrainingConfig backend(String v) { backend = v; return this; }
    public TrainingConfig threads(int v) { threads = v; return this; }
    /** Full re-orthonormalization of W every {@code v} projUNN steps (0: never). */
    public TrainingConfig reorthEvery(int v) { reorthEvery = v; return this; }
    public TrainingConfig dataDir(Path v) { dataDir = v; return this; }
    public TrainingConfig permute(boolean v) { permute = v; return this; }
    public TrainingConfig trainSubset(int v) { trainSubset = v; return this; }
    public TrainingConfig testSubset(int v) { testSubset = v; return this; }

    /** The task these settings describe (for MNIST, reads and checks the data files). */
    public Task newTask() {
        switch (task) {
            case "copy": return new CopyTask(length);
            case "adding": return new AddingTask(length);
            case "mnist":
                checkMnist();
                try {
                    return new MnistTask(MnistData.load(dataDir), permute, seed, trainSubset, testSubset);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            default: throw new InvalidInputException("unknown task '" + task + "': expected copy, adding or mnist");
        }
    }

    private void checkMnist() {
        if (dataDir == null) {
            throw new InvalidInputException("mnist needs the folder of the MNIST files (--data DIR); "
                    + MnistData.howToGet(Path.of("DIR")));
        }
        if (trainSubset < 0 || testSubset < 0) {
            throw new InvalidInputException("subset sizes must be >= 0 (0: all), got " + trainSubset + " training and "
                    + testSubset + " test images");
        }
    }

    /** The projector of W these settings ask for (projUNN method, rank, sampler, re-orthonormalization). */
    public org.projunn.ProjectorSpec projectorSpec() {
        org.projunn.ProjectorSpec spec = org.projunn.ProjectorSpec.of(method, rank)
                .withSampler(org.projunn.SamplerSpec.sketch(seed))
                .withReorthonormalization(reorthEvery, org.projunn.Reorthonormalization.NEWTON_SCHULZ);
        if (org.projunn.SamplerSpec.Kind.parse(sampler) == org.projunn.SamplerSpec.Kind.COLUMN) {
            spec = spec.withSampler(org.projunn.SamplerSpec.column(seed));
        }
        return spec;
    }

    public LearningRate schedule() {
        return decayEvery > 0 ? LearningRate.stepDecay(lr, decayEvery, decayGamma) : LearningRate.constant(lr);
    }

    /** The schedule for this task: a decay given in epochs becomes steps through the task's training set size. */
    public LearningRate schedule(Task t) {
        if (decayEveryEpochs > 0 && t.trainingSetSize() > 0) {
            long epoch = (t.trainingSetSize() + batch - 1) / batch;
            return LearningRate.stepDecay(lr, decayEveryEpochs * epoch, decayGamma);
        }
        return schedule();
    }

    /** Throws {@link InvalidInputException} naming the first bad setting. */
    public TrainingConfig validate() {
        if (task.equals("mnist")) {
            checkMnist(); // the files are read once, by the run
        } else {
            newTask();
        }
        positive("hidden size", hidden);
        positive("steps", steps);
        positive("batch size", batch);
        positive("test set size", testSize);
        positive("threads", threads);
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
            throw new InvalidInputException("training precision must be float32 or float64, got " + dtype);
        }
        if (constraint == Constraint.PROJUNN && (rank < 1 || 2L * rank > Math.max(hidden, 2))) {
            throw new InvalidInputException("rank k=" + rank + " needs 1 <= k and 2k <= hidden (" + hidden + ")");
        }
        if (!(divider > 0) || Double.isInfinite(divider)) {
            throw new InvalidInputException("divider must be a positive number, got " + divider);
        }
        if (decayEveryEpochs < 0) {
            throw new InvalidInputException("learning-rate decay interval in epochs must be >= 0, got " + decayEveryEpochs);
        }
        if (decayEveryEpochs > 0 && decayEvery > 0) {
            throw new InvalidInputException("learning-rate decay given both in steps and in epochs; give one");
        }
        if (decayEveryEpochs > 0 && !task.equals("mnist")) {
            throw new InvalidInputException("a learning-rate decay in epochs needs a task with a training set (mnist)");
        }
        if (reorthEvery < 0) {
            throw new InvalidInputException("re-orthonormalization interval must be >= 0, got " + reorthEvery);
        }
        schedule();
        return this;
    }

    private static void positive(String what, long v) {
        if (v < 1) {
            throw new InvalidInputException(what + " must be >= 1, got " + v);
        }
    }

    /** One line naming every setting, for logs and CSV headers. */
    public String describe() {
        String what = task.equals("mnist")
                ? String.format(Locale.ROOT, "task=mnist permuted=%b data=%s train_subset=%s test_subset=%s", permute,
                        dataDir, trainSubset == 0 ? "all" : trainSubset, testSubset == 0 ? "all" : testSubset)
                : String.format(Locale.ROOT, "task=%s T=%d", task, length);
        return String.format(Locale.ROOT, "%s hidden=%d %s %s constraint=%s method=%s rank=%d sampler=%s "
                        + "optimizer=%s lr=%g divider=%g init=%s batch=%d steps=%d seed=%d",
                what, hidden, complex ? "complex" : "real", dtype.name().toLowerCase(Locale.ROOT),
                constraint.name().toLowerCase(Locale.ROOT), method.name().toLowerCase(Locale.ROOT), rank, sampler,
                optimizer.name().toLowerCase(Locale.ROOT), lr, divider, init.name().toLowerCase(Locale.ROOT),
                batch, steps, seed);
    }
}
