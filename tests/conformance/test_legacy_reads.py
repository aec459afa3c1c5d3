# Pins the legacy (pre-expression) read parameters as DynamoDB Local implements them:
# AttributesToGet on GetItem / Query / Scan / BatchGetItem (with Select), KeyConditions on Query
# (EQ on the hash key; EQ LE LT GE GT BEGINS_WITH BETWEEN on the range key), QueryFilter and
# ScanFilter with ConditionalOperator AND (default) / OR, and their exact validation messages.
# (Expected / AttributeUpdates and the mixing rules are in test_legacy_api.py.)
import pytest

from ddbtest import (COMPARISON_OPERATORS, ENUM, MIN, N, NOT_NULL, S, assert_client_error,
                     assert_raw_error, cond, one_violation)


INVALID = "One or more parameter values were invalid: "


HASH = {"pk": cond("EQ", S("r5"))}


@pytest.fixture(scope="module")
def five(ddb, shared_table):
    """pk "r5", sk "0".."4", n = i, g = g0/g1 alternating, m = {x: 1}."""
    for i in range(5):
        ddb.put_item(TableName=shared_table, Item={
            "pk": S("r5"), "sk": S(str(i)), "n": N(i), "g": S("g%d" % (i % 2)),
            "m": {"M": {"x": N(1)}}})
    return shared_table


def sks(resp):
    return [i["sk"]["S"] for i in resp["Items"]]


# ---- AttributesToGet -----------------------------------------------------------------------

K1 = {"pk": S("r5"), "sk": S("1")}


@pytest.mark.parametrize("names,item", [
    (["n", "q"], {"n": N(1)}), (["q"], {}), (["m.x"], {}), (["sk", "g"], {"sk": S("1"), "g": S("g1")}),
])
def test_get_item_attributes_to_get(ddb, five, names, item):
    r = ddb.get_item(TableName=five, Key=K1, AttributesToGet=names)
    assert r["Item"] == item


# docs/notes/service-errors.md §2.6; DynamoDB Local: "Cannot have two attributes with the same
# name".
DUPLICATE_NAME = ("One or more parameter values were invalid: Duplicate value in attribute "
                  "name: n")


@pytest.mark.parametrize("body,message", [
    pytest.param({"AttributesToGet": ["n", "n"]}, DUPLICATE_NAME,
                 marks=pytest.mark.local_deviation),
    pytest.param({"AttributesToGet": []}, one_violation("[]", "attributesToGet", MIN % 1),
                 marks=pytest.mark.local_deviation),  # Local: "AttributesToGet cannot be empty"
    ({"AttributesToGet": ["n"], "ExpressionAttributeNames": {"#n": "n"}},
     "ExpressionAttributeNames can only be specified when using expressions"),
])
def test_get_item_attributes_to_get_errors(raw, five, body, message):
    r = raw.call("GetItem", dict(body, TableName=five, Key=K1))
    assert_raw_error(r, "ValidationException", message)


def test_get_item_attributes_to_get_missing_item(ddb, five):
    r = ddb.get_item(TableName=five, Key={"pk": S("r5"), "sk": S("zz")}, AttributesToGet=["n"])
    assert "Item" not in r


def test_query_and_scan_attributes_to_get(ddb, five):
    r = ddb.query(TableName=five, KeyConditions=HASH, AttributesToGet=["sk", "n"])
    assert r["Items"] == [{"sk": S(str(i)), "n": N(i)} for i in range(5)]
    r = ddb.scan(TableName=five, AttributesToGet=["n", "sk"],
                 ScanFilter={"pk": cond("EQ", S("r5"))})
    assert sorted(r["Items"], key=lambda i: i["sk"]["S"]) == [
        {"sk": S(str(i)), "n": N(i)} for i in range(5)]


