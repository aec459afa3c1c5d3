# Pins DynamoDB Streams records and shard iterators as DynamoDB Local implements them:
# GetRecords record shape per StreamViewType (KEYS_ONLY / NEW_IMAGE / OLD_IMAGE /
# NEW_AND_OLD_IMAGES: which of Keys / NewImage / OldImage appear, SizeBytes = size of what is
# shown), eventName INSERT / MODIFY / REMOVE, 21-digit increasing sequence numbers,
# ApproximateCreationDateTime (whole minutes), Limit and NextShardIterator, shard iterator types
# and format "<StreamArn>|001|base64(<ShardId>|<21-digit seq>|<30-digit ms timestamp>)",
# 15-minute expiry, writes that change nothing produce no record, and the exact errors.
import base64
import re
import time

import pytest

from ddbtest import ENUM, MIN, NOT_NULL, assert_client_error, assert_raw_error, one_violation
from test_streams import (K, SEQ_RE, UNKNOWN_ARN, iterator, names, records, seqs,  # noqa: F401
                          shard_id, spec, sraw, stream_table, streams)


INVALID = "One or more parameter values were invalid: "
V1 = dict(K, v={"S": "x"})
V2 = dict(K, v={"S": "y"}, n={"N": "5"})


def strip(rec):
    """A record without the parts that vary between runs."""
    rec = dict(rec, dynamodb=dict(rec["dynamodb"]))
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                        rec.pop("eventID"))
    assert SEQ_RE.match(rec["dynamodb"].pop("SequenceNumber"))
    rec["dynamodb"].pop("ApproximateCreationDateTime")
    return rec


def rec(event, view, size, new=None, old=None):
    d = {"Keys": K}
    if new is not None:
        d["NewImage"] = new
    if old is not None:
        d["OldImage"] = old
    d.update(SizeBytes=size, StreamViewType=view)
    return {"eventName": event, "eventVersion": "1.1", "eventSource": "aws:dynamodb",
            "awsRegion": "ddblocal", "dynamodb": d}


EXPECTED = {  # put V1, put V2, delete: SizeBytes = Keys (6) + images shown
    "KEYS_ONLY": [rec("INSERT", "KEYS_ONLY", 6), rec("MODIFY", "KEYS_ONLY", 6),
                  rec("REMOVE", "KEYS_ONLY", 6)],
    "NEW_IMAGE": [rec("INSERT", "NEW_IMAGE", 14, new=V1), rec("MODIFY", "NEW_IMAGE", 17, new=V2),
                  rec("REMOVE", "NEW_IMAGE", 6)],
    "OLD_IMAGE": [rec("INSERT", "OLD_IMAGE", 6), rec("MODIFY", "OLD_IMAGE", 14, old=V1),
                  rec("REMOVE", "OLD_IMAGE", 17, old=V2)],
    "NEW_AND_OLD_IMAGES": [rec("INSERT", "NEW_AND_OLD_IMAGES", 14, new=V1),
                           rec("MODIFY", "NEW_AND_OLD_IMAGES", 25, new=V2, old=V1),
                           rec("REMOVE", "NEW_AND_OLD_IMAGES", 17, old=V2)],
}


@pytest.mark.parametrize("view", sorted(EXPECTED))
def test_records_per_view_type(ddb, streams, stream_table, view):
    name, arn = stream_table(view)
    ddb.put_item(TableName=name, Item=V1)
    ddb.put_item(TableName=name, Item=V2)
    ddb.delete_item(TableName=name, Key=K)
    r = streams.get_records(ShardIterator=iterator(streams, arn))
    assert set(r) == {"Records", "NextShardIterator", "ResponseMetadata"}
    assert [strip(x) for x in r["Records"]] == EXPECTED[view]


