package org.projunn.bench;

import org.projunn.DType;

/**
 * One row of a report: an operation at one size, rank, dtype, on one backend, for a batch of
 * {@code batch} independent N x N matrices (1: a single matrix).
 */
public record BenchCase(Operation op, int n, int k, DType dtype, String backend, int batch) {

    /** A case for one matrix. */
    public BenchCase(Operation op, int n, int k, DType dtype, String backend) {
        this(op, n, k, dtype, backend, 1);
    }

    public BenchCase {
        if (batch < 1) {
            throw new org.projunn.InvalidInputException("batch must be >= 1, got " + batch);
        }
    }

    public String label() {
        return op.id() + " " + dtype.name().toLowerCase(java.util.Locale.ROOT) + " N=" + n
                + (batch > 1 ? " B=" + batch : "") + (op.usesRank() ? " k=" + k : "") + " [" + backend + "]";
    }

    /** N for the tables: {@code "64, B=512"} for a batch. */
    public String sizeLabel() {
        return batch > 1 ? n + ", B=" + batch : String.valueOf(n);
    }
}