def test_attributes_to_get_with_select(ddb, five):
    r = ddb.query(TableName=five, KeyConditions=HASH, AttributesToGet=["sk"],
                  Select="SPECIFIC_ATTRIBUTES", Limit=1)
    assert r["Items"] == [{"sk": S("0")}]
    assert r["LastEvaluatedKey"] == {"pk": S("r5"), "sk": S("0")}


@pytest.mark.parametrize("body,message", [
    ({"AttributesToGet": ["sk"], "Select": "ALL_ATTRIBUTES"},
     "Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"),
    ({"Select": "SPECIFIC_ATTRIBUTES"},
     "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
     "SPECIFIC_ATTRIBUTES"),
    pytest.param({"AttributesToGet": ["n", "n"]}, DUPLICATE_NAME,
                 marks=pytest.mark.local_deviation),
])
def test_query_attributes_to_get_errors(raw, five, body, message):
    r = raw.call("Query", dict(body, TableName=five, KeyConditions=HASH))
    assert_raw_error(r, "ValidationException", message)


def test_batch_get_item_attributes_to_get(ddb, five):
    r = ddb.batch_get_item(RequestItems={five: {"Keys": [K1, dict(K1, sk=S("3"))],
                                                "AttributesToGet": ["n"]}})
    assert sorted(i["n"]["N"] for i in r["Responses"][five]) == ["1", "3"]
    assert all(set(i) == {"n"} for i in r["Responses"][five])
    assert r["UnprocessedKeys"] == {}


def test_batch_get_item_attributes_to_get_with_names_rejected(raw, five):
    r = raw.call("BatchGetItem", {"RequestItems": {five: {
        "Keys": [K1], "AttributesToGet": ["n"], "ExpressionAttributeNames": {"#n": "n"}}}})
    assert_raw_error(r, "ValidationException",
                     "ExpressionAttributeNames can only be specified when using expressions")


# ---- KeyConditions -------------------------------------------------------------------------

@pytest.mark.parametrize("range_cond,expected", [
    (None, ["0", "1", "2", "3", "4"]),
    (cond("EQ", S("2")), ["2"]), (cond("LT", S("2")), ["0", "1"]),
    (cond("LE", S("2")), ["0", "1", "2"]), (cond("GT", S("2")), ["3", "4"]),
    (cond("GE", S("2")), ["2", "3", "4"]), (cond("BEGINS_WITH", S("3")), ["3"]),
    (cond("BETWEEN", S("1"), S("3")), ["1", "2", "3"]), (cond("EQ", S("9")), []),
])
def test_key_conditions(ddb, five, range_cond, expected):
    kc = dict(HASH)
    if range_cond:
        kc["sk"] = range_cond
    r = ddb.query(TableName=five, KeyConditions=kc)
    assert sks(r) == expected
    assert r["Count"] == r["ScannedCount"] == len(expected)


def test_key_conditions_descending_with_limit(ddb, five):
    r = ddb.query(TableName=five, KeyConditions=dict(HASH, sk=cond("LT", S("3"))),
                  ScanIndexForward=False, Limit=2)
    assert sks(r) == ["2", "1"]
    assert r["LastEvaluatedKey"] == {"pk": S("r5"), "sk": S("1")}


def test_key_conditions_unknown_partition(ddb, five):
    r = ddb.query(TableName=five, KeyConditions={"pk": cond("EQ", S("nope"))})
    assert r["Items"] == [] and r["Count"] == 0 and r["ScannedCount"] == 0


