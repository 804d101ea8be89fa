package org.projunn.bench;

import java.util.ArrayList;
import java.util.List;
import org.projunn.DType;

/**
 * Which cases a report runs. The default subset is sized for about 15 minutes on 2 cores: every
 * full step at k = 1 over all N, ranks 4 and 16 at a few N, the parts at N = 1024, the plain step,
 * and the exact O(N^3) baselines up to the size where they take seconds, plus the fastest of them
 * at N = 2048. {@code quick} is a smoke test of the same shape with N <= 512.
 */
public record ReportPlan(List<BenchCase> projunn, List<BenchCase> exact,
                         java.util.Map<DType, int[]> fastestExactOnlyAt, Timing.Policy policy, boolean quick) {

    public static final int[] ALL_N = {64, 128, 256, 512, 1024, 2048, 4096};
    private static final int[] QUICK_N = {64, 128, 256, 512};
    /** The batched goal case: {@link #BATCH} matrices of {@link #BATCHED_N} x {@link #BATCHED_N}. */
    static final int BATCH = 512;
    static final int BATCHED_N = 64;

    public static ReportPlan standard(int maxN, List<String> backends) {
        return build(filter(ALL_N, maxN), backends, Timing.Policy.standard(), false);
    }

    public static ReportPlan quick(List<String> backends) {
        return build(QUICK_N, backends, Timing.Policy.quick(), true);
    }

    /**
     * The CPU step's goal cases (issue 13): sketch + projUNN-T and -D in float32 at N = 256, 512,
     * 1024 and k = 1, 4, 16, complex64 at N = 1024 and k = 1, 4, both dtypes on a batch of 512
     * matrices of 64 x 64 at k = 1, 4 (on the CPU), the parts at N = 1024 and
     * k = 16 (where the time goes), and the plain step; no exact baselines.
     */
    public static ReportPlan goals(List<String> backends) {
        List<BenchCase> p = new ArrayList<>();
        for (String backend : backends) {
            for (Operation op : new Operation[] {Operation.STEP_TANGENT, Operation.STEP_DIRECT}) {
                for (int n : new int[] {256, 512, 1024}) {
                    for (int k : new int[] {1, 4, 16}) {
                        p.add(new BenchCase(op, n, k, DType.FLOAT32, backend));
                    }
                }
                for (int k : new int[] {1, 4}) {
                    p.add(new BenchCase(op, 1024, k, DType.COMPLEX64, backend));
                }
            }
        }
        // the batched case of the issue: 512 independent 64 x 64 matrices
        for (Operation op : new Operation[] {Operation.STEP_TANGENT, Operation.STEP_DIRECT}) {
            for (DType d : new DType[] {DType.FLOAT32, DType.COMPLEX64}) {
                for (int k : new int[] {1, 4}) {
                    p.add(new BenchCase(op, BATCHED_N, k, d, "cpu", BATCH));
                }
            }
        }
        for (Operation op : new Operation[] {Operation.SKETCH, Operation.PROJECT, Operation.SMALL, Operation.FUSED}) {
            p.add(new BenchCase(op, 1024, 16, DType.FLOAT32, "cpu"));
        }
        p.add(new BenchCase(Operation.PLAIN, 1024, 0, DType.FLOAT32, "cpu"));
        return new ReportPlan(p, List.of(), java.util.Map.of(), Timing.Policy.standard(), false);
    }

    private static int[] filter(int[] ns, int maxN) {
        return java.util.Arrays.stream(ns).filter(n -> n <= maxN).toArray();
    }

    private static ReportPlan build(int[] ns, List<String> backends, Timing.Policy policy, boolean quick) {
        List<BenchCase> p = new ArrayList<>();
        DType[] dtypes = {DType.FLOAT32, DType.COMPLEX64};
        int largest = ns[ns.length - 1];
        int mid = quick ? 256 : Math.min(1024, largest);
        for (String backend : backends) {
            for (DType d : dtypes) {
                for (Operation op : new Operation[] {Operation.STEP_DIRECT, Operation.STEP_TANGENT,
                    Operation.STEP_DIRECT_AB, Operation.STEP_TANGENT_AB}) {
                    for (int n : ns) {
                        p.add(new BenchCase(op, n, 1, d, backend));
                    }
                }
            }
            java.util.Set<Integer> rankSizes = new java.util.TreeSet<>(List.of(256, mid, largest));
            for (int k : new int[] {4, 16}) {
                for (int n : rankSizes) {
                    if (n <= largest && 2 * k <= n) {
                        for (Operation op : new Operation[] {Operation.STEP_DIRECT, Operation.STEP_TANGENT}) {
                            p.add(new BenchCase(op, n, k, DType.FLOAT32, backend));
                        }
                    }
                }
                p.add(new BenchCase(Operation.STEP_DIRECT, mid, k, DType.COMPLEX64, backend));
            }
        }
        // the parts and the plain step on the CPU
        for (DType d : dtypes) {
            for (int k : new int[] {1, 16}) {
                for (Operation op : new Operation[] {Operation.SKETCH, Operation.PROJECT, Operation.SMALL,
                    Operation.FUSED}) {
                    p.add(new BenchCase(op, mid, k, d, "cpu"));
                }
            }
            for (int n : ns) {
                p.add(new BenchCase(Operation.PLAIN, n, 0, d, "cpu"));
            }
        }
        List<BenchCase> e = new ArrayList<>();
        int realMax = quick ? 256 : Math.min(1024, largest);
        int complexMax = quick ? 128 : Math.min(512, largest);
        for (DType d : dtypes) {
            int max = d.isComplex() ? complexMax : realMax;
            for (Operation op : new Operation[] {Operation.POLAR_SVD, Operation.CAYLEY, Operation.EXPM}) {
                // the SVD of the 2N x 2N real embedding is the slowest by far: stop it earlier
                int opMax = op == Operation.POLAR_SVD && d.isComplex() ? max / 2 : max;
                for (int n : ns) {
                    if (n <= opMax) {
                        e.add(new BenchCase(op, n, 0, d, "cpu"));
                    }
                }
            }
        }
        // larger sizes (up to 2048, the size of the speed-up goal) time only the fastest baseline
        java.util.Map<DType, int[]> only = new java.util.EnumMap<>(DType.class);
        for (DType d : dtypes) {
            int max = d.isComplex() ? complexMax : realMax;
            only.put(d, quick ? new int[0]
                    : java.util.Arrays.stream(ns).filter(n -> n > max && n <= 2048).toArray());
        }
        return new ReportPlan(p, e, only, policy, quick);
    }
}
