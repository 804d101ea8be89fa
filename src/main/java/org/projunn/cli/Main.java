package org.projunn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code projunn} command line. */
@Command(name = "projunn", mixinStandardHelpOptions = true, version = "projunn 0.1.0-SNAPSHOT",
        description = "Unitary and orthogonal matrices kept exact by projUNN steps.",
        subcommands = {BenchCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
