package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code projunn train mnist} end to end on synthetic IDX files written here (no real data, no
 * network): ten classes of 4 x 4 "digits", each a fixed random pattern plus noise, learnt to well
 * above chance; the result line, CSV and plots; and the errors of a missing or bad data folder.
 */
class MnistTrainTest {
    private static final int SIDE = 4;
    private static final int PIXELS = SIDE * SIDE;

    @TempDir
    static Path data;

    /** Class c is prototype c (random pixels 0..255) plus noise of +-40, clipped; labels cycle through 0..9. */
    @BeforeAll
    static void writeDigits() throws IOException {
        SplittableRandom rng = new SplittableRandom(2024);
        int[][] proto = new int[10][PIXELS];
        for (int[] p : proto) {
            for (int i = 0; i < PIXELS; i++) {
                p[i] = rng.nextInt(256);
            }
        }
        writeSplit("train", 600, proto, rng);
        writeSplit("t10k", 200, proto, rng);
    }

    private static void writeSplit(String prefix, int count, int[][] proto, SplittableRandom rng) throws IOException {
        byte[] pixels = new byte[count * PIXELS];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int c = i % 10;
            for (int p = 0; p < PIXELS; p++) {
                pixels[i * PIXELS + p] = (byte) Math.max(0, Math.min(255, proto[c][p] + rng.nextInt(81) - 40));
            }
            labels[i] = (byte) c;
        }
        IdxFiles.writeSplit(data, prefix, pixels, labels, SIDE);
    }

    private static double accuracyOf(String resultLine) {
        return Double.parseDouble(resultLine.replaceAll(".*test_accuracy=(\\S+).*", "$1"));
    }

    private static String lastLine(CliRun r) {
        List<String> lines = r.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void permutedDigitsAreLearntWellAboveChance(@TempDir Path out) throws IOException {
        CliRun r = CliRun.of("train", "mnist", "--data", data.toString(), "--permute", "--hidden", "32", "--batch", "32",
                "--steps", "400", "--lr", "5e-3", "--eval-every", "100", "--train-subset", "500", "--threads", "1",
                "--backend", "cpu", "--no-progress", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        String last = lastLine(r);
        assertTrue(last.matches("result: task=mnist permuted=true steps=400 test_accuracy=[01]\\.\\d{4} "
                + "unitarity=\\S+ seconds=[0-9.]+"), last);
        double accuracy = accuracyOf(last);
        assertTrue(accuracy >= 0.6, "chance is 0.1: " + last);
        assertTrue(Double.parseDouble(last.replaceAll(".*unitarity=(\\S+) .*", "$1")) < 1e-12, last);
        assertTrue(r.out().contains("on 200 test images"), r.out());

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("# task=mnist permuted=true data=" + data + " train_subset=500 test_subset=all "
                + "hidden=32"), csv.get(0));
        assertEquals("step,seconds,train_loss,test_loss,baseline,unitarity,lr,test_accuracy", csv.get(1));
        assertEquals(6, csv.size(), "header lines and 4 evaluations");
        String[] lastRow = csv.get(5).split(",");
        assertEquals(accuracy, Double.parseDouble(lastRow[7]), 5e-5);
        // the baseline is the entropy of the labels of the 500 training images (50 of each digit)
        assertEquals(Math.log(10), Double.parseDouble(lastRow[4]), 1e-12);
        for (String png : List.of("test_loss.png", "test_accuracy.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }
    }

    @Test
    void unpermutedUnconstrainedAndDirectAlsoRun(@TempDir Path out) {
        for (String[] variant : new String[][] {{"--constraint", "none"}, {"--method", "direct", "--complex"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "mnist", "--data",
                    data.toString(), "--hidden", "16", "--batch", "16", "--steps", "20", "--test-subset", "50",
                    "--threads", "1", "--backend", "cpu", "--no-progress", "--out", out.toString()),
                    java.util.Arrays.stream(variant)).toArray(String[]::new);
            CliRun r = CliRun.of(args);
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(lastLine(r).startsWith("result: task=mnist permuted=false steps=20 test_accuracy="), r.out());
            assertTrue(r.out().contains("on 50 test images"), r.out());
        }
    }

    @Test
    void missingOrBadDataIsOneErrorLineSayingWhatToDo(@TempDir Path tmp) throws IOException {
        Path none = tmp.resolve("nowhere");
        CliRun r = CliRun.of("train", "mnist", "--data", none.toString(), "--no-progress", "--out", tmp.resolve("o").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("error: " + none + ": no such directory; get the MNIST files with: ./projunn data mnist " + none,
                r.err().strip());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");

        r = CliRun.of("train", "mnist", "--no-progress");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: mnist needs the folder of the MNIST files (--data DIR)"), r.err());

        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.copy(data.resolve(f), bad.resolve(f));
        }
        byte[] labels = Files.readAllBytes(bad.resolve("t10k-labels-idx1-ubyte"));
        Files.write(bad.resolve("t10k-labels-idx1-ubyte"), java.util.Arrays.copyOf(labels, labels.length - 3));
        r = CliRun.of("train", "mnist", "--data", bad.toString(), "--no-progress", "--out", tmp.resolve("o").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: " + bad.resolve("t10k-labels-idx1-ubyte") + ": truncated"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void optionsOfOtherTasksAreRefused(@TempDir Path tmp) {
        String[][] bad = {
            {"train", "mnist", "--data", data.toString(), "--T", "100"},
            {"train", "mnist", "--data", data.toString(), "--test-size", "100"},
            {"train", "mnist", "--data", data.toString(), "--lr-decay-every", "10", "--lr-decay-epochs", "2"},
            {"train", "mnist", "--data", data.toString(), "--train-subset", "601"},
            {"train", "copy", "--permute"},
            {"train", "copy", "--data", data.toString()},
            {"train", "adding", "--test-subset", "10"},
        };
        for (String[] args : bad) {
            String[] withOut = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--no-progress", "--out", tmp.resolve("x").toString())).toArray(String[]::new);
            CliRun r = CliRun.of(withOut);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", args) + ": " + r);
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(tmp.resolve("x")), "nothing written for " + String.join(" ", args));
        }
    }
}
