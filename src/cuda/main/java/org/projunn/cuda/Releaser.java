package org.projunn.cuda;

import java.util.List;

/**
 * Closes resources one after another without losing a failure: every resource is closed even
 * when an earlier one failed, the first failure is thrown at the end and the later ones ride on
 * it as suppressed. Device memory must be freed whatever happened before it, and the resources
 * are often a list known only at run time, which try-with-resources cannot express.
 */
public final class Releaser {
    private RuntimeException first;

    /**
     * Closes {@code resource} now, keeping its failure for {@link #rethrow()}; a checked
     * exception is kept wrapped in an {@link IllegalStateException}.
     *
     * @param resource what to close; null is skipped
     */
    public void close(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            if (first == null) {
                first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } else {
                first.addSuppressed(e);
            }
        }
    }

    /**
     * Throws the first failure of {@link #close(AutoCloseable)}, with the later ones suppressed
     * on it; returns when every close succeeded.
     */
    public void rethrow() {
        if (first != null) {
            throw first;
        }
    }

    /**
     * Closes every resource of {@code resources}, in order, and throws the first failure with
     * the later ones suppressed: the release of a group of resources known only at run time.
     *
     * @param resources closed in order; null entries are skipped
     */
    public static void closeAll(Iterable<? extends AutoCloseable> resources) {
        Releaser release = new Releaser();
        for (AutoCloseable resource : resources) {
            release.close(resource);
        }
        release.rethrow();
    }

    /**
     * Closes every resource of {@code owned} as {@link #closeAll} does, then empties the list,
     * even when a close failed: the release of a group that grows at run time, so that closing
     * its owner a second time frees nothing twice.
     *
     * @param owned closed in order, then cleared; null entries are skipped
     */
    public static void closeAndClear(List<? extends AutoCloseable> owned) {
        try {
            closeAll(owned);
        } finally {
            owned.clear();
        }
    }

    /**
     * Releases what was acquired before {@code failure} struck: closes every resource and adds
     * their own failures to {@code failure} as suppressed, so that the caller can rethrow it.
     *
     * @param failure what went wrong; gains the close failures
     * @param resources closed in order; null entries are skipped
     */
    public static void closeAfter(Throwable failure, AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
