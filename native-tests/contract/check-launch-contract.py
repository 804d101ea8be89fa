#!/usr/bin/env python3
"""Launch-contract check: the parameter list of every .entry in the kernels' PTX against the
arguments the Java launch sites pass (count, order, width).

  python3 native-tests/contract/check-launch-contract.py [--ptx FILE] [--java FILE] [--keep-ptx FILE]

Without --ptx it compiles kernels/projunn_kernels.cu with `nvcc --ptx` (compute_90). Without
--java it finds the launch-site file by searching src/ for KernelLaunches.java.
The Java side launches through Launcher.launch(name, gx, gy, gz, sharedBytes, args...), which
boxes each argument and passes it by address (Launcher.param): a CUdeviceptr or a long is 8
bytes (PTX .u64/.s64/.b64), an int 4 bytes (.u32/.s32/.b32), a double .f64, a float .f32. So
the widths are what can be checked: swapping two pointers, or a pointer and a long, keeps the
widths and is not caught; everything else (a missing, extra or reordered int, long or double)
is. It also fails when a PTX entry has no launch site, a launch names no PTX entry, or an
argument's Java type cannot be worked out (it fails closed). Exit 0 when all match, 1 if not.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUFFIXES = ["f32", "f64", "c64", "c128"]
PTX_WIDTH = {"u64": "8", "s64": "8", "b64": "8", "u32": "4", "s32": "4", "b32": "4", "f64": "f64", "f32": "f32"}
JAVA_WIDTH = {"CUdeviceptr": "8", "long": "8", "Long": "8", "int": "4", "Integer": "4", "double": "f64",
              "Double": "f64", "float": "f32", "Float": "f32"}


def find_java():
    hits = []
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        hits += [os.path.join(dirpath, f) for f in files if f == "KernelLaunches.java"]
    if len(hits) != 1:
        sys.exit("contract: expected one KernelLaunches.java under src/, found %s" % hits)
    return hits[0]


def compile_ptx(out):
    nvcc = os.environ.get("NVCC") or shutil.which("nvcc") or "/usr/local/cuda/bin/nvcc"
    src = os.path.join(ROOT, "kernels", "projunn_kernels.cu")
    subprocess.run([nvcc, "-std=c++17", "-O3", "--ptx", "-arch=compute_90", "-o", out, src], check=True)


def ptx_entries(text):
    """{entry name: [width, ...]} from the .entry declarations of a PTX file."""
    entries = {}
    for m in re.finditer(r"\.entry\s+(\w+)\s*\((.*?)\)", text, re.S):
        params = re.findall(r"\.param\s+\.(\w+)", m.group(2))
        entries[m.group(1)] = [PTX_WIDTH.get(p, "?" + p) for p in params]
    for m in re.finditer(r"\.entry\s+(\w+)\s*(?:\n\s*)?\{", text):  # entries without parameters
        entries.setdefault(m.group(1), [])
    return entries


def split_args(s):
    """Top-level comma split of an argument list."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def call_args(text, start):
    """The argument string of the call whose '(' is at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise ValueError("unbalanced call at %d" % start)


METHOD = re.compile(r"\n[ \t]+(?:(?:public|protected|private|static|final|synchronized)\s+)*[\w.<>\[\]]+\s+(\w+)\s*\(([^)]*)\)\s*(?:throws[^{]*)?\{")


def variables(method_text, params):
    """Declared types of a method's parameters and local variables."""
    types = {}
    for p in split_args(params):
        parts = p.replace("final ", "").split()
        if len(parts) >= 2:
            types[parts[-1]] = parts[-2]
    for m in re.finditer(r"\b(int|long|double|float|boolean|String|CUdeviceptr)\s+(\w+)\s*=", method_text):
        types[m.group(2)] = m.group(1)
    return types


def java_type(expr, types):
    e = expr.strip()
    while e.startswith("(") and e.endswith(")") and call_args(e, 0) == e[1:-1]:
        e = e[1:-1].strip()
    if re.fullmatch(r"[\w.]+\.withByteOffset\(.*\)", e, re.S):
        return "CUdeviceptr"
    m = re.fullmatch(r"\((int|long|double|float)\)\s*.+", e, re.S)
    if m:
        return m.group(1)
    if re.fullmatch(r"-?\d+", e):
        return "int"
    if re.fullmatch(r"-?\d+[lL]", e):
        return "long"
    if re.fullmatch(r"-?\d+\.\d*(e-?\d+)?[dD]?", e):
        return "double"
    m = re.fullmatch(r"[^?]+\?\s*(.+?)\s*:\s*(.+)", e, re.S)
    if m:
        a, b = java_type(m.group(1), types), java_type(m.group(2), types)
        return a if a == b else None
    if re.fullmatch(r"\w+", e):
        return types.get(e)
    return None


