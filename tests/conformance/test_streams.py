# Pins DynamoDB Streams as DynamoDB Local implements it, through boto3's `dynamodbstreams`
# client on the same endpoint (X-Amz-Target DynamoDBStreams_20120810.*): StreamSpecification on
# CreateTable / UpdateTable and its errors; LatestStreamArn / LatestStreamLabel in DescribeTable;
# ListStreams (TableName, Limit, ExclusiveStartStreamArn); DescribeStream; GetShardIterator
# (TRIM_HORIZON, LATEST, AT_/AFTER_SEQUENCE_NUMBER); GetRecords (record shape, images per view
# type, SizeBytes, Limit, NextShardIterator, closed shards); which writes make records; ordering;
# and the errors for bad iterators, sequence numbers, shards and stream ARNs.
import json
import re
import time

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config

from ddbtest import (ACCESS_KEY, ENUM, MIN, NOT_NULL, REGION, SECRET_KEY,
                     assert_client_error, assert_raw_error, one_violation, unique_name)


K = {"pk": {"S": "a"}, "sk": {"S": "1"}}
VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"]
LABEL_RE = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}"
SEQ_RE = re.compile(r"^\d{21}$")
UNKNOWN_ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/nope/stream/2020-01-01T00:00:00.000"
STREAMS_PREFIX = "DynamoDBStreams_20120810."


@pytest.fixture(scope="module")
def streams(endpoint):
    """boto3 DynamoDB Streams client on the same endpoint (server-side validation only)."""
    return boto3.client(
        "dynamodbstreams", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"total_max_attempts": 1}, parameter_validation=False,
                      read_timeout=120, connect_timeout=10))


@pytest.fixture(scope="module")
def sraw(raw):
    """sraw(operation, payload) -> RawResponse for a DynamoDBStreams_20120810 call."""
    def call(operation, payload):
        body = json.dumps(payload).encode()
        req = AWSRequest(method="POST", url=raw.endpoint + "/", data=body, headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": STREAMS_PREFIX + operation})
        SigV4Auth(raw.creds, "dynamodb", REGION).add_auth(req)
        return raw.send(body, dict(req.headers.items()))
    return call


def spec(view):
    return {"StreamEnabled": True, "StreamViewType": view}


@pytest.fixture
def stream_table(make_table, ddb):
    """stream_table(view="NEW_AND_OLD_IMAGES", **kw) -> (table name, stream ARN)."""
    def make(view="NEW_AND_OLD_IMAGES", **kw):
        name = make_table(StreamSpecification=spec(view), **kw)
        return name, ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    return make


def shard_id(streams, arn):
    return streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]


def iterator(streams, arn, kind="TRIM_HORIZON", **kw):
    return streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id(streams, arn),
                                      ShardIteratorType=kind, **kw)["ShardIterator"]


def records(streams, arn):
    return streams.get_records(ShardIterator=iterator(streams, arn))["Records"]


def seqs(recs):
    return [r["dynamodb"]["SequenceNumber"] for r in recs]


def names(recs):
    return [r["eventName"] for r in recs]


# ---- StreamSpecification on CreateTable / UpdateTable / DescribeTable ----------------------

@pytest.mark.parametrize("view", VIEW_TYPES)
def test_create_table_with_stream(ddb, view):
    name = unique_name()
    td = ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                          StreamSpecification=spec(view),
                          KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}]
                          )["TableDescription"]
    try:
        d = ddb.describe_table(TableName=name)["Table"]
        for t in (td, d):
            assert t["StreamSpecification"] == spec(view)
            assert re.fullmatch(r"arn:aws:dynamodb:ddblocal:000000000000:table/%s/stream/%s"
                                % (re.escape(name), LABEL_RE), t["LatestStreamArn"])
            assert t["LatestStreamArn"].endswith("/stream/" + t["LatestStreamLabel"])
        assert d["LatestStreamArn"] == td["LatestStreamArn"]
    finally:
        ddb.delete_table(TableName=name)


def test_table_without_stream_has_no_stream_fields(ddb, table):
    d = ddb.describe_table(TableName=table)["Table"]
    assert not {"StreamSpecification", "LatestStreamArn", "LatestStreamLabel"} & set(d)


