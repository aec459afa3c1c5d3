# Pins ReturnConsumedCapacity as DynamoDB Local computes it: TOTAL gives
# {"TableName", "CapacityUnits"}, INDEXES adds {"Table": {"CapacityUnits"}}; writes cost
# ceil(size / 1 KB) units (the larger of the old and new item for overwrites, updates and
# deletes), reads ceil(size / 4 KB) units halved for eventually consistent reads; Query and
# Scan charge for the summed size of the items read. Item size = UTF-8 bytes of attribute
# names plus values.
import math

import pytest

from ddbtest import assert_raw_error


def make_item(sk, size):
    """An item of exactly `size` bytes: pk "p", sk sk, v a string of x."""
    fixed = len("pk") + 1 + len("sk") + len(sk) + len("v")
    assert size >= fixed
    return {"pk": {"S": "p"}, "sk": {"S": sk}, "v": {"S": "x" * (size - fixed)}}


def key(sk):
    return {"pk": {"S": "p"}, "sk": {"S": sk}}


def wcu(size):
    return float(max(1, math.ceil(size / 1024)))


def rcu(size, consistent):
    units = max(1, math.ceil(size / 4096))
    return float(units if consistent else units / 2)


def cc(resp):
    assert resp.status == 200, resp
    return resp.json["ConsumedCapacity"]


def put(raw, table, it, mode="TOTAL", **kw):
    payload = {"TableName": table, "Item": it, "ReturnConsumedCapacity": mode}
    payload.update(kw)
    return raw.call("PutItem", payload)


SIZES = [10, 1024, 1025, 2048, 4096, 4097, 8192, 8193, 12000]


@pytest.mark.parametrize("size", SIZES)
def test_put_capacity(raw, table, size):
    assert cc(put(raw, table, make_item("s", size))) == {"TableName": table,
                                                         "CapacityUnits": wcu(size)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("consistent", [False, True])
def test_get_capacity(raw, table, size, consistent):
    put(raw, table, make_item("s", size), mode="NONE")
    r = raw.call("GetItem", {"TableName": table, "Key": key("s"), "ConsistentRead": consistent,
                             "ReturnConsumedCapacity": "TOTAL"})
    assert cc(r) == {"TableName": table, "CapacityUnits": rcu(size, consistent)}


@pytest.mark.parametrize("consistent,units", [(False, 0.5), (True, 1.0)])
def test_get_missing_item_capacity(raw, table, consistent, units):
    r = raw.call("GetItem", {"TableName": table, "Key": key("nothing"),
                             "ConsistentRead": consistent, "ReturnConsumedCapacity": "TOTAL"})
    assert r.json == {"ConsumedCapacity": {"TableName": table, "CapacityUnits": units}}


def test_indexes_mode_shape(raw, table):
    r = put(raw, table, make_item("s", 100), mode="INDEXES")
    assert cc(r) == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}
    r = raw.call("GetItem", {"TableName": table, "Key": key("s"),
                             "ReturnConsumedCapacity": "INDEXES"})
    assert cc(r) == {"TableName": table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}}


def test_none_mode_omits_capacity(raw, table):
    assert put(raw, table, make_item("s", 100), mode="NONE").json == {}
    r = raw.call("GetItem", {"TableName": table, "Key": key("s"), "ReturnConsumedCapacity": "NONE"})
    assert "ConsumedCapacity" not in r.json


def test_overwrite_charges_larger_item(raw, table):
    put(raw, table, make_item("s", 5000), mode="NONE")
    assert cc(put(raw, table, make_item("s", 10)))["CapacityUnits"] == 5.0
    assert cc(put(raw, table, make_item("s", 3000)))["CapacityUnits"] == 3.0


def test_update_capacity(raw, table):
    put(raw, table, make_item("s", 4100), mode="NONE")
    r = raw.call("UpdateItem", {"TableName": table, "Key": key("s"),
                                "UpdateExpression": "SET w = :v",
                                "ExpressionAttributeValues": {":v": {"S": "y"}},
                                "ReturnConsumedCapacity": "INDEXES"})
    # old 4100 bytes, new 4102 bytes -> 5 units
    assert cc(r) == {"TableName": table, "CapacityUnits": 5.0, "Table": {"CapacityUnits": 5.0}}


