# Pins BatchWriteItem and BatchGetItem (the service's words where DynamoDB Local's differ, marked
# local_deviation): puts and deletes over several tables (at most 25 requests, 100 keys for
# BatchGetItem, counted over all tables),
# the whole batch rejected before anything is written (too many requests, duplicate keys,
# an item over 400 KB, a missing table, a malformed WriteRequest), the exact response shapes
# ({"UnprocessedItems": {}} / {"Responses": {T: [...]}, "UnprocessedKeys": {}}), per-table
# ProjectionExpression / ConsistentRead, and per-table ConsumedCapacity (a list, one entry
# per table; each item is charged separately: ceil(size / 1 KB) per write, ceil(size / 4 KB)
# per read, halved when eventually consistent).
import json

import pytest

from ddbtest import (MAX, MIN, NOT_NULL, NOT_FOUND_MSG, assert_client_error,
                     assert_one_violation, assert_raw_error, java_list, java_map, java_object,
                     one_violation)


TOO_MANY_WRITES = "Too many items requested for the BatchWriteItem call"
TOO_MANY_GETS = "Too many items requested for the BatchGetItem call"
DUPLICATES = "Provided list of item keys contains duplicates"
# The service's constraint on each table's list of writes (docs/notes/service-errors.md §2.12).
WRITES_PER_TABLE = ("Map value must satisfy constraint: [Member must have length less than or "
                    "equal to 25, Member must have length greater than or equal to 1]")


def key(pk, sk="1"):
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def hkey(pk):
    return {"pk": {"S": pk}}


def put(item):
    return {"PutRequest": {"Item": item}}


def delete(k):
    return {"DeleteRequest": {"Key": k}}


def sized(pk, size):
    """An item of exactly `size` bytes in a pk/sk table (sk "1")."""
    fixed = len("pk") + len(pk) + len("sk") + 1 + len("v")
    return dict(key(pk), v={"S": "x" * (size - fixed)})


def by_table(consumed):
    """ConsumedCapacity list -> {TableName: entry}; the list order is not defined."""
    out = {c["TableName"]: c for c in consumed}
    assert len(out) == len(consumed), consumed
    return out


def scan_keys(ddb, table):
    return sorted(i["pk"]["S"] for i in ddb.scan(TableName=table, ConsistentRead=True)["Items"])


@pytest.fixture
def two_tables(make_table):
    """A pk/sk table and a hash-only (pk S) table."""
    return make_table(), make_table(range_type=None)


# --- BatchWriteItem -----------------------------------------------------------------------

def test_write_puts_and_deletes_over_tables(raw, ddb, two_tables):
    t1, t2 = two_tables
    ddb.put_item(TableName=t1, Item=key("old"))
    r = raw.call("BatchWriteItem", {"RequestItems": {
        t1: [put(dict(key("a"), n={"N": "1"})), put(key("b")), delete(key("old"))],
        t2: [put(dict(hkey("x"), s={"SS": ["q", "p"]})), delete(hkey("never-there"))]}})
    assert r.status == 200, r
    assert r.json == {"UnprocessedItems": {}}
    assert scan_keys(ddb, t1) == ["a", "b"]
    assert ddb.get_item(TableName=t1, Key=key("a"))["Item"] == dict(key("a"), n={"N": "1"})
    assert scan_keys(ddb, t2) == ["x"]


def test_write_put_overwrites_whole_item(ddb, table):
    ddb.put_item(TableName=table, Item=dict(key("a"), old={"S": "gone"}))
    r = ddb.batch_write_item(RequestItems={table: [put(dict(key("a"), new={"N": "2"}))]})
    assert r["UnprocessedItems"] == {}
    assert ddb.get_item(TableName=table, Key=key("a"))["Item"] == dict(key("a"), new={"N": "2"})


