#!/usr/bin/python3
"""Differential test: replay corpus/*.jsonl against DynamoDB Local and ddb-server.

Both servers start fresh (DynamoDB Local with -inMemory -sharedDb, ddb-server with
--in-memory --shared-db) on free ports in 8400-8499. Every case is sent with raw HTTP to
both and the answers are compared: HTTP status, error __type (part after '#'), the rest of
the error body (Message, Item, ...), and the whole JSON body of successes after removing
volatile fields, sorting set members, and treating Scan's Items as unordered. Every 200
answer of ddb-server must carry a correct x-amz-crc32 header.

accepted.json maps case id -> reason for deliberate differences (ddb-server follows the
documented service where DynamoDB Local does not, or a feature ddb-server lacks yet).

Usage:
  /usr/bin/python3 run_diff.py [--report] [--json OUT] [--files a.jsonl,b.jsonl] [--verbose]
Exit status 1 when an unaccepted difference exists.
Environment: DDB_SERVER_BIN (default <repo>/build/release/ddb-server).
"""
import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, os.path.join(REPO, "tests", "tools"))

import dynamodb_local  # noqa: E402

AUTH = ("AWS4-HMAC-SHA256 Credential=difftest/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=0")
# Dropped before comparing: clocks and ids, and WarmThroughput, which the service (and
# ddb-server) reports on every table and GSI and this DynamoDB Local predates
# (tests/conformance/test_service_surface.py checks it).
VOLATILE = {"CreationDateTime", "LastUpdateToPayPerRequestDateTime", "LastIncreaseDateTime",
            "LastDecreaseDateTime", "TableId", "LatestStreamLabel", "RequestId",
            "WarmThroughput"}
PORTS = range(8400, 8500)
TARGETS = {None: "DynamoDB_20120810.", "streams": "DynamoDBStreams_20120810."}
# Streams: ARNs carry a creation-time label, sequence numbers and shard ids come from
# per-server counters and clocks. Their presence is compared, their value is not.
STREAM_OPAQUE = {"StreamLabel", "SequenceNumber", "StartingSequenceNumber",
                 "EndingSequenceNumber", "eventID", "ApproximateCreationDateTime", "ShardId",
                 "ParentShardId", "LastEvaluatedShardId", "CreationRequestDateTime",
                 "ShardIterator", "NextShardIterator",
                 "NextToken"}  # PartiQL's continuation: each server's own encoding
