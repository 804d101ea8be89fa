package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void infoListsVersionJavaAndBackends() {
        CliRun run = CliRun.of("info");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("projunn " + VersionInfo.version() + "\n"), run.out());
        assertTrue(run.out().contains("java    " + Runtime.version()), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+cpu\\s+priority 0\\s+usable: .*")), run.out());
    }

    @Test
    void versionComesFromTheBuild() {
        // Maven filters version.properties; an unfiltered placeholder would mean the build is misconfigured
        assertTrue(VersionInfo.version().matches("\\d+\\.\\d+\\.\\d+.*"), VersionInfo.version());
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("projunn " + VersionInfo.version()), run.out());
    }

    @Test
    void noSubcommandOrUnknownOneIsAUsageError() {
        CliRun none = CliRun.of();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Usage: projunn"), none.err());
        CliRun unknown = CliRun.of("frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("error: Unmatched argument"), unknown.err());
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        CliRun run = CliRun.of("update", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--delta"), run.out());
    }
}
