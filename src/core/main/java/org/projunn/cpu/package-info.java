/**
 * The CPU backend: tensors in Java arrays, steps on a fixed pool of worker threads. Always
 * available, and the reference the CUDA backend is tested against. Users reach it through
 * {@link org.projunn.Backends}; {@link org.projunn.cpu.CpuBackend#wrap(double[], org.projunn.DType, int, int, int)}
 * shares a caller's array. {@link org.projunn.cpu.StepPhases} and {@link org.projunn.cpu.SmallLinalg}
 * are internal entry points for the project's benchmarks and tests.
 */
package org.projunn.cpu;
