package org.projunn.bench;

import java.util.function.Consumer;
import org.projunn.Backend;
import org.projunn.BackendFactory;
import org.projunn.Backends;

/** Opens a backend by name for the benchmarks, or says why it is skipped (no GPU, no driver). */
public final class BackendChoice {
    private BackendChoice() {
    }

    /** The backend, or null after logging why {@code name} cannot be used here. */
    public static Backend openOrSkip(String name, Consumer<String> log) {
        for (BackendFactory f : Backends.factories()) {
            if (f.name().equals(name)) {
                BackendFactory.Availability a = f.probe();
                if (!a.usable()) {
                    log.accept("backend " + name + " skipped: " + a.detail());
                    return null;
                }
                try {
                    return Backends.open(name, log);
                } catch (RuntimeException | LinkageError e) {
                    log.accept("backend " + name + " skipped: " + e.getMessage());
                    return null;
                }
            }
        }
        log.accept("backend " + name + " skipped: not in this build (no " + name + " backend registered)");
        return null;
    }
}
