package org.projunn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/** Finds and opens backends: by name, or {@code auto} (the best usable one, else the CPU). */
public final class Backends {
    private Backends() {
    }

    /** Every registered backend factory, best first. */
    public static List<BackendFactory> factories() {
        List<BackendFactory> list = new ArrayList<>();
        for (BackendFactory f : ServiceLoader.load(BackendFactory.class, Backends.class.getClassLoader())) {
            list.add(f);
        }
        list.sort(Comparator.comparingInt(BackendFactory::priority).reversed());
        return list;
    }

    /** The CPU backend with one thread per available core. */
    public static Backend cpu() {
        return open("cpu", msg -> { });
    }

    /**
     * Opens a backend by name ("cpu", "cuda") or "auto": the highest-priority backend that
     * probes usable and opens; each one skipped is reported to {@code log} in one line.
     */
    public static Backend open(String name, Consumer<String> log) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<BackendFactory> all = factories();
        if (!wanted.equals("auto")) {
            for (BackendFactory f : all) {
                if (f.name().equals(wanted)) {
                    BackendFactory.Availability a = f.probe();
                    if (!a.usable()) {
                        throw new IllegalStateException("backend " + wanted + " is not usable here: " + a.detail());
                    }
                    return f.open();
                }
            }
            throw new InvalidInputException("unknown backend '" + name + "': expected auto, "
                    + String.join(", ", all.stream().map(BackendFactory::name).toList()));
        }
        for (BackendFactory f : all) {
            BackendFactory.Availability a = f.probe();
            if (!a.usable()) {
                if (f.priority() > 0) {
                    log.accept("backend " + f.name() + " not used: " + a.detail());
                }
                continue;
            }
            try {
                return f.open();
            } catch (RuntimeException | LinkageError e) {
                log.accept("backend " + f.name() + " not used: " + e.getMessage());
            }
        }
        throw new IllegalStateException("no usable backend");
    }
}
