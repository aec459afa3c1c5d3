# Global and local secondary indexes: definition at CreateTable and DescribeTable's report,
# Query and Scan through an index (sparse indexes, projections, ordering, paging, errors), index
# maintenance on every write, index key validation, and adding/removing a GSI with UpdateTable
# (back-filled in the background, CREATING then ACTIVE).
import time

import pytest

from ddbtest import assert_client_error, unique_name

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

ATTRS = [{"AttributeName": "pk", "AttributeType": "S"},
         {"AttributeName": "sk", "AttributeType": "S"},
         {"AttributeName": "g", "AttributeType": "S"},
         {"AttributeName": "gs", "AttributeType": "N"},
         {"AttributeName": "l", "AttributeType": "S"}]


def gsi(name, hash_name, range_name=None, projection=None):
    keys = [{"AttributeName": hash_name, "KeyType": "HASH"}]
    if range_name:
        keys.append({"AttributeName": range_name, "KeyType": "RANGE"})
    return {"IndexName": name, "KeySchema": keys,
            "Projection": projection or {"ProjectionType": "ALL"}}


@pytest.fixture
def indexed(make_table):
    return make_table(
        AttributeDefinitions=ATTRS,
        GlobalSecondaryIndexes=[gsi("by_g", "g", "gs"),
                                gsi("by_g_keys", "g", None, {"ProjectionType": "KEYS_ONLY"}),
                                gsi("by_g_incl", "g", "gs", {"ProjectionType": "INCLUDE",
                                                             "NonKeyAttributes": ["a"]})],
        LocalSecondaryIndexes=[gsi("by_l", "pk", "l", {"ProjectionType": "KEYS_ONLY"})])


def put(ddb, table, pk, sk, **attrs):
    item = {"pk": S(pk), "sk": S(sk)}
    item.update(attrs)
    ddb.put_item(TableName=table, Item=item)


def query_g(ddb, table, index="by_g", value="x", **kwargs):
    return ddb.query(TableName=table, IndexName=index, KeyConditionExpression="g = :g",
                     ExpressionAttributeValues={":g": S(value)}, **kwargs)


def test_describe_reports_indexes(ddb, indexed):
    put(ddb, indexed, "p", "1", g=S("x"), gs=N(1), l=S("a"))
    t = ddb.describe_table(TableName=indexed)["Table"]
    gsis = {x["IndexName"]: x for x in t["GlobalSecondaryIndexes"]}
    assert set(gsis) == {"by_g", "by_g_keys", "by_g_incl"}
    assert gsis["by_g"]["IndexStatus"] == "ACTIVE"
    assert gsis["by_g"]["IndexArn"] == t["TableArn"] + "/index/by_g"
    assert gsis["by_g_incl"]["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a"]}
    assert gsis["by_g"]["KeySchema"] == [{"AttributeName": "g", "KeyType": "HASH"},
                                         {"AttributeName": "gs", "KeyType": "RANGE"}]
    assert gsis["by_g"]["ItemCount"] == 1
    lsi = t["LocalSecondaryIndexes"][0]
    assert lsi["IndexName"] == "by_l" and lsi["ItemCount"] == 1
    assert "IndexStatus" not in lsi


def test_query_gsi_orders_by_index_sort_key_and_is_sparse(ddb, indexed):
    put(ddb, indexed, "p1", "1", g=S("x"), gs=N(30), a=S("A"))
    put(ddb, indexed, "p2", "1", g=S("x"), gs=N(-5), a=S("B"))
    put(ddb, indexed, "p3", "1", g=S("x"), gs=N(7))
    put(ddb, indexed, "p4", "1", g=S("y"), gs=N(1))
    put(ddb, indexed, "p5", "1", a=S("no index key"))
    r = query_g(ddb, indexed)
    assert [i["gs"]["N"] for i in r["Items"]] == ["-5", "7", "30"]
    assert r["Items"][0] == {"pk": S("p2"), "sk": S("1"), "g": S("x"), "gs": N(-5), "a": S("B")}
    r = query_g(ddb, indexed, ScanIndexForward=False)
    assert [i["gs"]["N"] for i in r["Items"]] == ["30", "7", "-5"]
    r = ddb.query(TableName=indexed, IndexName="by_g",
                  KeyConditionExpression="g = :g AND gs BETWEEN :a AND :b",
                  ExpressionAttributeValues={":g": S("x"), ":a": N(0), ":b": N(10)})
    assert [i["pk"]["S"] for i in r["Items"]] == ["p3"]
    assert ddb.scan(TableName=indexed, IndexName="by_g")["Count"] == 4


