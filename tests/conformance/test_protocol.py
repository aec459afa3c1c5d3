# Pins the DynamoDB JSON-1.0 wire protocol: the error shape ({"__type": "<namespace>#<Code>",
# "message": ...}), HTTP status codes, what happens without an Authorization header, with an
# unknown X-Amz-Target, with a malformed body, and the x-amzn-RequestId / x-amz-crc32 response
# headers. Uses raw http.client, not boto3. Where DynamoDB Local answers otherwise
# (docs/notes/service-errors.md §1.1) the test carries local_deviation.
import json
import re
import zlib

import pytest

from ddbtest import LENGTH_MSG, table_not_found_msg

CT = "application/x-amz-json-1.0"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FAKE_AUTH = ("AWS4-HMAC-SHA256 Credential=testkey/20260101/us-east-1/dynamodb/aws4_request, "
             "SignedHeaders=host, Signature=0")


def headers(target="DynamoDB_20120810.ListTables", auth=True):
    h = {"Content-Type": CT, "X-Amz-Target": target}
    if auth:
        h["Authorization"] = FAKE_AUTH
    return h


UNKNOWN_OPERATION = {"__type": "com.amazon.coral.service#UnknownOperationException"}


# DynamoDB Local: com.amazonaws.dynamodb.v20120810#MissingAuthenticationToken "Request must
# contain either a valid (registered) AWS access key ID or X.509 certificate."
@pytest.mark.local_deviation
def test_missing_authorization_header(raw):
    r = raw.send(b"{}", headers(auth=False))
    assert r.status == 400
    assert r.json == {"__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                      "message": "Request is missing Authentication Token"}, r


def test_unsigned_but_well_formed_authorization_is_accepted(raw):
    # DynamoDB Local does not verify signatures; it only parses the header.
    r = raw.send(b"{}", headers())
    assert r.status == 200
    assert "TableNames" in r.json


# DynamoDB Local: ...v20120810#UnknownOperationException "An unknown operation was requested."
@pytest.mark.local_deviation
def test_unknown_operation(raw):
    r = raw.send(b"{}", headers("DynamoDB_20120810.Frobnicate"))
    assert r.status == 400 and r.json == UNKNOWN_OPERATION, r


# DynamoDB Local: ...v20120810#InvalidAction "The action or operation requested is invalid.
# Verify that the action is typed correctly."
@pytest.mark.local_deviation
def test_unknown_target_prefix(raw):
    r = raw.send(b"{}", headers("Foo.ListTables"))
    assert r.status == 400 and r.json == UNKNOWN_OPERATION, r


@pytest.mark.local_deviation
@pytest.mark.parametrize("body", [b"{not json", b"", b"[]", b'{"TableName": '])
def test_malformed_json_is_serialization_exception(raw, body):
    # The service answers 400 SerializationException; DynamoDB Local answers
    # 500 InternalFailure (see test_malformed_json_local_internal_failure_shape).
    r = raw.send(body, headers("DynamoDB_20120810.DescribeTable"))
    assert r.status == 400
    assert r.code == "SerializationException"


@pytest.mark.local_deviation
def test_wrong_json_type_for_member_is_serialization_exception(raw):
    r = raw.call("ListTables", body=b'{"Limit": "abc"}')
    assert r.status == 400
    assert r.code == "SerializationException"


@pytest.mark.local_deviation  # Local: "Message", and its own table-name text
def test_error_body_shape(raw):
    r = raw.call("DescribeTable", {"TableName": "x"})
    assert r.status == 400
    assert r.headers["content-type"] == CT
    assert r.json == {"__type": "com.amazon.coral.validate#ValidationException",
                      "message": LENGTH_MSG}


@pytest.mark.local_deviation
def test_resource_not_found_type_namespace(raw):
    r = raw.call("DescribeTable", {"TableName": "conf-no-such-table"})
    assert r.status == 400
    assert r.error_type == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
    assert r.message == table_not_found_msg("conf-no-such-table")


def test_unknown_member_is_ignored(raw):
    r = raw.call("ListTables", {"NoSuchMember": 1})
    assert r.status == 200
    assert isinstance(r.json["TableNames"], list)


def test_request_id_header_is_uuid_and_unique(raw):
    ids = set()
    for _ in range(3):
        r = raw.call("ListTables", {})
        assert r.status == 200
        assert UUID_RE.match(r.headers["x-amzn-requestid"]), r.headers
        ids.add(r.headers["x-amzn-requestid"])
    assert len(ids) == 3


def test_request_id_on_errors(raw):
    r = raw.call("DescribeTable", {"TableName": "conf-no-such-table"})
    assert UUID_RE.match(r.headers["x-amzn-requestid"])


def test_crc32_header_matches_body(raw, table):
    raw.ok("PutItem", {"TableName": table, "Item": {"pk": {"S": "a"}, "sk": {"S": "b"},
                                                    "v": {"S": "héllo ✓"}}})
    for op, payload in [("ListTables", {}), ("DescribeTable", {"TableName": table}),
                        ("GetItem", {"TableName": table,
                                     "Key": {"pk": {"S": "a"}, "sk": {"S": "b"}}}),
                        ("Scan", {"TableName": table})]:
        r = raw.call(op, payload)
        assert r.status == 200
        assert int(r.headers["x-amz-crc32"]) == zlib.crc32(r.body) & 0xFFFFFFFF, op
        assert int(r.headers["content-length"]) == len(r.body)


def test_success_content_type(raw):
    r = raw.call("ListTables", {})
    assert r.headers["content-type"] == CT


def test_content_type_1_1_also_accepted(raw):
    body = b"{}"
    h = raw.signed_headers("DynamoDB_20120810.ListTables", body)
    h["Content-Type"] = "application/x-amz-json-1.1"
    r = raw.send(body, h)
    assert r.status == 200
    assert r.headers["content-type"] == CT


def test_non_ascii_round_trips_as_utf8(raw, table):
    text = "日本語 – émoji 😀"
    raw.ok("PutItem", {"TableName": table, "Item": {"pk": {"S": text}, "sk": {"S": "x"}}})
    r = raw.call("GetItem", {"TableName": table, "Key": {"pk": {"S": text}, "sk": {"S": "x"}}})
    assert r.json["Item"]["pk"]["S"] == text
    assert json.loads(r.body.decode("utf-8"))["Item"]["pk"]["S"] == text


def test_boto3_sees_error_code(ddb):
    with pytest.raises(ddb.exceptions.ResourceNotFoundException) as info:
        ddb.describe_table(TableName="conf-no-such-table")
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
