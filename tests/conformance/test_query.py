# Pins Query as DynamoDB Local implements it: KeyConditionExpression forms (=, <, <=, >, >=,
# BETWEEN, begins_with on S and B), sort order for N (numeric, incl. negatives and decimals),
# B (unsigned bytewise) and S (code point) sort keys, ScanIndexForward, Limit with
# ExclusiveStartKey / LastEvaluatedKey paging, FilterExpression with Count / ScannedCount,
# Select and its errors, the 1 MB page limit, and the key condition error messages.
import base64

import pytest

from ddbtest import (ENUM, GE, NOT_FOUND_MSG, assert_client_error, assert_raw_error,
                     one_violation, unique_name)

N_KEYS = ["-10", "-2.5", "-1", "0", "0.5", "1", "2", "10", "100", "1000"]
B_KEYS = [b"\x00", b"\x00\x01", b"\x01", b"\x01\x00", b"ab", b"abc", b"\x7f", b"\x80", b"\xff"]
S_KEYS = ["B", "a", "a#1", "a#2", "aa", "ab", "abc", "b", "z", "é"]


@pytest.fixture(scope="module")
def tables(ddb, raw):
    names = {}
    for t in ("N", "B", "S"):
        name = unique_name("q" + t)
        ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                    {"AttributeName": "sk", "KeyType": "RANGE"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                               {"AttributeName": "sk", "AttributeType": t}])
        names[t] = name
    for n in reversed(N_KEYS):
        raw.ok("PutItem", {"TableName": names["N"], "Item": {"pk": {"S": "p"}, "sk": {"N": n}}})
    for b in reversed(B_KEYS):
        raw.ok("PutItem", {"TableName": names["B"], "Item": {
            "pk": {"S": "p"}, "sk": {"B": base64.b64encode(b).decode()}}})
    for s in reversed(S_KEYS):
        raw.ok("PutItem", {"TableName": names["S"], "Item": {
            "pk": {"S": "p"}, "sk": {"S": s}, "odd": {"BOOL": len(s) % 2 == 1}}})
    # other partitions must not leak into results
    raw.ok("PutItem", {"TableName": names["S"], "Item": {"pk": {"S": "other"}, "sk": {"S": "a"}}})
    yield names
    for name in names.values():
        ddb.delete_table(TableName=name)


def query(raw, table, kce, values, **kw):
    payload = {"TableName": table, "KeyConditionExpression": kce,
               "ExpressionAttributeValues": values}
    payload.update(kw)
    return raw.call("Query", payload)


def sks(resp):
    assert resp.status == 200, resp
    return [list(i["sk"].values())[0] for i in resp.json["Items"]]


P = {":p": {"S": "p"}}


def vals(**kw):
    d = dict(P)
    d.update({":" + k: v for k, v in kw.items()})
    return d


def b64(b):
    return base64.b64encode(b).decode()


def test_number_sort_order(raw, tables):
    assert sks(query(raw, tables["N"], "pk = :p", P)) == N_KEYS


def test_number_sort_order_descending(raw, tables):
    assert sks(query(raw, tables["N"], "pk = :p", P, ScanIndexForward=False)) == \
        list(reversed(N_KEYS))


def test_binary_sort_order_is_unsigned_bytewise(raw, tables):
    assert sks(query(raw, tables["B"], "pk = :p", P)) == [b64(b) for b in B_KEYS]


def test_string_sort_order(raw, tables):
    r = query(raw, tables["S"], "pk = :p", P)
    assert sks(r) == S_KEYS
    assert r.json["Count"] == len(S_KEYS) and r.json["ScannedCount"] == len(S_KEYS)


@pytest.mark.parametrize("kce,v,expected", [
    ("pk = :p AND sk = :v", {"N": "0.5"}, ["0.5"]),
    ("pk = :p AND sk < :v", {"N": "0.5"}, ["-10", "-2.5", "-1", "0"]),
    ("pk = :p AND sk <= :v", {"N": "-1"}, ["-10", "-2.5", "-1"]),
    ("pk = :p AND sk > :v", {"N": "2"}, ["10", "100", "1000"]),
    ("pk = :p AND sk >= :v", {"N": "100.0"}, ["100", "1000"]),
    (":v < sk AND pk = :p", {"N": "99"}, ["100", "1000"]),
    ("(pk = :p) AND (sk = :v)", {"N": "1e3"}, ["1000"]),
])
def test_number_key_conditions(raw, tables, kce, v, expected):
    assert sks(query(raw, tables["N"], kce, vals(v=v))) == expected