def test_create_table_with_stream_disabled(ddb, make_table):
    name = make_table(StreamSpecification={"StreamEnabled": False})
    d = ddb.describe_table(TableName=name)["Table"]
    assert not {"StreamSpecification", "LatestStreamArn", "LatestStreamLabel"} & set(d)


@pytest.mark.parametrize("stream_spec,message", [
    ({"StreamEnabled": True}, "Invalid StreamViewType: Stream ViewType must not be null or empty "
     "when enabling streams."),
    # Constraint violations (the model's enum order); DynamoDB Local: "Invalid StreamViewType:
    # BOGUS", "Stream StreamEnabled was null".
    pytest.param({"StreamEnabled": True, "StreamViewType": "BOGUS"}, one_violation(
        "BOGUS", "streamSpecification.streamViewType",
        ENUM % "NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY"),
        marks=pytest.mark.local_deviation),
    ({"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"}, "Invalid StreamViewType: Stream "
     "StreamEnabled was false but a StreamViewType was present."),
    pytest.param({"StreamViewType": "KEYS_ONLY"}, one_violation(
        None, "streamSpecification.streamEnabled", NOT_NULL), marks=pytest.mark.local_deviation),
])
def test_create_table_stream_spec_errors(ddb, stream_spec, message):
    name = unique_name()
    assert_client_error(ddb.create_table, "ValidationException", message, TableName=name,
                        BillingMode="PAY_PER_REQUEST", StreamSpecification=stream_spec,
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    assert name not in ddb.list_tables()["TableNames"]


def test_update_table_enables_stream(ddb, streams, table):
    td = ddb.update_table(TableName=table, StreamSpecification=spec("NEW_IMAGE"))["TableDescription"]
    assert td["StreamSpecification"] == spec("NEW_IMAGE")
    assert td["LatestStreamArn"].endswith("/stream/" + td["LatestStreamLabel"])
    d = ddb.describe_table(TableName=table)["Table"]
    assert d["LatestStreamArn"] == td["LatestStreamArn"]
    desc = streams.describe_stream(StreamArn=td["LatestStreamArn"])["StreamDescription"]
    assert desc["StreamStatus"] == "ENABLED" and desc["StreamViewType"] == "NEW_IMAGE"


@pytest.mark.parametrize("view", ["NEW_AND_OLD_IMAGES", "KEYS_ONLY"])
def test_enable_stream_twice_rejected(ddb, stream_table, view):
    name, _ = stream_table()
    assert_client_error(ddb.update_table, "ValidationException",
                        "Table already has an enabled stream", TableName=name,
                        StreamSpecification=spec(view))


def test_disable_stream(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=K)
    last = seqs(records(streams, arn))[-1]
    td = ddb.update_table(TableName=name,
                          StreamSpecification={"StreamEnabled": False})["TableDescription"]
    d = ddb.describe_table(TableName=name)["Table"]
    for t in (td, d):  # the spec goes away, the latest ARN / label stay
        assert "StreamSpecification" not in t
        assert t["LatestStreamArn"] == arn
        assert arn.endswith("/stream/" + t["LatestStreamLabel"])
    desc = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert desc["StreamStatus"] == "DISABLED"
    assert desc["Shards"][0]["SequenceNumberRange"]["EndingSequenceNumber"] == last
    ddb.put_item(TableName=name, Item=dict(K, sk={"S": "2"}))
    assert len(records(streams, arn)) == 1


@pytest.mark.parametrize("stream_spec,message", [
    ({"StreamEnabled": False}, "Table has no stream to disable"),
    ({"StreamEnabled": True}, "Invalid StreamViewType: Stream ViewType must not be null or empty "
     "when enabling streams."),
    ({"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"}, "Invalid StreamViewType: Stream "
     "StreamEnabled was false but a StreamViewType was present."),
])
def test_update_table_stream_errors(ddb, table, stream_spec, message):
    assert_client_error(ddb.update_table, "ValidationException", message, TableName=table,
                        StreamSpecification=stream_spec)


def test_stream_and_throughput_change_together_rejected(ddb, stream_table):
    name, _ = stream_table(ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    assert_client_error(ddb.update_table, "ValidationException",
                        "Cannot change IOPS and Streams at the same time.", TableName=name,
                        StreamSpecification={"StreamEnabled": False},
                        ProvisionedThroughput={"ReadCapacityUnits": 2, "WriteCapacityUnits": 2})
    assert ddb.describe_table(TableName=name)["Table"]["StreamSpecification"] == spec(
        "NEW_AND_OLD_IMAGES")


def test_reenabling_creates_a_new_stream(ddb, streams, stream_table):
    name, old = stream_table("KEYS_ONLY")
    ddb.put_item(TableName=name, Item=K)
    ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
    time.sleep(0.01)
    new = ddb.update_table(TableName=name, StreamSpecification=spec("NEW_IMAGE")
                           )["TableDescription"]["LatestStreamArn"]
    assert new != old
    ddb.put_item(TableName=name, Item=dict(K, sk={"S": "2"}))
    assert [r["dynamodb"]["Keys"]["sk"] for r in records(streams, new)] == [{"S": "2"}]
    assert [r["dynamodb"]["Keys"]["sk"] for r in records(streams, old)] == [{"S": "1"}]
    assert streams.describe_stream(StreamArn=old)["StreamDescription"]["StreamStatus"] == "DISABLED"
    listed = streams.list_streams(TableName=name)["Streams"]
    assert [s["StreamArn"] for s in listed] == [new, old]  # newest first


# ---- ListStreams ---------------------------------------------------------------------------

def test_list_streams_for_table(streams, stream_table):
    name, arn = stream_table()
    r = streams.list_streams(TableName=name)
    r.pop("ResponseMetadata")
    assert r == {"Streams": [{"StreamArn": arn, "TableName": name,
                              "StreamLabel": arn.split("/stream/")[1]}]}


def test_list_streams_unfiltered_includes_table(streams, stream_table):
    name, arn = stream_table()
    listed, kw = [], {}
    for _ in range(100):  # every stream of the session (DynamoDB Local keeps old ones)
        r = streams.list_streams(Limit=100, **kw)
        listed += r["Streams"]
        if "LastEvaluatedStreamArn" not in r:
            break
        kw = {"ExclusiveStartStreamArn": r["LastEvaluatedStreamArn"]}
    assert {"StreamArn": arn, "TableName": name,
            "StreamLabel": arn.split("/stream/")[1]} in listed


@pytest.mark.parametrize("filter_name", ["plain", "missing"])
def test_list_streams_without_streams_is_empty(streams, table, filter_name):
    name = table if filter_name == "plain" else unique_name("missing")
    r = streams.list_streams(TableName=name)
    assert r["Streams"] == [] and "LastEvaluatedStreamArn" not in r


def test_list_streams_pagination(ddb, streams, stream_table):
    name, first = stream_table("KEYS_ONLY")
    arns = [first]
    for _ in range(2):
        ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
        time.sleep(0.01)
        arns.append(ddb.update_table(TableName=name, StreamSpecification=spec("KEYS_ONLY")
                                     )["TableDescription"]["LatestStreamArn"])
    seen, start = [], None
    for _ in range(3):
        kw = {"ExclusiveStartStreamArn": start} if start else {}
        r = streams.list_streams(TableName=name, Limit=1, **kw)
        assert len(r["Streams"]) == 1
        seen.append(r["Streams"][0]["StreamArn"])
        start = r.get("LastEvaluatedStreamArn")
        if start:
            assert start == seen[-1]
    assert start is None
    assert sorted(seen) == sorted(arns)
    r = streams.list_streams(TableName=name, Limit=3)
    assert [s["StreamArn"] for s in r["Streams"]] == arns[::-1]
    assert "LastEvaluatedStreamArn" not in r


@pytest.mark.parametrize("limit,message", [
    (0, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"),
    (101, "One or more parameter values were invalid: Limit cannot be greater than the maximum "
          "allowed size: 100"),
])
def test_list_streams_limit_errors(streams, limit, message):
    assert_client_error(streams.list_streams, "ValidationException", message, Limit=limit)


def test_stream_outlives_its_table(ddb, streams, make_table):
    name = make_table(StreamSpecification=spec("KEYS_ONLY"))
    arn = ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    ddb.put_item(TableName=name, Item=K)
    ddb.delete_table(TableName=name)
    assert [s["StreamArn"] for s in streams.list_streams(TableName=name)["Streams"]] == [arn]
    desc = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert desc["StreamStatus"] == "DISABLED"
    assert names(records(streams, arn)) == ["INSERT"]


# ---- DescribeStream ------------------------------------------------------------------------

def test_describe_stream_shape(streams, stream_table):
    name, arn = stream_table("NEW_IMAGE")
    r = streams.describe_stream(StreamArn=arn)
    r.pop("ResponseMetadata")
    desc = r["StreamDescription"]
    assert set(r) == {"StreamDescription"}
    assert set(desc) == {"StreamArn", "StreamLabel", "StreamStatus", "StreamViewType",
                         "CreationRequestDateTime", "TableName", "KeySchema", "Shards"}
    assert desc["StreamArn"] == arn and desc["StreamLabel"] == arn.split("/stream/")[1]
    assert desc["StreamStatus"] == "ENABLED" and desc["StreamViewType"] == "NEW_IMAGE"
    assert desc["TableName"] == name
    assert desc["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"},
                                 {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert desc["CreationRequestDateTime"].strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] == \
        desc["StreamLabel"]
    assert len(desc["Shards"]) == 1
    shard = desc["Shards"][0]
    assert set(shard) == {"ShardId", "SequenceNumberRange"}
    assert re.fullmatch(r"shardId-\d{20}-[0-9a-f]{8}", shard["ShardId"])
    assert set(shard["SequenceNumberRange"]) == {"StartingSequenceNumber"}
    assert SEQ_RE.match(shard["SequenceNumberRange"]["StartingSequenceNumber"])


def test_describe_stream_wire_timestamps(sraw, stream_table):
    _, arn = stream_table()
    body = sraw("DescribeStream", {"StreamArn": arn}).json["StreamDescription"]
    assert isinstance(body["CreationRequestDateTime"], float)


def test_describe_stream_first_record_is_shard_start(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=K)
    start = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0][
        "SequenceNumberRange"]["StartingSequenceNumber"]
    assert seqs(records(streams, arn)) == [start]


def test_describe_stream_unknown_arn(streams):
    assert_client_error(streams.describe_stream, "ResourceNotFoundException",
                        "Requested resource not found: Stream: %s not found" % UNKNOWN_ARN,
                        StreamArn=UNKNOWN_ARN)


# StreamArn is 37..1024 characters in the model (docs/notes/service-errors.md §2.19); DynamoDB
# Local answers "Requested resource not found: Stream: bogus not found".
@pytest.mark.local_deviation
def test_describe_stream_short_arn(streams):
    assert_client_error(streams.describe_stream, "ValidationException",
                        one_violation("bogus", "streamArn", MIN % 37), StreamArn="bogus")


@pytest.mark.parametrize("payload,message", [
    # DynamoDB Local: "Invalid StreamArn".
    pytest.param({}, one_violation(None, "streamArn", NOT_NULL),
                 marks=pytest.mark.local_deviation),
    ({"Limit": 0}, "1 validation error detected: Value '0' at 'limit' failed to satisfy "
     "constraint: Member must have value greater than or equal to 1"),
    # §2.19 / service-surface §7: Limit is 1..100 (documented; the model has no maximum and the
    # service's words are not captured): answered as ListStreams answers it.
    pytest.param({"Limit": 101}, "One or more parameter values were invalid: Limit cannot be "
                 "greater than the maximum allowed size: 100",
                 marks=pytest.mark.local_deviation),
    ({"ExclusiveStartShardId": "x"}, "1 validation error detected: Value 'x' at "
     "'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater "
     "than or equal to 28"),
])
def test_describe_stream_errors(sraw, stream_table, payload, message):
    _, arn = stream_table()
    if payload:
        payload = dict(payload, StreamArn=arn)
    assert_raw_error(sraw("DescribeStream", payload), "ValidationException", message)


@pytest.mark.local_deviation  # Local: ...v20120810# "An unknown operation was requested."
def test_stream_operations_need_streams_target(raw):
    r = raw.call("ListStreams", {})
    assert r.status == 400, r
    assert r.json == {"__type": "com.amazon.coral.service#UnknownOperationException"}, r
