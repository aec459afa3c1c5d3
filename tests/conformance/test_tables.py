# Pins the control plane as DynamoDB Local implements it: CreateTable (key schemas, key types,
# billing modes and every validation error with its exact message), DescribeTable's shape,
# DeleteTable (incl. deletion protection), ListTables paging and UpdateTable (throughput,
# billing mode, deletion protection).
import datetime

import pytest

from ddbtest import (NOT_FOUND_MSG, TABLE_NAME_MSG, assert_client_error, assert_raw_error,
                     hash_range_schema, unique_name)

PT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
HK = {"AttributeName": "pk", "KeyType": "HASH"}
RK = {"AttributeName": "sk", "KeyType": "RANGE"}


def AD(name, t):
    return {"AttributeName": name, "AttributeType": t}


@pytest.fixture
def cleanup(ddb, raw):
    names = []
    yield names
    for n in names:
        raw.call("UpdateTable", {"TableName": n, "DeletionProtectionEnabled": False})
        raw.call("DeleteTable", {"TableName": n})


def create_error(ddb, cleanup, code, message, **kwargs):
    kwargs.setdefault("TableName", unique_name("bad"))
    cleanup.append(kwargs["TableName"])
    return assert_client_error(ddb.create_table, code, message, **kwargs)


@pytest.mark.parametrize("hash_type,range_type", [
    ("S", None), ("N", None), ("B", None), ("S", "S"), ("S", "N"), ("S", "B"),
    ("N", "B"), ("B", "S")])
def test_create_key_types(ddb, cleanup, hash_type, range_type):
    name = unique_name("kt")
    cleanup.append(name)
    resp = ddb.create_table(TableName=name, ProvisionedThroughput=PT,
                            **hash_range_schema(hash_type, range_type))
    desc = resp["TableDescription"]
    assert desc["TableName"] == name
    assert desc["KeySchema"] == hash_range_schema(hash_type, range_type)["KeySchema"]
    assert desc["AttributeDefinitions"] == \
        hash_range_schema(hash_type, range_type)["AttributeDefinitions"]
    # DynamoDB Local reports ACTIVE at once (the service says CREATING first).
    assert desc["TableStatus"] == "ACTIVE"


def test_create_provisioned_response_shape(raw, cleanup):
    name = unique_name("shape")
    cleanup.append(name)
    r = raw.call("CreateTable", dict(TableName=name, ProvisionedThroughput=PT,
                                     **hash_range_schema("S", "S")))
    assert r.status == 200
    d = r.json["TableDescription"]
    assert set(d) == {"AttributeDefinitions", "TableName", "KeySchema", "TableStatus",
                      "CreationDateTime", "ProvisionedThroughput", "TableSizeBytes",
                      "ItemCount", "TableArn", "DeletionProtectionEnabled"}
    assert d["ProvisionedThroughput"] == {"LastIncreaseDateTime": 0, "LastDecreaseDateTime": 0,
                                          "NumberOfDecreasesToday": 0,
                                          "ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    assert d["TableArn"] == "arn:aws:dynamodb:ddblocal:000000000000:table/" + name
    assert d["ItemCount"] == 0 and d["TableSizeBytes"] == 0
    assert d["DeletionProtectionEnabled"] is False
    assert isinstance(d["CreationDateTime"], (int, float))


def test_describe_pay_per_request_shape(raw, make_table):
    name = make_table()
    d = raw.ok("DescribeTable", {"TableName": name})["Table"]
    assert set(d) == {"AttributeDefinitions", "TableName", "KeySchema", "TableStatus",
                      "CreationDateTime", "ProvisionedThroughput", "TableSizeBytes",
                      "ItemCount", "TableArn", "BillingModeSummary",
                      "DeletionProtectionEnabled"}
    assert d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert d["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] == \
        d["CreationDateTime"]
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 0
    assert d["TableStatus"] == "ACTIVE"


def test_describe_boto3_types(ddb, make_table):
    name = make_table(ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})
    t = ddb.describe_table(TableName=name)["Table"]
    assert isinstance(t["CreationDateTime"], datetime.datetime)
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
    assert t["ProvisionedThroughput"]["WriteCapacityUnits"] == 4
    assert "BillingModeSummary" not in t


def test_item_count_and_size_are_live(ddb, table):
    # DynamoDB Local updates ItemCount/TableSizeBytes at once (the service: every ~6 hours).
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": "b"}, "v": {"S": "xyz"}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": "c"}})
    t = ddb.describe_table(TableName=table)["Table"]
    assert t["ItemCount"] == 2
    # sizes: pk(2)+"a"(1) + sk(2)+"b"(1) + v(1)+"xyz"(3) = 10 ; 3 + 3 = 6
    assert t["TableSizeBytes"] == 16


