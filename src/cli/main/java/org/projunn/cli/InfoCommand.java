package org.projunn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.projunn.BackendFactory;
import org.projunn.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code projunn info}: version, Java, and every backend with whether it can run here. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the version, the Java runtime, and which backends are usable here (and why not).")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("projunn " + VersionInfo.version());
        out.println("java    " + VersionInfo.javaVersion());
        out.println("backends (best first; auto picks the first usable):");
        for (BackendFactory f : Backends.factories()) {
            out.printf("  %-6s priority %-3d %s%n", f.name(), f.priority(), describe(f));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String describe(BackendFactory f) {
        try {
            BackendFactory.Availability a = f.probe();
            return (a.usable() ? "usable: " : "not usable: ") + a.detail();
        } catch (RuntimeException | LinkageError e) {
            // a GPU backend's probe touches native libraries; report, don't crash
            return "not usable: probe failed: " + e;
        }
    }
}
