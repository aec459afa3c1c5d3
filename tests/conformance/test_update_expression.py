# Pins UpdateExpression semantics and errors as DynamoDB Local implements them: SET with
# + / -, if_not_exists, list_append, nested document paths (a.b[2].c), SET on a list index
# beyond the end (appends), REMOVE (incl. list indexes), ADD on numbers and sets, DELETE from
# sets, and the exact messages for overlapping/conflicting paths, unused or undefined
# :values and #names, syntax errors (quoting the offending token), reserved words and
# operand type errors.
import pytest

from ddbtest import N, assert_raw_error

K = {"pk": {"S": "u"}, "sk": {"S": "1"}}
BASE = {
    "n": {"N": "10"}, "s": {"S": "str"},
    "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
    "m": {"M": {"b": {"L": [{"N": "0"}, {"N": "1"}, {"M": {"c": {"S": "old"}}}]}}},
    "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AA=="]},
}


def update(raw, table, expr, values=None, names=None, seed=True):
    if seed:
        it = dict(K)
        it.update(BASE)
        raw.ok("PutItem", {"TableName": table, "Item": it})
    payload = {"TableName": table, "Key": K, "UpdateExpression": expr, "ReturnValues": "ALL_NEW"}
    if values is not None:
        payload["ExpressionAttributeValues"] = values
    if names is not None:
        payload["ExpressionAttributeNames"] = names
    return raw.call("UpdateItem", payload)


def new_item(raw, table, *args, **kwargs):
    r = update(raw, table, *args, **kwargs)
    assert r.status == 200, r
    return r.json["Attributes"]


def error(raw, table, message, *args, **kwargs):
    assert_raw_error(update(raw, table, *args, **kwargs), "ValidationException", message)
    # A failed update never changes the item.
    got = raw.ok("GetItem", {"TableName": table, "Key": K})["Item"]
    assert got["n"] == BASE["n"] and got["l"] == BASE["l"]


@pytest.mark.parametrize("expr,values,attr,expected", [
    ("SET a = n + :v", {":v": N(5)}, "a", N(15)),
    ("SET a = n - :v", {":v": N(15)}, "a", N(-5)),
    ("SET a = :v - n", {":v": N(15)}, "a", N(5)),
    ("SET a = :v + :w", {":v": N("0.1"), ":w": N("0.2")}, "a", N("0.3")),
    ("SET n = n + :v", {":v": N("-10")}, "n", N(0)),
    ("SET n = if_not_exists(n, :v)", {":v": N(99)}, "n", N(10)),
    ("SET q = if_not_exists(q, :v)", {":v": N(99)}, "q", N(99)),
    ("SET a = if_not_exists(q, n)", None, "a", N(10)),
    ("SET l = list_append(l, :v)", {":v": {"L": [N(4)]}}, "l",
     {"L": [N(1), N(2), N(3), N(4)]}),
    ("SET l = list_append(:v, l)", {":v": {"L": [N(0)]}}, "l",
     {"L": [N(0), N(1), N(2), N(3)]}),
    ("SET z = list_append(if_not_exists(z, :e), :v)", {":v": {"L": [N(0)]}, ":e": {"L": []}},
     "z", {"L": [N(0)]}),
    ("SET m.b[2].c = :v", {":v": {"S": "new"}}, "m",
     {"M": {"b": {"L": [N(0), N(1), {"M": {"c": {"S": "new"}}}]}}}),
    ("SET m.b[2].d = :v", {":v": {"S": "new"}}, "m",
     {"M": {"b": {"L": [N(0), N(1), {"M": {"c": {"S": "old"}, "d": {"S": "new"}}}]}}}),
    ("SET m.x = :v", {":v": N(1)}, "m", {"M": {"b": BASE["m"]["M"]["b"], "x": N(1)}}),
    ("SET l[1] = :v", {":v": N(9)}, "l", {"L": [N(1), N(9), N(3)]}),
    ("SET l[3] = :v", {":v": N(9)}, "l", {"L": [N(1), N(2), N(3), N(9)]}),
    ("SET l[10] = :v", {":v": N(9)}, "l", {"L": [N(1), N(2), N(3), N(9)]}),
    ("SET l[10] = :v, l[20] = :w", {":v": N(9), ":w": N(8)}, "l",
     {"L": [N(1), N(2), N(3), N(9), N(8)]}),
    ("SET a = s", None, "a", {"S": "str"}),
    ("SET #n = :v", {":v": N(1)}, "name", N(1)),
    ("set a = :v", {":v": N(1)}, "a", N(1)),
])
def test_set(raw, table, expr, values, attr, expected):
    names = {"#n": "name"} if "#n" in expr else None
    assert new_item(raw, table, expr, values, names)[attr] == expected