def test_create_pay_per_request(ddb, cleanup):
    name = unique_name("ppr")
    cleanup.append(name)
    d = ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                         **hash_range_schema())["TableDescription"]
    assert d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 0


def test_create_provisioned_explicit(ddb, cleanup):
    name = unique_name("prov")
    cleanup.append(name)
    d = ddb.create_table(TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=PT,
                         **hash_range_schema())["TableDescription"]
    assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 5


def test_duplicate_table(ddb, table):
    assert_client_error(ddb.create_table, "ResourceInUseException",
                        "Cannot create preexisting table", TableName=table,
                        BillingMode="PAY_PER_REQUEST", **hash_range_schema())


def test_missing_provisioned_throughput(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException",
                 "No provisioned throughput specified for the table", **hash_range_schema())


def test_missing_provisioned_throughput_explicit_mode(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException",
                 "No provisioned throughput specified for the table",
                 BillingMode="PROVISIONED", **hash_range_schema())


@pytest.mark.parametrize("pt", [{"ReadCapacityUnits": 0, "WriteCapacityUnits": 5},
                                {"ReadCapacityUnits": 5, "WriteCapacityUnits": -1},
                                {"ReadCapacityUnits": 1}])
def test_throughput_too_small(ddb, cleanup, pt):
    create_error(ddb, cleanup, "ValidationException",
                 "Table read and write throughput must be at least 1, and cannot be null",
                 ProvisionedThroughput=pt, **hash_range_schema())


@pytest.mark.parametrize("pt", [{"ReadCapacityUnits": 40001, "WriteCapacityUnits": 1},
                                {"ReadCapacityUnits": 1, "WriteCapacityUnits": 40001}])
def test_throughput_too_large(ddb, cleanup, pt):
    create_error(ddb, cleanup, "ValidationException",
                 "Cannot increase provisioned throughput to more than 40,000 units per table",
                 ProvisionedThroughput=pt, **hash_range_schema())


