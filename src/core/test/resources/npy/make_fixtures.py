#!/usr/bin/env python3
"""Writes the .npy fixtures the Java tests read, with NumPy's own writer.

Run from this directory:  python3 make_fixtures.py   (needs numpy; rerun only to regenerate).

format/: one small array per dtype x byte order x memory order x shape, plus version 2.0 and 3.0
headers. Element (e, i, j) (e = 0 for 2-D arrays) is re = i + 10 j + 100 e + 0.25 and, for complex
dtypes, im = 0.5 i j - e: exact in float32, so the Java test recomputes every value.
format/manifest.csv lists file, descr, fortran_order (as NumPy wrote it), shape, version.

update/ (in src/cli/test/resources/npy/): inputs A, a, b of one projUNN step and NumPy's float64 answer: for direct, the polar factor
U V^H of A + a b^H from np.linalg.svd; for tangent, A expm(Omega) with Omega = (A^H a b^H - b a^H A)/2,
the exponential from the eigendecomposition of the Hermitian -i Omega.
update/manifest.csv lists case, method, dtype, memory order, batch, N, k.
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def formula(shape, descr):
    batch, rows, cols = (1,) + shape if len(shape) == 2 else shape
    e, i, j = np.meshgrid(np.arange(batch), np.arange(rows), np.arange(cols), indexing="ij")
    value = i + 10.0 * j + 100.0 * e + 0.25
    if descr[1] == "c":
        value = value + 1j * (0.5 * i * j - e)
    return value.reshape(shape).astype(np.dtype(descr))


def header_info(path):
    with open(path, "rb") as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
    return version, shape, fortran


def write_format_fixtures():
    out = os.path.join(HERE, "format")
    os.makedirs(out, exist_ok=True)
    rows = []

    def emit(name, array, version=None):
        path = os.path.join(out, name)
        if version is None:
            np.save(path, array)
        else:
            with open(path, "wb") as f:
                np.lib.format.write_array(f, array, version=version)
        v, shape, fortran = header_info(path)
        rows.append([name, array.dtype.str, str(fortran).lower(), "x".join(map(str, shape)), "%d.%d" % v])

    for descr in ["<f4", "<f8", "<c8", "<c16", ">f4", ">f8", ">c8", ">c16"]:
        for order in "CF":
            for shape in [(3, 4), (2, 3, 4)]:
                array = np.asarray(formula(shape, descr), order=order)
                tag = ("le" if descr[0] == "<" else "be") + "_" + descr[1:]
                emit("v1_%s_%s_%s.npy" % (tag, order, "x".join(map(str, shape))), array)
    for descr, order, shape, version in [("<f4", "C", (3, 4), (2, 0)), (">c16", "F", (2, 3, 4), (2, 0)),
                                         ("<c8", "C", (2, 3, 4), (2, 0)), ("<f8", "F", (3, 4), (3, 0)),
                                         ("<c16", "C", (2, 3, 4), (3, 0))]:
        array = np.asarray(formula(shape, descr), order=order)
        tag = ("le" if descr[0] == "<" else "be") + "_" + descr[1:]
        emit("v%d_%s_%s_%s.npy" % (version[0], tag, order, "x".join(map(str, shape))), array, version)
    # edge shapes: 1 x 1, a column, a row (NumPy writes these in C order whatever was asked)
    for shape in [(1, 1), (5, 1), (1, 5)]:
        emit("v1_le_c8_F_%s.npy" % "x".join(map(str, shape)), np.asfortranarray(formula(shape, "<c8")))

    with open(os.path.join(out, "manifest.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "descr", "fortran_order", "shape", "version"])
        w.writerows(rows)


def random_unitary(rng, n, complex_):
    z = rng.standard_normal((n, n))
    if complex_:
        z = z + 1j * rng.standard_normal((n, n))
    q, r = np.linalg.qr(z)
    d = np.diag(r)
    return q * (d / np.abs(d))


def direct(A, a, b):
    u, _, vh = np.linalg.svd(A + a @ b.conj().T)
    return u @ vh


def tangent(A, a, b):
    ahat = A.conj().T @ a
    omega = (ahat @ b.conj().T - b @ ahat.conj().T) / 2
    theta, v = np.linalg.eigh(-1j * omega)
    expm = (v * np.exp(1j * theta)) @ v.conj().T
    result = A @ expm
    return result if np.iscomplexobj(A) else result.real


def write_update_fixtures():
    # the update fixtures belong to the command line's tests (projunn-cli)
    out = os.path.join(HERE, "..", "..", "..", "..", "cli", "test", "resources", "npy", "update")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20220531)
    rows = []
    for case, method, descr, order, batch, n, k in [
            ("direct_c64", "direct", "<c8", "C", 0, 8, 2),
            ("direct_f64_fortran", "direct", "<f8", "F", 0, 6, 1),
            ("direct_f32_batch", "direct", "<f4", "C", 3, 5, 2),
            ("tangent_c128", "tangent", "<c16", "C", 0, 8, 3),
            ("tangent_f32_batch", "tangent", "<f4", "C", 2, 6, 1)]:
        complex_ = descr[1] == "c"
        dtype = np.dtype(descr)
        entries = max(batch, 1)
        As, as_, bs, expected = [], [], [], []
        for _ in range(entries):
            A = random_unitary(rng, n, complex_).astype(dtype)
            a = 0.4 * rng.standard_normal((n, k))
            b = 0.4 * rng.standard_normal((n, k))
            if complex_:
                a = a + 0.4j * rng.standard_normal((n, k))
                b = b + 0.4j * rng.standard_normal((n, k))
            a, b = a.astype(dtype), b.astype(dtype)
            # the reference is computed in float64 from the rounded inputs
            wide = np.complex128 if complex_ else np.float64
            step = direct if method == "direct" else tangent
            expected.append(step(A.astype(wide), a.astype(wide), b.astype(wide)))
            As.append(A), as_.append(a), bs.append(b)
        pack = (lambda xs: np.stack(xs)) if batch else (lambda xs: xs[0])
        for name, value in [("A", pack(As)), ("a", pack(as_)), ("b", pack(bs)), ("expected", pack(expected))]:
            np.save(os.path.join(out, "%s_%s.npy" % (case, name)), np.asarray(value, order=order))
        rows.append([case, method, descr, order, batch, n, k])
    with open(os.path.join(out, "manifest.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "method", "descr", "order", "batch", "n", "k"])
        w.writerows(rows)


if __name__ == "__main__":
    write_format_fixtures()
    write_update_fixtures()
