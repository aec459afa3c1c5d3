# What ddb-server refuses with a clear DynamoDB error rather than a crash or a silent ignore:
# unknown index names.
import pytest

from ddbtest import assert_raw_error

pytestmark = pytest.mark.ddb_only

K = {"pk": {"S": "a"}, "sk": {"S": "1"}}


@pytest.mark.parametrize("op", ["Query", "Scan"])
def test_unknown_index_name_is_refused(raw, table, op):
    body = {"TableName": table, "IndexName": "gsi1"}
    if op == "Query":
        body["KeyConditionExpression"] = "pk = :p"
        body["ExpressionAttributeValues"] = {":p": {"S": "a"}}
    assert_raw_error(raw.call(op, body), "ValidationException",
                     "The table does not have the specified index: gsi1")