def test_set_multiple_actions(raw, table):
    got = new_item(raw, table, "SET a = :v, b = :w REMOVE s ADD n :v DELETE ss :d",
                   {":v": N(1), ":w": N(2), ":d": {"SS": ["a"]}})
    assert got["a"] == N(1) and got["b"] == N(2) and got["n"] == N(11)
    assert "s" not in got and got["ss"] == {"SS": ["b"]}


@pytest.mark.parametrize("expr,check", [
    ("REMOVE s, nonexist", lambda it: "s" not in it),
    ("REMOVE l[0], l[1]", lambda it: it["l"] == {"L": [N(3)]}),
    ("REMOVE l[7]", lambda it: it["l"] == BASE["l"]),
    ("REMOVE m.b[2].c", lambda it: it["m"] == {"M": {"b": {"L": [N(0), N(1), {"M": {}}]}}}),
    ("REMOVE m.b", lambda it: it["m"] == {"M": {}}),
])
def test_remove(raw, table, expr, check):
    assert check(new_item(raw, table, expr))


@pytest.mark.parametrize("expr,values,attr,expected", [
    ("ADD n :v", {":v": N(5)}, "n", N(15)),
    ("ADD n :v", {":v": N("-10.5")}, "n", N("-0.5")),
    ("ADD nn :v", {":v": N(-5)}, "nn", N(-5)),
    ("ADD m.b[0] :v", {":v": N(7)}, "m",
     {"M": {"b": {"L": [N(7), N(1), {"M": {"c": {"S": "old"}}}]}}}),
])
def test_add_number(raw, table, expr, values, attr, expected):
    assert new_item(raw, table, expr, values)[attr] == expected


@pytest.mark.parametrize("expr,values,attr,expected", [
    ("ADD ss :v", {":v": {"SS": ["c", "a"]}}, "ss", ["a", "b", "c"]),
    ("ADD nss :v", {":v": {"SS": ["c"]}}, "nss", ["c"]),
    ("ADD ns :v", {":v": {"NS": ["3", "1.0"]}}, "ns", ["1", "2", "3"]),
    ("ADD bs :v", {":v": {"BS": ["AQ=="]}}, "bs", ["AA==", "AQ=="]),
    ("DELETE ss :v", {":v": {"SS": ["a", "zz"]}}, "ss", ["b"]),
    ("DELETE ns :v", {":v": {"NS": ["2.0"]}}, "ns", ["1"]),
])
def test_add_delete_sets(raw, table, expr, values, attr, expected):
    got = new_item(raw, table, expr, values)[attr]
    (members,) = got.values()
    assert sorted(members) == expected


def test_delete_all_members_removes_attribute(raw, table):
    got = new_item(raw, table, "DELETE ss :v, bs :w",
                   {":v": {"SS": ["a", "b"]}, ":w": {"BS": ["AA=="]}})
    assert "ss" not in got and "bs" not in got


def test_delete_from_missing_attribute_is_noop(raw, table):
    got = new_item(raw, table, "DELETE qq :v", {":v": {"SS": ["a"]}})
    assert "qq" not in got


