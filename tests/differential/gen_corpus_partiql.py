"""PartiQL cases for gen_corpus.py: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction.

Its own tables: pq_h (hash only), pq_r (hash + numeric range), pq_g (hash + range, a GSI on
g/gs). ExecuteStatement's Items are compared in order, so a SELECT that scans several items
uses loose="page" with a collect group (their unions are compared), index reads keep
their index range values distinct, and a second page takes this server's own NextToken (subst).
"""
from gen_corpus import S, N, ad, table
from gen_corpus_v2 import gsi

H, R, G = "pq_h", "pq_r", "pq_g"


def st(statement, params=None, **kw):
    out = {"Statement": statement}
    if params is not None:
        out["Parameters"] = params
    out.update(kw)
    return out


# ---- ExecuteStatement: tables and INSERT -------------------------------------------------
def setup(c):
    A = c.add
    A("pq-create-h", "CreateTable", table(H))
    A("pq-create-r", "CreateTable", table(R, "S", "N"))
    A("pq-create-g", "CreateTable", dict(table(G, "S", "S"), AttributeDefinitions=ad(
        ("pk", "S"), ("sk", "S"), ("g", "S"), ("gs", "N")),
        GlobalSecondaryIndexes=[gsi("by_g", "g", "gs")]))


def inserts(c, E):
    E("ins-h-a", "INSERT INTO \"%s\" VALUE {'pk': 'a', 'n': 1, 's': 'xyz', 'l': [1, 'two', TRUE], "
      "'m': {'k': 'v', 'deep': {'d': [10, 20]}}, 'ss': <<'p', 'q'>>, 'ns': <<1, 2>>, "
      "'b': FALSE, 'nul': NULL}" % H)
    E("ins-h-b-lowercase", "insert into %s value {'pk': 'b', 'n': 2, 's': 'it''s'}" % H)
    E("ins-h-params", "INSERT INTO \"%s\" VALUE {'pk': ?, 'n': ?, 'bin': ?, 'l': ?}" % H,
      [S("c"), N("3.50"), {"B": "AAEC"}, {"L": [S("x"), {"NULL": True}]}])
    E("ins-h-d", "INSERT INTO \"%s\" VALUE {'pk': 'd', 'n': -4}" % H)
    E("ins-h-dup", "INSERT INTO \"%s\" VALUE {'pk': 'a', 'n': 100}" % H)
    E("ins-h-missing-key", "INSERT INTO \"%s\" VALUE {'n': 1}" % H)
    E("ins-h-wrong-key-type", "INSERT INTO \"%s\" VALUE {'pk': 1}" % H)
    E("ins-h-empty-key", "INSERT INTO \"%s\" VALUE {'pk': ''}" % H)
    E("ins-h-dup-map-key", "INSERT INTO \"%s\" VALUE {'pk': 'e', 'x': 1, 'x': 2}" % H)
    E("ins-h-returning", "INSERT INTO \"%s\" VALUE {'pk': 'f'} RETURNING ALL OLD *" % H)
    E("ins-h-sql-values", "INSERT INTO \"%s\" (pk) VALUES ('g')" % H)
    E("ins-h-params-too-few", "INSERT INTO \"%s\" VALUE {'pk': ?, 'n': ?}" % H, [S("h")])
    E("ins-missing-table", "INSERT INTO \"pq_nope\" VALUE {'pk': 'a'}")
    seed = lambda cid, statements: c.add("pq-seed-" + cid, "BatchExecuteStatement",
                                         {"Statements": [st(x) for x in statements]})
    seed("r", ["INSERT INTO \"%s\" VALUE {'pk': 'p', 'sk': %d, 'v': '%s', 'odd': %s}"
               % (R, i, "xy"[i % 2], "TRUE" if i % 2 else "FALSE") for i in range(1, 6)]
         + ["INSERT INTO \"%s\" VALUE {'pk': 'q', 'sk': 1, 'v': 'q'}" % R])
    seed("g", ["INSERT INTO \"%s\" VALUE {'pk': '%s', 'sk': '1', 'g': '%s', 'gs': %d}" % (G, pk, g, gs)
               for pk, g, gs in [("g1", "x", 3), ("g2", "x", 1), ("g3", "x", 2), ("g4", "y", 1)]])
    E("ins-g-no-index-key", "INSERT INTO \"%s\" VALUE {'pk': 'g5', 'sk': '1'}" % G)
    E("ins-g-bad-index-type", "INSERT INTO \"%s\" VALUE {'pk': 'g6', 'sk': '1', 'g': 7}" % G)


