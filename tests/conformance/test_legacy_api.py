# Pins the legacy (pre-expression) request parameters as DynamoDB Local implements them:
# Expected (Value, Exists, ComparisonOperator + AttributeValueList for every operator) with
# ConditionalOperator AND/OR on PutItem / UpdateItem / DeleteItem; AttributeUpdates (PUT, ADD,
# DELETE) with ReturnValues; AttributesToGet on GetItem / Query / Scan / BatchGetItem;
# KeyConditions; QueryFilter / ScanFilter; and the exact validation messages, including
# "Can not use both expression and non-expression parameters ..." (parameters are listed in a
# fixed order: AttributesToGet, QueryFilter/ScanFilter, AttributeUpdates, Expected,
# ConditionalOperator, KeyConditions / ProjectionExpression, FilterExpression, UpdateExpression,
# ConditionExpression, KeyConditionExpression).
import os

import pytest

from ddbtest import (COMPARISON_OPERATORS, ENUM, N, S, assert_client_error, assert_raw_error,
                     cond, one_violation)


K = {"pk": {"S": "a"}, "sk": {"S": "1"}}
ITEM = dict(K, n={"N": "5"}, s={"S": "hello"}, ss={"SS": ["x", "y"]}, ns={"NS": ["1", "2"]},
            l={"L": [{"S": "x"}]}, t={"BOOL": True})
INVALID = "One or more parameter values were invalid: "
MIX = ("Can not use both expression and non-expression parameters in the same request: "
       "Non-expression parameters: {%s} Expression parameters: {%s}")


def avl(op, *values):
    """Like cond(), but always sends AttributeValueList (possibly empty)."""
    return {"ComparisonOperator": op, "AttributeValueList": list(values)}


def EQ(v):
    return cond("EQ", v)


@pytest.fixture
def item_table(ddb, table):
    ddb.put_item(TableName=table, Item=ITEM)
    return table


@pytest.fixture(scope="module")
def five(ddb, shared_table):
    """pk "q5", sk "0".."4", n = i, g = g0/g1 alternating."""
    for i in range(5):
        ddb.put_item(TableName=shared_table, Item={"pk": S("q5"), "sk": S(str(i)), "n": N(i),
                                                   "g": S("g%d" % (i % 2))})
    return shared_table


def put_if(ddb, table, expected, **kw):
    """PutItem of ITEM again under Expected; True if the condition held."""
    try:
        ddb.put_item(TableName=table, Item=ITEM, Expected=expected, **kw)
        return True
    except ddb.exceptions.ConditionalCheckFailedException:
        return False


# ---- Expected ------------------------------------------------------------------------------

TRUTH = [
    ("n", EQ(N(5)), True), ("n", EQ(N(6)), False), ("n", EQ(S("5")), False),
    ("q", EQ(N(5)), False), ("ss", EQ({"SS": ["y", "x"]}), True), ("t", EQ({"BOOL": True}), True),
    ("l", EQ({"L": [S("x")]}), True),
    ("n", cond("NE", N(6)), True), ("n", cond("NE", N(5)), False), ("q", cond("NE", N(1)), True),
    ("n", cond("LT", N(6)), True), ("n", cond("LT", N(5)), False), ("q", cond("LT", N(9)), False),
    ("n", cond("LE", N(5)), True), ("n", cond("LE", N(4)), False),
    ("n", cond("GT", N(4)), True), ("n", cond("GT", N(5)), False),
    ("n", cond("GE", N(5)), True), ("n", cond("GE", N("5.5")), False),
    ("s", cond("LT", S("hellp")), True), ("s", cond("GT", S("Z")), True),
    ("n", cond("LT", S("9")), False),
    ("n", cond("NOT_NULL"), True), ("q", cond("NOT_NULL"), False),
    ("q", cond("NULL"), True), ("n", cond("NULL"), False),
    ("s", cond("CONTAINS", S("ell")), True), ("s", cond("CONTAINS", S("z")), False),
    ("ss", cond("CONTAINS", S("x")), True), ("ss", cond("CONTAINS", S("z")), False),
    ("ns", cond("CONTAINS", N(2)), True), ("q", cond("CONTAINS", S("x")), False),
    ("s", cond("NOT_CONTAINS", S("z")), True), ("s", cond("NOT_CONTAINS", S("ell")), False),
    ("ss", cond("NOT_CONTAINS", S("x")), False), ("ss", cond("NOT_CONTAINS", S("z")), True),
    ("q", cond("NOT_CONTAINS", S("z")), False),
    ("s", cond("BEGINS_WITH", S("he")), True), ("s", cond("BEGINS_WITH", S("lo")), False),
    ("q", cond("BEGINS_WITH", S("he")), False),
    ("n", cond("IN", N(1), N(5)), True), ("n", cond("IN", N(1), N(2)), False),
    ("s", cond("IN", S("hello"), S("x")), True),
    ("n", cond("BETWEEN", N(5), N(10)), True), ("n", cond("BETWEEN", N(1), N(5)), True),
    ("n", cond("BETWEEN", N(6), N(10)), False), ("s", cond("BETWEEN", S("a"), S("i")), True),
    ("q", cond("BETWEEN", N(1), N(9)), False),
]


