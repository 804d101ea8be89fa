# Sourced by the device scripts (run-on-device.sh, train-on-device.sh).
# part NAME LOG TIMEOUT COMMAND...: runs the command under its timeout with its output appended
# to $out/LOG, records "NAME: exit RC after S s (limit TIMEOUT)" in $out/$summary (RC 124: timed
# out) and keeps the first failure's exit status in $status. It always returns 0, so that every
# part runs even when an earlier one failed.
# The caller sets: out (the output folder), summary (a file name in it), status=0.
part() {
  local name=$1 log=$2 limit=$3 start rc
  shift 3
  start=$(date +%s)
  echo "== $name (timeout ${limit}s, $(date -u +%H:%M:%S))" >> "$out/$log"
  timeout "$limit" "$@" >> "$out/$log" 2>&1
  rc=$?
  echo "$name: exit $rc after $(( $(date +%s) - start )) s (limit $limit)" | tee -a "$out/$summary"
  [ $rc -ne 0 ] && [ $status -eq 0 ] && status=$rc
  return 0
}
