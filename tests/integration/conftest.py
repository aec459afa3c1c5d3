# Helpers for the integration suite: start and stop real ddb-server processes on free ports in
# 8300-8399 with a temporary data folder, wait until they answer, collect their stdout/stderr,
# and build boto3 clients for them. Binary: $DDB_SERVER_BIN, default build/release/ddb-server.
import http.client
import os
import random
import signal
import socket
import subprocess
import time

import boto3
import pytest
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BIN = os.environ.get("DDB_SERVER_BIN", os.path.join(REPO, "build", "release", "ddb-server"))
PORT_RANGE = range(8300, 8400)
REGION = "us-east-1"
ACCESS_KEY = "AKIDINTEGRATION"
SECRET_KEY = "integration-secret"

_handed_out = set()


def port_is_free(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) != 0


def free_port():
    """A port in 8300-8399 that nothing listens on and this run has not handed out yet."""
    ports = list(PORT_RANGE)
    random.shuffle(ports)
    for port in ports:
        if port not in _handed_out and port_is_free(port):
            _handed_out.add(port)
            return port
    _handed_out.clear()
    for port in ports:
        if port_is_free(port):
            _handed_out.add(port)
            return port
    raise RuntimeError("no free port in 8300-8399")


def answers(port, timeout=2.0):
    """Status of a ListTables POST on the port, or None when nothing answers."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("POST", "/", body=b"{}", headers={
            "X-Amz-Target": "DynamoDB_20120810.ListTables",
            "Content-Type": "application/x-amz-json-1.0",
            "Authorization": "AWS4-HMAC-SHA256 Credential=%s/20260101/%s/dynamodb/aws4_request, "
                             "SignedHeaders=host, Signature=0" % (ACCESS_KEY, REGION)})
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


def client(port, access_key=ACCESS_KEY, region=REGION, read_timeout=60):
    """A boto3 client that never retries, so every error the server gives is seen."""
    return boto3.client(
        "dynamodb", endpoint_url="http://127.0.0.1:%d" % port, region_name=region,
        aws_access_key_id=access_key, aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"total_max_attempts": 1}, read_timeout=read_timeout,
                      connect_timeout=5, max_pool_connections=32))


class Server:
    """One ddb-server process. args are passed verbatim; output goes to files in logdir."""

    def __init__(self, args, port, logdir, cwd=None):
        self.args = [BIN] + list(args)
        self.port = port
        self.cwd = cwd
        os.makedirs(logdir, exist_ok=True)
        tag = "%d-%d" % (port, int(time.time() * 1e6))
        self.out_path = os.path.join(logdir, "ddb-server-%s.out" % tag)
        self.err_path = os.path.join(logdir, "ddb-server-%s.err" % tag)
        self.proc = None
        self.started_at = None
        self.first_answer_after = None

    def start(self):
        self.started_at = time.monotonic()
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(self.args, stdout=out, stderr=err,
                                         stdin=subprocess.DEVNULL, cwd=self.cwd)
        return self

    def wait_ready(self, timeout=30.0):
        """Polls until the server answers a ListTables with 200; fails if it exits first."""
        deadline = time.monotonic() + timeout
        # The start line is printed once the port is bound, so an answer after it is ours and
        # not some other process's that held the port.
        while time.monotonic() < deadline and " listening on " not in self.stdout:
            if self.proc.poll() is not None:
                raise AssertionError("ddb-server exited with %d before answering: %s"
                                     % (self.proc.returncode, self.describe()))
            time.sleep(0.005)
        while time.monotonic() < deadline:
            status = answers(self.port, timeout=1.0)
            if status is not None:
                self.first_answer_after = time.monotonic() - self.started_at
                assert status == 200, "ListTables answered %d: %s" % (status, self.describe())
                return self
            if self.proc.poll() is not None:
                raise AssertionError("ddb-server exited with %d before answering: %s"
                                     % (self.proc.returncode, self.describe()))
            time.sleep(0.01)
        raise AssertionError("ddb-server did not answer within %.0fs: %s"
                             % (timeout, self.describe()))

    @property
    def stdout(self):
        with open(self.out_path, "r", errors="replace") as f:
            return f.read()

    @property
    def stderr(self):
        with open(self.err_path, "r", errors="replace") as f:
            return f.read()

    def describe(self):
        return "%s\n--- stdout:\n%s--- stderr:\n%s" % (" ".join(self.args), self.stdout,
                                                        self.stderr)

    def client(self, **kwargs):
        return client(self.port, **kwargs)

    def streams(self):
        """A boto3 DynamoDB Streams client for this server, never retrying."""
        return boto3.client(
            "dynamodbstreams", endpoint_url="http://127.0.0.1:%d" % self.port,
            region_name=REGION, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=Config(retries={"total_max_attempts": 1}, read_timeout=30, connect_timeout=5))

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def send(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout=30.0):
        return self.proc.wait(timeout=timeout)

    def stop(self, sig=signal.SIGTERM, timeout=30.0):
        """Sends sig and returns the exit code (kills and fails if it does not exit)."""
        if self.proc.poll() is not None:
            return self.proc.returncode
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("ddb-server did not exit within %.0fs of signal %d: %s"
                                 % (timeout, sig, self.describe()))

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        return self.proc.wait(timeout=30)


def run_binary(args, cwd=None, timeout=30):
    """Runs ddb-server to completion (for flags that exit at once)."""
    return subprocess.run([BIN] + list(args), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="session", autouse=True)
def _binary_exists():
    if not os.access(BIN, os.X_OK):
        pytest.exit("ddb-server binary not found at %s (set DDB_SERVER_BIN)" % BIN, returncode=2)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    return str(path)


@pytest.fixture
def servers(tmp_path):
    """Factory: servers(db_path=..., extra=[...]) starts a ddb-server on a free port and waits
    until it answers. Every server still running at teardown is stopped."""
    started = []

    def start(db_path=None, extra=(), args=None, port=None, wait=True, cwd=None):
        port = port or free_port()
        if args is None:
            args = ["--port", str(port)]
            if db_path is not None:
                args += ["--db-path", db_path]
            args += list(extra)
        server = Server(args, port, str(tmp_path / "logs"), cwd=cwd).start()
        started.append(server)
        if wait:
            server.wait_ready()
        return server

    yield start
    for server in started:
        if server.running():
            server.proc.kill()
            server.proc.wait()


def create_table(ddb, name, range_key=False, **kwargs):
    attrs = [{"AttributeName": "pk", "AttributeType": "S"}]
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if range_key:
        attrs.append({"AttributeName": "sk", "AttributeType": "S"})
        keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
    params = dict(TableName=name, AttributeDefinitions=attrs, KeySchema=keys,
                  BillingMode="PAY_PER_REQUEST")
    params.update(kwargs)
    return ddb.create_table(**params)["TableDescription"]


def scan_all(ddb, table, **kwargs):
    items, start = [], None
    while True:
        params = dict(TableName=table, ConsistentRead=True, **kwargs)
        if start:
            params["ExclusiveStartKey"] = start
        page = ddb.scan(**params)
        items.extend(page["Items"])
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def raw_call(conn, target, body, access_key=ACCESS_KEY, region=REGION):
    """One request on an http.client connection, keeping it alive. Returns the response (read)
    and its body parsed as JSON. Lets a test see headers such as Connection: close."""
    import json
    conn.request("POST", "/", body=json.dumps(body).encode(), headers={
        "X-Amz-Target": "DynamoDB_20120810." + target,
        "Content-Type": "application/x-amz-json-1.0",
        "Connection": "keep-alive",
        "Authorization": "AWS4-HMAC-SHA256 Credential=%s/20260101/%s/dynamodb/aws4_request, "
                         "SignedHeaders=host, Signature=0" % (access_key, region)})
    resp = conn.getresponse()
    data = resp.read()
    return resp, json.loads(data)


def all_records(streams, arn):
    """Every record of the stream's shard from TRIM_HORIZON, read until a page comes back empty."""
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                    ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = []
    while it:
        page = streams.get_records(ShardIterator=it)
        records += page["Records"]
        if not page["Records"]:
            break
        it = page.get("NextShardIterator")
    return records
