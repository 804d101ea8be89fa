#!/usr/bin/env python3
"""projUNN in plain PyTorch: the sketch sampler and the projUNN-D / projUNN-T steps.

A reference and baseline for the Java library (docs/ALGORITHMS.md has the mathematics). Works on
CPU and CUDA tensors, real (float32/float64) and complex (complex64/complex128), for one matrix
(N x N) or a batch (B x N x N, any leading batch dimensions). Everything is batched matmuls,
QRs and small (2k x 2k) eigenproblems: no Python loop over N or over the batch.

Random numbers: the sketch draws its Gaussian matrix from torch's generator, not from the Java
library's counter-based generator, so results differ from the Java ones draw by draw. Compare
them statistically or against an exact oracle (the --check below), never bitwise.

    python3 bench/pytorch/projunn_torch.py --check      # self-check in float64 (and float32)
"""

import argparse
import math
import sys
import time

import torch

# 1 + lambda at or below this is clamped in projUNN-D (X = A + a b^H singular), as in the Java code.
SINGULAR_CLAMP = 1e-12


def _orth(y):
    """An orthonormal basis (Householder QR) of the columns of y (..., N, m). Q is orthonormal
    even when y is rank deficient (or zero): its span then merely contains span(y)."""
    return torch.linalg.qr(y, mode="reduced")[0]


def _add_lowrank_(a, left, right):
    """a += left @ right^H in place (a: (..., N, N); left, right: (..., N, r))."""
    rh = right.mH
    if a.dim() == 2:
        a.addmm_(left, rh)
    elif a.dim() == 3:
        a.baddbmm_(left, rh)
    else:
        a.add_(left @ rh)
    return a


def sketch(delta, k, oversampling=0, power_iterations=0, generator=None):
    """The randomized sketch sampler (ALGORITHMS.md section 2, "LSI"; SketchSampler.java).

    Draws a Gaussian R (N x (k+p)), V = orth(Delta^H R), refines V by q rounds of subspace
    iteration (V <- orth(Delta^H orth(Delta V))), then keeps the best rank-k part of Delta V:
    with Z = Delta V and E the top-k eigenvectors of Z^H Z, returns a = Z E, b = V E, so that
    a b^H = Delta V E E^H V^H. With p = q = 0 this is the paper's LSI sampler (its
    B = sqrt(N/k) R^H Delta, eig(B B^H) construction gives the same a b^H = Delta v v^H with
    v an orthonormal basis of the row space sketched by R). Reads Delta 2 + 2q times.

    The Java code orthonormalizes R before the first product; that does not change span(Delta^H R)
    and is skipped here. Delta = 0 gives a = 0 (QR of a zero matrix still returns an orthonormal V).
    """
    n = delta.shape[-1]
    width = max(k, min(k + oversampling, n))
    r = torch.randn(*delta.shape[:-2], n, width, dtype=delta.dtype, device=delta.device,
                    generator=generator)
    dh = delta.mH
    v = _orth(dh @ r)
    for _ in range(power_iterations):
        v = _orth(delta @ v)
        v = _orth(dh @ v)
    z = delta @ v
    if width == k:
        return z, v
    _, vecs = torch.linalg.eigh(z.mH @ z)  # ascending eigenvalues: the top k are the last k
    e = vecs[..., -k:]
    return z @ e, v @ e


def _basis(a, b, ahat):
    """Q (N x 2k, orthonormal) spanning [b, A^H a], and b_o = Q^H b, ahat_o = Q^H ahat."""
    q = _orth(torch.cat([b, ahat], dim=-1))
    qh = q.mH
    return q, qh @ b, qh @ ahat


