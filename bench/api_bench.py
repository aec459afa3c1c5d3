#!/usr/bin/python3
"""Cruddur's HTTP API under load: `cruddur serve` on ddb-server and on DynamoDB Local.

For each database, in turn on this machine:
  1. start the database (a fresh data folder) and `cruddur serve --endpoint-url` on it;
  2. add 32 bench users (bench01..bench32) to its users database and mint each an ID token with
     the server's own signing key (as its local sign-in would, without 32 slow password hashes);
     pair them into 16 conversations;
  3. throughput: 32 threads, one per user, each POSTing replies into its conversation for
     BENCH_SECONDS: sends per second and the POST latency (p50, p99);
  4. freshness: each of the 32 threads sends BENCH_FRESH_SENDS messages one at a time and polls
     both participants' inboxes (GET /api/message_groups) every 5 ms until both show the message:
     the time from the start of the POST until both do (p50, p99) — the stream processor's lag.

    bench/api_bench.py                  10 s of throughput per database
    BENCH_SECONDS=3 bench/api_bench.py  a quick run

Prints a Markdown table and writes JSON lines to build/release/bench-results/api.jsonl.
Ports 8540-8559 (the benchmarks' range). Builds nothing: needs build/release/{ddb-server,cruddur}.
"""
import base64
import http.client
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build", "release")
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
import dynamodb_local  # noqa: E402

USERS = 32
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
FRESH_SENDS = int(os.environ.get("BENCH_FRESH_SENDS", "10"))
DB_PORT, APP_PORT = 8541, 8542


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_token(key_pem, sub, handle):
    """An ID token as the local sign-in issues it, signed with the server's key (openssl)."""
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": jwks_kid()}
    claims = {"sub": sub, "iss": "cruddur-local", "aud": "cruddur-web", "token_use": "id",
              "iat": now, "exp": now + 3600, "cognito:username": handle}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_pem],
                               input=signing_input.encode(), capture_output=True, check=True).stdout
    return signing_input + "." + b64url(signature)


def jwks_kid():
    conn = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=10)
    conn.request("GET", "/.well-known/jwks.json")
    return json.loads(conn.getresponse().read())["keys"][0]["kid"]


