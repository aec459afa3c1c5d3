#!/usr/bin/env python3
"""Generate the differential corpus (corpus/*.jsonl) for run_diff.py.

Every line is {"id", "op", "body"} plus optional "raw_body" (sent verbatim instead of
body), "headers" (overrides; a null value removes the header), "esk_from" (replace
body.ExclusiveStartKey with this server's LastEvaluatedKey from that earlier case),
"loose" ("page": Scan page, compare Count/ScannedCount/LastEvaluatedKey presence only;
"segment": compare status only) and "collect" (add the response Items to a named group;
the groups' unions are compared at the end).

The files are replayed in the order of FILES, each file creating the tables it uses.
This module holds the table, type, item, capacity and protocol cases; gen_corpus_expr.py
holds update, condition, projection, query and scan cases; gen_corpus_v2.py holds index,
batch, transaction, stream, TTL and tag cases; gen_corpus_partiql.py holds the PartiQL cases
(ExecuteStatement, BatchExecuteStatement, ExecuteTransaction).
Run: /usr/bin/python3 gen_corpus.py   (rewrites corpus/*.jsonl)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


class Corpus:
    def __init__(self):
        self.files = {}
        self.current = None
        self.ids = set()

    def file(self, name):
        self.current = self.files.setdefault(name, [])

    def add(self, cid, op, body=None, **extra):
        assert cid not in self.ids, cid
        self.ids.add(cid)
        case = {"id": cid, "op": op, "body": body if body is not None else {}}
        case.update(extra)
        self.current.append(case)

    def write(self):
        os.makedirs(CORPUS, exist_ok=True)
        for name, cases in self.files.items():
            with open(os.path.join(CORPUS, name), "w") as f:
                for case in cases:
                    f.write(json.dumps(case, sort_keys=False) + "\n")


# ---- helpers --------------------------------------------------------------------------
def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


def ks(*pairs):
    return [{"AttributeName": a, "KeyType": t} for a, t in pairs]


def ad(*pairs):
    return [{"AttributeName": a, "AttributeType": t} for a, t in pairs]


def pt(r, w):
    return {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


def table(name, hash_type="S", range_type=None, billing="PAY_PER_REQUEST"):
    keys = [("pk", "HASH")] + ([("sk", "RANGE")] if range_type else [])
    defs = [("pk", hash_type)] + ([("sk", range_type)] if range_type else [])
    body = {"TableName": name, "KeySchema": ks(*keys), "AttributeDefinitions": ad(*defs)}
    if billing == "PAY_PER_REQUEST":
        body["BillingMode"] = "PAY_PER_REQUEST"
    else:
        body["ProvisionedThroughput"] = pt(5, 5)
    return body


# ---- tables ---------------------------------------------------------------------------
def tables(c):
    c.file("tables.jsonl")
    A = c.add
    hs = {"TableName": "tbl_hash", "KeySchema": ks(("pk", "HASH")),
          "AttributeDefinitions": ad(("pk", "S")), "ProvisionedThroughput": pt(5, 5)}
    A("tbl-create-hash-s", "CreateTable", hs)
    A("tbl-create-hash-range-ppr", "CreateTable", table("tbl_hr", "S", "N"))
    A("tbl-create-hash-b-explicit-provisioned", "CreateTable", dict(
        table("tbl_b", "B", billing="PROVISIONED"), BillingMode="PROVISIONED"))
    A("tbl-create-hash-n-range-b", "CreateTable", table("tbl_nb", "N", "B"))
    A("tbl-create-dotted-name", "CreateTable", table("My-Table_1.x"))
    A("tbl-create-name-255", "CreateTable", table("t" * 255))
    A("tbl-create-name-3", "CreateTable", table("abc"))
    for name in ["tbl_hash", "tbl_hr", "tbl_b", "tbl_nb", "My-Table_1.x"]:
        A("tbl-describe-" + name, "DescribeTable", {"TableName": name})
    A("tbl-create-duplicate", "CreateTable", hs)
    hs = dict(hs, TableName="tbl_bad")
    bad = {
        "name-2-chars": dict(hs, TableName="ab"),
        "name-space": dict(hs, TableName="a b"),
        "name-256": dict(hs, TableName="t" * 256),
        "name-empty": dict(hs, TableName=""),
        "name-missing": {k: v for k, v in hs.items() if k != "TableName"},
        "keyschema-missing": {k: v for k, v in hs.items() if k != "KeySchema"},
        "attrdefs-missing": {k: v for k, v in hs.items() if k != "AttributeDefinitions"},
        "keyschema-empty": dict(hs, KeySchema=[]),
        "keyschema-3": dict(hs, KeySchema=ks(("pk", "HASH"), ("a", "RANGE"), ("b", "RANGE")),
                            AttributeDefinitions=ad(("pk", "S"), ("a", "S"), ("b", "S"))),
        "two-hash": dict(hs, KeySchema=ks(("pk", "HASH"), ("sk", "HASH")),
                         AttributeDefinitions=ad(("pk", "S"), ("sk", "S"))),
        "range-only": dict(hs, KeySchema=ks(("pk", "RANGE"))),
        "range-first": dict(hs, KeySchema=ks(("sk", "RANGE"), ("pk", "HASH")),
                            AttributeDefinitions=ad(("pk", "S"), ("sk", "S"))),
        "same-attr-hash-range": dict(hs, KeySchema=ks(("pk", "HASH"), ("pk", "RANGE"))),
        "keytype-enum": dict(hs, KeySchema=ks(("pk", "FOO"))),
        "attrtype-enum": dict(hs, AttributeDefinitions=ad(("pk", "X"))),
        "attrtype-bool": dict(hs, AttributeDefinitions=ad(("pk", "BOOL"))),
        "extra-attrdef": dict(hs, AttributeDefinitions=ad(("pk", "S"), ("x", "S"))),
        "key-not-defined": dict(hs, AttributeDefinitions=ad(("zz", "S"))),
        "dup-attrdef": dict(hs, AttributeDefinitions=ad(("pk", "S"), ("pk", "N"))),
        "no-throughput": {k: v for k, v in hs.items() if k != "ProvisionedThroughput"},
        "provisioned-no-throughput": dict(
            {k: v for k, v in hs.items() if k != "ProvisionedThroughput"},
            BillingMode="PROVISIONED"),
        "throughput-0": dict(hs, ProvisionedThroughput=pt(0, 5)),
        "throughput-neg": dict(hs, ProvisionedThroughput=pt(5, -1)),
        "throughput-40001": dict(hs, ProvisionedThroughput=pt(40001, 5)),
        "throughput-missing-wcu": dict(hs, ProvisionedThroughput={"ReadCapacityUnits": 5}),
        "billing-enum": dict(hs, BillingMode="FOO"),
        "ppr-with-throughput": dict(hs, TableName="tbl_ppr_pt", BillingMode="PAY_PER_REQUEST"),
        "gsi": dict(hs, TableName="tbl_gsi", AttributeDefinitions=ad(("pk", "S"), ("g", "S")),
                    GlobalSecondaryIndexes=[{"IndexName": "gsi1", "KeySchema": ks(("g", "HASH")),
                                             "Projection": {"ProjectionType": "ALL"},
                                             "ProvisionedThroughput": pt(1, 1)}]),
        "lsi": dict(hs, TableName="tbl_lsi", KeySchema=ks(("pk", "HASH"), ("sk", "RANGE")),
                    AttributeDefinitions=ad(("pk", "S"), ("sk", "S"), ("l", "S")),
                    LocalSecondaryIndexes=[{"IndexName": "lsi1",
                                            "KeySchema": ks(("pk", "HASH"), ("l", "RANGE")),
                                            "Projection": {"ProjectionType": "KEYS_ONLY"}}]),
        "stream": dict(hs, TableName="tbl_stream",
                       StreamSpecification={"StreamEnabled": True,
                                            "StreamViewType": "NEW_IMAGE"}),
    }
    for k, body in bad.items():
        A("tbl-create-bad-" + k, "CreateTable", body)
        if body.get("TableName", "tbl_bad") != "tbl_bad":
            # DynamoDB Local may create these; drop them so later listings agree
            A("tbl-cleanup-" + k, "DeleteTable", {"TableName": body["TableName"]})
    A("tbl-cleanup-bad", "DeleteTable", {"TableName": "tbl_bad"})
    A("tbl-list", "ListTables", {})
    A("tbl-list-limit-2", "ListTables", {"Limit": 2})
    A("tbl-list-start-abc", "ListTables", {"ExclusiveStartTableName": "abc", "Limit": 2})
    A("tbl-list-start-last", "ListTables", {"ExclusiveStartTableName": "tbl_nb", "Limit": 3})
    A("tbl-list-start-zzz", "ListTables", {"ExclusiveStartTableName": "zzz"})
    A("tbl-list-limit-0", "ListTables", {"Limit": 0})
    A("tbl-list-limit-101", "ListTables", {"Limit": 101})
    A("tbl-list-limit-100", "ListTables", {"Limit": 100})
    A("tbl-list-bad-start-name", "ListTables", {"ExclusiveStartTableName": "a"})
    # UpdateTable
    U = lambda cid, body: A("tbl-update-" + cid, "UpdateTable", dict({"TableName": "tbl_hash"}, **body))
    U("throughput-10", {"ProvisionedThroughput": pt(10, 10)})
    A("tbl-describe-after-update-10", "DescribeTable", {"TableName": "tbl_hash"})
    U("throughput-same", {"ProvisionedThroughput": pt(10, 10)})
    U("throughput-0", {"ProvisionedThroughput": pt(0, 1)})
    U("throughput-40001", {"ProvisionedThroughput": pt(1, 40001)})
    U("nothing", {})
    U("billing-enum", {"BillingMode": "FOO"})
    U("to-ppr", {"BillingMode": "PAY_PER_REQUEST"})
    A("tbl-describe-after-ppr", "DescribeTable", {"TableName": "tbl_hash"})
    U("throughput-on-ppr", {"ProvisionedThroughput": pt(3, 3)})
    U("ppr-again", {"BillingMode": "PAY_PER_REQUEST"})
    U("provisioned-no-throughput", {"BillingMode": "PROVISIONED"})
    U("back-to-provisioned", {"BillingMode": "PROVISIONED", "ProvisionedThroughput": pt(3, 4)})
    A("tbl-describe-after-back", "DescribeTable", {"TableName": "tbl_hash"})
    U("deletion-protection-on", {"DeletionProtectionEnabled": True})
    A("tbl-describe-protected", "DescribeTable", {"TableName": "tbl_hash"})
    A("tbl-delete-protected", "DeleteTable", {"TableName": "tbl_hash"})
    U("deletion-protection-off", {"DeletionProtectionEnabled": False})
    A("tbl-update-missing-table", "UpdateTable",
      {"TableName": "nope_table", "ProvisionedThroughput": pt(1, 1)})
    A("tbl-update-bad-name", "UpdateTable", {"TableName": "x", "BillingMode": "PROVISIONED"})
    # features ddb-server lacks, on their own table (DynamoDB Local applies them)
    A("tbl-create-feat", "CreateTable", table("tbl_feat", billing="PROVISIONED"))
    U("gsi-updates", {"TableName": "tbl_feat", "AttributeDefinitions": ad(("g", "S")), "GlobalSecondaryIndexUpdates": [
        {"Create": {"IndexName": "gsi1", "KeySchema": ks(("g", "HASH")),
                    "Projection": {"ProjectionType": "ALL"},
                    "ProvisionedThroughput": pt(1, 1)}}]})
    U("stream", {"TableName": "tbl_feat", "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}})
    # a decrease, on its own table (NumberOfDecreasesToday would show in later descriptions)
    A("tbl-create-dec", "CreateTable", table("tbl_dec", billing="PROVISIONED"))
    A("tbl-update-dec-write-only", "UpdateTable",
      {"TableName": "tbl_dec", "ProvisionedThroughput": pt(5, 2)})
    A("tbl-update-dec-read-increase", "UpdateTable",
      {"TableName": "tbl_dec", "ProvisionedThroughput": pt(6, 2)})
    A("tbl-describe-dec", "DescribeTable", {"TableName": "tbl_dec"})
    A("tbl-delete-dec", "DeleteTable", {"TableName": "tbl_dec"})
    A("tbl-create-protected", "CreateTable", dict(table("tbl_prot"), DeletionProtectionEnabled=True))
    A("tbl-delete-protected-2", "DeleteTable", {"TableName": "tbl_prot"})
    # DescribeTable / DeleteTable
    A("tbl-describe-missing", "DescribeTable", {"TableName": "nope_table"})
    A("tbl-describe-bad-name", "DescribeTable", {"TableName": "a"})
    A("tbl-describe-no-name", "DescribeTable", {})
    A("tbl-delete-b", "DeleteTable", {"TableName": "tbl_b"})
    A("tbl-delete-b-again", "DeleteTable", {"TableName": "tbl_b"})
    A("tbl-describe-deleted", "DescribeTable", {"TableName": "tbl_b"})
    A("tbl-delete-bad-name", "DeleteTable", {"TableName": "ab"})
    A("tbl-delete-no-name", "DeleteTable", {})
    A("tbl-delete-255", "DeleteTable", {"TableName": "t" * 255})
    A("tbl-list-after-delete", "ListTables", {})


# ---- types ----------------------------------------------------------------------------
NUMBERS = [
    ("zero", "0"), ("neg-zero", "-0"), ("zero-point", "0.000"), ("scale", "1.50"),
    ("hundred", "100"), ("exp", "1e2"), ("exp-plus", "1E+30"), ("exp-neg", "1.5e-3"),
    ("leading-zeros", "00012"), ("neg-frac", "-00.100"), ("dot-first", ".5"),
    ("dot-last", "5."), ("plus", "+5"), ("d38", "12345678901234567890123456789012345678"),
    ("d39", "123456789012345678901234567890123456789"),
    ("d38-trailing-zeros", "1234567890123456789012345678901234567800000"),
    ("d39-exp", "123456789012345678901234567890123456789e-5"),
    ("tiny", "0.000000000000000000000000000000000000001"),
    ("max", "9.9999999999999999999999999999999999999E+125"), ("overflow", "1E+126"),
    ("min", "1E-130"), ("underflow", "1E-131"), ("neg-min", "-1E-130"),
    ("neg-max", "-9.9999999999999999999999999999999999999E+125"), ("neg-overflow", "-1e126"),
    ("alpha", "abc"), ("empty", ""), ("lead-space", " 1"), ("trail-space", "1 "),
    ("hex", "0x10"), ("nan", "NaN"), ("inf", "Infinity"), ("e-only", "1e"),
    ("double-minus", "--1"), ("two-dots", "1.2.3"), ("big-int-exact", "99999999999999999999"),
    ("neg-exp-zero", "0e10"), ("small-frac", "-0.0000001"),
]


def nest_list(depth):
    v = S("x")
    for _ in range(depth):
        v = {"L": [v]}
    return v


def nest_map(depth):
    v = S("x")
    for _ in range(depth):
        v = {"M": {"k": v}}
    return v


def types(c):
    c.file("types.jsonl")
    A = c.add
    A("ty-create", "CreateTable", table("types"))
    A("ty-create-n", "CreateTable", table("types_n", "N"))
    A("ty-create-b", "CreateTable", table("types_b", "B"))
    A("ty-create-hr", "CreateTable", table("types_hr", "S", "S"))
    vals = {
        "s": S("héllo ✓"), "s-empty": S(""), "n": N("3.14"), "b": {"B": "AQID"},
        "b-empty": {"B": ""}, "bool-t": {"BOOL": True}, "bool-f": {"BOOL": False},
        "null": {"NULL": True}, "l": {"L": [S("a"), N("1"), {"BOOL": False}, {"L": []}]},
        "l-empty": {"L": []}, "m": {"M": {"a": S("x"), "b": {"M": {"c": N("2")}}}},
        "m-empty": {"M": {}}, "ss": {"SS": ["b", "a", "C"]}, "ns": {"NS": ["3", "1", "2.50", "-1"]},
        "bs": {"BS": ["Ag==", "AQ==", "AA=="]}, "ss-empty-string": {"SS": [""]},
    }
    for k, v in vals.items():
        A("ty-put-" + k, "PutItem", {"TableName": "types", "Item": {"pk": S("t-" + k), "v": v}})
        A("ty-get-" + k, "GetItem", {"TableName": "types", "Key": {"pk": S("t-" + k)}})
    A("ty-put-all", "PutItem", {"TableName": "types", "Item": dict(
        {"pk": S("all")}, **{k.replace("-", "_"): v for k, v in vals.items()})})
    A("ty-get-all", "GetItem", {"TableName": "types", "Key": {"pk": S("all")}})
    for k, num in NUMBERS:
        A("ty-num-put-" + k, "PutItem", {"TableName": "types",
                                          "Item": {"pk": S("n-" + k), "v": N(num)}})
        A("ty-num-get-" + k, "GetItem", {"TableName": "types", "Key": {"pk": S("n-" + k)}})
    bad = {
        "ss-empty": {"SS": []}, "ns-empty": {"NS": []}, "bs-empty": {"BS": []},
        "ss-dup": {"SS": ["a", "a"]}, "ns-dup": {"NS": ["1", "1.0"]}, "bs-dup": {"BS": ["AQ==", "AQ=="]},
        "ns-bad-number": {"NS": ["1", "abc"]}, "ns-overflow": {"NS": ["1e200"]},
        "null-false": {"NULL": False}, "two-types": {"S": "a", "N": "1"}, "no-type": {},
        "unknown-type": {"X": "a"}, "bad-base64": {"B": "!!!"}, "bool-string": {"BOOL": "true"},
        "s-number": {"S": 5}, "ss-string": {"SS": "a"}, "l-not-list": {"L": {"a": S("x")}},
        "m-not-map": {"M": [S("x")]}, "nested-bad": {"M": {"a": {"SS": []}}},
        "list-nested-bad": {"L": [{"NULL": False}]},
    }
    for k, v in bad.items():
        A("ty-bad-" + k, "PutItem", {"TableName": "types", "Item": {"pk": S("bad"), "v": v}})
    # keys
    A("ty-key-empty-s", "PutItem", {"TableName": "types", "Item": {"pk": S("")}})
    A("ty-key-wrong-type", "PutItem", {"TableName": "types", "Item": {"pk": N("1")}})
    A("ty-key-missing", "PutItem", {"TableName": "types", "Item": {"v": S("x")}})
    A("ty-key-get-wrong-type", "GetItem", {"TableName": "types", "Key": {"pk": N("1")}})
    A("ty-key-get-empty", "GetItem", {"TableName": "types", "Key": {"pk": S("")}})
    A("ty-keyn-put-1.0", "PutItem", {"TableName": "types_n", "Item": {"pk": N("1.0"), "v": S("a")}})
    A("ty-keyn-get-1", "GetItem", {"TableName": "types_n", "Key": {"pk": N("1")}})
    A("ty-keyn-get-1.00e0", "GetItem", {"TableName": "types_n", "Key": {"pk": N("1.00e0")}})
    A("ty-keyn-put-01-allold", "PutItem", {"TableName": "types_n", "Item": {"pk": N("01")},
                                           "ReturnValues": "ALL_OLD"})
    A("ty-keyn-put-neg-zero", "PutItem", {"TableName": "types_n", "Item": {"pk": N("-0")}})
    A("ty-keyn-get-zero", "GetItem", {"TableName": "types_n", "Key": {"pk": N("0.0")}})
    A("ty-keyn-bad", "PutItem", {"TableName": "types_n", "Item": {"pk": N("x1")}})
    A("ty-keyn-overflow", "PutItem", {"TableName": "types_n", "Item": {"pk": N("1e999")}})
    A("ty-keyb-put", "PutItem", {"TableName": "types_b", "Item": {"pk": {"B": "AAEC"}}})
    A("ty-keyb-get", "GetItem", {"TableName": "types_b", "Key": {"pk": {"B": "AAEC"}}})
    A("ty-keyb-empty", "PutItem", {"TableName": "types_b", "Item": {"pk": {"B": ""}}})
    A("ty-key-hash-2048", "PutItem", {"TableName": "types", "Item": {"pk": S("h" * 2048)}})
    A("ty-key-hash-2049", "PutItem", {"TableName": "types", "Item": {"pk": S("h" * 2049)}})
    A("ty-key-range-1024", "PutItem", {"TableName": "types_hr",
                                       "Item": {"pk": S("r"), "sk": S("r" * 1024)}})
    A("ty-key-range-1025", "PutItem", {"TableName": "types_hr",
                                       "Item": {"pk": S("r"), "sk": S("r" * 1025)}})
    A("ty-key-range-empty", "PutItem", {"TableName": "types_hr", "Item": {"pk": S("r"), "sk": S("")}})
    A("ty-key-range-missing", "PutItem", {"TableName": "types_hr", "Item": {"pk": S("r")}})
    A("ty-key-hr-get-extra", "GetItem", {"TableName": "types_hr",
                                         "Key": {"pk": S("r"), "sk": S("x"), "z": S("1")}})
    # depth and size limits
    for d in (31, 32, 33):
        A("ty-depth-list-%d" % d, "PutItem", {"TableName": "types",
                                              "Item": {"pk": S("deep"), "v": nest_list(d)}})
        A("ty-depth-map-%d" % d, "PutItem", {"TableName": "types",
                                             "Item": {"pk": S("deep"), "v": nest_map(d)}})
    A("ty-depth-get", "GetItem", {"TableName": "types", "Key": {"pk": S("deep")}})
    # item size = len("pk") + len("big1") + len("d") + len(value)
    A("ty-size-409600", "PutItem", {"TableName": "types",
                                    "Item": {"pk": S("big1"), "d": S("x" * 409593)}})
    A("ty-size-409601", "PutItem", {"TableName": "types",
                                    "Item": {"pk": S("big1"), "d": S("x" * 409594)}})
    A("ty-size-get", "GetItem", {"TableName": "types", "Key": {"pk": S("big1")},
                                 "ProjectionExpression": "pk"})
    A("ty-attr-name-empty", "PutItem", {"TableName": "types", "Item": {"pk": S("an"), "": S("x")}})
    A("ty-attr-name-65536", "PutItem", {"TableName": "types",
                                        "Item": {"pk": S("an"), "a" * 65536: S("x")}})
    A("ty-attr-name-unicode", "PutItem", {"TableName": "types",
                                          "Item": {"pk": S("an"), "ünï cödé ✓": S("x")}})
    A("ty-attr-name-get", "GetItem", {"TableName": "types", "Key": {"pk": S("an")}})


def main():
    import gen_corpus_expr
    import gen_corpus_misc
    import gen_corpus_partiql
    import gen_corpus_v2
    c = Corpus()
    tables(c)
    types(c)
    gen_corpus_misc.items(c)
    gen_corpus_expr.update(c)
    gen_corpus_expr.conditions(c)
    gen_corpus_expr.projection(c)
    gen_corpus_expr.query(c)
    gen_corpus_expr.scan(c)
    gen_corpus_misc.capacity(c)
    gen_corpus_misc.protocol(c)
    gen_corpus_v2.indexes(c)
    gen_corpus_v2.batch(c)
    gen_corpus_v2.transactions(c)
    gen_corpus_v2.streams(c)
    gen_corpus_partiql.partiql(c)
    c.write()
    total = sum(len(v) for v in c.files.values())
    print("wrote %d cases in %d files" % (total, len(c.files)))
    with open(os.path.join(CORPUS, "FILES"), "w") as f:
        f.write("\n".join(c.files) + "\n")


if __name__ == "__main__":
    main()
