#!/usr/bin/env python3
"""Negative tests of check-launch-contract.py: it must pass a matching contract and fail every
deliberately wrong one. Synthetic cases always run; mutations of the real KernelLaunches.java against
the real PTX run when nvcc is available (or NVCC is set).
  python3 native-tests/contract/test_check_launch_contract.py"""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "check-launch-contract.py")
spec = importlib.util.spec_from_file_location("contract", SCRIPT)
contract = importlib.util.module_from_spec(spec)
spec.loader.exec_module(contract)

PTX = "".join(""".visible .entry pj_demo_%s(
\t.param .u64 pj_demo_%s_param_0,
\t.param .u32 pj_demo_%s_param_1,
\t.param .f64 pj_demo_%s_param_2,
\t.param .u64 pj_demo_%s_param_3
)
{
\tret;
}
""" % ((s,) * 5) for s in contract.SUFFIXES)
JAVA = """final class KernelLaunches {
    void demo(CUdeviceptr x, int n, double s, long seed) {
        int blocks = 4;
        launcher.launch("pj_demo_" + suffix, blocks, 1, 1, 0, x.withByteOffset(8L * n), n, s, seed);
    }
}
"""
results = []


def expect(name, ok_expected, ptx, java):
    problems, _, _ = contract.check(ptx, java)
    ok = not problems
    good = ok == ok_expected
    results.append(good)
    print("%s %s: checker says %s%s" % ("PASS" if good else "FAIL", name, "match" if ok else "mismatch",
                                          "" if ok else " (" + problems[0] + ")"))


expect("synthetic: matching contract passes", True, PTX, JAVA)
expect("synthetic: two arguments swapped", False, PTX, JAVA.replace("n, s, seed", "s, n, seed"))
expect("synthetic: an argument missing", False, PTX, JAVA.replace(", seed);", ");"))
expect("synthetic: an extra argument", False, PTX, JAVA.replace(", seed);", ", seed, n);"))
expect("synthetic: int passed where the kernel takes 8 bytes", False, PTX, JAVA.replace(", seed);", ", n);"))
expect("synthetic: a long cast where the kernel takes an int", False, PTX, JAVA.replace(", n, s,", ", (long) n, s,"))
expect("synthetic: a kernel parameter widened in the PTX", False, PTX.replace(".u32 pj_demo_f64", ".u64 pj_demo_f64"), JAVA)
expect("synthetic: a PTX entry without a launch site", False, PTX + PTX.replace("pj_demo_", "pj_other_"), JAVA)
expect("synthetic: a launch of an entry the PTX lacks", False, PTX.replace("pj_demo_c128", "pj_gone_c128"), JAVA)
expect("synthetic: an argument of unknown type fails closed", False, PTX, JAVA.replace(", seed);", ", seed());"))

nvcc = os.environ.get("NVCC") or shutil.which("nvcc") or ("/usr/local/cuda/bin/nvcc" if os.path.exists("/usr/local/cuda/bin/nvcc") else None)
if nvcc:
    tmp = tempfile.mkdtemp()
    ptx_file = os.path.join(tmp, "k.ptx")
    contract.compile_ptx(ptx_file)
    ptx = open(ptx_file).read()
    java_file = contract.find_java()
    java = open(java_file).read()
    expect("real tree: KernelLaunches against the kernels' PTX passes", True, ptx, java)
    mutations = [
        ("real tree: gemm launch with lda and stride swapped", "n, stride,\n", "stride, n,\n"),
        ("real tree: column_pick launch without its last argument", "n, k, w, seed, step);", "n, k, w, seed);"),
        ("real tree: step_factors launch with a long flag", "direct ? 1 : 0,\n", "(long) (direct ? 1 : 0),\n"),
    ]
    for name, old, new in mutations:
        assert old in java, "mutation site not found: " + old
        expect(name, False, ptx, java.replace(old, new, 1))
    # the command line too: its exit status on a wrong Java file
    bad = os.path.join(tmp, os.path.basename(java_file))
    with open(bad, "w") as f:
        f.write(java.replace(mutations[1][1], mutations[1][2], 1))
    rc = subprocess.run([sys.executable, SCRIPT, "--ptx", ptx_file, "--java", bad], capture_output=True).returncode
    results.append(rc == 1)
    print("%s real tree: the command exits 1 on a mismatch (exit %d)" % ("PASS" if rc == 1 else "FAIL", rc))
    shutil.rmtree(tmp, ignore_errors=True)
else:
    print("SKIP real-tree mutations: nvcc not found")

print("%d passed, %d failed" % (results.count(True), results.count(False)))
sys.exit(0 if all(results) else 1)
