# Pins ConditionExpression evaluation and errors as DynamoDB Local implements them: all
# comparators on N/S/B, BETWEEN, IN, AND/OR/NOT precedence and parentheses, the functions
# attribute_exists / attribute_not_exists / attribute_type / begins_with / contains / size,
# comparisons across types (always false, <> true), missing attributes, and the exact error
# messages for bad expressions.
import pytest

from ddbtest import N, S, assert_raw_error

K = {"pk": {"S": "c"}, "sk": {"S": "1"}}
ITEM = {"n": {"N": "10"}, "s": {"S": "hello"}, "b": {"B": "AQID"},
        "l": {"L": [{"N": "1"}, {"S": "x"}]}, "m": {"M": {"k": {"S": "v"}}},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "t": {"BOOL": True},
        "z": {"NULL": True}}


@pytest.fixture(scope="module")
def cond_table(shared_table, raw):
    it = dict(K)
    it.update(ITEM)
    raw.ok("PutItem", {"TableName": shared_table, "Item": it})
    return shared_table


def check(raw, table, expr, values=None, names=None):
    """Evaluate expr against ITEM via a conditional no-op-ish update; return the response."""
    vals = dict(values or {})
    vals[":__t"] = N(1)
    payload = {"TableName": table, "Key": K, "ConditionExpression": expr,
               "UpdateExpression": "SET touched = :__t", "ExpressionAttributeValues": vals}
    if names is not None:
        payload["ExpressionAttributeNames"] = names
    return raw.call("UpdateItem", payload)


def holds(raw, table, expr, values=None, names=None):
    r = check(raw, table, expr, values, names)
    if r.status == 200:
        return True
    assert r.code == "ConditionalCheckFailedException", r
    return False


CASES = [
    ("n = :v", {":v": N(10)}, True), ("n = :v", {":v": N(11)}, False),
    ("n = :v", {":v": N("10.0")}, True),
    ("n <> :v", {":v": N(11)}, True), ("n <> :v", {":v": N(10)}, False),
    ("n < :v", {":v": N(11)}, True), ("n < :v", {":v": N(10)}, False),
    ("n <= :v", {":v": N(10)}, True), ("n <= :v", {":v": N(9)}, False),
    ("n > :v", {":v": N(9)}, True), ("n > :v", {":v": N(10)}, False),
    ("n >= :v", {":v": N(10)}, True), ("n >= :v", {":v": N("10.5")}, False),
    ("n > :v", {":v": N("-100")}, True), ("n < :v", {":v": N("9.99")}, False),
    ("s < :v", {":v": S("hellp")}, True), ("s > :v", {":v": S("Z")}, True),
    ("s = :v", {":v": S("hello")}, True), ("s < :v", {":v": S("hell")}, False),
    ("b < :v", {":v": {"B": "AQIE"}}, True), ("b = :v", {":v": {"B": "AQID"}}, True),
    ("b > :v", {":v": {"B": "gA=="}}, False),
    ("l = :v", {":v": {"L": [N(1), S("x")]}}, True), ("m = :v", {":v": {"M": {"k": S("v")}}}, True),
    ("ss = :v", {":v": {"SS": ["b", "a"]}}, True), ("t = :v", {":v": {"BOOL": True}}, True),
    ("z = :v", {":v": {"NULL": True}}, True),
    # Comparisons across types are false; <> across types is true.
    ("n = :v", {":v": S("10")}, False), ("n <> :v", {":v": S("10")}, True),
    ("n < :v", {":v": S("10")}, False), ("s > :v", {":v": N(1)}, False),
    # A missing attribute compares false, except <>.
    ("q < :v", {":v": N(1)}, False), ("q = :v", {":v": N(1)}, False),
    ("q <> :v", {":v": N(1)}, True),
    ("n BETWEEN :a AND :b", {":a": N(5), ":b": N(10)}, True),
    ("n BETWEEN :a AND :b", {":a": N(10), ":b": N(10)}, True),
    ("n BETWEEN :a AND :b", {":a": N(11), ":b": N(20)}, False),
    ("s BETWEEN :a AND :b", {":a": S("a"), ":b": S("i")}, True),
    ("s BETWEEN :a AND :b", {":a": N(1), ":b": N(2)}, False),
    ("n IN (:a, :b)", {":a": N(5), ":b": N(10)}, True),
    ("n IN (:a, :b)", {":a": N(5), ":b": N(7)}, False),
    ("n IN (:a)", {":a": S("10")}, False),
    ("n = :a OR n = :b AND n = :c", {":a": N(10), ":b": N(1), ":c": N(2)}, True),
    ("(n = :a OR n = :b) AND n = :c", {":a": N(10), ":b": N(1), ":c": N(2)}, False),
    ("NOT n = :a AND n = :b", {":a": N(1), ":b": N(10)}, True),
    ("NOT (n = :a AND n = :b)", {":a": N(10), ":b": N(10)}, False),
    ("NOT n = :a OR n = :b", {":a": N(10), ":b": N(10)}, True),
    ("NOT NOT n = :a", {":a": N(10)}, True),
    ("n between :a and :b and not n in (:a)", {":a": N(1), ":b": N(20)}, True),
    ("attribute_exists(s)", None, True), ("attribute_exists(q)", None, False),
    ("attribute_not_exists(q)", None, True), ("attribute_not_exists(s)", None, False),
    ("attribute_exists(m.k)", None, True), ("attribute_exists(m.q)", None, False),
    ("attribute_exists(l[1])", None, True), ("attribute_exists(l[2])", None, False),
    ("attribute_exists(z)", None, True),
    ("attribute_type(s, :t)", {":t": S("N")}, False),
    ("begins_with(s, :v)", {":v": S("he")}, True), ("begins_with(s, :v)", {":v": S("x")}, False),
    ("begins_with(s, :v)", {":v": S("")}, True),
    ("begins_with(b, :v)", {":v": {"B": "AQ=="}}, True),
    ("begins_with(q, :v)", {":v": S("a")}, False),
    ("contains(s, :v)", {":v": S("ell")}, True), ("contains(s, :v)", {":v": S("xyz")}, False),
    ("contains(ss, :v)", {":v": S("a")}, True), ("contains(ss, :v)", {":v": N(1)}, False),
    ("contains(ns, :v)", {":v": N(2)}, True), ("contains(l, :v)", {":v": S("x")}, True),
    ("contains(l, :v)", {":v": S("y")}, False), ("contains(b, :v)", {":v": {"B": "Ag=="}}, True),
    ("contains(n, :v)", {":v": N(1)}, False),
    ("size(s) = :v", {":v": N(5)}, True), ("size(l) = :v", {":v": N(2)}, True),
    ("size(m) = :v", {":v": N(1)}, True), ("size(ss) = :v", {":v": N(2)}, True),
    ("size(b) = :v", {":v": N(3)}, True), ("size(n) = :v", {":v": N(2)}, False),
    ("size(q) = :v", {":v": N(0)}, False), ("size(s) > size(l)", None, True),
    ("l[0] = :v", {":v": N(1)}, True), ("m.k = :v", {":v": S("v")}, True),
    (":a = :a", {":a": N(1)}, True), ("pk = :v", {":v": S("c")}, True),
]


