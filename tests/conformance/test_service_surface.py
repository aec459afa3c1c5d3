# The 2023-2026 API surface as the real service answers it (docs/notes/service-surface.md, §
# numbers below): TableId, WarmThroughput, OnDemandThroughput, SSEDescription,
# TableClassSummary, DeleteTable's DELETING, table ARNs as TableName, DescribeStream paging and
# ShardFilter, the HTTP face (GET / health line, Server header, compressed bodies), CORS and the
# DynamoDB Local start banner. The last two start their own ddb-server.
import gzip
import http.client
import json
import os
import re
import select
import socket
import subprocess
import time
import zlib
from urllib.parse import urlparse

import pytest

import dynamodb_local
from ddbtest import REGION, start_server as start, stop_server as stop, unique_name

dev = pytest.mark.local_deviation
VALIDATION = "com.amazon.coral.validate#ValidationException"
INVALID = "One or more parameter values were invalid: "
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
KMS_ARN_RE = re.compile(r"^arn:aws:kms:[^:]+:\d{12}:key/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
ON_DEMAND_WARM = {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000, "Status": "ACTIVE"}
WARM_FLOOR = (INVALID + "Requested %s for WarmThroughput for table is lower than initial "
              "throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/"
              "developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial")
WARM_BELOW_PT = INVALID + "Requested %s for WarmThroughput for table is lower than %s of " \
                          "ProvisionedThroughput"
WARM_DECREASE = (INVALID + "Requested %s for WarmThroughput for table is lower than current "
                 "WarmThroughput, decreasing WarmThroughput is not supported")
OD_RANGE = INVALID + "Requested %s for OnDemandThroughput for table is outside of valid range"
OD_PROV_CREATE = INVALID + "%s for OnDemandThroughput cannot be specified when table " \
                           "BillingMode is PROVISIONED."
OD_PROV_UPDATE = INVALID + "%s for OnDemandThroughput cannot be specified when the table " \
                           "BillingMode is PROVISIONED"


def pt(r, w):
    return {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


def gsi(name="gsi1", **extra):
    return dict({"IndexName": name, "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}}, **extra)


def table_body(throughput=None, name=None, **extra):
    """CreateTable body: hash key pk (S), on demand unless throughput=(r, w); a GSI needs g."""
    attrs = ["pk", "g"] if extra.get("GlobalSecondaryIndexes") else ["pk"]
    body = {"TableName": name or unique_name("surf"),
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"} for a in attrs]}
    if throughput:
        body["ProvisionedThroughput"] = pt(*throughput)
    else:
        body["BillingMode"] = "PAY_PER_REQUEST"
    return dict(body, **extra)


@pytest.fixture
def mk(raw):
    """mk(throughput=None or (r, w), name=None, **CreateTable members) -> (name, description)."""
    names = []

    def make(*args, **kwargs):
        body = table_body(*args, **kwargs)
        names.append(body["TableName"])
        return body["TableName"], raw.ok("CreateTable", body)["TableDescription"]

    yield make
    for name in names:
        raw.call("DeleteTable", {"TableName": name})


def describe(raw, name):
    return raw.ok("DescribeTable", {"TableName": name})["Table"]


def update(raw, name, **members):
    return raw.call("UpdateTable", dict(members, TableName=name))


def assert_invalid(resp, message=None):
    assert resp.status == 400 and resp.error_type == VALIDATION, resp
    if message is not None:
        assert resp.json["message"] == message, resp


def create_error(raw, throughput=None, **extra):
    return raw.call("CreateTable", table_body(throughput, **extra))


# ---- TableId (§3), DeleteTable (§4) ----------------------------------------------------------
@dev
def test_table_id_new_per_create_and_delete_answers_deleting(raw, mk):
    name, desc = mk()
    first = describe(raw, name)["TableId"]
    assert UUID_RE.match(first) and desc["TableId"] == first
    gone = raw.ok("DeleteTable", {"TableName": name})["TableDescription"]
    assert gone["TableStatus"] == "DELETING" and gone["TableName"] == name
    assert raw.call("DescribeTable", {"TableName": name}).code == "ResourceNotFoundException"
    _, again = mk(name=name)
    assert UUID_RE.match(again["TableId"]) and again["TableId"] != first
    assert describe(raw, name)["TableId"] == again["TableId"]


# ---- WarmThroughput (§1) --------------------------------------------------------------------
def warm(r, w):
    return {"ReadUnitsPerSecond": r, "WriteUnitsPerSecond": w, "Status": "ACTIVE"}


@dev
@pytest.mark.parametrize("throughput,index_pt,table_warm,index_warm", [
    (None, None, ON_DEMAND_WARM, ON_DEMAND_WARM), ((5, 3), (2, 1), warm(5, 3), warm(2, 1))])
def test_warm_throughput_defaults(raw, mk, throughput, index_pt, table_warm, index_warm):
    extra = {"ProvisionedThroughput": pt(*index_pt)} if index_pt else {}
    name, desc = mk(throughput, GlobalSecondaryIndexes=[gsi(**extra)])
    table = describe(raw, name)
    assert "WarmThroughput" not in desc  # only when the request sets it
    assert "OnDemandThroughput" not in desc and "OnDemandThroughput" not in table  # never set
    assert table["WarmThroughput"] == table_warm
    assert table["GlobalSecondaryIndexes"][0]["WarmThroughput"] == index_warm


@dev
def test_warm_throughput_never_decreases(raw, mk):
    name, _ = mk((5, 5))
    for r, w in [(7, 8), (1, 1)]:
        assert update(raw, name, ProvisionedThroughput=pt(r, w)).status == 200
    table = describe(raw, name)
    assert table["ProvisionedThroughput"]["ReadCapacityUnits"] == 1
    assert table["WarmThroughput"] == warm(7, 8)
    name, _ = mk()  # a table that was ever on demand keeps 12000/4000
    r = update(raw, name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(5, 5))
    assert r.status == 200, r
    assert describe(raw, name)["WarmThroughput"] == ON_DEMAND_WARM


@dev
@pytest.mark.parametrize("throughput,read,write,message", [
    (None, 1, 1, WARM_FLOOR % "ReadUnitsPerSecond"),
    (None, 0, 0, WARM_FLOOR % "ReadUnitsPerSecond"),
    (None, 12000, 1, WARM_FLOOR % "WriteUnitsPerSecond"),
    ((10, 10), 5, 5, WARM_BELOW_PT % ("ReadUnitsPerSecond", "ReadCapacityUnits")),
    ((10, 10), 10, 5, WARM_BELOW_PT % ("WriteUnitsPerSecond", "WriteCapacityUnits"))])
def test_warm_throughput_below_floor(raw, throughput, read, write, message):
    r = create_error(raw, throughput, WarmThroughput={"ReadUnitsPerSecond": read,
                                                      "WriteUnitsPerSecond": write})
    assert_invalid(r, message)


@dev
def test_warm_throughput_set_raise_and_decrease(raw, mk):
    name, desc = mk(WarmThroughput={"ReadUnitsPerSecond": 12001})
    # The service answers Status UPDATING at create; only the values are pinned.
    assert desc["WarmThroughput"]["ReadUnitsPerSecond"] == 12001
    assert describe(raw, name)["WarmThroughput"]["WriteUnitsPerSecond"] == 4000
    raised = {"ReadUnitsPerSecond": 13000, "WriteUnitsPerSecond": 5000}
    assert update(raw, name, WarmThroughput=raised).status == 200
    assert dict(describe(raw, name)["WarmThroughput"], Status=None) == dict(raised, Status=None)
    assert update(raw, name, WarmThroughput={"ReadUnitsPerSecond": 13000}).status == 200
    assert_invalid(update(raw, name, WarmThroughput={"ReadUnitsPerSecond": 12999}),
                   WARM_DECREASE % "ReadUnitsPerSecond")
    assert_invalid(update(raw, name, WarmThroughput={"WriteUnitsPerSecond": 4000}),
                   WARM_DECREASE % "WriteUnitsPerSecond")


@dev
@pytest.mark.parametrize("members,what", [
    # The WarmThroughput wording is ddb-server's, modelled on the observed DeletionProtection
    # one (the service's was not captured).
    ({"WarmThroughput": {"ReadUnitsPerSecond": 20000}, "BillingMode": "PAY_PER_REQUEST"},
     "WarmThroughput"),
    ({"DeletionProtectionEnabled": False, "BillingMode": "PAY_PER_REQUEST"},
     "DeletionProtection")])
def test_update_must_be_alone(raw, mk, members, what):
    name, _ = mk()
    assert_invalid(update(raw, name, **members),
                   "%s modification must be the only operation in the request" % what)


# ---- OnDemandThroughput (§2) -----------------------------------------------------------------
@dev
def test_on_demand_throughput_stored_merged_and_cleared(raw, mk):
    name, desc = mk(OnDemandThroughput={"MaxReadRequestUnits": 100})
    assert desc["OnDemandThroughput"] == {"MaxReadRequestUnits": 100}
    read, write = "MaxReadRequestUnits", "MaxWriteRequestUnits"
    for change, now in [(None, {read: 100}), ({write: 500}, {read: 100, write: 500}),
                        ({read: -1}, {write: 500}), ({write: -1}, None)]:  # -1 clears
        if change:
            assert update(raw, name, OnDemandThroughput=change).status == 200
        assert describe(raw, name).get("OnDemandThroughput") == now


@dev
def test_on_demand_throughput_update_answer_echoes_minus_one(raw, mk):
    name, _ = mk(OnDemandThroughput={"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 500})
    r = update(raw, name, OnDemandThroughput={"MaxReadRequestUnits": -1})
    assert r.json["TableDescription"]["OnDemandThroughput"] == {"MaxReadRequestUnits": -1,
                                                                "MaxWriteRequestUnits": 500}


@dev
@pytest.mark.parametrize("where,member,value", [
    ("create", "MaxReadRequestUnits", 0), ("create", "MaxWriteRequestUnits", -1),
    ("create", "MaxReadRequestUnits", -2), ("update", "MaxReadRequestUnits", 0),
    ("update", "MaxWriteRequestUnits", -2)])
def test_on_demand_throughput_out_of_range(raw, mk, where, member, value):
    od = {"OnDemandThroughput": {member: value}}
    r = create_error(raw, **od) if where == "create" else update(raw, mk()[0], **od)
    assert_invalid(r, OD_RANGE % member)


@dev
def test_on_demand_throughput_on_provisioned_table(raw, mk):
    assert_invalid(create_error(raw, (5, 5), OnDemandThroughput={"MaxReadRequestUnits": 5}),
                   OD_PROV_CREATE % "MaxReadRequestUnits")
    name, _ = mk((5, 5))
    for member in ["MaxReadRequestUnits", "MaxWriteRequestUnits"]:
        assert_invalid(update(raw, name, OnDemandThroughput={member: 5}),
                       OD_PROV_UPDATE % member)
    r = create_error(raw, (5, 5), GlobalSecondaryIndexes=[gsi(
        ProvisionedThroughput=pt(1, 1), OnDemandThroughput={"MaxReadRequestUnits": 5})])
    assert_invalid(r)
    assert "MaxReadRequestUnits for OnDemandThroughput cannot be specified" in r.json["message"]


@dev
def test_on_demand_throughput_on_gsi(raw, mk):
    name, _ = mk(GlobalSecondaryIndexes=[gsi(OnDemandThroughput={"MaxReadRequestUnits": 50})])

    def index_od():
        return describe(raw, name)["GlobalSecondaryIndexes"][0]["OnDemandThroughput"]

    assert index_od() == {"MaxReadRequestUnits": 50}
    r = update(raw, name, GlobalSecondaryIndexUpdates=[{"Update": {
        "IndexName": "gsi1", "OnDemandThroughput": {"MaxWriteRequestUnits": 60}}}])
    assert r.status == 200, r
    assert index_od() == {"MaxReadRequestUnits": 50, "MaxWriteRequestUnits": 60}
    bad = update(raw, name, GlobalSecondaryIndexUpdates=[{"Update": {
        "IndexName": "gsi1", "OnDemandThroughput": {"MaxWriteRequestUnits": 0}}}])
    assert_invalid(bad)
    assert bad.json["message"].startswith(INVALID), bad


# ---- SSE (§3) -------------------------------------------------------------------------------
def assert_kms(sse):
    assert sse["Status"] == "ENABLED" and sse["SSEType"] == "KMS", sse
    assert KMS_ARN_RE.match(sse["KMSMasterKeyArn"]), sse


@dev
@pytest.mark.parametrize("spec,kms", [(None, False), ({}, False), ({"Enabled": False}, False),
                                      ({"Enabled": True}, True), ({"SSEType": "KMS"}, True),
                                      ({"Enabled": True, "SSEType": "KMS"}, True)])
def test_sse_description_at_create(raw, mk, spec, kms):
    name, desc = mk(**({} if spec is None else {"SSESpecification": spec}))
    for d in [desc, describe(raw, name)]:
        assert ("SSEDescription" in d) == kms, d
        if kms:
            assert_kms(d["SSEDescription"])


@dev
def test_sse_update(raw, mk):
    name, _ = mk()
    assert_invalid(update(raw, name, SSESpecification={"Enabled": False}),
                   INVALID + "Table is already encrypted by default")
    assert_invalid(update(raw, name, SSESpecification={"Enabled": False, "SSEType": "KMS"}),
                   "SSEType can not be specified if Enabled is false")
    assert update(raw, name, SSESpecification={"Enabled": True}).status == 200
    sse = describe(raw, name)["SSEDescription"]
    assert sse["SSEType"] == "KMS" and sse["Status"] in ("UPDATING", "ENABLED"), sse
    assert update(raw, name, SSESpecification={"Enabled": False}).status == 200
    assert describe(raw, name).get("SSEDescription", {}).get("Status") in (None, "DISABLING",
                                                                           "UPDATING")


# ---- TableClass (§3) ------------------------------------------------------------------------
@dev
def test_table_class_summary(raw, mk):
    name, desc = mk()
    assert "TableClassSummary" not in desc and "TableClassSummary" not in describe(raw, name)
    assert update(raw, name, TableClass="STANDARD_INFREQUENT_ACCESS").status == 200
    summary = describe(raw, name)["TableClassSummary"]
    assert summary["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert isinstance(summary["LastUpdateDateTime"], (int, float))
    assert update(raw, name, TableClass="STANDARD").status == 200
    assert describe(raw, name)["TableClassSummary"]["TableClass"] == "STANDARD"
    name, desc = mk(TableClass="STANDARD_INFREQUENT_ACCESS")
    assert desc["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert describe(raw, name)["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"


@dev
def test_table_class_update_answer_shows_old_class(raw, mk):
    name, _ = mk(TableClass="STANDARD_INFREQUENT_ACCESS")
    r = update(raw, name, TableClass="STANDARD")
    assert r.json["TableDescription"]["TableClassSummary"]["TableClass"] == \
        "STANDARD_INFREQUENT_ACCESS"


# ---- table ARN as TableName (§5) ------------------------------------------------------------
def arn_of(raw, name):
    arn = describe(raw, name)["TableArn"]
    assert re.match(r"^arn:aws:dynamodb:[^:]+:000000000000:table/%s$" % re.escape(name), arn)
    return arn


@dev
@pytest.mark.parametrize("op,payload", [
    ("DescribeTable", {}), ("UpdateTable", {"DeletionProtectionEnabled": False}),
    ("DescribeTimeToLive", {}),
    ("UpdateTimeToLive", {"TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": True}}),
    ("DeleteTable", {})])
def test_arn_accepted_by_table_ops(raw, mk, op, payload):
    name, _ = mk()
    r = raw.call(op, dict(payload, TableName=arn_of(raw, name)))
    assert r.status == 200, r
    desc = r.json.get("Table") or r.json.get("TableDescription")
    if desc:
        assert desc["TableName"] == name


def key(k):
    return {"pk": {"S": k}}


def put(t, k="n"):
    return {"TableName": t, "Item": key(k)}


def get(t):
    return {"TableName": t, "Key": key("a")}


QUERY = {"KeyConditionExpression": "pk = :k", "ExpressionAttributeValues": {":k": {"S": "a"}}}
SET_V = {"UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": {"S": "2"}},
         "ReturnValues": "ALL_NEW"}
DATA_PLANE = {  # op: (request for table t, check of the answer j)
    "PutItem": (put, lambda j: j == {}),
    "GetItem": (get, lambda j: j["Item"] == key("a")),
    "UpdateItem": (lambda t: dict(get(t), **SET_V), lambda j: j["Attributes"]["v"] == {"S": "2"}),
    "DeleteItem": (lambda t: dict(get(t), ReturnValues="ALL_OLD"),
                   lambda j: j["Attributes"] == key("a")),
    "Query": (lambda t: dict(QUERY, TableName=t), lambda j: j["Count"] == 1),
    "Scan": (lambda t: {"TableName": t}, lambda j: j["Count"] == 1),
    "BatchGetItem": (lambda t: {"RequestItems": {t: {"Keys": [key("a")]}}},
                     lambda j: list(j["Responses"].values()) == [[key("a")]]),
    "BatchWriteItem": (lambda t: {"RequestItems": {t: [{"PutRequest": {"Item": key("n")}}]}},
                       lambda j: not j["UnprocessedItems"]),
    "TransactWriteItems": (lambda t: {"TransactItems": [{"Put": put(t)}]}, lambda j: True),
    "TransactGetItems": (lambda t: {"TransactItems": [{"Get": get(t)}]},
                         lambda j: j["Responses"] == [{"Item": key("a")}]),
}


@dev
@pytest.mark.parametrize("op", list(DATA_PLANE))
def test_arn_accepted_by_data_plane(raw, mk, op):
    payload, check = DATA_PLANE[op]
    name, _ = mk()
    raw.ok("PutItem", put(name, "a"))
    r = raw.call(op, payload(arn_of(raw, name)))
    assert r.status == 200, r
    assert check(r.json), r
    if op in ("PutItem", "BatchWriteItem", "TransactWriteItems"):
        assert raw.ok("GetItem", {"TableName": name, "Key": key("n")})["Item"]["pk"] == {"S": "n"}


@dev
@pytest.mark.parametrize("suffix,code", [
    ("table/", "ValidationException"), ("table/ab", "ValidationException"),
    ("table/a;bc", "ValidationException"), ("index/x", "ValidationException"),
    ("tablex/%s", "ValidationException"), ("table/%s/index/gsi1", "ValidationException"),
    ("table/%s/stream/2026-01-01T00:00:00.000", "ValidationException"),
    ("table/%s-missing", "ResourceNotFoundException")])
def test_malformed_or_unknown_arn(raw, shared_table, suffix, code):
    arn = arn_of(raw, shared_table)
    bad = arn[:arn.index(":table/") + 1] + (suffix % shared_table if "%s" in suffix else suffix)
    r = raw.call("DescribeTable", {"TableName": bad})
    assert r.status == 400 and r.code == code, r


# ---- DynamoDB Streams DescribeStream (§7) ---------------------------------------------------
def streams(raw, op, payload):
    return raw.call(op, payload, target="DynamoDBStreams_20120810." + op)


@dev
def test_describe_stream_paging_and_shard_filter(raw, mk):
    _, desc = mk(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    arn = desc["LatestStreamArn"]
    first = streams(raw, "DescribeStream", {"StreamArn": arn, "Limit": 1})
    assert first.status == 200, first
    shards = first.json["StreamDescription"]["Shards"]
    assert len(shards) == 1
    shard = shards[0]["ShardId"]
    for extra in [{"ExclusiveStartShardId": shard},
                  {"ShardFilter": {"Type": "CHILD_SHARDS", "ShardId": shard}}]:
        r = streams(raw, "DescribeStream", dict(extra, StreamArn=arn))
        assert r.status == 200, r
        assert r.json["StreamDescription"]["Shards"] == []
        assert "LastEvaluatedShardId" not in r.json["StreamDescription"]


# ---- HTTP face (§8) -------------------------------------------------------------------------
def http_request(endpoint, method="GET", path="/", body=None, headers=None):
    u = urlparse(endpoint)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@dev
def test_get_root_is_health_line_and_server_header(raw, endpoint):
    status, headers, body = http_request(endpoint, headers={"Host": "dynamodb.example.test"})
    assert status == 200
    assert body == b"healthy: dynamodb.example.test "
    assert headers["content-type"].startswith("text/plain")
    assert headers["server"] == "Server"
    for resp in [raw.call("ListTables", {}), raw.call("DescribeTable", {"TableName": "abc;"}),
                 raw.send(b"{}", {"X-Amz-Target": "DynamoDB_20120810.Nope"})]:
        assert resp.headers["server"] == "Server", resp


def send_wire(raw, wire, target="ListTables", **extra):
    headers = raw.signed_headers("DynamoDB_20120810." + target, wire)
    headers.update({k.replace("_", "-"): v for k, v in extra.items()})
    return raw.send(wire, headers)


@dev
@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compressed_request_body(raw, mk, encoding):
    name, _ = mk()
    body = json.dumps({"TableName": name, "Item": key("z")}).encode()
    wire = {"gzip": gzip.compress, "deflate": zlib.compress}[encoding](body)
    r = send_wire(raw, wire, "PutItem", Content_Encoding=encoding)
    assert r.status == 200, r
    assert raw.ok("GetItem", {"TableName": name, "Key": key("z")})["Item"] == key("z")


@dev
@pytest.mark.parametrize("wire,status,code", [
    (b"\x1f\x8b\x08\x00not really gzip", 400, "SerializationException"),
    (gzip.compress(b" " * (17 << 20)), 413, None)], ids=["corrupt", "bomb"])
def test_bad_gzip_body(raw, wire, status, code):
    r = send_wire(raw, wire, Content_Encoding="gzip")
    assert r.status == status and (code is None or r.code == code), r


def scan_with(raw, payload, accept):
    return send_wire(raw, json.dumps(payload).encode(), "Scan", Accept_Encoding=accept)


@dev
def test_large_answer_gzipped_with_crc_of_wire_bytes(raw, mk):
    name, _ = mk()
    for i in range(30):
        raw.ok("PutItem", {"TableName": name, "Item": dict(key("k%d" % i), v={"S": "x" * 100})})
    r = scan_with(raw, {"TableName": name}, "gzip")
    assert r.status == 200 and r.headers.get("content-encoding") == "gzip", r.headers
    assert int(r.headers["x-amz-crc32"]) == zlib.crc32(r.body) & 0xFFFFFFFF
    plain = gzip.decompress(r.body)
    assert len(plain) > 2048 and json.loads(plain)["Count"] == 30
    small = scan_with(raw, {"TableName": name, "Limit": 1}, "gzip")
    assert small.status == 200 and "content-encoding" not in small.headers
    assert int(small.headers["x-amz-crc32"]) == zlib.crc32(small.body) & 0xFFFFFFFF
    assert json.loads(small.body)["Count"] == 1


# ---- servers of our own: CORS (§9) and the start banner (§11) --------------------------------
@pytest.fixture(scope="module")
def cors_servers():
    """{"listed": endpoint with --cors http://a.example, "any": endpoint with --cors}."""
    procs, out = [], {}
    try:
        for label, args in [("listed", ["--cors", "http://a.example"]), ("any", ["--cors"])]:
            proc, port = start(args)
            procs.append(proc)
            dynamodb_local.wait_until_answers(port, proc, timeout=30)
            out[label] = "http://127.0.0.1:%d" % port
        yield out
    finally:
        for proc in procs:
            stop(proc)


SDK_HEADERS = ["Authorization", "X-Amz-Target", "X-Amz-Date", "amz-sdk-invocation-id",
               "amz-sdk-request"]


def cors(endpoint, origin, method="OPTIONS"):
    if method == "OPTIONS":
        return http_request(endpoint, "OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": ",".join(SDK_HEADERS).lower() + ",content-type"})
    return http_request(endpoint, "POST", body=b"{}", headers={
        "Origin": origin, "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.ListTables", "X-Amz-Date": "20260101T000000Z",
        "Authorization": "AWS4-HMAC-SHA256 Credential=testkey/20260101/%s/dynamodb/"
                         "aws4_request, SignedHeaders=host, Signature=0" % REGION})


def tokens(value):
    return {t.strip().lower() for t in (value or "").split(",") if t.strip()}


def test_cors_listed_origin(cors_servers):
    status, headers, _ = cors(cors_servers["listed"], "http://a.example")
    assert status == 200
    assert headers["access-control-allow-origin"] == "http://a.example"
    assert {h.lower() for h in SDK_HEADERS} <= tokens(headers["access-control-allow-headers"])
    assert "post" in tokens(headers.get("access-control-allow-methods"))
    status, headers, body = cors(cors_servers["listed"], "http://a.example", "POST")
    assert status == 200, body
    assert headers["access-control-allow-origin"] == "http://a.example"
    assert {"x-amzn-requestid", "x-amz-crc32"} <= tokens(headers["access-control-expose-headers"])


def test_cors_unlisted_origin(cors_servers):
    _, headers, _ = cors(cors_servers["listed"], "http://evil.example")
    assert "access-control-allow-origin" not in headers
    assert "access-control-allow-origin" not in cors(cors_servers["listed"], "http://evil.example",
                                                     "POST")[1]


def test_cors_any_origin(cors_servers):
    _, headers, _ = cors(cors_servers["any"], "http://whatever.example")
    assert headers["access-control-allow-origin"] == "*"
    status, headers, _ = cors(cors_servers["any"], "http://other.example", "POST")
    assert status == 200 and headers["access-control-allow-origin"] == "*"


def read_banner(proc, timeout=30):
    """stdout up to the first empty line, as lines (raw reads: no buffer hides a line)."""
    data, deadline, fd = b"", time.time() + timeout, proc.stdout.fileno()
    while b"\n\n" not in data and time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
        chunk = os.read(fd, 4096) if ready else b""
        if not chunk:
            break
        data += chunk
    if b"\n\n" not in data:
        pytest.fail("no empty line ending the banner within %ds: %r" % (timeout, data))
    return data[:data.index(b"\n\n") + 1].decode().split("\n")


def test_start_banner_is_dynamodb_locals():
    proc, port = start([], stdout=subprocess.PIPE)
    try:
        lines = read_banner(proc)
    finally:
        stop(proc)
    assert lines[:3] == ["Initializing DynamoDB Local with the following configuration:",
                         "Port:\t%d" % port, "InMemory:\ttrue"]
    assert re.match(r"^Version:\t\S+$", lines[3]), lines
    assert lines[4:] == ["DbPath:\tnull", "SharedDb:\tfalse",
                         "shouldDelayTransientStatuses:\tfalse", "CorsParams:\tnull", ""]