def test_projections(ddb, indexed):
    put(ddb, indexed, "p1", "1", g=S("x"), gs=N(1), a=S("A"), b=S("B"))
    keys_only = query_g(ddb, indexed, index="by_g_keys")["Items"]
    assert keys_only == [{"pk": S("p1"), "sk": S("1"), "g": S("x")}]
    incl = query_g(ddb, indexed, index="by_g_incl")["Items"]
    assert incl == [{"pk": S("p1"), "sk": S("1"), "g": S("x"), "gs": N(1), "a": S("A")}]
    assert_client_error(query_g, "ValidationException",
                        "One or more parameter values were invalid: Global secondary index "
                        "by_g_keys does not project [b]",
                        ddb=ddb, table=indexed, index="by_g_keys", ProjectionExpression="b")
    assert_client_error(query_g, "ValidationException",
                        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
                        "not supported for global secondary index by_g_keys because its "
                        "projection type is not ALL",
                        ddb=ddb, table=indexed, index="by_g_keys", Select="ALL_ATTRIBUTES")


def test_local_index_fetches_unprojected_attributes(ddb, indexed):
    put(ddb, indexed, "p", "1", l=S("b"), a=S("A"))
    put(ddb, indexed, "p", "2", l=S("a"), a=S("B"))
    r = ddb.query(TableName=indexed, IndexName="by_l", KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues={":p": S("p")})
    assert r["Items"] == [{"pk": S("p"), "sk": S("2"), "l": S("a")},
                          {"pk": S("p"), "sk": S("1"), "l": S("b")}]
    r = ddb.query(TableName=indexed, IndexName="by_l", KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues={":p": S("p")}, ProjectionExpression="a")
    assert r["Items"] == [{"a": S("B")}, {"a": S("A")}]


def test_index_follows_updates_and_deletes(ddb, indexed):
    put(ddb, indexed, "p1", "1", g=S("x"), gs=N(1))
    ddb.update_item(TableName=indexed, Key={"pk": S("p1"), "sk": S("1")},
                    UpdateExpression="SET g = :y", ExpressionAttributeValues={":y": S("y")})
    assert query_g(ddb, indexed)["Count"] == 0
    assert query_g(ddb, indexed, value="y")["Items"][0]["pk"] == S("p1")
    ddb.update_item(TableName=indexed, Key={"pk": S("p1"), "sk": S("1")},
                    UpdateExpression="REMOVE g")
    assert query_g(ddb, indexed, value="y")["Count"] == 0
    put(ddb, indexed, "p2", "1", g=S("x"), gs=N(2))
    ddb.delete_item(TableName=indexed, Key={"pk": S("p2"), "sk": S("1")})
    assert query_g(ddb, indexed)["Count"] == 0
    t = ddb.describe_table(TableName=indexed)["Table"]
    assert all(x["ItemCount"] == 0 for x in t["GlobalSecondaryIndexes"])


def test_gsi_paging_and_last_evaluated_key(ddb, indexed):
    for i in range(5):
        put(ddb, indexed, "p%d" % i, "1", g=S("x"), gs=N(i))
    seen, start = [], None
    while True:
        kwargs = {"Limit": 2}
        if start:
            kwargs["ExclusiveStartKey"] = start
        r = query_g(ddb, indexed, **kwargs)
        seen += [i["gs"]["N"] for i in r["Items"]]
        start = r.get("LastEvaluatedKey")
        if not start:
            break
        assert set(start) == {"pk", "sk", "g", "gs"}
    assert seen == ["0", "1", "2", "3", "4"]


# The service names the key, the types and the index (docs/notes/service-errors.md §2.5);
# DynamoDB Local stops after "Type mismatch for Index Key".
@pytest.mark.local_deviation
def test_index_key_validation(ddb, indexed):
    assert_client_error(ddb.put_item, "ValidationException",
                        "One or more parameter values were invalid: Type mismatch for Index Key "
                        "gs Expected: N Actual: S IndexName: by_g", TableName=indexed,
                        Item={"pk": S("p"), "sk": S("1"), "gs": S("not n")})
    assert_client_error(ddb.put_item, "ValidationException",
                        "One or more parameter values are not valid. A value specified for a "
                        "secondary index key is not supported. The AttributeValue for a key "
                        "attribute cannot contain an empty string value. IndexName: by_g, "
                        "IndexKey: g", TableName=indexed,
                        Item={"pk": S("p"), "sk": S("1"), "g": S("")})