def test_write_25_requests_over_two_tables(ddb, two_tables):
    t1, t2 = two_tables
    r = ddb.batch_write_item(RequestItems={
        t1: [put(key("a%02d" % i)) for i in range(13)],
        t2: [put(hkey("b%02d" % i)) for i in range(12)]})
    assert r["UnprocessedItems"] == {}
    assert len(scan_keys(ddb, t1)) == 13 and len(scan_keys(ddb, t2)) == 12


@pytest.mark.parametrize("split", [
    # 26 writes for one table break the map-value constraint (§2.12); DynamoDB Local says
    # TOO_MANY_WRITES for both.
    pytest.param((26, 0), marks=pytest.mark.local_deviation), (13, 13)])
def test_write_26_requests_rejected(ddb, two_tables, split):
    t1, t2 = two_tables
    items = {t1: [put(key("a%02d" % i)) for i in range(split[0])]}
    if split[1]:
        items[t2] = [put(hkey("b%02d" % i)) for i in range(split[1])]
        assert_client_error(ddb.batch_write_item, "ValidationException", TOO_MANY_WRITES,
                            RequestItems=items)
    else:
        err = assert_client_error(ddb.batch_write_item, "ValidationException",
                                  RequestItems=items)
        assert_one_violation(err["Error"]["Message"], java_map(
            [(t1, java_list([java_object("WriteRequest")] * 26))]), "requestItems",
            WRITES_PER_TABLE)
    assert scan_keys(ddb, t1) == [] and scan_keys(ddb, t2) == []


@pytest.mark.parametrize("first,second", [
    (put(key("a")), put(dict(key("a"), n={"N": "1"}))),
    (put(key("a")), delete(key("a"))),
    (delete(key("a")), delete(key("a"))),
], ids=["put-put", "put-delete", "delete-delete"])
def test_write_duplicate_keys_rejected(ddb, table, first, second):
    ddb.put_item(TableName=table, Item=dict(key("a"), keep={"BOOL": True}))
    assert_client_error(ddb.batch_write_item, "ValidationException", DUPLICATES,
                        RequestItems={table: [put(key("other")), first, second]})
    assert ddb.get_item(TableName=table, Key=key("a"))["Item"]["keep"] == {"BOOL": True}
    assert scan_keys(ddb, table) == ["a"]


def test_write_same_key_in_two_tables_is_not_a_duplicate(ddb, make_table):
    t1, t2 = make_table(), make_table()
    assert ddb.batch_write_item(RequestItems={t1: [put(key("a"))], t2: [put(key("a"))]})[
        "UnprocessedItems"] == {}
    assert scan_keys(ddb, t1) == ["a"] and scan_keys(ddb, t2) == ["a"]


def test_write_item_over_400kb_rejects_whole_batch(ddb, table):
    assert_client_error(ddb.batch_write_item, "ValidationException",
                        "Item size has exceeded the maximum allowed size",
                        RequestItems={table: [put(key("small")),
                                              put(sized("big", 400 * 1024 + 1))]})
    assert scan_keys(ddb, table) == []
    ddb.batch_write_item(RequestItems={table: [put(sized("big", 400 * 1024))]})
    assert scan_keys(ddb, table) == ["big"]


# §2.12 / §2.11 constraint violations. DynamoDB Local: "BatchWriteItem cannot have a null or no
# requests set", "The batch write request list for a table cannot be null or empty: T",
# "BatchGetItem must have some requests set", "The list of keys in RequestItems for BatchGetItem
# is required: T has empty list".
NO_REQUEST_ITEMS = [({"RequestItems": {}}, one_violation("{}", "requestItems", MIN % 1)),
                    ({}, one_violation(None, "requestItems", NOT_NULL))]


@pytest.mark.local_deviation
@pytest.mark.parametrize("payload,message", NO_REQUEST_ITEMS, ids=["empty", "missing"])
def test_write_no_requests_rejected(raw, payload, message):
    assert_raw_error(raw.call("BatchWriteItem", payload), "ValidationException", message)