# ---- ExecuteStatement: SELECT ------------------------------------------------------------
def selects(c, E):
    E("sel-h-key", "SELECT * FROM \"%s\" WHERE pk = 'a'" % H)
    E("sel-h-key-unquoted", "select * from %s where pk = 'b'" % H)
    E("sel-h-proj", "SELECT n, s, nope FROM \"%s\" WHERE pk = 'a'" % H)
    E("sel-h-nested", "SELECT m.deep.d[1], l[0], m.k FROM \"%s\" WHERE pk = 'a'" % H)
    E("sel-h-quoted-attr", "SELECT \"n\", \"ss\" FROM \"%s\" WHERE \"pk\" = 'a'" % H)
    E("sel-h-missing-item", "SELECT * FROM \"%s\" WHERE pk = 'zz'" % H)
    E("sel-h-key-filter-true", "SELECT pk FROM \"%s\" WHERE pk = 'a' AND n = 1" % H)
    E("sel-h-key-filter-false", "SELECT pk FROM \"%s\" WHERE pk = 'a' AND n > 1" % H)
    E("sel-h-in-ordered", "SELECT pk FROM \"%s\" WHERE pk IN ['b', 'a', 'zz'] ORDER BY pk DESC" % H)
    E("sel-h-consistent", "SELECT n FROM \"%s\" WHERE pk = 'a'" % H, ConsistentRead=True)
    filters = {"begins": "begins_with(s, 'xy')", "contains-list": "contains(l, 'two')",
               "attr-type": "attribute_type(bin, 'B')",
               "size": "size(l) = 2", "missing": "s IS MISSING AND n > 0",
               "not-missing": "bin IS NOT MISSING",
               "between": "n BETWEEN 3 AND 3.5", "not": "NOT (n >= -3) AND n IS NOT MISSING",
               "or": "n = 2 OR contains(ss, 'zz')",
               "in-values": "n IN [-4, 100]", "nested": "m.deep.d[0] = 10",
               "bool": "b = FALSE", "param": "s = ?"}
    for name, cond in filters.items():
        E("sel-h-scan-" + name, "SELECT pk FROM \"%s\" WHERE %s" % (H, cond),
          [S("it's")] if name == "param" else None)
    E("sel-h-scan-is-null", "SELECT pk FROM \"%s\" WHERE nul IS NULL" % H, loose="page",
      collect="pq-h-null")
    E("sel-h-scan-all", "SELECT pk, n FROM \"%s\"" % H, loose="page", collect="pq-h-all")
    E("sel-h-scan-gt", "SELECT pk FROM \"%s\" WHERE n > 0" % H, loose="page", collect="pq-h-gt")
    E("sel-r-partition", "SELECT * FROM \"%s\" WHERE pk = 'p'" % R)
    E("sel-r-order-desc", "SELECT sk FROM \"%s\" WHERE pk = 'p' ORDER BY sk DESC" % R)
    E("sel-r-order-asc", "SELECT sk, v FROM \"%s\" WHERE pk = 'p' ORDER BY sk ASC" % R)
    E("sel-r-between", "SELECT sk FROM \"%s\" WHERE pk = 'p' AND sk BETWEEN 2 AND 4" % R)
    E("sel-r-range-filter", "SELECT sk FROM \"%s\" WHERE pk = 'p' AND sk >= 2 AND odd = TRUE" % R)
    E("sel-r-full-key", "SELECT v FROM \"%s\" WHERE pk = 'p' AND sk = 3" % R)
    E("sel-r-params", "SELECT sk FROM \"%s\" WHERE sk < ? AND pk = ?" % R, [N(3), S("p")])
    E("sel-r-in-two", "SELECT pk, sk FROM \"%s\" WHERE pk IN ['q', 'p'] AND sk = 1 ORDER BY pk" % R)
    E("sel-r-limit", "SELECT sk FROM \"%s\" WHERE pk = 'p'" % R, Limit=2)
    E("sel-r-limit-page2", "SELECT sk FROM \"%s\" WHERE pk = 'p'" % R, Limit=2,
      subst={"NextToken": ["pq-sel-r-limit", "NextToken"]})
    E("sel-r-limit-0", "SELECT sk FROM \"%s\" WHERE pk = 'p'" % R, Limit=0)
    E("sel-r-scan-single", "SELECT pk, sk FROM \"%s\" WHERE v = 'q'" % R)
    E("sel-r-order-nonkey", "SELECT * FROM \"%s\" WHERE pk = 'p' ORDER BY v" % R)
    E("sel-r-order-no-where", "SELECT * FROM \"%s\" ORDER BY sk" % R)
    E("sel-r-order-no-hash", "SELECT * FROM \"%s\" WHERE sk = 1 ORDER BY sk" % R)
    E("sel-g-index", "SELECT pk, gs FROM \"%s\".\"by_g\" WHERE g = 'x'" % G)
    E("sel-g-index-desc", "SELECT pk FROM \"%s\".\"by_g\" WHERE g = 'x' ORDER BY gs DESC" % G)
    E("sel-g-index-range", "SELECT * FROM \"%s\".\"by_g\" WHERE g = 'x' AND gs >= 2" % G)
    E("sel-g-index-unknown", "SELECT * FROM \"%s\".\"nope\" WHERE g = 'x'" % G)
    E("sel-g-index-consistent", "SELECT * FROM \"%s\".\"by_g\" WHERE g = 'y'" % G, ConsistentRead=True)
    E("sel-star-and-attr", "SELECT *, n FROM \"%s\" WHERE pk = 'a'" % H)
    E("sel-dup-proj", "SELECT n, n FROM \"%s\" WHERE pk = 'a'" % H)
    E("sel-alias", "SELECT x.n FROM \"%s\" AS x WHERE x.pk = 'a'" % H)
    E("sel-two-tables", "SELECT * FROM \"%s\", \"%s\"" % (H, R))
    E("sel-missing-table", "SELECT * FROM \"pq_nope\" WHERE pk = 'a'")
    E("sel-syntax", "SELEC * FROM \"%s\"" % H)
    E("sel-params-missing", "SELECT * FROM \"%s\" WHERE pk = ?" % H)
    E("sel-params-empty", "SELECT pk FROM \"%s\" WHERE pk = 'a'" % H, [])
    E("sel-params-extra", "SELECT * FROM \"%s\" WHERE pk = 'a'" % H, [S("a")])
    E("sel-empty-statement", "")
    E("sel-exists-outside-tx", "EXISTS(SELECT * FROM \"%s\" WHERE pk = 'a' AND n = 1)" % H)
    E("sel-capacity", "SELECT * FROM \"%s\" WHERE pk = 'a'" % H, ReturnConsumedCapacity="TOTAL")