NAMED_LISTS = {"AttributeDefinitions", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"}
STREAM_ARN_RE = re.compile(r"(/stream/)[0-9T:.\-]+")


# ---- corpus -----------------------------------------------------------------------------
def corpus_files():
    with open(os.path.join(CORPUS, "FILES")) as f:
        return [line.strip() for line in f if line.strip()]


def load_corpus(files=None):
    cases = []
    for name in files or corpus_files():
        with open(os.path.join(CORPUS, name)) as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    case = json.loads(line)
                    case["file"] = name
                    cases.append(case)
    return cases


def load_accepted():
    with open(os.path.join(HERE, "accepted.json")) as f:
        return json.load(f)


# ---- servers ----------------------------------------------------------------------------
def free_port(exclude=()):
    for port in PORTS:
        if port in exclude:
            continue
        s = socket.socket()
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free port in 8400-8499")


def start_ddb(port):
    binary = os.environ.get("DDB_SERVER_BIN",
                            os.path.join(REPO, "build", "release", "ddb-server"))
    log = open(os.path.join(tempfile.gettempdir(), "ddb-server-difftest-%d.log" % port), "wb")
    deadline = time.time() + 120
    while True:  # the binary may be being rebuilt: retry for a while
        try:
            proc = subprocess.Popen([binary, "--in-memory", "--shared-db", "--port", str(port)],
                                    stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
            dynamodb_local.wait_until_answers(port, proc, timeout=30)
            return proc
        except (OSError, RuntimeError):
            try:
                proc.kill()
                proc.wait()
            except Exception:
                pass
            if time.time() > deadline:
                raise
            time.sleep(2)


def stop(proc):
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def send(self, case):
        op = case["op"]
        headers = {"Content-Type": "application/x-amz-json-1.0",
                   "X-Amz-Target": TARGETS[case.get("api")] + op, "Authorization": AUTH}
        for k, v in (case.get("headers") or {}).items():
            if v is None:
                headers.pop(k, None)
            else:
                headers[k] = v
        body = case["raw_body"] if "raw_body" in case else json.dumps(case["body"])
        body = body.encode("utf-8")
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request("POST", "/", body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                hdrs = {k.lower(): v for k, v in resp.getheaders()}
                if hdrs.get("connection", "").lower() == "close":
                    self.close()
                return {"status": resp.status, "headers": hdrs, "raw": data}
            except (OSError, http.client.HTTPException) as e:
                self.close()
                if attempt == 2:
                    return {"status": 0, "headers": {}, "raw": ("transport error: %r" % e).encode()}
                time.sleep(0.5)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


# ---- comparison -------------------------------------------------------------------------
def parse(raw):
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {"<unparsed>": raw.decode("utf-8", "replace")}


def canon_key(v):
    return json.dumps(v, sort_keys=True)


def normalise(v):
    """Drop volatile fields and sort set members, recursively."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k in VOLATILE:
                continue
            if k in STREAM_OPAQUE and isinstance(x, (str, int, float)):
                out[k] = "<opaque>"
                continue
            if k in ("SS", "NS", "BS") and isinstance(x, list) and len(v) == 1:
                out[k] = sorted(x, key=canon_key)
            else:
                out[k] = normalise(x)
        return out
    if isinstance(v, list):
        return [normalise(x) for x in v]
    if isinstance(v, str) and "/stream/" in v:
        return STREAM_ARN_RE.sub(r"\1<label>", v)
    return v


def index_ranges(cases):
    """(table, index) -> the index's range attribute (None: hash only), from the requests."""
    out = {}
    for case in cases:
        body = case.get("body") if isinstance(case.get("body"), dict) else {}
        name = body.get("TableName")
        defs = list(body.get("GlobalSecondaryIndexes") or []) + list(
            body.get("LocalSecondaryIndexes") or [])
        if case["op"] == "UpdateTable":
            defs += [u["Create"] for u in body.get("GlobalSecondaryIndexUpdates") or []
                     if isinstance(u, dict) and isinstance(u.get("Create"), dict)]
        for d in defs:
            if isinstance(d, dict) and isinstance(d.get("KeySchema"), list):
                rng = [k.get("AttributeName") for k in d["KeySchema"]
                       if isinstance(k, dict) and k.get("KeyType") == "RANGE"]
                out.setdefault((name, d.get("IndexName")), rng[0] if rng else None)
    return out


def unorder_equal_index_keys(items, rng):
    """Index items with equal index keys come in an unspecified order: sort inside each run
    of equal range values (all of them when the index has no range key). When the range
    attribute is not in the items (projected away) the order is kept."""
    if rng is None:
        return sorted(items, key=canon_key)
    if not all(isinstance(i, dict) and rng in i for i in items):
        return items
    out, run = [], []
    for item in items + [None]:
        if run and (item is None or item[rng] != run[0][rng]):
            out.extend(sorted(run, key=canon_key))
            run = []
        if item is not None:
            run.append(item)
    return out


def sort_named_lists(v):
    """AttributeDefinitions and index lists are sets keyed by name; their order differs."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            x = sort_named_lists(x)
            if k in NAMED_LISTS and isinstance(x, list) and all(isinstance(e, dict) for e in x):
                x = sorted(x, key=lambda e: (str(e.get("AttributeName", e.get("IndexName"))),
                                             canon_key(e)))
            out[k] = x
        return out
    if isinstance(v, list):
        return [sort_named_lists(x) for x in v]
    return v


def comparable(case, resp, ranges=None):
    """What is compared for one response."""
    status = resp["status"]
    body = sort_named_lists(parse(resp["raw"]))
    if status != 200:
        if isinstance(body, dict) and isinstance(body.get("__type"), str):
            body = dict(body, __type=body["__type"].split("#")[-1])
        if isinstance(body, dict) and "message" in body:
            # The service spells it "message" (SerializationException: "Message"), Local always
            # "Message"; SDKs read either. The words are compared, not the key's case.
            body = dict(body)
            body["Message"] = body.pop("message")
        return {"status": status, "body": normalise(body)}
    body = normalise(body)
    loose = case.get("loose")
    if isinstance(body, dict):
        if case["op"] == "Scan" and isinstance(body.get("Items"), list):
            body["Items"] = sorted(body["Items"], key=canon_key)
        req = case.get("body") or {}
        if (case["op"] == "Query" and isinstance(body.get("Items"), list)
                and isinstance(req, dict) and req.get("IndexName")):
            key = (req.get("TableName"), req["IndexName"])
            if ranges is not None and key in ranges:
                body["Items"] = unorder_equal_index_keys(body["Items"], ranges[key])
        if case["op"] == "BatchGetItem" and isinstance(body.get("Responses"), dict):
            body["Responses"] = {t: sorted(v, key=canon_key) if isinstance(v, list) else v
                                 for t, v in body["Responses"].items()}
        if isinstance(body.get("ConsumedCapacity"), list):  # one entry per table, any order
            body["ConsumedCapacity"] = sorted(body["ConsumedCapacity"], key=canon_key)
        if loose == "page":
            body = {"Count": body.get("Count"), "ScannedCount": body.get("ScannedCount"),
                    "HasLastEvaluatedKey": "LastEvaluatedKey" in body}
        elif loose == "segment":
            body = {"Items?": isinstance(body.get("Items"), list)}
    return {"status": status, "body": body}


def crc_problem(resp):
    if resp is END or resp["status"] != 200:
        return None
    want = str(zlib.crc32(resp["raw"]) & 0xffffffff)
    got = resp["headers"].get("x-amz-crc32")
    if got != want:
        return "x-amz-crc32 is %r, want %s" % (got, want)
    return None


def short(raw, limit=1500):
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return text if len(text) <= limit else text[:limit] + "...(%d chars)" % len(text)


def request_text(case):
    if "raw_body" in case:
        text = "raw: " + repr(case["raw_body"])
    else:
        text = json.dumps(case["body"])
    if case.get("headers"):
        text += "  headers: " + json.dumps(case["headers"])
    if case.get("esk_from"):
        text += "  (ExclusiveStartKey = LastEvaluatedKey of %s)" % case["esk_from"]
    for member, (cid, path) in (case.get("subst") or {}).items():
        text += "  (%s = %s of %s)" % (member, path, cid)
    if case.get("api"):
        text = "[%s API] %s" % (case["api"], text)
    return short(text, 800)


# ---- run --------------------------------------------------------------------------------
def run(files=None, log=None):
    """Start both servers, replay the corpus, return a list of result dicts."""
    cases = load_corpus(files)
    local_port = free_port()
    ddb_port = free_port(exclude={local_port})
    local = ddb = None
    try:
        local = dynamodb_local.start(local_port, ["-inMemory", "-sharedDb"], timeout=120)
        ddb = start_ddb(ddb_port)
        return replay(cases, Client(local_port), Client(ddb_port), log)
    finally:
        stop(ddb)
        stop(local)


def lookup(value, path):
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


def substitute_esk(case, previous):
    """Fill esk_from / subst members from this server's own earlier answers."""
    if case.get("subst"):
        body = dict(case["body"])
        for member, (cid, path) in case["subst"].items():
            prev = previous.get(cid)
            value = lookup(parse(prev["raw"]), path) if prev else None
            if value is not None:  # else: sent without it (the server reports what is missing)
                body[member] = value
        case = dict(case, body=body)
    if not case.get("esk_from"):
        return case
    prev = previous.get(case["esk_from"])
    body = dict(case["body"])
    lek = parse(prev["raw"]).get("LastEvaluatedKey") if prev else None
    if not lek:
        return None  # the previous page was the last one: nothing to send
    body["ExclusiveStartKey"] = lek
    return dict(case, body=body)


END = {"status": 0, "headers": {},
       "raw": b'{"<not sent>": "the previous page had no LastEvaluatedKey"}'}


def replay(cases, local, ddb, log=None):
    results = []
    seen = {"local": {}, "ddb": {}}
    groups = {}
    ranges = index_ranges(cases)
    for i, case in enumerate(cases):
        lcase = substitute_esk(case, seen["local"])
        dcase = substitute_esk(case, seen["ddb"])
        lr = local.send(lcase) if lcase else END
        dr = ddb.send(dcase) if dcase else END
        seen["local"][case["id"]] = lr
        seen["ddb"][case["id"]] = dr
        lc, dc = comparable(case, lr, ranges), comparable(case, dr, ranges)
        problems = []
        if lc != dc:
            problems.append("response differs")
        crc = crc_problem(dr)
        if crc:
            problems.append(crc)
        if case.get("collect"):
            g = groups.setdefault(case["collect"], {"local": [], "ddb": [], "ids": []})
            g["ids"].append(case["id"])
            for side, r in (("local", lr), ("ddb", dr)):
                if r["status"] == 200:
                    g[side].extend(normalise(parse(r["raw"]).get("Items", [])))
        results.append({"id": case["id"], "op": case["op"], "file": case["file"],
                        "request": request_text(case), "problems": problems,
                        "local": {"status": lr["status"], "body": short(lr["raw"])},
                        "ddb": {"status": dr["status"], "body": short(dr["raw"])}})
        if log:
            log("%4d %-45s %s" % (i + 1, case["id"], "DIFF" if problems else "ok"))
    for name, g in groups.items():
        lu = sorted(g["local"], key=canon_key)
        du = sorted(g["ddb"], key=canon_key)
        results.append({
            "id": "union:" + name, "op": "Scan", "file": "(group)",
            "request": "union of the Items of " + ", ".join(g["ids"]),
            "problems": [] if lu == du else ["union of pages differs"],
            "local": {"status": 200, "body": short(json.dumps(lu))},
            "ddb": {"status": 200, "body": short(json.dumps(du))}})
    return results


def classify(results, accepted):
    identical, acc, diff = [], [], []
    for r in results:
        if not r["problems"]:
            identical.append(r)
        elif r["id"] in accepted:
            acc.append(r)
        else:
            diff.append(r)
    ids = {r["id"] for r in results}
    stale = sorted(k for k in accepted
                   if k in ids and not any(r["id"] == k and r["problems"] for r in results))
    unknown = sorted(k for k in accepted if k not in ids)
    return identical, acc, diff, stale, unknown


def format_result(r, reason=None):
    lines = ["[%s] %s (%s, %s)" % (r["id"], "; ".join(r["problems"]), r["op"], r["file"]),
             "  request:        " + r["request"],
             "  DynamoDB Local: %s %s" % (r["local"]["status"], r["local"]["body"]),
             "  ddb-server:     %s %s" % (r["ddb"]["status"], r["ddb"]["body"])]
    if reason:
        lines.append("  accepted:       " + reason)
    return "\n".join(lines)


def report(results, accepted, show_accepted=False, out=sys.stdout):
    identical, acc, diff, stale, unknown = classify(results, accepted)
    p = lambda s="": print(s, file=out)
    p("cases compared: %d   identical: %d   accepted: %d   differing: %d"
      % (len(results), len(identical), len(acc), len(diff)))
    if stale:
        p("accepted but now identical (remove from accepted.json): " + ", ".join(stale))
    if unknown:
        p("accepted ids not in the corpus: " + ", ".join(unknown))
    if diff:
        p()
        p("==== differing (%d) ====" % len(diff))
        for r in diff:
            p(format_result(r))
            p()
    if show_accepted and acc:
        p("==== accepted (%d) ====" % len(acc))
        for r in acc:
            p(format_result(r, accepted[r["id"]]))
            p()
    return diff


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", action="store_true", help="print a summary and every difference")
    ap.add_argument("--accepted", action="store_true", help="with --report: list accepted ones too")
    ap.add_argument("--json", help="write all results to this file")
    ap.add_argument("--files", help="comma-separated corpus files (default: all, in order)")
    ap.add_argument("--verbose", action="store_true", help="log every case")
    args = ap.parse_args(argv)
    files = args.files.split(",") if args.files else None
    log = (lambda s: print(s, file=sys.stderr)) if args.verbose else None
    results = run(files, log)
    accepted = load_accepted()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    if args.report:
        diff = report(results, accepted, args.accepted)
    else:
        identical, acc, diff, _, _ = classify(results, accepted)
        print("identical: %d   accepted: %d   differing: %d" % (len(identical), len(acc), len(diff)))
        for r in diff:
            print("DIFF " + r["id"])
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
