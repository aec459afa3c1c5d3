#!/usr/bin/env python3
"""Turn bench/run.sh's results (JSON lines) into the Markdown comparison table.

Each input line is an object with "server" ("ddb" | "local" | "static") and either a ddb-loadgen
result (workload, connections, ops_per_s, p50_us, p99_us, errors, ...) or one of the probes
run.sh records itself ({"metric": "ready_ms" | "rss_idle_kb" | "rss_loaded_kb", "value": N}).

Usage: report.py RESULTS.jsonl
"""
import json
import sys

OPS = [("put", "PutItem"), ("get", "GetItem"), ("query", "Query (Limit 20)"),
       ("update", "UpdateItem (conditional)")]
CONNECTIONS = [1, 32]


def load(path):
    runs, probes = {}, {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if "metric" in r:
                probes[(r["server"], r["metric"])] = r["value"]
            else:
                runs[(r["server"], r["workload"], r["connections"])] = r
    return runs, probes


def fmt(value, unit):
    if value is None:
        return "n/a"
    if unit == "ops/s":
        return "{:,.0f}".format(value)
    if unit == "ms":
        return "{:.2f}".format(value) if value < 100 else "{:,.0f}".format(value)
    if unit == "MB":
        return "{:.1f}".format(value)
    return str(value)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    r = a / b
    return "{:.0f}×".format(r) if r >= 10 else "{:.2f}×".format(r) if r >= 0.1 else \
        "{:.3f}×".format(r)


def run_rows(runs):
    rows = []
    for workload, name in OPS:
        for conns in CONNECTIONS:
            d, l = runs.get(("ddb", workload, conns)), runs.get(("local", workload, conns))
            label = "{}, {} conn{}".format(name, conns, "s" if conns > 1 else "")
            for key, what, unit, scale in (("ops_per_s", "throughput", "ops/s", 1),
                                           ("p50_us", "p50", "ms", 1e-3),
                                           ("p99_us", "p99", "ms", 1e-3)):
                dv = d[key] * scale if d else None
                lv = l[key] * scale if l else None
                metric = "{}: {} ({})".format(label, what, unit)
                rows.append((metric, fmt(dv, unit), fmt(lv, unit), ratio(dv, lv)))
    return rows


def probe_rows(probes):
    rows = []
    for metric, label, unit, scale in (("ready_ms", "time to first answer (ms)", "ms", 1),
                                       ("rss_idle_kb", "RSS idle (MB)", "MB", 1 / 1024),
                                       ("rss_loaded_kb", "RSS after loading 100,000 items (MB)",
                                        "MB", 1 / 1024)):
        dv, lv = probes.get(("ddb", metric)), probes.get(("local", metric))
        dv = dv * scale if dv is not None else None
        lv = lv * scale if lv is not None else None
        rows.append((label, fmt(dv, unit), fmt(lv, unit), ratio(dv, lv)))
    return rows


def error_rows(runs):
    def total(server):
        found = [r for (s, _, _), r in runs.items() if s == server]
        return sum(r["errors"] + r["warmup_errors"] for r in found) if found else None
    return [("non-2xx answers and failures, all runs", str(total("ddb")), str(total("local")),
             "—")]


def ceiling_rows(runs):
    static = runs.get(("static", "static", 32))
    if not static:
        return []
    ceiling = static["ops_per_s"]
    d, l = runs.get(("ddb", "get", 32)), runs.get(("local", "get", 32))
    return [("HTTP ceiling: static server, 32 conns (ops/s)", fmt(ceiling, "ops/s"),
             fmt(ceiling, "ops/s"), "—"),
            ("GetItem 32 conns ÷ HTTP ceiling", ratio(d and d["ops_per_s"], ceiling),
             ratio(l and l["ops_per_s"], ceiling), "—")]


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    runs, probes = load(argv[1])
    rows = run_rows(runs) + probe_rows(probes) + error_rows(runs) + ceiling_rows(runs)
    print("| metric | ddb-server | DynamoDB Local | ratio |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("ratio = ddb-server ÷ DynamoDB Local (ops/s: higher is better for ddb-server; "
          "latency, time and memory: lower is better).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
