package org.projunn.bench;

import org.projunn.DType;

/** One row of a report: an operation at one size, rank, dtype, on one backend. */
public record BenchCase(Operation op, int n, int k, DType dtype, String backend) {

    public String label() {
        return op.id() + " " + dtype.name().toLowerCase(java.util.Locale.ROOT) + " N=" + n
                + (op.usesRank() ? " k=" + k : "") + " [" + backend + "]";
    }
}
