#!/usr/bin/env python3
"""The copy-memory task with an orthogonal (or unitary) RNN trained through projUNN, in plain PyTorch.

Mirrors the Java training code (org.projunn.train) at its defaults, the paper's copy-task setting:

- task (CopyTask.java): 10 symbols from 8 classes, T - 1 blanks, a marker, 10 blanks; T + 20
  steps; inputs one-hot over 10 codes (0 blank, 1-8 symbols, 9 marker), 9 output classes (blank
  and the symbols), cross-entropy at every step averaged over steps and batch. Sequences whose
  10 symbols hash into the test split (Task.splitOf, one key in 16) are redrawn, as in Java.
- network (RecurrentNetwork.java): h_t = relu(W h_{t-1} + V x_t + c), y_t = U h_t + d, h_0 = 0;
  W Henaff-initialized (2x2 rotations, angles uniform in [-pi, pi]); V, U, d uniform in
  +-1/sqrt(fan-in); c = 0. --complex: W unitary, modReLU relu(|z| + beta) z/|z| with
  |z| = sqrt(|z|^2 + 1e-12), beta uniform in +-0.01, and V, c, U acting on [Re h; Im h].
- optimizer (RmsProp.java, TrainingRun.java): RMSprop, lr 7e-4, alpha 0.99, eps 1e-8, on every
  parameter; W does not take its update: W <- projUNN-T(W, delta / 32) with the rank-1 LSI sketch
  (projunn_torch.step). Parameters are kept in float64 (W projected in float64/complex128),
  forward and backward run in --dtype (float32 by default), as in the Java code.

Random numbers come from torch's generator, so runs do not reproduce the Java ones draw by draw.
Not mirrored: the periodic test-set evaluation (only the training loss is printed).

    python3 bench/pytorch/train_copy.py --steps 5 --threads 2
    python3 bench/pytorch/train_copy.py --device cuda --steps 200

The last line: result: steps=<n> steps_per_s=<x> loss=<l> unitarity=<||W^H W - I||_F>, where
steps_per_s counts the steps after the --warmup ones (all of them when there are no more).
"""

import argparse
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import projunn_torch as pt  # noqa: E402

SYMBOLS = 10
CLASSES = 8
INPUTS = 10
OUTPUTS = 9
MARKER = 9
MASK64 = (1 << 64) - 1


def split_of(key):
    """Task.splitOf: True for a training key (Java's long arithmetic, done on 64-bit patterns)."""
    h = (key * 0x9E3779B97F4A7C15) & MASK64
    h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & MASK64
    h ^= h >> 32
    return (h & 15) != 0


def copy_batch(batch, delay, generator):
    """Inputs (T+20, batch) codes and labels (T+20, batch), training split only."""
    rows = []
    while len(rows) < batch:
        draw = torch.randint(1, CLASSES + 1, (batch, SYMBOLS), generator=generator)
        for row in draw.tolist():
            key = 0
            for s in row:
                key = key * 8 + s - 1
            if split_of(key):
                rows.append(row)
                if len(rows) == batch:
                    break
    symbols = torch.tensor(rows, dtype=torch.long).t()          # (10, batch)
    steps = delay + 20
    codes = torch.zeros(steps, batch, dtype=torch.long)
    codes[:SYMBOLS] = symbols
    codes[delay + SYMBOLS - 1] = MARKER
    labels = torch.zeros(steps, batch, dtype=torch.long)
    labels[delay + SYMBOLS:] = symbols
    return codes, labels


def henaff(n, complex_, generator):
    """Block-diagonal 2x2 rotations [[c, -s], [s, c]], angles uniform in [-pi, pi] (Init.HENAFF)."""
    w = torch.zeros(n, n, dtype=torch.float64)
    for b in range(0, n - 1, 2):
        angle = -math.pi + 2 * math.pi * torch.rand((), dtype=torch.float64, generator=generator).item()
        c, s = math.cos(angle), math.sin(angle)
        w[b, b], w[b + 1, b], w[b, b + 1], w[b + 1, b + 1] = c, s, -s, c
    if n % 2 == 1:
        w[n - 1, n - 1] = 1
    return w.to(torch.complex128) if complex_ else w


