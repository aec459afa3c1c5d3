# Until the batch and transaction forms of PartiQL land, ddb-server must answer them with a
# clear DynamoDB error: never a crash, never a silent ignore. Unknown index names are refused
# the same way.
import pytest

from ddbtest import assert_raw_error

pytestmark = pytest.mark.ddb_only

K = {"pk": {"S": "a"}, "sk": {"S": "1"}}


@pytest.mark.parametrize("op", ["BatchExecuteStatement", "ExecuteTransaction"])
def test_unimplemented_operations(raw, op):
    # As an unknown operation: the service's coral UnknownOperationException, without a message.
    r = raw.call(op, {})
    assert r.status == 400
    assert r.json == {"__type": "com.amazon.coral.service#UnknownOperationException"}, r


@pytest.mark.parametrize("op", ["Query", "Scan"])
def test_unknown_index_name_is_refused(raw, table, op):
    body = {"TableName": table, "IndexName": "gsi1"}
    if op == "Query":
        body["KeyConditionExpression"] = "pk = :p"
        body["ExpressionAttributeValues"] = {":p": {"S": "a"}}
    assert_raw_error(raw.call(op, body), "ValidationException",
                     "The table does not have the specified index: gsi1")
