# ItemCollectionMetrics: with ReturnItemCollectionMetrics=SIZE, every write to a table with a
# local secondary index reports its item collection (the partition key and a size range in GB),
# as the service documents. DynamoDB Local never returns them, hence local_deviation; the
# enum's validation is the service's too. The 10 GB limit itself is tested with a lowered
# limit in tests/integration/test_item_collection_limit.py.
import pytest

from ddbtest import assert_raw_error

pytestmark = pytest.mark.local_deviation

S = lambda v: {"S": v}  # noqa: E731
KEYS = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
ATTRS = [{"AttributeName": "pk", "AttributeType": "S"},
         {"AttributeName": "sk", "AttributeType": "S"},
         {"AttributeName": "l", "AttributeType": "S"}]
METRICS_A = {"ItemCollectionKey": {"pk": S("a")}, "SizeEstimateRangeGB": [0.0, 1.0]}


@pytest.fixture
def lsi_table(make_table):
    return make_table(AttributeDefinitions=ATTRS, LocalSecondaryIndexes=[{
        "IndexName": "by_l", "KeySchema": [KEYS[0], {"AttributeName": "l", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"}}])


@pytest.fixture
def gsi_table(make_table):
    return make_table(AttributeDefinitions=ATTRS, GlobalSecondaryIndexes=[{
        "IndexName": "by_l", "KeySchema": [{"AttributeName": "l", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"}}])


def item(sk, **extra):
    return dict({"pk": S("a"), "sk": S(sk), "l": S("x")}, **extra)


def test_single_item_writes_report_their_collection(raw, lsi_table):
    size = {"ReturnItemCollectionMetrics": "SIZE"}
    r = raw.ok("PutItem", dict(size, TableName=lsi_table, Item=item("1")))
    assert r == {"ItemCollectionMetrics": METRICS_A}
    r = raw.ok("UpdateItem", dict(size, TableName=lsi_table, Key={"pk": S("a"), "sk": S("1")},
                                  UpdateExpression="SET z = :z",
                                  ExpressionAttributeValues={":z": S("q")}))
    assert r == {"ItemCollectionMetrics": METRICS_A}
    r = raw.ok("DeleteItem", dict(size, TableName=lsi_table, Key={"pk": S("a"), "sk": S("1")},
                                  ReturnValues="ALL_OLD"))
    assert r["ItemCollectionMetrics"] == METRICS_A and r["Attributes"]["z"] == S("q")


@pytest.mark.parametrize("extra", [{}, {"ReturnItemCollectionMetrics": "NONE"}])
def test_not_reported_unless_asked(raw, lsi_table, extra):
    assert raw.ok("PutItem", dict(extra, TableName=lsi_table, Item=item("1"))) == {}


def test_not_reported_without_a_local_index(raw, gsi_table):
    r = raw.ok("PutItem", {"TableName": gsi_table, "Item": item("1"),
                           "ReturnItemCollectionMetrics": "SIZE"})
    assert r == {}


def test_batch_write_reports_each_write_by_table(raw, lsi_table, gsi_table):
    r = raw.ok("BatchWriteItem", {"ReturnItemCollectionMetrics": "SIZE", "RequestItems": {
        lsi_table: [{"PutRequest": {"Item": item("1")}},
                    {"PutRequest": {"Item": dict(item("2"), pk=S("b"))}}],
        gsi_table: [{"PutRequest": {"Item": item("1")}}]}})
    assert r == {"UnprocessedItems": {}, "ItemCollectionMetrics": {lsi_table: [
        METRICS_A, {"ItemCollectionKey": {"pk": S("b")}, "SizeEstimateRangeGB": [0.0, 1.0]}]}}


def test_transaction_reports_its_writes(raw, lsi_table):
    raw.ok("PutItem", {"TableName": lsi_table, "Item": item("0")})
    r = raw.ok("TransactWriteItems", {"ReturnItemCollectionMetrics": "SIZE", "TransactItems": [
        {"Put": {"TableName": lsi_table, "Item": item("1")}},
        {"ConditionCheck": {"TableName": lsi_table, "Key": {"pk": S("a"), "sk": S("0")},
                            "ConditionExpression": "attribute_exists(pk)"}}]})
    assert r == {"ItemCollectionMetrics": {lsi_table: [METRICS_A]}}


@pytest.mark.parametrize("op,body", [
    ("PutItem", {"Item": item("1")}),
    ("DeleteItem", {"Key": {"pk": S("a"), "sk": S("1")}}),
    ("UpdateItem", {"Key": {"pk": S("a"), "sk": S("1")}}),
])
def test_invalid_value_rejected(raw, lsi_table, op, body):
    r = raw.call(op, dict(body, TableName=lsi_table, ReturnItemCollectionMetrics="ALL"))
    assert_raw_error(r, "ValidationException",
                     "1 validation error detected: Value 'ALL' at 'returnItemCollectionMetrics' "
                     "failed to satisfy constraint: Member must satisfy enum value set: "
                     "[SIZE, NONE]")


@pytest.mark.parametrize("op", ["BatchWriteItem", "TransactWriteItems"])
def test_invalid_value_rejected_on_multi_item_writes(raw, lsi_table, op):
    body = ({"RequestItems": {lsi_table: [{"PutRequest": {"Item": item("1")}}]}}
            if op == "BatchWriteItem" else
            {"TransactItems": [{"Put": {"TableName": lsi_table, "Item": item("1")}}]})
    r = raw.call(op, dict(body, ReturnItemCollectionMetrics="size"))
    assert_raw_error(r, "ValidationException",
                     "1 validation error detected: Value 'size' at 'returnItemCollectionMetrics' "
                     "failed to satisfy constraint: Member must satisfy enum value set: "
                     "[SIZE, NONE]")
    assert raw.ok("Scan", {"TableName": lsi_table})["Count"] == 0