def test_between(raw, tables):
    r = query(raw, tables["N"], "pk = :p AND sk BETWEEN :a AND :b",
              vals(a={"N": "-2.5"}, b={"N": "1"}))
    assert sks(r) == ["-2.5", "-1", "0", "0.5", "1"]


def test_between_strings(raw, tables):
    r = query(raw, tables["S"], "pk = :p AND sk BETWEEN :a AND :b",
              vals(a={"S": "a#"}, b={"S": "ab"}))
    assert sks(r) == ["a#1", "a#2", "aa", "ab"]


def test_begins_with_string(raw, tables):
    assert sks(query(raw, tables["S"], "pk = :p AND begins_with(sk, :v)",
                     vals(v={"S": "a#"}))) == ["a#1", "a#2"]
    assert sks(query(raw, tables["S"], "pk = :p AND begins_with(sk, :v)",
                     vals(v={"S": "a"}))) == ["a", "a#1", "a#2", "aa", "ab", "abc"]


def test_begins_with_binary(raw, tables):
    assert sks(query(raw, tables["B"], "pk = :p AND begins_with(sk, :v)",
                     vals(v={"B": b64(b"\x00")}))) == [b64(b"\x00"), b64(b"\x00\x01")]


def test_binary_greater_than(raw, tables):
    assert sks(query(raw, tables["B"], "pk = :p AND sk > :v",
                     vals(v={"B": b64(b"\x7f")}))) == [b64(b"\x80"), b64(b"\xff")]


def test_string_ge(raw, tables):
    assert sks(query(raw, tables["S"], "pk = :p AND sk >= :v", vals(v={"S": "ab"}))) == \
        ["ab", "abc", "b", "z", "é"]


def test_no_match(raw, tables):
    r = query(raw, tables["S"], "pk = :p", {":p": {"S": "nobody"}})
    assert r.json == {"Items": [], "Count": 0, "ScannedCount": 0}


def test_paging_with_limit(raw, tables):
    seen, esk, pages = [], None, 0
    while True:
        kw = {"Limit": 3}
        if esk:
            kw["ExclusiveStartKey"] = esk
        r = query(raw, tables["S"], "pk = :p", P, **kw)
        seen += sks(r)
        pages += 1
        esk = r.json.get("LastEvaluatedKey")
        if esk:
            assert esk == {"pk": {"S": "p"}, "sk": r.json["Items"][-1]["sk"]}
        else:
            break
    assert seen == S_KEYS
    # 10 items in pages of 3: the 4th page returns 1 item and no LastEvaluatedKey.
    assert pages == 4


