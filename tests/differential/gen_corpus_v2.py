"""Index, batch, transaction, stream/TTL/tag cases for gen_corpus.py.

Extra case fields used here (see run_diff.py): "api": "streams" sends the case to the
DynamoDBStreams_20120810 target; "subst": {"Member": ["earlier-case-id", "dotted.path"]} fills
body members from this server's own earlier answer (stream ARNs, shard ids, iterators).
"""
from gen_corpus import S, N, ks, ad, pt, table

PPR = {"BillingMode": "PAY_PER_REQUEST"}


def gsi(name, h, r=None, proj="ALL", nka=None, throughput=None):
    keys = [(h, "HASH")] + ([(r, "RANGE")] if r else [])
    p = {"ProjectionType": proj}
    if nka is not None:
        p["NonKeyAttributes"] = nka
    out = {"IndexName": name, "KeySchema": ks(*keys), "Projection": p}
    if throughput:
        out["ProvisionedThroughput"] = throughput
    return out


# ---- indexes ----------------------------------------------------------------------------
def indexes(c):
    c.file("indexes.jsonl")
    A = c.add
    T = "ix_main"
    attrs = ad(("pk", "S"), ("sk", "S"), ("g", "S"), ("gs", "N"), ("l", "S"))
    base = dict(PPR, TableName=T, KeySchema=ks(("pk", "HASH"), ("sk", "RANGE")),
                AttributeDefinitions=attrs)
    A("ix-create", "CreateTable", dict(base, GlobalSecondaryIndexes=[
        gsi("by_g", "g", "gs"), gsi("by_g_keys", "g", proj="KEYS_ONLY"),
        gsi("by_g_incl", "g", "gs", "INCLUDE", ["a"])],
        LocalSecondaryIndexes=[gsi("by_l", "pk", "l", "KEYS_ONLY"),
                               gsi("by_l_incl", "pk", "gs", "INCLUDE", ["b"])]))
    A("ix-describe-empty", "DescribeTable", {"TableName": T})
    items = [("p1", "1", {"g": S("x"), "gs": N(30), "l": S("c"), "a": S("A1"), "b": S("B1")}),
             ("p2", "1", {"g": S("x"), "gs": N(-5), "l": S("b"), "a": S("A2")}),
             ("p3", "1", {"g": S("x"), "gs": N(7), "b": S("B3")}),
             ("p4", "1", {"g": S("y"), "gs": N(1), "l": S("a")}),
             ("p5", "1", {"a": S("no index key")}),
             ("p6", "1", {"g": S("x"), "c": S("no gs")}),
             ("p1", "2", {"g": S("x"), "gs": N(12.5), "l": S("a"), "a": S("A12")}),
             ("p1", "3", {"l": S("b"), "gs": N(2), "z": S("Z")}),
             ("p7", "1", {"g": S("z"), "gs": N(5)}), ("p8", "1", {"g": S("z"), "gs": N(5)}),
             ("p9", "1", {"g": S("z"), "gs": N(5)})]
    for pk, sk, extra in items:
        A("ix-put-%s-%s" % (pk, sk), "PutItem",
          {"TableName": T, "Item": dict({"pk": S(pk), "sk": S(sk)}, **extra)})
    q = lambda index, val="x", **kw: dict(
        {"TableName": T, "IndexName": index, "KeyConditionExpression": "g = :g",
         "ExpressionAttributeValues": {":g": S(val)}}, **kw)
    A("ix-q-by-g", "Query", q("by_g"))
    A("ix-q-by-g-desc", "Query", q("by_g", ScanIndexForward=False))
    A("ix-q-by-g-between", "Query", dict(q("by_g"), KeyConditionExpression="g = :g AND gs BETWEEN :a AND :b",
                                         ExpressionAttributeValues={":g": S("x"), ":a": N(0), ":b": N(20)}))
    A("ix-q-by-g-gt", "Query", dict(q("by_g"), KeyConditionExpression="g = :g AND gs > :a",
                                    ExpressionAttributeValues={":g": S("x"), ":a": N(7)}))
    A("ix-q-by-g-y", "Query", q("by_g", "y"))
    A("ix-q-by-g-none", "Query", q("by_g", "nothing"))
    A("ix-q-by-g-equal-range", "Query", q("by_g", "z"))
    A("ix-q-by-g-equal-range-desc", "Query", q("by_g", "z", ScanIndexForward=False))
    A("ix-q-by-g-page1", "Query", q("by_g", Limit=2))
    A("ix-q-by-g-page2", "Query", q("by_g", Limit=2), esk_from="ix-q-by-g-page1")
    A("ix-q-by-g-page3", "Query", q("by_g", Limit=2), esk_from="ix-q-by-g-page2")
    A("ix-q-by-g-desc-page1", "Query", q("by_g", Limit=3, ScanIndexForward=False))
    A("ix-q-by-g-desc-page2", "Query", q("by_g", Limit=3, ScanIndexForward=False),
      esk_from="ix-q-by-g-desc-page1")
    A("ix-q-by-g-limit-exact", "Query", q("by_g", Limit=4))
    A("ix-q-by-g-esk-explicit", "Query", q("by_g", ExclusiveStartKey={
        "pk": S("p3"), "sk": S("1"), "g": S("x"), "gs": N(7)}))
    A("ix-q-by-g-esk-table-key-only", "Query", q("by_g", ExclusiveStartKey={
        "pk": S("p3"), "sk": S("1")}))
    A("ix-q-keys", "Query", q("by_g_keys"))
    A("ix-q-keys-page1", "Query", q("by_g_keys", "z", Limit=2), loose="page")
    A("ix-q-keys-count", "Query", q("by_g_keys", Select="COUNT"))
    A("ix-q-incl", "Query", q("by_g_incl"))
    A("ix-q-incl-proj-ok", "Query", q("by_g_incl", ProjectionExpression="a, gs"))
    A("ix-q-incl-proj-bad", "Query", q("by_g_incl", ProjectionExpression="b"))
    A("ix-q-keys-proj-bad", "Query", q("by_g_keys", ProjectionExpression="gs"))
    A("ix-q-keys-select-all", "Query", q("by_g_keys", Select="ALL_ATTRIBUTES"))
    A("ix-q-incl-select-all", "Query", q("by_g_incl", Select="ALL_ATTRIBUTES"))
    A("ix-q-all-select-all", "Query", q("by_g", Select="ALL_ATTRIBUTES"))
    A("ix-q-keys-select-projected", "Query", q("by_g_keys", Select="ALL_PROJECTED_ATTRIBUTES"))
    A("ix-q-select-specific", "Query", q("by_g", Select="SPECIFIC_ATTRIBUTES",
                                         ProjectionExpression="pk, gs"))
    A("ix-q-select-specific-no-proj", "Query", q("by_g", Select="SPECIFIC_ATTRIBUTES"))
    A("ix-q-select-projected-with-proj", "Query", q("by_g", Select="ALL_PROJECTED_ATTRIBUTES",
                                                    ProjectionExpression="pk"))
    A("ix-q-table-select-projected", "Query", {
        "TableName": T, "KeyConditionExpression": "pk = :p", "Select": "ALL_PROJECTED_ATTRIBUTES",
        "ExpressionAttributeValues": {":p": S("p1")}})
    A("ix-q-count", "Query", q("by_g", Select="COUNT"))
    A("ix-q-consistent-gsi", "Query", q("by_g", ConsistentRead=True))
    A("ix-q-consistent-false-gsi", "Query", q("by_g", ConsistentRead=False))
    A("ix-q-unknown-index", "Query", q("nope"))
    A("ix-q-index-name-short", "Query", q("ab"))
    A("ix-q-wrong-key", "Query", dict(q("by_g"), KeyConditionExpression="pk = :g"))
    A("ix-q-range-only", "Query", dict(q("by_g"), KeyConditionExpression="gs = :g",
                                       ExpressionAttributeValues={":g": N(1)}))
    A("ix-q-wrong-type", "Query", q("by_g", ExpressionAttributeValues={":g": N(1)}))
    A("ix-q-range-wrong-type", "Query", dict(q("by_g"), KeyConditionExpression="g = :g AND gs = :s",
                                             ExpressionAttributeValues={":g": S("x"), ":s": S("1")}))
    A("ix-q-filter", "Query", q("by_g", FilterExpression="attribute_exists(a)"))
    A("ix-q-filter-key", "Query", q("by_g", FilterExpression="gs > :z",
                                    ExpressionAttributeValues={":g": S("x"), ":z": N(0)}))
    A("ix-q-filter-on-index-key", "Query", q("by_g", FilterExpression="g = :g"))
    A("ix-q-capacity-indexes", "Query", q("by_g", ReturnConsumedCapacity="INDEXES"))
    A("ix-q-capacity-total", "Query", q("by_g_keys", ReturnConsumedCapacity="TOTAL"))
    lq = lambda index, pk="p1", **kw: dict(
        {"TableName": T, "IndexName": index, "KeyConditionExpression": "pk = :p",
         "ExpressionAttributeValues": {":p": S(pk)}}, **kw)
    A("ix-lq-by-l", "Query", lq("by_l"))
    A("ix-lq-by-l-desc", "Query", lq("by_l", ScanIndexForward=False))
    A("ix-lq-by-l-consistent", "Query", lq("by_l", ConsistentRead=True))
    A("ix-lq-by-l-fetch", "Query", lq("by_l", ProjectionExpression="a, z"))
    A("ix-lq-by-l-select-all", "Query", lq("by_l", Select="ALL_ATTRIBUTES"))
    A("ix-lq-by-l-range", "Query", dict(lq("by_l"), KeyConditionExpression="pk = :p AND l >= :l",
                                        ExpressionAttributeValues={":p": S("p1"), ":l": S("b")}))
    A("ix-lq-by-l-page1", "Query", lq("by_l", Limit=1))
    A("ix-lq-by-l-page2", "Query", lq("by_l", Limit=1), esk_from="ix-lq-by-l-page1")
    A("ix-lq-by-l-capacity", "Query", lq("by_l", ProjectionExpression="z",
                                         ReturnConsumedCapacity="INDEXES"))
    A("ix-lq-by-l-incl", "Query", lq("by_l_incl"))
    A("ix-lq-by-l-incl-desc", "Query", lq("by_l_incl", ScanIndexForward=False))
    A("ix-lq-by-l-incl-select-all", "Query", lq("by_l_incl", Select="ALL_ATTRIBUTES"))
    A("ix-lq-other-pk", "Query", lq("by_l", "p4"))
    sc = lambda index, **kw: dict({"TableName": T, "IndexName": index}, **kw)
    A("ix-scan-by-g", "Scan", sc("by_g"))
    A("ix-scan-keys", "Scan", sc("by_g_keys"))
    A("ix-scan-incl", "Scan", sc("by_g_incl"))
    A("ix-scan-by-l", "Scan", sc("by_l"))
    A("ix-scan-count", "Scan", sc("by_g", Select="COUNT"))
    A("ix-scan-consistent-gsi", "Scan", sc("by_g", ConsistentRead=True))
    A("ix-scan-consistent-lsi", "Scan", sc("by_l", ConsistentRead=True))
    A("ix-scan-unknown", "Scan", sc("nope"))
    A("ix-scan-keys-select-all", "Scan", sc("by_g_keys", Select="ALL_ATTRIBUTES"))
    A("ix-scan-filter", "Scan", sc("by_g", FilterExpression="gs < :n",
                                   ExpressionAttributeValues={":n": N(10)}))
    A("ix-scan-page1", "Scan", sc("by_g", Limit=3), loose="page", collect="ixscan")
    A("ix-scan-page2", "Scan", sc("by_g", Limit=3), loose="page", esk_from="ix-scan-page1",
      collect="ixscan")
    A("ix-scan-page3", "Scan", sc("by_g", Limit=3), loose="page", esk_from="ix-scan-page2",
      collect="ixscan")
    A("ix-scan-page4", "Scan", sc("by_g", Limit=3), loose="page", esk_from="ix-scan-page3",
      collect="ixscan")
    A("ix-scan-segment", "Scan", sc("by_g", Segment=0, TotalSegments=2), loose="segment")
    # index key validation on writes
    key = {"pk": S("bad"), "sk": S("1")}
    for name, extra in [("g-number", {"g": N(1)}), ("gs-string", {"g": S("x"), "gs": S("1")}),
                        ("l-number", {"l": N(3)}), ("g-empty", {"g": S("")}),
                        ("l-empty", {"l": S("")}), ("gs-only-string", {"gs": S("q")}),
                        ("g-bool", {"g": {"BOOL": True}}), ("g-ss", {"g": {"SS": ["a"]}})]:
        A("ix-put-bad-" + name, "PutItem", {"TableName": T, "Item": dict(key, **extra)})
    # on its own table: DynamoDB Local accepts it and its index would differ from then on
    A("ix-tm-create", "CreateTable", dict(table("ix_tm"), AttributeDefinitions=ad(("pk", "S"), ("g", "S")),
                                          GlobalSecondaryIndexes=[gsi("tmi", "g")]))
    A("ix-update-bad-g", "UpdateItem", {"TableName": "ix_tm", "Key": {"pk": S("p1")},
                                        "UpdateExpression": "SET g = :v",
                                        "ExpressionAttributeValues": {":v": N(5)}})
    A("ix-update-bad-l-empty", "UpdateItem", {"TableName": T, "Key": {"pk": S("p1"), "sk": S("1")},
                                              "UpdateExpression": "SET l = :v",
                                              "ExpressionAttributeValues": {":v": S("")}})
    A("ix-get-bad-unchanged", "GetItem", {"TableName": T, "Key": key})
    # index maintenance
    A("ix-update-move", "UpdateItem", {"TableName": T, "Key": {"pk": S("p2"), "sk": S("1")},
                                       "UpdateExpression": "SET g = :v REMOVE l",
                                       "ExpressionAttributeValues": {":v": S("y")},
                                       "ReturnValues": "ALL_NEW"})
    A("ix-delete-p3", "DeleteItem", {"TableName": T, "Key": {"pk": S("p3"), "sk": S("1")},
                                     "ReturnConsumedCapacity": "INDEXES"})
    A("ix-put-capacity", "PutItem", {"TableName": T, "ReturnConsumedCapacity": "INDEXES", "Item": {
        "pk": S("p10"), "sk": S("1"), "g": S("x"), "gs": N(99), "l": S("q"), "a": S("A")}})
    A("ix-put-capacity-sparse", "PutItem", {"TableName": T, "ReturnConsumedCapacity": "INDEXES",
                                            "Item": {"pk": S("p11"), "sk": S("1")}})
    A("ix-q-by-g-after", "Query", q("by_g"))
    A("ix-q-by-g-y-after", "Query", q("by_g", "y"))
    A("ix-lq-by-l-p2-after", "Query", lq("by_l", "p2"))
    A("ix-describe-after", "DescribeTable", {"TableName": T})
    # CreateTable errors
    two = ad(("pk", "S"), ("sk", "S"), ("g", "S"))
    bt = dict(base, TableName="ix_bad", AttributeDefinitions=two)
    bad = {
        "gsi-undefined-attr": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "h")]),
        "gsi-dup-names": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "g"), gsi("idx1", "g")]),
        "gsi-lsi-same-name": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "g")],
                                  LocalSecondaryIndexes=[gsi("idx1", "pk", "g")]),
        "lsi-other-hash": dict(bt, LocalSecondaryIndexes=[gsi("idx1", "g", "sk")]),
        "lsi-no-range": dict(bt, LocalSecondaryIndexes=[gsi("idx1", "pk")]),
        "lsi-hash-only-table": dict(bt, KeySchema=ks(("pk", "HASH")), AttributeDefinitions=ad(
            ("pk", "S"), ("g", "S")), LocalSecondaryIndexes=[gsi("idx1", "pk", "g")]),
        "include-no-nka": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "g", proj="INCLUDE")]),
        "keys-only-with-nka": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "g", proj="KEYS_ONLY",
                                                                   nka=["a"])]),
        "all-with-nka": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "g", nka=["a"])]),
        "projection-enum": dict(bt, GlobalSecondaryIndexes=[gsi("idx1", "g", proj="SOME")]),
        "index-name-short": dict(bt, GlobalSecondaryIndexes=[gsi("ab", "g")]),
        "index-name-chars": dict(bt, GlobalSecondaryIndexes=[gsi("a b c", "g")]),
        "gsi-empty-list": dict(bt, GlobalSecondaryIndexes=[]),
        "lsi-empty-list": dict(bt, LocalSecondaryIndexes=[]),
        "gsi-no-projection": dict(bt, GlobalSecondaryIndexes=[
            {"IndexName": "idx1", "KeySchema": ks(("g", "HASH"))}]),
        "gsi-range-only": dict(bt, GlobalSecondaryIndexes=[
            {"IndexName": "idx1", "KeySchema": ks(("g", "RANGE")), "Projection": {"ProjectionType": "ALL"}}]),
        "gsi-two-hash": dict(bt, GlobalSecondaryIndexes=[
            {"IndexName": "idx1", "KeySchema": ks(("g", "HASH"), ("sk", "HASH")),
             "Projection": {"ProjectionType": "ALL"}}]),
        "lsi-6": dict(bt, AttributeDefinitions=ad(("pk", "S"), ("sk", "S"), *[("l%d" % i, "S") for i in range(6)]),
                      LocalSecondaryIndexes=[gsi("li%d" % i, "pk", "l%d" % i) for i in range(6)]),
        "nka-duplicate-across": dict(bt, TableName="ix_nka", GlobalSecondaryIndexes=[
            gsi("idx1", "g", proj="INCLUDE", nka=["a", "a"])]),
        "gsi-throughput-on-ppr": dict(bt, TableName="ix_ppr_pt", GlobalSecondaryIndexes=[
            gsi("idx1", "g", throughput=pt(1, 1))]),
        "gsi-provisioned-no-throughput": dict(
            {k: v for k, v in bt.items() if k != "BillingMode"}, ProvisionedThroughput=pt(1, 1),
            GlobalSecondaryIndexes=[gsi("idx1", "g")]),
        "gsi-throughput-0": dict(
            {k: v for k, v in bt.items() if k != "BillingMode"}, ProvisionedThroughput=pt(1, 1),
            GlobalSecondaryIndexes=[gsi("idx1", "g", throughput=pt(0, 1))]),
        "gsi-key-is-list": dict(bt, AttributeDefinitions=ad(("pk", "S"), ("sk", "S"), ("g", "L"))),
    }
    for k, body in bad.items():
        A("ix-create-bad-" + k, "CreateTable", body)
        if body["TableName"] not in ("ix_bad", "ix_nka"):  # ix_nka: only one side may create it
            A("ix-cleanup-" + k, "DeleteTable", {"TableName": body["TableName"]})
    A("ix-cleanup-bad", "DeleteTable", {"TableName": "ix_bad"})
    # provisioned table with indexes and throughput
    A("ix-create-prov", "CreateTable", {
        "TableName": "ix_prov", "KeySchema": ks(("pk", "HASH")), "ProvisionedThroughput": pt(5, 5),
        "AttributeDefinitions": ad(("pk", "S"), ("g", "N")),
        "GlobalSecondaryIndexes": [gsi("gni", "g", proj="KEYS_ONLY", throughput=pt(2, 3))]})
    A("ix-prov-put", "PutItem", {"TableName": "ix_prov", "Item": {"pk": S("a"), "g": N(2)},
                                 "ReturnConsumedCapacity": "INDEXES"})
    A("ix-prov-q", "Query", {"TableName": "ix_prov", "IndexName": "gni",
                             "KeyConditionExpression": "g = :g", "ReturnConsumedCapacity": "INDEXES",
                             "ExpressionAttributeValues": {":g": N(2)}})
    A("ix-prov-delete-index", "UpdateTable", {"TableName": "ix_prov", "GlobalSecondaryIndexUpdates": [
        {"Delete": {"IndexName": "gni"}}]})
    # UpdateTable GlobalSecondaryIndexUpdates: errors first, then one Create on an empty table
    # (DynamoDB Local keeps a new index CREATING for a while, so nothing follows it).
    E = "ix_upd"
    A("ix-upd-create", "CreateTable", table(E))
    U = lambda cid, upd, **kw: A("ix-upd-" + cid, "UpdateTable", dict(
        {"TableName": E, "GlobalSecondaryIndexUpdates": upd}, **kw))
    G = ad(("g", "S"))
    U("add-no-attrdef", [{"Create": gsi("idx1", "g")}])
    U("add-bad-projection", [{"Create": gsi("idx1", "g", proj="INCLUDE")}], AttributeDefinitions=G)
    U("add-short-name", [{"Create": gsi("ab", "g")}], AttributeDefinitions=G)
    U("delete-missing", [{"Delete": {"IndexName": "nope"}}])
    U("update-missing", [{"Update": {"IndexName": "nope", "ProvisionedThroughput": pt(1, 1)}}])
    U("two-actions", [{"Create": gsi("idx1", "g"), "Delete": {"IndexName": "idx1"}}],
      AttributeDefinitions=G)
    U("empty-action", [{}])
    U("two-creates", [{"Create": gsi("idx1", "g")}, {"Create": gsi("idx2", "g")}],
      AttributeDefinitions=G)
    U("empty-list", [])
    U("add", [{"Create": gsi("idx1", "g", proj="KEYS_ONLY")}], AttributeDefinitions=G)
    A("ix-upd3-create", "CreateTable", table("ix_upd3"))  # a table of its own: ddb-server accepts it
    A("ix-upd3-add-attrdef-conflict", "UpdateTable", {
        "TableName": "ix_upd3", "AttributeDefinitions": ad(("pk", "N")),
        "GlobalSecondaryIndexUpdates": [{"Create": gsi("idx1", "pk")}]})
    A("ix-upd2-create", "CreateTable", table("ix_upd2"))
    A("ix-upd2-add-throughput-on-ppr", "UpdateTable", {
        "TableName": "ix_upd2", "AttributeDefinitions": G, "GlobalSecondaryIndexUpdates": [
            {"Create": gsi("idx1", "g", throughput=pt(1, 1))}]})


