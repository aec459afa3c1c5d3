# Until PartiQL and the legacy
# parameters land, ddb-server must answer them with a clear DynamoDB error: never a crash, never
# a silent ignore (a request that would be misread must not change data).
import pytest

from ddbtest import assert_raw_error

pytestmark = pytest.mark.ddb_only

K = {"pk": {"S": "a"}, "sk": {"S": "1"}}


@pytest.mark.parametrize("op", ["ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"])
def test_unimplemented_operations(raw, op):
    assert_raw_error(raw.call(op, {}), "UnknownOperationException",
                     "An unknown operation was requested.")


@pytest.mark.parametrize("op,field,value", [
    ("PutItem", "Expected", {"n": {"Exists": False}}),
    ("UpdateItem", "AttributeUpdates", {"n": {"Action": "PUT", "Value": {"N": "1"}}}),
    ("GetItem", "AttributesToGet", ["n"]),
    ("DeleteItem", "Expected", {"n": {"Exists": True, "Value": {"N": "1"}}}),
])
def test_legacy_item_parameters_are_refused(raw, table, op, field, value):
    body = {"TableName": table, field: value}
    body["Item" if op == "PutItem" else "Key"] = K
    r = raw.call(op, body)
    assert_raw_error(r, "ValidationException")
    assert field in r.message
    got = raw.call("GetItem", {"TableName": table, "Key": K})
    assert got.status == 200 and "Item" not in got.json, "a refused write changed data"


@pytest.mark.parametrize("op,field", [("Query", "KeyConditions"), ("Query", "QueryFilter"),
                                      ("Scan", "ScanFilter")])
def test_legacy_read_parameters_are_refused(raw, table, op, field):
    r = raw.call(op, {"TableName": table, field: {"pk": {"ComparisonOperator": "EQ",
                                                        "AttributeValueList": [{"S": "a"}]}}})
    assert_raw_error(r, "ValidationException")
    assert field in r.message


@pytest.mark.parametrize("op", ["Query", "Scan"])
def test_unknown_index_name_is_refused(raw, table, op):
    body = {"TableName": table, "IndexName": "gsi1"}
    if op == "Query":
        body["KeyConditionExpression"] = "pk = :p"
        body["ExpressionAttributeValues"] = {":p": {"S": "a"}}
    assert_raw_error(raw.call(op, body), "ValidationException",
                     "The table does not have the specified index: gsi1")
