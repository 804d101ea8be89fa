#!/usr/bin/env bash
# Lays out .device/ (ignored by git) with what the lent GPU machine needs to run the project's
# Java tests and tools: it has the NVIDIA driver and CUDA 13 libraries but no Maven and no Java.
#
#   bench/gpu/prepare.sh        (from anywhere in the checkout; re-run after each change)
#
# .device/ holds, for every module of the reactor (src/<module>):
#   classes/<module>, test-classes/<module>   compiled here (the cuda module's with the kernels'
#                                             fatbin, when nvcc is here, and META-INF/versions/22)
#   lib/                                      the test-scope dependency jars (JCuda natives included;
#                                             not JMH, not the plotting libraries: see below)
#   junit-platform-console-standalone-*.jar   the JUnit console launcher
#   jre.tar.xz                                a jlink'd runtime from the newest JDK here (22+ for the
#                                             FFM cuBLAS/cuSOLVER path), unpacked on first use
#   native/                                   the native tests for sm_90: projunn_native_tests (make -C
#                                             native-tests device) and rnn_tests (-f rnn.mk device),
#                                             xz'd (the device scripts unpack them)
#   java.sh MAIN ARGS...                      runs a class on that class path
#   run-tests.sh OPTIONS...                   the JUnit console over the carried test classes, with
#                                             -Dprojunn.requireGpu=true and PJ_REQUIRE_GPU=1: a GPU
#                                             test that would skip fails there
# and checks that it stays under 60 MiB (the device tool carries 64 MiB with the tree).
# Then: run(carry=[".device"], command=".device/run-tests.sh --select-package org.projunn.cuda --include-tag gpu")
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
out=.device
limit_mib=60
junit_platform=1.14.1
modules=(testing core cuda train bench cli)
jre_modules=java.base,java.logging,java.management,java.xml,jdk.unsupported,jdk.incubator.vector

rm -rf "$out"
mkdir -p "$out/lib" "$out/classes" "$out/test-classes"