def test_record_wire_format(ddb, sraw, streams, stream_table):
    name, arn = stream_table("KEYS_ONLY")
    before = time.time()
    ddb.put_item(TableName=name, Item=K)
    body = sraw("GetRecords", {"ShardIterator": iterator(streams, arn)}).json
    d = body["Records"][0]["dynamodb"]
    assert list(d) == ["ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes",
                       "StreamViewType"]
    assert list(body["Records"][0]) == ["eventID", "eventName", "eventVersion", "eventSource",
                                        "awsRegion", "dynamodb"]
    t = d["ApproximateCreationDateTime"]
    # Epoch seconds; the service documents rounding down to the second, DynamoDB Local truncates
    # to the minute (DEVIATIONS.md). Both are whole seconds.
    assert isinstance(t, float) and t % 1 == 0
    assert before - 61 <= t <= time.time()


def test_update_item_records(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.update_item(TableName=name, Key=K, UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"N": "1"}})
    ddb.update_item(TableName=name, Key=K, UpdateExpression="ADD v :v",
                    ExpressionAttributeValues={":v": {"N": "2"}})
    ddb.update_item(TableName=name, Key=dict(K, sk={"S": "2"}), UpdateExpression="REMOVE w")
    recs = records(streams, arn)
    assert names(recs) == ["INSERT", "MODIFY", "INSERT"]
    assert recs[0]["dynamodb"]["NewImage"] == dict(K, v={"N": "1"})
    assert "OldImage" not in recs[0]["dynamodb"]
    assert recs[1]["dynamodb"]["OldImage"] == dict(K, v={"N": "1"})
    assert recs[1]["dynamodb"]["NewImage"] == dict(K, v={"N": "3"})
    assert recs[2]["dynamodb"]["NewImage"] == dict(K, sk={"S": "2"})


@pytest.mark.parametrize("write", ["same_put", "same_update", "failed_condition",
                                   "delete_missing", "failed_update_condition"])
def test_writes_that_change_nothing_make_no_record(ddb, streams, stream_table, write):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=V1)
    if write == "same_put":
        ddb.put_item(TableName=name, Item=V1)
    elif write == "same_update":
        ddb.update_item(TableName=name, Key=K, UpdateExpression="SET v = :v",
                        ExpressionAttributeValues={":v": {"S": "x"}})
    elif write == "failed_condition":
        with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
            ddb.put_item(TableName=name, Item=V2, ConditionExpression="attribute_not_exists(pk)")
    elif write == "failed_update_condition":
        with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
            ddb.update_item(TableName=name, Key=K, UpdateExpression="SET v = :v",
                            ConditionExpression="v = :v", ExpressionAttributeValues={
                                ":v": {"S": "z"}})
    else:
        ddb.delete_item(TableName=name, Key=dict(K, sk={"S": "missing"}))
    assert names(records(streams, arn)) == ["INSERT"]


def test_records_in_write_order_with_increasing_sequence_numbers(ddb, streams, stream_table):
    name, arn = stream_table("KEYS_ONLY")
    expect = []
    for i in range(4):
        for sk in ("b", "a"):
            key = dict(K, sk={"S": sk})
            ddb.put_item(TableName=name, Item=dict(key, n={"N": str(i)}))
            expect.append(("INSERT" if i == 0 else "MODIFY", sk))
    ddb.delete_item(TableName=name, Key=dict(K, sk={"S": "a"}))
    expect.append(("REMOVE", "a"))
    recs = records(streams, arn)
    assert [(r["eventName"], r["dynamodb"]["Keys"]["sk"]["S"]) for r in recs] == expect
    numbers = [int(s) for s in seqs(recs)]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_batch_and_transaction_writes_make_records(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=K)
    ddb.batch_write_item(RequestItems={name: [
        {"PutRequest": {"Item": dict(K, sk={"S": "2"})}}, {"DeleteRequest": {"Key": K}}]})
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": dict(K, sk={"S": "3"})}}])
    recs = records(streams, arn)
    assert [(r["eventName"], r["dynamodb"]["Keys"]["sk"]["S"]) for r in recs] == [
        ("INSERT", "1"), ("INSERT", "2"), ("REMOVE", "1"), ("INSERT", "3")]