def test_throughput_max_allowed(ddb, cleanup):
    name = unique_name("max")
    cleanup.append(name)
    d = ddb.create_table(TableName=name, ProvisionedThroughput={
        "ReadCapacityUnits": 40000, "WriteCapacityUnits": 40000}, **hash_range_schema())
    assert d["TableDescription"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 40000


@pytest.mark.local_deviation
def test_pay_per_request_with_throughput_rejected(ddb, cleanup):
    # Service: "One or more parameter values were invalid: Neither ReadCapacityUnits nor
    # WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST".
    # DynamoDB Local accepts the request and ignores ProvisionedThroughput.
    create_error(ddb, cleanup, "ValidationException", None, BillingMode="PAY_PER_REQUEST",
                 ProvisionedThroughput=PT, **hash_range_schema())


@pytest.mark.local_deviation
def test_bad_billing_mode_is_validation_error(ddb, cleanup):
    # DynamoDB Local: 500 InternalFailure.
    create_error(ddb, cleanup, "ValidationException", None, BillingMode="FOO",
                 ProvisionedThroughput=PT, **hash_range_schema())


@pytest.mark.parametrize("ks,ad,message", [
    ([HK], [AD("x", "S")], "Hash Key not specified in Attribute Definitions.  Type unknown."),
    ([HK], [], "Hash Key not specified in Attribute Definitions.  Type unknown."),
    ([HK, RK], [AD("pk", "S")],
     "Range Key not specified in Attribute Definitions.  Type unknown."),
    ([HK, RK], [AD("pk", "S"), AD("x", "S")],
     "Range Key not specified in Attribute Definitions.  Type unknown."),
    ([HK], [AD("pk", "S"), AD("x", "S")], "The number of attributes in key schema must "
     "match the number of attributes defined in attribute definitions."),
    ([HK], [AD("pk", "BOOL")], "Member must satisfy enum value set: [B, N, S]"),
    ([HK], [AD("pk", "s")], "Member must satisfy enum value set: [B, N, S]"),
    ([HK], [AD("pk", "S"), AD("pk", "N")], "Cannot have two attributes with the same name"),
    ([{"AttributeName": "pk", "KeyType": "FOO"}], [AD("pk", "S")],
     "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key"),
    ([RK], [AD("sk", "S")],
     "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key"),
    ([], [AD("pk", "S")],
     "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key"),
    ([HK, {"AttributeName": "sk", "KeyType": "HASH"}], [AD("pk", "S"), AD("sk", "S")],
     "Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key"),
    ([RK, HK], [AD("pk", "S"), AD("sk", "S")], "Invalid key order. Hash Key must be "
     "specified first in key schema, Range Key must be specifed second"),
    ([HK, {"AttributeName": "pk", "KeyType": "RANGE"}], [AD("pk", "S")],
     "Two keys can not have the same name"),
    ([HK, RK, {"AttributeName": "x", "KeyType": "RANGE"}], [AD("pk", "S")],
     "Key Schema too big.  Key Schema must at most consist of the hash and range key of a "
     "table"),
    ([{"KeyType": "HASH"}], [AD("pk", "S")], "Attribute name must be specified."),
    ([{"AttributeName": "pk"}], [AD("pk", "S")],
     "One or more keys is not specified as being hash or range."),
    ([HK], [{"AttributeName": "pk"}],
     "Invalid Attribute value. Must contain exactly one of the supported datatypes."),
    ([{"AttributeName": "", "KeyType": "HASH"}], [AD("", "S")],
     "Names of key attributes and attributes projected into an index must be between 1 and "
     "255 characters, inclusive"),
    ([{"AttributeName": "a" * 256, "KeyType": "HASH"}], [AD("a" * 256, "S")],
     "Names of key attributes and attributes projected into an index must be between 1 and "
     "255 characters, inclusive"),
], ids=lambda v: None)
def test_schema_validation(ddb, cleanup, ks, ad, message):
    create_error(ddb, cleanup, "ValidationException", message, KeySchema=ks,
                 AttributeDefinitions=ad, ProvisionedThroughput=PT)


def test_no_key_schema(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException", "No defined key schema.  A key schema "
                 "containing at least a hash key must be defined for all tables",
                 AttributeDefinitions=[AD("pk", "S")], ProvisionedThroughput=PT)


def test_no_attribute_definitions(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException", "No Attribute Schema Defined",
                 KeySchema=[HK], ProvisionedThroughput=PT)


def test_key_attribute_name_255_ok(ddb, cleanup):
    name = unique_name("long")
    cleanup.append(name)
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "k" * 255, "KeyType": "HASH"}],
                     AttributeDefinitions=[AD("k" * 255, "S")], ProvisionedThroughput=PT)


@pytest.mark.parametrize("name", ["", "ab", "a" * 256, "ab$c", "has space", "tab/le",
                                  "ünï", "x:y"])
def test_invalid_table_names(ddb, cleanup, name):
    create_error(ddb, cleanup, "ValidationException", TABLE_NAME_MSG, TableName=name,
                 ProvisionedThroughput=PT, **hash_range_schema())


def test_missing_table_name(ddb):
    assert_client_error(ddb.create_table, "ValidationException", TABLE_NAME_MSG,
                        ProvisionedThroughput=PT, **hash_range_schema())


@pytest.mark.parametrize("length", [3, 255])
def test_table_name_length_bounds_ok(ddb, cleanup, length):
    name = (unique_name("b").replace("-", "_") + "x" * 255)[:length]
    if length == 3:
        name = "c" + unique_name()[-2:]
    cleanup.append(name)
    ddb.create_table(TableName=name, ProvisionedThroughput=PT, **hash_range_schema())
    assert ddb.describe_table(TableName=name)["Table"]["TableName"] == name


def test_table_name_all_legal_characters(ddb, cleanup):
    name = "aZ09_.-" + unique_name()
    cleanup.append(name)
    ddb.create_table(TableName=name, ProvisionedThroughput=PT, **hash_range_schema())
    assert name in ddb.describe_table(TableName=name)["Table"]["TableArn"]


