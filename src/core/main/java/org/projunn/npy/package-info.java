/**
 * NumPy {@code .npy} files (format 1.0 to 3.0; float32, float64, complex64, complex128; either
 * byte order and memory order) and their conversion to and from projunn's column-major matrix
 * layout.
 */
package org.projunn.npy;