def test_hash_only_table_images_keep_types(ddb, streams, make_table):
    name = make_table("N", None, StreamSpecification=spec("NEW_IMAGE"))
    arn = ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    item = {"pk": {"N": "12"}, "l": {"L": [{"S": "x"}, {"BOOL": True}]}, "ss": {"SS": ["a", "b"]},
            "ns": {"NS": ["1"]}, "m": {"M": {"z": {"NULL": True}}}, "e": {"S": ""}}
    ddb.put_item(TableName=name, Item=item)
    d = records(streams, arn)[0]["dynamodb"]
    assert d["Keys"] == {"pk": {"N": "12"}}
    assert d["NewImage"] == item
    ks = streams.describe_stream(StreamArn=arn)["StreamDescription"]["KeySchema"]
    assert ks == [{"AttributeName": "pk", "KeyType": "HASH"}]


def test_binary_values_in_images(ddb, streams, stream_table):
    name, arn = stream_table("NEW_IMAGE")
    ddb.put_item(TableName=name, Item=dict(K, b={"B": b"\x01\x02\x03"}))
    assert records(streams, arn)[0]["dynamodb"]["NewImage"]["b"] == {"B": b"\x01\x02\x03"}


def test_binary_values_on_the_wire(ddb, sraw, streams, stream_table):
    name, arn = stream_table("NEW_AND_OLD_IMAGES")
    ddb.put_item(TableName=name, Item=dict(K, b={"B": b"\x01\x02\x03"}))
    ddb.put_item(TableName=name, Item=dict(K, b={"B": b"\xff"}, bs={"BS": [b"\x00"]}))
    body = sraw("GetRecords", {"ShardIterator": iterator(streams, arn)}).json
    assert body["Records"][0]["dynamodb"]["NewImage"]["b"] == {"B": "AQID"}
    d = body["Records"][1]["dynamodb"]
    assert d["OldImage"]["b"] == {"B": "AQID"}
    assert d["NewImage"]["b"] == {"B": "/w=="} and d["NewImage"]["bs"] == {"BS": ["AA=="]}
    # SizeBytes = Keys (pk+sk = 6) + NewImage (6 + b 1+1 + bs 2+1) + OldImage (6 + b 1+3)
    assert d["SizeBytes"] == 6 + (6 + 2 + 3) + (6 + 4)


# ---- GetRecords paging, iterator types -----------------------------------------------------

def test_get_records_limit_and_next_iterator(ddb, streams, stream_table):
    name, arn = stream_table("KEYS_ONLY")
    for i in range(5):
        ddb.put_item(TableName=name, Item=dict(K, sk={"S": str(i)}))
    every = seqs(records(streams, arn))
    got, it = [], iterator(streams, arn)
    for want in (2, 2, 1, 0, 0):
        r = streams.get_records(ShardIterator=it, Limit=2)
        assert len(r["Records"]) == want
        got += seqs(r["Records"])
        it = r["NextShardIterator"]
    assert got == every


def test_empty_open_shard_returns_next_iterator(streams, stream_table):
    _, arn = stream_table()
    r = streams.get_records(ShardIterator=iterator(streams, arn))
    assert r["Records"] == [] and r["NextShardIterator"].startswith(arn + "|001|")


def test_closed_shard_read_to_end_has_no_next_iterator(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=K)
    ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
    r = streams.get_records(ShardIterator=iterator(streams, arn))
    assert names(r["Records"]) == ["INSERT"] and "NextShardIterator" not in r
    r = streams.get_records(ShardIterator=iterator(streams, arn, "LATEST"))
    assert r["Records"] == [] and "NextShardIterator" not in r


def test_iterator_can_be_reused(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=K)
    it = iterator(streams, arn)
    assert seqs(streams.get_records(ShardIterator=it)["Records"]) == \
        seqs(streams.get_records(ShardIterator=it)["Records"])


