# A first pass over the second part of the API, written before it existed: the legacy
# (pre-expression) parameters Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter,
# AttributesToGet and ConditionalOperator; global secondary indexes; BatchWriteItem /
# BatchGetItem; TransactWriteItems / TransactGetItems. Pins their basic behaviour and key error
# messages; the full suites are test_legacy_api.py, test_indexes*.py, test_batch*.py and
# test_transact*.py.
import pytest

from ddbtest import assert_client_error, unique_name

K = {"pk": {"S": "a"}, "sk": {"S": "1"}}


def seed(ddb, table, n=5):
    for i in range(n):
        ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": str(i)},
                                            "n": {"N": str(i)}, "g": {"S": "g%d" % (i % 2)}})


def test_attributes_to_get(ddb, table):
    seed(ddb, table, 2)
    r = ddb.get_item(TableName=table, Key=K, AttributesToGet=["n"])
    assert r["Item"] == {"n": {"N": "1"}}


def test_expected_legacy_condition(ddb, table):
    ddb.put_item(TableName=table, Item=dict(K, n={"N": "1"}))
    ddb.put_item(TableName=table, Item=dict(K, n={"N": "2"}),
                 Expected={"n": {"Value": {"N": "1"}}})
    assert_client_error(ddb.put_item, "ConditionalCheckFailedException",
                        "The conditional request failed", TableName=table, Item=K,
                        Expected={"n": {"ComparisonOperator": "EQ",
                                        "AttributeValueList": [{"N": "1"}]}})
    ddb.put_item(TableName=table, Item=K, Expected={"n": {"Exists": True, "Value": {"N": "2"}},
                                                    "q": {"Exists": False}},
                 ConditionalOperator="AND")
    assert ddb.get_item(TableName=table, Key=K)["Item"] == K


def test_attribute_updates(ddb, table):
    ddb.put_item(TableName=table, Item=dict(K, n={"N": "1"}, s={"S": "x"}))
    r = ddb.update_item(TableName=table, Key=K, AttributeUpdates={
        "n": {"Action": "ADD", "Value": {"N": "4"}}, "s": {"Action": "DELETE"},
        "t": {"Action": "PUT", "Value": {"S": "new"}}}, ReturnValues="ALL_NEW")
    assert r["Attributes"] == dict(K, n={"N": "5"}, t={"S": "new"})


def test_key_conditions_and_query_filter(ddb, table):
    seed(ddb, table)
    r = ddb.query(TableName=table, KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
        "sk": {"ComparisonOperator": "GE", "AttributeValueList": [{"S": "2"}]}},
        QueryFilter={"g": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "g0"}]}})
    assert [i["sk"]["S"] for i in r["Items"]] == ["2", "4"]
    assert r["ScannedCount"] == 3


def test_scan_filter_with_or(ddb, table):
    seed(ddb, table)
    r = ddb.scan(TableName=table, ScanFilter={
        "n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "1"}]},
        "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "4"}]}},
        ConditionalOperator="OR")
    assert sorted(i["sk"]["S"] for i in r["Items"]) == ["0", "4"]


def test_mixing_legacy_and_expression_rejected(ddb, table):
    assert_client_error(ddb.query, "ValidationException",
                        "Can not use both expression and non-expression parameters in the same "
                        "request: Non-expression parameters: {KeyConditions} Expression "
                        "parameters: {KeyConditionExpression}", TableName=table,
                        KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": {"S": "a"}},
                        KeyConditions={"pk": {"ComparisonOperator": "EQ",
                                              "AttributeValueList": [{"S": "a"}]}})


@pytest.fixture
def gsi_table(ddb, raw):
    name = unique_name("gsi")
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                   {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "sk", "AttributeType": "S"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-g",
                                 "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                               {"AttributeName": "sk", "KeyType": "RANGE"}],
                                 "Projection": {"ProjectionType": "ALL"}}])
    yield name
    ddb.delete_table(TableName=name)


def test_gsi_describe_and_query(ddb, gsi_table):
    idx = ddb.describe_table(TableName=gsi_table)["Table"]["GlobalSecondaryIndexes"][0]
    assert idx["IndexName"] == "by-g" and idx["IndexStatus"] == "ACTIVE"
    seed(ddb, gsi_table)
    r = ddb.query(TableName=gsi_table, IndexName="by-g", KeyConditionExpression="g = :g",
                  ExpressionAttributeValues={":g": {"S": "g1"}})
    assert [i["sk"]["S"] for i in r["Items"]] == ["1", "3"]


@pytest.mark.local_deviation
def test_gsi_consistent_read_rejected(ddb, gsi_table):
    # docs/notes/service-errors.md §2.9; DynamoDB Local: "Consistent read cannot be true when
    # querying a GSI".
    assert_client_error(ddb.query, "ValidationException",
                        "Consistent reads are not supported on global secondary indexes",
                        TableName=gsi_table, IndexName="by-g", ConsistentRead=True,
                        KeyConditionExpression="g = :g",
                        ExpressionAttributeValues={":g": {"S": "g1"}})


def test_batch_write_and_get(ddb, table):
    ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"S": str(i)}}}} for i in range(3)]})
    r = ddb.batch_get_item(RequestItems={table: {"Keys": [
        {"pk": {"S": "b"}, "sk": {"S": str(i)}} for i in range(4)]}})
    assert sorted(i["sk"]["S"] for i in r["Responses"][table]) == ["0", "1", "2"]
    assert r["UnprocessedKeys"] == {}
    ddb.batch_write_item(RequestItems={table: [
        {"DeleteRequest": {"Key": {"pk": {"S": "b"}, "sk": {"S": "0"}}}}]})
    assert ddb.scan(TableName=table)["Count"] == 2


def test_batch_write_duplicate_keys_rejected(ddb, table):
    put = {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"S": "0"}}}}
    assert_client_error(ddb.batch_write_item, "ValidationException",
                        "Provided list of item keys contains duplicates",
                        RequestItems={table: [put, put]})


def test_transact_write_and_get(ddb, table):
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "Item": {"pk": {"S": "t"}, "sk": {"S": "1"}}}},
        {"Update": {"TableName": table, "Key": {"pk": {"S": "t"}, "sk": {"S": "2"}},
                    "UpdateExpression": "SET n = :v",
                    "ExpressionAttributeValues": {":v": {"N": "1"}}}}])
    r = ddb.transact_get_items(TransactItems=[
        {"Get": {"TableName": table, "Key": {"pk": {"S": "t"}, "sk": {"S": str(i)}}}}
        for i in (1, 2)])
    assert r["Responses"][1]["Item"]["n"] == {"N": "1"}


def test_transact_condition_failure_cancels(ddb, table):
    with pytest.raises(ddb.exceptions.TransactionCanceledException) as info:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": "t"}, "sk": {"S": "1"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "t"}, "sk": {"S": "9"}},
                                "ConditionExpression": "attribute_exists(pk)"}}])
    err = info.value.response
    assert err["Error"]["Message"] == ("Transaction cancelled, please refer cancellation "
                                       "reasons for specific reasons [None, "
                                       "ConditionalCheckFailed]")
    assert ddb.scan(TableName=table)["Count"] == 0
