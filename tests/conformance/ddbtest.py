"""Shared helpers for the conformance suite (imported by conftest.py and the tests).

RawClient sends hand-built JSON requests, signed with SigV4 by botocore, so that tests can
use parameters newer than the installed botocore model (DeletionProtectionEnabled,
ReturnValuesOnConditionCheckFailure) and see the exact wire response (``__type``, headers).
"""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import time
import uuid
from urllib.parse import urlparse

import botocore.exceptions
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

REGION = "us-east-1"
ACCESS_KEY = "testkey"
SECRET_KEY = "testsecret"
TARGET_PREFIX = "DynamoDB_20120810."
# Table-level operations without a TableName, or with one of the wrong length (§1.5); a name
# of the right length but outside the pattern is a NAME_PATTERN violation.
REQUIRED_MSG = "The parameter 'TableName' is required but was not present in the request"
LENGTH_MSG = "TableName must be at least 3 characters long and at most 255 characters long"
# The service's constraint texts (docs/notes/service-errors.md §1.2).
NAME_PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
NOT_NULL = "Member must not be null"
MIN = "Member must have length greater than or equal to %d"
MAX = "Member must have length less than or equal to %d"
GE = "Member must have value greater than or equal to %d"
LE = "Member must have value less than or equal to %d"
ENUM = "Member must satisfy enum value set: [%s]"
SHAPE = "com.amazonaws.dynamodb.v20120810."
# The Condition / ExpectedAttributeValue ComparisonOperator enum, in the model's order (§2.5).
COMPARISON_OPERATORS = ("IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, "
                        "BEGINS_WITH, GE, CONTAINS")
# The service's ResourceNotFoundException (docs/notes/service-errors.md §1.9): item operations
# say NOT_FOUND_MSG, table operations name the table. DynamoDB Local says "Cannot do operations
# on a non-existent table" for both (tests asserting these carry local_deviation).
NOT_FOUND_MSG = "Requested resource not found"


def table_not_found_msg(name):
    return "Requested resource not found: Table: %s not found" % name


def violation(value, path, constraint):
    """One constraint violation, as §1.2/§1.3 render it."""
    shown = "null" if value is None else "'%s'" % value
    return "Value %s at '%s' failed to satisfy constraint: %s" % (shown, path, constraint)


def violations(*items):
    """The whole message: 'N validation error(s) detected: a; b'."""
    n = len(items)
    return "%d validation error%s detected: %s" % (n, "" if n == 1 else "s", "; ".join(items))


def one_violation(value, path, constraint):
    return violations(violation(value, path, constraint))


def java_object(shape):
    """Regex for a model object as Java prints it inside a Value (§1.3; the hash varies)."""
    return re.escape(SHAPE + shape) + "@[0-9a-f]+"


def java_list(items):
    """Regex for a Java list of the given element regexes: [a, b]."""
    return r"\[" + ", ".join(items) + r"\]"


def java_map(entries):
    """Regex for a Java map of (key, value regex) pairs: {k=v, k2=v2}."""
    return r"\{" + ", ".join(re.escape(k) + "=" + v for k, v in entries) + r"\}"


def assert_one_violation(message, value_re, path, constraint):
    """message is the single violation of a value matching value_re (a regex)."""
    head, tail = one_violation("\0", path, constraint).split("\0")
    assert re.fullmatch(re.escape(head) + value_re + re.escape(tail), message, re.S), \
        message[:1000]


def N(x):
    """A number attribute value."""
    return {"N": str(x)}


def S(x):
    """A string attribute value."""
    return {"S": x}


def cond(op, *values):
    """A legacy condition (Expected / KeyConditions / QueryFilter / ScanFilter entry)."""
    c = {"ComparisonOperator": op}
    if values:
        c["AttributeValueList"] = list(values)
    return c


def unique_name(label="t"):
    return "conf-%s-%s" % (label, uuid.uuid4().hex[:10])


def hash_range_schema(hash_type="S", range_type="S", hash_name="pk", range_name="sk"):
    ks = [{"AttributeName": hash_name, "KeyType": "HASH"}]
    ad = [{"AttributeName": hash_name, "AttributeType": hash_type}]
    if range_type:
        ks.append({"AttributeName": range_name, "KeyType": "RANGE"})
        ad.append({"AttributeName": range_name, "AttributeType": range_type})
    return {"KeySchema": ks, "AttributeDefinitions": ad}


class RawResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-cased names
        self.body = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    @property
    def error_type(self):
        """The full __type, e.g. com.amazon.coral.validate#ValidationException."""
        return (self.json or {}).get("__type")

    @property
    def code(self):
        t = self.error_type
        return t.split("#")[-1] if t else None

    @property
    def message(self):
        j = self.json or {}
        return j.get("Message", j.get("message"))

    def __repr__(self):
        return "RawResponse(%d, %r)" % (self.status, self.body[:500])


