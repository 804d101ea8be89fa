package org.projunn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projunn.DType;
import org.projunn.InvalidInputException;

class ReportPiecesTest {

    @Test
    void floorCountsTheMatrixPassesOfSection5() {
        // Delta read twice, A read twice and written once
        assertEquals(5L * 1024 * 1024 * 4, Operation.STEP_DIRECT.floorBytes(1024, 4));
        assertEquals(3L * 1024 * 1024 * 8, Operation.STEP_TANGENT_AB.floorBytes(1024, 8));
        assertEquals(3L * 64 * 64 * 4, Operation.PLAIN.floorBytes(64, 4));
        assertEquals(0, Operation.CAYLEY.floorBytes(64, 4));
        assertThrows(InvalidInputException.class, () -> Operation.parse("step-sideways"));
    }

    @Test
    void slopeOfAPowerLawIsItsExponent() {
        double[] n = {256, 512, 1024, 2048};
        double[] t = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            t[i] = 3e-6 * n[i] * n[i];
        }
        assertEquals(2.0, Slope.fit(n, t), 1e-12);
        assertTrue(Double.isNaN(Slope.fit(new double[] {1}, new double[] {1})));
    }

    @Test
    void bandwidthProbeMeasuresPositiveBandwidth() {
        BandwidthProbe.Result r = BandwidthProbe.measure(2, 1 << 20, 3);
        assertTrue(r.copyBytesPerSecond() > 1e8 && Double.isFinite(r.copyBytesPerSecond()));
        assertTrue(r.triadBytesPerSecond() > 1e8 && Double.isFinite(r.triadBytesPerSecond()));
    }

    @Test
    void testMatricesAreUnitary() {
        for (boolean complex : new boolean[] {false, true}) {
            int n = 24;
            float[] a = TestMatrices.unitary(n, complex);
            int s = complex ? 2 : 1;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double re = 0;
                    double im = 0;
                    for (int i = 0; i < n; i++) {
                        int x = (i + p * n) * s;
                        int y = (i + q * n) * s;
                        re += a[x] * a[y] + (complex ? a[x + 1] * a[y + 1] : 0);
                        im += complex ? a[x] * a[y + 1] - a[x + 1] * a[y] : 0;
                    }
                    assertEquals(p == q ? 1 : 0, re, 1e-5);
                    assertEquals(0, im, 1e-5);
                }
            }
        }
    }

    @Test
    void reportWritesTableCsvAndPlot(@TempDir Path dir) throws Exception {
        List<BenchCase> steps = List.of(
                new BenchCase(Operation.STEP_DIRECT, 64, 1, DType.FLOAT32, "cpu"),
                new BenchCase(Operation.STEP_DIRECT, 128, 1, DType.FLOAT32, "cpu"),
                new BenchCase(Operation.FUSED, 64, 1, DType.COMPLEX64, "cpu"),
                new BenchCase(Operation.PLAIN, 64, 0, DType.FLOAT32, "cpu"),
                new BenchCase(Operation.STEP_TANGENT, 64, 1, DType.FLOAT32, "nosuchbackend"),
                new BenchCase(Operation.STEP_TANGENT, 16, 1, DType.FLOAT32, "cpu", 3));
        List<BenchCase> exact = List.of(new BenchCase(Operation.CAYLEY, 64, 0, DType.FLOAT32, "cpu"),
                new BenchCase(Operation.EXPM, 64, 0, DType.FLOAT32, "cpu"));
        ReportPlan plan = new ReportPlan(steps, exact, Map.of(DType.FLOAT32, new int[] {128}),
                new Timing.Policy(0.05, 2, 50, 0.05), true);
        BenchReport report = new BenchReport(plan, msg -> { });
        Path md = report.run(dir, "test");
        String text = Files.readString(md);
        assertTrue(text.contains("| step-direct | float32 | cpu | 64 | 1 |"), text);
        assertTrue(text.contains("exact-"), text);
        assertTrue(text.contains("backend nosuchbackend skipped"), text);
        assertTrue(text.contains("- CPU: "), text);
        assertTrue(text.contains("| step-tangent | float32 | cpu | 16, B=3 | 1 |"), text);
        assertTrue(text.contains("| batched step <= 2x memory floor | step-tangent N=16 B=3 |"), text);
        assertEquals(8, report.rows().size(), "7 cases + the fastest exact baseline at N = 128");
        assertTrue(Files.size(dir.resolve("time-vs-n.png")) > 1000);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(9, csv.size());
        assertTrue(csv.get(0).endsWith(",batch"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("step-tangent,float32,cpu,16,1,") && l.endsWith(",3")),
                String.join("\n", csv));
    }

    @Test
    void aBatchedWorkloadStepsEveryMatrixAndCountsTheWholeBatch() {
        try (org.projunn.cpu.CpuBackend cpu = new org.projunn.cpu.CpuBackend(1);
             Workload one = Workload.open(Operation.STEP_DIRECT, 16, 1, DType.COMPLEX64, cpu);
             Workload three = Workload.open(Operation.STEP_DIRECT, 16, 1, DType.COMPLEX64, 3, cpu)) {
            assertEquals(3, three.batch());
            assertEquals(3 * one.floorBytes(), three.floorBytes());
            three.run();
        }
        try (org.projunn.cpu.CpuBackend cpu = new org.projunn.cpu.CpuBackend(1)) {
            assertThrows(InvalidInputException.class, () -> Workload.open(Operation.FUSED, 16, 1, DType.FLOAT32, 2, cpu));
            assertThrows(InvalidInputException.class, () -> Workload.open(Operation.STEP_DIRECT, 16, 1, DType.FLOAT32, 0, cpu));
        }
        assertThrows(InvalidInputException.class, () -> new BenchCase(Operation.STEP_DIRECT, 16, 1, DType.FLOAT32, "cpu", 0));
        assertEquals("step-direct float32 N=64 B=512 k=4 [cpu]",
                new BenchCase(Operation.STEP_DIRECT, 64, 4, DType.FLOAT32, "cpu", 512).label());
    }
}
