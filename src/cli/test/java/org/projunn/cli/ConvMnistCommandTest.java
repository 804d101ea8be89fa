package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code projunn train conv-mnist} end to end on synthetic IDX files: four classes of 12 x 12 images,
 * a bright 4 x 4 square in the quadrant of the class, on noise. Chance is 25%.
 */
class ConvMnistCommandTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        write("train", 600, rng);
        write("t10k", 200, rng);
    }

    private static void write(String split, int count, SplittableRandom rng) throws Exception {
        int side = 12;
        byte[] pixels = new byte[count * side * side];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % 4;
            labels[i] = (byte) label;
            int r0 = (label / 2) * 6 + 1 + rng.nextInt(2);
            int c0 = (label % 2) * 6 + 1 + rng.nextInt(2);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    boolean on = r >= r0 && r < r0 + 4 && c >= c0 && c < c0 + 4;
                    pixels[i * side * side + r * side + c] = (byte) (on ? 200 + rng.nextInt(56) : rng.nextInt(90));
                }
            }
        }
        IdxFiles.writeSplit(data, split, pixels, labels, side);
    }

    @Test
    void learnsWellAboveChanceAndEndsWithTheResultLine(@TempDir Path out) throws Exception {
        CliRun r = CliRun.of("train", "conv-mnist", "--data", data.toString(), "--channels", "4", "--layers", "1",
                "--rank", "1", "--optimizer", "adam", "--lr", "0.01", "--batch", "16", "--steps", "60",
                "--eval-every", "20", "--threads", "1", "--backend", "cpu", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("result: task=conv-mnist steps=60 test_accuracy=[01]\\.[0-9]{4} unitarity=[0-9.e+-]+ "
                + "seconds=[0-9.]+"), last);
        double accuracy = Double.parseDouble(last.replaceAll(".*test_accuracy=(\\S+).*", "$1"));
        assertTrue(accuracy >= 0.6, "chance is 0.25: " + last);
        double unitarity = Double.parseDouble(last.replaceAll(".*unitarity=(\\S+).*", "$1"));
        assertTrue(unitarity < 1e-12, last);
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("# conv-mnist channels=4 layers=1 projUNN-T rank 1"), csv.get(0));
        assertEquals("step,seconds,train_loss,test_loss,test_accuracy,unitarity,lr", csv.get(1));
        assertEquals(5, csv.size(), "header lines and 3 evaluations");
        byte[] png = Files.readAllBytes(out.resolve("test_loss.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }

    @Test
    void unconstrainedLeavesTheGroup(@TempDir Path out) {
        CliRun r = CliRun.of("train", "conv-mnist", "--data", data.toString(), "--channels", "4", "--layers", "1",
                "--constraint", "none", "--optimizer", "adam", "--lr", "0.01", "--batch", "8", "--steps", "10",
                "--test-size", "50", "--threads", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("result: task=conv-mnist steps=10 "), last);
        assertTrue(Double.parseDouble(last.replaceAll(".*unitarity=(\\S+).*", "$1")) > 1e-3, last);
    }

    @Test
    void badSettingsGiveOneErrorLineAndWriteNothing(@TempDir Path dir) {
        String[][] bad = {
            {"--channels", "5"},
            {"--channels", "4", "--rank", "3"},
            {"--layers", "0"},
        };
        for (String[] extra : bad) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "conv-mnist", "--data",
                    data.toString(), "--steps", "1", "--no-progress", "--out", dir.resolve("x").toString()),
                    java.util.Arrays.stream(extra)).toArray(String[]::new);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", extra) + ": " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(dir.resolve("x")), "nothing written for " + String.join(" ", extra));
        }
    }

    @Test
    void aMissingDataFolderSaysHowToGetTheFiles(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        CliRun r = CliRun.of("train", "conv-mnist", "--data", missing.toString(), "--steps", "1", "--no-progress",
                "--out", dir.resolve("x").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("no such directory")
                && r.err().contains("./projunn data mnist"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }
}