# ---- batches ----------------------------------------------------------------------------
def batch(c):
    c.file("batch.jsonl")
    A = c.add
    TA, TB = "bt_a", "bt_b"
    A("bt-create-a", "CreateTable", table(TA))
    A("bt-create-b", "CreateTable", dict(table(TB, "S", "N"), AttributeDefinitions=ad(
        ("pk", "S"), ("sk", "N"), ("g", "S")), GlobalSecondaryIndexes=[gsi("bg", "g")]))
    put = lambda item: {"PutRequest": {"Item": item}}
    dele = lambda key: {"DeleteRequest": {"Key": key}}
    ka = lambda i: {"pk": S("a%d" % i)}
    kb = lambda i, s=1: {"pk": S("b%d" % i), "sk": N(s)}
    W = lambda cid, ri, **kw: A("bt-w-" + cid, "BatchWriteItem", dict({"RequestItems": ri}, **kw))
    W("two-tables", {TA: [put(dict(ka(i), v=N(i))) for i in range(5)],
                     TB: [put(dict(kb(i), g=S("x"), v=S("y" * i))) for i in range(4)]})
    W("capacity-total", {TA: [put(dict(ka(9), big=S("x" * 3000)))], TB: [put(kb(9))]},
      ReturnConsumedCapacity="TOTAL")
    W("capacity-indexes", {TB: [put(dict(kb(8), g=S("z")))]}, ReturnConsumedCapacity="INDEXES")
    W("capacity-none", {TA: [put(ka(20))]}, ReturnConsumedCapacity="NONE")
    W("metrics-size", {TA: [put(ka(21))]}, ReturnItemCollectionMetrics="SIZE")
    W("delete-existing", {TA: [dele(ka(0)), dele(ka(1))], TB: [dele(kb(0))]},
      ReturnConsumedCapacity="TOTAL")
    W("delete-missing-capacity", {TA: [dele(ka(77))]}, ReturnConsumedCapacity="TOTAL")
    W("delete-missing", {TA: [dele(ka(78))]})
    W("overwrite", {TA: [put({"pk": S("a2"), "w": S("new")})]})
    W("25", {TA: [put(dict(ka(100 + i))) for i in range(13)],
             TB: [put(kb(100 + i)) for i in range(12)]})
    W("26", {TA: [put(dict(ka(200 + i))) for i in range(13)],
             TB: [put(kb(200 + i)) for i in range(13)]})
    W("dup-put-put", {TA: [put(ka(30)), put(dict(ka(30), v=N(1)))]})
    W("dup-put-delete", {TA: [put(ka(31)), dele(ka(31))]})
    W("dup-delete-delete", {TB: [dele(kb(1)), dele(kb(1))]})
    W("same-key-two-tables", {TA: [put({"pk": S("same")})], TB: [put({"pk": S("same"), "sk": N(1)})]})
    W("empty", {})
    W("empty-list", {TA: []})
    W("missing-table", {"bt_nope": [put(ka(1))]})
    W("missing-and-existing", {TA: [put(ka(40))], "bt_nope": [put(ka(1))]})
    W("bad-table-name", {"ab": [put(ka(1))]})
    W("put-and-delete", {TA: [{"PutRequest": {"Item": ka(41)}, "DeleteRequest": {"Key": ka(41)}}]})
    W("neither", {TA: [{}]})
    W("put-missing-key", {TB: [put({"pk": S("x")})]})
    W("put-wrong-key-type", {TA: [put({"pk": N(1)})]})
    W("put-index-key-type", {TB: [put(dict(kb(50), g=N(1)))]})
    W("put-index-key-empty", {TB: [put(dict(kb(51), g=S("")))]})
    W("delete-extra-attr", {TA: [dele(dict(ka(2), v=N(1)))]})
    W("delete-missing-sk", {TB: [dele({"pk": S("b1")})]})
    W("put-too-big", {TA: [put(ka(42)), put(dict(ka(43), d=S("x" * 409600)))]})
    W("put-empty-set", {TA: [put(dict(ka(44), s={"SS": []}))]})
    W("rcc-enum", {TA: [put(ka(45))]}, ReturnConsumedCapacity="FOO")
    W("no-request-items", None)
    A("bt-check-a", "Scan", {"TableName": TA})
    A("bt-check-b", "Scan", {"TableName": TB})
    A("bt-check-b-index", "Query", {"TableName": TB, "IndexName": "bg", "KeyConditionExpression": "g = :g",
                                    "ExpressionAttributeValues": {":g": S("x")}})
    G = lambda cid, ri, **kw: A("bt-g-" + cid, "BatchGetItem", dict({"RequestItems": ri}, **kw))
    G("two-tables", {TA: {"Keys": [ka(2), ka(3), ka(4)]}, TB: {"Keys": [kb(1), kb(2)]}})
    G("some-missing", {TA: {"Keys": [ka(3), ka(999)]}})
    G("all-missing", {TA: {"Keys": [ka(998), ka(999)]}})
    G("projection", {TA: {"Keys": [ka(2), ka(3)], "ProjectionExpression": "v, #w",
                          "ExpressionAttributeNames": {"#w": "w"}},
                     TB: {"Keys": [kb(2)], "ProjectionExpression": "sk"}})
    G("projection-nested", {TB: {"Keys": [kb(3)], "ProjectionExpression": "v, g, nope.x"}})
    G("projection-unused-name", {TA: {"Keys": [ka(2)], "ProjectionExpression": "v",
                                      "ExpressionAttributeNames": {"#w": "w"}}})
    G("projection-bad", {TA: {"Keys": [ka(2)], "ProjectionExpression": "v,,"}})
    G("projection-undefined-name", {TA: {"Keys": [ka(2)], "ProjectionExpression": "#q"}})
    G("attributes-to-get", {TA: {"Keys": [ka(2)], "AttributesToGet": ["v"]}})
    G("consistent", {TA: {"Keys": [ka(3)], "ConsistentRead": True}})
    G("capacity-total", {TA: {"Keys": [ka(3), ka(9)]}, TB: {"Keys": [kb(1)], "ConsistentRead": True}},
      ReturnConsumedCapacity="TOTAL")
    G("capacity-indexes", {TB: {"Keys": [kb(2)]}}, ReturnConsumedCapacity="INDEXES")
    G("capacity-missing-keys", {TA: {"Keys": [ka(997)]}}, ReturnConsumedCapacity="TOTAL")
    G("duplicates", {TA: {"Keys": [ka(2), ka(2)]}})
    G("100", {TA: {"Keys": [ka(100 + i) for i in range(50)]},
              TB: {"Keys": [kb(100 + i) for i in range(50)]}})
    G("101", {TA: {"Keys": [ka(i) for i in range(101)]}})
    G("empty", {})
    G("empty-keys", {TA: {"Keys": []}})
    G("no-keys", {TA: {}})
    G("missing-table", {"bt_nope": {"Keys": [ka(1)]}})
    G("missing-sk", {TB: {"Keys": [{"pk": S("b1")}]}})
    G("wrong-key-type", {TA: {"Keys": [{"pk": N(1)}]}})
    G("extra-key-attr", {TA: {"Keys": [dict(ka(2), v=N(2))]}})
    G("rcc-enum", {TA: {"Keys": [ka(2)]}}, ReturnConsumedCapacity="FOO")