def uniform(shape, bound, generator):
    return bound * (2 * torch.rand(*shape, dtype=torch.float64, generator=generator) - 1)


class Network:
    """Parameters in float64 (W complex128 when complex), on `device`."""

    def __init__(self, hidden, complex_, device, generator):
        self.n = hidden
        self.complex = complex_
        state = 2 * hidden if complex_ else hidden
        self.params = {
            "W": henaff(hidden, complex_, generator),
            "V": uniform((state, INPUTS), 1 / math.sqrt(INPUTS), generator),
            "c": torch.zeros(state, dtype=torch.float64),
            "U": uniform((OUTPUTS, state), 1 / math.sqrt(state), generator),
            "d": uniform((OUTPUTS,), 1 / math.sqrt(state), generator),
        }
        if complex_:
            self.params["beta"] = uniform((hidden,), 0.01, generator)
        self.params = {k: v.to(device) for k, v in self.params.items()}

    def loss_and_grads(self, codes, labels, dtype):
        """Mean cross-entropy; returns (loss, {name: float64 gradient})."""
        real = dtype
        cplx = torch.complex64 if dtype == torch.float32 else torch.complex128
        work = {}
        for k, v in self.params.items():
            t = v.to(cplx if v.is_complex() else real).detach().requires_grad_(True)
            work[k] = t
        steps, batch = codes.shape
        n = self.n
        x = F.one_hot(codes, INPUTS).to(real)                        # (T, B, 10)
        xin = torch.addmm(work["c"], x.reshape(steps * batch, INPUTS), work["V"].t()).reshape(steps, batch, -1)
        wt = work["W"].t()
        hs = []
        # unbind, not xin[t]: the backward of one unbind is one stack, while every xin[t] would
        # scatter its gradient into a zero tensor the size of xin (O(T^2) traffic)
        if not self.complex:
            xs = xin.unbind(0)
            h = torch.relu(xs[0])                                    # h_0 = 0: z_0 = V x_0 + c
            hs.append(h)
            for t in range(1, steps):
                h = torch.relu(torch.addmm(xs[t], h, wt))
                hs.append(h)
            state = torch.stack(hs)                                  # (T, B, N)
        else:
            zin = torch.complex(xin[..., :n], xin[..., n:]).unbind(0)  # T x (B, N) complex
            beta = work["beta"]

            def modrelu(z):
                mod = torch.sqrt(z.real * z.real + z.imag * z.imag + 1e-12)
                return z * (torch.relu(mod + beta) / mod)

            h = modrelu(zin[0])
            hs.append(h)
            for t in range(1, steps):
                h = modrelu(torch.addmm(zin[t], h, wt))
                hs.append(h)
            hc = torch.stack(hs)
            state = torch.cat([hc.real, hc.imag], dim=-1)            # (T, B, 2N)
        logits = torch.addmm(work["d"], state.reshape(steps * batch, -1), work["U"].t())
        loss = F.cross_entropy(logits, labels.reshape(-1))
        loss.backward()
        grads = {k: v.grad.to(self.params[k].dtype) for k, v in work.items()}
        return loss.item(), grads


