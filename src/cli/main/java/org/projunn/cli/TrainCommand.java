package org.projunn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.projunn.DType;
import org.projunn.Method;
import org.projunn.train.Init;
import org.projunn.train.TrainingConfig;
import org.projunn.train.conv.ConvMnistConfig;
import org.projunn.train.data.MnistData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code projunn train copy|adding|mnist|conv-mnist}: trains an orthogonal (unitary) RNN on a
 * long-memory task or on pixel-by-pixel (permuted) MNIST, or the small orthogonal CNN of
 * {@link org.projunn.train.conv.ConvNet} on MNIST. The defaults are the paper's settings of the
 * task: copy (also used for adding) or MNIST.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an RNN h_t = relu(W h_{t-1} + V x_t + c) (modReLU when --complex) on the copy-memory "
                + "task, the adding problem or pixel-by-pixel MNIST (--permute: permuted MNIST), with W kept orthogonal "
                + "(unitary) by projUNN, or unconstrained.",
                "The defaults are the paper's copy-task settings: T 1000, hidden 190, batch 128, RMSprop lr 7e-4, "
                + "divider 32, rank 1, Henaff init; for mnist: hidden 170, batch 128, RMSprop lr 1e-3 x0.2 every 60 "
                + "epochs, divider 1, rank 1, random orthogonal init (T = 784, one pixel per step).",
                "A progress bar goes to stderr; metrics.csv and test_loss.png (mnist: test_accuracy.png too) go to --out; "
                + "the last line on stdout is 'result: task=... T=... steps=... test_loss=... baseline=... unitarity=... "
                + "seconds=...', for mnist 'result: task=mnist permuted=... steps=... test_accuracy=... unitarity=... "
                + "seconds=...'.",
                "conv-mnist: an orthogonal CNN on MNIST (--data DIR): 2x2 space-to-depth zero-padded to --channels, "
                + "--layers orthogonal FFT convolutions (one unitary matrix per frequency, stepped as one projUNN batch "
                + "per layer) with bias and MaxMin, 2x2 average pooling, linear read-out; the last line is "
                + "'result: task=conv-mnist steps=... test_accuracy=... unitarity=... seconds=...'. "
                + "--T, --hidden, --complex, --init, --dtype, --decay and --reorth-every do not apply to it."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "copy|adding|mnist|conv-mnist", description = "The task.")
    String task;

    @Option(names = "--channels", defaultValue = "16", paramLabel = "C",
            description = "conv-mnist: channels of the orthogonal convolutions, even, >= 4 (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--layers", defaultValue = "2", paramLabel = "L",
            description = "conv-mnist: orthogonal convolution layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--T", paramLabel = "T", description = "Copy task: delay (sequences of T + 20 steps); "
            + "adding problem: sequence length. Default: 1000 (copy), 750 (adding). Not for mnist (T = 784 pixels).")
    Integer length;

    @Option(names = "--data", paramLabel = "DIR", description = "mnist, conv-mnist: folder of the four MNIST files, raw or .gz "
            + "(get them with './projunn data mnist DIR').")
    Path data;

    @Option(names = "--permute", description = "mnist: feed the pixels in a random order fixed by --seed (permuted MNIST).")
    boolean permute;

    @Option(names = "--train-subset", defaultValue = "0", paramLabel = "N",
            description = "mnist: train on the first N training images only (default: all).")
    int trainSubset;

    @Option(names = "--test-subset", defaultValue = "0", paramLabel = "N",
            description = "mnist: test on the first N test images only (default: all 10000).")
    int testSubset;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden units (default: 190; mnist: 170).")
    Integer hidden;

    @Option(names = "--complex", description = "Unitary complex W with modReLU instead of orthogonal real W with ReLU.")
    boolean complex;

    @Option(names = "--constraint", defaultValue = "projunn", paramLabel = "projunn|none",
            description = "Keep W orthogonal by projUNN, or train it unconstrained with the same optimizer (default: ${DEFAULT-VALUE}).")
    String constraint;

    @Option(names = "--method", defaultValue = "tangent", paramLabel = "direct|tangent",
            description = "projUNN-D or projUNN-T (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--rank", defaultValue = "1", paramLabel = "K", description = "Rank of the sampled update (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--sampler", defaultValue = "lsi", paramLabel = "lsi|column",
            description = "How the update becomes rank k (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--divider", paramLabel = "D",
            description = "W's update is divided by D before projUNN (default: 32; mnist and conv-mnist: 1; not used "
                    + "with --constraint none).")
    Double divider;

    @Option(names = "--optimizer", defaultValue = "rmsprop", paramLabel = "rmsprop|adam|adamw|sgd",
            description = "Optimizer for all parameters (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: 7e-4; mnist and conv-mnist: 1e-3).")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0", paramLabel = "M", description = "Momentum for sgd and rmsprop (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--lr-decay", paramLabel = "GAMMA", description = "Multiply the learning rate by GAMMA every "
            + "--lr-decay-every steps or --lr-decay-epochs epochs (default: 1; mnist: 0.2).")
    Double decay;

    @Option(names = "--lr-decay-every", paramLabel = "STEPS", description = "0: constant learning rate (default, except mnist).")
    Long decayEvery;

    @Option(names = "--lr-decay-epochs", paramLabel = "EPOCHS", description = "mnist: decay every EPOCHS passes over "
            + "the training images (default: 60 unless --lr-decay-every is given).")
    Long decayEpochs;

    @Option(names = "--init", paramLabel = "henaff|identity|random|cayley",
            description = "Initial W (default: henaff; mnist: random orthogonal).")
    String init;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "STEPS", description = "Training steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "B", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of data, initialization and sampler (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "float32|float64",
            description = "Precision of the forward and backward passes (parameters and projUNN steps are float64) (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--eval-every", defaultValue = "0", paramLabel = "STEPS",
            description = "Steps between test evaluations (default: steps / 50).")
    long evalEvery;

    @Option(names = "--test-size", paramLabel = "SEQS", description = "Test sequences of copy and adding (default: 512; "
            + "mnist: --test-subset); conv-mnist: test images (default: all).")
    Integer testSize;

    @Option(names = "--reorth-every", defaultValue = "0", paramLabel = "STEPS",
            description = "Full re-orthonormalization of W every STEPS projUNN steps (default: never).")
    int reorthEvery;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cpu|...",
            description = "Where training runs: cuda trains on the GPU (device-resident, float32), cpu on the host; "
                    + "auto (default) picks the GPU when usable, else the CPU.")
    String backend;

    @Option(names = "--threads", paramLabel = "THREADS", description = "Threads for the forward and backward passes (default: one per core).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for metrics.csv and the plots "
            + "(default: runs/TASK-T<T>-CONSTRAINT-seed<S>, runs/mnist[-permuted]-CONSTRAINT-seed<S>).")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (isConvMnist()) {
            ConvMnistConfig config = convConfig();
            if (data == null) {
                throw new BadInputException("conv-mnist needs --data DIR, the folder of the four MNIST files "
                        + "(get them with './projunn data mnist DIR')");
            }
            MnistData mnist = MnistData.load(data);
            Path dir = out != null ? out : Path.of("runs", String.format(Locale.ROOT, "conv-mnist-%s-seed%d",
                    config.constraint().name().toLowerCase(Locale.ROOT), seed));
            ConvMnistOutput.run(config, mnist, dir, !noProgress, spec.commandLine().getOut(), System.err);
            return 0;
        }
        TrainingConfig config = config();
        String constraintName = config.constraint().name().toLowerCase(Locale.ROOT);
        Path dir = out != null ? out : Path.of("runs", config.task().equals("mnist")
                ? String.format(Locale.ROOT, "mnist%s-%s-seed%d", permute ? "-permuted" : "", constraintName, seed)
                : String.format(Locale.ROOT, "%s-T%d-%s-seed%d", config.task(), config.length(), constraintName, seed));
        PrintWriter stdout = spec.commandLine().getOut();
        TrainingOutput.run(config, dir, !noProgress, stdout, System.err);
        return 0;
    }

    boolean isConvMnist() {
        return task.trim().toLowerCase(Locale.ROOT).equals("conv-mnist");
    }

    ConvMnistConfig convConfig() {
        return new ConvMnistConfig(channels, layers, TrainingConfig.Constraint.parse(constraint), Method.parse(method),
                rank, sampler, TrainingConfig.OptimizerKind.parse(optimizer), or(lr, 1e-3), momentum,
                or(divider, 1.0), steps, batch, seed, evalEvery, testSize != null ? testSize : 10_000,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), backend);
    }

    TrainingConfig config() {
        String taskName = task.trim().toLowerCase(Locale.ROOT);
        boolean mnist = taskName.equals("mnist");
        if (mnist) {
            onlyWithout("--T", length != null, "mnist sequences are the images' pixels (T = 784)");
            onlyWithout("--test-size", testSize != null, "mnist tests on the test images: use --test-subset");
        } else {
            String why = "it is for mnist only";
            onlyWithout("--data", data != null, why);
            onlyWithout("--permute", permute, why);
            onlyWithout("--train-subset", trainSubset != 0, why);
            onlyWithout("--test-subset", testSubset != 0, why);
            onlyWithout("--lr-decay-epochs", decayEpochs != null, why);
        }
        int t = length != null ? length : taskName.equals("adding") ? 750 : 1000;
        TrainingConfig c = new TrainingConfig()
                .task(taskName).length(t).hidden(or(hidden, mnist ? 170 : 190)).complex(complex)
                .constraint(TrainingConfig.Constraint.parse(constraint))
                .method(Method.parse(method)).rank(rank).sampler(sampler).divider(or(divider, mnist ? 1.0 : 32.0))
                .optimizer(TrainingConfig.OptimizerKind.parse(optimizer)).lr(or(lr, mnist ? 1e-3 : 7e-4))
                .momentum(momentum).init(Init.parse(or(init, mnist ? "random" : "henaff")))
                .steps(steps).batch(batch).seed(seed)
                .dtype(parseDtype(dtype)).evalEvery(evalEvery).testSize(or(testSize, 512)).reorthEvery(reorthEvery)
                .backend(backend)
                .dataDir(data).permute(permute).trainSubset(trainSubset).testSubset(testSubset);
        if (decayEvery != null && decayEpochs != null) {
            throw new BadInputException("give --lr-decay-every or --lr-decay-epochs, not both");
        }
        double gamma = or(decay, mnist ? 0.2 : 1.0);
        if (decayEvery != null || !mnist) {
            c.decay(gamma, or(decayEvery, 0L));
        } else {
            c.decayEpochs(gamma, or(decayEpochs, 60L));
        }
        if (threads != null) {
            c.threads(threads);
        }
        return c.validate();
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    private void onlyWithout(String option, boolean given, String why) {
        if (given) {
            throw new BadInputException(option + " does not apply to " + task + ": " + why);
        }
    }

    static DType parseDtype(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "float32": return DType.FLOAT32;
            case "float64": return DType.FLOAT64;
            default: throw new BadInputException("unknown dtype '" + text + "': expected float32 or float64");
        }
    }
}
