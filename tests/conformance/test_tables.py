# Pins the control plane: CreateTable (key schemas, key types, billing modes and every
# validation error with its exact message), DescribeTable's shape, DeleteTable (incl. deletion
# protection), ListTables paging and UpdateTable (throughput, billing mode, deletion
# protection). Messages are the service's (docs/notes/service-errors.md §1.5, §2.1-§2.4); where
# DynamoDB Local words them its own way the test carries local_deviation.
import datetime
import re

import pytest

from ddbtest import (ENUM, GE, LE, LENGTH_MSG, MAX, MIN, NAME_PATTERN, NOT_NULL, REQUIRED_MSG,
                     assert_client_error, assert_raw_error, hash_range_schema, one_violation,
                     table_not_found_msg, unique_name, violation, violations)

PT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
INVALID = "One or more parameter values were invalid: "
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ON_DEMAND_WARM = {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000, "Status": "ACTIVE"}
HK = {"AttributeName": "pk", "KeyType": "HASH"}
RK = {"AttributeName": "sk", "KeyType": "RANGE"}


def AD(name, t):
    return {"AttributeName": name, "AttributeType": t}


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


@pytest.mark.local_deviation  # DynamoDB Local 1.x has no TableId
def test_create_provisioned_response_shape(raw, cleanup):
    name = unique_name("shape")
    cleanup.append(name)
    r = raw.call("CreateTable", dict(TableName=name, ProvisionedThroughput=PT,
                                     **hash_range_schema("S", "S")))
    assert r.status == 200
    d = r.json["TableDescription"]
    assert set(d) == {"AttributeDefinitions", "TableName", "KeySchema", "TableStatus",
                      "CreationDateTime", "ProvisionedThroughput", "TableSizeBytes",
                      "ItemCount", "TableArn", "DeletionProtectionEnabled", "TableId"}
    # No WarmThroughput in the CreateTable answer unless one was asked for (service-surface §1).
    assert UUID_RE.match(d["TableId"]), d
    assert d["ProvisionedThroughput"] == {"LastIncreaseDateTime": 0, "LastDecreaseDateTime": 0,
                                          "NumberOfDecreasesToday": 0,
                                          "ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    assert d["TableArn"] == "arn:aws:dynamodb:ddblocal:000000000000:table/" + name
    assert d["ItemCount"] == 0 and d["TableSizeBytes"] == 0
    assert d["DeletionProtectionEnabled"] is False
    assert isinstance(d["CreationDateTime"], (int, float))


@pytest.mark.local_deviation  # DynamoDB Local 1.x has no TableId, no WarmThroughput
def test_describe_pay_per_request_shape(raw, make_table):
    name = make_table()
    d = raw.ok("DescribeTable", {"TableName": name})["Table"]
    assert set(d) == {"AttributeDefinitions", "TableName", "KeySchema", "TableStatus",
                      "CreationDateTime", "ProvisionedThroughput", "TableSizeBytes",
                      "ItemCount", "TableArn", "BillingModeSummary",
                      "DeletionProtectionEnabled", "TableId", "WarmThroughput"}
    assert UUID_RE.match(d["TableId"]), d
    assert d["WarmThroughput"] == ON_DEMAND_WARM
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


@pytest.mark.local_deviation  # Local: "Cannot create preexisting table"
def test_duplicate_table(ddb, table):
    # docs/notes/service-errors.md §1.9 (wording unverified).
    assert_client_error(ddb.create_table, "ResourceInUseException",
                        "Table already exists: " + table, TableName=table,
                        BillingMode="PAY_PER_REQUEST", **hash_range_schema())


# §2.1 b2 (dynalite's model; unverified). DynamoDB Local: "No provisioned throughput specified
# for the table".
NO_THROUGHPUT = (INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified "
                 "when BillingMode is PROVISIONED")


@pytest.mark.local_deviation
def test_missing_provisioned_throughput(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException", NO_THROUGHPUT, **hash_range_schema())


@pytest.mark.local_deviation
def test_missing_provisioned_throughput_explicit_mode(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException", NO_THROUGHPUT,
                 BillingMode="PROVISIONED", **hash_range_schema())


def pt_violation(value, member, constraint):
    return one_violation(value, "provisionedThroughput." + member, constraint)


# DynamoDB Local: "Table read and write throughput must be at least 1, and cannot be null".
@pytest.mark.local_deviation
@pytest.mark.parametrize("pt,message", [
    ({"ReadCapacityUnits": 0, "WriteCapacityUnits": 5},
     pt_violation("0", "readCapacityUnits", GE % 1)),
    ({"ReadCapacityUnits": 5, "WriteCapacityUnits": -1},
     pt_violation("-1", "writeCapacityUnits", GE % 1)),
    ({"ReadCapacityUnits": 1}, pt_violation(None, "writeCapacityUnits", NOT_NULL))])
def test_throughput_too_small(ddb, cleanup, pt, message):
    create_error(ddb, cleanup, "ValidationException", message, ProvisionedThroughput=pt,
                 **hash_range_schema())


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


def dev(*values):
    """A parameter set DynamoDB Local answers in its own words (local_deviation)."""
    return pytest.param(*values, marks=pytest.mark.local_deviation)


# §2.1 b (DynamoDB Local: "Hash Key not specified in Attribute Definitions.  Type unknown.",
# "No Hash Key specified in schema. ...", "Attribute name must be specified.", ...).
NO_DEFINITION = "Invalid KeySchema: Some index key attribute have no definition"
FIRST_NOT_HASH = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"


def undefined_keys(keys, definitions):
    return (INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
            "Keys: [%s], AttributeDefinitions: [%s]" % (", ".join(keys), ", ".join(definitions)))


def name_violations(name, constraint):
    return violations(violation(name, "attributeDefinitions.1.member.attributeName", constraint),
                      violation(name, "keySchema.1.member.attributeName", constraint))


@pytest.mark.parametrize("ks,ad,message", [
    dev([HK], [AD("x", "S")], undefined_keys(["pk"], ["x"])),
    dev([HK], [], NO_DEFINITION),
    dev([HK, RK], [AD("pk", "S")], NO_DEFINITION),
    dev([HK, RK], [AD("pk", "S"), AD("x", "S")], undefined_keys(["pk", "sk"], ["pk", "x"])),
    dev([HK], [AD("pk", "S"), AD("x", "S")], INVALID + "Number of attributes in KeySchema does "
        "not exactly match number of attributes defined in AttributeDefinitions"),
    dev([HK], [AD("pk", "BOOL")], one_violation(
        "BOOL", "attributeDefinitions.1.member.attributeType", ENUM % "B, N, S")),
    dev([HK], [AD("pk", "s")], one_violation(
        "s", "attributeDefinitions.1.member.attributeType", ENUM % "B, N, S")),
    ([HK], [AD("pk", "S"), AD("pk", "N")], "Cannot have two attributes with the same name"),
    dev([{"AttributeName": "pk", "KeyType": "FOO"}], [AD("pk", "S")],
        one_violation("FOO", "keySchema.1.member.keyType", ENUM % "HASH, RANGE")),
    dev([RK], [AD("sk", "S")], FIRST_NOT_HASH),
    dev([], [AD("pk", "S")], one_violation("[]", "keySchema", MIN % 1)),
    dev([HK, {"AttributeName": "sk", "KeyType": "HASH"}], [AD("pk", "S"), AD("sk", "S")],
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"),
    dev([RK, HK], [AD("pk", "S"), AD("sk", "S")], FIRST_NOT_HASH),
    dev([HK, {"AttributeName": "pk", "KeyType": "RANGE"}], [AD("pk", "S")], NO_DEFINITION),
    dev([{"KeyType": "HASH"}], [AD("pk", "S")],
        one_violation(None, "keySchema.1.member.attributeName", NOT_NULL)),
    dev([{"AttributeName": "pk"}], [AD("pk", "S")],
        one_violation(None, "keySchema.1.member.keyType", NOT_NULL)),
    dev([HK], [{"AttributeName": "pk"}],
        one_violation(None, "attributeDefinitions.1.member.attributeType", NOT_NULL)),
    dev([{"AttributeName": "", "KeyType": "HASH"}], [AD("", "S")], name_violations("", MIN % 1)),
    dev([{"AttributeName": "a" * 256, "KeyType": "HASH"}], [AD("a" * 256, "S")],
        name_violations("a" * 256, MAX % 255)),
], ids=lambda v: None)
def test_schema_validation(ddb, cleanup, ks, ad, message):
    create_error(ddb, cleanup, "ValidationException", message, KeySchema=ks,
                 AttributeDefinitions=ad, ProvisionedThroughput=PT)


# §2.1 a / §3 row 13: both members are notNull in the service's walk. DynamoDB Local: "No defined
# key schema.  A key schema containing at least a hash key must be defined for all tables", "No
# Attribute Schema Defined".
@pytest.mark.local_deviation
def test_no_key_schema(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException", one_violation(None, "keySchema", NOT_NULL),
                 AttributeDefinitions=[AD("pk", "S")], ProvisionedThroughput=PT)


@pytest.mark.local_deviation
def test_no_attribute_definitions(ddb, cleanup):
    create_error(ddb, cleanup, "ValidationException",
                 one_violation(None, "attributeDefinitions", NOT_NULL),
                 KeySchema=[HK], ProvisionedThroughput=PT)


def test_key_attribute_name_255_ok(ddb, cleanup):
    name = unique_name("long")
    cleanup.append(name)
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "k" * 255, "KeyType": "HASH"}],
                     AttributeDefinitions=[AD("k" * 255, "S")], ProvisionedThroughput=PT)


