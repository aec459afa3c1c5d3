#!/usr/bin/env bash
# Instructions per request, counted by callgrind: stable on a noisy machine where requests per
# second are not, so a change can be compared with the commit before it (bench/README.md).
#
#   bench/instructions.sh BINARY WORKLOAD...     e.g. bench/instructions.sh build/release/ddb-server put query
#
# Starts BINARY (a ddb-server) under callgrind with its data in memory, loads a small data set
# with ddb-loadgen, then for each WORKLOAD (put, get, query, update, batch-write, gsi-query,
# transact-write, get-records) counts the server's instructions over 8 s of one connection and
# divides by the requests served: whole-process counts, so background work shows too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
loadgen=$root/build/release/ddb-loadgen
binary=$(realpath "$1")
shift
port=${BENCH_CALLGRIND_PORT:-8591}
for workload in "$@"; do
  out=$(mktemp -d)
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/cg.%p" \
    "$binary" --port "$port" --in-memory >/dev/null 2>&1 &
  pid=$!
  endpoint=http://127.0.0.1:$port
  "$loadgen" --endpoint "$endpoint" --wait-ready 60 >/dev/null
  "$loadgen" --endpoint "$endpoint" --setup --items 3000 --setup-messages --messages-items 2000 \
    --connections 8 --workload get --duration 0.2 --warmup 0 >/dev/null 2>&1
  callgrind_control -i on "$pid" >/dev/null 2>&1
  line=$("$loadgen" --endpoint "$endpoint" --workload "$workload" --connections 1 --duration 8 \
    --warmup 0 --items 3000 --messages-items 2000 2>/dev/null | tail -1)
  callgrind_control -i off "$pid" >/dev/null 2>&1
  callgrind_control -d "$pid" >/dev/null 2>&1
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  python3 - "$workload" "$line" "$out" <<'PY'
import glob, json, re, subprocess, sys
workload, line, out = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
total = 0
for f in glob.glob(out + "/cg.*"):
    text = subprocess.run(["callgrind_annotate", f], capture_output=True, text=True).stdout
    m = re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text) or re.search(r"([\d,]+)\s+PROGRAM TOTALS", text)
    if m:
        total += int(m.group(1).replace(",", ""))
ops = max(line["ops"], 1)
print("%-15s %8d requests  %10d instructions per request" % (workload, ops, total // ops))
PY
  rm -rf "$out"
done
