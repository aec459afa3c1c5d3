# Helpers of the Cruddur HTTP API suite (tests/api): start `cruddur serve` in a temporary folder
# on free ports in 8900-8999 (a subclass of the integration suite's Server, reached through the
# app suite's cruddur_harness), talk to it with requests, sign in, and forge RS256 tokens with the
# openssl command (the server's own key for the "valid signature, wrong claims" cases, a fresh
# key for the bad-signature case).
import base64
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import uuid

import boto3
import requests
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "app"))

import cruddur_harness as h  # noqa: E402  (the app suite's helpers; it loads the integration's)
import test_repo  # noqa: E402,F401  (wait_listening, as the app suite waits for redis-server)

CRUDDUR = os.environ.get("CRUDDUR_BIN") or os.path.join(REPO, "build", "release", "cruddur")
DDB_SERVER = h.integration.BIN
GROUP = h.GROUP
PASSWORD = "cruddur-demo-password"
SEED_HANDLES = ("andrewbrown", "bayko", "londo")
LOCAL_ISSUER = "cruddur-local"
LOCAL_CLIENT = "cruddur-web"
ACCESS_LOG = re.compile(
    r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) ([A-Z]+|-) (\S+) (\d{3}) (\d+(?:\.\d+)?)ms$")
ISO_UTC = h.ISO_UTC

free_port = h.port_allocator(range(8900, 9000))


def http_request(method, url, **kwargs):
    """One request on a connection of its own, ignoring proxy and CA variables of the caller's
    environment (everything here is plain HTTP on 127.0.0.1)."""
    with requests.Session() as session:
        session.trust_env = False
        return session.request(method, url, **kwargs)