@pytest.mark.local_deviation
def test_write_empty_list_for_a_table_rejected(raw, table):
    assert_raw_error(raw.call("BatchWriteItem", {"RequestItems": {table: []}}),
                     "ValidationException",
                     one_violation("{%s=[]}" % table, "requestItems", WRITES_PER_TABLE))


@pytest.mark.local_deviation
def test_write_nonexistent_table(ddb, table):
    assert_client_error(ddb.batch_write_item, "ResourceNotFoundException", NOT_FOUND_MSG,
                        RequestItems={table: [put(key("a"))],
                                      "conf-no-such-table": [put(key("a"))]})
    assert scan_keys(ddb, table) == []


@pytest.mark.parametrize("request_", [
    {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"S": "1"}}},
     "DeleteRequest": {"Key": {"pk": {"S": "b"}, "sk": {"S": "1"}}}},
    {},
], ids=["both", "neither"])
def test_write_request_needs_exactly_one_of_put_delete(raw, table, request_):
    # DynamoDB Local reuses its AttributeValue wording here (recorded in DEVIATIONS.md).
    assert_raw_error(raw.call("BatchWriteItem", {"RequestItems": {table: [request_]}}),
                     "ValidationException",
                     "Supplied AttributeValue has more than one datatypes set, must contain "
                     "exactly one of the supported datatypes")


# The service's key messages (docs/notes/service-errors.md §1.8, §2.12); DynamoDB Local's differ.
@pytest.mark.parametrize("request_,message", [
    pytest.param(put({"pk": {"S": "a"}}),
                 "One or more parameter values were invalid: Missing the key sk in the item",
                 marks=pytest.mark.local_deviation),
    pytest.param(put({"pk": {"N": "1"}, "sk": {"S": "1"}}),
                 "One or more parameter values were invalid: Type mismatch for key pk expected: S "
                 "actual: N", marks=pytest.mark.local_deviation),
    pytest.param(delete({"pk": {"S": "a"}}), "The provided key element does not match the schema",
                 marks=pytest.mark.local_deviation),
    pytest.param(delete(dict(key("a"), x={"S": "1"})),
                 "The provided key element does not match the schema",
                 marks=pytest.mark.local_deviation),
    (put(key("")), "One or more parameter values are not valid. The AttributeValue for a key "
                   "attribute cannot contain an empty string value. Key: pk"),
    (put(dict(key("a"), v={"SS": []})),
     "One or more parameter values were invalid: An string set  may not be empty"),
], ids=["put-missing-key", "put-key-type", "delete-missing-key", "delete-extra-attr",
        "empty-key", "empty-set"])
def test_write_item_validation(raw, ddb, table, request_, message):
    r = raw.call("BatchWriteItem", {"RequestItems": {table: [put(key("ok")), request_]}})
    assert_raw_error(r, "ValidationException", message)
    assert scan_keys(ddb, table) == []


def test_write_consumed_capacity_total_per_table(raw, two_tables):
    t1, t2 = two_tables
    r = raw.call("BatchWriteItem", {"RequestItems": {
        t1: [put(sized("a", 1500)), put(sized("b", 10))], t2: [put(hkey("x"))]},
        "ReturnConsumedCapacity": "TOTAL"})
    assert r.status == 200, r
    assert set(r.json) == {"UnprocessedItems", "ConsumedCapacity"}
    assert r.json["UnprocessedItems"] == {}
    # each item is rounded up on its own: 1500 B -> 2, 10 B -> 1
    assert by_table(r.json["ConsumedCapacity"]) == {
        t1: {"TableName": t1, "CapacityUnits": 3.0},
        t2: {"TableName": t2, "CapacityUnits": 1.0}}


def test_write_consumed_capacity_indexes_shape(raw, two_tables):
    t1, t2 = two_tables
    r = raw.call("BatchWriteItem", {"RequestItems": {t1: [put(key("a")), put(key("b"))],
                                                     t2: [put(hkey("x"))]},
                                    "ReturnConsumedCapacity": "INDEXES"})
    assert by_table(r.json["ConsumedCapacity"]) == {
        t1: {"TableName": t1, "CapacityUnits": 2.0, "Table": {"CapacityUnits": 2.0}},
        t2: {"TableName": t2, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}}