def step_direct(a_mat, a, b):
    """projUNN-D in place: A <- polar(A + a b^H) (ALGORITHMS.md section 3), O(k N^2).

    With Q an orthonormal basis of [b, A^H a], X^H X = I + Q M Q^H and
    polar(X) = X + (X Q) F Q^H, F = D diag((1+lambda)^(-1/2) - 1) D^H for M = D diag(lambda) D^H.
    Returns the number of clamped eigenvalues (X singular) as a 0-dim tensor.
    """
    ahat = a_mat.mH @ a                                       # pass 1 over A
    q, bo, aho = _basis(a, b, ahat)
    gram = a.mH @ a                                           # C = a^H a (k x k)
    t1 = aho @ bo.mH
    m = t1 + t1.mH + bo @ gram @ bo.mH
    m = 0.5 * (m + m.mH)                                      # exactly Hermitian for eigh
    lam, d = torch.linalg.eigh(m)
    one_plus = 1 + lam
    clamped = (one_plus <= SINGULAR_CLAMP).sum()
    f_vals = torch.rsqrt(one_plus.clamp_min(SINGULAR_CLAMP)) - 1
    f = (d * f_vals.unsqueeze(-2).to(d.dtype)) @ d.mH        # D diag(f) D^H
    xq = a_mat @ q + a @ (b.mH @ q)                           # X Q, pass 2 over A
    # A <- A + a b^H + (X Q) F Q^H  as one rank-3k product: [a, XQ F] [b, Q]^H (pass 3, in place)
    _add_lowrank_(a_mat, torch.cat([a, xq @ f], dim=-1), torch.cat([b, q], dim=-1))
    return clamped


def _expm1_skew(m):
    """expm(M) - I for a skew-Hermitian M (..., r, r), from the Hermitian -i M = V diag(theta) V^H:
    V diag(e^{i theta} - 1) V^H, with e^{i theta} - 1 = -2 sin^2(theta/2) + i sin(theta) (no
    cancellation for small theta). Real part only for a real M. torch.linalg.matrix_exp was not
    used: on a 2 x 2 rotation generator of angle 0.016 its result was orthogonal only to 2.5e-14
    in float64, ten times the error of the rest of the step."""
    real = not m.is_complex()
    h = (m.to(torch.complex128 if m.dtype == torch.float64 else torch.complex64) if real else m) * (-1j)
    theta, v = torch.linalg.eigh(h)
    half = torch.sin(0.5 * theta)
    fv = torch.complex(-2 * half * half, torch.sin(theta))
    f = (v * fv.unsqueeze(-2)) @ v.mH
    return f.real if real else f


def step_tangent(a_mat, a, b):
    """projUNN-T in place: A <- A expm(Omega), Omega = (A^H a b^H - b a^H A) / 2
    (ALGORITHMS.md section 4), O(k N^2): with Q as in step_direct, Omega = Q M Q^H,
    M = (ahat_o b_o^H - b_o ahat_o^H) / 2, and A expm(Omega) = A + (A Q)(expm(M) - I) Q^H,
    expm(M) - I from the eigendecomposition of the Hermitian -i M (_expm1_skew), as the Java
    code does; real for a real A."""
    ahat = a_mat.mH @ a                                       # pass 1 over A
    q, bo, aho = _basis(a, b, ahat)
    t1 = aho @ bo.mH
    m = 0.5 * (t1 - t1.mH)
    f = _expm1_skew(m)
    aq = a_mat @ q                                            # pass 2 over A
    _add_lowrank_(a_mat, aq @ f, q)                           # pass 3, in place
    return torch.zeros((), dtype=torch.long, device=a_mat.device)


def step(a_mat, delta, k, method="tangent", oversampling=0, power_iterations=0, generator=None):
    """One full step in place: sketch Delta to rank k, then projUNN-D or projUNN-T."""
    a, b = sketch(delta, k, oversampling, power_iterations, generator)
    if method == "direct":
        return step_direct(a_mat, a, b)
    if method == "tangent":
        return step_tangent(a_mat, a, b)
    raise ValueError("method must be direct or tangent, got %r" % (method,))


def unitarity_error(a_mat):
    """||A^H A - I||_F (per matrix; the max over a batch), computed in float64/complex128."""
    wide = a_mat.to(torch.complex128 if a_mat.is_complex() else torch.float64)
    eye = torch.eye(wide.shape[-1], dtype=wide.dtype, device=wide.device)
    err = torch.linalg.matrix_norm(wide.mH @ wide - eye)
    return err.max().item()


# ----------------------------------------------------------------------------------------------
# Self-check against dense oracles.

def random_unitary(shape_batch, n, dtype, device, generator):
    z = torch.randn(*shape_batch, n, n, dtype=dtype, device=device, generator=generator)
    q, r = torch.linalg.qr(z)
    diag = torch.diagonal(r, dim1=-2, dim2=-1)
    phase = diag / diag.abs()
    return q * phase.unsqueeze(-2)