# the newest JDK on this machine: javac and jlink from it, 22+ wanted for the FFM classes
newest_jdk() {
    local best="" best_v=0 d v
    for d in /usr/lib/jvm/*/ ${JAVA_HOME:+"$JAVA_HOME/"}; do
        [ -x "$d/bin/jlink" ] || continue
        v=$("$d/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
        if [ "${v:-0}" -gt "$best_v" ]; then best="${d%/}"; best_v=$v; fi
    done
    echo "$best"
}
jdk=$(newest_jdk)
[ -n "$jdk" ] || { echo "prepare: no JDK with jlink found" >&2; exit 1; }
echo "prepare: runtime from $jdk"

# the reactor (kernels included unless PROJUNN_SKIP_KERNELS is set) and its test-scope jars
# Left out: JUnit (the console launcher has it), the JMH harness, and plotting (XChart with its
# PDF/SVG/GIF writers): the runtime has no java.desktop, so plots cannot be drawn there anyway.
not_carried=org.projunn,org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian
not_carried=$not_carried,org.openjdk.jmh,org.apache.commons,net.sf.jopt-simple
not_carried=$not_carried,org.knowm.xchart,de.erichseifert.vectorgraphics2d,com.madgag,org.apache.pdfbox,de.rototor.pdfbox,commons-logging
./mvnw -q -B -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test \
    -DexcludeGroupIds="$not_carried" -DoutputDirectory="$root/$out/lib"
./mvnw -q -B -N dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_platform \
    -DoutputDirectory="$root/$out"
for m in "${modules[@]}"; do
    [ -d "src/$m/target/classes" ] && cp -r "src/$m/target/classes" "$out/classes/$m"
    [ -d "src/$m/target/test-classes" ] && cp -r "src/$m/target/test-classes" "$out/test-classes/$m"
done
if [ ! -f "$out/classes/cuda/org/projunn/cuda/projunn_kernels.fatbin" ]; then
    echo "prepare: warning: no kernels in the cuda classes (nvcc missing or PROJUNN_SKIP_KERNELS set)" >&2
fi

# the native tests, prebuilt here for sm_90 (the device compiles nothing), where
# bench/gpu/run-on-device.sh looks for them
if [ -f native-tests/Makefile ] && command -v nvcc >/dev/null 2>&1; then
    if ! make -s -C native-tests device DEST="$root/$out/native" >/dev/null \
        || ! make -s -C native-tests -f rnn.mk device DEST="$root/$out/native" >/dev/null; then
        echo "prepare: warning: native tests did not build" >&2
    fi
    # mostly the statically linked CUDA runtime: 10 MiB raw, 1 MiB xz'd
    for f in "$out"/native/*; do
        [ -f "$f" ] && xz -6 -T2 -f "$f"
    done
fi

# the runtime: jlink'd, then xz'd (libjvm.so alone is ~29 MiB); unpacked on first use
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$jdk/bin/jlink" --add-modules "$jre_modules" --output "$tmp/jre" --strip-debug --no-man-pages \
    --no-header-files --compress=zip-6 2> >(grep -v "incubator modules" >&2)
tar -C "$tmp" -cf - jre | xz -6 -T2 > "$out/jre.tar.xz"

cat > "$out/env.sh" <<'EOS'
# sourced by java.sh and run-tests.sh: the runtime (unpacked once) and the class path
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jre="$here/jre"
if [ ! -x "$jre/bin/java" ]; then
    tar -C "$here" -xJf "$here/jre.tar.xz"
fi
cp=""
for d in "$here"/classes/* "$here"/test-classes/*; do cp="$cp${cp:+:}$d"; done
# exploded classes are no multi-release jar: the cuda module's Java 22 classes (FFM) go on the path
[ -d "$here/classes/cuda/META-INF/versions/22" ] && cp="$cp:$here/classes/cuda/META-INF/versions/22"
# each jar by name: the JUnit console's --class-path does not expand lib/*
for j in "$here"/lib/*.jar; do cp="$cp:$j"; done
# the CUDA libraries of pip wheels may sit outside the linker cache and the places the backend
# searches: point it at every directory holding libcublas/libcusolver here (searched once per
# machine: the answer is kept in cuda-libs.txt beside this file)
if [ -z "${PROJUNN_CUDA_LIBS:-}" ]; then
    if [ ! -f "$here/cuda-libs.txt" ]; then
        find /usr /opt /root /home -xdev \( -name 'libcublas.so.1[0-9]' -o -name 'libcusolver.so.1[0-9]' \) \
            -printf '%h\n' 2>/dev/null | sort -u | paste -sd: - > "$here/cuda-libs.txt"
    fi
    PROJUNN_CUDA_LIBS=$(cat "$here/cuda-libs.txt")
    export PROJUNN_CUDA_LIBS
fi
java_opts=(--enable-native-access=ALL-UNNAMED -Xmx24g)
EOS
cat > "$out/java.sh" <<'EOS'
#!/usr/bin/env bash
# java.sh MAIN_CLASS ARGS...: runs a class of the project with the carried runtime
source "$(dirname "$0")/env.sh"
exec "$jre/bin/java" "${java_opts[@]}" -cp "$cp" "$@"
EOS
cat > "$out/run-tests.sh" <<'EOS'
#!/usr/bin/env bash
# run-tests.sh OPTIONS...: the JUnit console launcher over the carried classes, e.g.
#   run-tests.sh --select-package org.projunn.cuda --include-tag gpu
# A GPU test that cannot run fails here instead of skipping (projunn.requireGpu, PJ_REQUIRE_GPU).
source "$(dirname "$0")/env.sh"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
export PJ_REQUIRE_GPU=1
exec "$jre/bin/java" "${java_opts[@]}" -Dprojunn.requireGpu=true -jar "$here"/junit-platform-console-standalone-*.jar \
    execute -cp "$cp" --details=tree --disable-banner "$@"
EOS
chmod +x "$out/java.sh" "$out/run-tests.sh"

size=$(du -sm "$out" | cut -f1)
echo "prepare: $out is ${size} MiB (limit ${limit_mib} MiB; the device tool carries 64 MiB with the tree)"
if [ "$size" -ge "$limit_mib" ]; then
    echo "prepare: too large to carry; the largest parts:" >&2
    du -sm "$out"/* "$out"/lib/* | sort -n | tail -8 >&2
    exit 1
fi