# ---- ExecuteStatement: UPDATE and DELETE -------------------------------------------------
def updates(c, E):
    W = "WHERE pk = 'a'"
    E("upd-set-plus", "UPDATE \"%s\" SET n = n + 4 %s" % (H, W))
    E("upd-all-new", "UPDATE \"%s\" SET t = 'new' %s RETURNING ALL NEW *" % (H, W))
    E("upd-all-old", "UPDATE \"%s\" SET t = 'newer' %s RETURNING ALL OLD *" % (H, W))
    E("upd-modified-old", "UPDATE \"%s\" SET n = 6, t = 'x' %s RETURNING MODIFIED OLD *" % (H, W))
    E("upd-modified-new", "UPDATE \"%s\" SET n = n - 10 %s RETURNING MODIFIED NEW *" % (H, W))
    E("upd-list-append", "UPDATE \"%s\" SET l = list_append(l, [4, 'five']) %s "
      "RETURNING MODIFIED NEW *" % (H, W))
    E("upd-set-add", "UPDATE \"%s\" SET ss = set_add(ss, <<'r'>>) %s RETURNING MODIFIED NEW *" % (H, W))
    E("upd-set-delete", "UPDATE \"%s\" SET ns = set_delete(ns, <<1>>) %s RETURNING MODIFIED NEW *"
      % (H, W))
    E("upd-remove", "UPDATE \"%s\" REMOVE s %s RETURNING MODIFIED OLD *" % (H, W))
    E("upd-remove-nested", "UPDATE \"%s\" REMOVE l[0] %s RETURNING ALL NEW *" % (H, W))
    E("upd-set-nested", "UPDATE \"%s\" SET m.deep.d[1] = 21 SET m.k2 = {'a': [1, 2]} %s "
      "RETURNING MODIFIED NEW *" % (H, W))
    E("upd-params", "UPDATE \"%s\" SET n = ? WHERE pk = ? RETURNING MODIFIED NEW *" % H, [N(42), S("b")])
    E("upd-check-a", "SELECT * FROM \"%s\" WHERE pk = 'a'" % H)
    E("upd-missing-item", "UPDATE \"%s\" SET n = 1 WHERE pk = 'zz'" % H)
    E("upd-cond-fail", "UPDATE \"%s\" SET n = 1 %s AND n = 999" % (H, W))
    E("upd-cond-fail-all-old", "UPDATE \"%s\" SET n = 1 WHERE pk = 'b' AND n = 999" % H,
      ReturnValuesOnConditionCheckFailure="ALL_OLD")
    E("upd-cond-ok", "UPDATE \"%s\" SET n = 0 WHERE pk = 'b' AND s = 'it''s' RETURNING ALL OLD *" % H)
    E("upd-partial-key", "UPDATE \"%s\" SET v = 'z' WHERE pk = 'p'" % R)
    E("upd-no-where", "UPDATE \"%s\" SET v = 'z'" % R)
    E("upd-key-attr", "UPDATE \"%s\" SET sk = 9 WHERE pk = 'p' AND sk = 1" % R)
    E("upd-range", "UPDATE \"%s\" SET v = 'w' WHERE pk = 'p' AND sk = 1 RETURNING ALL NEW *" % R)
    E("upd-set-add-on-string", "UPDATE \"%s\" SET v = set_add(v, <<'a'>>) WHERE pk = 'p' AND sk = 2" % R)
    E("upd-plus-on-string", "UPDATE \"%s\" SET v = v + 1 WHERE pk = 'p' AND sk = 2" % R)
    E("upd-returning-no-star", "UPDATE \"%s\" SET n = 1 %s RETURNING ALL NEW" % (H, W))
    E("upd-missing-table", "UPDATE \"pq_nope\" SET n = 1 WHERE pk = 'a'")
    E("upd-gsi-key", "UPDATE \"%s\" SET gs = 10 WHERE pk = 'g2' AND sk = '1' RETURNING ALL NEW *" % G)
    E("upd-gsi-key-type", "UPDATE \"%s\" SET g = 1 WHERE pk = 'g4' AND sk = '1'" % G)
    E("del-returning", "DELETE FROM \"%s\" WHERE pk = 'd' RETURNING ALL OLD *" % H)
    E("del-again", "DELETE FROM \"%s\" WHERE pk = 'd'" % H)
    E("del-cond-fail", "DELETE FROM \"%s\" WHERE pk = 'c' AND n = 0" % H)
    E("del-cond-fail-all-old", "DELETE FROM \"%s\" WHERE pk = 'c' AND n = 0" % H,
      ReturnValuesOnConditionCheckFailure="ALL_OLD")
    E("del-cond-ok", "DELETE FROM \"%s\" WHERE pk = 'c' AND n = 3.5" % H)
    E("del-partial-key", "DELETE FROM \"%s\" WHERE sk = 1" % R)
    E("del-returning-all-new", "DELETE FROM \"%s\" WHERE pk = 'p' AND sk = 5 RETURNING ALL NEW *" % R)
    E("del-range", "DELETE FROM \"%s\" WHERE pk = 'p' AND sk = 5" % R)
    E("del-g", "DELETE FROM \"%s\" WHERE pk = 'g3' AND sk = '1' RETURNING ALL OLD *" % G)
    E("del-missing-table", "DELETE FROM \"pq_nope\" WHERE pk = 'a'")
    E("del-check-r", "SELECT * FROM \"%s\" WHERE pk = 'p'" % R)
    E("del-check-g", "SELECT pk, gs FROM \"%s\".\"by_g\" WHERE g = 'x'" % G)
    E("del-check-h", "SELECT pk FROM \"%s\"" % H, loose="page", collect="pq-h-after")