class RawClient:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        u = urlparse(endpoint)
        self.host, self.port = u.hostname, u.port or 80
        self.creds = Credentials(ACCESS_KEY, SECRET_KEY)

    def send(self, body, headers, path="/"):
        """Send bytes with exactly these headers (no signing)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            hdrs = {k.lower(): v for k, v in resp.getheaders()}
            return RawResponse(resp.status, hdrs, data)
        finally:
            conn.close()

    def signed_headers(self, target, body):
        req = AWSRequest(method="POST", url=self.endpoint + "/", data=body, headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target})
        SigV4Auth(self.creds, "dynamodb", REGION).add_auth(req)
        return dict(req.headers.items())

    def call(self, operation, payload=None, target=None, body=None):
        """Signed request; payload is a dict (JSON-encoded) unless body bytes are given."""
        if body is None:
            body = json.dumps(payload if payload is not None else {}).encode()
        target = target or TARGET_PREFIX + operation
        return self.send(body, self.signed_headers(target, body))

    def ok(self, operation, payload=None):
        r = self.call(operation, payload)
        assert r.status == 200, r
        return r.json


def partiql_statement(statement, *parameters, **members):
    """One entry of BatchExecuteStatement's Statements or ExecuteTransaction's
    TransactStatements: the statement, its ? parameters (AttributeValues) and other members."""
    entry = {"Statement": statement, **members}
    if parameters:
        entry["Parameters"] = list(parameters)
    return entry


def string_key(pk, sk):
    """The key of the `table` fixture's tables (pk S, sk S)."""
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def stored_item(ddb, table, pk, sk):
    """The item at (pk, sk) of a `table` fixture's table, read consistently; None if absent."""
    return ddb.get_item(TableName=table, Key=string_key(pk, sk), ConsistentRead=True).get("Item")


def assert_raw_error(resp, code, message=None, status=400):
    assert resp.status == status, resp
    assert resp.code == code, resp
    if message is not None:
        assert resp.message == message, resp


def assert_client_error(fn, code, message=None, status=400, **kwargs):
    """Call a boto3 method, expect a ClientError with this code/message/status; return it."""
    with pytest.raises(botocore.exceptions.ClientError) as info:
        fn(**kwargs)
    err = info.value.response
    assert err["Error"]["Code"] == code, err
    if message is not None:
        assert err["Error"]["Message"] == message, err
    assert err["ResponseMetadata"]["HTTPStatusCode"] == status, err
    return err


def aws_cli_binary():
    env = os.environ.get("AWS_CLI")
    if env:
        return env
    # Debian's CLI v2 lives in /usr/bin; a pyenv shim earlier on PATH may be a v1 without botocore.
    if os.path.exists("/usr/bin/aws"):
        return "/usr/bin/aws"
    return shutil.which("aws")


class CliResult:
    def __init__(self, rc, stdout, stderr, fmt):
        self.rc, self.stdout, self.stderr = rc, stdout, stderr
        self.json = None
        if fmt == "json" and stdout.strip():
            self.json = json.loads(stdout)

    def __repr__(self):
        return "CliResult(rc=%d, stdout=%r, stderr=%r)" % (self.rc, self.stdout[:400],
                                                           self.stderr[:400])


def run_aws_cli(endpoint, args, output="json", timeout=120):
    binary = aws_cli_binary()
    if not binary:
        pytest.skip("aws CLI not installed")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") or k in ("AWS_CLI",)}
    env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                "AWS_DEFAULT_REGION": REGION, "AWS_PAGER": "",
                "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"})
    cmd = [binary, "--endpoint-url", endpoint, "--output", output, "dynamodb"] + list(args)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                       stdin=subprocess.DEVNULL)
    return CliResult(p.returncode, p.stdout, p.stderr, output)


# ---- servers of a test's own (CORS, signatures, the start banner) ----

def server_binary():
    binary = os.environ.get("DDB_SERVER_BIN") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "release", "ddb-server")
    for _ in range(12):  # the binary may be being rebuilt
        if os.path.exists(binary):
            return binary
        time.sleep(5)
    pytest.skip("ddb-server binary not found at %s" % binary)


def start_server(args, stdout=subprocess.DEVNULL):
    """A ddb-server of its own (in memory, a free port) with `args`; returns (process, port)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([server_binary(), "--in-memory", "--port", str(port)] + args,
                            stdout=stdout, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return proc, port


def stop_server(proc):
    proc.kill()  # in memory: nothing to flush
    proc.wait()
