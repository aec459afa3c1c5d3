# Pins Scan as DynamoDB Local implements it: Limit / ExclusiveStartKey / LastEvaluatedKey
# paging that visits every item once, parallel Segment / TotalSegments covering every item
# exactly once, FilterExpression (which, unlike Query's, may use key attributes) with
# Count / ScannedCount, Select, and the parameter error messages.
import pytest

from ddbtest import (GE, NOT_FOUND_MSG, assert_client_error, assert_raw_error, one_violation,
                     unique_name)

PARTS = 7
PER_PART = 5


@pytest.fixture(scope="module")
def stable(shared_table, raw):
    for p in range(PARTS):
        for s in range(PER_PART):
            raw.ok("PutItem", {"TableName": shared_table, "Item": {
                "pk": {"S": "part%d" % p}, "sk": {"S": "%02d" % s}, "n": {"N": str(p * 10 + s)},
                "even": {"BOOL": s % 2 == 0}}})
    return shared_table


ALL = {("part%d" % p, "%02d" % s) for p in range(PARTS) for s in range(PER_PART)}


def keys(items):
    return [(i["pk"]["S"], i["sk"]["S"]) for i in items]


def scan(raw, table, **kw):
    payload = {"TableName": table}
    payload.update(kw)
    return raw.call("Scan", payload)


def test_full_scan(raw, stable):
    r = scan(raw, stable)
    assert r.status == 200
    assert set(keys(r.json["Items"])) == ALL
    assert r.json["Count"] == len(ALL) and r.json["ScannedCount"] == len(ALL)
    assert "LastEvaluatedKey" not in r.json


def test_items_of_one_partition_are_in_sort_order(raw, stable):
    got = [k for k in keys(scan(raw, stable).json["Items"]) if k[0] == "part3"]
    assert got == sorted(got)


@pytest.mark.parametrize("limit", [1, 4, 34, 35])
def test_paging_visits_each_item_once(raw, stable, limit):
    seen, esk, pages = [], None, 0
    while True:
        kw = {"Limit": limit}
        if esk:
            kw["ExclusiveStartKey"] = esk
        r = scan(raw, stable, **kw)
        assert r.status == 200
        assert len(r.json["Items"]) <= limit
        seen += keys(r.json["Items"])
        pages += 1
        esk = r.json.get("LastEvaluatedKey")
        if not esk:
            break
        last = r.json["Items"][-1]
        assert esk == {"pk": last["pk"], "sk": last["sk"]}
    assert len(seen) == len(ALL) and set(seen) == ALL
    # A page that ends exactly at Limit always carries LastEvaluatedKey.
    assert pages == len(ALL) // limit + 1


@pytest.mark.parametrize("total", [1, 2, 3, 8])
def test_segments_cover_all_items_once(raw, stable, total):
    seen = []
    for seg in range(total):
        r = scan(raw, stable, Segment=seg, TotalSegments=total)
        assert r.status == 200
        assert r.json["Count"] == len(r.json["Items"])
        seen += keys(r.json["Items"])
    assert len(seen) == len(ALL) and set(seen) == ALL


def test_segment_keeps_partition_together(raw, stable):
    for seg in range(4):
        got = keys(scan(raw, stable, Segment=seg, TotalSegments=4).json["Items"])
        for pk in {k[0] for k in got}:
            assert len([k for k in got if k[0] == pk]) == PER_PART


def test_segment_with_limit_paging(raw, stable):
    seen = []
    for seg in range(2):
        esk = None
        while True:
            kw = {"Segment": seg, "TotalSegments": 2, "Limit": 3}
            if esk:
                kw["ExclusiveStartKey"] = esk
            r = scan(raw, stable, **kw)
            seen += keys(r.json["Items"])
            esk = r.json.get("LastEvaluatedKey")
            if not esk:
                break
    assert len(seen) == len(ALL) and set(seen) == ALL


def test_filter(raw, stable):
    r = scan(raw, stable, FilterExpression="even = :t AND n >= :n",
             ExpressionAttributeValues={":t": {"BOOL": True}, ":n": {"N": "50"}})
    expected = {("part%d" % p, "%02d" % s) for p in range(5, PARTS) for s in (0, 2, 4)}
    assert set(keys(r.json["Items"])) == expected
    assert r.json["Count"] == len(expected) and r.json["ScannedCount"] == len(ALL)


def test_filter_on_key_attribute_allowed(raw, stable):
    r = scan(raw, stable, FilterExpression="sk = :s AND begins_with(pk, :p)",
             ExpressionAttributeValues={":s": {"S": "01"}, ":p": {"S": "part"}})
    assert set(keys(r.json["Items"])) == {("part%d" % p, "01") for p in range(PARTS)}


