package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code projunn train}: files written, the result line last, bad settings rejected with one line. */
class TrainCommandTest {

    @Test
    void writesCsvAndPlotAndEndsWithTheResultLine(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("train", "copy", "--T", "3", "--hidden", "8", "--batch", "8", "--steps", "20",
                "--eval-every", "5", "--test-size", "16", "--backend", "cpu", "--no-progress", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("result: task=copy T=3 steps=20 test_loss=[0-9.e+-]+ baseline=0\\.904105 "
                + "unitarity=[0-9.e+-]+ seconds=[0-9.]+"), last);
        double unitarity = Double.parseDouble(last.replaceAll(".*unitarity=(\\S+).*", "$1"));
        assertTrue(unitarity < 1e-12, last);
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("# task=copy T=3"));
        assertEquals("step,seconds,train_loss,test_loss,baseline,unitarity,lr,test_accuracy", csv.get(1));
        assertEquals(6, csv.size(), "header lines and 4 evaluations");
        byte[] png = Files.readAllBytes(dir.resolve("test_loss.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        assertTrue(r.out().contains(dir.resolve("metrics.csv").toAbsolutePath().toString()));
    }

    @Test
    void complexAddingProblemUnconstrained(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "adding", "--T", "6", "--hidden", "4", "--complex", "--batch", "4", "--steps", "3",
                "--optimizer", "sgd", "--lr", "0.01", "--constraint", "none", "--test-size", "4", "--no-progress",
                "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        // the adding problem's baseline MSE is 1/6; without the constraint W leaves the unitary group
        assertTrue(last.matches("result: task=adding T=6 steps=3 test_loss=[0-9.e+-]+ baseline=0\\.166667 "
                + "unitarity=[0-9.e+-]+ seconds=[0-9.]+"), last);
        double loss = Double.parseDouble(last.replaceAll(".*test_loss=(\\S+).*", "$1"));
        double unitarity = Double.parseDouble(last.replaceAll(".*unitarity=(\\S+).*", "$1"));
        assertTrue(Double.isFinite(loss) && loss > 0, last);
        assertTrue(unitarity > 1e-6 && Double.isFinite(unitarity), "W stayed unitary without the constraint: " + last);
    }

    @Test
    void badSettingsGiveOneErrorLineAndExitCode2(@TempDir Path dir) {
        String[][] bad = {
            {"train", "copy", "--hidden", "8", "--rank", "5"},
            {"train", "sorting"},
            {"train", "copy", "--optimizer", "lbfgs"},
            {"train", "copy", "--init", "zeros"},
            {"train", "copy", "--steps", "0"},
            {"train", "copy", "--dtype", "float16"},
        };
        for (String[] args : bad) {
            String[] withOut = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--out", dir.resolve("x").toString(), "--no-progress")).toArray(String[]::new);
            CliRun r = CliRun.of(withOut);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(dir.resolve("x")), "nothing written for " + String.join(" ", args));
        }
    }

    @Test
    void cudaWithoutAGpuIsOneErrorLineNamingWhyAndExitCode2(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeFalse(new org.projunn.cuda.CudaBackendFactory().probe().usable(),
                "a GPU is usable here");
        for (String constraint : new String[] {"projunn", "none"}) {
            CliRun r = CliRun.of("train", "copy", "--T", "3", "--hidden", "8", "--steps", "2", "--backend", "cuda",
                    "--constraint", constraint, "--no-progress", "--out", dir.resolve("x").toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("error: backend cuda is not usable here: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(dir.resolve("x")), "nothing written");
        }
    }
}
