"""Item, capacity and protocol cases for gen_corpus.py."""
from gen_corpus import S, N, table


def items(c):
    c.file("items.jsonl")
    A = c.add
    T = "items"
    A("it-create", "CreateTable", table(T, "S", "N"))
    k1 = {"pk": S("a"), "sk": N(1)}
    item1 = dict(k1, x=S("one"), y=N(10))
    A("it-put-new-allold", "PutItem", {"TableName": T, "Item": item1, "ReturnValues": "ALL_OLD"})
    A("it-put-again-allold", "PutItem", {"TableName": T, "Item": dict(item1, x=S("uno")),
                                         "ReturnValues": "ALL_OLD"})
    A("it-put-none", "PutItem", {"TableName": T, "Item": item1, "ReturnValues": "NONE"})
    for rv in ("ALL_NEW", "UPDATED_OLD", "UPDATED_NEW", "FOO"):
        A("it-put-rv-" + rv.lower(), "PutItem", {"TableName": T, "Item": item1, "ReturnValues": rv})
    A("it-get", "GetItem", {"TableName": T, "Key": k1})
    A("it-get-consistent", "GetItem", {"TableName": T, "Key": k1, "ConsistentRead": True})
    A("it-get-missing-item", "GetItem", {"TableName": T, "Key": {"pk": S("a"), "sk": N(99)}})
    A("it-get-missing-sk", "GetItem", {"TableName": T, "Key": {"pk": S("a")}})
    A("it-get-extra-key", "GetItem", {"TableName": T, "Key": dict(k1, x=S("1"))})
    A("it-get-wrong-sk-type", "GetItem", {"TableName": T, "Key": {"pk": S("a"), "sk": S("1")}})
    A("it-get-no-key", "GetItem", {"TableName": T})
    A("it-get-empty-key", "GetItem", {"TableName": T, "Key": {}})
    A("it-get-no-table", "GetItem", {"TableName": "nope_table", "Key": k1})
    A("it-get-no-tablename", "GetItem", {"Key": k1})
    A("it-put-no-item", "PutItem", {"TableName": T})
    A("it-put-no-sk", "PutItem", {"TableName": T, "Item": {"pk": S("a"), "x": S("1")}})
    A("it-put-no-table", "PutItem", {"TableName": "nope_table", "Item": item1})
    A("it-put-cond-fail", "PutItem", {"TableName": T, "Item": item1,
                                      "ConditionExpression": "attribute_not_exists(pk)"})
    A("it-put-cond-fail-allold", "PutItem", {
        "TableName": T, "Item": item1, "ConditionExpression": "attribute_not_exists(pk)",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    A("it-put-cond-fail-rvoccf-none", "PutItem", {
        "TableName": T, "Item": item1, "ConditionExpression": "attribute_not_exists(pk)",
        "ReturnValuesOnConditionCheckFailure": "NONE"})
    A("it-put-rvoccf-enum", "PutItem", {
        "TableName": T, "Item": item1, "ConditionExpression": "attribute_not_exists(pk)",
        "ReturnValuesOnConditionCheckFailure": "ALL_NEW"})
    A("it-put-cond-fail-new-item-allold", "PutItem", {
        "TableName": T, "Item": {"pk": S("new"), "sk": N(1)},
        "ConditionExpression": "attribute_exists(pk)",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    A("it-put-cond-pass", "PutItem", {
        "TableName": T, "Item": dict(item1, z=S("zz")), "ConditionExpression": "y = :ten",
        "ExpressionAttributeValues": {":ten": N(10)}, "ReturnValues": "ALL_OLD"})
    A("it-put-2", "PutItem", {"TableName": T, "Item": {"pk": S("a"), "sk": N(2), "x": S("two")}})
    A("it-put-3", "PutItem", {"TableName": T, "Item": {"pk": S("b"), "sk": N(-1.5), "x": S("three")}})
    # UpdateItem ReturnValues
    upd = {"TableName": T, "Key": k1, "UpdateExpression": "SET x = :v, w = :w",
           "ExpressionAttributeValues": {":v": S("changed"), ":w": N(1)}}
    for rv in ("NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"):
        A("it-update-rv-" + rv.lower(), "UpdateItem", dict(upd, ReturnValues=rv))
    A("it-update-rv-enum", "UpdateItem", dict(upd, ReturnValues="ALL"))
    A("it-update-creates", "UpdateItem", {
        "TableName": T, "Key": {"pk": S("c"), "sk": N(1)}, "UpdateExpression": "SET x = :v",
        "ExpressionAttributeValues": {":v": S("made")}, "ReturnValues": "ALL_OLD"})
    A("it-update-key-only", "UpdateItem", {"TableName": T, "Key": {"pk": S("c"), "sk": N(2)},
                                           "ReturnValues": "ALL_NEW"})
    A("it-update-cond-fail-allold", "UpdateItem", dict(
        upd, ConditionExpression="x = :w", ReturnValuesOnConditionCheckFailure="ALL_OLD"))
    A("it-update-missing-sk", "UpdateItem", dict(upd, Key={"pk": S("a")}))
    A("it-update-no-table", "UpdateItem", dict(upd, TableName="nope_table"))
    # DeleteItem
    A("it-delete-allold", "DeleteItem", {"TableName": T, "Key": {"pk": S("a"), "sk": N(2)},
                                         "ReturnValues": "ALL_OLD"})
    A("it-delete-missing-allold", "DeleteItem", {"TableName": T, "Key": {"pk": S("a"), "sk": N(2)},
                                                 "ReturnValues": "ALL_OLD"})
    A("it-delete-none", "DeleteItem", {"TableName": T, "Key": {"pk": S("c"), "sk": N(2)},
                                       "ReturnValues": "NONE"})
    for rv in ("ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"):
        A("it-delete-rv-" + rv.lower(), "DeleteItem", {"TableName": T, "Key": k1, "ReturnValues": rv})
    A("it-delete-cond-fail", "DeleteItem", {
        "TableName": T, "Key": k1, "ConditionExpression": "x = :v",
        "ExpressionAttributeValues": {":v": S("nope")}, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    A("it-delete-cond-pass", "DeleteItem", {
        "TableName": T, "Key": {"pk": S("b"), "sk": N(-1.5)}, "ConditionExpression": "x = :v",
        "ExpressionAttributeValues": {":v": S("three")}, "ReturnValues": "ALL_OLD",
        "ReturnConsumedCapacity": "TOTAL"})
    A("it-delete-missing-sk", "DeleteItem", {"TableName": T, "Key": {"pk": S("a")}})
    A("it-delete-no-table", "DeleteItem", {"TableName": "nope_table", "Key": k1})
    A("it-get-after", "GetItem", {"TableName": T, "Key": k1})
    # expression attribute maps without expressions
    A("it-put-eav-no-expr", "PutItem", {"TableName": T, "Item": item1,
                                        "ExpressionAttributeValues": {":v": S("x")}})
    A("it-put-ean-no-expr", "PutItem", {"TableName": T, "Item": item1,
                                        "ExpressionAttributeNames": {"#n": "x"}})
    A("it-get-eav-projection", "GetItem", {"TableName": T, "Key": k1, "ProjectionExpression": "x",
                                           "ExpressionAttributeValues": {":v": S("x")}})
    A("it-scan-all", "Scan", {"TableName": T})
    # legacy parameters (not implemented in ddb-server) and mixing them with expressions
    A("it-legacy-expected", "PutItem", {"TableName": T, "Item": item1,
                                        "Expected": {"x": {"Exists": False}}})
    A("it-legacy-expected-mixed", "PutItem", {
        "TableName": T, "Item": item1, "Expected": {"x": {"Exists": False}},
        "ConditionExpression": "attribute_exists(x)"})
    A("it-legacy-attributeupdates", "UpdateItem", {
        "TableName": T, "Key": k1, "AttributeUpdates": {"q": {"Action": "PUT", "Value": S("1")}}})
    A("it-legacy-attributeupdates-mixed", "UpdateItem", {
        "TableName": T, "Key": k1, "AttributeUpdates": {"q": {"Action": "PUT", "Value": S("1")}},
        "UpdateExpression": "SET q = :v", "ExpressionAttributeValues": {":v": S("1")}})
    A("it-legacy-attributestoget", "GetItem", {"TableName": T, "Key": k1, "AttributesToGet": ["x"]})
    A("it-legacy-attributestoget-mixed", "GetItem", {
        "TableName": T, "Key": k1, "AttributesToGet": ["x"], "ProjectionExpression": "y"})
    A("it-legacy-delete-expected", "DeleteItem", {
        "TableName": T, "Key": {"pk": S("zz"), "sk": N(0)}, "Expected": {"x": {"Exists": False}}})
    A("it-legacy-conditionaloperator", "PutItem", {
        "TableName": T, "Item": item1, "ConditionalOperator": "AND"})
    # operations not implemented in ddb-server
    A("it-op-batchget", "BatchGetItem", {"RequestItems": {T: {"Keys": [k1]}}})
    A("it-op-batchwrite", "BatchWriteItem", {"RequestItems": {T: [
        {"PutRequest": {"Item": {"pk": S("bw"), "sk": N(1)}}}]}})
    A("it-op-transactget", "TransactGetItems", {"TransactItems": [{"Get": {"TableName": T, "Key": k1}}]})
    A("it-op-transactwrite", "TransactWriteItems", {"TransactItems": [
        {"Put": {"TableName": T, "Item": {"pk": S("tw"), "sk": N(1)}}}]})
    A("it-op-executestatement", "ExecuteStatement", {"Statement": "SELECT * FROM items"})
    A("it-op-describettl", "DescribeTimeToLive", {"TableName": T})
    A("it-op-describelimits", "DescribeLimits", {})


def capacity(c):
    c.file("capacity.jsonl")
    A = c.add
    T = "cap"
    A("cap-create", "CreateTable", table(T, billing="PROVISIONED"))
    small = {"pk": S("small"), "v": S("x")}
    big = {"pk": S("big"), "v": S("x" * 5000)}
    mid = {"pk": S("mid"), "v": S("x" * 1500)}
    A("cap-put-small-total", "PutItem", {"TableName": T, "Item": small, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-put-big-total", "PutItem", {"TableName": T, "Item": big, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-put-mid-indexes", "PutItem", {"TableName": T, "Item": mid, "ReturnConsumedCapacity": "INDEXES"})
    A("cap-put-small-none", "PutItem", {"TableName": T, "Item": small, "ReturnConsumedCapacity": "NONE"})
    A("cap-put-overwrite-big-with-small", "PutItem", {
        "TableName": T, "Item": {"pk": S("big"), "v": S("y")}, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-put-big-again", "PutItem", {"TableName": T, "Item": big, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-put-enum", "PutItem", {"TableName": T, "Item": small, "ReturnConsumedCapacity": "FOO"})
    for rcc in ("TOTAL", "INDEXES"):
        r = rcc.lower()
        A("cap-get-small-" + r, "GetItem", {"TableName": T, "Key": {"pk": S("small")},
                                            "ReturnConsumedCapacity": rcc})
        A("cap-get-big-consistent-" + r, "GetItem", {
            "TableName": T, "Key": {"pk": S("big")}, "ConsistentRead": True,
            "ReturnConsumedCapacity": rcc})
    A("cap-get-big-eventual", "GetItem", {"TableName": T, "Key": {"pk": S("big")},
                                          "ReturnConsumedCapacity": "TOTAL", "ProjectionExpression": "pk"})
    A("cap-get-missing", "GetItem", {"TableName": T, "Key": {"pk": S("none")},
                                     "ReturnConsumedCapacity": "TOTAL"})
    A("cap-get-none", "GetItem", {"TableName": T, "Key": {"pk": S("small")},
                                  "ReturnConsumedCapacity": "NONE"})
    A("cap-update-total", "UpdateItem", {
        "TableName": T, "Key": {"pk": S("mid")}, "UpdateExpression": "SET w = :w",
        "ExpressionAttributeValues": {":w": S("y" * 1000)}, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-update-indexes", "UpdateItem", {
        "TableName": T, "Key": {"pk": S("new")}, "UpdateExpression": "SET w = :w",
        "ExpressionAttributeValues": {":w": N(1)}, "ReturnConsumedCapacity": "INDEXES"})
    A("cap-cond-fail-total", "PutItem", {
        "TableName": T, "Item": small, "ConditionExpression": "attribute_not_exists(pk)",
        "ReturnConsumedCapacity": "TOTAL"})
    A("cap-query-total", "Query", {
        "TableName": T, "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": S("big")}, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-query-indexes-consistent", "Query", {
        "TableName": T, "KeyConditionExpression": "pk = :p", "ConsistentRead": True,
        "ExpressionAttributeValues": {":p": S("mid")}, "ReturnConsumedCapacity": "INDEXES"})
    A("cap-query-count", "Query", {
        "TableName": T, "KeyConditionExpression": "pk = :p", "Select": "COUNT",
        "ExpressionAttributeValues": {":p": S("big")}, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-scan-total", "Scan", {"TableName": T, "ReturnConsumedCapacity": "TOTAL"})
    A("cap-scan-indexes-consistent", "Scan", {"TableName": T, "ReturnConsumedCapacity": "INDEXES",
                                              "ConsistentRead": True})
    A("cap-scan-filter-total", "Scan", {
        "TableName": T, "ReturnConsumedCapacity": "TOTAL", "FilterExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": S("nothing")}})
    A("cap-delete-big-total", "DeleteItem", {"TableName": T, "Key": {"pk": S("big")},
                                             "ReturnConsumedCapacity": "TOTAL"})
    A("cap-delete-missing-indexes", "DeleteItem", {"TableName": T, "Key": {"pk": S("big")},
                                                   "ReturnConsumedCapacity": "INDEXES"})
    A("cap-delete-none", "DeleteItem", {"TableName": T, "Key": {"pk": S("small")},
                                        "ReturnConsumedCapacity": "NONE"})
    A("cap-delete-unasked", "DeleteItem", {"TableName": T, "Key": {"pk": S("mid")}})
    A("cap-describe", "DescribeTable", {"TableName": T})


AUTH = ("AWS4-HMAC-SHA256 Credential=difftest/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=0")


def protocol(c):
    c.file("protocol.jsonl")
    A = c.add
    A("pr-create", "CreateTable", table("proto"))
    A("pr-no-auth", "ListTables", {}, headers={"Authorization": None})
    A("pr-auth-garbage", "ListTables", {}, headers={"Authorization": "garbage"})
    A("pr-auth-other-key", "ListTables", {"Limit": 1}, headers={
        "Authorization": AUTH.replace("difftest", "otherkey")})
    A("pr-auth-other-region", "DescribeTable", {"TableName": "proto"}, headers={
        "Authorization": AUTH.replace("us-east-1", "eu-west-1")})
    A("pr-target-unknown-op", "ListTables", {}, headers={"X-Amz-Target": "DynamoDB_20120810.NoSuchOp"})
    A("pr-target-lowercase-op", "ListTables", {}, headers={"X-Amz-Target": "DynamoDB_20120810.listTables"})
    A("pr-target-bad-prefix", "ListTables", {}, headers={"X-Amz-Target": "Foo.ListTables"})
    A("pr-target-no-dot", "ListTables", {}, headers={"X-Amz-Target": "DynamoDB_20120810"})
    A("pr-target-missing", "ListTables", {}, headers={"X-Amz-Target": None})
    A("pr-content-type-json", "ListTables", {}, headers={"Content-Type": "application/json"})
    A("pr-content-type-1.1", "ListTables", {}, headers={"Content-Type": "application/x-amz-json-1.1"})
    raws = {"not-json": "{not json", "empty": "", "array": "[]", "null": "null",
            "string": "\"abc\"", "truncated": "{\"TableName\": \"proto\"",
            "trailing-garbage": "{} x", "number": "5"}
    for k, raw in raws.items():
        A("pr-raw-" + k, "ListTables", {}, raw_body=raw)
    A("pr-raw-describe-truncated", "DescribeTable", {}, raw_body="{\"TableName\":\"pro")
    wrong = {
        "limit-string": ("ListTables", {"Limit": "abc"}),
        "limit-numeric-string": ("ListTables", {"Limit": "5"}),
        "limit-float": ("ListTables", {"Limit": 5.5}),
        "limit-bool": ("ListTables", {"Limit": True}),
        "tablename-number": ("DescribeTable", {"TableName": 5}),
        "tablename-object": ("DescribeTable", {"TableName": {}}),
        "key-array": ("GetItem", {"TableName": "proto", "Key": []}),
        "consistentread-string": ("GetItem", {"TableName": "proto", "Key": {"pk": S("a")},
                                              "ConsistentRead": "true"}),
        "item-string": ("PutItem", {"TableName": "proto", "Item": "x"}),
        "scanindexforward-string": ("Query", {
            "TableName": "proto", "KeyConditionExpression": "pk = :p",
            "ExpressionAttributeValues": {":p": S("a")}, "ScanIndexForward": "no"}),
        "eav-array": ("Query", {"TableName": "proto", "KeyConditionExpression": "pk = :p",
                                "ExpressionAttributeValues": [":p"]}),
    }
    for k, (op, body) in wrong.items():
        A("pr-wrong-type-" + k, op, body)
    A("pr-unknown-member", "ListTables", {"Foo": 1})
    A("pr-unknown-member-put", "PutItem", {"TableName": "proto", "Item": {"pk": S("a")}, "Bar": "x"})
    A("pr-get-after", "GetItem", {"TableName": "proto", "Key": {"pk": S("a")}})
    A("pr-lowercase-enum", "PutItem", {"TableName": "proto", "Item": {"pk": S("a")},
                                       "ReturnValues": "all_old"})
