# Multi-attribute keys of global secondary indexes (Developer Guide, "Multi-attribute key
# schema"; since November 2025): up to four HASH and four RANGE attributes per index. Queries name
# every partition key attribute by equality and the sort key attributes from the first without a
# gap, only the last one named by something other than equality. Items lacking any of the key
# attributes are not in the index; entries sort by each sort key attribute in turn, each in its
# own type's order. The service's words: docs/notes/service-errors.md §2.1 and §2.9.
import time

import pytest

from ddbtest import (ENUM, MAX, assert_client_error, assert_one_violation, java_list,
                     java_object)

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

INDEX = "by_match"
# Partition key: tournament (S), region (S). Sort key: round (N), bracket (S), match (S).
INDEX_KEYS = [("tournament", "HASH"), ("region", "HASH"), ("round", "RANGE"),
              ("bracket", "RANGE"), ("match", "RANGE")]
TYPES = {"pk": "S", "sk": "S", "tournament": "S", "region": "S", "round": "N", "bracket": "S",
         "match": "S"}


def key_schema(pairs):
    return [{"AttributeName": a, "KeyType": t} for a, t in pairs]


def definitions(names):
    return [{"AttributeName": a, "AttributeType": TYPES.get(a, "S")} for a in names]


def index(name, pairs, projection="ALL"):
    return {"IndexName": name, "KeySchema": key_schema(pairs),
            "Projection": {"ProjectionType": projection}}


@pytest.fixture
def matches(ddb, make_table):
    name = make_table(
        AttributeDefinitions=definitions(TYPES),
        GlobalSecondaryIndexes=[index(INDEX, INDEX_KEYS)])
    rows = [  # (pk, tournament, region, round, bracket, match)
        ("m1", "W24", "EU", 2, "upper", "a"),
        ("m2", "W24", "EU", 1, "upper", "b"),
        ("m3", "W24", "EU", 1, "lower", "c"),
        ("m4", "W24", "EU", 10, "upper", "d"),
        ("m5", "W24", "EU", 1, "upper", "a"),
        ("m6", "W24", "NA", 1, "upper", "a"),   # another partition (region)
        ("m7", "S25", "EU", 1, "upper", "a"),   # another partition (tournament)
    ]
    for pk, t, r, rnd, b, m in rows:
        ddb.put_item(TableName=name, Item={"pk": S(pk), "sk": S("x"), "tournament": S(t),
                                           "region": S(r), "round": N(rnd), "bracket": S(b),
                                           "match": S(m)})
    # Sparse: lacking one sort key attribute, or one partition key attribute.
    ddb.put_item(TableName=name, Item={"pk": S("m8"), "sk": S("x"), "tournament": S("W24"),
                                       "region": S("EU"), "round": N(1), "bracket": S("upper")})
    ddb.put_item(TableName=name, Item={"pk": S("m9"), "sk": S("x"), "tournament": S("W24"),
                                       "round": N(1), "bracket": S("upper"), "match": S("z")})
    return name


def query(ddb, table, condition, values, **kwargs):
    names = {"#" + a: a for a in ("tournament", "region", "round", "bracket", "match")
             if "#" + a in condition}
    params = dict(TableName=table, IndexName=INDEX, KeyConditionExpression=condition,
                  ExpressionAttributeValues=values, **kwargs)
    if names:
        params["ExpressionAttributeNames"] = names
    return ddb.query(**params)


def pks(resp):
    return [item["pk"]["S"] for item in resp["Items"]]


PARTITION = "tournament = :t AND #region = :r"
EU = {":t": S("W24"), ":r": S("EU")}


def test_describe_table_lists_every_key_attribute_in_order(ddb, matches):
    desc = ddb.describe_table(TableName=matches)["Table"]
    gsi = desc["GlobalSecondaryIndexes"][0]
    assert gsi["KeySchema"] == key_schema(INDEX_KEYS)
    assert sorted(d["AttributeName"] for d in desc["AttributeDefinitions"]) == sorted(TYPES)


