# The service's request-validation layer, which runs before every operation: JSON type errors
# (SerializationException), "required" parameters, constraint-violation lists, the error
# envelope (key spelling, coral namespaces) and the check order (unknown operation before
# authentication, validation before table existence). Expected texts are the real service's,
# from docs/notes/service-errors.md (§ numbers below refer to it). DynamoDB Local answers most
# of these differently, hence the module-wide local_deviation marker.
import json
import zlib

import pytest

from ddbtest import (ENUM, GE, LE, LENGTH_MSG, MAX, MIN, NAME_PATTERN, NOT_NULL, REQUIRED_MSG,
                     SHAPE, unique_name, violations)
from ddbtest import violation as v

pytestmark = pytest.mark.local_deviation

VALIDATION = "com.amazon.coral.validate#ValidationException"
SERIALIZATION = "com.amazon.coral.service#SerializationException"
CT = "application/x-amz-json-1.0"
TARGET = "DynamoDB_20120810."
DATE = "20260101T000000Z"
CREDENTIAL = "Credential=testkey/20260101/us-east-1/dynamodb/aws4_request"
GOOD_AUTH = "AWS4-HMAC-SHA256 %s, SignedHeaders=host;x-amz-date, Signature=0" % CREDENTIAL
MISSING_TABLE = "conf-no-such-table-validation"
TABLE_OPS = ["CreateTable", "DeleteTable", "DescribeTable", "UpdateTable",
             "DescribeTimeToLive", "UpdateTimeToLive"]


def post(raw, op, body):
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    return raw.call(op, body=body)


def assert_validation(resp, message):
    assert resp.status == 400, resp
    assert resp.json == {"__type": VALIDATION, "message": message}, resp


def assert_serialization(resp, message):
    assert resp.status == 400, resp
    expected = {"__type": SERIALIZATION}
    if message is not None:
        expected["Message"] = message
    assert resp.json == expected, resp


def validation_items(resp):
    """(count, [violations]) of an 'N validation errors detected: ...' message."""
    assert resp.status == 400 and resp.error_type == VALIDATION, resp
    head, _, rest = resp.json["message"].partition(" detected: ")
    return int(head.split()[0]), rest.split("; ")


def key_table(hash_name="pk"):
    return {"KeySchema": [{"AttributeName": hash_name, "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": hash_name, "AttributeType": "S"}]}


# ---- SerializationException (§1.6) ----------------------------------------------------------
TN = '"TableName": "%s"' % MISSING_TABLE
ITEM = TN + ', "Item": {"a": {"S": "x"}}'
GET = TN + ', "Key": {"a": {"S": "x"}}'
ATTR_VALUE_MAP = "java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"

