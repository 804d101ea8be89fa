package org.projunn.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.projunn.Backend;
import org.projunn.bench.BackendChoice;

/**
 * The backend, by name ({@code -p backend=cuda}); a backend that is not usable here (no GPU) makes
 * its benchmarks fail setup with the reason, and JMH goes on with the others.
 */
@State(Scope.Benchmark)
public class BackendState {
    @Param({"cpu"})
    public String backend;

    Backend opened;

    @Setup(Level.Trial)
    public void open() {
        StringBuilder why = new StringBuilder();
        opened = BackendChoice.openOrSkip(backend, why::append);
        if (opened == null) {
            System.out.println(why);
            throw new IllegalStateException(why.toString());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (opened != null) {
            opened.close();
        }
    }
}