def test_whole_partition_sorts_by_each_sort_key_attribute_in_turn(ddb, matches):
    resp = query(ddb, matches, PARTITION, EU)
    # round 1 (N order: 1 < 2 < 10), then bracket (lower < upper), then match.
    assert pks(resp) == ["m3", "m5", "m2", "m1", "m4"]
    back = query(ddb, matches, PARTITION, EU, ScanIndexForward=False)
    assert pks(back) == ["m4", "m1", "m2", "m5", "m3"]


def test_equality_on_leading_sort_attributes_then_a_range(ddb, matches):
    r = query(ddb, matches, PARTITION + " AND #round = :n", dict(EU, **{":n": N(1)}))
    assert pks(r) == ["m3", "m5", "m2"]
    r = query(ddb, matches, PARTITION + " AND #round = :n AND bracket = :b",
              dict(EU, **{":n": N(1), ":b": S("upper")}))
    assert pks(r) == ["m5", "m2"]
    r = query(ddb, matches, PARTITION + " AND #round = :n AND bracket = :b AND #match > :m",
              dict(EU, **{":n": N(1), ":b": S("upper"), ":m": S("a")}))
    assert pks(r) == ["m2"]
    r = query(ddb, matches, PARTITION + " AND #round BETWEEN :lo AND :hi",
              dict(EU, **{":lo": N(2), ":hi": N(10)}))
    assert pks(r) == ["m1", "m4"]
    r = query(ddb, matches, PARTITION + " AND #round <= :n", dict(EU, **{":n": N(1)}))
    assert pks(r) == ["m3", "m5", "m2"]
    r = query(ddb, matches, PARTITION + " AND #round > :n", dict(EU, **{":n": N(1)}))
    assert pks(r) == ["m1", "m4"]
    r = query(ddb, matches, PARTITION + " AND #round = :n AND begins_with(bracket, :b)",
              dict(EU, **{":n": N(1), ":b": S("up")}))
    assert pks(r) == ["m5", "m2"]
    # Conditions in any order in the expression, values on either side.
    r = query(ddb, matches, ":b = bracket AND #round = :n AND " + PARTITION,
              dict(EU, **{":n": N(1), ":b": S("lower")}))
    assert pks(r) == ["m3"]


def test_every_partition_attribute_selects_the_partition(ddb, matches):
    r = query(ddb, matches, PARTITION, {":t": S("W24"), ":r": S("NA")})
    assert pks(r) == ["m6"]
    r = query(ddb, matches, PARTITION, {":t": S("S25"), ":r": S("EU")})
    assert pks(r) == ["m7"]
    r = query(ddb, matches, PARTITION, {":t": S("W2"), ":r": S("4EU")})
    assert pks(r) == []


def test_paging_keeps_the_order_and_names_every_key_attribute(ddb, matches):
    seen, start = [], None
    while True:
        kwargs = {"Limit": 2}
        if start:
            kwargs["ExclusiveStartKey"] = start
        resp = query(ddb, matches, PARTITION, EU, **kwargs)
        seen += pks(resp)
        start = resp.get("LastEvaluatedKey")
        if not start:
            break
        assert sorted(start) == sorted(TYPES)
    assert seen == ["m3", "m5", "m2", "m1", "m4"]


def test_scan_of_the_index_skips_items_lacking_a_key_attribute(ddb, matches):
    items = ddb.scan(TableName=matches, IndexName=INDEX)["Items"]
    assert sorted(i["pk"]["S"] for i in items) == ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]


def test_writes_move_entries_between_partitions(ddb, matches):
    ddb.update_item(TableName=matches, Key={"pk": S("m6"), "sk": S("x")},
                    UpdateExpression="SET #r = :eu", ExpressionAttributeNames={"#r": "region"},
                    ExpressionAttributeValues={":eu": S("EU")})
    ddb.update_item(TableName=matches, Key={"pk": S("m8"), "sk": S("x")},
                    UpdateExpression="SET #m = :m", ExpressionAttributeNames={"#m": "match"},
                    ExpressionAttributeValues={":m": S("0")})
    ddb.delete_item(TableName=matches, Key={"pk": S("m4"), "sk": S("x")})
    assert pks(query(ddb, matches, PARTITION, EU)) == ["m3", "m8", "m5", "m6", "m2", "m1"]
    assert pks(query(ddb, matches, PARTITION, {":t": S("W24"), ":r": S("NA")})) == []


