# Pins the single-item data plane as DynamoDB Local implements it: PutItem / GetItem /
# DeleteItem / UpdateItem basics, ReturnValues for each operation (incl. UPDATED_OLD /
# UPDATED_NEW), ConditionExpression pass/fail, ConditionalCheckFailedException carrying the
# old Item with ReturnValuesOnConditionCheckFailure=ALL_OLD, ConsistentRead, and the key
# validation errors with their exact messages.
import pytest

from ddbtest import (ENUM, NOT_FOUND_MSG, NOT_NULL, assert_client_error, assert_raw_error,
                     one_violation, unique_name)

K = {"pk": {"S": "a"}, "sk": {"S": "1"}}
CCF = "The conditional request failed"
# The enum violation, in the model's order (docs/notes/service-errors.md §2.5); DynamoDB Local:
# "Return values set to invalid value".
RV_INVALID = one_violation("FOO", "returnValues",
                           ENUM % "ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW")
# docs/notes/service-errors.md §2.5 (dynalite test/putItem.js, captured from the service).
RV_ONLY_ALL_OLD = "ReturnValues can only be ALL_OLD or NONE"


def item(**attrs):
    d = dict(K)
    d.update(attrs)
    return d


def test_put_get_round_trip(ddb, table):
    assert ddb.put_item(TableName=table, Item=item(x={"N": "1"}))["ResponseMetadata"][
        "HTTPStatusCode"] == 200
    assert ddb.get_item(TableName=table, Key=K)["Item"] == item(x={"N": "1"})


def test_put_response_is_empty(raw, table):
    r = raw.ok("PutItem", {"TableName": table, "Item": item()})
    assert r == {}


def test_put_replaces_whole_item(ddb, table):
    ddb.put_item(TableName=table, Item=item(x={"N": "1"}, y={"S": "y"}))
    ddb.put_item(TableName=table, Item=item(z={"S": "z"}))
    assert ddb.get_item(TableName=table, Key=K)["Item"] == item(z={"S": "z"})


def test_get_missing_item_has_no_item_member(raw, table):
    r = raw.ok("GetItem", {"TableName": table, "Key": K})
    assert r == {}


@pytest.mark.parametrize("consistent", [True, False])
def test_consistent_read(ddb, table, consistent):
    ddb.put_item(TableName=table, Item=item(v={"S": "x"}))
    got = ddb.get_item(TableName=table, Key=K, ConsistentRead=consistent)
    assert got["Item"]["v"] == {"S": "x"}


def test_delete_item(ddb, table):
    ddb.put_item(TableName=table, Item=item())
    r = ddb.delete_item(TableName=table, Key=K)
    assert "Attributes" not in r
    assert "Item" not in ddb.get_item(TableName=table, Key=K)


def test_delete_existing_item_response_is_empty(raw, table):
    raw.ok("PutItem", {"TableName": table, "Item": item()})
    assert raw.ok("DeleteItem", {"TableName": table, "Key": K}) == {}


@pytest.mark.local_deviation
def test_delete_missing_item_response_is_empty(raw, table):
    # DynamoDB Local answers {"ConsumedCapacity": {"TableName": ..., "CapacityUnits": 1.0}}
    # although ReturnConsumedCapacity was not asked for.
    assert raw.ok("DeleteItem", {"TableName": table, "Key": K}) == {}


def test_put_return_all_old(ddb, table):
    assert "Attributes" not in ddb.put_item(TableName=table, Item=item(x={"N": "1"}),
                                            ReturnValues="ALL_OLD")
    r = ddb.put_item(TableName=table, Item=item(x={"N": "2"}), ReturnValues="ALL_OLD")
    assert r["Attributes"] == item(x={"N": "1"})