def test_latest_iterator(ddb, streams, stream_table):
    name, arn = stream_table()
    early = iterator(streams, arn, "LATEST")
    ddb.put_item(TableName=name, Item=K)
    late = iterator(streams, arn, "LATEST")
    ddb.put_item(TableName=name, Item=dict(K, sk={"S": "2"}))
    assert names(streams.get_records(ShardIterator=early)["Records"]) == ["INSERT", "INSERT"]
    recs = streams.get_records(ShardIterator=late)["Records"]
    assert [r["dynamodb"]["Keys"]["sk"]["S"] for r in recs] == ["2"]


@pytest.mark.parametrize("kind,offset", [("AT_SEQUENCE_NUMBER", 1),
                                         ("AFTER_SEQUENCE_NUMBER", 2)])
def test_sequence_number_iterators(ddb, streams, stream_table, kind, offset):
    name, arn = stream_table("KEYS_ONLY")
    for i in range(4):
        ddb.put_item(TableName=name, Item=dict(K, sk={"S": str(i)}))
    every = seqs(records(streams, arn))
    it = iterator(streams, arn, kind, SequenceNumber=every[1])
    assert seqs(streams.get_records(ShardIterator=it)["Records"]) == every[offset:]


def test_shard_iterator_format(ddb, streams, stream_table):
    name, arn = stream_table()
    start = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0][
        "SequenceNumberRange"]["StartingSequenceNumber"]
    before = int(time.time() * 1000)
    it = iterator(streams, arn)
    prefix, version, blob = it.rsplit("|", 2)
    assert prefix == arn and version == "001"
    shard, seq, stamp = base64.b64decode(blob).decode().split("|")
    assert shard == shard_id(streams, arn) and seq == start
    assert re.fullmatch(r"\d{30}", stamp) and before - 5000 <= int(stamp) <= time.time() * 1000


def craft(it, millis_ago):
    """The same iterator, issued millis_ago earlier."""
    prefix, version, blob = it.rsplit("|", 2)
    shard, seq, stamp = base64.b64decode(blob).decode().split("|")
    blob = "|".join([shard, seq, "%030d" % (int(stamp) - millis_ago)])
    return "|".join([prefix, version, base64.b64encode(blob.encode()).decode()])


@pytest.mark.parametrize("minutes,expired", [(14, False), (16, True)])
def test_iterators_expire_after_15_minutes(sraw, streams, stream_table, minutes, expired):
    _, arn = stream_table()
    r = sraw("GetRecords", {"ShardIterator": craft(iterator(streams, arn), minutes * 60000)})
    if expired:
        assert_raw_error(r, "ExpiredIteratorException")
        assert r.error_type == "com.amazonaws.dynamodb.v20120810#ExpiredIteratorException"
        # The service's text is not recorded: DynamoDB Local sends an empty message, ddb-server
        # none.
        assert not r.message, r
    else:
        assert r.status == 200 and r.json["Records"] == []


# ---- errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("payload,message", [
    ({"ShardIteratorType": "AT_SEQUENCE_NUMBER"}, INVALID + "Invalid SequenceNumber"),
    ({"ShardIteratorType": "AFTER_SEQUENCE_NUMBER"}, INVALID + "Invalid SequenceNumber"),
    ({"ShardIteratorType": "TRIM_HORIZON", "SequenceNumber": "0" * 21},
     INVALID + "SequenceNumber should not be passed for this iterator type"),
    ({"ShardIteratorType": "AT_SEQUENCE_NUMBER", "SequenceNumber": "25"},
     "1 validation error detected: Value '25' at 'sequenceNumber' failed to satisfy constraint: "
     "Member must have length greater than or equal to 21"),
    # Constraint violations (docs/notes/service-errors.md §2.19); DynamoDB Local: "Invalid
    # ShardIteratorType.".
    pytest.param({"ShardIteratorType": "BOGUS"}, one_violation(
        "BOGUS", "shardIteratorType",
        ENUM % "TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER"),
        marks=pytest.mark.local_deviation),
    pytest.param({}, one_violation(None, "shardIteratorType", NOT_NULL),
                 marks=pytest.mark.local_deviation),
])
def test_get_shard_iterator_errors(sraw, streams, stream_table, payload, message):
    _, arn = stream_table()
    r = sraw("GetShardIterator", dict(payload, StreamArn=arn, ShardId=shard_id(streams, arn)))
    assert_raw_error(r, "ValidationException", message)