def polar_oracle(x):
    u, _, vh = torch.linalg.svd(x)
    return u @ vh


def tangent_oracle(a_mat, a, b):
    ahat = a_mat.mH @ a
    omega = 0.5 * (ahat @ b.mH - b @ ahat.mH)
    return a_mat @ torch.linalg.matrix_exp(omega)


def _rel(x, y):
    return (torch.linalg.matrix_norm(x - y) / torch.linalg.matrix_norm(y).clamp_min(1e-300)).max().item()


def run_check(device="cpu"):
    g = torch.Generator(device=device)
    g.manual_seed(20220)
    results = []

    def report(name, ok, detail):
        results.append(ok)
        print("%s %s: %s" % ("PASS" if ok else "FAIL", name, detail))

    for dtype in (torch.float64, torch.complex128):
        dname = "complex128" if dtype.is_complex else "float64"
        for batch, n, k in (((), 24, 3), ((4,), 16, 2), ((), 9, 1)):
            shape = "x".join(str(s) for s in batch + (n, n))
            tag = "%s %s k=%d" % (dname, shape, k)
            a0 = random_unitary(batch, n, dtype, device, g)
            a = 0.3 * torch.randn(*batch, n, k, dtype=dtype, device=device, generator=g)
            b = 0.3 * torch.randn(*batch, n, k, dtype=dtype, device=device, generator=g)
            # projUNN-D against the SVD polar factor
            u = a0.clone()
            clamped = step_direct(u, a, b)
            ref = polar_oracle(a0 + a @ b.mH)
            err, unit = _rel(u, ref), unitarity_error(u)
            report("direct vs SVD polar [%s]" % tag, err < 1e-10 and unit < 1e-11 and int(clamped) == 0,
                   "rel err %.2e, ||U^H U - I|| %.2e" % (err, unit))
            # projUNN-T against dense matrix_exp
            u = a0.clone()
            step_tangent(u, a, b)
            ref = tangent_oracle(a0, a, b)
            err, unit = _rel(u, ref), unitarity_error(u)
            report("tangent vs dense expm [%s]" % tag, err < 1e-10 and unit < 1e-11,
                   "rel err %.2e, ||U^H U - I|| %.2e" % (err, unit))

        # degenerate inputs: a = 0, b = 0, b parallel to A^H a, Delta = 0 through the sketch
        n, k = 12, 2
        a0 = random_unitary((), n, dtype, device, g)
        zero = torch.zeros(n, k, dtype=dtype, device=device)
        rnd = torch.randn(n, k, dtype=dtype, device=device, generator=g)
        for name, fa, fb in (("a=0", zero, rnd), ("b=0", rnd, zero),
                             ("b parallel to A^H a", rnd, 0.7 * (a0.mH @ rnd))):
            for method, fn in (("direct", step_direct), ("tangent", step_tangent)):
                u = a0.clone()
                fn(u, fa, fb)
                finite = bool(torch.isfinite(torch.view_as_real(u) if u.is_complex() else u).all())
                if name == "b parallel to A^H a":
                    ref = polar_oracle(a0 + fa @ fb.mH) if method == "direct" else tangent_oracle(a0, fa, fb)
                else:
                    ref = a0
                err = _rel(u, ref)
                report("%s %s [%s]" % (method, name, dname), finite and err < 1e-10,
                       "rel err %.2e, finite %s" % (err, finite))
        for method in ("direct", "tangent"):
            u = a0.clone()
            step(u, torch.zeros(n, n, dtype=dtype, device=device), k, method, 2, 1, g)
            finite = bool(torch.isfinite(torch.view_as_real(u) if u.is_complex() else u).all())
            err = _rel(u, a0)
            report("%s Delta=0 through the sketch [%s]" % (method, dname), finite and err < 1e-12,
                   "rel err %.2e, finite %s" % (err, finite))

        # a small rotation stays unitary at rounding level (torch.linalg.matrix_exp of the 2 x 2 M
        # was off by 2.5e-14 here): A = I, a = 0.0326 e_2, b = e_1 turn (e_1, e_2) by 0.0163
        n = 64
        eye = torch.eye(n, dtype=dtype, device=device)
        u = eye.clone()
        step_tangent(u, 0.0326 * eye[:, 1:2], eye[:, 0:1])
        ref = eye.clone()
        c, sn = math.cos(0.0163), math.sin(0.0163)
        ref[0, 0], ref[1, 0], ref[0, 1], ref[1, 1] = c, sn, -sn, c
        err, unit = _rel(u, ref), unitarity_error(u)
        report("tangent small rotation [%s 64x64 k=1]" % dname, err < 1e-15 and unit < 1e-15,
               "rel err %.2e, ||U^H U - I|| %.2e" % (err, unit))

        # sketch: exact on a rank-k Delta; near the best rank-k with oversampling and power iterations
        n, k = 64, 3
        x = torch.randn(4, n, k, dtype=dtype, device=device, generator=g)
        y = torch.randn(4, n, k, dtype=dtype, device=device, generator=g)
        delta = x @ y.mH
        sa, sb = sketch(delta, k, generator=g)
        err = _rel(sa @ sb.mH, delta)
        report("sketch exact on rank-%d Delta [%s 4x%dx%d]" % (k, dname, n, n), err < 1e-10, "rel err %.2e" % err)
        decay = torch.tensor([0.8 ** i for i in range(n)], dtype=torch.float64, device=device).to(dtype)
        uu = random_unitary((4,), n, dtype, device, g)
        vv = random_unitary((4,), n, dtype, device, g)
        delta = (uu * decay.unsqueeze(-2)) @ vv.mH + 1e-3 * torch.randn(4, n, n, dtype=dtype, device=device, generator=g)
        s = torch.linalg.svdvals(delta)
        best = (s[..., k:].pow(2).sum(-1).sqrt()).max().item()
        sa, sb = sketch(delta, k, oversampling=5, power_iterations=2, generator=g)
        err = torch.linalg.matrix_norm(delta - sa @ sb.mH).max().item()
        report("sketch p=5 q=2 near best rank-%d [%s]" % (k, dname), err < 1.05 * best,
               "||Delta - a b^H|| %.4f vs best %.4f (SVD)" % (err, best))
        # k = 1: D and T agree to first order in ||Delta||
        n = 16
        a0 = random_unitary((), n, dtype, device, g)
        fa = torch.randn(n, 1, dtype=dtype, device=device, generator=g)
        fb = torch.randn(n, 1, dtype=dtype, device=device, generator=g)
        diffs = []
        for eps in (1e-3, 1e-4):
            ud, ut = a0.clone(), a0.clone()
            step_direct(ud, eps * fa, fb)
            step_tangent(ut, eps * fa, fb)
            diffs.append(torch.linalg.matrix_norm(ud - ut).item())
        ratio = diffs[0] / diffs[1]
        report("k=1 D vs T second order [%s]" % dname, 50 < ratio < 200,
               "||D - T|| %.2e at eps 1e-3, %.2e at 1e-4 (ratio %.0f, 100 expected)" % (diffs[0], diffs[1], ratio))

    # float32 / complex64: 20 full steps from a random unitary stay unitary at float32 rounding level
    for dtype in (torch.float32, torch.complex64):
        for method in ("direct", "tangent"):
            u = random_unitary((3,), 128, dtype, device, g)
            delta = 1e-2 * torch.randn(3, 128, 128, dtype=dtype, device=device, generator=g)
            for _ in range(20):
                step(u, delta, 4, method, generator=g)
            unit = unitarity_error(u)
            report("%s 20 steps [%s 3x128x128 k=4]" % (method, str(dtype).replace("torch.", "")), unit < 1e-4,
                   "||U^H U - I|| %.2e" % unit)
    ok = all(results)
    print("%s: %d/%d checks passed on %s" % ("PASS" if ok else "FAIL", sum(results), len(results), device))
    return ok


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true", help="run the self-check and exit non-zero on failure")
    p.add_argument("--device", default="cpu", help="cpu or cuda (default cpu)")
    args = p.parse_args(argv)
    if not args.check:
        p.print_help()
        return 0
    t0 = time.time()
    ok = run_check(args.device)
    print("torch %s, %.1f s" % (torch.__version__, time.time() - t0))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