# ---- transactions -----------------------------------------------------------------------
def transactions(c):
    c.file("transactions.jsonl")
    A = c.add
    TA, TB = "tx_a", "tx_b"
    A("tx-create-a", "CreateTable", table(TA))
    A("tx-create-b", "CreateTable", table(TB, "S", "N"))
    ka = lambda v: {"pk": S(v)}
    kb = lambda v, s=1: {"pk": S(v), "sk": N(s)}
    W = lambda cid, items, **kw: A("tx-w-" + cid, "TransactWriteItems", dict({"TransactItems": items}, **kw))
    P = lambda t, item, **kw: {"Put": dict({"TableName": t, "Item": item}, **kw)}
    Dl = lambda t, key, **kw: {"Delete": dict({"TableName": t, "Key": key}, **kw)}
    Up = lambda t, key, expr, vals=None, **kw: {"Update": dict(
        {"TableName": t, "Key": key, "UpdateExpression": expr}, **(
            dict(kw, ExpressionAttributeValues=vals) if vals else kw))}
    CC = lambda t, key, cond, vals=None, **kw: {"ConditionCheck": dict(
        {"TableName": t, "Key": key, "ConditionExpression": cond}, **(
            dict(kw, ExpressionAttributeValues=vals) if vals else kw))}
    W("seed", [P(TA, dict(ka("a1"), n=N(1))), P(TA, dict(ka("a2"), n=N(2))),
               P(TB, dict(kb("b1"), s=S("x"))), P(TB, dict(kb("b1", 2), s=S("y")))])
    W("mixed", [Up(TA, ka("a1"), "SET n = n + :one", {":one": N(1)}),
                Dl(TA, ka("a2")), CC(TB, kb("b1"), "s = :x", {":x": S("x")}),
                P(TB, dict(kb("b2"), s=S("new")), ConditionExpression="attribute_not_exists(pk)")])
    A("tx-check-a", "Scan", {"TableName": TA})
    A("tx-check-b", "Scan", {"TableName": TB})
    W("cond-fail", [P(TA, ka("a3")), CC(TB, kb("b1"), "s = :y", {":y": S("nope")})])
    W("cond-fail-allold", [Up(TA, ka("a1"), "SET n = :z", {":z": N(0)}),
                           CC(TB, kb("b1"), "s = :y", {":y": S("nope")},
                              ReturnValuesOnConditionCheckFailure="ALL_OLD")])
    W("cond-fail-allold-missing", [CC(TA, ka("zz"), "attribute_exists(pk)",
                                      ReturnValuesOnConditionCheckFailure="ALL_OLD")])
    W("cond-fail-two", [P(TA, ka("a1"), ConditionExpression="attribute_not_exists(pk)",
                          ReturnValuesOnConditionCheckFailure="ALL_OLD"),
                        Dl(TB, kb("b1", 2), ConditionExpression="s = :q",
                           ExpressionAttributeValues={":q": S("q")}),
                        P(TA, ka("a9"))])
    W("cond-fail-rvoccf-none", [Dl(TA, ka("a1"), ConditionExpression="n = :q",
                                   ExpressionAttributeValues={":q": N(100)},
                                   ReturnValuesOnConditionCheckFailure="NONE")])
    W("rvoccf-enum", [Dl(TA, ka("a1"), ReturnValuesOnConditionCheckFailure="ALL_NEW")])
    A("tx-check-a-unchanged", "Scan", {"TableName": TA})
    W("dup-items", [P(TA, ka("d")), Up(TA, ka("d"), "SET x = :x", {":x": S("1")})])
    W("dup-items-two-tables-ok", [P(TA, ka("dup")), P(TB, kb("dup"))])
    W("dup-cc-and-put", [CC(TA, ka("a1"), "attribute_exists(pk)"), P(TA, ka("a1"))])
    W("empty", [])
    W("100", [P(TA, ka("m%d" % i)) for i in range(100)])
    W("101", [P(TA, ka("n%d" % i)) for i in range(101)])
    W("missing-table", [P("tx_nope", ka("a"))])
    W("missing-table-and-cond", [CC(TA, ka("zz"), "attribute_exists(pk)"), P("tx_nope", ka("a"))])
    W("no-action", [{}])
    W("two-actions", [{"Put": {"TableName": TA, "Item": ka("x")},
                       "Delete": {"TableName": TA, "Key": ka("x")}}])
    W("update-key", [Up(TA, ka("a1"), "SET pk = :v", {":v": S("q")})])
    W("update-key-with-other", [P(TA, ka("ok1")), Up(TA, ka("a1"), "SET pk = :v", {":v": S("q")})])
    W("put-missing-key", [P(TB, {"pk": S("x")})])
    W("put-too-big", [P(TA, dict(ka("big"), d=S("x" * 409600)))])
    W("cc-no-condition", [{"ConditionCheck": {"TableName": TA, "Key": ka("a1")}}])
    W("bad-expression", [Up(TA, ka("a1"), "SET n = ", None)])
    W("unused-eav", [P(TA, ka("e"), ExpressionAttributeValues={":v": S("x")})])
    W("add-to-string", [Up(TB, kb("b1"), "ADD s :one", {":one": N(1)})])
    W("token", [P(TA, dict(ka("tok"), v=N(1)))], ClientRequestToken="tok-1")
    W("token-replay", [P(TA, dict(ka("tok"), v=N(1)))], ClientRequestToken="tok-1")
    W("token-mismatch", [P(TA, dict(ka("tok"), v=N(2)))], ClientRequestToken="tok-1")
    W("token-too-long", [P(TA, ka("tok2"))], ClientRequestToken="t" * 37)
    W("capacity-total", [P(TA, ka("c1")), P(TB, kb("c1"))], ReturnConsumedCapacity="TOTAL")
    W("capacity-indexes", [P(TA, ka("c2"))], ReturnConsumedCapacity="INDEXES")
    W("metrics-size", [P(TB, kb("c3"))], ReturnItemCollectionMetrics="SIZE")
    W("rcc-enum", [P(TA, ka("c4"))], ReturnConsumedCapacity="FOO")
    W("return-values-none", [Up(TA, ka("a1"), "SET q = :v", {":v": S("1")})])
    A("tx-check-a-after", "Scan", {"TableName": TA})
    G = lambda cid, items, **kw: A("tx-g-" + cid, "TransactGetItems", dict({"TransactItems": items}, **kw))
    Gt = lambda t, key, **kw: {"Get": dict({"TableName": t, "Key": key}, **kw)}
    G("two-tables", [Gt(TA, ka("a1")), Gt(TB, kb("b1")), Gt(TA, ka("missing"))])
    G("projection", [Gt(TA, ka("a1"), ProjectionExpression="#n", ExpressionAttributeNames={"#n": "n"}),
                     Gt(TB, kb("b2"), ProjectionExpression="sk, nope")])
    G("projection-bad", [Gt(TA, ka("a1"), ProjectionExpression="n,")])
    G("duplicates", [Gt(TA, ka("a1")), Gt(TA, ka("a1"))])
    G("missing-table", [Gt("tx_nope", ka("a1"))])
    G("missing-sk", [Gt(TB, {"pk": S("b1")})])
    G("wrong-key-type", [Gt(TA, {"pk": N(1)})])
    G("empty", [])
    G("100", [Gt(TA, ka("m%d" % i)) for i in range(100)])
    G("101", [Gt(TA, ka("m%d" % i)) for i in range(101)])
    G("capacity-total", [Gt(TA, ka("a1")), Gt(TB, kb("b1"))], ReturnConsumedCapacity="TOTAL")
    G("capacity-indexes", [Gt(TA, ka("a1"))], ReturnConsumedCapacity="INDEXES")
    G("no-get", [{}])