def test_update_new_item_capacity(raw, table):
    r = raw.call("UpdateItem", {"TableName": table, "Key": key("new"),
                                "UpdateExpression": "SET w = :v",
                                "ExpressionAttributeValues": {":v": {"S": "y"}},
                                "ReturnConsumedCapacity": "TOTAL"})
    assert cc(r) == {"TableName": table, "CapacityUnits": 1.0}


def test_delete_capacity(raw, table):
    put(raw, table, make_item("s", 4097), mode="NONE")
    r = raw.call("DeleteItem", {"TableName": table, "Key": key("s"),
                                "ReturnConsumedCapacity": "TOTAL"})
    assert cc(r) == {"TableName": table, "CapacityUnits": 5.0}
    r = raw.call("DeleteItem", {"TableName": table, "Key": key("s"),
                                "ReturnConsumedCapacity": "INDEXES"})
    assert cc(r) == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}


def test_failed_condition_reports_no_capacity(raw, table):
    put(raw, table, make_item("s", 10), mode="NONE")
    r = put(raw, table, make_item("s", 10), ConditionExpression="attribute_not_exists(pk)")
    assert_raw_error(r, "ConditionalCheckFailedException", "The conditional request failed")
    assert "ConsumedCapacity" not in r.json


def seed(raw, table, sizes):
    for i, size in enumerate(sizes):
        put(raw, table, make_item("%02d" % i, size), mode="NONE")


def query(raw, table, **kw):
    payload = {"TableName": table, "KeyConditionExpression": "pk = :p",
               "ExpressionAttributeValues": {":p": {"S": "p"}}, "ReturnConsumedCapacity": "TOTAL"}
    payload.update(kw)
    return raw.call("Query", payload)


@pytest.mark.parametrize("sizes", [[100], [100] * 40, [4000, 100], [4096], [4090, 10],
                                   [1025, 1026, 4097, 20, 8192]])
@pytest.mark.parametrize("consistent", [False, True])
def test_query_capacity_sums_item_sizes(raw, table, sizes, consistent):
    seed(raw, table, sizes)
    r = query(raw, table, ConsistentRead=consistent)
    assert r.json["Count"] == len(sizes)
    assert cc(r) == {"TableName": table, "CapacityUnits": rcu(sum(sizes), consistent)}


def test_query_capacity_counts_filtered_items(raw, table):
    seed(raw, table, [3000, 3000])
    r = query(raw, table, FilterExpression="attribute_exists(nothing)")
    assert r.json["Count"] == 0 and r.json["ScannedCount"] == 2
    assert cc(r)["CapacityUnits"] == 1.0


def test_query_capacity_select_count(raw, table):
    seed(raw, table, [5000])
    assert cc(query(raw, table, Select="COUNT"))["CapacityUnits"] == 1.0


def test_query_no_items_zero_capacity(raw, table):
    r = query(raw, table, ExpressionAttributeValues={":p": {"S": "nobody"}})
    assert cc(r) == {"TableName": table, "CapacityUnits": 0.0}


def test_query_indexes_mode(raw, table):
    seed(raw, table, [100])
    assert cc(query(raw, table, ReturnConsumedCapacity="INDEXES")) == {
        "TableName": table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}}


@pytest.mark.parametrize("consistent", [False, True])
def test_scan_capacity(raw, table, consistent):
    seed(raw, table, [2000, 2000, 2000, 3000])
    r = raw.call("Scan", {"TableName": table, "ConsistentRead": consistent,
                          "ReturnConsumedCapacity": "TOTAL"})
    assert cc(r) == {"TableName": table, "CapacityUnits": rcu(9000, consistent)}


def test_scan_empty_and_indexes(raw, table):
    r = raw.call("Scan", {"TableName": table, "ReturnConsumedCapacity": "INDEXES"})
    assert cc(r) == {"TableName": table, "CapacityUnits": 0.0, "Table": {"CapacityUnits": 0.0}}


def test_provisioned_table_same_numbers(raw, make_table):
    name = make_table(ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    assert cc(put(raw, name, make_item("s", 2000))) == {"TableName": name, "CapacityUnits": 2.0}
    r = raw.call("GetItem", {"TableName": name, "Key": key("s"), "ReturnConsumedCapacity": "TOTAL"})
    assert cc(r) == {"TableName": name, "CapacityUnits": 0.5}


def test_capacity_with_boto3(ddb, table):
    r = ddb.put_item(TableName=table, Item=make_item("s", 1500), ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 2.0}