def base_env(root):
    """The server's environment: nothing inherited that would choose a database, a users DB, an
    identity pool, a Cognito pool or a cache; dummy AWS credentials; HOME in `root`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k not in (
               "CONNECTION_URL", "PROD_CONNECTION_URL", "CRUDDUR_IDENTITY_DB", "CACHE_URL",
               "CRUDDUR_COGNITO_JWKS_URL", "CRUDDUR_SEED_PASSWORD", "PORT", "HOST")}
    home = os.path.join(str(root), "home")
    os.makedirs(home, exist_ok=True)
    env.update({"AWS_ACCESS_KEY_ID": h.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": h.SECRET_KEY,
                "AWS_DEFAULT_REGION": h.REGION, "HOME": home,
                "AWS_CONFIG_FILE": os.path.join(home, "no-aws-config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "no-aws-credentials")})
    return env


class Cruddur(h.Server):
    """One `cruddur serve` process with cwd `root` (its data in root/data). Reuses the
    integration suite's process handling (stop with a signal, stdout/stderr files, describe)."""

    def __init__(self, root, env=None, extra=(), port=None, ddb_port=None, web_root=None):
        self.root = str(root)
        os.makedirs(self.root, exist_ok=True)
        self.port = port or free_port()
        self.ddb_port = ddb_port or free_port()
        if web_root is None:
            web_root = os.path.join(self.root, "web")
            os.makedirs(web_root, exist_ok=True)
            with open(os.path.join(web_root, "index.html"), "w") as f:
                f.write("<!doctype html><title>cruddur test page</title>\n")
        args = ["serve", "--port", str(self.port), "--ddb-port", str(self.ddb_port),
                "--web-root", web_root] + list(extra)
        super().__init__(args, self.port, os.path.join(self.root, "logs"), cwd=self.root)
        self.args = [CRUDDUR] + args
        self.env = env if env is not None else base_env(self.root)
        self.url = "http://127.0.0.1:%d" % self.port
        self.log_mark = 0  # Access-log entries before this one are not checked for 5xx.
        self.asserted = set()  # Markers in the paths of requests whose 5xx a test reports.
        self.ddb_url = "http://127.0.0.1:%d" % self.ddb_port

    @property
    def data(self):
        return os.path.join(self.root, "data")

    @property
    def key_path(self):
        return os.path.join(self.data, "cruddur-signing-key.pem")

    @property
    def users_path(self):
        return os.path.join(self.data, "cruddur-users.db")

    def start(self):
        self.started_at = time.monotonic()
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(self.args, stdout=out, stderr=err, cwd=self.cwd,
                                         stdin=subprocess.DEVNULL, env=self.env)
        return self

    def wait_ready(self, timeout=60.0):
        deadline = time.monotonic() + timeout
        expected = "Cruddur is running: http://127.0.0.1:%d/messages" % self.port
        while time.monotonic() < deadline:
            if expected in self.stdout:
                return self
            if self.proc.poll() is not None:
                raise AssertionError("cruddur serve exited with %d before it was ready: %s"
                                     % (self.proc.returncode, self.describe()))
            time.sleep(0.02)
        raise AssertionError("cruddur serve not ready within %.0fs: %s"
                             % (timeout, self.describe()))

    def wait_healthy(self, timeout=15.0):
        """Polls /api/health until it answers 200 (a fresh server's stream processor creates
        its checkpoint table first); the 503s on the way are not held against the server."""
        deadline = time.monotonic() + timeout
        while True:
            r = http_request("GET", self.url + "/api/health", timeout=10)
            if r.status_code == 200:
                self.log_mark = len(a_log_wait(self, lambda log: any(
                    e[2] == "/api/health" and e[3] == 200 for e in log)))
                return self
            if time.monotonic() > deadline:
                raise AssertionError("not healthy within %.0fs: %s" % (timeout, r.text))
            time.sleep(0.05)

    # --- HTTP ---------------------------------------------------------------------------------

    def request(self, method, path, token=None, json_body=None, data=None, headers=None,
                timeout=30):
        hdrs = dict(headers or {})
        if token is not None:
            hdrs["Authorization"] = "Bearer " + token
        if json_body is not None:
            data = json.dumps(json_body)
            hdrs.setdefault("Content-Type", "application/json")
        return http_request(method, self.url + path, data=data, headers=hdrs, timeout=timeout)

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token=token, **kw)

    def post(self, path, json_body=None, token=None, **kw):
        return self.request("POST", path, token=token, json_body=json_body, **kw)

    def sign_in(self, handle, password=PASSWORD):
        r = self.post("/api/auth/sign_in", {"username": handle, "password": password})
        assert r.status_code == 200, (r.status_code, r.text)
        return r.json()["id_token"]

    def tokens(self):
        return {handle: self.sign_in(handle) for handle in SEED_HANDLES}

    def send(self, token, message, group=None, handle=None, key=None):
        body = {"message": message}
        if group is not None:
            body["message_group_uuid"] = group
        if handle is not None:
            body["handle"] = handle
        headers = {"Idempotency-Key": key} if key is not None else None
        return self.post("/api/messages", body, token=token, headers=headers)

    def inbox(self, token, before=None):
        path = "/api/message_groups" + ("?before=" + before if before is not None else "")
        r = self.get(path, token=token)
        assert r.status_code == 200, (r.status_code, r.text)
        return r.json()

    def conversation(self, token, group):
        """Every message of a conversation, oldest first (walking the pages back)."""
        pages = walk(lambda before: self.get(
            "/api/messages/%s%s" % (group, "" if before is None else "?before=" + before),
            token=token))
        return [m for page in reversed(pages) for m in page]

    def counter(self, token):
        r = self.get("/api/messages/counter", token=token)
        assert r.status_code == 200, (r.status_code, r.text)
        return r.json()["count"]

    # --- the log --------------------------------------------------------------------------------

    def access_log(self):
        """The access-log lines of stdout as (time, method, path, status, ms) tuples."""
        out = []
        for line in self.stdout.splitlines():
            m = ACCESS_LOG.match(line)
            if m:
                out.append((m.group(1), m.group(2), m.group(3), int(m.group(4)),
                            float(m.group(5))))
        return out

    def server_errors(self):
        """5xx entries of the access log after log_mark."""
        return [e for e in self.access_log()[self.log_mark:] if e[3] >= 500 and
                not any(marker in e[2] for marker in self.asserted)]

    # --- the users database -----------------------------------------------------------------------

    def users(self):
        db = sqlite3.connect(self.users_path, timeout=10)
        db.row_factory = sqlite3.Row
        try:
            return {r["handle"]: dict(r) for r in db.execute("SELECT * FROM users")}
        finally:
            db.close()

    def sql(self, statement, params=()):
        db = sqlite3.connect(self.users_path, timeout=10)
        try:
            db.execute(statement, params)
            db.commit()
        finally:
            db.close()

    def add_user(self, handle, display_name=None, sub=None):
        """Inserts a user straight into the SQLite users table; returns (uuid, sub)."""
        user_uuid, sub = str(uuid.uuid4()), sub or str(uuid.uuid4())
        self.sql("INSERT INTO users (uuid, display_name, handle, email, cognito_user_id, "
                 "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                 (user_uuid, display_name or handle.title(), handle,
                  handle + "@example.test", sub, "2026-01-01T00:00:00.000000+00:00"))
        return user_uuid, sub

    def database_secret(self):
        """(access key, secret) of the embedded database: it verifies every signature."""
        values = {}
        with open(os.path.join(self.data, "cruddur-ddb-credentials")) as f:
            for line in f:
                if "=" in line:
                    name, value = line.split("=", 1)
                    values[name.strip()] = value.strip()
        return values["aws_access_key_id"], values["aws_secret_access_key"]

    def ddb(self):
        if not os.path.exists(os.path.join(self.data, "cruddur-ddb-credentials")):
            return h.ddb_client(self.ddb_url)  # Another database than the embedded one.
        key, secret = self.database_secret()
        return boto3.client("dynamodb", endpoint_url=self.ddb_url, region_name=h.REGION,
                            aws_access_key_id=key, aws_secret_access_key=secret,
                            config=Config(retries={"total_max_attempts": 1}, read_timeout=60,
                                          connect_timeout=5))