def test_write_capacity_of_overwrite_and_delete_uses_larger_item(raw, ddb, table):
    ddb.put_item(TableName=table, Item=sized("a", 3000))
    ddb.put_item(TableName=table, Item=sized("b", 1500))
    r = raw.call("BatchWriteItem", {"RequestItems": {table: [
        put(sized("a", 10)), delete(key("b"))]}, "ReturnConsumedCapacity": "TOTAL"})
    assert r.json["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 5.0}]


@pytest.mark.local_deviation
def test_write_capacity_of_deleting_missing_item(raw, table):
    # Service and DeleteItem: 1 unit. DynamoDB Local charges 2.0 inside a batch.
    r = raw.call("BatchWriteItem", {"RequestItems": {table: [delete(key("nothing"))]},
                                    "ReturnConsumedCapacity": "TOTAL"})
    assert r.json["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 1.0}]


@pytest.mark.parametrize("extra", [{"ReturnConsumedCapacity": "NONE"}, {},
                                   {"ReturnItemCollectionMetrics": "SIZE"}])
def test_write_response_without_capacity(raw, table, extra):
    payload = {"RequestItems": {table: [put(key("a"))]}}
    payload.update(extra)
    r = raw.call("BatchWriteItem", payload)
    assert r.status == 200 and r.json == {"UnprocessedItems": {}}, r


# --- BatchGetItem -------------------------------------------------------------------------

@pytest.fixture
def seeded(ddb, two_tables):
    t1, t2 = two_tables
    ddb.batch_write_item(RequestItems={
        t1: [put(dict(key("a%d" % i), n={"N": str(i)}, m={"M": {"x": {"S": "y"},
                                                                "z": {"S": "w"}}}))
             for i in range(5)],
        t2: [put(dict(hkey("x%d" % i), v={"S": "q" * 5000})) for i in range(3)]})
    return t1, t2


def full(i):
    return dict(key("a%d" % i), n={"N": str(i)}, m={"M": {"x": {"S": "y"}, "z": {"S": "w"}}})


def sort_items(items):
    return sorted(items, key=lambda it: it["pk"]["S"])


def test_get_over_tables_response_shape(raw, seeded):
    t1, t2 = seeded
    r = raw.call("BatchGetItem", {"RequestItems": {
        t1: {"Keys": [key("a0"), key("a1"), key("missing")]},
        t2: {"Keys": [hkey("x0")]}}})
    assert r.status == 200, r
    assert set(r.json) == {"Responses", "UnprocessedKeys"}
    assert r.json["UnprocessedKeys"] == {}
    assert set(r.json["Responses"]) == {t1, t2}
    assert sort_items(r.json["Responses"][t1]) == [full(0), full(1)]
    assert r.json["Responses"][t2] == [dict(hkey("x0"), v={"S": "q" * 5000})]


def test_get_all_keys_missing_gives_empty_list(ddb, seeded):
    t1, _ = seeded
    r = ddb.batch_get_item(RequestItems={t1: {"Keys": [key("nope"), key("a0", "2")]}})
    assert r["Responses"] == {t1: []} and r["UnprocessedKeys"] == {}


def test_get_100_keys(ddb, seeded):
    t1, t2 = seeded
    r = ddb.batch_get_item(RequestItems={
        t1: {"Keys": [key("a%d" % i) for i in range(97)]},
        t2: {"Keys": [hkey("x%d" % i) for i in range(3)]}})
    assert sort_items(r["Responses"][t1]) == [full(i) for i in range(5)]
    assert len(r["Responses"][t2]) == 3


@pytest.mark.parametrize("split", [
    # 101 keys for one table break the keys' length constraint (§2.11); DynamoDB Local says
    # TOO_MANY_GETS for both.
    pytest.param((101, 0), marks=pytest.mark.local_deviation), (50, 51)])
def test_get_101_keys_rejected(ddb, seeded, split):
    t1, t2 = seeded
    items = {t1: {"Keys": [key("a%d" % i) for i in range(split[0])]}}
    if split[1]:
        items[t2] = {"Keys": [hkey("x%d" % i) for i in range(split[1])]}
        assert_client_error(ddb.batch_get_item, "ValidationException", TOO_MANY_GETS,
                            RequestItems=items)
    else:
        err = assert_client_error(ddb.batch_get_item, "ValidationException", RequestItems=items)
        one_key = java_map([(k, java_object("AttributeValue")) for k in ("pk", "sk")])
        assert_one_violation(err["Error"]["Message"], java_list([one_key] * 101),
                             "requestItems.%s.member.keys" % t1, MAX % 100)


def test_get_duplicate_keys_rejected(ddb, seeded):
    t1, _ = seeded
    assert_client_error(ddb.batch_get_item, "ValidationException", DUPLICATES,
                        RequestItems={t1: {"Keys": [key("a0"), key("a1"), key("a0")]}})


@pytest.mark.local_deviation
@pytest.mark.parametrize("payload,message", NO_REQUEST_ITEMS, ids=["empty", "missing"])
def test_get_no_requests_rejected(raw, payload, message):
    assert_raw_error(raw.call("BatchGetItem", payload), "ValidationException", message)


@pytest.mark.local_deviation
@pytest.mark.parametrize("entry", [{"Keys": []}, {}], ids=["empty", "missing"])
def test_get_empty_keys_for_a_table_rejected(raw, table, entry):
    path = "requestItems.%s.member.keys" % table
    assert_raw_error(raw.call("BatchGetItem", {"RequestItems": {table: entry}}),
                     "ValidationException",
                     one_violation("[]", path, MIN % 1) if entry else
                     one_violation(None, path, NOT_NULL))


@pytest.mark.local_deviation
def test_get_nonexistent_table(ddb, seeded):
    t1, _ = seeded
    assert_client_error(ddb.batch_get_item, "ResourceNotFoundException", NOT_FOUND_MSG,
                        RequestItems={t1: {"Keys": [key("a0")]},
                                      "conf-no-such-table": {"Keys": [key("a0")]}})


def test_get_projection_per_table(ddb, seeded):
    t1, t2 = seeded
    r = ddb.batch_get_item(RequestItems={
        t1: {"Keys": [key("a0")], "ProjectionExpression": "#n, m.x",
             "ExpressionAttributeNames": {"#n": "n"}},
        t2: {"Keys": [hkey("x0")], "ProjectionExpression": "pk"}})
    assert r["Responses"] == {t1: [{"n": {"N": "0"}, "m": {"M": {"x": {"S": "y"}}}}],
                              t2: [hkey("x0")]}


@pytest.mark.parametrize("entry,message", [
    ({"ProjectionExpression": "#n"}, "Invalid ProjectionExpression: An expression attribute "
     "name used in the document path is not defined; attribute name: #n"),
    ({"ProjectionExpression": "n", "ExpressionAttributeNames": {"#n": "n"}},
     "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"),
    ({"ProjectionExpression": "n", "AttributesToGet": ["n"]},
     "Can not use both expression and non-expression parameters in the same request: "
     "Non-expression parameters: {AttributesToGet} Expression parameters: "
     "{ProjectionExpression}"),
], ids=["undefined-name", "unused-name", "legacy-and-expression"])
def test_get_projection_errors(raw, seeded, entry, message):
    t1, _ = seeded
    entry = dict(entry, Keys=[key("a0")])
    assert_raw_error(raw.call("BatchGetItem", {"RequestItems": {t1: entry}}),
                     "ValidationException", message)


@pytest.mark.local_deviation
@pytest.mark.parametrize("k", [{"pk": {"S": "a0"}}, dict(key("a0"), x={"S": "1"}),
                               {"pk": {"N": "1"}, "sk": {"S": "1"}}],
                         ids=["missing-sk", "extra-attr", "type-mismatch"])
def test_get_key_errors(raw, seeded, k):
    message = "The provided key element does not match the schema"
    t1, _ = seeded
    assert_raw_error(raw.call("BatchGetItem", {"RequestItems": {t1: {"Keys": [k]}}}),
                     "ValidationException", message)


def test_get_consumed_capacity_per_table(raw, seeded):
    t1, t2 = seeded
    # t1: two small items, strongly consistent -> 1 each; t2: two 5 KB items, eventually
    # consistent -> ceil(5003 / 4096) / 2 = 1 each.
    r = raw.call("BatchGetItem", {"RequestItems": {
        t1: {"Keys": [key("a0"), key("a1")], "ConsistentRead": True},
        t2: {"Keys": [hkey("x0"), hkey("x1")], "ProjectionExpression": "pk"}},
        "ReturnConsumedCapacity": "TOTAL"})
    assert r.status == 200, r
    assert set(r.json) == {"Responses", "UnprocessedKeys", "ConsumedCapacity"}
    assert by_table(r.json["ConsumedCapacity"]) == {
        t1: {"TableName": t1, "CapacityUnits": 2.0},
        t2: {"TableName": t2, "CapacityUnits": 2.0}}


def test_get_consumed_capacity_rounds_each_item(raw, seeded):
    t1, t2 = seeded
    r = raw.call("BatchGetItem", {"RequestItems": {
        t1: {"Keys": [key("a0"), key("a1"), key("a2")]},
        t2: {"Keys": [hkey("x0"), hkey("x1"), hkey("x2")], "ConsistentRead": True}},
        "ReturnConsumedCapacity": "INDEXES"})
    assert by_table(r.json["ConsumedCapacity"]) == {
        t1: {"TableName": t1, "CapacityUnits": 1.5, "Table": {"CapacityUnits": 1.5}},
        t2: {"TableName": t2, "CapacityUnits": 6.0, "Table": {"CapacityUnits": 6.0}}}


@pytest.mark.local_deviation
@pytest.mark.parametrize("consistent,units", [(False, 1.5), (True, 3.0)])
def test_get_capacity_charges_missing_keys(raw, seeded, consistent, units):
    # Service (and GetItem): a key that finds nothing still costs 0.5 / 1 unit.
    # DynamoDB Local charges nothing for missing keys in a batch.
    t1, _ = seeded
    r = raw.call("BatchGetItem", {"RequestItems": {t1: {
        "Keys": [key("a0"), key("gone1"), key("gone2")], "ConsistentRead": consistent}},
        "ReturnConsumedCapacity": "TOTAL"})
    assert r.json["ConsumedCapacity"] == [{"TableName": t1, "CapacityUnits": units}]


def test_get_capacity_none_omitted(raw, seeded):
    t1, _ = seeded
    r = raw.call("BatchGetItem", {"RequestItems": {t1: {"Keys": [key("a0")]}},
                                  "ReturnConsumedCapacity": "NONE"})
    assert r.json == {"Responses": {t1: [full(0)]}, "UnprocessedKeys": {}}


def test_cli_batch_write_and_get(aws_cli, table):
    r = aws_cli("batch-write-item", "--request-items", json.dumps(
        {table: [put(key("c%d" % i)) for i in range(3)]}))
    assert r.rc == 0, r
    assert r.json == {"UnprocessedItems": {}}
    r = aws_cli("batch-get-item", "--request-items", json.dumps(
        {table: {"Keys": [key("c0"), key("c2"), key("zz")]}}))
    assert r.rc == 0, r
    assert sort_items(r.json["Responses"][table]) == [key("c0"), key("c2")]
    assert r.json["UnprocessedKeys"] == {}
