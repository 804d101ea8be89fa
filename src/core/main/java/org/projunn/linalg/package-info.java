/**
 * Host linear algebra that both backends need (the O(N^3) re-orthonormalization in float64),
 * so that neither backend imports the other. Internal to the backends.
 */
package org.projunn.linalg;