@pytest.mark.parametrize("expr,values,expected", CASES, ids=[c[0] for c in CASES])
def test_condition(raw, cond_table, expr, values, expected):
    assert holds(raw, cond_table, expr, values) is expected


@pytest.mark.parametrize("attr,type_name", [("s", "S"), ("n", "N"), ("b", "B"), ("l", "L"),
                                            ("m", "M"), ("ss", "SS"), ("ns", "NS"),
                                            ("t", "BOOL"), ("z", "NULL")])
def test_attribute_type(raw, cond_table, attr, type_name):
    assert holds(raw, cond_table, "attribute_type(%s, :t)" % attr, {":t": S(type_name)})


def test_name_placeholders(raw, cond_table):
    assert holds(raw, cond_table, "#s = :v", {":v": S("hello")}, {"#s": "s"})
    # A placeholder stands for one name: "m.k" is a top-level attribute named "m.k".
    assert not holds(raw, cond_table, "attribute_exists(#a)", None, {"#a": "m.k"})
    assert holds(raw, cond_table, "attribute_exists(#a.#b)", None, {"#a": "m", "#b": "k"})


def err(body):
    return "Invalid ConditionExpression: " + body


ERRORS = [
    ("n BETWEEN :a AND :b", {":a": N(20), ":b": N(5)},
     err("The BETWEEN operator requires upper bound to be greater than or equal to lower "
         "bound; lower bound operand: AttributeValue: {N:20}, upper bound operand: "
         "AttributeValue: {N:5}")),
    ("n BETWEEN :a AND :b", {":a": S("a"), ":b": N(20)},
     err("The BETWEEN operator requires same data type for lower and upper bounds; lower bound "
         "operand: AttributeValue: {S:a}, upper bound operand: AttributeValue: {N:20}")),
    ("attribute_type(s, :t)", {":t": S("X")},
     err("Invalid attribute type name found; type: X, valid types: "
         "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}")),
    ("attribute_type(s, :t)", {":t": N(1)},
     err("Incorrect operand type for operator or function; operator or function: "
         "attribute_type, operand type: N")),
    ("begins_with(n, :v)", {":v": N(1)},
     err("Incorrect operand type for operator or function; operator or function: begins_with, "
         "operand type: N")),
    ("n = n", None, err("The first operand must be distinct from the remaining operands for "
                        "this operator or function; operator: =, first operand: [n]")),
    ("foo(n)", None, err("Invalid function name; function: foo")),
    ("attribute_exists(:v)", {":v": N(1)},
     err("Operator or function requires a document path; operator or function: "
         "attribute_exists")),
    ("size(s)", None, err("The function is not allowed to be used this way in an expression; "
                          "function: size")),
    ("n", None, err('Syntax error; token: "<EOF>", near: "n"')),
    ("n = ", None, err('Syntax error; token: "<EOF>", near: "= "')),
    ("n == :v", {":v": N(1)}, err('Syntax error; token: "=", near: "== :v"')),
    ("n = :v AND", {":v": N(1)}, err('Syntax error; token: "<EOF>", near: "AND"')),
    ("n = :v & n", {":v": N(1)}, err('Syntax error; token: "&", near: ":v & n"')),
    ("n IN ()", None, err('Syntax error; token: ")", near: "()"')),
    ("n BETWEEN :a", {":a": N(1)}, err('Syntax error; token: "<EOF>", near: ":a"')),
    (":a", {":a": {"BOOL": True}}, err('Syntax error; token: "<EOF>", near: ":a"')),
    ("n IN (" + ",".join(":v%d" % i for i in range(101)) + ")",
     {":v%d" % i: N(i) for i in range(101)},
     err("The IN operator is provided with too many operands; number of operands: 101")),
    ("begins_with(s)", None, err("Incorrect number of operands for operator or function; "
                                 "operator or function: begins_with, number of operands: 1")),
    ("attribute_exists(s, n)", None,
     err("Incorrect number of operands for operator or function; operator or function: "
         "attribute_exists, number of operands: 2")),
    ("attribute_exists(name)", None,
     err("Attribute name is a reserved keyword; reserved keyword: name")),
    ("size(s) > :v and status = :v", {":v": N(5)},
     err("Attribute name is a reserved keyword; reserved keyword: status")),
    ("x = :w", {":v": N(1)},
     err("An expression attribute value used in expression is not defined; attribute value: "
         ":w")),
    ("attribute_exists(#q)", None,
     err("An expression attribute name used in the document path is not defined; attribute "
         "name: #q")),
    ("", None, err("The expression can not be empty;")),
]


