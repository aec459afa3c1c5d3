"""Shared helpers for the conformance suite (imported by conftest.py and the tests).

RawClient sends hand-built JSON requests, signed with SigV4 by botocore, so that tests can
use parameters newer than the installed botocore model (DeletionProtectionEnabled,
ReturnValuesOnConditionCheckFailure) and see the exact wire response (``__type``, headers).
"""
import http.client
import json
import os
import shutil
import subprocess
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
TABLE_NAME_MSG = ("Invalid table/index name.  Table/index names must be between 3 and 255 "
                  "characters long, and may contain only the characters a-z, A-Z, 0-9, '_', "
                  "'-', and '.'")
NOT_FOUND_MSG = "Cannot do operations on a non-existent table"


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