@pytest.mark.parametrize("kc,message", [
    # The service names the missing key and calls NE, NULL and NOT_NULL on a key not indexable
    # (docs/notes/service-errors.md §2.9; dynalite test/query.js); DynamoDB Local does neither.
    pytest.param({"sk": cond("EQ", S("1"))}, "Query condition missed key schema element: pk",
                 marks=pytest.mark.local_deviation),
    pytest.param({"pk": cond("NE", S("r5"))},
                 "Attempted conditional constraint is not an indexable operation",
                 marks=pytest.mark.local_deviation),
    ({"pk": cond("GT", S("r5"))}, "Query key condition not supported"),
    (dict(HASH, sk=cond("IN", S("1"))), "Attempted conditional constraint is not an indexable "
     "operation"),
    (dict(HASH, sk=cond("CONTAINS", S("1"))), "Attempted conditional constraint is not an "
     "indexable operation"),
    pytest.param(dict(HASH, sk=cond("NOT_NULL")),
                 "Attempted conditional constraint is not an indexable operation",
                 marks=pytest.mark.local_deviation),
    pytest.param(dict(HASH, n=cond("EQ", N(1))), "Query condition missed key schema element: sk",
                 marks=pytest.mark.local_deviation),
    (dict(HASH, sk=cond("EQ", S("1")), n=cond("EQ", N(1))), "Conditions can be of length 1 or 2 "
     "only"),
    ({}, "Conditions can be of length 1 or 2 only"),
    ({"pk": cond("EQ", N(1))}, INVALID + "Condition parameter type does not match schema type"),
    ({"pk": cond("EQ", S("a"), S("b"))},
     INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator"),
    # DynamoDB Local: "Comparison type does not exist in DynamoDB".
    pytest.param({"pk": {"AttributeValueList": [S("a")]}}, one_violation(
        None, "keyConditions.pk.member.comparisonOperator", NOT_NULL),
        marks=pytest.mark.local_deviation),
    pytest.param({"pk": cond("FOO", S("a"))}, one_violation(
        "FOO", "keyConditions.pk.member.comparisonOperator", ENUM % COMPARISON_OPERATORS),
        marks=pytest.mark.local_deviation),
])
def test_key_conditions_errors(raw, five, kc, message):
    assert_raw_error(raw.call("Query", {"TableName": five, "KeyConditions": kc}),
                     "ValidationException", message)


def test_query_without_key_condition(raw, five):
    assert_raw_error(raw.call("Query", {"TableName": five}), "ValidationException",
                     "Either the KeyConditions or KeyConditionExpression parameter must be "
                     "specified in the request.")


# ---- QueryFilter / ScanFilter --------------------------------------------------------------

@pytest.mark.parametrize("qf,op,expected", [
    ({"n": cond("GT", N(3)), "g": cond("EQ", S("g1"))}, "OR", ["1", "3", "4"]),
    ({"n": cond("GE", N(1)), "g": cond("EQ", S("g0"))}, "AND", ["2", "4"]),
    ({"n": cond("GE", N(1)), "g": cond("EQ", S("g0"))}, None, ["2", "4"]),
    ({"n": cond("BETWEEN", N(1), N(3))}, None, ["1", "2", "3"]),
    ({"n": cond("IN", N(0), N(4), N(7))}, None, ["0", "4"]),
    ({"g": cond("CONTAINS", S("1"))}, None, ["1", "3"]),
    ({"g": cond("NOT_CONTAINS", S("1"))}, None, ["0", "2", "4"]),
    ({"q": cond("NULL")}, None, ["0", "1", "2", "3", "4"]),
    ({"q": cond("NOT_NULL")}, None, []),
    ({"n": cond("NE", N(2)), "g": cond("BEGINS_WITH", S("g0"))}, "AND", ["0", "4"]),
])
def test_query_filter(ddb, five, qf, op, expected):
    kw = {"ConditionalOperator": op} if op else {}
    r = ddb.query(TableName=five, KeyConditions=HASH, QueryFilter=qf, **kw)
    assert sks(r) == expected
    assert r["Count"] == len(expected) and r["ScannedCount"] == 5


def test_query_filter_select_count(ddb, five):
    r = ddb.query(TableName=five, KeyConditions=HASH, QueryFilter={"n": cond("GE", N(3))},
                  Select="COUNT")
    assert "Items" not in r and r["Count"] == 2 and r["ScannedCount"] == 5


@pytest.mark.parametrize("attr", ["pk", "sk"])
def test_query_filter_on_key_rejected(raw, five, attr):
    r = raw.call("Query", {"TableName": five, "KeyConditions": HASH,
                           "QueryFilter": {attr: cond("EQ", S("1"))}})
    assert_raw_error(r, "ValidationException", "QueryFilter can only contain non-primary key "
                     "attributes: Primary key attribute: " + attr)


def test_scan_filter(ddb, five):
    r = ddb.scan(TableName=five, ScanFilter={"pk": cond("EQ", S("r5")),
                                             "n": cond("IN", N(1), N(3))},
                 AttributesToGet=["sk", "n"])
    assert sorted(r["Items"], key=lambda i: i["sk"]["S"]) == [{"sk": S("1"), "n": N(1)},
                                                              {"sk": S("3"), "n": N(3)}]
    r = ddb.scan(TableName=five, ScanFilter={"n": cond("LT", N(1)), "sk": cond("EQ", S("4"))},
                 ConditionalOperator="OR")
    assert sorted(i["sk"]["S"] for i in r["Items"] if i["pk"] == S("r5")) == ["0", "4"]


NO_SCAN_OPERATOR = one_violation(None, "scanFilter.n.member.comparisonOperator", NOT_NULL)


@pytest.mark.parametrize("op,body,message", [
    ("Scan", {"ConditionalOperator": "AND"},
     "ConditionalOperator cannot be used without Filter or Expected"),
    ("Scan", {"ScanFilter": {"n": cond("NOT_NULL")}, "ConditionalOperator": "AND"},
     "ConditionalOperator can only be used when Filter or Expected has two or more elements"),
    ("Query", {"KeyConditions": HASH, "ConditionalOperator": "OR"},
     "ConditionalOperator cannot be used without Filter or Expected"),
    # DynamoDB Local: "Comparison type does not exist in DynamoDB" (Condition has no Exists or
    # Value: both are unknown members, so ComparisonOperator is missing).
    pytest.param("Scan", {"ScanFilter": {"n": {"Exists": True}}}, NO_SCAN_OPERATOR,
                 marks=pytest.mark.local_deviation),
    pytest.param("Scan", {"ScanFilter": {"n": {"Value": N(1)}}}, NO_SCAN_OPERATOR,
                 marks=pytest.mark.local_deviation),
    ("Scan", {"ScanFilter": {"n": cond("BETWEEN", N(1))}},
     INVALID + "Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
    ("Scan", {"ScanFilter": {"n": cond("NULL", N(1))}},
     INVALID + "Invalid number of argument(s) for the NULL ComparisonOperator"),
    ("Scan", {"ScanFilter": {"n": cond("NOT_NULL")}, "ExpressionAttributeValues": {":v": N(1)}},
     "ExpressionAttributeValues can only be specified when using expressions: FilterExpression "
     "is null"),
    ("Scan", {"ScanFilter": {"n": cond("NOT_NULL")}, "ExpressionAttributeNames": {"#n": "n"}},
     "ExpressionAttributeNames can only be specified when using expressions"),
    ("Query", {"KeyConditions": HASH, "ExpressionAttributeValues": {":v": S("a")}},
     "ExpressionAttributeValues can only be specified when using expressions: FilterExpression "
     "and KeyConditionExpression are null"),
    pytest.param("Scan", {"AttributesToGet": ["n", "n"]}, DUPLICATE_NAME,
                 marks=pytest.mark.local_deviation),
])
def test_filter_errors(raw, five, op, body, message):
    assert_raw_error(raw.call(op, dict(body, TableName=five)), "ValidationException", message)


def test_legacy_query_through_boto3_error_shape(ddb, five):
    err = assert_client_error(ddb.query, "ValidationException",
                              "Query key condition not supported", TableName=five,
                              KeyConditions={"pk": cond("BEGINS_WITH", S("r"))})
    assert err["Error"]["Code"] == "ValidationException"
