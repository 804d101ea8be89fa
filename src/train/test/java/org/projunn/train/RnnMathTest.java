package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertAllFinite;
import static org.projunn.testing.FiniteAssertions.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.parallel.WorkerPool;

/** Matrix products against a plain triple loop, and the float32 engine against the float64 one. */
class RnnMathTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void productsMatchTripleLoop() {
        SplittableRandom rng = new SplittableRandom(1);
        RnnMath64 k64 = new RnnMath64(pool);
        RnnMath32 k32 = new RnnMath32(pool);
        // sizes that cover the 4-way unrolling remainders, K blocking and parallel splitting
        int[][] shapes = {{5, 3, 7}, {33, 65, 130}, {64, 64, 300}, {1, 9, 2}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (boolean transposeB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    double[][] a = random(k + 2, m, rng);
                    double[][] b = transposeB ? random(k + 1, n, rng) : random(n + 1, k, rng);
                    double[][] c = random(n + 3, m, rng);
                    double[][] expected = new double[n + 3][];
                    for (int j = 0; j < n + 3; j++) {
                        expected[j] = c[j].clone();
                    }
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < m; i++) {
                            double sum = accumulate ? c[3 + j][i] : 0;
                            for (int p = 0; p < k; p++) {
                                sum += a[2 + p][i] * (transposeB ? b[1 + p][j] : b[1 + j][p]);
                            }
                            expected[3 + j][i] = sum;
                        }
                    }
                    float[][] a32 = narrow(a);
                    float[][] b32 = narrow(b);
                    float[][] c32 = narrow(c);
                    k64.gemm(transposeB, m, n, k, a, 2, b, 1, accumulate, c, 3);
                    k32.gemm(transposeB, m, n, k, a32, 2, b32, 1, accumulate, c32, 3);
                    for (int j = 0; j < n + 3; j++) {
                        for (int i = 0; i < m; i++) {
                            assertEquals(expected[j][i], c[j][i], 1e-12 * k, "float64");
                            assertEquals(expected[j][i], c32[j][i], 1e-5 * k, "float32");
                        }
                    }
                }
            }
        }
    }

    @Test
    void float32EngineAgreesWithFloat64() {
        for (boolean complex : new boolean[] {false, true}) {
            Task task = new CopyTask(6);
            RecurrentNetwork net = new RecurrentNetwork(task.inputs(), 16, task.outputs(), complex, Init.HENAFF, 3);
            SequenceBatch b = task.newBatch(8);
            new TaskData(task, 1, 8, 8).trainBatch(1, b);
            Bptt<?> f64 = Bptt.create(net, DType.FLOAT64, pool);
            Bptt<?> f32 = Bptt.create(net, DType.FLOAT32, pool);
            double loss64 = f64.lossAndGradient(b);
            List<double[]> grads64 = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                grads64.add(p.grad().clone());
            }
            double loss32 = f32.lossAndGradient(b);
            // float32 storage (2^-24 relative) over sums of a few hundred terms: measured up to
            // 1.7e-8 relative on the loss and 6.2e-7 of each gradient's largest entry (complex beta)
            assertClose(loss64, loss32, 2e-7 * Math.abs(loss64), "loss complex=" + complex);
            for (int q = 0; q < grads64.size(); q++) {
                Parameter p = net.parameters().get(q);
                double[] g64 = grads64.get(q);
                assertAllFinite(g64, "float64 d" + p.name());
                double scale = 0;
                for (double g : g64) {
                    scale = Math.max(scale, Math.abs(g));
                }
                assertTrue(scale > 0, p.name() + " has no gradient");
                assertClose(g64, p.grad(), 5e-6 * scale, "d" + p.name() + " complex=" + complex);
            }
        }
    }

    private static double[][] random(int cols, int rows, SplittableRandom rng) {
        double[][] x = new double[cols][rows];
        for (double[] col : x) {
            for (int i = 0; i < rows; i++) {
                // some exact zeros, as ReLU states have
                col[i] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() - 0.5;
            }
        }
        return x;
    }

    private static float[][] narrow(double[][] x) {
        float[][] y = new float[x.length][];
        for (int j = 0; j < x.length; j++) {
            y[j] = new float[x[j].length];
            for (int i = 0; i < x[j].length; i++) {
                y[j][i] = (float) x[j][i];
            }
        }
        return y;
    }
}