SERIALIZATION_CASES = [
    # String members
    ("DescribeTable", '{"TableName": 23}', "NUMBER_VALUE cannot be converted to String"),
    ("DescribeTable", '{"TableName": 2147483648}', "NUMBER_VALUE cannot be converted to String"),
    ("DescribeTable", '{"TableName": 34.56}', "DECIMAL_VALUE cannot be converted to String"),
    ("DescribeTable", '{"TableName": true}', "TRUE_VALUE cannot be converted to String"),
    ("DescribeTable", '{"TableName": false}', "FALSE_VALUE cannot be converted to String"),
    ("DescribeTable", '{"TableName": {}}', "Start of structure or map found where not expected"),
    ("DescribeTable", '{"TableName": []}', "Unrecognized collection type class java.lang.String"),
    ("PutItem", '{%s, "Item": {"a": {"S": 5}}}' % TN,
     "NUMBER_VALUE cannot be converted to String"),
    ("GetItem", '{%s, "AttributesToGet": [1]}' % GET, "NUMBER_VALUE cannot be converted to String"),
    # Integer / Long members
    ("ListTables", '{"Limit": "23"}', "STRING_VALUE cannot be converted to Integer"),
    ("ListTables", '{"Limit": true}', "TRUE_VALUE cannot be converted to Integer"),
    ("ListTables", '{"Limit": []}', "Unrecognized collection type class java.lang.Integer"),
    ("ListTables", '{"Limit": {}}', "Start of structure or map found where not expected"),
    ("CreateTable", '{"TableName": "abc", "ProvisionedThroughput": {"ReadCapacityUnits": "5"}}',
     "STRING_VALUE cannot be converted to Long"),
    ("CreateTable", '{"TableName": "abc", "ProvisionedThroughput": {"ReadCapacityUnits": true}}',
     "TRUE_VALUE cannot be converted to Long"),
    # Boolean members
    ("GetItem", '{%s, "ConsistentRead": "23"}' % GET, "Unexpected token received from parser"),
    ("GetItem", '{%s, "ConsistentRead": 23}' % GET, "NUMBER_VALUE cannot be converted to Boolean"),
    ("GetItem", '{%s, "ConsistentRead": 34.5}' % GET,
     "DECIMAL_VALUE cannot be converted to Boolean"),
    ("GetItem", '{%s, "ConsistentRead": []}' % GET,
     "Unrecognized collection type class java.lang.Boolean"),
    ("GetItem", '{%s, "ConsistentRead": {}}' % GET,
     "Start of structure or map found where not expected"),
    # Blob members
    ("PutItem", '{"TableName": "abc", "Item": {"a": {"B": true}}}',
     "only base-64-encoded strings are convertible to bytes"),
    ("PutItem", '{"TableName": "abc", "Item": {"a": {"B": 5}}}',
     "only base-64-encoded strings are convertible to bytes"),
    ("PutItem", '{"TableName": "abc", "Item": {"a": {"BS": [true]}}}',
     "only base-64-encoded strings are convertible to bytes"),
    ("PutItem", '{"TableName": "abc", "Item": {"a": {"B": "23456"}}}',
     "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
    ("PutItem", '{"TableName": "abc", "Item": {"a": {"B": {}}}}',
     "Start of structure or map found where not expected"),
    # Lists
    ("CreateTable", '{"TableName": "abc", "KeySchema": "x"}', "Unexpected field type"),
    ("CreateTable", '{"TableName": "abc", "KeySchema": {}}',
     "Start of structure or map found where not expected"),
    ("GetItem", '{%s, "AttributesToGet": "x"}' % GET, "Unexpected field type"),
    # Maps
    ("PutItem", '{"TableName": "abc", "Item": "x"}', "Unexpected field type"),
    ("PutItem", '{"TableName": "abc", "Item": []}',
     "Unrecognized collection type " + ATTR_VALUE_MAP),
    ("PutItem", '{%s, "ExpressionAttributeNames": []}' % ITEM,
     "Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>"),
    ("PutItem", '{%s, "Expected": []}' % ITEM, "Unrecognized collection type java.util.Map"
     "<java.lang.String, com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue>"),
    ("BatchWriteItem", '{"RequestItems": {"abc": "x"}}', "Unexpected field type"),
    # structures that are list elements / map values ("ValueStruct")
    ("CreateTable", '{"TableName": "abc", "KeySchema": ["x"]}', "Unexpected value type in payload"),
    ("CreateTable", '{"TableName": "abc", "KeySchema": [[]]}',
     "Unrecognized collection type class " + SHAPE + "KeySchemaElement"),
    ("PutItem", '{"TableName": "abc", "Item": {"a": "x"}}', "Unexpected value type in payload"),
    ("PutItem", '{"TableName": "abc", "Item": {"a": []}}',
     "Unrecognized collection type class " + SHAPE + "AttributeValue"),
    ("PutItem", '{%s, "Expected": {"a": "x"}}' % ITEM, "Unexpected value type in payload"),
    ("BatchWriteItem", '{"RequestItems": {"abc": ["x"]}}', "Unexpected value type in payload"),
    # structures that are named fields ("FieldStruct")
    ("CreateTable", '{"TableName": "abc", "ProvisionedThroughput": "x"}', "Unexpected field type"),
    ("CreateTable", '{"TableName": "abc", "ProvisionedThroughput": []}',
     "Unrecognized collection type class " + SHAPE + "ProvisionedThroughput"),
    ("PutItem", '{%s, "Expected": {"a": {"Value": "x"}}}' % ITEM, "Unexpected field type"),
    ("BatchWriteItem", '{"RequestItems": {"abc": [{"PutRequest": "x"}]}}',
     "Unexpected field type"),
]


@pytest.mark.parametrize("op,body,message", SERIALIZATION_CASES,
                         ids=["%s-%s" % (c[0], c[1][-40:]) for c in SERIALIZATION_CASES])
def test_wrong_json_type_is_serialization_exception(raw, op, body, message):
    assert_serialization(post(raw, op, body.encode()), message)


@pytest.mark.parametrize("body,message", [
    ('{"TableName": "abc", "Item": {"a": {"B": "=+/="}}}',
     "Invalid last non-pad Base64 character dectected"),
    ('{"TableName": "abc", "Item": {"a": {"B": "+/+="}}}',
     "Invalid last non-pad Base64 character dectected"),
    ('{"TableName": "abc", "Item": {"a": {"B": []}}}',
     "Unrecognized collection type class java.nio.ByteBuffer"),
    ('{"TableName": "abc", "Item": {"a": {"M": []}}}',
     "Unrecognized collection type " + ATTR_VALUE_MAP),
])
def test_serialization_blob_and_map_messages(raw, body, message):
    assert_serialization(post(raw, "PutItem", body.encode()), message)


@pytest.mark.parametrize("text", ["true", "FALSE", "yes", "No", "1", "0"])
def test_boolean_accepts_the_service_strings(raw, text):
    # §1.6: a Boolean given as a string is an error only when the string is none of
    # true/false/yes/no/1/0 (case-insensitive); these get as far as the table lookup.
    r = post(raw, "GetItem", ('{%s, "ConsistentRead": "%s"}' % (GET, text)).encode())
    assert r.status == 400 and r.code == "ResourceNotFoundException", r


@pytest.mark.parametrize("body", [b"{not json", b"", b'{"TableName": ', b"nul"])
def test_body_not_json_has_no_message(raw, body):
    assert_serialization(post(raw, "DescribeTable", body), None)


def test_serialization_before_constraints(raw):
    # A type error wins over any constraint violation in the same request (§1.7 step 2).
    r = post(raw, "Scan", b'{"TableName": "a;", "Limit": "x", "Select": "BAD"}')
    assert_serialization(r, "STRING_VALUE cannot be converted to Integer")


def test_null_and_unknown_members_are_ignored(raw):
    r = post(raw, "ListTables", {"Limit": None, "ExclusiveStartTableName": None, "hi": "yo"})
    assert r.status == 200 and "TableNames" in r.json, r


# ---- "required" TableName and its length (§1.5) -----------------------------------------------
@pytest.mark.parametrize("op", TABLE_OPS)
def test_table_op_without_table_name_is_required_message(raw, op):
    assert_validation(post(raw, op, {}), REQUIRED_MSG)


@pytest.mark.parametrize("op", TABLE_OPS)
@pytest.mark.parametrize("name", ["a;", "ab", "x" * 256])
def test_table_op_name_length_message(raw, op, name):
    # The length check comes before the constraint walk: nothing else is listed.
    assert_validation(post(raw, op, {"TableName": name}), LENGTH_MSG)


def test_table_op_length_message_hides_other_violations(raw):
    r = post(raw, "UpdateTable", {"TableName": "a;", "ProvisionedThroughput": {
        "ReadCapacityUnits": 0, "WriteCapacityUnits": 0}})
    assert_validation(r, LENGTH_MSG)


@pytest.mark.parametrize("op", ["DescribeTable", "DeleteTable", "DescribeTimeToLive"])
def test_table_op_name_pattern_is_a_violation(raw, op):
    assert_validation(post(raw, op, {"TableName": "abc;"}),
                      violations(v("abc;", "tableName", NAME_PATTERN)))


@pytest.mark.parametrize("op,other", [("PutItem", "item"), ("GetItem", "key"),
                                      ("UpdateItem", "key"), ("DeleteItem", "key"),
                                      ("Query", None), ("Scan", None)])
def test_data_plane_missing_table_name_is_listed(raw, op, other):
    items = [v(None, "tableName", NOT_NULL)] + ([v(None, other, NOT_NULL)] if other else [])
    count, listed = validation_items(post(raw, op, {}))
    assert count == len(items) and sorted(listed) == sorted(items)


def test_data_plane_bad_name_regex_before_length(raw):
    r = post(raw, "GetItem", {"TableName": "a;", "Key": {"a": {"S": "x"}}})
    assert_validation(r, violations(v("a;", "tableName", NAME_PATTERN),
                                    v("a;", "tableName", MIN % 3)))


def test_data_plane_name_too_long(raw):
    name = "x" * 256
    assert_validation(post(raw, "Scan", {"TableName": name}),
                      violations(v(name, "tableName", MAX % 255)))


# ---- constraint lists (§1.2-§1.4, §2) ---------------------------------------------------------
def test_create_table_walk_order(raw):
    # Order-confirmed by the service's own 4-violation answer (§2.1 a).
    r = post(raw, "CreateTable", {
        "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "X"}],
        "TableName": "abc;", "KeySchema": [],
        "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 0}})
    assert_validation(r, violations(
        v("X", "attributeDefinitions.1.member.attributeType", ENUM % "B, N, S"),
        v("abc;", "tableName", NAME_PATTERN),
        v("0", "provisionedThroughput.writeCapacityUnits", GE % 1),
        v("[]", "keySchema", MIN % 1)))


def test_create_table_write_before_read_then_key_schema(raw):
    r = post(raw, "CreateTable", dict(
        key_table("a"), TableName="abc",
        ProvisionedThroughput={"ReadCapacityUnits": 0, "WriteCapacityUnits": 0},
        KeySchema=[{"AttributeName": "a", "KeyType": "FOO"}]))
    assert_validation(r, violations(
        v("0", "provisionedThroughput.writeCapacityUnits", GE % 1),
        v("0", "provisionedThroughput.readCapacityUnits", GE % 1),
        v("FOO", "keySchema.1.member.keyType", ENUM % "HASH, RANGE")))


def test_update_table_throughput_write_before_read(raw):
    r = post(raw, "UpdateTable", {"TableName": MISSING_TABLE, "ProvisionedThroughput": {
        "ReadCapacityUnits": 0, "WriteCapacityUnits": 0}})
    assert_validation(r, violations(
        v("0", "provisionedThroughput.writeCapacityUnits", GE % 1),
        v("0", "provisionedThroughput.readCapacityUnits", GE % 1)))


def test_update_table_gsi_update_paths(raw):
    r = post(raw, "UpdateTable", {"TableName": MISSING_TABLE, "GlobalSecondaryIndexUpdates": [
        {"Update": {"IndexName": "a;", "ProvisionedThroughput": {
            "ReadCapacityUnits": 0, "WriteCapacityUnits": 0}}}]})
    p = "globalSecondaryIndexUpdates.1.member.update."
    assert_validation(r, violations(
        v("a;", p + "indexName", NAME_PATTERN), v("a;", p + "indexName", MIN % 3),
        v("0", p + "provisionedThroughput.writeCapacityUnits", GE % 1),
        v("0", p + "provisionedThroughput.readCapacityUnits", GE % 1)))


@pytest.mark.parametrize("op,payload,path,value,enum", [
    ("UpdateItem", {"Key": {"a": {"S": "x"}}, "ReturnValues": "BAD"}, "returnValues", "BAD",
     "ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW"),
    ("Query", {"Select": "BAD"}, "select", "BAD",
     "SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES"),
    ("Scan", {"ReturnConsumedCapacity": "BAD"}, "returnConsumedCapacity", "BAD",
     "INDEXES, TOTAL, NONE"),
    ("PutItem", {"Item": {"a": {"S": "x"}}, "ReturnItemCollectionMetrics": "BAD"},
     "returnItemCollectionMetrics", "BAD", "SIZE, NONE"),
    ("DeleteItem", {"Key": {"a": {"S": "x"}}, "ConditionalOperator": "XOR"},
     "conditionalOperator", "XOR", "OR, AND"),
    ("Scan", {"ScanFilter": {"a": {"ComparisonOperator": "BAD"}}},
     "scanFilter.a.member.comparisonOperator", "BAD",
     "IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS"),
    ("CreateTable", dict(key_table("a"), BillingMode="BAD"), "billingMode", "BAD",
     "PROVISIONED, PAY_PER_REQUEST"),
])
def test_enum_sets_in_service_order(raw, op, payload, path, value, enum):
    # The table does not exist: validation answers first (§1.7).
    r = post(raw, op, dict(payload, TableName=MISSING_TABLE))
    assert_validation(r, violations(v(value, path, ENUM % enum)))


def test_put_item_many_violations(raw):
    r = post(raw, "PutItem", {"TableName": "a;", "ReturnConsumedCapacity": "X",
                              "ReturnValues": "X", "ReturnItemCollectionMetrics": "X"})
    count, listed = validation_items(r)
    assert count == 6
    assert sorted(listed) == sorted([
        v("X", "returnConsumedCapacity", ENUM % "INDEXES, TOTAL, NONE"),
        v("a;", "tableName", NAME_PATTERN), v("a;", "tableName", MIN % 3),
        v(None, "item", NOT_NULL),
        v("X", "returnValues", ENUM % "ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW"),
        v("X", "returnItemCollectionMetrics", ENUM % "SIZE, NONE")])
    assert listed.index(v("a;", "tableName", NAME_PATTERN)) + 1 == \
        listed.index(v("a;", "tableName", MIN % 3))


def test_at_most_ten_violations_query(raw):
    r = post(raw, "Query", {
        "TableName": "a;", "IndexName": "a;", "Select": "X", "ReturnConsumedCapacity": "X",
        "ConditionalOperator": "X", "AttributesToGet": [], "Limit": 0,
        "QueryFilter": {"a": {"ComparisonOperator": "X"}, "b": {"ComparisonOperator": "Y"}},
        "KeyConditions": {"a": {"ComparisonOperator": "X"}, "b": {"ComparisonOperator": "Y"}}})
    count, listed = validation_items(r)
    assert r.json["message"].startswith("10 validation errors detected: ")
    assert count == 10 and len(listed) == 10 and len(set(listed)) == 10


def test_at_most_ten_violations_empty_lsis(raw):
    r = post(raw, "CreateTable", dict(
        key_table("a"), TableName=MISSING_TABLE, BillingMode="PAY_PER_REQUEST",
        LocalSecondaryIndexes=[{}] * 6))
    count, listed = validation_items(r)
    assert count == 10 and len(listed) == 10
    assert listed[0] == v(None, "localSecondaryIndexes.1.member.indexName", NOT_NULL)
    assert all(x.startswith("Value null at 'localSecondaryIndexes.") for x in listed)


def test_list_tables_limit_and_start_name(raw):
    assert_validation(post(raw, "ListTables", {"Limit": 0, "ExclusiveStartTableName": ""}),
                      violations(v("0", "limit", GE % 1),
                                 v("", "exclusiveStartTableName", NAME_PATTERN),
                                 v("", "exclusiveStartTableName", MIN % 3)))
    assert_validation(post(raw, "ListTables", {"Limit": 101}),
                      violations(v("101", "limit", LE % 100)))


def test_scan_segment_bounds(raw):
    r = post(raw, "Scan", {"TableName": MISSING_TABLE, "Segment": -1, "TotalSegments": 0})
    count, listed = validation_items(r)
    assert count == 2 and sorted(listed) == sorted([v("-1", "segment", GE % 0),
                                                    v("0", "totalSegments", GE % 1)])


@pytest.mark.parametrize("request_items,message", [
    (None, violations(v(None, "requestItems", NOT_NULL))),
    ({}, violations(v("{}", "requestItems", MIN % 1))),
    ({"abc": {}}, violations(v(None, "requestItems.abc.member.keys", NOT_NULL))),
    ({"abc": {"Keys": []}}, violations(v("[]", "requestItems.abc.member.keys", MIN % 1))),
])
def test_batch_get_request_items(raw, request_items, message):
    body = {} if request_items is None else {"RequestItems": request_items}
    assert_validation(post(raw, "BatchGetItem", body), message)


def test_batch_get_too_many_keys_in_one_table(raw):
    keys = [{"a": {"S": str(i)}} for i in range(101)]
    r = post(raw, "BatchGetItem", {"RequestItems": {"abc": {"Keys": keys}}})
    msg = r.json["message"]
    assert r.error_type == VALIDATION, r
    assert msg.startswith("1 validation error detected: Value '[{a=" + SHAPE + "AttributeValue@")
    assert msg.endswith("}]' at 'requestItems.abc.member.keys' failed to satisfy constraint: "
                        + MAX % 100)


def test_batch_get_bad_table_name_is_map_key_violation(raw):
    r = post(raw, "BatchGetItem", {"RequestItems": {"a;": {"Keys": [{"a": {"S": "x"}}]}}})
    msg = r.json["message"]
    assert r.error_type == VALIDATION, r
    assert msg.startswith("1 validation error detected: Value '{a;=" + SHAPE
                          + "KeysAndAttributes@")
    assert msg.endswith("}' at 'requestItems' failed to satisfy constraint: Map keys must "
                        "satisfy constraint: [%s, %s, %s]" % (MAX % 255, MIN % 3, NAME_PATTERN))


MAP_VALUE = ("' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
             "constraint: [%s, %s]" % (MAX % 25, MIN % 1))


def test_batch_write_empty_list_is_map_value_violation(raw):
    assert_validation(post(raw, "BatchWriteItem", {"RequestItems": {"abc": []}}),
                      "1 validation error detected: Value '{abc=[]}" + MAP_VALUE)


def test_batch_write_26_requests_is_map_value_violation(raw):
    reqs = [{"PutRequest": {"Item": {"a": {"S": str(i)}}}} for i in range(26)]
    msg = post(raw, "BatchWriteItem", {"RequestItems": {"abc": reqs}}).json["message"]
    assert msg.startswith("1 validation error detected: Value '{abc=[" + SHAPE + "WriteRequest@")
    assert msg.count(SHAPE + "WriteRequest@") == 26
    assert msg.endswith("]}" + MAP_VALUE)


def test_batch_write_member_paths(raw):
    r = post(raw, "BatchWriteItem", {"RequestItems": {"abc": [{"DeleteRequest": {}},
                                                              {"PutRequest": {}}]}})
    assert_validation(r, violations(
        v(None, "requestItems.abc.member.1.member.deleteRequest.key", NOT_NULL),
        v(None, "requestItems.abc.member.2.member.putRequest.item", NOT_NULL)))


@pytest.mark.parametrize("op,items,expected", [
    ("TransactWriteItems", [], [v("[]", "transactItems", MIN % 1)]),
    ("TransactGetItems", [], [v("[]", "transactItems", MIN % 1)]),
    ("TransactWriteItems", [{"Put": {"TableName": "abc"}}],
     [v(None, "transactItems.1.member.put.item", NOT_NULL)]),
    ("TransactWriteItems", [{"Put": {"TableName": "abc", "Item": {}}}, {"Delete": {
        "TableName": "abc"}}], [v(None, "transactItems.2.member.delete.key", NOT_NULL)]),
    ("TransactGetItems", [{}], [v(None, "transactItems.1.member.get", NOT_NULL)]),
])
def test_transact_member_paths(raw, op, items, expected):
    assert_validation(post(raw, op, {"TransactItems": items}), violations(*expected))


def test_transact_get_missing_members(raw):
    count, listed = validation_items(post(raw, "TransactGetItems", {"TransactItems": [
        {"Get": {}}]}))
    assert count == 2 and sorted(listed) == sorted([
        v(None, "transactItems.1.member.get.key", NOT_NULL),
        v(None, "transactItems.1.member.get.tableName", NOT_NULL)])


def test_transact_write_too_many_items(raw):
    items = [{"Put": {"TableName": "abc", "Item": {"a": {"S": str(i)}}}} for i in range(101)]
    msg = post(raw, "TransactWriteItems", {"TransactItems": items}).json["message"]
    assert msg.startswith("1 validation error detected: Value '[" + SHAPE + "TransactWriteItem@")
    assert msg.endswith("]' at 'transactItems' failed to satisfy constraint: " + MAX % 100)


def test_client_request_token_too_long(raw):
    token = "x" * 37
    r = post(raw, "TransactWriteItems", {"ClientRequestToken": token, "TransactItems": [
        {"Put": {"TableName": "abc", "Item": {"a": {"S": "x"}}}}]})
    assert_validation(r, violations(v(token, "clientRequestToken", MAX % 36)))


def test_update_ttl_specification_members(raw):
    count, listed = validation_items(post(raw, "UpdateTimeToLive", {
        "TableName": MISSING_TABLE, "TimeToLiveSpecification": {}}))
    assert count == 2 and sorted(listed) == sorted([
        v(None, "timeToLiveSpecification.enabled", NOT_NULL),
        v(None, "timeToLiveSpecification.attributeName", NOT_NULL)])


# ---- validation before table existence (§1.7) -------------------------------------------------
@pytest.mark.parametrize("op,payload", [
    ("PutItem", {"Item": {"a": {"S": "x"}}, "ReturnValues": "BAD"}),
    ("GetItem", {"Key": {"a": {"S": "x"}}, "AttributesToGet": []}),
    ("DeleteItem", {"Key": {"a": {"S": "x"}}, "ReturnConsumedCapacity": "BAD"}),
    ("Scan", {"Limit": 0}),
    ("Query", {"IndexName": "a;"}),
    ("DescribeTable", {"TableName": "abc;"}),
    ("UpdateTimeToLive", {}),
])
def test_validation_before_table_existence(raw, op, payload):
    r = post(raw, op, dict({"TableName": unique_name("absent")}, **payload))
    assert r.status == 400 and r.error_type == VALIDATION, r


@pytest.mark.parametrize("op,payload,message", [
    ("PutItem", {"Item": {"a": {"S": "x"}}, "ReturnValues": "ALL_NEW"},
     "ReturnValues can only be ALL_OLD or NONE"),
    ("PutItem", {"Item": {"a": {"S": "x" * 410000}}},
     "Item size has exceeded the maximum allowed size"),
    ("GetItem", {"Key": {"a": {"S": "x"}}, "ProjectionExpression": ""},
     "Invalid ProjectionExpression: The expression can not be empty;"),
])
def test_semantic_checks_before_table_existence(raw, op, payload, message):
    assert_validation(post(raw, op, dict({"TableName": unique_name("absent")}, **payload)),
                      message)


def test_mixed_expression_parameters_before_table_existence(raw):
    r = post(raw, "PutItem", {"TableName": unique_name("absent"), "Item": {"a": {"S": "x"}},
                              "Expected": {"a": {"Exists": False}},
                              "ConditionExpression": "attribute_exists(a)"})
    assert_validation(r, "Can not use both expression and non-expression parameters in the "
                         "same request: Non-expression parameters: {Expected} Expression "
                         "parameters: {ConditionExpression}")


# ---- envelope and the HTTP/auth layer (§1.1, §1.7 step 1) -------------------------------------
def headers(target="ListTables", auth=GOOD_AUTH, date=True):
    h = {"Content-Type": CT}
    if target is not None:
        h["X-Amz-Target"] = TARGET + target if "." not in target else target
    if auth is not None:
        h["Authorization"] = auth
    if date:
        h["X-Amz-Date"] = DATE
    return h


def assert_crc(resp):
    assert int(resp.headers["x-amz-crc32"]) == zlib.crc32(resp.body) & 0xFFFFFFFF, resp


def test_validation_envelope(raw):
    r = post(raw, "DescribeTable", {"TableName": "abc;"})
    assert r.headers["content-type"] == CT
    assert set(r.json) == {"__type", "message"}
    assert r.error_type == VALIDATION
    assert_crc(r)


def test_serialization_envelope(raw):
    r = post(raw, "DescribeTable", {"TableName": 5})
    assert set(r.json) == {"__type", "Message"}
    assert r.error_type == SERIALIZATION
    assert_crc(r)


@pytest.mark.parametrize("target", ["DynamoDB_20120810.ListTable", "DynamoDB_20120810.",
                                    "Foo.ListTables", None])
@pytest.mark.parametrize("auth", [GOOD_AUTH, None], ids=["signed", "unsigned"])
def test_unknown_operation_before_authentication(raw, target, auth):
    r = raw.send(b"{}", headers(target, auth))
    assert r.status == 400, r
    assert r.json == {"__type": "com.amazon.coral.service#UnknownOperationException"}, r
    assert_crc(r)


@pytest.mark.parametrize("auth", [None, "Basic dXNlcjpwYXNz", "garbage"])
def test_missing_authentication_token(raw, auth):
    r = raw.send(b"{}", headers(auth=auth))
    assert r.status == 400, r
    assert r.json == {"__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                      "message": "Request is missing Authentication Token"}, r


def test_authentication_before_body_parsing(raw):
    r = raw.send(b"{not json", headers(auth=None))
    assert r.code == "MissingAuthenticationTokenException", r
    assert_serialization(raw.send(b"{not json", headers()), None)


def requires(*parts):
    return "".join("Authorization header requires '%s' parameter. " % p for p in parts)


@pytest.mark.parametrize("auth,missing", [
    ("AWS4-HMAC-SHA256 " + CREDENTIAL, ("Signature", "SignedHeaders")),
    ("AWS4-HMAC-SHA256 %s, SignedHeaders=host" % CREDENTIAL, ("Signature",)),
    ("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=0", ("Credential",)),
    ("AWS4-HMAC-SHA256 Signature=abc", ("Credential", "SignedHeaders")),
])
def test_incomplete_signature_names_missing_parts(raw, auth, missing):
    r = raw.send(b"{}", headers(auth=auth))
    assert r.status == 400, r
    assert r.json == {"__type": "com.amazon.coral.service#IncompleteSignatureException",
                      "message": requires(*missing) + "Authorization=" + auth}, r
