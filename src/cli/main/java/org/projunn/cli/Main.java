package org.projunn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code projunn} command line. Exit codes: 0 success, 2 bad usage or bad input (one
 * {@code error: ...} line on stderr), 1 an unexpected failure (with its stack trace).
 */
@Command(name = "projunn",
        subcommands = {DemoCommand.class, TrainCommand.class, DataCommand.class, InfoCommand.class, UpdateCommand.class,
                BenchCommand.class},
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Unitary and orthogonal matrices kept exact by projUNN steps.")
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with projunn's error handling; tests call {@code execute} on it. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(ErrorReporter::usageError);
        cl.setExecutionExceptionHandler(ErrorReporter::executionError);
        return cl;
    }

    /** {@code projunn} alone: show the usage and fail, as a missing subcommand is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
