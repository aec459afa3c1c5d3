# Pins attribute-value typing as DynamoDB Local implements it: every type round-trips; number
# precision (38 significant digits), range (1e-130 .. <1e126) and normalisation of the
# stored text; empty and duplicate sets rejected; empty strings/binaries allowed outside keys;
# the 400 KB item size limit at its exact byte boundary; the nesting depth limit; and the
# messages for malformed attribute values.
import pytest

from ddbtest import (MAX, assert_client_error, assert_one_violation, assert_raw_error,
                     java_map, java_object)


def put_get(raw, table, attrs, sk="x"):
    it = {"pk": {"S": "types"}, "sk": {"S": sk}}
    it.update(attrs)
    raw.ok("PutItem", {"TableName": table, "Item": it})
    return raw.ok("GetItem", {"TableName": table,
                              "Key": {"pk": {"S": "types"}, "sk": {"S": sk}}})["Item"]


def put_error(raw, table, attrs, message):
    it = {"pk": {"S": "types"}, "sk": {"S": "x"}}
    it.update(attrs)
    r = raw.call("PutItem", {"TableName": table, "Item": it})
    assert_raw_error(r, "ValidationException", message)
    return r


@pytest.mark.parametrize("value", [
    {"S": "hello"}, {"S": ""}, {"N": "42"}, {"B": "AAEC"}, {"B": ""}, {"BOOL": True},
    {"BOOL": False}, {"NULL": True}, {"L": []}, {"M": {}},
    {"L": [{"S": "a"}, {"N": "1"}, {"NULL": True}, {"L": [{"BOOL": False}]}]},
    {"M": {"q": {"S": "z"}, "nested": {"M": {"a": {"L": []}}}}},
], ids=lambda v: "-".join(v))
def test_round_trip(raw, table, value):
    assert put_get(raw, table, {"v": value})["v"] == value


@pytest.mark.parametrize("value", [
    {"SS": ["b", "a", "c"]}, {"NS": ["3", "1", "-2.5"]}, {"BS": ["AQ==", "AA==", "Ag=="]},
    {"SS": ["", "a"]}])
def test_set_round_trip(raw, table, value):
    (t, members), = value.items()
    got = put_get(raw, table, {"v": value})["v"]
    assert list(got) == [t]
    # Set order is not defined by the service; compare as sets.
    assert sorted(got[t]) == sorted(members)


def test_boto3_round_trip_all_types(ddb, table):
    it = {"pk": {"S": "a"}, "sk": {"S": "b"}, "s": {"S": "x"}, "n": {"N": "1"},
          "b": {"B": b"\x00\xff"}, "bo": {"BOOL": True}, "nu": {"NULL": True},
          "l": {"L": [{"S": "a"}]}, "m": {"M": {"k": {"N": "2"}}}, "ss": {"SS": ["q"]},
          "ns": {"NS": ["7"]}, "bs": {"BS": [b"\x01"]}}
    ddb.put_item(TableName=table, Item=it)
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"S": "b"}})["Item"] == it


@pytest.mark.parametrize("given,stored", [
    ("1.50", "1.5"), ("-0", "0"), ("1e2", "100"), ("007", "7"), ("0.000", "0"),
    ("1E-3", "0.001"), ("-1.0e+2", "-100"), ("+1", "1"), (".5", "0.5"), ("5.", "5"),
    ("00.100", "0.1"), ("1" + "0" * 45, "1" + "0" * 45),
    ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
    ("0.12345678901234567890123456789012345678", "0.12345678901234567890123456789012345678"),
    ("0.0000000000" + "1" * 38, "0.0000000000" + "1" * 38),
    ("1e125", "1" + "0" * 125),
    ("9.9999999999999999999999999999999999999e125", "9" * 38 + "0" * 88),
    ("-1e125", "-1" + "0" * 125),
    ("1e-130", "0." + "0" * 129 + "1"),
    ("-1e-130", "-0." + "0" * 129 + "1"),
])
def test_number_normalisation(raw, table, given, stored):
    assert put_get(raw, table, {"v": {"N": given}})["v"] == {"N": stored}


# The service's number messages (docs/notes/service-errors.md §1.8; dynalite test/putItem.js).
# DynamoDB Local says "DynamoDB only supports precision up to 38 digits" and "A value provided
# cannot be converted into a number".
def not_a_number_msg(text):
    return "The parameter cannot be converted to a numeric value" + (": " + text if text else "")


@pytest.mark.local_deviation
@pytest.mark.parametrize("value", ["123456789012345678901234567890123456789",
                                   "1234567890.12345678901234567890123456789",
                                   "1.0000000000000000000000000000000000000000001"])
def test_number_precision_limit(raw, table, value):
    put_error(raw, table, {"v": {"N": value}},
              "Attempting to store more than 38 significant digits in a Number")


@pytest.mark.parametrize("value", ["1e126", "-1e126", "10e125"])
def test_number_overflow(raw, table, value):
    put_error(raw, table, {"v": {"N": value}}, "Number overflow. Attempting to store a number "
              "with magnitude larger than supported range")


@pytest.mark.parametrize("value", ["1e-131", "-1e-131", "0.1e-130"])
def test_number_underflow(raw, table, value):
    put_error(raw, table, {"v": {"N": value}}, "Number underflow. Attempting to store a number "
              "with magnitude smaller than supported range")


@pytest.mark.local_deviation
@pytest.mark.parametrize("value", [" 1", "1 ", "abc", "", "1e", "0x10", "NaN", "Infinity",
                                   "1,5", "--1"])
def test_number_not_a_number(raw, table, value):
    put_error(raw, table, {"v": {"N": value}}, not_a_number_msg(value))


