#!/usr/bin/env bash
# Consumer checks: two small Maven projects outside the reactor use the reactor's artifacts as a
# library user would. core-only depends on projunn-core alone (its classpath must be projunn-core
# plus EJML's core, ddense and zdense jars; no JCuda, picocli, XChart or progressbar) and runs the
# README's Java example; core-cuda adds projunn-cuda and runs the same example on whatever
# Backends.open("auto", ...) picks, printing why CUDA is not used when it falls back to the CPU.
#
# The reactor's core and cuda artifacts (with the parent pom) are installed into a throwaway local
# repository that reads everything else from ~/.m2 without writing to it (Maven's
# maven.repo.local.tail), so ~/.m2 is left as it was. Run after ./mvnw verify (the kernels'
# fatbin is then up to date and not rebuilt):
#   src/test/consumer/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"

repo=$(mktemp -d "${TMPDIR:-/tmp}/projunn-consumer-m2.XXXXXX")
trap 'rm -rf "$repo"' EXIT
maven=(./mvnw -B -ntp -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="${PROJUNN_M2_TAIL:-$HOME/.m2/repository}")

echo "consumer checks: installing projunn-core and projunn-cuda into $repo"
"${maven[@]}" -q -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -pl src/core,src/cuda -am install

for consumer in core-only core-cuda; do
    echo "consumer checks: $consumer"
    # dependency:list shows the classpath a user gets; exec:exec runs the check in a fresh JVM on it
    "${maven[@]}" -f "$here/$consumer/pom.xml" dependency:list -DincludeScope=runtime compile exec:exec
done
echo "consumer checks: passed"
