#!/usr/bin/env python3
"""Turn bench/run.sh's results (JSON lines) into the Markdown comparison table.

Each input line is an object with "server" ("ddb" | "local" | "static") and either a ddb-loadgen
result (workload, connections, ops_per_s, items_per_s, p50_us, p99_us, errors, ...) or one of
the probes run.sh records itself
({"metric": "ready_ms" | "rss_idle_kb" | "rss_loaded_kb", "value": N}).

Usage: report.py RESULTS.jsonl
"""
import json
import sys

# (workload, label, what its items are, or None when items/s adds nothing to ops/s).
OPS = [("put", "PutItem", None), ("get", "GetItem", None), ("query", "Query (Limit 20)", None),
       ("update", "UpdateItem (conditional)", None),
       ("partiql-select", "PartiQL SELECT by key", None),
       ("partiql-insert", "PartiQL INSERT", None),
       ("gsi-query", "Query on a GSI (Limit 20)", None),
       ("get-records", "Streams GetRecords (Limit 100)", "records"),
       ("batch-write", "BatchWriteItem (25 puts)", "items"),
       ("transact-write", "TransactWriteItems (3 puts)", None)]
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
    for workload, name, items in OPS:
        for conns in CONNECTIONS:
            d, l = runs.get(("ddb", workload, conns)), runs.get(("local", workload, conns))
            label = "{}, {} conn{}".format(name, conns, "s" if conns > 1 else "")
            metrics = [("ops_per_s", "throughput", "ops/s", "ops/s", 1)]
            if items:
                metrics.append(("items_per_s", "throughput", items + "/s", "ops/s", 1))
            metrics += [("p50_us", "p50", "ms", "ms", 1e-3), ("p99_us", "p99", "ms", "ms", 1e-3)]
            for key, what, unit, kind, scale in metrics:
                dv = d[key] * scale if d and key in d else None
                lv = l[key] * scale if l and key in l else None
                metric = "{}: {} ({})".format(label, what, unit)
                rows.append((metric, fmt(dv, kind), fmt(lv, kind), ratio(dv, lv)))
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
    return [("errors (non-2xx, UnprocessedItems, failures), all runs", str(total("ddb")),
             str(total("local")), "—")]


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
