# Pins what survives a clean restart (SIGTERM, then a new ddb-server on the same --db-path):
# tables and their definitions; items of every type (nested maps/lists, sets, binary with NUL
# bytes, 38-digit and extreme-exponent numbers) byte for byte as the server answered them;
# DescribeTable ItemCount/TableSizeBytes; multi-attribute index keys; deletions (a deleted table stays deleted, a
# re-created one starts empty). Also that --in-memory writes no file anywhere, and the
# per-access-key-and-region namespaces (DynamoDB Local semantics) with and without --shared-db.
import os
from decimal import Decimal

import pytest

from conftest import all_records, create_table, scan_all

BIG = "12345678901234567890123456789012345678"  # 38 significant digits

ITEM = {
    "pk": {"S": "everything"},
    "sk": {"S": "0"},
    "s": {"S": "héllo wörld ✓ \u0000 tab\t"},
    "empty_s": {"S": ""},
    "n_big": {"N": BIG},
    "n_neg_big": {"N": "-" + BIG},
    "n_frac": {"N": "0.000000000000000000000000000000000001"},
    "n_tiny": {"N": "1E-130"},
    "n_huge": {"N": "9.9999999999999999999999999999999999999E+125"},
    "n_zero": {"N": "0"},
    "n_dec": {"N": "-3.14159265358979323846264338327950288"},
    "b": {"B": b"\x00\x01\x02\xff binary \x00"},
    "empty_b": {"B": b""},
    "t": {"BOOL": True},
    "f": {"BOOL": False},
    "null": {"NULL": True},
    "ss": {"SS": ["a", "b", "ünïcode"]},
    "ns": {"NS": ["1", "-2.5", BIG, "1E+100"]},
    "bs": {"BS": [b"\x00", b"\x01\x02", b"\xff" * 10]},
    "l": {"L": [{"S": "x"}, {"N": "1"}, {"L": [{"BOOL": False}, {"NULL": True}, {"L": []}]},
                {"M": {"deep": {"M": {"deeper": {"L": [{"B": b"\x07"}, {"SS": ["q"]}]}}}}}]},
    "m": {"M": {"a": {"N": "1"}, "b": {"M": {}}, "c": {"L": []},
                "nested": {"M": {"x": {"M": {"y": {"M": {"z": {"NS": ["7", "8"]}}}}}}},
                "with space": {"S": "ok"}, "ünï": {"S": "unicode name"}}},
}


def canonical(value):
    """A comparable form of an attribute value: numbers as Decimal, sets as sets."""
    (kind, v), = value.items()
    if kind == "N":
        return ("N", Decimal(v))
    if kind in ("SS", "BS"):
        return (kind, frozenset(v))
    if kind == "NS":
        return (kind, frozenset(Decimal(x) for x in v))
    if kind == "L":
        return ("L", tuple(canonical(x) for x in v))
    if kind == "M":
        return ("M", tuple(sorted((k, canonical(x)) for k, x in v.items())))
    return (kind, v)


def canonical_item(item):
    return {k: canonical(v) for k, v in item.items()}


def restart(servers, server, data_dir, **kwargs):
    assert server.stop() == 0, server.describe()
    return servers(db_path=data_dir, **kwargs)


def test_items_of_every_type_survive_restart(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "types", range_key=True)
    ddb.put_item(TableName="types", Item=ITEM)
    for i in range(20):
        ddb.put_item(TableName="types", Item={"pk": {"S": "many"}, "sk": {"S": "%03d" % i},
                                              "i": {"N": str(i)}})
    key = {"pk": {"S": "everything"}, "sk": {"S": "0"}}
    before = ddb.get_item(TableName="types", Key=key, ConsistentRead=True)["Item"]
    assert canonical_item(before) == canonical_item(ITEM)

    server = restart(servers, server, data_dir)
    ddb = server.client()
    after = ddb.get_item(TableName="types", Key=key, ConsistentRead=True)["Item"]
    assert after == before  # exactly what the server answered before, numbers included
    page = ddb.query(TableName="types", KeyConditionExpression="pk = :p",
                     ExpressionAttributeValues={":p": {"S": "many"}}, ConsistentRead=True)
    assert [i["sk"]["S"] for i in page["Items"]] == ["%03d" % i for i in range(20)]
    assert [i["i"]["N"] for i in page["Items"]] == [str(i) for i in range(20)]


