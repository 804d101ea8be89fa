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

    /**
     * Every backend factory registered through {@link java.util.ServiceLoader} on the class path.
     *
     * @return a new list, highest {@link BackendFactory#priority()} first
     */
    public static List<BackendFactory> factories() {
        List<BackendFactory> list = new ArrayList<>();
        for (BackendFactory f : ServiceLoader.load(BackendFactory.class, Backends.class.getClassLoader())) {
            list.add(f);
        }
        list.sort(Comparator.comparingInt(BackendFactory::priority).reversed());
        return list;
    }

    /**
     * The CPU backend with one thread per available core.
     *
     * @return a new backend; the caller closes it
     */
    public static Backend cpu() {
        return open("cpu", msg -> { });
    }

    /**
     * Opens a backend by name ("cpu", "cuda") or "auto": the highest-priority backend that
     * probes usable and opens; each one skipped is reported to {@code log} in one line.
     *
     * @param name "cpu", "cuda", ... or "auto"; case and surrounding spaces are ignored
     * @param log receives one line per GPU backend that {@code auto} skips, with the reason
     *        (e.g. {@code backend cuda not used: no CUDA driver}); unused for a named backend
     * @return the opened backend; the caller closes it
     * @throws InvalidInputException when no backend has that name
     * @throws IllegalStateException when the named backend is not usable here (the message says
     *         why), or when {@code auto} finds none
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