@pytest.mark.parametrize("op", ["describe_table", "delete_table"])
def test_not_found(ddb, op):
    assert_client_error(getattr(ddb, op), "ResourceNotFoundException", NOT_FOUND_MSG,
                        TableName=unique_name("missing"))


@pytest.mark.parametrize("op", ["describe_table", "delete_table"])
def test_invalid_name_checked_before_existence(ddb, op):
    assert_client_error(getattr(ddb, op), "ValidationException", TABLE_NAME_MSG,
                        TableName="a$")


def test_delete_table_returns_description(ddb, make_table):
    name = unique_name("del")
    ddb.create_table(TableName=name, ProvisionedThroughput=PT, **hash_range_schema())
    d = ddb.delete_table(TableName=name)["TableDescription"]
    assert d["TableName"] == name
    assert d["KeySchema"] == hash_range_schema()["KeySchema"]
    # DynamoDB Local says ACTIVE here (the service says DELETING).
    assert d["TableStatus"] == "ACTIVE"
    assert_client_error(ddb.describe_table, "ResourceNotFoundException", NOT_FOUND_MSG,
                        TableName=name)


def test_delete_removes_items(ddb):
    name = unique_name("del")
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", **hash_range_schema())
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "b"}})
    ddb.delete_table(TableName=name)
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", **hash_range_schema())
    try:
        assert ddb.scan(TableName=name)["Count"] == 0
    finally:
        ddb.delete_table(TableName=name)


def test_deletion_protection(raw, cleanup):
    name = unique_name("prot")
    cleanup.append(name)
    r = raw.ok("CreateTable", dict(TableName=name, BillingMode="PAY_PER_REQUEST",
                                   DeletionProtectionEnabled=True, **hash_range_schema()))
    assert r["TableDescription"]["DeletionProtectionEnabled"] is True
    assert raw.ok("DescribeTable", {"TableName": name})["Table"]["DeletionProtectionEnabled"]
    assert_raw_error(raw.call("DeleteTable", {"TableName": name}), "ValidationException",
                     "Resource cannot be deleted as it is currently protected against "
                     "deletion. Disable deletion protection first.")
    r = raw.ok("UpdateTable", {"TableName": name, "DeletionProtectionEnabled": False})
    assert r["TableDescription"]["DeletionProtectionEnabled"] is False
    assert raw.call("DeleteTable", {"TableName": name}).status == 200


def test_enable_deletion_protection_by_update(raw, make_table):
    name = make_table()
    r = raw.ok("UpdateTable", {"TableName": name, "DeletionProtectionEnabled": True})
    assert r["TableDescription"]["DeletionProtectionEnabled"] is True
    r = raw.call("DeleteTable", {"TableName": name})
    assert r.status == 400 and r.code == "ValidationException"


@pytest.fixture
def three_tables(ddb, cleanup):
    # "zzzz" sorts after every other name this suite creates, so these are the last tables.
    prefix = "zzzz-" + unique_name("lst")
    names = [prefix + suffix for suffix in ("-a", "-b", "-c")]
    for n in reversed(names):
        cleanup.append(n)
        ddb.create_table(TableName=n, BillingMode="PAY_PER_REQUEST", **hash_range_schema())
    return prefix, names


def test_list_tables_sorted_and_complete(ddb, three_tables):
    _, names = three_tables
    listed = []
    kwargs = {}
    while True:
        resp = ddb.list_tables(**kwargs)
        listed += resp["TableNames"]
        if "LastEvaluatedTableName" not in resp:
            break
        kwargs = {"ExclusiveStartTableName": resp["LastEvaluatedTableName"]}
    assert listed == sorted(listed)
    assert [n for n in listed if n in names] == names


def test_list_tables_exclusive_start_and_limit(ddb, three_tables):
    prefix, names = three_tables
    # The start name need not exist; listing resumes after it in sort order.
    resp = ddb.list_tables(ExclusiveStartTableName=prefix, Limit=2)
    assert resp["TableNames"] == names[:2]
    assert resp["LastEvaluatedTableName"] == names[1]
    # Unlike Query, ListTables omits LastEvaluatedTableName when the page holds the last
    # table, even when the page is full.
    resp = ddb.list_tables(ExclusiveStartTableName=names[1], Limit=1)
    assert resp == {"TableNames": [names[2]], "ResponseMetadata": resp["ResponseMetadata"]}
    resp = ddb.list_tables(ExclusiveStartTableName=prefix, Limit=3)
    assert resp["TableNames"] == names and "LastEvaluatedTableName" not in resp