INCORRECT_TYPE = "An operand in the update expression has an incorrect data type"
MISSING_ATTR = "The provided expression refers to an attribute that does not exist in the item"
BAD_PATH = "The document path provided in the update expression is invalid for update"


def overlap(one, two):
    return ("Invalid UpdateExpression: Two document paths overlap with each other; must remove "
            "or rewrite one of these paths; path one: %s, path two: %s" % (one, two))


def syntax(token, near):
    return 'Invalid UpdateExpression: Syntax error; token: "%s", near: "%s"' % (token, near)


@pytest.mark.parametrize("expr,values,message", [
    ("ADD s :v", {":v": N(1)}, INCORRECT_TYPE),
    ("ADD ss :v", {":v": N(1)}, INCORRECT_TYPE),
    ("ADD ns :v", {":v": {"SS": ["a"]}}, INCORRECT_TYPE),
    ("ADD m.b :v", {":v": {"SS": ["x"]}}, INCORRECT_TYPE),
    ("DELETE ss :v", {":v": {"NS": ["1"]}}, INCORRECT_TYPE),
    ("DELETE s :v", {":v": {"SS": ["1"]}}, INCORRECT_TYPE),
    ("SET a = s + :v", {":v": N(5)}, INCORRECT_TYPE),
    ("SET a = list_append(s, :v)", {":v": {"L": []}}, INCORRECT_TYPE),
    ("ADD l :v", {":v": {"L": [N(1)]}},
     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
     "operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND"),
    ("ADD n :v", {":v": {"S": "x"}},
     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
     "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"),
    ("DELETE n :v", {":v": N(1)},
     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
     "DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"),
    ("SET a = :v - :w", {":v": {"S": "x"}, ":w": N(1)},
     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
     "function: -, operand type: S"),
])
def test_operand_type_errors(raw, table, expr, values, message):
    error(raw, table, message, expr, values)


@pytest.mark.parametrize("expr,values,message", [
    ("SET a = q + :v", {":v": N(5)}, MISSING_ATTR),
    ("SET a = list_append(q, :v)", {":v": {"L": []}}, MISSING_ATTR),
    ("SET s[0] = :v", {":v": N(1)}, BAD_PATH),
    ("SET q.r = :v", {":v": N(1)}, BAD_PATH),
    ("SET s.r = :v", {":v": N(1)}, BAD_PATH),
    ("SET m[0] = :v", {":v": N(1)}, BAD_PATH),
    ("SET nl[0] = :v", {":v": N(1)}, BAD_PATH),
])
def test_document_path_errors(raw, table, expr, values, message):
    error(raw, table, message, expr, values)


@pytest.mark.parametrize("expr,one,two", [
    ("SET a = :v, a = :v", "[a]", "[a]"),
    ("SET m.b = :v REMOVE m.b[1]", "[m, b]", "[m, b, [1]]"),
    ("SET m = :v REMOVE m.b", "[m]", "[m, b]"),
    ("SET m.b = :v, m.b.c = :v", "[m, b]", "[m, b, c]"),
    ("SET n = :v ADD n :v", "[n]", "[n]"),
])
def test_overlapping_paths(raw, table, expr, one, two):
    error(raw, table, overlap(one, two), expr, {":v": N(1)})


def test_conflicting_paths(raw, table):
    error(raw, table, "Invalid UpdateExpression: Two document paths conflict with each other; "
          "must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, a]",
          "SET l[0] = :v, l.a = :v", {":v": N(1)})