def test_limit_equal_to_count_still_returns_last_key(raw, tables):
    r = query(raw, tables["S"], "pk = :p", P, Limit=len(S_KEYS))
    assert len(sks(r)) == len(S_KEYS)
    assert r.json["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"S": S_KEYS[-1]}}
    r = query(raw, tables["S"], "pk = :p", P, ExclusiveStartKey=r.json["LastEvaluatedKey"])
    assert r.json == {"Items": [], "Count": 0, "ScannedCount": 0}


def test_paging_descending(raw, tables):
    r = query(raw, tables["N"], "pk = :p", P, Limit=2, ScanIndexForward=False)
    assert sks(r) == ["1000", "100"]
    r = query(raw, tables["N"], "pk = :p", P, Limit=2, ScanIndexForward=False,
              ExclusiveStartKey=r.json["LastEvaluatedKey"])
    assert sks(r) == ["10", "2"]


def test_filter_counts(raw, tables):
    r = query(raw, tables["S"], "pk = :p", vals(t={"BOOL": True}), FilterExpression="odd = :t")
    assert sks(r) == [s for s in S_KEYS if len(s) % 2 == 1]
    assert r.json["Count"] == 8 and r.json["ScannedCount"] == 10


def test_filter_with_limit_counts_scanned(raw, tables):
    r = query(raw, tables["S"], "pk = :p", vals(t={"BOOL": True}), FilterExpression="odd = :t",
              Limit=5)
    # Limit bounds the items read (B, a, a#1, a#2, aa); the filter drops "aa".
    assert sks(r) == ["B", "a", "a#1", "a#2"]
    assert r.json["ScannedCount"] == 5 and r.json["Count"] == 4
    assert r.json["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"S": "aa"}}


def test_select_count(raw, tables):
    r = query(raw, tables["S"], "pk = :p", vals(t={"BOOL": True}), FilterExpression="odd = :t",
              Select="COUNT")
    assert r.json == {"Count": 8, "ScannedCount": 10}


def test_select_specific_and_all(raw, tables):
    r = query(raw, tables["S"], "pk = :p AND sk = :v", vals(v={"S": "a"}),
              Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="odd")
    assert r.json["Items"] == [{"odd": {"BOOL": True}}]
    r = query(raw, tables["S"], "pk = :p AND sk = :v", vals(v={"S": "a"}),
              Select="ALL_ATTRIBUTES")
    assert r.json["Items"] == [{"pk": {"S": "p"}, "sk": {"S": "a"}, "odd": {"BOOL": True}}]
    r = query(raw, tables["S"], "pk = :p AND sk = :v", vals(v={"S": "a"}),
              ProjectionExpression="sk")
    assert r.json["Items"] == [{"sk": {"S": "a"}}]


@pytest.mark.parametrize("kw,message", [
    ({"Select": "SPECIFIC_ATTRIBUTES"}, "Must specify the AttributesToGet or ProjectionExpression "
     "when choosing to get SPECIFIC_ATTRIBUTES"),
    ({"Select": "ALL_ATTRIBUTES", "ProjectionExpression": "sk"},
     "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"),
    ({"Select": "COUNT", "ProjectionExpression": "sk"},
     "Cannot specify the ProjectionExpression when choosing to get only the Count"),
    ({"Select": "ALL_PROJECTED_ATTRIBUTES"},
     "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
    # Constraint violations (docs/notes/service-errors.md §2.9); DynamoDB Local: "Select must be
    # ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT, or SPECIFIC_ATTRIBUTES", "Limit must be
    # greater than or equal to 1".
    pytest.param({"Select": "FOO"}, one_violation(
        "FOO", "select", ENUM % "SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, "
        "ALL_PROJECTED_ATTRIBUTES"), marks=pytest.mark.local_deviation),
    pytest.param({"Limit": 0}, one_violation("0", "limit", GE % 1),
                 marks=pytest.mark.local_deviation),
    # The service's ExclusiveStartKey checks (docs/notes/service-errors.md §2.9; dynalite
    # test/query.js); DynamoDB Local says "Exclusive Start Key must have same size as table's key
    # schema" and "The provided starting key does not match the range key predicate".
    pytest.param({"ExclusiveStartKey": {"pk": {"S": "p"}}}, "The provided starting key is invalid",
                 marks=pytest.mark.local_deviation),
    pytest.param({"ExclusiveStartKey": {"pk": {"S": "q"}, "sk": {"S": "a"}}},
                 "The provided starting key is outside query boundaries based on provided "
                 "conditions", marks=pytest.mark.local_deviation),
    ({"FilterExpression": "sk = :p"},
     "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"),
])
def test_query_parameter_errors(raw, tables, kw, message):
    assert_raw_error(query(raw, tables["S"], "pk = :p", P, **kw), "ValidationException", message)


@pytest.mark.parametrize("kce,extra,message", [
    # The service names the key (docs/notes/service-errors.md §2.9); DynamoDB Local does not.
    pytest.param("pk = :p AND odd = :v", {"v": {"BOOL": True}},
                 "Query condition missed key schema element: sk",
                 marks=pytest.mark.local_deviation),
    pytest.param("sk = :p", {}, "Query condition missed key schema element: pk",
                 marks=pytest.mark.local_deviation),
    ("pk < :p", {}, "Query key condition not supported"),
    ("begins_with(pk, :p)", {}, "Query key condition not supported"),
    ("pk = :p AND sk > :p AND sk < :p", {},
     "KeyConditionExpressions must only contain one condition per key"),
    ("pk = :p AND pk = :p", {}, "KeyConditionExpressions must only contain one condition per key"),
    ("pk = :p OR sk = :p", {}, "Invalid operator used in KeyConditionExpression: OR"),
    ("pk = :p AND sk <> :p", {}, "Invalid operator used in KeyConditionExpression: <>"),
    ("pk IN (:p)", {}, "Invalid operator used in KeyConditionExpression: IN"),
    ("NOT pk = :p", {}, "Invalid operator used in KeyConditionExpression: NOT"),
    ("pk = :p AND sk = :v", {"v": {"N": "1"}},
     "One or more parameter values were invalid: Condition parameter type does not match "
     "schema type"),
    ("pk = :p AND size(sk) > :p", {}, "KeyConditionExpressions cannot contain nested operations"),
    pytest.param("pk.x = :p", {},
                 "KeyConditionExpressions cannot have conditions on nested attributes",
                 marks=pytest.mark.local_deviation),
    ("pk = :p AND sk = :w", {}, "Invalid KeyConditionExpression: An expression attribute value "
     "used in expression is not defined; attribute value: :w"),
    ("pk = :p AND", {}, 'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: '
     '"AND"'),
])
def test_key_condition_errors(raw, tables, kce, extra, message):
    assert_raw_error(query(raw, tables["S"], kce, vals(**extra)), "ValidationException", message)


def test_partition_key_type_mismatch(raw, tables):
    assert_raw_error(query(raw, tables["S"], "pk = :v", {":v": {"N": "1"}}),
                     "ValidationException", "One or more parameter values were invalid: "
                     "Condition parameter type does not match schema type")


def test_begins_with_on_number_key(raw, tables):
    assert_raw_error(query(raw, tables["N"], "pk = :p AND begins_with(sk, :v)",
                           vals(v={"N": "1"})), "ValidationException",
                     "Invalid KeyConditionExpression: Incorrect operand type for operator or "
                     "function; operator or function: begins_with, operand type: N")


def test_missing_key_condition(raw, tables):
    r = raw.call("Query", {"TableName": tables["S"]})
    assert_raw_error(r, "ValidationException", "Either the KeyConditions or "
                     "KeyConditionExpression parameter must be specified in the request.")


@pytest.mark.local_deviation
def test_query_missing_table(ddb):
    assert_client_error(ddb.query, "ResourceNotFoundException", NOT_FOUND_MSG,
                        TableName=unique_name("missing"), KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues=P)


@pytest.fixture(scope="module")
def big_table(ddb, raw):
    name = unique_name("big")
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "S"}])
    for i in range(12):  # 12 items of 100,008 bytes each
        raw.ok("PutItem", {"TableName": name, "Item": {"pk": {"S": "p"}, "sk": {"S": "%02d" % i},
                                                       "v": {"S": "x" * 100000}}})
    yield name
    ddb.delete_table(TableName=name)


def test_one_megabyte_page_limit(raw, big_table):
    r = query(raw, big_table, "pk = :p", P)
    # The page stops once 1 MB has been read: the item that crosses the limit is included.
    assert r.json["Count"] == 11 and r.json["ScannedCount"] == 11
    assert r.json["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"S": "10"}}
    r2 = query(raw, big_table, "pk = :p", P, ExclusiveStartKey=r.json["LastEvaluatedKey"])
    assert sks(r2) == ["11"] and "LastEvaluatedKey" not in r2.json


def test_one_megabyte_page_limit_count(raw, big_table):
    r = query(raw, big_table, "pk = :p", P, Select="COUNT")
    assert r.json["Count"] == 11
    assert r.json["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"S": "10"}}


@pytest.mark.local_deviation
def test_one_megabyte_limit_applies_before_filter(raw, big_table):
    # Documented: Query reads up to 1 MB, then filters. DynamoDB Local applies the 1 MB limit
    # to the filtered result, so it scans all 12 items and returns no LastEvaluatedKey.
    r = query(raw, big_table, "pk = :p", P, FilterExpression="attribute_not_exists(v)")
    assert r.json["Count"] == 0 and r.json["ScannedCount"] == 11
    assert "LastEvaluatedKey" in r.json
