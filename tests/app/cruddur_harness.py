# Shared helpers of the Cruddur app suite (tests/app): run the seed's bin/ scripts as
# subprocesses in a clean environment, start ddb-server on free ports in 8800-8899 (reusing the
# integration suite's Server class), and compute the exact text the scripts must print (Python's
# json.dumps, the conversation lines of spec §4, the AWS CLI's ASCII table) from what boto3 reads.
import importlib.util
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import time

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.join(REPO, "bin")
TOOLS = os.path.join(REPO, "tests", "tools")
DIALOGUE = os.path.join(REPO, "app", "seed", "dialogue.txt")


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The integration suite's helpers (Server, answers, port_is_free, ...), under a name of our own so
# that its conftest module is not confused with ours.
integration = _load("ddb_integration_helpers",
                    os.path.join(REPO, "tests", "integration", "conftest.py"))
Server = integration.Server
port_is_free = integration.port_is_free
ACCESS_KEY = integration.ACCESS_KEY
SECRET_KEY = integration.SECRET_KEY
REGION = integration.REGION

TABLE = "cruddur-messages"
INDEX = "message-group-sk-index"
GROUP = "5ae290ed-55d1-47a0-bc6d-fe2bc2700399"
SEED_USERS = [("Andrew Brown", "andrewbrown", "andrew@exampro.co"),
              ("Andrew Bayko", "bayko", "bayko@exampro.co"),
              ("Londo Mollari", "londo", "lmollari@centari.com")]
SEEDED = ("seeded 104 messages of conversation %s between andrewbrown and bayko\n" % GROUP)
ALREADY_SEEDED = "andrewbrown and bayko already have their conversation: nothing to do\n"
DROP_USAGE = "No TABLE_NAME argument supplied eg ./bin/ddb/drop cruddur-messages prod \n"
ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")

def port_allocator(ports):
    """A function returning a port of `ports` that nothing listens on and that it has not
    handed out yet in this run (each suite has a range of its own)."""
    handed_out = set()

    def free_port():
        shuffled = list(ports)
        random.shuffle(shuffled)
        for _ in range(2):
            for port in shuffled:
                if port not in handed_out and port_is_free(port):
                    handed_out.add(port)
                    return port
            handed_out.clear()
        raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")

    return free_port


free_port = port_allocator(range(8800, 8900))


def ddb_client(endpoint):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                        config=Config(retries={"total_max_attempts": 1}, read_timeout=60,
                                      connect_timeout=5))


def ddb_table(endpoint, name=TABLE):
    """A boto3 resource Table: items as plain values, as the seed's scan script read them."""
    return boto3.resource("dynamodb", endpoint_url=endpoint, region_name=REGION,
                          aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                          config=Config(retries={"total_max_attempts": 1})).Table(name)


def script_env(root, endpoint=None, connection_url=None, identities=None):
    """The scripts' environment: nothing inherited from AWS_* or the users-DB variables, dummy
    credentials, no AWS config files, HOME in `root`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k not in (
               "CONNECTION_URL", "PROD_CONNECTION_URL", "CRUDDUR_IDENTITY_DB")}
    home = os.path.join(root, "home")
    os.makedirs(home, exist_ok=True)
    env.update({
        "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": REGION, "AWS_PAGER": "",
        "AWS_CONFIG_FILE": os.path.join(root, "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(root, "no-aws-credentials"),
        "HOME": home, "PATH": "/usr/bin:/bin:" + os.environ.get("PATH", ""),
        "CRUDDUR_IDENTITY_DB": identities or os.path.join(root, "identities.db"),
    })
    if endpoint:
        env["AWS_ENDPOINT_URL"] = endpoint
    if connection_url:
        env["CONNECTION_URL"] = connection_url
    return env


class Ran:
    """A finished script: returncode, stdout, stderr (text) and elapsed seconds."""

    def __init__(self, argv, proc, elapsed):
        self.argv, self.elapsed = argv, elapsed
        self.returncode, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr

    def __repr__(self):
        return "%s -> %d in %.2fs\n--- stdout:\n%s--- stderr:\n%s" % (
            " ".join(self.argv), self.returncode, self.elapsed, self.stdout[-3000:],
            self.stderr[-3000:])


def run(script, *args, env, cwd, input=None, timeout=120):
    """Runs bin/<script> (e.g. "ddb/seed") with `args`."""
    argv = [os.path.join(BIN, script)] + list(args)
    start = time.monotonic()
    # surrogateescape: bytes that are not UTF-8 survive to the comparison instead of raising.
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, encoding="utf-8",
                          errors="surrogateescape", timeout=timeout, input=input,
                          stdin=None if input is not None else subprocess.DEVNULL)
    return Ran(argv, proc, time.monotonic() - start)


def ok(r):
    """Asserts success with nothing on stderr; returns stdout."""
    assert r.returncode == 0 and r.stderr == "", r
    return r.stdout


def one_line_failure(r, prefix="cruddur: "):
    """Asserts exit 1 and exactly one stderr line, starting with `prefix`; returns it."""
    assert r.returncode == 1, r
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r
    assert r.stderr.endswith("\n") and r.stderr.startswith(prefix), r
    return r.stderr[:-1]


def python_json(obj):
    """Python's json.dumps(obj, sort_keys=True, indent=2): the patterns scripts' format."""
    return json.dumps(obj, sort_keys=True, indent=2)


def without_metadata(response):
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def scan_all(client, table=TABLE):
    items, start = [], None
    while True:
        params = {"TableName": table, "ConsistentRead": True}
        if start:
            params["ExclusiveStartKey"] = start
        page = client.scan(**params)
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def newest_twenty(client, pk):
    """Patterns A and B's request, as boto3 sends it."""
    return client.query(TableName=TABLE, KeyConditionExpression="pk = :pk",
                        ExpressionAttributeValues={":pk": {"S": pk}}, ScanIndexForward=False,
                        Limit=20, ReturnConsumedCapacity="TOTAL")


