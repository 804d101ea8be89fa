#!/usr/bin/env python3
"""Time one full projUNN step (sketch + projUNN-D or -T) in plain PyTorch.

The counterpart of `./projunn bench step` (BenchCommand / StepTimer in the Java code): same
inputs (A the orthonormal DCT-II matrix, or the unitary DFT matrix when complex; Delta uniform
with standard deviation 1e-3 / sqrt(N), as bench/TestMatrices.java), the step run again and again on
the same A (it stays unitary) with the same Delta, a new sketch drawn every step, warm-up first,
then single runs timed (torch.cuda.synchronize() around each on CUDA) and their median kept.

One line per case, in the Java bench's style:

    step-tangent float32 N=1024 k=4 [torch-cpu]: 20 reps, min 1.2345 ms; median_ms=1.3000 floor_ms=0.4000

floor_ms is the memory floor of a step (5 passes over N^2 elements: Delta read twice by the
sketch, A read twice and written once; Operation.java) at the triad bandwidth measured here
with torch (c = a + s b on 64 MiB arrays), as the Java bench does on the CPU. Batched cases
add B=<batch> to the label and count the floor over the whole batch.

Examples:
    python3 bench/pytorch/step_bench.py --device cpu --dtype float32 --method tangent --n 1024 --k 4 --threads 2
    python3 bench/pytorch/step_bench.py --suite cpu --threads 2
    python3 bench/pytorch/step_bench.py --suite gpu --device cuda
"""

import argparse
import math
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import projunn_torch as pt  # noqa: E402

SEED = 20220
DELTA_SCALE = 1e-3
STEP_PASSES = 5
DTYPES = {"float32": torch.float32, "complex64": torch.complex64,
          "float64": torch.float64, "complex128": torch.complex128}

# The grids. Each entry: (batch, n); every case runs for each dtype, k and method.
SUITES = {
    "gpu": {"dtypes": ["float32", "complex64"], "ks": [1, 4, 16],
            "shapes": [(1, 1024), (1, 4096), (1, 8192), (512, 64)]},
    "cpu": {"dtypes": ["float32", "complex64"], "ks": [1, 4, 16],
            "shapes": [(1, 256), (1, 512), (1, 1024), (1, 2048), (512, 64)]},
}


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def test_unitary(n, dtype, device):
    """The orthonormal DCT-II matrix (real) or the unitary DFT matrix (complex), O(N^2)."""
    i = torch.arange(n, dtype=torch.float64).unsqueeze(1)
    j = torch.arange(n, dtype=torch.float64).unsqueeze(0)
    if dtype.is_complex:
        angle = -2 * math.pi * torch.remainder(i * j, n) / n
        m = torch.polar(torch.full_like(angle, 1 / math.sqrt(n)), angle)
    else:
        scale = torch.where(i == 0, torch.tensor(math.sqrt(1.0 / n), dtype=torch.float64),
                            torch.tensor(math.sqrt(2.0 / n), dtype=torch.float64))
        m = scale * torch.cos(math.pi * (2 * j + 1) * i / (2 * n))
    return m.to(dtype=dtype, device=device)


def test_delta(batch, n, dtype, device, generator):
    """Uniform entries with standard deviation DELTA_SCALE / sqrt(n) per real scalar."""
    half = math.sqrt(3.0) * DELTA_SCALE / math.sqrt(n)
    real = torch.float32 if dtype in (torch.float32, torch.complex64) else torch.float64
    shape = (batch, n, n) if batch > 1 else (n, n)
    if dtype.is_complex:
        x = torch.rand(*shape, 2, dtype=real, generator=generator)
        x = torch.view_as_complex((2 * x - 1) * half)
    else:
        x = (2 * torch.rand(*shape, dtype=real, generator=generator) - 1) * half
    return x.to(device)


def load_average():
    """The 1-minute load average (other processes share the cores), or "n/a"."""
    try:
        return "%.2f" % os.getloadavg()[0]
    except OSError:
        return "n/a"


def triad_gbs(device, dtype=torch.float32, mib=64, reps=5):
    """Triad bandwidth c = a + s b with torch on 3 arrays of `mib` MiB; best of reps, GB/s."""
    count = mib * 1024 * 1024 // 4
    a = torch.ones(count, dtype=dtype, device=device)
    b = torch.ones(count, dtype=dtype, device=device)
    c = torch.empty(count, dtype=dtype, device=device)
    best = float("inf")
    for _ in range(reps + 1):
        sync(device)
        t0 = time.perf_counter()
        torch.add(a, b, alpha=0.5, out=c)
        sync(device)
        best = min(best, time.perf_counter() - t0)
    return 3 * count * 4 / best / 1e9