def entry_names(name_expr, method_text):
    m = re.fullmatch(r'"(pj_\w+_)"\s*\+\s*suffix', name_expr.strip())
    if m:
        return [m.group(1) + s for s in SUFFIXES]
    m = re.fullmatch(r'"(pj_\w+)"', name_expr.strip())
    if m:
        return [m.group(1)]
    m = re.fullmatch(r"(\w+)", name_expr.strip())
    if m:
        decl = re.search(r"String\s+%s\s*=\s*([^;]+);" % m.group(1), method_text)
        if decl:
            return re.findall(r'"(pj_\w+)"', decl.group(1))
    return []


def java_launches(text):
    """[(entry name, [java type or None, ...], 'method:line')] for every launch call."""
    methods = [(m.start(), m.group(1), m.group(2)) for m in METHOD.finditer(text)]
    launches = []
    for call in re.finditer(r"\b\w+\.launch\(", text):
        open_paren = call.end() - 1
        args = split_args(call_args(text, open_paren))
        owner = [m for m in methods if m[0] < call.start()]
        if not owner:
            continue
        start, mname, params = owner[-1]
        nxt = [m[0] for m in methods if m[0] > start]
        body = text[start:nxt[0] if nxt else len(text)]
        where = "%s:%d" % (mname, text.count("\n", 0, call.start()) + 1)
        names = entry_names(args[0], body) if args else []
        if not names:
            launches.append((None, [], where + " (kernel name not understood: %s)" % (args[0] if args else "")))
            continue
        types = variables(body, params)
        kinds = [java_type(a, types) for a in args[5:]]
        for n in names:
            launches.append((n, list(zip(args[5:], kinds)), where))
    return launches


def check(ptx_text, java_text):
    entries = ptx_entries(ptx_text)
    launches = java_launches(java_text)
    problems, seen, checked = [], set(), 0
    for name, args, where in launches:
        if name is None:
            problems.append(where)
            continue
        seen.add(name)
        if name not in entries:
            problems.append("%s: launches %s, which the PTX does not define" % (where, name))
            continue
        want = entries[name]
        got = [JAVA_WIDTH.get(t) if t else None for _, t in args]
        for (expr, t), w in zip(args, got):
            if w is None:
                problems.append("%s: %s argument '%s': Java type %s not understood" % (where, name, expr, t))
        if len(got) != len(want):
            problems.append("%s: %s takes %d parameters %s, the launch passes %d %s" % (where, name, len(want), want, len(got), got))
        else:
            for i, (g, w) in enumerate(zip(got, want)):
                if g is not None and g != w:
                    problems.append("%s: %s parameter %d is %s in the PTX, the launch passes '%s' (%s)"
                                    % (where, name, i, w, args[i][0], args[i][1]))
        checked += 1
    for name in sorted(set(entries) - seen):
        problems.append("PTX entry %s has no Java launch site" % name)
    return problems, len(entries), checked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ptx")
    ap.add_argument("--java")
    ap.add_argument("--keep-ptx")
    opts = ap.parse_args()
    java = opts.java or find_java()
    ptx = opts.ptx
    tmp = None
    if not ptx:
        tmp = tempfile.mkdtemp()
        ptx = opts.keep_ptx or os.path.join(tmp, "projunn_kernels.ptx")
        compile_ptx(ptx)
    with open(ptx) as f:
        ptx_text = f.read()
    with open(java) as f:
        java_text = f.read()
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    problems, n_entries, n_launches = check(ptx_text, java_text)
    for p in problems:
        print("MISMATCH " + p)
    print("contract: %d PTX entries, %d launches checked in %s: %s"
          % (n_entries, n_launches, os.path.relpath(java, ROOT), "%d mismatches" % len(problems) if problems else "all match"))
    return 1 if problems or n_entries == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