@pytest.mark.parametrize("attr,condition,expected", TRUTH,
                         ids=["%s-%s-%d" % (a, c["ComparisonOperator"], i)
                              for i, (a, c, _) in enumerate(TRUTH)])
def test_expected_comparison_operators(ddb, item_table, attr, condition, expected):
    assert put_if(ddb, item_table, {attr: condition}) is expected


@pytest.mark.parametrize("expected,holds", [
    ({"n": {"Value": N(5)}}, True), ({"n": {"Value": N(6)}}, False),
    ({"q": {"Value": N(5)}}, False), ({"n": {"Exists": True, "Value": N(5)}}, True),
    ({"q": {"Exists": True, "Value": N(5)}}, False), ({"q": {"Exists": False}}, True),
    ({"n": {"Exists": False}}, False), ({"n": {"Value": S("")}}, False), ({}, True),
    ({"pk": {"Value": S("a")}, "sk": {"Exists": True, "Value": S("1")}}, True),
])
def test_expected_value_and_exists(ddb, item_table, expected, holds):
    assert put_if(ddb, item_table, expected) is holds


def test_expected_on_missing_item(ddb, table):
    assert put_if(ddb, table, {"n": {"Exists": False}})
    ddb.delete_item(TableName=table, Key=K)
    assert not put_if(ddb, table, {"n": {"Value": N(5)}})
    assert not put_if(ddb, table, {"n": cond("NOT_NULL")})
    assert "Item" not in ddb.get_item(TableName=table, Key=K)


@pytest.mark.parametrize("op,holds", [("AND", False), ("OR", True)])
def test_expected_conditional_operator_on_put(ddb, item_table, op, holds):
    exp = {"n": {"Value": N(6)}, "s": cond("BEGINS_WITH", S("he"))}
    assert put_if(ddb, item_table, exp, ConditionalOperator=op) is holds


def test_expected_default_operator_is_and(ddb, item_table):
    assert not put_if(ddb, item_table, {"n": {"Value": N(6)}, "s": cond("NOT_NULL")})
    assert put_if(ddb, item_table, {"n": {"Value": N(5)}, "s": cond("NOT_NULL")})


def test_expected_failure_leaves_item_unchanged(ddb, item_table):
    assert_client_error(ddb.put_item, "ConditionalCheckFailedException",
                        "The conditional request failed", TableName=item_table,
                        Item=dict(K, n=N(9)), Expected={"n": EQ(N(1))})
    assert ddb.get_item(TableName=item_table, Key=K)["Item"] == ITEM


def test_delete_item_with_expected_or(ddb, item_table):
    assert_client_error(ddb.delete_item, "ConditionalCheckFailedException",
                        "The conditional request failed", TableName=item_table, Key=K,
                        Expected={"n": cond("LT", N(1)), "s": {"Value": S("x")}},
                        ConditionalOperator="OR")
    r = ddb.delete_item(TableName=item_table, Key=K, ReturnValues="ALL_OLD",
                        Expected={"n": cond("LT", N(1)), "s": {"Value": S("hello")}},
                        ConditionalOperator="OR")
    assert r["Attributes"] == ITEM
    assert "Item" not in ddb.get_item(TableName=item_table, Key=K)