def time_case(method, n, k, dtype_name, batch, device, reps, warmup_s, budget_s, triad, p=0, q=0):
    """Times the full step; returns the printed line. At most warmup_s + budget_s (plus one run)
    of stepping, at least 2 warm-up runs and 3 timed ones."""
    dtype = DTYPES[dtype_name]
    g = torch.Generator(device=device)
    g.manual_seed(SEED)
    cpu_g = torch.Generator()
    cpu_g.manual_seed(SEED)
    a = test_unitary(n, dtype, device)
    if batch > 1:
        a = a.expand(batch, n, n).contiguous()
    delta = test_delta(batch, n, dtype, device, cpu_g)

    def run():
        pt.step(a, delta, k, method, p, q, g)

    t_end = time.perf_counter() + warmup_s
    warm = 0
    while True:
        sync(device)
        t0 = time.perf_counter()
        run()
        sync(device)
        t1 = time.perf_counter()
        warm += 1
        if (warm >= 2 and t1 >= t_end) or (t1 - t0) > warmup_s:
            break
    times = []
    m_end = time.perf_counter() + budget_s
    while len(times) < reps and (len(times) < 3 or time.perf_counter() < m_end):
        sync(device)
        t0 = time.perf_counter()
        run()
        sync(device)
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    med = statistics.median(times)
    elem = torch.tensor([], dtype=dtype).element_size()
    floor_ms = STEP_PASSES * batch * n * n * elem / (triad * 1e9) * 1e3 if triad else float("nan")
    unit = pt.unitarity_error(a)
    label = "step-%s %s N=%d k=%d%s [torch-%s]" % (method, dtype_name, n, k,
                                                 " B=%d" % batch if batch > 1 else "", device.type)
    extra = (" p=%d q=%d" % (p, q)) if (p or q) else ""
    return "%s: %d reps, min %.4f ms; median_ms=%.4f floor_ms=%.4f unitarity=%.2e%s" % (
        label, len(times), times[0], med, floor_ms, unit, extra)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu", help="cpu or cuda (default cpu)")
    ap.add_argument("--dtype", default="float32", choices=sorted(DTYPES), help="default float32")
    ap.add_argument("--method", default=None, choices=["tangent", "direct"],
                    help="default tangent for one case; a suite runs both unless this is given")
    ap.add_argument("--n", type=int, default=1024)
    ap.add_argument("--k", type=int, default=1)
    ap.add_argument("--batch", type=int, default=1, help="B independent N x N matrices (default 1)")
    ap.add_argument("--reps", type=int, default=20, help="timed repetitions at most (default 20)")
    ap.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's)")
    ap.add_argument("--oversampling", type=int, default=0, help="sketch oversampling p (default 0)")
    ap.add_argument("--power-iterations", type=int, default=0, help="sketch power iterations q (default 0)")
    ap.add_argument("--suite", choices=sorted(SUITES), help="run a grid instead of one case")
    ap.add_argument("--warmup-s", type=float, default=0.5, help="warm-up seconds per case (default 0.5)")
    ap.add_argument("--budget-s", type=float, default=2.0,
                    help="timed seconds per case: stop after --reps or this, but never before 3 reps "
                         "(default 2.0)")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        print("skipped: torch has no usable CUDA device here", file=sys.stderr)
        return 3
    if device.type == "cuda":
        name = torch.cuda.get_device_name(device)
    else:
        name = "cpu, %d threads, OMP_WAIT_POLICY=%s" % (torch.get_num_threads(),
                                                        os.environ.get("OMP_WAIT_POLICY", "unset"))
    triad = triad_gbs(device)
    print("# torch %s on %s; triad %.2f GB/s (torch c = a + s b, 64 MiB arrays); load average %s" % (
        torch.__version__, name, triad, load_average()), flush=True)
    if args.suite:
        s = SUITES[args.suite]
        methods = [args.method] if args.method else ["tangent", "direct"]
        cases = [(m, n, k, d, b) for (b, n) in s["shapes"] for d in s["dtypes"] for k in s["ks"] for m in methods]
    else:
        cases = [(args.method or "tangent", args.n, args.k, args.dtype, args.batch)]
    t0 = time.perf_counter()
    for (m, n, k, d, b) in cases:
        line = time_case(m, n, k, d, b, device, args.reps, args.warmup_s, args.budget_s, triad,
                         args.oversampling, args.power_iterations)
        print(line, flush=True)
    if args.suite:
        print("# %d cases in %.1f s; load average %s" % (len(cases), time.perf_counter() - t0, load_average()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