# §1.5. DynamoDB Local: "Invalid table/index name.  Table/index names must be between 3 and 255
# characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'" for all.
@pytest.mark.local_deviation
@pytest.mark.parametrize("name", ["", "ab", "a" * 256, "ab$c", "has space", "tab/le",
                                  "ünï", "x:y"])
def test_invalid_table_names(ddb, cleanup, name):
    message = (LENGTH_MSG if not 3 <= len(name) <= 255
               else one_violation(name, "tableName", NAME_PATTERN))
    create_error(ddb, cleanup, "ValidationException", message, TableName=name,
                 ProvisionedThroughput=PT, **hash_range_schema())


@pytest.mark.local_deviation
def test_missing_table_name(ddb):
    assert_client_error(ddb.create_table, "ValidationException", REQUIRED_MSG,
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


@pytest.mark.local_deviation
@pytest.mark.parametrize("op", ["describe_table", "delete_table"])
def test_not_found(ddb, op):
    name = unique_name("missing")
    assert_client_error(getattr(ddb, op), "ResourceNotFoundException", table_not_found_msg(name),
                        TableName=name)


@pytest.mark.local_deviation
@pytest.mark.parametrize("op", ["describe_table", "delete_table"])
def test_invalid_name_checked_before_existence(ddb, op):
    assert_client_error(getattr(ddb, op), "ValidationException", LENGTH_MSG, TableName="a$")


@pytest.mark.local_deviation
def test_delete_table_returns_description(ddb, make_table):
    name = unique_name("del")
    ddb.create_table(TableName=name, ProvisionedThroughput=PT, **hash_range_schema())
    d = ddb.delete_table(TableName=name)["TableDescription"]
    assert d["TableName"] == name
    assert d["KeySchema"] == hash_range_schema()["KeySchema"]
    # DynamoDB Local says ACTIVE here.
    assert d["TableStatus"] == "DELETING"
    assert_client_error(ddb.describe_table, "ResourceNotFoundException",
                        table_not_found_msg(name), TableName=name)


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


# §2.4. DynamoDB Local: "Limit must be greater than or equal to 1", "Limit in ListTables must
# be <= 100", and its table-name message for the start name.
@pytest.mark.local_deviation
@pytest.mark.parametrize("limit,message", [
    (0, one_violation("0", "limit", GE % 1)),
    (-1, one_violation("-1", "limit", GE % 1)),
    (101, one_violation("101", "limit", LE % 100))])
def test_list_tables_bad_limit(ddb, limit, message):
    assert_client_error(ddb.list_tables, "ValidationException", message, Limit=limit)


def test_list_tables_limit_100_ok(ddb):
    assert "TableNames" in ddb.list_tables(Limit=100)


@pytest.mark.local_deviation
@pytest.mark.parametrize("start,constraint", [("b", MIN % 3), ("a$b", NAME_PATTERN)])
def test_list_tables_bad_start_name(ddb, start, constraint):
    assert_client_error(ddb.list_tables, "ValidationException",
                        one_violation(start, "exclusiveStartTableName", constraint),
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


@pytest.mark.local_deviation  # Local: "The requested throughput value equals the current value"
def test_update_throughput_same_value(ddb, make_table):
    name = make_table(ProvisionedThroughput=PT)
    assert_client_error(ddb.update_table, "ValidationException",
                        "The provisioned throughput for the table will not change. The requested "
                        "value equals the current value. Current ReadCapacityUnits provisioned "
                        "for the table: 5. Requested ReadCapacityUnits: 5. Current "
                        "WriteCapacityUnits provisioned for the table: 5. Requested "
                        "WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for "
                        "current limits and how to request higher limits.",
                        TableName=name, ProvisionedThroughput=PT)


@pytest.mark.parametrize("pt,message", [
    dev({"ReadCapacityUnits": 0, "WriteCapacityUnits": 3},
        pt_violation("0", "readCapacityUnits", GE % 1)),
    ({"ReadCapacityUnits": 40001, "WriteCapacityUnits": 3},
     "Cannot increase provisioned throughput to more than 40,000 units per table")])
def test_update_throughput_invalid(ddb, make_table, pt, message):
    name = make_table(ProvisionedThroughput=PT)
    assert_client_error(ddb.update_table, "ValidationException", message, TableName=name,
                        ProvisionedThroughput=pt)


@pytest.mark.local_deviation  # Local: "Nothing to update"
def test_update_nothing(ddb, make_table):
    # §2.2 b1: dynalite's newer list (unverified; the service's may name more members).
    name = make_table(ProvisionedThroughput=PT)
    assert_client_error(ddb.update_table, "ValidationException",
                        "At least one of ProvisionedThroughput, UpdateStreamEnabled, "
                        "GlobalSecondaryIndexUpdates or SSESpecification is required",
                        TableName=name)


@pytest.mark.local_deviation
def test_update_not_found(ddb):
    name = unique_name("missing")
    assert_client_error(ddb.update_table, "ResourceNotFoundException", table_not_found_msg(name),
                        TableName=name, ProvisionedThroughput=PT)


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
