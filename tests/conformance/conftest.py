"""Session fixtures for the DynamoDB conformance suite.

Which server the suite talks to:
  DDB_ENDPOINT=http://host:port   an already running server (nothing is started)
  DDB_TARGET=local                Amazon DynamoDB Local (Java), started once per session by
                                  tests/tools/dynamodb_local.py
  DDB_TARGET=ddb (default)        our ddb-server: $DDB_SERVER_BIN, default
                                  <repo>/build/release/ddb-server, run as
                                  `ddb-server --in-memory --port P`

Markers: `later` = feature ddb-server does not have yet (xfail unless target is local);
`local_deviation` = DynamoDB Local differs from the documented service; the test asserts the
documented behaviour and is xfail against DynamoDB Local (see DEVIATIONS.md).
"""
import os
import socket
import subprocess
import sys

import boto3
import pytest
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "tools"))

import dynamodb_local  # noqa: E402
from ddbtest import (REGION, ACCESS_KEY, SECRET_KEY, RawClient, hash_range_schema,  # noqa: E402
                     run_aws_cli, unique_name)

PORT_RANGE = range(8100, 8200)


def target():
    if os.environ.get("DDB_ENDPOINT"):
        return "endpoint"
    return os.environ.get("DDB_TARGET", "ddb")


def pytest_configure(config):
    config.addinivalue_line("markers", "later: needs a feature ddb-server lacks for now; "
                            "xfail unless DDB_TARGET=local")
    config.addinivalue_line("markers", "local_deviation: DynamoDB Local deviates from the "
                            "documented service; xfail when DDB_TARGET=local")
    config.addinivalue_line("markers", "ddb_only: pins ddb-server's own answer for a feature it "
                            "lacks; skipped against DynamoDB Local")


def pytest_collection_modifyitems(config, items):
    tgt = target()
    is_local = tgt == "local" or os.environ.get("DDB_ENDPOINT_IS_LOCAL") == "1"
    for item in items:
        if item.get_closest_marker("local_deviation") and is_local:
            item.add_marker(pytest.mark.xfail(
                reason="DynamoDB Local deviates from the service (DEVIATIONS.md)", strict=False))
        if item.get_closest_marker("ddb_only") and is_local:
            item.add_marker(pytest.mark.skip(reason="ddb-server's own answer"))
        if item.get_closest_marker("later") and not is_local:
            item.add_marker(pytest.mark.xfail(reason="not implemented in ddb-server yet",
                                              strict=False))


def free_port():
    for port in PORT_RANGE:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8100-8199")


def _stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def endpoint():
    explicit = os.environ.get("DDB_ENDPOINT")
    if explicit:
        yield explicit.rstrip("/")
        return
    tgt = target()
    port = free_port()
    if tgt == "local":
        proc = dynamodb_local.start(port, ["-inMemory", "-sharedDb"])
    elif tgt == "ddb":
        binary = os.environ.get("DDB_SERVER_BIN",
                                os.path.join(REPO, "build", "release", "ddb-server"))
        if not os.path.exists(binary):
            pytest.exit("ddb-server binary not found at %s (set DDB_SERVER_BIN, or "
                        "DDB_TARGET=local / DDB_ENDPOINT)" % binary, returncode=2)
        log_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "ddb-server-%d.log" % port)
        log = open(log_path, "wb")
        proc = subprocess.Popen([binary, "--in-memory", "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            dynamodb_local.wait_until_answers(port, proc, timeout=30, log=log_path)
        except Exception:
            _stop(proc)
            raise
    else:
        raise pytest.UsageError("DDB_TARGET must be 'ddb' or 'local', not %r" % tgt)
    try:
        yield "http://127.0.0.1:%d" % port
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def ddb(endpoint):
    """boto3 DynamoDB client; client-side parameter validation is off so the server's own
    validation is what gets tested."""
    return boto3.client(
        "dynamodb", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"total_max_attempts": 1}, parameter_validation=False,
                      read_timeout=120, connect_timeout=10))


@pytest.fixture(scope="session")
def raw(endpoint):
    """RawClient: signed JSON requests with full access to status, headers and body."""
    return RawClient(endpoint)


def _create(ddb, name, hash_type="S", range_type="S", **kwargs):
    params = dict(TableName=name, **hash_range_schema(hash_type, range_type))
    if "ProvisionedThroughput" not in kwargs and "BillingMode" not in kwargs:
        params["BillingMode"] = "PAY_PER_REQUEST"
    params.update(kwargs)
    ddb.create_table(**params)
    return name


def _drop(ddb, raw, name):
    # Deletion protection may have been switched on by the test.
    raw.call("UpdateTable", {"TableName": name, "DeletionProtectionEnabled": False})
    try:
        ddb.delete_table(TableName=name)
    except ddb.exceptions.ResourceNotFoundException:
        pass


@pytest.fixture
def make_table(ddb, raw):
    """Factory: make_table(hash_type="S", range_type="S", **CreateTable kwargs) -> name.
    range_type=None gives a hash-only table. Tables are deleted after the test."""
    names = []

    def make(hash_type="S", range_type="S", name=None, **kwargs):
        name = name or unique_name()
        _create(ddb, name, hash_type, range_type, **kwargs)
        names.append(name)
        return name

    yield make
    for name in names:
        _drop(ddb, raw, name)


@pytest.fixture
def cleanup(ddb, raw):
    """A list of table names to delete after the test (tables a test may fail to create)."""
    names = []
    yield names
    for n in names:
        raw.call("UpdateTable", {"TableName": n, "DeletionProtectionEnabled": False})
        raw.call("DeleteTable", {"TableName": n})


@pytest.fixture
def table(make_table):
    """A fresh hash+range (pk S, sk S) PAY_PER_REQUEST table, deleted after the test."""
    return make_table()


@pytest.fixture(scope="module")
def shared_table(ddb, raw):
    """One hash+range (pk S, sk S) table per test module, for read-heavy tests that seed it
    once (use unique partition keys per test to stay independent)."""
    name = _create(ddb, unique_name("shared"))
    yield name
    _drop(ddb, raw, name)


@pytest.fixture(scope="session")
def aws_cli(endpoint):
    """aws_cli(*args, output="json") -> CliResult(rc, stdout, stderr, json)."""
    def run(*args, output="json"):
        return run_aws_cli(endpoint, args, output=output)
    return run