def test_list_tables_limit_one(ddb, three_tables):
    resp = ddb.list_tables(Limit=1)
    assert len(resp["TableNames"]) == 1
    assert resp["LastEvaluatedTableName"] == resp["TableNames"][0]


def test_list_tables_past_end(ddb, three_tables):
    resp = ddb.list_tables(ExclusiveStartTableName="zzzzzzzz")
    assert resp["TableNames"] == []
    assert "LastEvaluatedTableName" not in resp


@pytest.mark.parametrize("limit,message", [
    (0, "Limit must be greater than or equal to 1"),
    (-1, "Limit must be greater than or equal to 1"),
    (101, "Limit in ListTables must be <= 100")])
def test_list_tables_bad_limit(ddb, limit, message):
    assert_client_error(ddb.list_tables, "ValidationException", message, Limit=limit)


def test_list_tables_limit_100_ok(ddb):
    assert "TableNames" in ddb.list_tables(Limit=100)


@pytest.mark.parametrize("start", ["b", "a$b"])
def test_list_tables_bad_start_name(ddb, start):
    assert_client_error(ddb.list_tables, "ValidationException", TABLE_NAME_MSG,
                        ExclusiveStartTableName=start)


def test_update_throughput(ddb, make_table):
    name = make_table(ProvisionedThroughput=PT)
    d = ddb.update_table(TableName=name, ProvisionedThroughput={
        "ReadCapacityUnits": 7, "WriteCapacityUnits": 9})["TableDescription"]
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 9
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert t["ProvisionedThroughput"]["WriteCapacityUnits"] == 9


def test_update_throughput_same_value(ddb, make_table):
    name = make_table(ProvisionedThroughput=PT)
    assert_client_error(ddb.update_table, "ValidationException",
                        "The requested throughput value equals the current value",
                        TableName=name, ProvisionedThroughput=PT)


@pytest.mark.parametrize("pt,message", [
    ({"ReadCapacityUnits": 0, "WriteCapacityUnits": 3},
     "Table read and write throughput must be at least 1, and cannot be null"),
    ({"ReadCapacityUnits": 40001, "WriteCapacityUnits": 3},
     "Cannot increase provisioned throughput to more than 40,000 units per table")])
def test_update_throughput_invalid(ddb, make_table, pt, message):
    name = make_table(ProvisionedThroughput=PT)
    assert_client_error(ddb.update_table, "ValidationException", message, TableName=name,
                        ProvisionedThroughput=pt)


def test_update_nothing(ddb, make_table):
    name = make_table(ProvisionedThroughput=PT)
    assert_client_error(ddb.update_table, "ValidationException", "Nothing to update",
                        TableName=name)


def test_update_not_found(ddb):
    assert_client_error(ddb.update_table, "ResourceNotFoundException", NOT_FOUND_MSG,
                        TableName=unique_name("missing"), ProvisionedThroughput=PT)


def test_update_billing_mode_round_trip(ddb, make_table):
    name = make_table(ProvisionedThroughput=PT)
    d = ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")["TableDescription"]
    assert d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 0
    assert_client_error(ddb.update_table, "ValidationException",
                        "No provisioned throughput specified for the table",
                        TableName=name, BillingMode="PROVISIONED")
    d = ddb.update_table(TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput={
        "ReadCapacityUnits": 2, "WriteCapacityUnits": 3})["TableDescription"]
    assert d["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 2
    assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 3


@pytest.mark.local_deviation
def test_update_throughput_on_pay_per_request_rejected(ddb, make_table):
    # The service rejects ProvisionedThroughput on an on-demand table; DynamoDB Local
    # ignores it and answers 200.
    name = make_table()
    err = assert_client_error(ddb.update_table, "ValidationException", None, TableName=name,
                              ProvisionedThroughput={"ReadCapacityUnits": 3,
                                                     "WriteCapacityUnits": 3})
    assert err


def test_update_keeps_items(ddb, make_table):
    name = make_table(ProvisionedThroughput=PT)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "b"}})
    ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")
    assert ddb.get_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"S": "b"}})["Item"]