# The service's words (docs/notes/service-errors.md §2.9); DynamoDB Local says "Consistent read
# cannot be true when querying a GSI" and does not name the missing key.
@pytest.mark.local_deviation
def test_index_errors(ddb, indexed):
    assert_client_error(query_g, "ValidationException",
                        "The table does not have the specified index: nope",
                        ddb=ddb, table=indexed, index="nope")
    assert_client_error(query_g, "ValidationException",
                        "Consistent reads are not supported on global secondary indexes",
                        ddb=ddb, table=indexed, ConsistentRead=True)
    assert_client_error(ddb.query, "ValidationException",
                        "Query condition missed key schema element: g",
                        TableName=indexed, IndexName="by_g", KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": S("p")})


# §2.1 b11, b12, b15. DynamoDB Local: "Global Secondary Index hash key not specified in Attribute
# Definitions.Type unknown.", "Local Secondary indices are not allowed on hash tables, only hash
# and range tables", "Two global secondary indices have the same name".
@pytest.mark.local_deviation
def test_create_table_index_validation(ddb):
    base = dict(TableName=unique_name(), BillingMode="PAY_PER_REQUEST",
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    invalid = "One or more parameter values were invalid: "
    assert_client_error(ddb.create_table, "ValidationException",
                        invalid + "Some index key attributes are not defined in "
                        "AttributeDefinitions. Keys: [g], AttributeDefinitions: [pk]",
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                        GlobalSecondaryIndexes=[gsi("gix", "g")], **base)
    assert_client_error(ddb.create_table, "ValidationException",
                        invalid + "Table KeySchema does not have a range key, which is required "
                        "when specifying a LocalSecondaryIndex",
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "l", "AttributeType": "S"}],
                        LocalSecondaryIndexes=[gsi("lix", "pk", "l")], **base)
    assert_client_error(ddb.create_table, "ValidationException",
                        invalid + "Duplicate index name: gix",
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "g", "AttributeType": "S"}],
                        GlobalSecondaryIndexes=[gsi("gix", "g"), gsi("gix", "g")], **base)
    assert base["TableName"] not in ddb.list_tables()["TableNames"]


def wait_active(ddb, table, index, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        t = ddb.describe_table(TableName=table)["Table"]
        x = [i for i in t.get("GlobalSecondaryIndexes", []) if i["IndexName"] == index]
        if x and x[0]["IndexStatus"] == "ACTIVE":
            return x[0]
        time.sleep(0.05)
    raise AssertionError("index %s never became ACTIVE" % index)


@pytest.mark.local_deviation  # Local answers writes during the backfill with 500 InternalFailure.
def test_update_table_adds_and_removes_gsi(ddb, make_table):
    table = make_table()
    for i in range(300):
        put(ddb, table, "p%03d" % i, "1", g=S("even" if i % 2 == 0 else "odd"))
    put(ddb, table, "nog", "1")
    ddb.update_table(TableName=table,
                     AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": gsi("added", "g")}])
    # Writes during the backfill are indexed too.
    put(ddb, table, "late", "1", g=S("even"))
    ddb.delete_item(TableName=table, Key={"pk": S("p000"), "sk": S("1")})
    index = wait_active(ddb, table, "added")
    assert index["ItemCount"] == 300
    r = ddb.query(TableName=table, IndexName="added", KeyConditionExpression="g = :g",
                  ExpressionAttributeValues={":g": S("even")})
    assert r["Count"] == 150
    assert {"pk": S("late"), "sk": S("1"), "g": S("even")} in r["Items"]
    ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "added"}}])
    deadline = time.time() + 20
    while "GlobalSecondaryIndexes" in ddb.describe_table(TableName=table)["Table"]:
        assert time.time() < deadline
        time.sleep(0.05)
    assert_client_error(ddb.update_table, "ResourceNotFoundException", None, TableName=table,
                        GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "added"}}])


def test_write_capacity_counts_indexes(ddb, indexed):
    r = ddb.put_item(TableName=indexed, ReturnConsumedCapacity="INDEXES",
                     Item={"pk": S("p"), "sk": S("1"), "g": S("x"), "gs": N(1), "l": S("q")})
    c = r["ConsumedCapacity"]
    assert c["Table"] == {"CapacityUnits": 1.0}
    assert c["GlobalSecondaryIndexes"] == {"by_g": {"CapacityUnits": 1.0},
                                           "by_g_keys": {"CapacityUnits": 1.0},
                                           "by_g_incl": {"CapacityUnits": 1.0}}
    assert c["LocalSecondaryIndexes"] == {"by_l": {"CapacityUnits": 1.0}}
    assert c["CapacityUnits"] == 5.0


def test_seed_table_with_message_group_index(ddb, make_table):
    # The spec's cruddur-messages table: the sparse index returns exactly the two group items.
    table = make_table(
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "sk", "AttributeType": "S"},
                              {"AttributeName": "message_group_uuid", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[gsi("message-group-sk-index", "message_group_uuid", "sk")])
    group = "5ae290ed-55d1-47a0-bc6d-fe2bc2700399"
    put(ddb, table, "GRP#a", "2023-03-27T19:50:10.311780+00:00", message_group_uuid=S(group))
    put(ddb, table, "GRP#b", "2023-03-27T19:50:10.311780+00:00", message_group_uuid=S(group))
    put(ddb, table, "MSG#" + group, "2023-03-27T19:50:10.311780+00:00", message=S("hi"))
    r = ddb.query(TableName=table, IndexName="message-group-sk-index",
                  KeyConditionExpression="message_group_uuid = :g",
                  ExpressionAttributeValues={":g": S(group)})
    assert sorted(i["pk"]["S"] for i in r["Items"]) == ["GRP#a", "GRP#b"]