@pytest.mark.parametrize("expr,values,names,message", [
    ("SET a = :v", {":v": N(1), ":w": N(2)}, None,
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"),
    ("SET a = :w", {":v": N(1)}, None,
     "Invalid UpdateExpression: An expression attribute value used in expression is not "
     "defined; attribute value: :w"),
    ("SET a = :v", None, None,
     "Invalid UpdateExpression: An expression attribute value used in expression is not "
     "defined; attribute value: :v"),
    ("SET #a = :v", {":v": N(1)}, None,
     "Invalid UpdateExpression: An expression attribute name used in the document path is not "
     "defined; attribute name: #a"),
    ("SET a = :v", {":v": N(1)}, {"#x": "y"},
     "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}"),
    ("SET a = :v", {":v": N(1)}, {},
     "ExpressionAttributeNames must not be empty"),
    ("REMOVE s", {}, None, "ExpressionAttributeValues must not be empty"),
    ("SET a = :v", {":v": {"SS": []}}, None,
     "ExpressionAttributeValues contains invalid value: One or more parameter values were "
     "invalid: An string set  may not be empty for key :v"),
    pytest.param("SET a = :v", {":v": N("abc")}, None,
                 "ExpressionAttributeValues contains invalid value: The parameter cannot be "
                 "converted to a numeric value: abc for key :v",
                 marks=pytest.mark.local_deviation),
])
def test_names_and_values_errors(raw, table, expr, values, names, message):
    error(raw, table, message, expr, values, names)


@pytest.mark.parametrize("expr,token,near", [
    ("SET a = ", "<EOF>", "= "),
    ("SET a :v", ":v", "a :v"),
    ("FOO a = :v", "FOO", "FOO a"),
    ("SET a = :v,", "<EOF>", ","),
    ("SET a = n + n + n", "+", "n + n"),
    ("REMOVE :v", ":v", "REMOVE :v"),
])
def test_syntax_errors(raw, table, expr, token, near):
    values = {":v": N(1)} if ":v" in expr else None
    error(raw, table, syntax(token, near), expr, values)


@pytest.mark.parametrize("expr,values,message", [
    ("", None, "Invalid UpdateExpression: The expression can not be empty;"),
    ("SET a = :v SET b = :v", {":v": N(1)},
     'Invalid UpdateExpression: The "SET" section can only be used once in an update '
     'expression;'),
    ("SET name = :v", {":v": N(1)},
     "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name"),
    ("SET a = :v REMOVE count", {":v": N(1)},
     "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: count"),
    ("SET a = foo(n)", None, "Invalid UpdateExpression: Invalid function name; function: foo"),
    ("SET a = if_not_exists(:v, n)", {":v": N(1)},
     "Invalid UpdateExpression: Operator or function requires a document path; operator or "
     "function: if_not_exists"),
    ("SET a = size(s)", None, "Invalid UpdateExpression: The function is not allowed in an "
     "update expression; function: size"),
    ("SET a = list_append(l, l, l)", None,
     "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
     "operator or function: list_append, number of operands: 3"),
    ("SET a = :v + :v", {":v": N("9.9999999999999999999999999999999999999e125")},
     "DynamoDB only supports precision up to 38 digits"),
    ("SET a = :v + :w", {":v": N("1e30"), ":w": N("1e-20")},
     "DynamoDB only supports precision up to 38 digits"),
])
def test_other_errors(raw, table, expr, values, message):
    error(raw, table, message, expr, values)


def test_update_expression_with_values_but_no_expression(raw, table):
    r = raw.call("UpdateItem", {"TableName": table, "Key": K,
                                "ExpressionAttributeValues": {":v": N(1)}})
    assert_raw_error(r, "ValidationException", "ExpressionAttributeValues can only be "
                     "specified when using expressions: UpdateExpression and "
                     "ConditionExpression are null")


def test_update_with_condition(raw, table):
    got = new_item(raw, table, "SET n = n + :one", {":one": N(1)})
    assert got["n"] == N(11)
    r = raw.call("UpdateItem", {"TableName": table, "Key": K, "UpdateExpression": "SET n = :z",
                                "ConditionExpression": "n = :old",
                                "ExpressionAttributeValues": {":z": N(0), ":old": N(11)},
                                "ReturnValues": "UPDATED_NEW"})
    assert r.status == 200 and r.json["Attributes"] == {"n": N(0)}