class Api:
    """One keep-alive connection to the app, as one signed-in user."""

    def __init__(self, token):
        self.conn = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def call(self, method, path, body=None):
        self.conn.request(method, path, body=None if body is None else json.dumps(body),
                          headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status >= 300:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        return json.loads(data)


def wait_for_port(port, proc, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/api/health" if port == APP_PORT else "/")
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def add_users(workdir):
    """bench01..bench32 in the users database, with tokens; returns [(handle, token)]."""
    db = sqlite3.connect(os.path.join(workdir, "data", "cruddur-users.db"))
    key = os.path.join(workdir, "data", "cruddur-signing-key.pem")
    users = []
    for i in range(1, USERS + 1):
        handle, sub = f"bench{i:02d}", f"bench-sub-{i:02d}"
        db.execute("INSERT OR IGNORE INTO users (uuid, display_name, handle, email, "
                   "cognito_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (str(uuid.uuid4()), f"Bench User {i}", handle, f"{handle}@bench.invalid", sub,
                    "2026-01-01T00:00:00.000000+00:00"))
        users.append((handle, mint_token(key, sub, handle)))
    db.commit()
    return users


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run_threads(target, count):
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def measure(users):
    apis = [Api(token) for _, token in users]
    groups = [None] * USERS
    for i in range(0, USERS, 2):  # Pairs start their conversations.
        first = apis[i].call("POST", "/api/messages", {"message": "hello", "handle": users[i + 1][0]})
        groups[i] = groups[i + 1] = first["message_group_uuid"]

    latencies, errors = [[] for _ in range(USERS)], [0] * USERS
    stop_at = time.time() + SECONDS

    def sender(i):
        n = 0
        while time.time() < stop_at:
            n += 1
            start = time.perf_counter()
            try:
                apis[i].call("POST", "/api/messages",
                             {"message": f"bench {i} #{n}", "message_group_uuid": groups[i]})
                latencies[i].append(time.perf_counter() - start)
            except (RuntimeError, OSError):
                errors[i] += 1
                apis[i] = Api(users[i][1])

    began = time.perf_counter()
    run_threads(sender, USERS)
    elapsed = time.perf_counter() - began
    sends = [x for per in latencies for x in per]

    fresh = []
    lock = threading.Lock()

    def freshness(i):
        partner = i + 1 if i % 2 == 0 else i - 1
        reader = Api(users[partner][1])
        for n in range(FRESH_SENDS):
            text = f"fresh {i} #{n} {uuid.uuid4()}"
            start = time.perf_counter()
            sent = apis[i].call("POST", "/api/messages",
                                {"message": text, "message_group_uuid": groups[i]})
            pending = {"sender": apis[i], "receiver": reader}
            while pending:
                for name, api in list(pending.items()):
                    rows = api.call("GET", "/api/message_groups")
                    # Shown once the row is at this message or a later one (the partner's).
                    if any(r["uuid"] == groups[i] and r["created_at"] >= sent["created_at"]
                           for r in rows):
                        del pending[name]
                if pending:
                    time.sleep(0.005)
                if time.perf_counter() - start > 30:
                    raise RuntimeError("an inbox did not show a message within 30 s")
            with lock:
                fresh.append(time.perf_counter() - start)

    run_threads(freshness, USERS)
    return {"sends_per_s": len(sends) / elapsed, "send_p50_ms": percentile(sends, 50) * 1000,
            "send_p99_ms": percentile(sends, 99) * 1000, "errors": sum(errors),
            "inbox_p50_ms": percentile(fresh, 50) * 1000,
            "inbox_p99_ms": percentile(fresh, 99) * 1000, "fresh_samples": len(fresh)}


def run(database):
    workdir = tempfile.mkdtemp(prefix="cruddur-bench-")
    procs = []
    try:
        if database == "ddb-server":
            db = subprocess.Popen([os.path.join(BIN, "ddb-server"), "--port", str(DB_PORT),
                                   "--db-path", os.path.join(workdir, "ddb"), "--shared-db"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            db = dynamodb_local.start(DB_PORT, ["-sharedDb", "-dbPath", workdir])
        procs.append(db)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_REGION="us-east-1", CRUDDUR_IDENTITY_DB=os.path.join(workdir, "data",
                                                                            "ids.db"))
        env.pop("CACHE_URL", None)
        env.pop("CONNECTION_URL", None)
        app = subprocess.Popen([os.path.join(BIN, "cruddur"), "serve", "--port", str(APP_PORT),
                                "--endpoint-url", f"http://127.0.0.1:{DB_PORT}"],
                               cwd=workdir, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
        procs.append(app)
        wait_for_port(APP_PORT, app, 120)
        result = measure(add_users(workdir))
        result["database"] = database
        return result
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    for exe in ("ddb-server", "cruddur"):
        if not os.access(os.path.join(BIN, exe), os.X_OK):
            sys.exit(f"api_bench: build/release/{exe} is missing (tools/dev build)")
    results = [run("ddb-server"), run("DynamoDB Local")]
    out = os.environ.get("BENCH_OUT", os.path.join(BIN, "bench-results"))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "api.jsonl"), "w") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    ours, local = results
    print(f"POST /api/messages, {USERS} users, {SECONDS:g} s; inbox freshness over "
          f"{ours['fresh_samples']} sends\n")
    print("| metric | ddb-server | DynamoDB Local | ratio |\n|---|---|---|---|")
    for key, label, higher_better in [("sends_per_s", "sends/s", True),
                                      ("send_p50_ms", "send p50 ms", False),
                                      ("send_p99_ms", "send p99 ms", False),
                                      ("inbox_p50_ms", "both inboxes show it, p50 ms", False),
                                      ("inbox_p99_ms", "both inboxes show it, p99 ms", False)]:
        ratio = ours[key] / local[key] if local[key] else float("nan")
        print(f"| {label} | {ours[key]:.1f} | {local[key]:.1f} | {ratio:.2f}x |")
    print(f"\nerrors: ddb-server {ours['errors']}, DynamoDB Local {local['errors']}")


if __name__ == "__main__":
    main()