# ---- BatchExecuteStatement ---------------------------------------------------------------
def batches(c):
    B = lambda cid, statements, **kw: c.add("pq-bes-" + cid, "BatchExecuteStatement",
                                            dict({"Statements": statements}, **kw))
    rk = lambda pk, sk: "pk = '%s' AND sk = %d" % (pk, sk)
    B("writes", [st("INSERT INTO \"%s\" VALUE {'pk': 'b', 'sk': 1, 'v': ?}" % R, [S("b1")]),
                 st("INSERT INTO \"%s\" VALUE {'pk': 'b', 'sk': 2}" % R),
                 st("UPDATE \"%s\" SET v = 'bq' WHERE %s" % (R, rk("q", 1))),
                 st("DELETE FROM \"%s\" WHERE %s" % (R, rk("p", 4))),
                 st("INSERT INTO \"%s\" VALUE {'pk': 'bh'}" % H)])
    B("reads", [st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("b", 1))),
                st("SELECT v FROM \"%s\" WHERE sk = ? AND pk = ?" % R, [N(1), S("q")]),
                st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("b", 99))),
                st("SELECT pk FROM \"%s\" WHERE pk = 'bh'" % H),
                st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("p", 4)), ConsistentRead=True)])
    B("read-partial-key", [st("SELECT * FROM \"%s\" WHERE pk = 'p'" % R),
                           st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("p", 1)))])
    B("read-extra-cond", [st("SELECT * FROM \"%s\" WHERE %s AND v = 'w'" % (R, rk("p", 1)))])
    B("read-index", [st("SELECT * FROM \"%s\".\"by_g\" WHERE g = 'y'" % G)])
    B("read-missing-table", [st("SELECT * FROM \"pq_nope\" WHERE pk = 'a'"),
                             st("SELECT pk FROM \"%s\" WHERE pk = 'bh'" % H)])
    B("write-errors", [st("INSERT INTO \"%s\" VALUE {'pk': 'b', 'sk': 1}" % R),
                       st("UPDATE \"%s\" SET v = 'n' WHERE %s AND v = 'nope'" % (R, rk("p", 2))),
                       st("UPDATE \"%s\" SET v = 'n' WHERE %s" % (R, rk("p", 77))),
                       st("INSERT INTO \"pq_nope\" VALUE {'pk': 'x'}"),
                       st("INSERT INTO \"%s\" VALUES {'pk': 'b', 'sk': 4}" % R),
                       st("INSERT INTO \"%s\" VALUE {'pk': 'b', 'sk': 3}" % R)])
    B("cond-all-old", [st("DELETE FROM \"%s\" WHERE %s AND v = 'nope'" % (R, rk("p", 2)),
                          ReturnValuesOnConditionCheckFailure="ALL_OLD")])
    B("params-mismatch", [st("INSERT INTO \"%s\" VALUE {'pk': ?, 'sk': ?}" % R, [S("b")]),
                          st("INSERT INTO \"%s\" VALUE {'pk': 'b', 'sk': 5}" % R)])
    B("mixed", [st("INSERT INTO \"%s\" VALUE {'pk': 'b', 'sk': 6}" % R),
                st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("b", 1)))])
    B("dup-item", [st("INSERT INTO \"%s\" VALUE {'pk': 'bd', 'sk': 1}" % R),
                   st("UPDATE \"%s\" SET v = 1 WHERE %s" % (R, rk("bd", 1)))])
    B("exists", [st("EXISTS(SELECT * FROM \"%s\" WHERE %s AND v = 'x')" % (R, rk("p", 1)))])
    B("returning", [st("UPDATE \"%s\" SET v = 'r' WHERE %s RETURNING ALL NEW *" % (R, rk("p", 1)))])
    B("empty", [])
    B("25", [st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("p", i))) for i in range(25)])
    B("26", [st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("p", i))) for i in range(26)])
    B("capacity", [st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("b", 1)))],
      ReturnConsumedCapacity="TOTAL")
    c.add("pq-bes-check", "ExecuteStatement", st("SELECT * FROM \"%s\" WHERE pk = 'b'" % R))