def test_tables_and_definitions_survive_restart(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "on-demand")
    create_table(ddb, "provisioned", range_key=True, BillingMode="PROVISIONED",
                 ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 3})
    before = {n: ddb.describe_table(TableName=n)["Table"] for n in ("on-demand", "provisioned")}

    ddb = restart(servers, server, data_dir).client()
    assert ddb.list_tables()["TableNames"] == ["on-demand", "provisioned"]
    for name, desc in before.items():
        assert ddb.describe_table(TableName=name)["Table"] == desc
    assert before["provisioned"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert before["provisioned"]["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"},
                                                  {"AttributeName": "sk", "KeyType": "RANGE"}]


def test_multi_attribute_index_survives_restart(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    attrs = [{"AttributeName": a, "AttributeType": t}
             for a, t in (("pk", "S"), ("t", "S"), ("r", "N"), ("b", "S"), ("n", "N"))]
    keys = [{"AttributeName": a, "KeyType": k}
            for a, k in (("t", "HASH"), ("r", "HASH"), ("b", "RANGE"), ("n", "RANGE"))]
    create_table(ddb, "multi", AttributeDefinitions=attrs, GlobalSecondaryIndexes=[
        {"IndexName": "gsi", "KeySchema": keys, "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    for i, (b, n) in enumerate([("y", 2), ("x", 10), ("y", 1), ("x", 9)]):
        ddb.put_item(TableName="multi", Item={"pk": {"S": "p%d" % i}, "t": {"S": "T"},
                                              "r": {"N": "1"}, "b": {"S": b}, "n": {"N": str(n)}})

    def query(client):
        return client.query(TableName="multi", IndexName="gsi",
                            KeyConditionExpression="t = :t AND r = :r AND b = :b AND n > :n",
                            ExpressionAttributeValues={":t": {"S": "T"}, ":r": {"N": "1"},
                                                       ":b": {"S": "y"}, ":n": {"N": "0"}})
    before = ddb.describe_table(TableName="multi")["Table"]
    assert [i["pk"]["S"] for i in query(ddb)["Items"]] == ["p2", "p0"]

    ddb = restart(servers, server, data_dir).client()
    assert ddb.describe_table(TableName="multi")["Table"] == before
    assert before["GlobalSecondaryIndexes"][0]["KeySchema"] == keys
    assert [i["pk"]["S"] for i in query(ddb)["Items"]] == ["p2", "p0"]


def test_item_count_and_size_survive_restart(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "counted")
    for i in range(30):
        ddb.put_item(TableName="counted", Item={"pk": {"S": "k%02d" % i}, "v": {"S": "v" * i}})
    for i in range(0, 30, 3):
        ddb.delete_item(TableName="counted", Key={"pk": {"S": "k%02d" % i}})
    ddb.update_item(TableName="counted", Key={"pk": {"S": "k01"}},
                    UpdateExpression="SET extra = :e",
                    ExpressionAttributeValues={":e": {"S": "e" * 100}})
    before = ddb.describe_table(TableName="counted")["Table"]
    assert before["ItemCount"] == 20
    assert before["TableSizeBytes"] > 100

    ddb = restart(servers, server, data_dir).client()
    after = ddb.describe_table(TableName="counted")["Table"]
    assert (after["ItemCount"], after["TableSizeBytes"]) == (before["ItemCount"],
                                                             before["TableSizeBytes"])
    assert len(scan_all(ddb, "counted")) == 20


def test_deleted_table_stays_deleted_and_recreated_starts_empty(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "gone")
    create_table(ddb, "reborn")
    create_table(ddb, "neighbour")
    for name in ("gone", "reborn", "neighbour"):
        for i in range(10):
            ddb.put_item(TableName=name, Item={"pk": {"S": "old-%d" % i}})
    ddb.delete_table(TableName="gone")
    ddb.delete_table(TableName="reborn")
    create_table(ddb, "reborn")
    assert scan_all(ddb, "reborn") == []
    ddb.put_item(TableName="reborn", Item={"pk": {"S": "new"}})

    server = restart(servers, server, data_dir)
    ddb = server.client()
    assert ddb.list_tables()["TableNames"] == ["neighbour", "reborn"]
    with pytest.raises(ddb.exceptions.ResourceNotFoundException):
        ddb.describe_table(TableName="gone")
    with pytest.raises(ddb.exceptions.ResourceNotFoundException):
        ddb.get_item(TableName="gone", Key={"pk": {"S": "old-1"}})
    assert scan_all(ddb, "reborn") == [{"pk": {"S": "new"}}]
    assert ddb.describe_table(TableName="reborn")["Table"]["ItemCount"] == 1
    assert len(scan_all(ddb, "neighbour")) == 10

    # Deleted, restarted, then re-created: still empty, and its counters start at zero.
    ddb.delete_table(TableName="neighbour")
    server = restart(servers, server, data_dir)
    ddb = server.client()
    assert ddb.list_tables()["TableNames"] == ["reborn"]
    desc = create_table(ddb, "neighbour")
    assert (desc["ItemCount"], desc["TableSizeBytes"]) == (0, 0)
    assert scan_all(ddb, "neighbour") == []
    assert "Item" not in ddb.get_item(TableName="neighbour", Key={"pk": {"S": "old-1"}},
                                      ConsistentRead=True)


@pytest.mark.parametrize("flags", [["--in-memory"], ["-inMemory"]])
def test_in_memory_writes_no_files(servers, tmp_path, flags):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    existing = tmp_path / "existing"
    existing.mkdir()
    missing = tmp_path / "missing"
    for db_path in (None, str(existing), str(missing)):
        extra = list(flags) + (["--db-path", db_path] if db_path else [])
        server = servers(extra=extra, cwd=str(cwd))
        ddb = server.client()
        create_table(ddb, "mem")
        for i in range(50):
            ddb.put_item(TableName="mem", Item={"pk": {"S": "k%d" % i}, "v": {"S": "x" * 500}})
        assert len(scan_all(ddb, "mem")) == 50
        assert server.stop() == 0
        assert os.listdir(str(cwd)) == []
        assert os.listdir(str(existing)) == []
        assert not missing.exists()
        # Nothing is kept for the next start either.
        again = servers(extra=extra, cwd=str(cwd))
        assert again.client().list_tables()["TableNames"] == []
        assert again.stop() == 0
    assert os.listdir(str(cwd)) == []


def _namespace_views(server):
    return {
        "alice/us-east-1": server.client(access_key="ALICE", region="us-east-1"),
        "bob/us-east-1": server.client(access_key="BOB", region="us-east-1"),
        "alice/eu-west-1": server.client(access_key="ALICE", region="eu-west-1"),
    }


def _fill_namespaces(server):
    views = _namespace_views(server)
    for who, ddb in views.items():
        create_table(ddb, "same-name")
        create_table(ddb, "only-" + who.replace("/", "-"))
        ddb.put_item(TableName="same-name", Item={"pk": {"S": "owner"}, "who": {"S": who}})
    return views


def _assert_separated(server):
    for who, ddb in _namespace_views(server).items():
        assert ddb.list_tables()["TableNames"] == ["only-" + who.replace("/", "-"), "same-name"]
        item = ddb.get_item(TableName="same-name", Key={"pk": {"S": "owner"}})["Item"]
        assert item["who"] == {"S": who}
        assert ddb.describe_table(TableName="same-name")["Table"]["ItemCount"] == 1


def test_namespaces_separated_without_shared_db_and_after_restart(servers, data_dir):
    server = servers(db_path=data_dir)
    _fill_namespaces(server)
    _assert_separated(server)
    views = _namespace_views(server)
    with pytest.raises(views["bob/us-east-1"].exceptions.ResourceNotFoundException):
        views["bob/us-east-1"].describe_table(TableName="only-alice-us-east-1")
    # Deleting a table in one namespace leaves the same name in the others.
    create_table(views["bob/us-east-1"], "dropme")
    create_table(views["alice/us-east-1"], "dropme")
    views["bob/us-east-1"].delete_table(TableName="dropme")
    assert "dropme" in views["alice/us-east-1"].list_tables()["TableNames"]
    views["alice/us-east-1"].delete_table(TableName="dropme")

    server = restart(servers, server, data_dir)
    _assert_separated(server)


def test_shared_db_one_namespace_for_everyone(servers, data_dir):
    server = servers(db_path=data_dir, extra=["--shared-db"])
    views = _namespace_views(server)
    create_table(views["alice/us-east-1"], "shared")
    views["bob/us-east-1"].put_item(TableName="shared", Item={"pk": {"S": "k"},
                                                              "by": {"S": "bob"}})
    for ddb in views.values():
        assert ddb.list_tables()["TableNames"] == ["shared"]
        assert ddb.get_item(TableName="shared", Key={"pk": {"S": "k"}})["Item"]["by"] == {
            "S": "bob"}
    with pytest.raises(views["alice/eu-west-1"].exceptions.ResourceInUseException):
        create_table(views["alice/eu-west-1"], "shared")

    server = restart(servers, server, data_dir, extra=["-sharedDb"])
    for ddb in _namespace_views(server).values():
        assert ddb.list_tables()["TableNames"] == ["shared"]
        assert ddb.get_item(TableName="shared", Key={"pk": {"S": "k"}})["Item"]["by"] == {
            "S": "bob"}



def test_replaced_and_dropped_streams_stay_readable_after_restart(servers, data_dir):
    """A stream replaced by a newly enabled one, and a dropped table's stream, are listed as
    DISABLED with their records for 24 hours, across a restart."""
    server = servers(db_path=data_dir)
    ddb = server.client()
    spec = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    create_table(ddb, "streamed", StreamSpecification=spec)
    first = ddb.describe_table(TableName="streamed")["Table"]["LatestStreamArn"]
    ddb.put_item(TableName="streamed", Item={"pk": {"S": "one"}})
    ddb.update_table(TableName="streamed", StreamSpecification={"StreamEnabled": False})
    second = ddb.update_table(TableName="streamed", StreamSpecification=spec
                              )["TableDescription"]["LatestStreamArn"]
    ddb.put_item(TableName="streamed", Item={"pk": {"S": "two"}})
    ddb.delete_table(TableName="streamed")

    server = restart(servers, server, data_dir)
    ddb, streams = server.client(), server.streams()
    assert [s["StreamArn"] for s in streams.list_streams(TableName="streamed")["Streams"]] == [second,
                                                                                        first]
    for arn in (first, second):
        assert streams.describe_stream(StreamArn=arn)["StreamDescription"]["StreamStatus"] == \
            "DISABLED"
    keys = lambda arn: [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"])  # noqa: E731
                        for r in all_records(streams, arn)]
    assert keys(first) == [("INSERT", "one")]
    assert keys(second) == [("INSERT", "two")]
    # Sequence numbers keep growing past the retired streams' after the restart.
    create_table(ddb, "streamed", StreamSpecification=spec)
    ddb.put_item(TableName="streamed", Item={"pk": {"S": "three"}})
    third = ddb.describe_table(TableName="streamed")["Table"]["LatestStreamArn"]
    seq = lambda arn: int(all_records(streams, arn)[0]["dynamodb"]["SequenceNumber"])  # noqa: E731
    assert seq(third) > seq(second) > seq(first)
