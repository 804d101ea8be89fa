package org.projunn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the timings ran on: CPU model and cores (from /proc/cpuinfo where present), Java, OS. */
public record MachineInfo(String cpuModel, int logicalCpus, int availableProcessors, String java,
                          String os, long maxHeapBytes) {

    public static MachineInfo detect() {
        String model = "unknown";
        int cpus = 0;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name") && line.contains(":")) {
                    if (model.equals("unknown")) {
                        model = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                if (line.startsWith("processor")) {
                    cpus++;
                }
            }
        } catch (IOException | RuntimeException e) {
            model = System.getProperty("os.arch") + " (no /proc/cpuinfo)";
        }
        String java = System.getProperty("java.vm.name") + " " + Runtime.version()
                + " (" + System.getProperty("java.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new MachineInfo(model, cpus, Runtime.getRuntime().availableProcessors(), java, os,
                Runtime.getRuntime().maxMemory());
    }

    public String markdown() {
        return "- CPU: " + cpuModel + "\n"
                + "- cores: " + availableProcessors + " available to the JVM"
                + (logicalCpus > 0 ? " (" + logicalCpus + " logical CPUs in /proc/cpuinfo)" : "") + "\n"
                + "- Java: " + java + ", max heap " + (maxHeapBytes >> 20) + " MiB\n"
                + "- OS: " + os + "\n";
    }
}