# ---- ExecuteTransaction ------------------------------------------------------------------
def transactions(c):
    T = lambda cid, statements, **kw: c.add("pq-et-" + cid, "ExecuteTransaction",
                                            dict({"TransactStatements": statements}, **kw))
    ins = lambda pk, sk, extra="": st("INSERT INTO \"%s\" VALUE {'pk': '%s', 'sk': %d%s}"
                                      % (R, pk, sk, extra))
    rk = lambda pk, sk: "pk = '%s' AND sk = %d" % (pk, sk)
    T("writes", [ins("t", 1, ", 'n': 1"), ins("t", 2, ", 'n': 2"),
                 st("UPDATE \"%s\" SET c = 1 SET l = list_append(?, [2]) WHERE %s"
                    % (R, rk("q", 1)), [{"L": [N(1)]}]),
                 st("DELETE FROM \"%s\" WHERE %s" % (R, rk("p", 3)))])
    T("reads", [st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("q", 1))),
                st("SELECT n FROM \"%s\" WHERE pk = ? AND sk = ?" % R, [S("t"), N(2)]),
                st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("p", 3))),
                st("SELECT * FROM \"%s\" WHERE pk = 'a'" % H)])
    ex = "EXISTS(SELECT * FROM \"%s\" WHERE %s AND n = ?)" % (R, rk("t", 1))
    T("exists-ok", [st(ex, [N(1)]), ins("t", 3)])
    T("exists-fail", [st(ex, [N(5)]), ins("t", 4)])
    T("exists-no-cond", [ins("t", 4), st("EXISTS(SELECT * FROM \"%s\" WHERE %s)" % (R, rk("t", 1)))])
    T("insert-dup", [ins("t", 1), ins("t", 5)])
    T("cond-fail", [ins("t", 5), st("UPDATE \"%s\" SET n = 9 WHERE %s AND n = 7" % (R, rk("t", 2)))])
    T("cond-fail-all-old", [st("DELETE FROM \"%s\" WHERE %s AND n = 7" % (R, rk("t", 2)),
                               ReturnValuesOnConditionCheckFailure="ALL_OLD")])
    T("update-missing", [st("UPDATE \"%s\" SET n = 9 WHERE %s" % (R, rk("t", 98)))])
    T("missing-table", [ins("t", 5), st("INSERT INTO \"pq_nope\" VALUE {'pk': 'x'}")])
    T("read-partial-key", [st("SELECT * FROM \"%s\" WHERE pk = 't'" % R)])
    T("read-index", [st("SELECT * FROM \"%s\".\"by_g\" WHERE g = 'y'" % G)])
    T("mixed", [ins("t", 6), st("SELECT * FROM \"%s\" WHERE %s" % (R, rk("t", 1)))])
    T("dup-item", [ins("t", 7), st("DELETE FROM \"%s\" WHERE %s" % (R, rk("t", 7)))])
    T("returning", [st("UPDATE \"%s\" SET n = 1 WHERE %s RETURNING ALL NEW *" % (R, rk("t", 1)))])
    T("syntax", [ins("t", 8), st("INSERT INTO \"%s\" VALUES {'pk': 't'}" % R)])
    T("params-mismatch", [st("INSERT INTO \"%s\" VALUE {'pk': ?, 'sk': 9}" % R)])
    T("empty", [])
    T("101", [ins("n", i) for i in range(101)])
    T("token", [st("UPDATE \"%s\" SET n = n + 1 WHERE %s" % (R, rk("t", 2)))], ClientRequestToken="pq-1")
    T("token-replay", [st("UPDATE \"%s\" SET n = n + 1 WHERE %s" % (R, rk("t", 2)))],
      ClientRequestToken="pq-1")
    T("token-mismatch", [st("UPDATE \"%s\" SET n = n + 2 WHERE %s" % (R, rk("t", 2)))],
      ClientRequestToken="pq-1")
    T("capacity", [ins("u", 1), ins("u", 2)], ReturnConsumedCapacity="TOTAL")
    c.add("pq-et-check-t", "ExecuteStatement", st("SELECT * FROM \"%s\" WHERE pk = 't'" % R))
    c.add("pq-et-check-q", "ExecuteStatement", st("SELECT * FROM \"%s\" WHERE pk = 'q'" % R))


def partiql(c):
    c.file("partiql.jsonl")

    def E(cid, statement, params=None, loose=None, collect=None, subst=None, **kw):
        extra = {k: v for k, v in (("loose", loose), ("collect", collect), ("subst", subst)) if v}
        c.add("pq-" + cid, "ExecuteStatement", st(statement, params, **kw), **extra)
    setup(c)
    inserts(c, E)
    selects(c, E)
    updates(c, E)
    batches(c)
    transactions(c)