@pytest.mark.local_deviation
@pytest.mark.parametrize("rv", ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"])
def test_put_invalid_return_values(ddb, table, rv):
    assert_client_error(ddb.put_item, "ValidationException", RV_ONLY_ALL_OLD, TableName=table,
                        Item=item(), ReturnValues=rv)


@pytest.mark.local_deviation
def test_put_unknown_return_values(ddb, table):
    assert_client_error(ddb.put_item, "ValidationException", RV_INVALID, TableName=table,
                        Item=item(), ReturnValues="FOO")


def test_delete_return_all_old(ddb, table):
    ddb.put_item(TableName=table, Item=item(x={"N": "1"}))
    r = ddb.delete_item(TableName=table, Key=K, ReturnValues="ALL_OLD")
    assert r["Attributes"] == item(x={"N": "1"})
    r = ddb.delete_item(TableName=table, Key=K, ReturnValues="ALL_OLD")
    assert "Attributes" not in r


@pytest.mark.local_deviation
@pytest.mark.parametrize("rv", ["ALL_NEW", "UPDATED_NEW"])
def test_delete_invalid_return_values(ddb, table, rv):
    assert_client_error(ddb.delete_item, "ValidationException", RV_ONLY_ALL_OLD, TableName=table,
                        Key=K, ReturnValues=rv)


@pytest.mark.parametrize("rv,expected", [
    ("NONE", None),
    ("ALL_OLD", item(x={"N": "10"}, y={"S": "keep"}, z={"S": "old"})),
    ("UPDATED_OLD", {"x": {"N": "10"}, "z": {"S": "old"}}),
    ("ALL_NEW", item(x={"N": "15"}, y={"S": "keep"}, z={"S": "new"}, w={"S": "new"})),
    ("UPDATED_NEW", {"x": {"N": "15"}, "z": {"S": "new"}, "w": {"S": "new"}}),
])
def test_update_return_values(ddb, table, rv, expected):
    ddb.put_item(TableName=table, Item=item(x={"N": "10"}, y={"S": "keep"}, z={"S": "old"}))
    r = ddb.update_item(TableName=table, Key=K, UpdateExpression="SET x = x + :v, z = :s, w = :s",
                        ExpressionAttributeValues={":v": {"N": "5"}, ":s": {"S": "new"}},
                        ReturnValues=rv)
    if expected is None:
        assert "Attributes" not in r
    else:
        assert r["Attributes"] == expected


def test_update_updated_old_after_remove(ddb, table):
    ddb.put_item(TableName=table, Item=item(s={"S": "str"}, t={"N": "1"}))
    r = ddb.update_item(TableName=table, Key=K, UpdateExpression="REMOVE s",
                        ReturnValues="UPDATED_OLD")
    assert r["Attributes"] == {"s": {"S": "str"}}
    r = ddb.update_item(TableName=table, Key=K, UpdateExpression="REMOVE nothere",
                        ReturnValues="UPDATED_OLD")
    assert "Attributes" not in r


def test_update_creates_item(ddb, table):
    r = ddb.update_item(TableName=table, Key=K, UpdateExpression="SET x = :v",
                        ExpressionAttributeValues={":v": {"N": "5"}}, ReturnValues="ALL_OLD")
    assert "Attributes" not in r
    assert ddb.get_item(TableName=table, Key=K)["Item"] == item(x={"N": "5"})


def test_update_new_item_updated_new(ddb, table):
    r = ddb.update_item(TableName=table, Key=K, UpdateExpression="SET x = :v",
                        ExpressionAttributeValues={":v": {"N": "5"}}, ReturnValues="UPDATED_NEW")
    assert r["Attributes"] == {"x": {"N": "5"}}


def test_update_without_expression_creates_key_only_item(ddb, table):
    r = ddb.update_item(TableName=table, Key=K, ReturnValues="ALL_NEW")
    assert r["Attributes"] == K


@pytest.mark.local_deviation
def test_update_invalid_return_values(ddb, table):
    assert_client_error(ddb.update_item, "ValidationException", RV_INVALID, TableName=table,
                        Key=K, UpdateExpression="SET x = :v",
                        ExpressionAttributeValues={":v": {"N": "5"}}, ReturnValues="FOO")


@pytest.mark.parametrize("expr,attr", [("SET pk = :v", "pk"), ("SET sk = :v", "sk"),
                                       ("REMOVE sk", "sk")])
def test_update_key_attribute_rejected(ddb, table, expr, attr):
    vals = {":v": {"S": "z"}} if ":v" in expr else None
    kwargs = dict(TableName=table, Key=K, UpdateExpression=expr)
    if vals:
        kwargs["ExpressionAttributeValues"] = vals
    assert_client_error(ddb.update_item, "ValidationException",
                        "One or more parameter values were invalid: Cannot update attribute "
                        "%s. This attribute is part of the key" % attr, **kwargs)


def test_put_condition_pass_and_fail(ddb, table):
    ddb.put_item(TableName=table, Item=item(), ConditionExpression="attribute_not_exists(pk)")
    assert_client_error(ddb.put_item, "ConditionalCheckFailedException", CCF, TableName=table,
                        Item=item(), ConditionExpression="attribute_not_exists(pk)")
    ddb.put_item(TableName=table, Item=item(v={"N": "1"}),
                 ConditionExpression="attribute_exists(pk)")
    assert ddb.get_item(TableName=table, Key=K)["Item"]["v"] == {"N": "1"}


def test_failed_condition_leaves_item(ddb, table):
    ddb.put_item(TableName=table, Item=item(v={"N": "1"}))
    assert_client_error(ddb.update_item, "ConditionalCheckFailedException", CCF,
                        TableName=table, Key=K, UpdateExpression="SET v = :n",
                        ConditionExpression="v = :n", ExpressionAttributeValues={":n": {"N": "2"}})
    assert_client_error(ddb.delete_item, "ConditionalCheckFailedException", CCF,
                        TableName=table, Key=K, ConditionExpression="v = :n",
                        ExpressionAttributeValues={":n": {"N": "2"}})
    assert ddb.get_item(TableName=table, Key=K)["Item"]["v"] == {"N": "1"}


def test_update_condition_on_missing_item(ddb, table):
    assert_client_error(ddb.update_item, "ConditionalCheckFailedException", CCF,
                        TableName=table, Key=K, UpdateExpression="SET v = :n",
                        ConditionExpression="attribute_exists(pk)",
                        ExpressionAttributeValues={":n": {"N": "2"}})
    assert "Item" not in ddb.get_item(TableName=table, Key=K)


def test_delete_condition_pass(ddb, table):
    ddb.put_item(TableName=table, Item=item(v={"N": "1"}))
    r = ddb.delete_item(TableName=table, Key=K, ConditionExpression="v = :n",
                        ExpressionAttributeValues={":n": {"N": "1"}}, ReturnValues="ALL_OLD")
    assert r["Attributes"]["v"] == {"N": "1"}


@pytest.mark.parametrize("op", ["PutItem", "UpdateItem", "DeleteItem"])
def test_condition_failure_returns_old_item(raw, table, op):
    old = item(x={"N": "26"}, y={"S": "q"})
    raw.ok("PutItem", {"TableName": table, "Item": old})
    payload = {"TableName": table, "ConditionExpression": "x = :v",
               "ExpressionAttributeValues": {":v": {"N": "5"}},
               "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}
    if op == "PutItem":
        payload["Item"] = K
    else:
        payload["Key"] = K
    if op == "UpdateItem":
        payload["UpdateExpression"] = "SET x = :v"
    r = raw.call(op, payload)
    assert_raw_error(r, "ConditionalCheckFailedException", CCF)
    assert r.error_type == \
        "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"
    assert r.json["Item"] == old


def test_condition_failure_on_missing_item_has_no_item(raw, table):
    r = raw.call("UpdateItem", {
        "TableName": table, "Key": K, "UpdateExpression": "SET x = :v",
        "ConditionExpression": "x = :v", "ExpressionAttributeValues": {":v": {"N": "5"}},
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    assert_raw_error(r, "ConditionalCheckFailedException", CCF)
    assert "Item" not in r.json


@pytest.mark.local_deviation  # the service's key is "message" (§1.1); Local's "Message"
def test_condition_failure_none_has_no_item(raw, table):
    raw.ok("PutItem", {"TableName": table, "Item": item(x={"N": "1"})})
    r = raw.call("PutItem", {"TableName": table, "Item": K,
                             "ConditionExpression": "attribute_not_exists(pk)",
                             "ReturnValuesOnConditionCheckFailure": "NONE"})
    assert_raw_error(r, "ConditionalCheckFailedException", CCF)
    assert set(r.json) == {"__type", "message"}


def test_invalid_return_values_on_condition_check_failure(raw, table):
    r = raw.call("PutItem", {"TableName": table, "Item": K,
                             "ConditionExpression": "attribute_not_exists(pk)",
                             "ReturnValuesOnConditionCheckFailure": "ALL_NEW"})
    assert_raw_error(r, "ValidationException",
                     "1 validation error detected: Value 'ALL_NEW' at "
                     "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: "
                     "Member must satisfy enum value set: [ALL_OLD, NONE]")


# The service's key messages (docs/notes/service-errors.md §1.8, §2.5-2.6; dynalite
# test/putItem.js, test/getItem.js). DynamoDB Local says "One of the required keys was not given
# a value", "The number of conditions on the keys is invalid" and "... Type mismatch for key"
# without the names and types.
KEY_MISMATCH = "The provided key element does not match the schema"


def missing_key_msg(name):
    return "One or more parameter values were invalid: Missing the key %s in the item" % name


def type_mismatch_msg(name, expected, actual):
    return ("One or more parameter values were invalid: Type mismatch for key %s expected: %s "
            "actual: %s" % (name, expected, actual))


def empty_key_msg(name):
    # PutItem's wording ("are not valid.")
    return ("One or more parameter values are not valid. The AttributeValue for a key "
            "attribute cannot contain an empty string value. Key: %s" % name)


def empty_key_param_msg(name):
    # A Key parameter's wording ("were invalid:")
    return ("One or more parameter values were invalid: The AttributeValue for a key "
            "attribute cannot contain an empty string value. Key: %s" % name)


@pytest.mark.parametrize("it,message", [
    pytest.param({"pk": {"S": "a"}}, missing_key_msg("sk"), marks=pytest.mark.local_deviation),
    pytest.param({"sk": {"S": "a"}}, missing_key_msg("pk"), marks=pytest.mark.local_deviation),
    pytest.param({"pk": {"N": "1"}, "sk": {"S": "a"}}, type_mismatch_msg("pk", "S", "N"),
                 marks=pytest.mark.local_deviation),
    pytest.param({"pk": {"S": "1"}, "sk": {"N": "1"}}, type_mismatch_msg("sk", "S", "N"),
                 marks=pytest.mark.local_deviation),
    pytest.param({"pk": {"S": "a"}, "sk": {"B": b"1"}}, type_mismatch_msg("sk", "S", "B"),
                 marks=pytest.mark.local_deviation),
    ({"pk": {"S": ""}, "sk": {"S": "a"}}, empty_key_msg("pk")),
    ({"pk": {"S": "a"}, "sk": {"S": ""}}, empty_key_msg("sk")),
])
def test_put_key_validation(ddb, table, it, message):
    assert_client_error(ddb.put_item, "ValidationException", message, TableName=table, Item=it)


# DynamoDB Local: "Item to put in PutItem cannot be null" / "Cannot have null key for GetItem,
# DeleteItem, or UpdateItem".
@pytest.mark.local_deviation
def test_put_without_item(ddb, table):
    assert_client_error(ddb.put_item, "ValidationException",
                        one_violation(None, "item", NOT_NULL), TableName=table)


@pytest.mark.local_deviation
@pytest.mark.parametrize("key,message", [
    ({"pk": {"S": "a"}}, KEY_MISMATCH),
    ({"pk": {"S": "a"}, "sk": {"S": "1"}, "x": {"S": "1"}}, KEY_MISMATCH),
    ({"pk": {"S": "a"}, "zz": {"S": "1"}}, KEY_MISMATCH),
    ({"pk": {"N": "1"}, "sk": {"S": "1"}}, KEY_MISMATCH),
    ({"pk": {"S": ""}, "sk": {"S": "1"}}, empty_key_param_msg("pk")),
    ({"pk": {"S": "a"}, "sk": {"S": ""}}, empty_key_param_msg("sk")),
])
@pytest.mark.parametrize("op", ["get_item", "delete_item", "update_item"])
def test_key_validation(ddb, table, op, key, message):
    assert_client_error(getattr(ddb, op), "ValidationException", message, TableName=table,
                        Key=key)


@pytest.mark.local_deviation
@pytest.mark.parametrize("op", ["get_item", "delete_item", "update_item"])
def test_null_key(ddb, table, op):
    assert_client_error(getattr(ddb, op), "ValidationException",
                        one_violation(None, "key", NOT_NULL), TableName=table)


@pytest.mark.local_deviation
def test_hash_only_table_key_validation(ddb, make_table):
    name = make_table("N", None)
    ddb.put_item(TableName=name, Item={"pk": {"N": "1"}, "sk": {"S": "x"}})
    assert ddb.get_item(TableName=name, Key={"pk": {"N": "1.0"}})["Item"]["sk"] == {"S": "x"}
    assert_client_error(ddb.get_item, "ValidationException", KEY_MISMATCH, TableName=name,
                        Key={"pk": {"N": "1"}, "sk": {"S": "x"}})


@pytest.mark.local_deviation
@pytest.mark.parametrize("op,kwargs", [
    ("put_item", {"Item": K}), ("get_item", {"Key": K}), ("delete_item", {"Key": K}),
    ("update_item", {"Key": K})])
def test_item_ops_on_missing_table(ddb, op, kwargs):
    assert_client_error(getattr(ddb, op), "ResourceNotFoundException", NOT_FOUND_MSG,
                        TableName=unique_name("missing"), **kwargs)


@pytest.mark.parametrize("length,ok", [
    (2048, True), pytest.param(2049, False, marks=pytest.mark.local_deviation)])
def test_hash_key_size_limit(ddb, table, length, ok):
    it = {"pk": {"S": "a" * length}, "sk": {"S": "b"}}
    if ok:
        ddb.put_item(TableName=table, Item=it)
    else:
        # Sic "of2048" (docs/notes/service-errors.md §1.8).
        assert_client_error(ddb.put_item, "ValidationException",
                            "One or more parameter values were invalid: Size of hashkey has "
                            "exceeded the maximum size limit of2048 bytes",
                            TableName=table, Item=it)


@pytest.mark.parametrize("length,ok", [
    (1024, True), pytest.param(1025, False, marks=pytest.mark.local_deviation)])
def test_range_key_size_limit(ddb, table, length, ok):
    it = {"pk": {"S": "a"}, "sk": {"S": "b" * length}}
    if ok:
        ddb.put_item(TableName=table, Item=it)
    else:
        assert_client_error(ddb.put_item, "ValidationException",
                            "One or more parameter values were invalid: Aggregated size of all "
                            "range keys has exceeded the size limit of 1024 bytes",
                            TableName=table, Item=it)


def test_binary_and_number_keys(ddb, make_table):
    name = make_table("B", "N")
    key = {"pk": {"B": b"\x00\x01"}, "sk": {"N": "-1.50"}}
    ddb.put_item(TableName=name, Item=dict(key, v={"S": "x"}))
    got = ddb.get_item(TableName=name, Key={"pk": {"B": b"\x00\x01"}, "sk": {"N": "-1.5"}})
    assert got["Item"]["sk"] == {"N": "-1.5"}
    assert got["Item"]["pk"] == {"B": b"\x00\x01"}