def test_filter_with_limit(raw, stable):
    r = scan(raw, stable, Limit=10, FilterExpression="even = :t",
             ExpressionAttributeValues={":t": {"BOOL": True}})
    assert r.json["ScannedCount"] == 10
    assert r.json["Count"] == len(r.json["Items"]) < 10
    assert "LastEvaluatedKey" in r.json


def test_select_count(raw, stable):
    r = scan(raw, stable, Select="COUNT", FilterExpression="even = :t",
             ExpressionAttributeValues={":t": {"BOOL": True}})
    assert r.json == {"Count": PARTS * 3, "ScannedCount": len(ALL)}


def test_select_specific(raw, stable):
    r = scan(raw, stable, Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="n", Limit=2)
    assert all(set(i) == {"n"} for i in r.json["Items"]) and len(r.json["Items"]) == 2


def test_consistent_scan(raw, stable):
    r = scan(raw, stable, ConsistentRead=True)
    assert r.json["Count"] == len(ALL)


def test_empty_table(raw, table):
    assert scan(raw, table).json == {"Items": [], "Count": 0, "ScannedCount": 0}


@pytest.mark.parametrize("kw,message", [
    # The service's parallel-scan messages (docs/notes/service-errors.md §2.10; dynalite
    # test/scan.js). DynamoDB Local says "If segment is specified, total segment must also be
    # specified", "If total segments is specified, a particular segment must also be specified
    # for this request" and "... Value '2' at 'segment' ... less than or equal to 1".
    pytest.param({"Segment": 0}, "The TotalSegments parameter is required but was not present in "
                 "the request when Segment parameter is present",
                 marks=pytest.mark.local_deviation),
    pytest.param({"TotalSegments": 2}, "The Segment parameter is required but was not present in "
                 "the request when parameter TotalSegments is present",
                 marks=pytest.mark.local_deviation),
    pytest.param({"Segment": 2, "TotalSegments": 2}, "The Segment parameter is zero-based and "
                 "must be less than parameter TotalSegments: Segment: 2 is not less than "
                 "TotalSegments: 2", marks=pytest.mark.local_deviation),
    ({"Segment": 0, "TotalSegments": 1000001}, "1 validation error detected: Value '1000001' at "
     "'totalSegments' failed to satisfy constraint: Member must have value less than or equal "
     "to 1000000"),
    # DynamoDB Local: "Limit must be greater than or equal to 1".
    pytest.param({"Limit": 0}, one_violation("0", "limit", GE % 1),
                 marks=pytest.mark.local_deviation),
    ({"Select": "SPECIFIC_ATTRIBUTES"}, "Must specify the AttributesToGet or "
     "ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
    ({"Select": "ALL_PROJECTED_ATTRIBUTES"},
     "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
    ({"Select": "COUNT", "ProjectionExpression": "n"},
     "Cannot specify the ProjectionExpression when choosing to get only the Count"),
    # DynamoDB Local: "Exclusive Start Key must have same size as table's key schema" and "Type
    # mismatch for attribute to update".
    pytest.param({"ExclusiveStartKey": {"pk": {"S": "p"}}}, "The provided starting key is "
                 "invalid: The provided key element does not match the schema",
                 marks=pytest.mark.local_deviation),
    pytest.param({"ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "1"}}}, "The provided "
                 "starting key is invalid: The provided key element does not match the schema",
                 marks=pytest.mark.local_deviation),
    ({"FilterExpression": "n =="}, 'Invalid FilterExpression: Syntax error; token: "=", near: '
     '"=="'),
    ({"FilterExpression": "n = :t", "ExpressionAttributeValues": {":t": {"N": "1"},
                                                                   ":u": {"N": "1"}}},
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}"),
])
def test_scan_errors(raw, stable, kw, message):
    assert_raw_error(scan(raw, stable, **kw), "ValidationException", message)


@pytest.mark.parametrize("kw", [{"Segment": -1, "TotalSegments": 2},
                                {"Segment": 0, "TotalSegments": 0}])
def test_scan_segment_range_errors(raw, stable, kw):
    # DynamoDB Local's messages here name the wrong bound (see DEVIATIONS.md); only the code
    # is pinned.
    assert_raw_error(scan(raw, stable, **kw), "ValidationException")


@pytest.mark.local_deviation
def test_scan_missing_table(ddb):
    assert_client_error(ddb.scan, "ResourceNotFoundException", NOT_FOUND_MSG,
                        TableName=unique_name("missing"))