@pytest.mark.local_deviation
def test_number_set_member_not_a_number(raw, table):
    put_error(raw, table, {"v": {"NS": ["1", "x"]}}, not_a_number_msg("x"))


def test_number_set_is_normalised(raw, table):
    got = put_get(raw, table, {"v": {"NS": ["1.50", "1e3"]}})["v"]
    assert sorted(got["NS"]) == ["1.5", "1000"]


@pytest.mark.parametrize("value,message", [
    ({"SS": []}, "One or more parameter values were invalid: An string set  may not be empty"),
    ({"NS": []}, "One or more parameter values were invalid: An number set  may not be empty"),
    ({"BS": []}, "One or more parameter values were invalid: Binary sets should not be empty"),
])
def test_empty_sets_rejected(raw, table, value, message):
    put_error(raw, table, {"v": value}, message)


@pytest.mark.parametrize("value,message", [
    # The service ends the SS message with a period and echoes BS members, without a space
    # before "of" (docs/notes/service-errors.md §1.8); DynamoDB Local does neither.
    pytest.param({"SS": ["a", "a"]}, "One or more parameter values were invalid: Input collection "
                 "[a, a] contains duplicates.", marks=pytest.mark.local_deviation),
    ({"NS": ["1", "1.0"]}, "Input collection contains duplicates"),
    ({"NS": ["1", "1"]}, "Input collection contains duplicates"),
    pytest.param({"BS": ["YQ==", "YQ=="]}, "One or more parameter values were invalid: Input "
                 "collection [YQ==, YQ==]of type BS contains duplicates.",
                 marks=pytest.mark.local_deviation),
])
def test_duplicate_set_members_rejected(raw, table, value, message):
    put_error(raw, table, {"v": value}, message)


def test_null_false_rejected(raw, table):
    put_error(raw, table, {"v": {"NULL": False}}, "One or more parameter values were invalid: "
              "Null attribute value types must have the value of true")


def test_two_types_rejected(raw, table):
    put_error(raw, table, {"v": {"S": "a", "N": "1"}}, "Supplied AttributeValue has more than "
              "one datatypes set, must contain exactly one of the supported datatypes")


def test_no_type_rejected(raw, table):
    put_error(raw, table, {"v": {}}, "Supplied AttributeValue is empty, must contain exactly "
              "one of the supported datatypes")


def test_empty_attribute_name_rejected(raw, table):
    put_error(raw, table, {"": {"S": "x"}}, "Empty attribute name")


def test_empty_map_key_rejected(raw, table):
    put_error(raw, table, {"m": {"M": {"": {"S": "x"}}}}, "Empty attribute name")


# Past 65535 characters the name breaks the model's map-key constraint, reported with the whole
# item; DynamoDB Local: "Attribute name is too large, must be less than 65536 bytes".
@pytest.mark.parametrize("length,ok", [
    (65535, True), pytest.param(65536, False, marks=pytest.mark.local_deviation)])
def test_attribute_name_length(raw, table, length, ok):
    attrs = {"n" * length: {"S": "x"}}
    if ok:
        assert "n" * length in put_get(raw, table, attrs)
    else:
        r = put_error(raw, table, attrs, None)
        names = ["pk", "sk"] + list(attrs)
        item = java_map([(name, java_object("AttributeValue")) for name in names])
        assert_one_violation(r.message, item, "item",
                             "Map keys must satisfy constraint: [%s]" % (MAX % 65535))


ITEM_TOO_BIG = "Item size has exceeded the maximum allowed size"


def test_item_size_exact_limit(ddb, table):
    # size = len("pk")+len("a") + len("sk")+len("b") + len("v")+len(value) = 7 + len(value)
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": "b"},
                                        "v": {"S": "x" * (409600 - 7)}})
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"S": "b"}})["Item"]
    assert len(got["v"]["S"]) == 409593


def test_item_size_one_byte_over(ddb, table):
    assert_client_error(ddb.put_item, "ValidationException", ITEM_TOO_BIG, TableName=table,
                        Item={"pk": {"S": "a"}, "sk": {"S": "b"},
                              "v": {"S": "x" * (409600 - 6)}})


def test_item_size_counts_utf8_bytes(ddb, table):
    # "é" is 2 bytes in UTF-8: 204797 of them + 7 bytes of names/keys = 409601 bytes.
    assert_client_error(ddb.put_item, "ValidationException", ITEM_TOO_BIG, TableName=table,
                        Item={"pk": {"S": "a"}, "sk": {"S": "b"}, "v": {"S": "é" * 204797}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": "b"},
                                        "v": {"S": "é" * 204796}})


def test_update_beyond_item_size(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": "b"},
                                        "v": {"S": "x" * 300000}})
    assert_client_error(ddb.update_item, "ValidationException",
                        "Item size to update has exceeded the maximum allowed size",
                        TableName=table, Key={"pk": {"S": "a"}, "sk": {"S": "b"}},
                        UpdateExpression="SET w = :w",
                        ExpressionAttributeValues={":w": {"S": "y" * 200000}})


def nest_map(depth):
    v = {"S": "x"}
    for _ in range(depth):
        v = {"M": {"a": v}}
    return v


def nest_list(depth):
    v = {"S": "x"}
    for _ in range(depth):
        v = {"L": [v]}
    return v


NEST_MSG = ("Nesting Levels have exceeded supported limits: Attributes in the item have "
            "nested levels beyond supported limit")


@pytest.mark.parametrize("nest", [nest_map, nest_list])
def test_nesting_depth_limit(raw, table, nest):
    assert put_get(raw, table, {"v": nest(31)})["v"] == nest(31)
    put_error(raw, table, {"v": nest(32)}, NEST_MSG)
    put_error(raw, table, {"v": nest(33)}, NEST_MSG)