def test_legacy_key_conditions(ddb, matches):
    resp = ddb.query(TableName=matches, IndexName=INDEX, KeyConditions={
        "tournament": {"ComparisonOperator": "EQ", "AttributeValueList": [S("W24")]},
        "region": {"ComparisonOperator": "EQ", "AttributeValueList": [S("EU")]},
        "round": {"ComparisonOperator": "EQ", "AttributeValueList": [N(1)]},
        "bracket": {"ComparisonOperator": "GE", "AttributeValueList": [S("m")]}})
    assert pks(resp) == ["m5", "m2"]


def range_message(prior, later):
    return ("RANGE key attributes %s must have equality conditions specified in the query "
            "because a condition is present on key attribute %s" % (prior, later))


@pytest.mark.parametrize("condition,values,message", [
    ("tournament = :t", {":t": S("W24")}, "Query condition missed key schema element: region"),
    ("#region = :r", {":r": S("EU")}, "Query condition missed key schema element: tournament"),
    ("tournament > :t AND #region = :r", EU, "Query key condition not supported"),
    (PARTITION + " AND bracket = :b", dict(EU, **{":b": S("upper")}),
     range_message("round", "bracket")),
    (PARTITION + " AND #round = :n AND #match = :m", dict(EU, **{":n": N(1), ":m": S("a")}),
     range_message("bracket", "match")),
    (PARTITION + " AND #round > :n AND bracket = :b", dict(EU, **{":n": N(1), ":b": S("x")}),
     range_message("round", "bracket")),
    (PARTITION + " AND begins_with(bracket, :b) AND #round = :n AND #match = :m",
     dict(EU, **{":n": N(1), ":b": S("u"), ":m": S("a")}), range_message("bracket", "match")),
    (PARTITION + " AND extra = :o", dict(EU, **{":o": S("x")}),
     "Query condition missed key schema element: round"),
    (PARTITION + " AND #round = :n", dict(EU, **{":n": S("1")}),
     "One or more parameter values were invalid: Condition parameter type does not match "
     "schema type"),
])
def test_query_errors(ddb, matches, condition, values, message):
    names = {"#" + a: a for a in ("region", "round", "match") if "#" + a in condition}
    kwargs = {"ExpressionAttributeNames": names} if names else {}
    assert_client_error(ddb.query, "ValidationException", message, TableName=matches,
                        IndexName=INDEX, KeyConditionExpression=condition,
                        ExpressionAttributeValues=values, **kwargs)


def test_index_key_values_are_checked_on_write(ddb, matches):
    assert_client_error(
        ddb.put_item, "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key round "
        "Expected: N Actual: S IndexName: " + INDEX,
        TableName=matches, Item={"pk": S("bad"), "sk": S("x"), "round": S("1")})
    assert "Item" not in ddb.get_item(TableName=matches, Key={"pk": S("bad"), "sk": S("x")})


def create_error(ddb, cleanup, message, pairs, names=None):
    names = names or sorted({a for a, _ in pairs} | {"pk", "sk"})
    table = "multi_bad_%d" % int(time.time() * 1e6)
    cleanup.append(table)
    assert_client_error(
        ddb.create_table, "ValidationException", message, TableName=table,
        BillingMode="PAY_PER_REQUEST", AttributeDefinitions=definitions(names),
        KeySchema=key_schema([("pk", "HASH"), ("sk", "RANGE")]),
        GlobalSecondaryIndexes=[index("gsi", pairs)])


