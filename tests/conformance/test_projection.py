# Pins ProjectionExpression as DynamoDB Local implements it on GetItem / Query / Scan:
# top-level and nested paths, list indexes (projected lists keep only the chosen elements, in
# order), paths that do not exist, #name placeholders, and the exact error messages for
# overlapping/conflicting paths, syntax errors, reserved words and mixing with AttributesToGet.
import pytest

from ddbtest import assert_raw_error

K = {"pk": {"S": "proj"}, "sk": {"S": "1"}}
ITEM = {"s": {"S": "hello"}, "n": {"N": "1"},
        "l": {"L": [{"N": "1"}, {"S": "x"}, {"M": {"a": {"S": "deep"}, "b": {"N": "2"}}}]},
        "m": {"M": {"k": {"S": "v"}, "j": {"M": {"x": {"N": "9"}, "y": {"N": "8"}}}}}}


@pytest.fixture(scope="module")
def ptable(shared_table, raw):
    it = dict(K)
    it.update(ITEM)
    raw.ok("PutItem", {"TableName": shared_table, "Item": it})
    return shared_table


def get(raw, table, proj, names=None):
    payload = {"TableName": table, "Key": K, "ProjectionExpression": proj}
    if names is not None:
        payload["ExpressionAttributeNames"] = names
    return raw.call("GetItem", payload)


CASES = [
    ("s", {"s": ITEM["s"]}),
    ("s, n", {"s": ITEM["s"], "n": ITEM["n"]}),
    ("pk, sk", K),
    ("m.k", {"m": {"M": {"k": {"S": "v"}}}}),
    ("m.j.x", {"m": {"M": {"j": {"M": {"x": {"N": "9"}}}}}}),
    ("m.k, m.j.y", {"m": {"M": {"k": {"S": "v"}, "j": {"M": {"y": {"N": "8"}}}}}}),
    ("l[1]", {"l": {"L": [{"S": "x"}]}}),
    ("l[2].a", {"l": {"L": [{"M": {"a": {"S": "deep"}}}]}}),
    ("l[0], l[1]", {"l": {"L": [{"N": "1"}, {"S": "x"}]}}),
    ("l[2], l[0]", {"l": {"L": [{"N": "1"}, ITEM["l"]["L"][2]]}}),
    ("m.k, l[1], s", {"l": {"L": [{"S": "x"}]}, "m": {"M": {"k": {"S": "v"}}}, "s": ITEM["s"]}),
    ("l[5]", {}),
    ("zz", {}),
    ("m[0]", {}),
    ("l.k", {}),
    ("m.k.z", {}),
    ("zz, s", {"s": ITEM["s"]}),
]


@pytest.mark.parametrize("proj,expected", CASES, ids=[c[0] for c in CASES])
def test_get_projection(raw, ptable, proj, expected):
    r = get(raw, ptable, proj)
    assert r.status == 200, r
    assert r.json["Item"] == expected


def test_projection_with_names(raw, ptable):
    r = get(raw, ptable, "#x.k, #n", {"#x": "m", "#n": "n"})
    assert r.json["Item"] == {"m": {"M": {"k": {"S": "v"}}}, "n": ITEM["n"]}


def test_projection_reserved_word_through_name(raw, ptable):
    r = get(raw, ptable, "#n", {"#n": "name"})
    assert r.status == 200 and r.json["Item"] == {}


def test_projection_missing_item(raw, ptable):
    r = raw.call("GetItem", {"TableName": ptable, "Key": {"pk": {"S": "nope"}, "sk": K["sk"]},
                             "ProjectionExpression": "s"})
    assert r.status == 200 and r.json == {}


def test_projection_on_query_and_scan(raw, ptable):
    q = raw.ok("Query", {"TableName": ptable, "KeyConditionExpression": "pk = :p",
                         "ExpressionAttributeValues": {":p": K["pk"]},
                         "ProjectionExpression": "m.j.x, s"})
    assert q["Items"] == [{"m": {"M": {"j": {"M": {"x": {"N": "9"}}}}}, "s": ITEM["s"]}]
    s = raw.ok("Scan", {"TableName": ptable, "ProjectionExpression": "l[2].b",
                        "FilterExpression": "pk = :p",
                        "ExpressionAttributeValues": {":p": K["pk"]}})
    # FilterExpression on a key attribute is allowed in Scan (not in Query).
    assert s["Items"] == [{"l": {"L": [{"M": {"b": {"N": "2"}}}]}}]


def perr(body):
    return "Invalid ProjectionExpression: " + body


ERRORS = [
    ("m, m.k", perr("Two document paths overlap with each other; must remove or rewrite one of "
                    "these paths; path one: [m], path two: [m, k]")),
    ("s, s", perr("Two document paths overlap with each other; must remove or rewrite one of "
                  "these paths; path one: [s], path two: [s]")),
    ("l[0], l.a", perr("Two document paths conflict with each other; must remove or rewrite one "
                       "of these paths; path one: [l, [0]], path two: [l, a]")),
    ("name", perr("Attribute name is a reserved keyword; reserved keyword: name")),
    ("s,", perr('Syntax error; token: "<EOF>", near: ","')),
    ("", perr("The expression can not be empty;")),
    ("#x", perr("An expression attribute name used in the document path is not defined; "
                "attribute name: #x")),
    ("size(s)", perr('Syntax error; token: "(", near: "size(s"')),
    ("l[-1]", perr('Syntax error; token: "-", near: "[-1"')),
    ("l[99999999999]", perr("List index is not within the allowable range; index: "
                            "[99999999999]")),
]


@pytest.mark.parametrize("proj,message", ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_projection_errors(raw, ptable, proj, message):
    assert_raw_error(get(raw, ptable, proj), "ValidationException", message)


def test_projection_value_placeholder_rejected(raw, ptable):
    r = raw.call("GetItem", {"TableName": ptable, "Key": K, "ProjectionExpression": ":v",
                             "ExpressionAttributeValues": {":v": {"S": "x"}}})
    assert_raw_error(r, "ValidationException", perr('Syntax error; token: ":v", near: ":v"'))


def test_projection_unused_name(raw, ptable):
    assert_raw_error(get(raw, ptable, "s", {"#x": "m"}), "ValidationException",
                     "Value provided in ExpressionAttributeNames unused in expressions: "
                     "keys: {#x}")


def test_projection_and_attributes_to_get(raw, ptable):
    r = raw.call("GetItem", {"TableName": ptable, "Key": K, "ProjectionExpression": "s",
                             "AttributesToGet": ["s"]})
    assert_raw_error(r, "ValidationException",
                     "Can not use both expression and non-expression parameters in the same "
                     "request: Non-expression parameters: {AttributesToGet} Expression "
                     "parameters: {ProjectionExpression}")
