/**
 * projUNN's API: unitary (complex) and orthogonal (real) matrices kept exactly unitary while
 * training, each step working with a rank-k approximation {@code a b^H} of the update
 * (projUNN-D: polar projection; projUNN-T: exponential map; {@code docs/ALGORITHMS.md}).
 *
 * <p>{@link org.projunn.Backends} opens a {@link org.projunn.Backend} (the CPU, or a GPU when
 * {@code projunn-cuda} is on the class path); the backend makes {@link org.projunn.Tensor}s and
 * {@link org.projunn.Projector}s, and a projector steps a batch of matrices in place.
 */
package org.projunn;
