package org.projunn;

/** How A is pulled back onto the unitary group when float rounding has let it drift. */
public enum Reorthonormalization {
    /** Newton-Schulz iterations {@code X <- X (3I - X^H X) / 2} until converged. */
    NEWTON_SCHULZ,
    /** The exact polar factor {@code U V^H} from a full SVD. */
    SVD_POLAR
}
