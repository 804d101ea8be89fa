package org.projunn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.projunn.Backend;
import org.projunn.Backends;
import org.projunn.Checks;
import org.projunn.Method;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.StepReport;
import org.projunn.Tensor;
import org.projunn.npy.MatrixBatch;
import org.projunn.npy.MatrixLayout;
import org.projunn.npy.NpyArray;
import org.projunn.npy.NpyHeader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code projunn update}: one projUNN step on matrices stored as {@code .npy} files. The result
 * keeps A's dtype, shape, byte order and memory order.
 */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply one projUNN step to A (N x N, or a batch B x N x N) and write the result with A's "
                + "dtype, shape and memory order.",
                "The update is a b^H (b^H: conjugate transpose of b), given as a and b (N x k or B x N x k), "
                + "or sampled at rank k from a full update delta of A's shape.",
                "All inputs must have A's dtype: float32, float64, complex64 or complex128."})
public final class UpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "direct|tangent",
            description = "direct: A <- polar factor of A + a b^H (projUNN-D); tangent: A <- A expm((A^H a b^H - b a^H A)/2) (projUNN-T).")
    String method;

    @Option(names = "--A", required = true, paramLabel = "A.npy", description = "The unitary (orthogonal) matrix or batch.")
    Path matrixFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "OUT.npy", description = "Where to write the updated A.")
    Path outFile;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cpu|...",
            description = "Backend (default: ${DEFAULT-VALUE}, the best usable one).")
    String backendName;

    /** Either the factors a, b or a full update delta with a sampler. */
    static final class Source {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Update given as factors:%n")
        Factors factors;

        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Update given in full, sampled at rank k:%n")
        Sampled sampled;
    }

    static final class Factors {
        @Option(names = "--a", required = true, paramLabel = "a.npy", description = "N x k (or B x N x k).")
        Path a;

        @Option(names = "--b", required = true, paramLabel = "b.npy", description = "N x k (or B x N x k).")
        Path b;
    }

    static final class Sampled {
        @Option(names = "--delta", required = true, paramLabel = "D.npy", description = "The full update, A's shape.")
        Path delta;

        @Option(names = "--rank", required = true, paramLabel = "K", description = "Rank k: 1 <= k, 2k <= N.")
        int rank;

        @Option(names = "--sampler", defaultValue = "lsi", paramLabel = "lsi|column",
                description = "Randomized sketch (lsi) or column sampling (default: ${DEFAULT-VALUE}).")
        String sampler;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampler seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--oversampling", defaultValue = "0", paramLabel = "P",
                description = "Extra sketch columns or sampled columns (default: ${DEFAULT-VALUE}).")
        int oversampling;

        @Option(names = "--power-iterations", defaultValue = "0", paramLabel = "Q",
                description = "Sketch power iterations (default: ${DEFAULT-VALUE}).")
        int powerIterations;
    }

    @Override
    public Integer call() throws Exception {
        Method m = Method.parse(method);
        OutputFile out = OutputFile.check(outFile);
        UpdateInputs in = source.factors != null
                ? UpdateInputs.factored(matrixFile, source.factors.a, source.factors.b)
                : UpdateInputs.sampled(matrixFile, source.sampled.delta);
        ProjectorSpec projectorSpec = projectorSpec(m, in);
        Checks.projectorShape(projectorSpec, in.matrix.dtype(), in.batch(), in.n());

        PrintWriter err = spec.commandLine().getErr();
        MatrixBatch result;
        StepReport report;
        String backendUsed;
        try (Backend backend = openBackend(err);
             Projector projector = backend.newProjector(projectorSpec, in.matrix.dtype(), in.batch(), in.n());
             Tensor a = in.matrix.matrices().toTensor(backend)) {
            backendUsed = backend.name();
            if (in.delta != null) {
                try (Tensor d = in.delta.matrices().toTensor(backend)) {
                    report = projector.step(a, d);
                }
            } else {
                try (Tensor fa = in.a.matrices().toTensor(backend); Tensor fb = in.b.matrices().toTensor(backend)) {
                    report = projector.stepFactored(a, fa, fb);
                }
            }
            result = MatrixBatch.of(a);
        }
        NpyHeader h = in.matrix.header();
        NpyArray array = MatrixLayout.toArray(result, h.fortranOrder(), h.dtype().order(), h.ndim() == 3);
        out.write(array);

        err.println(summary(m, projectorSpec, in, backendUsed, report));
        err.flush();
        return ExitCodes.OK;
    }

    private ProjectorSpec projectorSpec(Method m, UpdateInputs in) {
        if (source.factors != null) {
            return ProjectorSpec.of(m, in.factorRank());
        }
        Sampled s = source.sampled;
        SamplerSpec sampler = new SamplerSpec(SamplerSpec.Kind.parse(s.sampler), s.seed, s.oversampling,
                s.powerIterations);
        return ProjectorSpec.of(m, s.rank).withSampler(sampler);
    }

    private Backend openBackend(PrintWriter err) {
        try {
            return Backends.open(backendName, line -> {
                err.println(line);
                err.flush();
            });
        } catch (IllegalStateException e) {
            // the named backend cannot run here: the user's choice, not a bug
            throw new BadInputException(e.getMessage());
        }
    }

    private String summary(Method m, ProjectorSpec ps, UpdateInputs in, String backend, StepReport report) {
        String how = in.delta != null
                ? String.format(Locale.ROOT, "%s sampler, seed %d", ps.sampler().kind() == SamplerSpec.Kind.SKETCH
                        ? "lsi" : "column", ps.sampler().seed())
                : "a, b given";
        StringBuilder s = new StringBuilder();
        s.append("updated A (").append(in.matrix.dtypeName()).append(", ").append(in.matrix.header().describeShape())
                .append(") with projUNN-").append(m == Method.DIRECT ? "D" : "T").append(" rank ").append(ps.rank())
                .append(" (").append(how).append(") on ").append(backend).append(" -> ").append(outFile);
        if (report.clampedEigenvalues() > 0) {
            s.append("; A + a b^H is singular: ").append(report.clampedEigenvalues())
                    .append(" eigenvalue(s) clamped, the result is one of several closest unitary matrices");
        }
        if (report.droppedDirections() > 0) {
            s.append("; ").append(report.droppedDirections()).append(" linearly dependent direction(s) of [b, A^H a] dropped");
        }
        return s.toString();
    }
}