def a_log_wait(server, check, timeout=3.0):
    """The access log once check(log) holds (lines reach the file just after the answer)."""
    log = poll(lambda: (lambda log: check(log) and log)(server.access_log()), timeout=timeout)
    assert log, server.stdout[-3000:]
    return log


def start_cruddur(root, healthy=True, **kwargs):
    """Starts `cruddur serve` and waits for its "running" line (and, if `healthy`, for
    /api/health to answer 200)."""
    server = Cruddur(root, **kwargs).start()
    try:
        server.wait_ready()
        return server.wait_healthy() if healthy else server
    except BaseException:
        if server.running():
            server.proc.kill()
            server.proc.wait()
        raise

def stop_cleanly(server, allowed_5xx=()):
    """SIGTERM: exit 0 and "cruddur stopped"; no 5xx in the access log but `allowed_5xx`."""
    assert server.running(), "cruddur serve died: " + server.describe()
    code = server.stop()
    assert code == 0, server.describe()
    assert "cruddur stopped" in server.stdout, server.describe()
    errors = [e for e in server.server_errors() if e[3] not in allowed_5xx]
    assert errors == [], "server errors in the access log: %r" % errors



def walk(fetch, limit=100):
    """Follows X-Next-Before from the first page; returns the pages (lists), newest first.
    Asserts that each answer is 200 and that the cursor of each page is its oldest entry."""
    pages, before = [], None
    for _ in range(limit):
        r = fetch(before)
        assert r.status_code == 200, (r.status_code, r.text)
        page = r.json()
        assert isinstance(page, list), page
        pages.append(page)
        before = r.headers.get("X-Next-Before")
        if before is None:
            return pages
        assert page, "an empty page with a cursor: %r" % before
    raise AssertionError("more than %d pages" % limit)


def poll(check, timeout=1.0, interval=0.02):
    """Calls check() until it returns a true value or `timeout` passes; returns the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def count_messages(client, group):
    """Message items of a conversation in the messages table (a consistent Query)."""
    pages = client.get_paginator("query").paginate(
        TableName=h.TABLE, KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "MSG#" + group}}, ConsistentRead=True,
        Select="COUNT")
    return sum(page["Count"] for page in pages)


# --- tokens ---------------------------------------------------------------------------------------

def b64url(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode(token):
    """(header, claims) of a JWT, unverified."""
    head, payload, _ = token.split(".")
    return json.loads(b64url_decode(head)), json.loads(b64url_decode(payload))


def openssl(*args, input=None):
    r = subprocess.run(["openssl"] + list(args), input=input, capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    return r.stdout


def new_key(path):
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(path))
    return str(path)


def forge(key_path, claims, kid, alg="RS256"):
    """An RS256 JWT over `claims`, signed with the PEM key at key_path by `openssl dgst`."""
    header = {"alg": alg, "kid": kid, "typ": "JWT"}
    signed = b64url(json.dumps(header)) + "." + b64url(json.dumps(claims))
    signature = openssl("dgst", "-sha256", "-sign", key_path, input=signed.encode())
    return signed + "." + b64url(signature)


def rsa_modulus(key_path):
    """The key's modulus as big-endian bytes (from `openssl rsa -modulus`)."""
    out = openssl("rsa", "-in", key_path, "-noout", "-modulus").decode().strip()
    assert out.startswith("Modulus="), out
    return bytes.fromhex(out[len("Modulus="):])


def jwk(key_path, kid):
    return {"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
            "n": b64url(rsa_modulus(key_path)), "e": "AQAB"}


def claims(sub, issuer=LOCAL_ISSUER, audience=LOCAL_CLIENT, token_use="id", lifetime=3600,
           now=None, **extra):
    now = int(time.time()) if now is None else now
    out = {"sub": sub, "iss": issuer, "token_use": token_use, "iat": now, "exp": now + lifetime}
    if token_use == "access":
        out["client_id"] = audience
    else:
        out["aud"] = audience
    out.update(extra)
    return out