class RmsProp:
    """PyTorch's RMSprop without momentum (RmsProp.java): delta = -lr g / (sqrt(v) + eps),
    elementwise over real scalars (real and imaginary parts separately when complex)."""

    def __init__(self, params, lr=7e-4, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.square = {k: torch.zeros_like(self._real(v)) for k, v in params.items()}

    @staticmethod
    def _real(t):
        return torch.view_as_real(t) if t.is_complex() else t

    def delta(self, name, grad):
        g = self._real(grad)
        v = self.square[name]
        v.mul_(self.alpha).addcmul_(g, g, value=1 - self.alpha)
        d = -self.lr * g / (v.sqrt() + self.eps)
        return torch.view_as_complex(d) if grad.is_complex() else d


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu", help="cpu or cuda (default cpu)")
    ap.add_argument("--steps", type=int, default=100, help="training steps (default 100)")
    ap.add_argument("--hidden", type=int, default=190, help="hidden units N (default 190)")
    ap.add_argument("--T", type=int, default=1000, help="copy delay T: sequences of T + 20 (default 1000)")
    ap.add_argument("--batch", type=int, default=128, help="batch size (default 128)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lr", type=float, default=7e-4)
    ap.add_argument("--divider", type=float, default=32.0, help="W's update is divided by this (default 32)")
    ap.add_argument("--rank", type=int, default=1, help="sketch rank k (default 1)")
    ap.add_argument("--method", default="tangent", choices=["tangent", "direct"])
    ap.add_argument("--complex", action="store_true", help="unitary RNN with modReLU")
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"],
                    help="forward/backward precision (default float32)")
    ap.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's)")
    ap.add_argument("--warmup", type=int, default=1, help="steps left out of steps_per_s (default 1)")
    ap.add_argument("--log-every", type=int, default=1)
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        print("skipped: torch has no usable CUDA device here", file=sys.stderr)
        return 3
    dtype = torch.float32 if args.dtype == "float32" else torch.float64
    g = torch.Generator()
    g.manual_seed(args.seed)
    sketch_g = torch.Generator(device=device)
    sketch_g.manual_seed(args.seed)
    net = Network(args.hidden, args.complex, device, g)
    opt = RmsProp(net.params, args.lr)
    baseline = SYMBOLS * math.log(CLASSES) / (args.T + 20)
    print("# torch %s, device %s (%s threads, OMP_WAIT_POLICY=%s), %s RNN N=%d, T=%d, batch %d, projUNN-%s rank %d, lr %g/%g; "
          "baseline loss %.5f; load average %.2f" % (torch.__version__, device, torch.get_num_threads(), os.environ.get("OMP_WAIT_POLICY", "unset"),
                                  "unitary" if args.complex else "orthogonal", args.hidden, args.T, args.batch,
                                  args.method[0].upper(), args.rank, args.lr, args.divider, baseline,
                                  os.getloadavg()[0]), flush=True)
    t_start = None
    t_first = time.perf_counter()
    loss = float("nan")
    for step in range(1, args.steps + 1):
        if step == args.warmup + 1:
            if device.type == "cuda":
                torch.cuda.synchronize()
            t_start = time.perf_counter()
        codes, labels = copy_batch(args.batch, args.T, g)
        codes, labels = codes.to(device), labels.to(device)
        loss, grads = net.loss_and_grads(codes, labels, dtype)
        for name, p in net.params.items():
            d = opt.delta(name, grads[name])
            if name == "W":
                pt.step(p, d / args.divider, args.rank, args.method, generator=sketch_g)
            else:
                p.add_(d)
        if step % args.log_every == 0 or step == args.steps:
            print("step %d loss %.5f unitarity %.2e" % (step, loss, pt.unitarity_error(net.params["W"])), flush=True)
    if device.type == "cuda":
        torch.cuda.synchronize()
    t_end = time.perf_counter()
    if t_start is None:
        print("# no step after the warm-up: steps_per_s counts every step (warm-up included)")
        timed, seconds = args.steps, t_end - t_first
    else:
        timed, seconds = args.steps - args.warmup, t_end - t_start
    sps = timed / seconds if seconds else float("nan")
    print("result: steps=%d steps_per_s=%.4f loss=%.5f unitarity=%.3e" % (
        args.steps, sps, loss, pt.unitarity_error(net.params["W"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