@pytest.mark.parametrize("expr,values,message", ERRORS, ids=[e[0][:40] for e in ERRORS])
def test_condition_errors(raw, cond_table, expr, values, message):
    assert_raw_error(check(raw, cond_table, expr, values), "ValidationException", message)


def put_with(raw, table, **extra):
    payload = {"TableName": table, "Item": K}
    payload.update(extra)
    return raw.call("PutItem", payload)


@pytest.mark.parametrize("extra,message", [
    ({"ConditionExpression": "attribute_exists(x)", "ExpressionAttributeValues": {":v": N(5)}},
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}"),
    ({"ConditionExpression": "attribute_exists(x)", "ExpressionAttributeNames": {"#n": "y"}},
     "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"),
    ({"ConditionExpression": "attribute_exists(x)", "ExpressionAttributeNames": {}},
     "ExpressionAttributeNames must not be empty"),
    ({"ConditionExpression": "attribute_exists(x)", "ExpressionAttributeValues": {}},
     "ExpressionAttributeValues must not be empty"),
    ({"ConditionExpression": "attribute_exists(x)", "ExpressionAttributeValues": {"v": N(1)}},
     'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"'),
    ({"ConditionExpression": "attribute_exists(#x)",
      "ExpressionAttributeNames": {"x": "y", "#x": "y"}},
     'ExpressionAttributeNames contains invalid key: Syntax error; key: "x"'),
    ({"ExpressionAttributeNames": {"#x": "y"}},
     "ExpressionAttributeNames can only be specified when using expressions"),
    ({"ExpressionAttributeValues": {":x": S("y")}},
     "ExpressionAttributeValues can only be specified when using expressions: "
     "ConditionExpression is null"),
    pytest.param({"ConditionExpression": "x = :v", "ExpressionAttributeValues": {":v": N("abc")}},
                 "ExpressionAttributeValues contains invalid value: The parameter cannot be "
                 "converted to a numeric value: abc for key :v",
                 marks=pytest.mark.local_deviation),
    ({"ConditionExpression": "x = :v", "ExpressionAttributeValues": {":v": {}}},
     "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must "
     "contain exactly one of the supported datatypes for key :v"),
])
def test_put_expression_parameter_errors(raw, table, extra, message):
    assert_raw_error(put_with(raw, table, **extra), "ValidationException", message)


def test_condition_evaluated_against_missing_item(raw, table):
    r = put_with(raw, table, ConditionExpression="attribute_not_exists(pk) AND q <> :v",
                 ExpressionAttributeValues={":v": N(1)})
    assert r.status == 200
    r = put_with(raw, table, ConditionExpression="attribute_not_exists(pk)")
    assert r.code == "ConditionalCheckFailedException"
