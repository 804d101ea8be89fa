package org.projunn.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.projunn.Backend;
import org.projunn.Backends;
import org.projunn.Method;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.train.Adam;
import org.projunn.train.Init;
import org.projunn.train.LearningRate;
import org.projunn.train.Parameter;
import org.projunn.train.ProjectedUpdate;
import org.projunn.train.conv.OrthogonalConv;

/**
 * One training iteration of one orthogonal FFT convolution layer (C channels, size x size images):
 * {@code forwardBackward}: forward and backward (input and weight gradients) of {@code images} images;
 * {@code stepProjected}: Adam's update of every frequency matrix through the batched projUNN step
 * (complex batch + real self-conjugate batch); {@code stepPlain}: the same Adam update added
 * unconstrained. The layer of {@code train conv-mnist} is C = 16 at 14 x 14, batch 64.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ConvLayer {
    @Param({"16"})
    public int channels;

    @Param({"14"})
    public int size;

    @Param({"64"})
    public int images;

    @Param({"4"})
    public int k;

    @Param({"TANGENT"})
    public Method method;

    private OrthogonalConv layer;
    private OrthogonalConv plainLayer;
    private OrthogonalConv.Workspace ws;
    private double[] x;
    private double[] y;
    private double[] gy;
    private double[] gx;
    private double[] spectra;
    private Backend backend;
    private ProjectedUpdate complex;
    private ProjectedUpdate real;
    private Adam projected;
    private Adam plain;

    @Setup(Level.Trial)
    public void setUp() {
        layer = new OrthogonalConv("conv", channels, size, size);
        layer.init(Init.RANDOM, new SplittableRandom(1));
        plainLayer = new OrthogonalConv("conv", channels, size, size);
        plainLayer.init(Init.RANDOM, new SplittableRandom(1));
        ws = layer.newWorkspace();
        SplittableRandom rng = new SplittableRandom(2);
        int n = layer.size() * images;
        x = new double[n];
        gy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            gy[i] = rng.nextGaussian();
        }
        y = new double[n];
        gx = new double[n];
        spectra = new double[layer.spectrumSize() * images];
        for (Parameter p : List.of(layer.complexWeights(), layer.realWeights(), plainLayer.complexWeights(),
                plainLayer.realWeights())) {
            for (int i = 0; i < p.size(); i++) {
                p.grad()[i] = 1e-2 * rng.nextGaussian();
            }
        }
        backend = Backends.cpu();
        ProjectorSpec spec = ProjectorSpec.of(method, k).withSampler(SamplerSpec.sketch(3));
        complex = new ProjectedUpdate(backend, spec, layer.complexWeights(), 1, layer.layout().complexCount());
        real = new ProjectedUpdate(backend, spec, layer.realWeights(), 1, layer.layout().realCount());
        projected = new Adam(List.of(layer.complexWeights(), layer.realWeights()), LearningRate.constant(1e-3));
        projected.project(complex);
        projected.project(real);
        plain = new Adam(List.of(plainLayer.complexWeights(), plainLayer.realWeights()), LearningRate.constant(1e-3));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        complex.close();
        real.close();
        backend.close();
    }

    @Benchmark
    public double forwardBackward() {
        int m = layer.size();
        int s = layer.spectrumSize();
        double[] gc = layer.complexWeights().grad();
        double[] gr = layer.realWeights().grad();
        for (int i = 0; i < images; i++) {
            layer.forward(x, i * m, y, i * m, spectra, i * s, ws);
        }
        for (int i = 0; i < images; i++) {
            layer.backward(gy, i * m, spectra, i * s, gx, i * m, gc, gr, ws);
        }
        return gx[0] + y[0];
    }

    @Benchmark
    public double stepProjected() {
        projected.step();
        return layer.complexWeights().value()[0];
    }

    @Benchmark
    public double stepPlain() {
        plain.step();
        return plainLayer.complexWeights().value()[0];
    }
}