@pytest.mark.local_deviation  # Local: "No ShardId specified."
def test_get_shard_iterator_without_shard(sraw, stream_table):
    _, arn = stream_table()
    assert_raw_error(sraw("GetShardIterator", {"StreamArn": arn, "ShardIteratorType": "LATEST"}),
                     "ValidationException", one_violation(None, "shardId", NOT_NULL))


def test_sequence_number_before_shard_start(streams, stream_table):
    _, arn = stream_table()
    start = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0][
        "SequenceNumberRange"]["StartingSequenceNumber"]
    assert_client_error(streams.get_shard_iterator, "ValidationException",
                        "Invalid SequenceNumber for the shard", StreamArn=arn,
                        ShardId=shard_id(streams, arn), ShardIteratorType="AT_SEQUENCE_NUMBER",
                        SequenceNumber="%021d" % (int(start) - 1))


# A StreamArn or ShardId shorter than the model's minimum (37 / 28, §2.19) is a constraint
# violation; DynamoDB Local answers ResourceNotFoundException for those too.
@pytest.mark.parametrize("which,code,message", [
    ("stream", "ResourceNotFoundException", "Stream does not exist"),
    pytest.param("bogus_stream", "ValidationException",
                 one_violation("bogus", "streamArn", MIN % 37),
                 marks=pytest.mark.local_deviation),
    ("shard", "ResourceNotFoundException", "Shard does not exist"),
    pytest.param("short_shard", "ValidationException", one_violation("x", "shardId", MIN % 28),
                 marks=pytest.mark.local_deviation)])
def test_get_shard_iterator_unknown_resources(streams, stream_table, which, code, message):
    _, arn = stream_table()
    shard = shard_id(streams, arn)
    if which == "stream":
        arn = UNKNOWN_ARN
    elif which == "bogus_stream":
        arn = "bogus"
    elif which == "shard":
        shard = "shardId-00000001000000000000-0000abcd"
    else:
        shard = "x"
    assert_client_error(streams.get_shard_iterator, code, message,
                        StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")


@pytest.mark.parametrize("kind", ["bogus", "long", "junk_blob", "version"])
def test_get_records_invalid_iterator(sraw, streams, stream_table, kind):
    _, arn = stream_table()
    it = iterator(streams, arn)
    payload = {"ShardIterator": {"bogus": "bogus", "long": "x" * 100,
                                 "junk_blob": arn + "|001|junk",
                                 "version": it.replace("|001|", "|002|")}[kind]}
    assert_raw_error(sraw("GetRecords", payload), "ValidationException", "Invalid ShardIterator")


@pytest.mark.local_deviation  # Local: "Invalid ShardIterator"
def test_get_records_without_iterator(sraw):
    assert_raw_error(sraw("GetRecords", {}), "ValidationException",
                     one_violation(None, "shardIterator", NOT_NULL))


@pytest.mark.parametrize("limit,message", [
    (0, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"),
    (1001, INVALID + "Limit should be less than or equal to 1000"),
])
def test_get_records_limit_errors(streams, stream_table, limit, message):
    _, arn = stream_table()
    assert_client_error(streams.get_records, "ValidationException", message,
                        ShardIterator=iterator(streams, arn), Limit=limit)


def test_get_records_limit_1000_accepted(ddb, streams, stream_table):
    name, arn = stream_table()
    ddb.put_item(TableName=name, Item=K)
    r = streams.get_records(ShardIterator=iterator(streams, arn), Limit=1000)
    assert names(r["Records"]) == ["INSERT"]
