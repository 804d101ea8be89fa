/**
 * For backend implementations: what every backend's projector shares around its own arithmetic.
 * Library users need only {@link org.projunn.Projector}.
 */
package org.projunn.spi;