@pytest.mark.parametrize("pairs,message", [
    ([("a", "HASH"), ("b", "HASH"), ("c", "HASH"), ("d", "HASH"), ("e", "HASH")],
     "The KeySchema exceeds the maximum allowed number of HASH key attributes"),
    ([("a", "HASH"), ("b", "RANGE"), ("c", "RANGE"), ("d", "RANGE"), ("e", "RANGE"),
      ("f", "RANGE")], "The KeySchema exceeds the maximum allowed number of RANGE key attributes"),
    ([("a", "HASH"), ("b", "RANGE"), ("c", "HASH")],
     "All HASH key attributes must precede RANGE key attributes in the KeySchema"),
    ([("b", "RANGE"), ("a", "HASH")],
     "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
    ([("a", "HASH"), ("b", "HASH"), ("a", "RANGE")],
     "The KeySchema contains multiple key attributes with the same name"),
    ([("a", "HASH"), ("a", "HASH")],
     "The KeySchema contains multiple key attributes with the same name"),
])
def test_create_table_refuses_bad_multi_attribute_keys(ddb, cleanup, pairs, message):
    create_error(ddb, cleanup, message, pairs)


def test_eight_key_attributes_are_accepted(ddb, make_table):
    pairs = [(c, "HASH") for c in "abcd"] + [(c, "RANGE") for c in "efgh"]
    name = make_table(AttributeDefinitions=definitions(["pk", "sk"] + list("abcdefgh")),
                      GlobalSecondaryIndexes=[index("wide", pairs, "KEYS_ONLY")])
    item = {"pk": S("p"), "sk": S("s"), **{c: S(c) for c in "abcdefgh"}}
    ddb.put_item(TableName=name, Item=item)
    values = {":" + c: S(c) for c in "abcdefgh"}
    resp = ddb.query(TableName=name, IndexName="wide", ExpressionAttributeValues=values,
                     KeyConditionExpression=" AND ".join("%s = :%s" % (c, c) for c in "abcdefgh"))
    assert resp["Items"] == [item]


def test_table_and_local_index_keys_keep_two_attributes(ddb, cleanup):
    three = key_schema([("pk", "HASH"), ("sk", "RANGE"), ("x", "RANGE")])
    element = java_object("KeySchemaElement")
    for extra, path in [({"KeySchema": three}, "keySchema"),
                        ({"KeySchema": key_schema([("pk", "HASH"), ("sk", "RANGE")]),
                          "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": three,
                                                     "Projection": {"ProjectionType": "ALL"}}]},
                         "localSecondaryIndexes.1.member.keySchema")]:
        table = "multi_bad_%d" % int(time.time() * 1e6)
        cleanup.append(table)
        with pytest.raises(ddb.exceptions.ClientError) as e:
            ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=definitions(["pk", "sk", "x"]), **extra)
        assert e.value.response["Error"]["Code"] == "ValidationException"
        assert_one_violation(e.value.response["Error"]["Message"],
                             java_list([element] * 3), path, MAX % 2)


def test_update_table_adds_a_multi_attribute_index_over_existing_items(ddb, make_table):
    name = make_table(AttributeDefinitions=definitions(["pk", "sk"]))
    for i in range(5):
        ddb.put_item(TableName=name, Item={"pk": S("p%d" % i), "sk": S("x"), "tournament": S("T"),
                                           "region": S("EU"), "round": N(5 - i)})
    ddb.update_table(
        TableName=name, AttributeDefinitions=definitions(["tournament", "region", "round"]),
        GlobalSecondaryIndexUpdates=[{"Create": {
            "IndexName": "late", "Projection": {"ProjectionType": "KEYS_ONLY"},
            "KeySchema": key_schema([("tournament", "HASH"), ("region", "HASH"),
                                     ("round", "RANGE")])}}])
    deadline = time.time() + 10
    while time.time() < deadline:
        gsi = ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]
        if gsi["IndexStatus"] == "ACTIVE":
            break
        time.sleep(0.05)
    assert gsi["KeySchema"][1] == {"AttributeName": "region", "KeyType": "HASH"}
    resp = ddb.query(TableName=name, IndexName="late",
                     KeyConditionExpression="tournament = :t AND #r = :r AND #n >= :n",
                     ExpressionAttributeNames={"#r": "region", "#n": "round"},
                     ExpressionAttributeValues={":t": S("T"), ":r": S("EU"), ":n": N(2)})
    assert [i["pk"]["S"] for i in resp["Items"]] == ["p3", "p2", "p1", "p0"]
    assert set(resp["Items"][0]) == {"pk", "sk", "tournament", "region", "round"}


def test_enum_unaffected(ddb, cleanup):
    # KeyType is still HASH or RANGE, checked by the request validation layer first.
    create_error(ddb, cleanup, "1 validation error detected: Value 'SORT' at "
                 "'globalSecondaryIndexes.1.member.keySchema.2.member.keyType' failed to "
                 "satisfy constraint: " + ENUM % "HASH, RANGE",
                 [("a", "HASH"), ("b", "SORT")])