# ---- streams, time to live, tags ------------------------------------------------------------
def streams(c):
    c.file("streams.jsonl")
    A = c.add
    SA, SB = "st_a", "st_b"
    spec = lambda view, on=True: {"StreamEnabled": on, "StreamViewType": view}
    X = lambda cid, op, body=None, **kw: A("st-" + cid, op, body, api="streams", **kw)
    A("st-create-a", "CreateTable", dict(table(SA, "S", "S"),
                                         StreamSpecification=spec("NEW_AND_OLD_IMAGES")))
    A("st-create-b", "CreateTable", table(SB))
    A("st-describe-a", "DescribeTable", {"TableName": SA})
    A("st-describe-b", "DescribeTable", {"TableName": SB})
    bad = {"no-view-type": {"StreamEnabled": True}, "view-enum": spec("ALL"),
           "disabled-with-view": spec("KEYS_ONLY", False), "disabled": {"StreamEnabled": False},
           "no-enabled": {"StreamViewType": "KEYS_ONLY"}, "empty": {}}
    for k, s in bad.items():
        A("st-create-bad-" + k, "CreateTable", dict(table("st_bad"), StreamSpecification=s))
        A("st-cleanup-" + k, "DeleteTable", {"TableName": "st_bad"})
    for k in ("no-view-type", "view-enum", "disabled-with-view", "empty"):
        A("st-update-bad-" + k, "UpdateTable", {"TableName": SB, "StreamSpecification": bad[k]})
    A("st-update-b-disable-none", "UpdateTable", {"TableName": SB, "StreamSpecification":
                                                 {"StreamEnabled": False}})
    A("st-update-a-enable-again", "UpdateTable", {"TableName": SA,
                                                  "StreamSpecification": spec("KEYS_ONLY")})
    A("st-update-b-enable", "UpdateTable", {"TableName": SB, "StreamSpecification": spec("KEYS_ONLY")})
    A("st-describe-b-enabled", "DescribeTable", {"TableName": SB})
    X("list-a", "ListStreams", {"TableName": SA})
    X("list-b", "ListStreams", {"TableName": SB})
    X("list-a-limit-1", "ListStreams", {"TableName": SA, "Limit": 1})
    X("list-missing-table", "ListStreams", {"TableName": "st_nope"})
    X("list-limit-0", "ListStreams", {"Limit": 0})
    X("list-limit-101", "ListStreams", {"Limit": 101})
    X("list-bad-table-name", "ListStreams", {"TableName": "ab"})
    X("list-bad-start-arn", "ListStreams", {"TableName": SA, "ExclusiveStartStreamArn": "short"})
    X("unknown-op", "NoSuchStreamsOp", {})
    A("st-streams-op-on-dynamodb-target", "ListStreams", {})
    # writes, then the records
    k1 = {"pk": S("a"), "sk": S("1")}
    A("st-put-1", "PutItem", {"TableName": SA, "Item": dict(k1, v=N(1), s={"SS": ["b", "a"]})})
    A("st-put-2", "PutItem", {"TableName": SA, "Item": dict(k1, v=N(2))})
    A("st-put-same", "PutItem", {"TableName": SA, "Item": dict(k1, v=N(2))})
    A("st-update-1", "UpdateItem", {"TableName": SA, "Key": k1, "UpdateExpression": "SET w = :w",
                                    "ExpressionAttributeValues": {":w": S("x")}})
    A("st-delete-missing", "DeleteItem", {"TableName": SA, "Key": {"pk": S("nope"), "sk": S("1")}})
    A("st-cond-fail", "PutItem", {"TableName": SA, "Item": k1, "ConditionExpression": "attribute_not_exists(pk)"})
    A("st-delete-1", "DeleteItem", {"TableName": SA, "Key": k1})
    A("st-batch", "BatchWriteItem", {"RequestItems": {SA: [
        {"PutRequest": {"Item": {"pk": S("b"), "sk": S("1")}}}]}})
    A("st-tx", "TransactWriteItems", {"TransactItems": [
        {"Put": {"TableName": SA, "Item": {"pk": S("c"), "sk": S("1"), "t": {"BOOL": True}}}}]})
    arn = {"StreamArn": ["st-describe-a", "Table.LatestStreamArn"]}
    X("describe-stream", "DescribeStream", {}, subst=arn)
    X("describe-stream-limit", "DescribeStream", {"Limit": 1}, subst=arn)
    X("describe-stream-limit-0", "DescribeStream", {"Limit": 0}, subst=arn)
    shard = dict(arn, ShardId=["st-describe-stream", "StreamDescription.Shards.0.ShardId"])
    X("iter-trim", "GetShardIterator", {"ShardIteratorType": "TRIM_HORIZON"}, subst=shard)
    X("iter-latest", "GetShardIterator", {"ShardIteratorType": "LATEST"}, subst=shard)
    X("iter-type-enum", "GetShardIterator", {"ShardIteratorType": "OLDEST"}, subst=shard)
    X("iter-at-no-seq", "GetShardIterator", {"ShardIteratorType": "AT_SEQUENCE_NUMBER"}, subst=shard)
    X("iter-trim-with-seq", "GetShardIterator", {"ShardIteratorType": "TRIM_HORIZON",
                                                 "SequenceNumber": "1" * 21}, subst=shard)
    X("iter-bad-shard", "GetShardIterator", {"ShardIteratorType": "TRIM_HORIZON",
                                             "ShardId": "shardId-00000000000000000000-00000000"}, subst=arn)
    X("iter-short-shard", "GetShardIterator", {"ShardIteratorType": "TRIM_HORIZON",
                                               "ShardId": "x"}, subst=arn)
    X("records", "GetRecords", {}, subst={"ShardIterator": ["st-iter-trim", "ShardIterator"]})
    X("records-limit-2", "GetRecords", {"Limit": 2},
      subst={"ShardIterator": ["st-iter-trim", "ShardIterator"]})
    X("records-limit-0", "GetRecords", {"Limit": 0},
      subst={"ShardIterator": ["st-iter-trim", "ShardIterator"]})
    X("records-latest", "GetRecords", {}, subst={"ShardIterator": ["st-iter-latest", "ShardIterator"]})
    X("records-bad-iterator", "GetRecords", {"ShardIterator": "garbage"})
    X("records-no-iterator", "GetRecords", {})
    unknown = "arn:aws:dynamodb:ddblocal:000000000000:table/nope/stream/2020-01-01T00:00:00.000"
    X("describe-unknown", "DescribeStream", {"StreamArn": unknown})
    X("describe-bad-arn", "DescribeStream", {"StreamArn": "not-an-arn"})
    X("describe-no-arn", "DescribeStream", {})
    X("iter-unknown-stream", "GetShardIterator", {"StreamArn": unknown, "ShardIteratorType": "LATEST",
                                                  "ShardId": "shardId-00000000000000000000-00000000"})
    # disabling keeps LatestStreamArn
    A("st-update-a-disable", "UpdateTable", {"TableName": SA, "StreamSpecification": {"StreamEnabled": False}})
    A("st-describe-a-disabled", "DescribeTable", {"TableName": SA})
    A("st-update-a-disable-again", "UpdateTable", {"TableName": SA,
                                                   "StreamSpecification": {"StreamEnabled": False}})
    X("list-a-disabled", "ListStreams", {"TableName": SA})
    X("describe-stream-disabled", "DescribeStream", {}, subst=arn)
    # time to live
    T = "ttl_t"
    A("ttl-create", "CreateTable", table(T))
    ttl = lambda on, attr="exp": {"TableName": T, "TimeToLiveSpecification": {
        "Enabled": on, "AttributeName": attr}}
    A("ttl-describe-default", "DescribeTimeToLive", {"TableName": T})
    A("ttl-disable-when-disabled", "UpdateTimeToLive", ttl(False))
    A("ttl-enable", "UpdateTimeToLive", ttl(True))
    A("ttl-describe-enabled", "DescribeTimeToLive", {"TableName": T})
    A("ttl-enable-again", "UpdateTimeToLive", ttl(True))
    A("ttl-enable-other-attr", "UpdateTimeToLive", ttl(True, "other"))
    A("ttl-disable-other-attr", "UpdateTimeToLive", ttl(False, "other"))
    A("ttl-disable", "UpdateTimeToLive", ttl(False))
    A("ttl-describe-disabled", "DescribeTimeToLive", {"TableName": T})
    A("ttl-describe-missing", "DescribeTimeToLive", {"TableName": "ttl_nope"})
    A("ttl-describe-no-name", "DescribeTimeToLive", {})
    A("ttl-update-missing-table", "UpdateTimeToLive", dict(ttl(True), TableName="ttl_nope"))
    A("ttl-update-no-spec", "UpdateTimeToLive", {"TableName": T})
    A("ttl-update-empty-attr", "UpdateTimeToLive", ttl(True, ""))
    A("ttl-update-long-attr", "UpdateTimeToLive", ttl(True, "a" * 256))
    A("ttl-update-no-attr", "UpdateTimeToLive", {"TableName": T, "TimeToLiveSpecification": {"Enabled": True}})
    A("ttl-update-no-enabled", "UpdateTimeToLive", {"TableName": T, "TimeToLiveSpecification": {"AttributeName": "e"}})
    A("ttl-update-key-attr", "UpdateTimeToLive", ttl(True, "pk"))
    A("ttl-describe-after", "DescribeTimeToLive", {"TableName": T})
    # tags and endpoints (DynamoDB Local does not implement them)
    tarn = "arn:aws:dynamodb:ddblocal:000000000000:table/" + T
    A("tag-create-with-tags", "CreateTable", dict(table("tag_t"), Tags=[{"Key": "k", "Value": "v"}]))
    A("tag-resource", "TagResource", {"ResourceArn": tarn, "Tags": [{"Key": "a", "Value": "1"}]})
    A("tag-list", "ListTagsOfResource", {"ResourceArn": tarn})
    A("tag-untag", "UntagResource", {"ResourceArn": tarn, "TagKeys": ["a"]})
    A("tag-resource-empty", "TagResource", {"ResourceArn": tarn, "Tags": []})
    A("tag-list-missing", "ListTagsOfResource", {"ResourceArn": tarn + "_nope"})
    A("tag-describe-endpoints", "DescribeEndpoints", {})
