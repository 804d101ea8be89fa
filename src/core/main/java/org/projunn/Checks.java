package org.projunn;

/**
 * Input validation shared by every backend, so that the CPU and the GPU reject the same inputs
 * with the same messages, before anything is written or launched.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Validates a projector's shape: k &gt;= 1 and 2k &lt;= N (N = 1 allows k = 1), batch &gt;= 1.
     *
     * @param spec the configuration, whose rank is k; not modified
     * @param dtype the element type; must not be null
     * @param batch number of matrices, must be &gt;= 1
     * @param n order N of each matrix, must be &gt;= 1
     * @throws InvalidInputException naming the first violated condition
     */
    public static void projectorShape(ProjectorSpec spec, DType dtype, int batch, int n) {
        if (spec == null) {
            throw new InvalidInputException("projector spec must not be null");
        }
        if (dtype == null) {
            throw new InvalidInputException("dtype must not be null");
        }
        if (batch < 1) {
            throw new InvalidInputException("batch must be >= 1, got " + batch);
        }
        if (n < 1) {
            throw new InvalidInputException("matrix size N must be >= 1, got " + n);
        }
        int k = spec.rank();
        if (k < 1) {
            throw new InvalidInputException("rank k must be >= 1, got " + k);
        }
        if (2L * k > Math.max(n, 2)) {
            throw new InvalidInputException("rank k=" + k + " is too large for N=" + n
                    + ": projUNN needs 2k <= N");
        }
    }

    /**
     * Checks that {@code t} is a batch x rows x cols tensor of {@code dtype} owned by {@code owner}.
     *
     * @param what the tensor's name in the message, e.g. "A" or "delta"
     * @param t the tensor; not modified
     * @param owner the backend instance the tensor must come from
     * @param dtype the element type it must have
     * @param batch the batch size it must have
     * @param rows the rows it must have
     * @param cols the columns it must have
     * @throws InvalidInputException naming {@code what} and the mismatch (null, other backend,
     *         dtype, shape)
     */
    public static void tensor(String what, Tensor t, Backend owner, DType dtype, int batch, int rows, int cols) {
        if (t == null) {
            throw new InvalidInputException(what + " must not be null");
        }
        if (t.backend() != owner) {
            throw new InvalidInputException(what + " lives on backend " + t.backend().name()
                    + " but the projector runs on " + owner.name() + " (tensors must come from the same backend instance)");
        }
        if (t.dtype() != dtype) {
            throw new InvalidInputException(what + " has dtype " + t.dtype().name().toLowerCase(java.util.Locale.ROOT)
                    + " but the projector was made for " + dtype.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (t.rows() != rows || t.cols() != cols || t.batch() != batch) {
            String expected = (batch > 1 ? batch + " x " : "") + rows + " x " + cols;
            String got = (t.batch() > 1 ? t.batch() + " x " : "") + t.rows() + " x " + t.cols();
            String hint = t.rows() != t.cols() && rows == cols ? " (not square)" : "";
            throw new InvalidInputException(what + " must be " + expected + ", got " + got + hint);
        }
    }

    /**
     * The exception for non-finite data, naming the tensor and the batch entry; the caller throws it.
     *
     * @param what the tensor's name, e.g. "delta"
     * @param batchEntry index of the matrix that holds NaN or Inf
     * @param batch the batch size (the entry is named only when it is above 1)
     * @return the exception, not thrown
     */
    public static InvalidInputException nonFinite(String what, int batchEntry, int batch) {
        String where = batch > 1 ? " (batch entry " + batchEntry + ")" : "";
        return new InvalidInputException(what + " contains NaN or Inf" + where);
    }
}