def test_update_item_with_expected(ddb, item_table):
    r = ddb.update_item(TableName=item_table, Key=K, ReturnValues="UPDATED_NEW",
                        AttributeUpdates={"u": {"Action": "PUT", "Value": S("new")}},
                        Expected={"n": {"Value": N(6)}, "s": cond("BEGINS_WITH", S("he"))},
                        ConditionalOperator="OR")
    assert r["Attributes"] == {"u": S("new")}
    assert_client_error(ddb.update_item, "ConditionalCheckFailedException",
                        "The conditional request failed", TableName=item_table, Key=K,
                        AttributeUpdates={"u": {"Action": "PUT", "Value": S("newer")}},
                        Expected={"n": {"Value": N(6)}, "s": cond("BEGINS_WITH", S("he"))},
                        ConditionalOperator="AND")
    assert ddb.get_item(TableName=item_table, Key=K)["Item"]["u"] == S("new")


def _count_msg(op):
    return INVALID + "Invalid number of argument(s) for the %s ComparisonOperator" % op


@pytest.mark.parametrize("expected,message", [
    ({"n": avl("EQ")}, _count_msg("EQ")), ({"n": cond("EQ", N(1), N(2))}, _count_msg("EQ")),
    ({"n": avl("NE")}, _count_msg("NE")), ({"n": cond("LT", N(1), N(2))}, _count_msg("LT")),
    ({"n": avl("LE")}, _count_msg("LE")), ({"n": avl("GE")}, _count_msg("GE")),
    ({"n": cond("GT", N(1), N(2))}, _count_msg("GT")),
    ({"n": cond("NOT_NULL", N(1))}, _count_msg("NOT_NULL")),
    ({"n": cond("NULL", N(1))}, _count_msg("NULL")), ({"n": avl("CONTAINS")}, _count_msg("CONTAINS")),
    ({"n": avl("NOT_CONTAINS")}, _count_msg("NOT_CONTAINS")),
    ({"n": avl("BEGINS_WITH")}, _count_msg("BEGINS_WITH")), ({"n": avl("IN")}, _count_msg("IN")),
    ({"n": cond("BETWEEN", N(1))}, _count_msg("BETWEEN")),
    ({"n": cond("BEGINS_WITH", N(1))},
     INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"),
    ({"n": cond("CONTAINS", {"SS": ["x"]})},
     INVALID + "ComparisonOperator CONTAINS is not valid for SS AttributeValue type"),
    ({"n": cond("CONTAINS", {"L": [S("x")]})},
     INVALID + "ComparisonOperator CONTAINS is not valid for L AttributeValue type"),
    ({"n": cond("LT", {"SS": ["x"]})},
     INVALID + "ComparisonOperator LT is not valid for SS AttributeValue type"),
    ({"n": cond("LT", {"BOOL": True})},
     INVALID + "ComparisonOperator LT is not valid for BOOL AttributeValue type"),
    ({"n": cond("IN", {"SS": ["x"]})},
     INVALID + "ComparisonOperator IN is not valid for SS AttributeValue type"),
    ({"n": cond("BETWEEN", N(1), S("x"))},
     INVALID + "AttributeValues inside AttributeValueList must be of same type"),
    ({"n": cond("IN", N(1), S("x"))},
     INVALID + "AttributeValues inside AttributeValueList must be of same type"),
    ({"n": cond("BETWEEN", N(6), N(1))},
     "The BETWEEN condition was provided a range where the lower bound is greater than the "
     "upper bound"),
    # DynamoDB Local: "Comparison type does not exist in DynamoDB".
    pytest.param({"n": cond("BOGUS", N(1))}, one_violation(
        "BOGUS", "expected.n.member.comparisonOperator", ENUM % COMPARISON_OPERATORS),
        marks=pytest.mark.local_deviation),
    ({"n": {"Exists": True, "ComparisonOperator": "EQ", "AttributeValueList": [N(5)]}},
     INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: n"),
    ({"n": {"Exists": False, "ComparisonOperator": "NULL"}},
     INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: n"),
    ({"n": {"Exists": True}}, INVALID + "Value must be provided when Exists is true for Attribute: n"),
    ({"n": {"Exists": False, "Value": N(5)}},
     INVALID + "Value cannot be used when Exists is false for Attribute: n"),
    ({"n": {"Value": N(5), "ComparisonOperator": "EQ", "AttributeValueList": [N(5)]}},
     INVALID + "Value and AttributeValueList cannot be used together for Attribute: n"),
    ({"n": {"AttributeValueList": [N(5)]}},
     INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: n"),
    ({"n": {}}, INVALID + "Value must be provided when Exists is null for Attribute: n"),
    pytest.param({"n": {"Value": N("abc")}},
                 "The parameter cannot be converted to a numeric value: abc",
                 marks=pytest.mark.local_deviation),
    ({"n": cond("EQ")}, INVALID + "Value or AttributeValueList must be used with "
     "ComparisonOperator: EQ for Attribute: n"),
    ({"n": cond("BETWEEN")}, INVALID + "Value or AttributeValueList must be used with "
     "ComparisonOperator: BETWEEN for Attribute: n"),
])
def test_expected_validation_errors(raw, item_table, expected, message):
    r = raw.call("PutItem", {"TableName": item_table, "Item": dict(K, n=N(9)),
                             "Expected": expected})
    assert_raw_error(r, "ValidationException", message)
    assert raw.ok("GetItem", {"TableName": item_table, "Key": K})["Item"] == ITEM


@pytest.mark.parametrize("extra,message", [
    ({"ConditionalOperator": "AND"}, "ConditionalOperator cannot be used without Filter or Expected"),
    ({"Expected": {"n": {"Value": N(5)}}, "ConditionalOperator": "OR"},
     "ConditionalOperator can only be used when Filter or Expected has two or more elements"),
    ({"Expected": {"n": {"Value": N(5)}}, "ExpressionAttributeValues": {":v": N(1)}},
     "ExpressionAttributeValues can only be specified when using expressions: "
     "ConditionExpression is null"),
    ({"Expected": {"n": {"Value": N(5)}}, "ExpressionAttributeNames": {"#n": "n"}},
     "ExpressionAttributeNames can only be specified when using expressions"),
])
def test_put_item_legacy_parameter_errors(raw, item_table, extra, message):
    r = raw.call("PutItem", dict({"TableName": item_table, "Item": ITEM}, **extra))
    assert_raw_error(r, "ValidationException", message)


# ---- mixing legacy and expression parameters -----------------------------------------------

CE = {"ConditionExpression": "attribute_exists(n)"}
KC = {"KeyConditions": {"pk": EQ(S("a"))}}


def is_local_target():
    return (os.environ.get("DDB_TARGET") == "local"
            or os.environ.get("DDB_ENDPOINT_IS_LOCAL") == "1")


@pytest.mark.parametrize("op,body,non_expr,expr", [
    ("PutItem", dict(CE, Item=K, Expected={"n": {"Exists": False}}), "Expected",
     "ConditionExpression"),
    ("PutItem", dict(CE, Item=K, ConditionalOperator="AND"), "ConditionalOperator",
     "ConditionExpression"),
    ("PutItem", dict(CE, Item=K, Expected={"n": {"Exists": False}}, ConditionalOperator="AND"),
     "Expected, ConditionalOperator", "ConditionExpression"),
    ("DeleteItem", dict(CE, Key=K, Expected={"n": {"Exists": False}}), "Expected",
     "ConditionExpression"),
    ("UpdateItem", {"Key": K, "AttributeUpdates": {"x": {"Value": N(1)}},
                    "UpdateExpression": "SET x = :v", "ExpressionAttributeValues": {":v": N(1)}},
     "AttributeUpdates", "UpdateExpression"),
    ("UpdateItem", dict(CE, Key=K, AttributeUpdates={"x": {"Value": N(1)}}),
     "AttributeUpdates", "ConditionExpression"),
    ("UpdateItem", {"Key": K, "Expected": {"n": {"Exists": False}},
                    "UpdateExpression": "SET x = :v", "ExpressionAttributeValues": {":v": N(1)}},
     "Expected", "UpdateExpression"),
    ("UpdateItem", dict(CE, Key=K, Expected={"n": {"Exists": False}}, ConditionalOperator="AND",
                        AttributeUpdates={"x": {"Value": N(1)}}, UpdateExpression="SET x = :v",
                        ExpressionAttributeValues={":v": N(1)}),
     "AttributeUpdates, Expected, ConditionalOperator", "UpdateExpression, ConditionExpression"),
    ("GetItem", {"Key": K, "AttributesToGet": ["n"], "ProjectionExpression": "n"},
     "AttributesToGet", "ProjectionExpression"),
    ("Query", dict(KC, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("a")}),
     "KeyConditions", "KeyConditionExpression"),
    ("Query", {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": S("a")},
               "QueryFilter": {"n": cond("NOT_NULL")}}, "QueryFilter", "KeyConditionExpression"),
    ("Query", {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": S("a")},
               "AttributesToGet": ["sk"]}, "AttributesToGet", "KeyConditionExpression"),
    ("Query", dict(KC, QueryFilter={"n": cond("NOT_NULL")}, FilterExpression="n > :p",
                   ExpressionAttributeValues={":p": N(1)}), "QueryFilter", "FilterExpression"),
    ("Query", dict(KC, QueryFilter={"n": cond("GT", N(3))}, AttributesToGet=["sk"],
                   ConditionalOperator="OR", KeyConditionExpression="pk = :p",
                   FilterExpression="n > :p", ProjectionExpression="sk",
                   ExpressionAttributeValues={":p": S("a")}),
     "AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions",
     "ProjectionExpression, FilterExpression, KeyConditionExpression"),
    ("Scan", {"ScanFilter": {"n": cond("NOT_NULL")}, "FilterExpression": "attribute_exists(n)"},
     "ScanFilter", "FilterExpression"),
    ("Scan", {"AttributesToGet": ["n"], "ProjectionExpression": "n"}, "AttributesToGet",
     "ProjectionExpression"),
    ("Scan", {"ScanFilter": {"n": cond("NOT_NULL"), "g": cond("NOT_NULL")},
              "ConditionalOperator": "OR", "AttributesToGet": ["n"],
              "FilterExpression": "attribute_exists(n)", "ProjectionExpression": "n"},
     "AttributesToGet, ScanFilter, ConditionalOperator", "ProjectionExpression, FilterExpression"),
])
def test_mixing_legacy_and_expression_parameters(raw, item_table, op, body, non_expr, expr):
    r = raw.call(op, dict(body, TableName=item_table))
    assert_raw_error(r, "ValidationException", MIX % (non_expr, expr))
    assert raw.ok("GetItem", {"TableName": item_table, "Key": K})["Item"] == ITEM


# KeyConditions conflicts only with KeyConditionExpression, so it is left out of the list...
@pytest.mark.parametrize("extra,non_expr,expr", [
    ({"AttributesToGet": ["sk"], "ProjectionExpression": "sk"}, "AttributesToGet",
     "ProjectionExpression"),
    ({"QueryFilter": {"n": cond("NOT_NULL")}, "ConditionalOperator": "OR",
      "FilterExpression": "attribute_exists(n)"}, "QueryFilter, ConditionalOperator",
     "FilterExpression"),
    ({"AttributesToGet": ["sk"], "FilterExpression": "attribute_exists(n)",
      "ProjectionExpression": "sk"}, "AttributesToGet", "ProjectionExpression, FilterExpression"),
])
def test_key_conditions_not_listed_without_key_condition_expression(raw, item_table, extra,
                                                                     non_expr, expr):
    r = raw.call("Query", dict(KC, TableName=item_table, **extra))
    assert_raw_error(r, "ValidationException", MIX % (non_expr, expr))


# ... and it may sit beside a FilterExpression and a ProjectionExpression, whose placeholders
# share the maps with the ones KeyConditions is translated into.
def test_key_conditions_with_filter_and_projection_expressions(raw, item_table):
    r = raw.ok("Query", dict(KC, TableName=item_table, FilterExpression="#n > :l0",
                             ProjectionExpression="#n, sk", ExpressionAttributeNames={"#n": "n"},
                             ExpressionAttributeValues={":l0": N(4)}))
    assert r["Items"] == [{"n": N(5), "sk": S("1")}] and r["Count"] == 1
    r = raw.ok("Query", dict(KC, TableName=item_table, FilterExpression="n > :l0",
                             ExpressionAttributeValues={":l0": N(5)}))
    assert r["Items"] == [] and r["ScannedCount"] == 1


def test_batch_get_mixing_rejected(raw, item_table):
    r = raw.call("BatchGetItem", {"RequestItems": {item_table: {
        "Keys": [K], "AttributesToGet": ["n"], "ProjectionExpression": "n"}}})
    assert_raw_error(r, "ValidationException", MIX % ("AttributesToGet", "ProjectionExpression"))


# ---- AttributeUpdates ----------------------------------------------------------------------

def update(ddb, table, updates, rv="NONE"):
    return ddb.update_item(TableName=table, Key=K, AttributeUpdates=updates,
                           ReturnValues=rv).get("Attributes")


@pytest.mark.parametrize("updates,rv,attrs,changed", [
    ({"u": {"Action": "PUT", "Value": S("new")}}, "UPDATED_NEW", {"u": S("new")}, {"u": S("new")}),
    ({"u": {"Value": S("new")}}, "UPDATED_NEW", {"u": S("new")}, {"u": S("new")}),  # PUT default
    ({"s": {"Action": "PUT", "Value": N(1)}}, "UPDATED_OLD", {"s": S("hello")}, {"s": N(1)}),
    ({"u": {"Action": "PUT", "Value": S("")}}, "UPDATED_NEW", {"u": S("")}, {"u": S("")}),
    ({"n": {"Action": "ADD", "Value": N("-2.5")}}, "UPDATED_OLD", {"n": N(5)}, {"n": N("2.5")}),
    ({"n": {"Action": "ADD", "Value": N(3)}}, "UPDATED_NEW", {"n": N(8)}, {"n": N(8)}),
    ({"u": {"Action": "ADD", "Value": N(3)}}, "UPDATED_NEW", {"u": N(3)}, {"u": N(3)}),
    ({"ss": {"Action": "ADD", "Value": {"SS": ["z", "x"]}}}, "UPDATED_NEW",
     {"ss": {"SS": ["x", "y", "z"]}}, {"ss": {"SS": ["x", "y", "z"]}}),
    ({"u": {"Action": "ADD", "Value": {"NS": ["7"]}}}, "UPDATED_NEW", {"u": {"NS": ["7"]}},
     {"u": {"NS": ["7"]}}),
    ({"l": {"Action": "ADD", "Value": {"L": [S("y")]}}}, "UPDATED_NEW",
     {"l": {"L": [S("x"), S("y")]}}, {"l": {"L": [S("x"), S("y")]}}),
    ({"s": {"Action": "DELETE"}}, "UPDATED_OLD", {"s": S("hello")}, {"s": None}),
    ({"q": {"Action": "DELETE"}}, "UPDATED_OLD", None, {"q": None}),
    ({"ss": {"Action": "DELETE", "Value": {"SS": ["x", "q"]}}}, "UPDATED_NEW",
     {"ss": {"SS": ["y"]}}, {"ss": {"SS": ["y"]}}),
    ({"ss": {"Action": "DELETE", "Value": {"SS": ["x", "y"]}}}, "UPDATED_NEW", None,
     {"ss": None}),
    ({"q": {"Action": "DELETE", "Value": {"SS": ["x"]}}}, "UPDATED_NEW", None, {"q": None}),
    ({"ns": {"Action": "DELETE", "Value": {"NS": ["2"]}}, "n": {"Action": "ADD", "Value": N(1)},
      "u": {"Action": "PUT", "Value": {"BOOL": False}}}, "UPDATED_NEW",
     {"ns": {"NS": ["1"]}, "n": N(6), "u": {"BOOL": False}},
     {"ns": {"NS": ["1"]}, "n": N(6), "u": {"BOOL": False}}),
])
def test_attribute_updates_actions(ddb, item_table, updates, rv, attrs, changed):
    got = update(ddb, item_table, updates, rv)
    if attrs is None:
        assert got is None
    else:
        got = {k: ({t: sorted(v)} if t in ("SS", "NS") else {t: v})
               for k, tv in got.items() for t, v in tv.items()}
        assert got == attrs
    item = ddb.get_item(TableName=item_table, Key=K)["Item"]
    want = dict(ITEM)
    for k, v in changed.items():
        if v is None:
            want.pop(k, None)
        else:
            want[k] = v
    for k, v in list(item.items()):
        if "SS" in v or "NS" in v:
            item[k] = {t: sorted(x) for t, x in v.items()}
    assert item == want


@pytest.mark.parametrize("rv,expected", [
    ("ALL_OLD", ITEM), ("ALL_NEW", dict(ITEM, n=N(6))), ("NONE", None),
])
def test_attribute_updates_return_values_all(ddb, item_table, rv, expected):
    assert update(ddb, item_table, {"n": {"Action": "ADD", "Value": N(1)}}, rv) == expected


def test_attribute_updates_create_item(ddb, table):
    got = update(ddb, table, {"n": {"Action": "ADD", "Value": N(2)},
                              "u": {"Action": "PUT", "Value": S("v")}}, "ALL_NEW")
    assert got == dict(K, n=N(2), u=S("v"))
    assert ddb.get_item(TableName=table, Key=K)["Item"] == got


def test_attribute_updates_empty_map_is_noop(ddb, item_table):
    assert update(ddb, item_table, {}, "ALL_NEW") == ITEM


@pytest.mark.parametrize("updates,message", [
    ({"u": {"Action": "PUT"}},
     INVALID + "Only DELETE action is allowed when no attribute value is specified"),
    ({"n": {"Action": "ADD"}},
     INVALID + "Only DELETE action is allowed when no attribute value is specified"),
    # The service names the type as on the wire (docs/notes/service-errors.md §2.7; dynalite
    # test/updateItem.js); DynamoDB Local says "STRING".
    pytest.param({"s": {"Action": "ADD", "Value": S("z")}},
                 INVALID + "ADD action is not supported for the type S",
                 marks=pytest.mark.local_deviation),
    ({"s": {"Action": "ADD", "Value": N(1)}}, "Type mismatch for attribute to update"),
    ({"ss": {"Action": "ADD", "Value": {"NS": ["1"]}}}, "Type mismatch for attribute to update"),
    ({"ss": {"Action": "DELETE", "Value": {"NS": ["1"]}}}, "Type mismatch for attribute to update"),
    pytest.param({"s": {"Action": "DELETE", "Value": S("hello")}},
                 INVALID + "DELETE action with value is not supported for the type S",
                 marks=pytest.mark.local_deviation),
    # Local gives only the constraint, in another order.
    pytest.param({"s": {"Action": "FOO", "Value": S("x")}}, one_violation(
        "FOO", "attributeUpdates.s.member.action", ENUM % "ADD, PUT, DELETE"),
        marks=pytest.mark.local_deviation),
    ({"pk": {"Action": "PUT", "Value": S("b")}},
     INVALID + "Cannot update attribute pk. This attribute is part of the key"),
    ({"sk": {"Action": "DELETE"}},
     INVALID + "Cannot update attribute sk. This attribute is part of the key"),
    ({"u": {"Action": "PUT", "Value": {"SS": []}}}, INVALID + "An string set  may not be empty"),
])
def test_attribute_updates_errors(raw, item_table, updates, message, request):
    r = raw.call("UpdateItem", {"TableName": item_table, "Key": K, "AttributeUpdates": updates})
    assert_raw_error(r, "ValidationException", message)
    assert raw.ok("GetItem", {"TableName": item_table, "Key": K})["Item"] == ITEM


def test_attribute_updates_with_expression_values_rejected(raw, item_table):
    r = raw.call("UpdateItem", {"TableName": item_table, "Key": K,
                                "AttributeUpdates": {"u": {"Value": S("x")}},
                                "ExpressionAttributeValues": {":v": S("1")}})
    assert_raw_error(r, "ValidationException", "ExpressionAttributeValues can only be specified "
                     "when using expressions: UpdateExpression and ConditionExpression are null")