def short_time(sk):
    """'2023-03-27T19:50:10.311780+00:00' -> '2023-03-27 07:50 PM' (the time as stored)."""
    import datetime
    return datetime.datetime.fromisoformat(sk).strftime("%Y-%m-%d %I:%M %p")


def conversation_line(item):
    """One get-conversation line (spec §4), from a low-level item."""
    return "%-12s%-22s%s...\n" % (item["user_handle"]["S"], short_time(item["sk"]["S"]),
                                  item["message"]["S"][:40])


def get_conversation_output(response):
    """Everything bin/ddb/patterns/get-conversation must print for this Query response."""
    lines = "".join(conversation_line(i) for i in reversed(response["Items"]))
    return (python_json(without_metadata(response)) + "\n"
            + python_json(response["ConsumedCapacity"]) + "\n" + lines)


def dialogue():
    """The seed's dialogue as (handle, text) pairs."""
    out = []
    with open(DIALOGUE, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Person 1: "):
                out.append(("andrewbrown", line[10:]))
            elif line.startswith("Person 2: "):
                out.append(("bayko", line[10:]))
    return out


class App:
    """The scripts' world for one test: endpoint, users database, cwd and environment."""

    def __init__(self, root, endpoint, connection_url, identities):
        self.root = str(root)
        self.endpoint = endpoint
        self.connection_url = connection_url
        self.cwd = os.path.join(self.root, "work")
        os.makedirs(self.cwd, exist_ok=True)
        self.env = script_env(self.root, endpoint, connection_url, identities)

    @property
    def users_path(self):
        assert self.connection_url.startswith("sqlite:")
        return self.connection_url[len("sqlite:"):]

    def run(self, script, *args, env=None, **kwargs):
        return run(script, *args, env=env or self.env, cwd=self.cwd, **kwargs)

    def ok(self, script, *args, **kwargs):
        return ok(self.run(script, *args, **kwargs))

    def client(self):
        return ddb_client(self.endpoint)

    def users(self):
        """{handle: row dict} straight from the SQLite file."""
        db = sqlite3.connect(self.users_path)
        db.row_factory = sqlite3.Row
        try:
            return {r["handle"]: dict(r) for r in db.execute("SELECT * FROM users")}
        finally:
            db.close()


def aws_cli():
    """Debian's AWS CLI v2 (/usr/bin/aws; a pyenv shim earlier on PATH may be another one)."""
    if os.environ.get("AWS_CLI"):
        return os.environ["AWS_CLI"]
    return "/usr/bin/aws" if os.path.exists("/usr/bin/aws") else shutil.which("aws")


def run_aws_cli(env, cwd, endpoint, *args):
    proc = subprocess.run([aws_cli(), "--endpoint-url", endpoint] + list(args), env=env,
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0 and proc.stderr == "", proc
    return proc.stdout


def dynamodb_local(pytest, ports=None):
    """A generator for a module fixture: Amazon DynamoDB Local (in memory, shared database) on a
    free port; yields its endpoint URL. Skips the module without java or the jar."""
    if shutil.which("java") is None:
        pytest.skip("java not found (apt-get install openjdk-17-jre-headless)")
    tool = _load("dynamodb_local_tool", os.path.join(TOOLS, "dynamodb_local.py"))
    try:
        tool.install()
    except (RuntimeError, OSError) as e:  # no jar and no way to fetch it
        pytest.skip("DynamoDB Local unavailable: %s" % e)
    port = (ports or free_port)()
    proc = tool.start(port, ["-inMemory", "-sharedDb"])
    try:
        yield "http://127.0.0.1:%d" % port
    finally:
        proc.kill()
        proc.wait()
