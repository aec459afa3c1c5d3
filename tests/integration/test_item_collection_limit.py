# The item-collection size limit of tables with local secondary indexes (DynamoDB's 10 GB),
# lowered with --item-collection-limit so that it can be reached: a write that would grow a
# collection past it fails with ItemCollectionSizeLimitExceededException and changes nothing;
# writes that shrink it, and other collections, still succeed; inside a transaction it is a
# cancellation reason; the sizes survive a restart; a table without local indexes has no limit.
import pytest

from conftest import create_table

LIMIT = 4000
S = lambda v: {"S": v}  # noqa: E731


def lsi_table(ddb, name):
    create_table(ddb, name, range_key=True,
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "sk", "AttributeType": "S"},
                                       {"AttributeName": "l", "AttributeType": "S"}],
                 LocalSecondaryIndexes=[{
                     "IndexName": "by_l",
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                   {"AttributeName": "l", "KeyType": "RANGE"}],
                     "Projection": {"ProjectionType": "ALL"}}])


def item(pk, sk, size=500):
    # About 2 x `size` bytes in the collection: the item and its ALL-projected index entry.
    return {"pk": S(pk), "sk": S(sk), "l": S("x"), "filler": S("p" * size)}


def fill(ddb, table, pk):
    """Puts items into collection `pk` until the limit refuses one; returns how many fit."""
    for i in range(100):
        try:
            ddb.put_item(TableName=table, Item=item(pk, "%03d" % i))
        except ddb.exceptions.ItemCollectionSizeLimitExceededException as e:
            assert e.response["Error"]["Message"] == "Collection size exceeded."
            return i
    raise AssertionError("the limit was never reached")


def test_limit_refuses_growth_only(servers, data_dir):
    server = servers(db_path=data_dir, extra=["--item-collection-limit", str(LIMIT)])
    ddb = server.client()
    lsi_table(ddb, "collections")
    fitted = fill(ddb, "collections", "a")
    assert 2 <= fitted <= 4
    count = lambda pk: ddb.query(  # noqa: E731
        TableName="collections", KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": S(pk)})["Count"]
    assert count("a") == fitted
    # Another collection has room of its own; shrinking and deleting are always allowed.
    ddb.put_item(TableName="collections", Item=item("b", "000"))
    ddb.update_item(TableName="collections", Key={"pk": S("a"), "sk": S("000")},
                    UpdateExpression="REMOVE filler")
    ddb.put_item(TableName="collections", Item=item("a", "new"))
    with pytest.raises(ddb.exceptions.ItemCollectionSizeLimitExceededException):
        ddb.put_item(TableName="collections", Item=item("a", "one-too-many"))
    ddb.delete_item(TableName="collections", Key={"pk": S("a"), "sk": S("new")})

    # In a transaction the refusal is a cancellation reason, and nothing is written.
    with pytest.raises(ddb.exceptions.TransactionCanceledException) as info:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "collections", "Item": item("b", "001")}},
            {"Put": {"TableName": "collections", "Item": item("a", "big", 1500)}}])
    reasons = info.value.response["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["None", "ItemCollectionSizeLimitExceeded"]
    assert count("b") == 1

    # The collections' sizes are on disk: the limit holds after a restart.
    assert server.stop() == 0
    server = servers(db_path=data_dir, extra=["--item-collection-limit", str(LIMIT)])
    ddb = server.client()
    with pytest.raises(ddb.exceptions.ItemCollectionSizeLimitExceededException):
        ddb.put_item(TableName="collections", Item=item("a", "after-restart", 1500))
    r = ddb.put_item(TableName="collections", Item=item("c", "000"),
                     ReturnItemCollectionMetrics="SIZE")
    assert r["ItemCollectionMetrics"]["ItemCollectionKey"] == {"pk": S("c")}


def test_dropped_table_starts_empty_collections(servers, data_dir):
    server = servers(db_path=data_dir, extra=["--item-collection-limit", str(LIMIT)])
    ddb = server.client()
    lsi_table(ddb, "recreated")
    fitted = fill(ddb, "recreated", "a")
    ddb.delete_table(TableName="recreated")
    lsi_table(ddb, "recreated")
    assert fill(ddb, "recreated", "a") == fitted


def test_no_limit_without_local_indexes(servers, data_dir):
    server = servers(db_path=data_dir, extra=["--item-collection-limit", str(LIMIT)])
    ddb = server.client()
    create_table(ddb, "plain", range_key=True)
    for i in range(20):
        ddb.put_item(TableName="plain", Item=item("a", "%03d" % i))
