"""UpdateExpression, ConditionExpression, projection, Query and Scan cases for gen_corpus.py."""
from gen_corpus import S, N, table

L = lambda *v: {"L": list(v)}
M = lambda **kv: {"M": kv}


def deep_path(depth):
    return ".".join(["a"] * depth)


def long_names(total, sep, prefix="", suffix=""):
    """prefix + sep-joined attribute names + suffix, exactly `total` characters long."""
    make = lambda names: prefix + sep.join(names) + suffix
    names = []
    while len(make(names + ["n%03d" % len(names) + "x" * 36])) <= total:
        names.append("n%03d" % len(names) + "x" * 36)
    rest = total - len(make(names))
    if rest >= len(sep) + 4:
        names.append("n%03d" % len(names) + "x" * (rest - len(sep) - 4))
    else:
        names[-1] += "y" * rest
    text = make(names)
    assert len(text) == total, (len(text), total)
    return text


def update(c):
    c.file("update.jsonl")
    A = c.add
    T = "upd"
    A("up-create", "CreateTable", table(T))
    base = {"pk": S("u1"), "s": S("hello"), "n": N(10), "l": L(N(1), N(2), N(3)),
            "m": M(a=M(b=S("x")), c=S("1")), "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]},
            "bs": {"BS": ["AQ==", "Ag=="]}, "bo": {"BOOL": True}, "nu": {"NULL": True}}
    A("up-put-base", "PutItem", {"TableName": T, "Item": base})

    def U(cid, expr, values=None, names=None, rv="ALL_NEW", key=None, **extra):
        if key is None:  # every case starts from its own fresh copy of the base item
            key = cid
            A("up-setup-" + cid, "PutItem", {"TableName": T, "Item": dict(base, pk=S(key))})
        body = {"TableName": T, "Key": {"pk": S(key)}, "UpdateExpression": expr}
        if values is not None:
            body["ExpressionAttributeValues"] = values
        if names is not None:
            body["ExpressionAttributeNames"] = names
        if rv:
            body["ReturnValues"] = rv
        body.update(extra)
        A("up-" + cid, "UpdateItem", body)

    v, w, one = {":v": S("V")}, {":v": S("V"), ":w": N(7)}, {":one": N(1)}
    U("set-top", "SET s = :v", v)
    U("set-two", "SET a1 = :v, a2 = :w", w, rv="UPDATED_NEW")
    U("set-nested", "SET m.a.b = :v", v, rv="UPDATED_NEW")
    U("set-nested-updated-old", "SET m.c = :v", {":v": S("2")}, rv="UPDATED_OLD")
    U("set-new-map-key", "SET m.newkey = :v", v)
    U("set-list-index", "SET l[1] = :v", v, rv="UPDATED_NEW")
    U("set-list-append-beyond", "SET l[10] = :v", v)
    U("set-copy-attr", "SET cp = s")
    U("set-plus", "SET n = n + :one", one)
    U("set-minus", "SET n = n - :one", one)
    U("set-plus-reversed", "SET n = :one + n", one, rv="UPDATED_OLD")
    U("set-if-not-exists-new", "SET x = if_not_exists(x, :v)", v)
    U("set-if-not-exists-keep", "SET s = if_not_exists(s, :w)", {":w": S("W")})
    U("set-if-not-exists-plus", "SET cnt = if_not_exists(cnt, :z) + :one", {":z": N(0), ":one": N(1)})
    U("set-list-append-end", "SET l = list_append(l, :l)", {":l": L(S("e"))})
    U("set-list-append-front", "SET l = list_append(:l, l)", {":l": L(S("f"))})
    U("set-list-append-nested", "SET l2 = list_append(:a, list_append(:b, :a))",
      {":a": L(N(1)), ":b": L(N(2))})
    U("set-names", "SET #a.#b = :v", v, {"#a": "m", "#b": "a"})
    U("set-parens", "SET p = (:v)", v)
    U("set-lowercase-keyword", "set q = :v", v)
    U("set-missing-path", "SET m.nope.deep = :v", v)
    U("set-index-on-string", "SET s[0] = :v", v)
    U("set-map-on-list", "SET l.x = :v", v)
    U("set-index-on-missing", "SET zz[0] = :v", v)
    U("set-string-plus", "SET s = s + :one", one)
    U("set-plus-missing-attr", "SET z = nothere + :one", one)
    U("set-list-append-non-list", "SET l = list_append(s, :l)", {":l": L(S("e"))})
    U("set-if-not-exists-value-first", "SET a = if_not_exists(:v, s)", v)
    U("set-unknown-function", "SET a = foo(s)")
    U("set-attribute-exists-fn", "SET a = attribute_exists(s)")
    U("set-size-fn", "SET a = size(s)")
    U("set-overflow", "SET big = :a + :b", {":a": N("9.9999999999999999999999999999999999999E+125"),
                                             ":b": N("9E+125")})
    U("set-underflow-ok", "SET tiny = :a - :b", {":a": N("1E-130"), ":b": N("1E-130")})
    U("set-arith-exact", "SET ex = :a + :b", {":a": N("0.1"), ":b": N("0.2")})
    U("set-arith-38", "SET ex2 = :a + :b", {":a": N("12345678901234567890123456789012345678"),
                                            ":b": N("0.5")})
    U("remove-top", "REMOVE a1")
    U("remove-list-index", "REMOVE l[0]", rv="UPDATED_OLD")
    U("remove-map-key", "REMOVE m.newkey")
    U("remove-missing", "REMOVE nothere, m.nope, l[100]")
    U("remove-two", "REMOVE a2, cp", rv="UPDATED_OLD")
    U("add-number", "ADD n :five", {":five": N(5)}, rv="UPDATED_NEW")
    U("add-new-number", "ADD newnum :five", {":five": N(-5.5)})
    U("add-string-set", "ADD ss :s", {":s": {"SS": ["c", "a"]}}, rv="UPDATED_NEW")
    U("add-number-set", "ADD ns :s", {":s": {"NS": ["3", "1.0"]}})
    U("add-new-set", "ADD newset :s", {":s": {"BS": ["AA=="]}})
    U("add-to-string", "ADD s :five", {":five": N(5)})
    U("add-set-to-number", "ADD n :s", {":s": {"SS": ["x"]}})
    U("add-list", "ADD l :l", {":l": L(N(1))})
    U("add-string-value", "ADD n :s", {":s": S("x")})
    U("add-nested", "ADD m.cnt :one", one)
    U("add-set-type-mismatch", "ADD ss :s", {":s": {"NS": ["1"]}})
    U("delete-from-set", "DELETE ss :s", {":s": {"SS": ["a", "zz"]}}, rv="UPDATED_OLD")
    U("delete-all-of-set", "DELETE bs :s", {":s": {"BS": ["AQ==", "Ag=="]}})
    U("delete-from-number", "DELETE n :s", {":s": {"NS": ["1"]}})
    U("delete-number-value", "DELETE ns :one", one)
    U("delete-type-mismatch", "DELETE ns :s", {":s": {"SS": ["1"]}})
    U("delete-missing-attr", "DELETE gone :s", {":s": {"SS": ["1"]}})
    U("multi-clause", "SET a3 = :v REMOVE x ADD n :one DELETE ss :d", dict(v, **one, **{":d": {"SS": ["c"]}}))
    U("clause-order", "REMOVE a3 SET a4 = :v", v)
    U("err-two-set", "SET a = :v SET b = :v", v)
    U("err-two-remove", "REMOVE a REMOVE b")
    U("err-overlap-set-remove", "SET a = :v REMOVE a", v)
    U("err-overlap-parent-child", "SET m = :v, m.a = :v", v)
    U("err-conflict-map-list", "SET m.a = :v, m[0] = :v", v)
    U("err-overlap-add", "ADD n :one, n :one", one)
    U("err-same-path-twice", "SET s = :v, s = :v", v)
    U("err-update-key", "SET pk = :v", v)
    U("err-remove-key", "REMOVE pk")
    U("err-undefined-value", "SET a = :nope", v)
    U("err-unused-value", "SET a = :v", dict(v, **{":extra": S("x")}))
    U("err-undefined-name", "SET #nope = :v", v)
    U("err-unused-name", "SET a = :v", v, {"#extra": "x"})
    U("err-reserved-word", "SET name = :v", v)
    U("err-reserved-in-path", "SET m.timestamp = :v", v)
    U("err-syntax-double-eq", "SET a == :v", v)
    U("err-syntax-eof", "SET a = ")
    U("err-syntax-no-action", "a = :v", v)
    U("err-empty", "")
    U("err-whitespace", "   ")
    U("err-add-no-value", "ADD n")
    U("err-delete-path-value", "DELETE ss s")
    U("err-remove-value", "REMOVE :v", v)
    U("err-set-value-lhs", "SET :v = s", v)
    U("err-list-index-huge", "SET l[99999999999] = :v", v)
    U("err-depth-33", "SET %s = :v" % deep_path(33), v)
    U("err-depth-32-ok-missing", "SET %s = :v" % deep_path(32), v)
    U("err-too-long", "SET a = :v" + " " * 4090, v)
    U("len-4096", long_names(4096, ", ", "REMOVE "))
    U("err-len-4097", long_names(4097, ", ", "REMOVE "))
    U("err-empty-values", "SET a = :v", {})
    U("err-empty-names", "SET a = :v", v, {})
    U("err-bad-value-key", "SET a = :v", {"v": S("x"), ":v": S("x")})
    U("err-empty-set-value", "SET a = :v", {":v": {"SS": []}})
    U("err-bad-number-value", "SET a = :v", {":v": N("1.2.3")})
    U("err-add-value-bool", "ADD n :b", {":b": {"BOOL": True}})
    U("err-set-value-on-number-minus-string", "SET n = n - :v", v)
    U("err-plus-three", "SET n = n + :one + :one", one)
    U("err-list-append-one-arg", "SET l = list_append(l)")
    U("err-if-not-exists-three-args", "SET a = if_not_exists(a, :v, :v)", v)
    U("err-function-case", "SET a = IF_NOT_EXISTS(a, :v)", v)
    U("err-cond-and-update-key", "SET pk = :v", v, ConditionExpression="attribute_exists(")
    U("cond-fail", "SET s = :v", v, ConditionExpression="s = :w",
      **{"ExpressionAttributeValues": {":v": S("V2"), ":w": S("nope")},
         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    U("cond-pass", "SET s = :v", {":v": S("V3"), ":w": S("V")}, ConditionExpression="s = :w")
    U("create-new-item", "SET a = :v", v, key="u2", rv="ALL_OLD")
    U("create-new-item-add", "ADD c :one", one, key="u3", rv="UPDATED_NEW")
    U("create-new-item-remove", "REMOVE a", key="u4", rv="ALL_NEW")
    A("up-get-u4", "GetItem", {"TableName": T, "Key": {"pk": S("u4")}})
    A("up-get-after-set-nested", "GetItem", {"TableName": T, "Key": {"pk": S("set-nested")}})
    A("up-get-after-multi-clause", "GetItem", {"TableName": T, "Key": {"pk": S("multi-clause")}})
    # numbers written through UpdateItem are normalised (AWS); DynamoDB Local stores them as sent
    U("num-set-scale", "SET nn = :v", {":v": N("1.50")}, key="num")
    U("num-set-exp", "SET ne = :v", {":v": N("1e2")}, key="num")
    U("num-add-exp", "ADD na :v", {":v": N("2.000")}, key="num")
    U("num-arith-scale", "SET nx = :a + :b", {":a": N("0.50"), ":b": N("0.50")}, key="num")
    U("num-set-ns", "SET nset = :v", {":v": {"NS": ["2e1", "1.50"]}}, key="num")
    A("up-num-get", "GetItem", {"TableName": T, "Key": {"pk": S("num")}})


def conditions(c):
    c.file("conditions.jsonl")
    A = c.add
    T = "cond"
    A("co-create", "CreateTable", table(T))
    item = {"pk": S("c1"), "s": S("hello world"), "n": N(42), "b": {"B": "AQID"},
            "bo": {"BOOL": True}, "nu": {"NULL": True}, "l": L(S("x"), N(2), M(k=S("v"))),
            "m": M(a=M(b=S("deep")), k=S("v")), "ss": {"SS": ["a", "b"]},
            "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]}, "e": S(""),
            "Status": S("on"), "n2": N(7)}
    A("co-put-base", "PutItem", {"TableName": T, "Item": item})

    def C(cid, expr, values=None, names=None):
        body = {"TableName": T, "Item": item, "ConditionExpression": expr}
        if values:
            body["ExpressionAttributeValues"] = values
        if names:
            body["ExpressionAttributeNames"] = names
        A("co-" + cid, "PutItem", body)

    C("exists", "attribute_exists(s)")
    C("exists-missing", "attribute_exists(zz)")
    C("exists-nested", "attribute_exists(m.a.b)")
    C("exists-list-elem", "attribute_exists(l[2].k)")
    C("exists-list-oob", "attribute_exists(l[5])")
    C("not-exists", "attribute_not_exists(s)")
    C("not-exists-missing", "attribute_not_exists(zz)")
    for attr, t in [("s", "S"), ("n", "N"), ("b", "B"), ("bo", "BOOL"), ("nu", "NULL"),
                    ("l", "L"), ("m", "M"), ("ss", "SS"), ("ns", "NS"), ("bs", "BS")]:
        C("type-" + t.lower(), "attribute_type(%s, :t)" % attr, {":t": S(t)})
    C("type-mismatch", "attribute_type(n, :t)", {":t": S("S")})
    C("type-missing-attr", "attribute_type(zz, :t)", {":t": S("S")})
    C("type-invalid", "attribute_type(n, :t)", {":t": S("FOO")})
    C("type-not-string", "attribute_type(n, :t)", {":t": N(1)})
    C("begins-true", "begins_with(s, :p)", {":p": S("hell")})
    C("begins-false", "begins_with(s, :p)", {":p": S("world")})
    C("begins-binary", "begins_with(b, :p)", {":p": {"B": "AQ=="}})
    C("begins-on-number", "begins_with(n, :p)", {":p": S("4")})
    C("begins-number-operand", "begins_with(s, :p)", {":p": N(4)})
    C("begins-empty", "begins_with(s, :p)", {":p": S("")})
    C("contains-substr", "contains(s, :p)", {":p": S("lo wo")})
    C("contains-substr-false", "contains(s, :p)", {":p": S("xyz")})
    C("contains-ss", "contains(ss, :p)", {":p": S("a")})
    C("contains-ns", "contains(ns, :p)", {":p": N("2.0")})
    C("contains-bs", "contains(bs, :p)", {":p": {"B": "AQ=="}})
    C("contains-list-s", "contains(l, :p)", {":p": S("x")})
    C("contains-list-n", "contains(l, :p)", {":p": N(2)})
    C("contains-list-map", "contains(l, :p)", {":p": M(k=S("v"))})
    C("contains-on-number", "contains(n, :p)", {":p": N(4)})
    C("contains-ss-wrong-type", "contains(ss, :p)", {":p": N(1)})
    C("contains-set-operand", "contains(s, :p)", {":p": {"SS": ["h"]}})
    for attr, n in [("s", 11), ("l", 3), ("m", 2), ("b", 3), ("ss", 2), ("e", 0), ("bs", 1)]:
        C("size-" + attr, "size(%s) = :n" % attr, {":n": N(n)})
    C("size-number", "size(n) > :n", {":n": N(0)})
    C("size-bool", "size(bo) > :n", {":n": N(0)})
    C("size-missing", "size(zz) = :n", {":n": N(0)})
    C("size-vs-string", "size(s) > :s", {":s": S("a")})
    C("size-of-value", "size(:v) = :n", {":v": S("abc"), ":n": N(3)})
    C("size-of-number-value", "size(:v) = :n", {":v": N(3), ":n": N(3)})
    C("size-alone", "size(s)")
    for name, op in [("eq", "="), ("ne", "<>"), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")]:
        C("cmp-n-" + name, "n %s :v" % op, {":v": N(42)})
        C("cmp-s-" + name, "s %s :v" % op, {":v": S("hello")})
    C("cmp-b-lt", "b < :v", {":v": {"B": "AQIE"}})
    C("cmp-type-mismatch-eq", "n = :v", {":v": S("42")})
    C("cmp-type-mismatch-ne", "n <> :v", {":v": S("42")})
    C("cmp-type-mismatch-lt", "n < :v", {":v": S("42")})
    C("cmp-map-eq", "m = :v", {":v": M(k=S("v"), a=M(b=S("deep")))})
    C("cmp-list-eq", "l = :v", {":v": L(S("x"), N(2), M(k=S("v")))})
    C("cmp-set-eq-unordered", "ss = :v", {":v": {"SS": ["b", "a"]}})
    C("cmp-ns-eq-numeric", "ns = :v", {":v": {"NS": ["2", "1.00"]}})
    C("cmp-lt-set-value", "n < :v", {":v": {"SS": ["a"]}})
    C("cmp-lt-bool-value", "n < :v", {":v": {"BOOL": True}})
    C("cmp-lt-list-value", "n < :v", {":v": L(N(1))})
    C("cmp-eq-null-value", "nu = :v", {":v": {"NULL": True}})
    C("cmp-missing-ne", "zz <> :v", {":v": N(1)})
    C("cmp-attr-attr", "n2 < n")
    C("cmp-attr-self", "n = n")
    C("cmp-nested", "m.a.b = :v", {":v": S("deep")})
    C("cmp-list-elem", "l[1] = :v", {":v": N(2)})
    C("cmp-names", "#a.#b.#c = :v", {":v": S("deep")}, {"#a": "m", "#b": "a", "#c": "b"})
    C("cmp-number-normalised", "n = :v", {":v": N("42.000")})
    C("between-true", "n BETWEEN :a AND :b", {":a": N(40), ":b": N(50)})
    C("between-false", "n BETWEEN :a AND :b", {":a": N(43), ":b": N(50)})
    C("between-bounds-inclusive", "n BETWEEN :a AND :a", {":a": N(42)})
    C("between-reversed", "n BETWEEN :a AND :b", {":a": N(50), ":b": N(40)})
    C("between-strings", "s BETWEEN :a AND :b", {":a": S("a"), ":b": S("z")})
    C("between-mixed-types", "n BETWEEN :a AND :b", {":a": N(1), ":b": S("z")})
    C("between-self", "n BETWEEN n AND :b", {":b": N(50)})
    C("in-true", "n IN (:a, :b, :c)", {":a": N(1), ":b": N(42), ":c": S("x")})
    C("in-false", "n IN (:a)", {":a": N(1)})
    hundred = {":v%d" % i: N(i) for i in range(100)}
    C("in-100", "n IN (%s)" % ", ".join(sorted(hundred)), hundred)
    h101 = {":v%d" % i: N(i) for i in range(101)}
    C("in-101", "n IN (%s)" % ", ".join(sorted(h101)), h101)
    C("in-empty", "n IN ()")
    C("and-or-precedence", "n = :x OR n = :v AND s = :x", {":x": N(0), ":v": N(42)})
    C("and", "attribute_exists(s) AND n > :v", {":v": N(1)})
    C("or", "attribute_exists(zz) OR n > :v", {":v": N(100)})
    C("not", "NOT attribute_exists(zz)")
    C("not-not", "NOT NOT attribute_exists(zz)")
    C("parens", "(n = :v) AND (attribute_exists(s))", {":v": N(42)})
    C("parens-operand", "(n) = :v", {":v": N(42)})
    C("redundant-parens", "((n = :v))", {":v": N(42)})
    C("keyword-lowercase", "n = :v and s = :w", {":v": N(42), ":w": S("hello world")})
    C("reserved-word", "Status = :v", {":v": S("on")})
    C("reserved-word-alias", "#s = :v", {":v": S("on")}, {"#s": "Status"})
    C("size-as-name", "size = :v", {":v": S("x")})
    C("function-uppercase", "ATTRIBUTE_EXISTS(s)")
    C("function-unknown", "foo(s)")
    C("exists-value-operand", "attribute_exists(:v)", {":v": S("x")})
    C("exists-two-args", "attribute_exists(s, n)")
    C("begins-one-arg", "begins_with(s)")
    C("bare-path", "n")
    C("bare-value", ":v", {":v": {"BOOL": True}})
    C("syntax-eof", "n = ")
    C("syntax-double-eq", "n == :v", {":v": N(1)})
    C("syntax-fn-no-parens", "attribute_exists s")
    C("syntax-trailing-and", "n = :v AND", {":v": N(1)})
    C("syntax-leading-and", "AND n = :v", {":v": N(1)})
    C("syntax-between-missing", "n BETWEEN :v", {":v": N(1)})
    C("syntax-dotdot", "m..a = :v", {":v": N(1)})
    C("syntax-negative-index", "l[-1] = :v", {":v": N(1)})
    C("empty", "")
    C("whitespace", "  ")
    C("undefined-value", "n = :nope")
    C("unused-value", "n = :v", {":v": N(42), ":w": N(1)})
    C("undefined-name", "#nope = :v", {":v": N(42)})
    C("unused-name", "n = :v", {":v": N(42)}, {"#n": "n"})
    C("unused-names-and-values", "attribute_exists(s)", {":w": N(1)}, {"#n": "n"})
    ops = " AND ".join(["n = :v"] * 151)
    C("too-many-operators", ops, {":v": N(42)})
    C("too-long", "n = :v" + " " * 4091, {":v": N(42)})
    C("len-4096", long_names(4096, ") AND attribute_not_exists(", "attribute_not_exists(", ")"))
    C("len-4097", long_names(4097, ") AND attribute_not_exists(", "attribute_not_exists(", ")"))
    C("ops-300", "NOT n = :w AND " + " AND ".join(["n = :v"] * 149), {":v": N(42), ":w": N(0)})
    C("ops-301-functions", " AND ".join(["attribute_exists(s)"] * 151))
    C("depth-33", "attribute_exists(%s)" % deep_path(33))
    C("index-huge", "attribute_exists(l[99999999999])")
    C("bad-number-value", "n = :v", {":v": N("1..2")})
    A("co-new-item-not-exists", "PutItem", {"TableName": T, "Item": {"pk": S("c2")},
                                            "ConditionExpression": "attribute_not_exists(pk)"})
    A("co-new-item-not-exists-again", "PutItem", {"TableName": T, "Item": {"pk": S("c2")},
                                                  "ConditionExpression": "attribute_not_exists(pk)"})
    A("co-missing-item-ne", "PutItem", {"TableName": T, "Item": {"pk": S("c3")},
                                        "ConditionExpression": "n <> :v",
                                        "ExpressionAttributeValues": {":v": N(1)}})
    A("co-delete-cond-fail", "DeleteItem", {"TableName": T, "Key": {"pk": S("c1")},
                                            "ConditionExpression": "n > :v",
                                            "ExpressionAttributeValues": {":v": N(100)},
                                            "ReturnConsumedCapacity": "TOTAL"})
    A("co-update-cond-size", "UpdateItem", {
        "TableName": T, "Key": {"pk": S("c1")}, "UpdateExpression": "SET t = :t",
        "ConditionExpression": "size(l) = :three AND contains(ss, :a)",
        "ExpressionAttributeValues": {":t": S("ok"), ":three": N(3), ":a": S("a")},
        "ReturnValues": "UPDATED_NEW"})
    A("co-get-final", "GetItem", {"TableName": T, "Key": {"pk": S("c1")}})


def projection(c):
    c.file("projection.jsonl")
    A = c.add
    T = "proj"
    A("pj-create", "CreateTable", table(T))
    item = {"pk": S("p1"), "a": S("A"), "b": M(c=M(d=S("D"), e=S("E")), f=L(N(10), N(20), M(g=S("G")))),
            "l": L(L(N(1), N(2)), L(N(3), N(4))), "name": S("reserved"), "x": N(1), "y": N(2),
            "ss": {"SS": ["z", "y"]}}
    A("pj-put", "PutItem", {"TableName": T, "Item": item})

    def P(cid, expr, names=None, **extra):
        body = {"TableName": T, "Key": {"pk": S("p1")}, "ProjectionExpression": expr}
        if names is not None:
            body["ExpressionAttributeNames"] = names
        body.update(extra)
        A("pj-" + cid, "GetItem", body)

    P("top", "a")
    P("two", "a, x")
    P("set", "ss")
    P("nested-leaf", "b.c.d")
    P("nested-map", "b.c")
    P("list-index", "b.f[1]")
    P("list-index-map", "b.f[2].g")
    P("list-of-lists", "l[1][0]")
    P("mixed", "b.c.d, b.f[0]")
    P("siblings", "b.c.d, b.c.e")
    P("list-siblings", "l[1][0], l[0][1]")
    P("list-elems-order", "b.f[2].g, b.f[0]")
    P("missing", "zz")
    P("some-missing", "a, zz, b.zz")
    P("list-oob", "b.f[9]")
    P("key-only", "pk")
    P("index-on-string", "a[0]")
    P("index-on-map", "b.c[0]")
    P("dot-on-number", "x.y")
    P("spaces", " a ,  b . c . d ")
    P("name-alias", "#n", {"#n": "name"})
    P("nested-alias", "#b.#c", {"#b": "b", "#c": "c"})
    P("alias-with-dot", "#d", {"#d": "b.c"})
    P("reserved", "name")
    P("reserved-nested", "b.name")
    P("overlap-dup", "a, a")
    P("overlap-parent", "b, b.c")
    P("overlap-child-first", "b.c.d, b.c")
    P("conflict", "b.c, b[0]")
    P("list-dup", "l[0], l[0]")
    P("empty", "")
    P("syntax-trailing-comma", "a,")
    P("syntax-value", "a = :v")
    P("syntax-negative-index", "l[-1]")
    P("undefined-name", "#zz")
    P("unused-name", "a", {"#n": "x"})
    P("depth-33", deep_path(33))
    P("index-huge", "l[99999999999]")
    P("too-long", "a" + "," * 0 + " " * 4100)
    P("len-4096", long_names(4096, ", "))
    P("len-4097", long_names(4097, ", "))
    P("with-consistent", "a", ConsistentRead=True)
    A("pj-get-missing-item", "GetItem", {"TableName": T, "Key": {"pk": S("nope")},
                                         "ProjectionExpression": "a"})


def query(c):
    c.file("query.jsonl")
    A = c.add
    A("q-create", "CreateTable", table("qry_n", "S", "N"))
    A("q-create-s", "CreateTable", table("qry_s", "S", "S"))
    A("q-create-h", "CreateTable", table("qry_h"))
    A("q-create-b", "CreateTable", table("qry_b", "S", "B"))
    for i in range(1, 13):
        A("q-put-a%d" % i, "PutItem", {"TableName": "qry_n", "Item": {
            "pk": S("a"), "sk": N(i), "v": N(i % 3), "t": S("t%02d" % i), "m": M(x=N(i))}})
    for i in (-2, 0.5, 3):
        A("q-put-b%s" % i, "PutItem", {"TableName": "qry_n", "Item": {"pk": S("b"), "sk": N(i)}})
    for s in ["apple", "apricot", "banana", "berry", "cherry", "a", "B", "Äpfel", ""]:
        if s:
            A("q-put-s-" + s, "PutItem", {"TableName": "qry_s", "Item": {"pk": S("a"), "sk": S(s)}})
    A("q-put-h", "PutItem", {"TableName": "qry_h", "Item": {"pk": S("h1"), "v": N(1)}})
    for b in ["AA==", "AQ==", "AQI=", "/w=="]:
        A("q-put-b-" + b, "PutItem", {"TableName": "qry_b", "Item": {"pk": S("a"), "sk": {"B": b}}})

    def Q(cid, kce, values, table_name="qry_n", names=None, **extra):
        body = {"TableName": table_name}
        if kce is not None:
            body["KeyConditionExpression"] = kce
        if values is not None:
            body["ExpressionAttributeValues"] = values
        if names:
            body["ExpressionAttributeNames"] = names
        case_extra = {k: extra.pop(k) for k in ("esk_from", "loose", "collect") if k in extra}
        body.update(extra)
        A("q-" + cid, "Query", body, **case_extra)

    a = {":a": S("a")}
    Q("hash", "pk = :a", a)
    Q("hash-b", "pk = :a", {":a": S("b")})
    Q("hash-empty-result", "pk = :a", {":a": S("zzz")})
    for name, op in [("eq", "="), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")]:
        Q("sk-" + name, "pk = :a AND sk %s :n" % op, dict(a, **{":n": N(5)}))
    Q("sk-between", "pk = :a AND sk BETWEEN :x AND :y", dict(a, **{":x": N(3), ":y": N(7)}))
    Q("sk-between-reversed", "pk = :a AND sk BETWEEN :x AND :y", dict(a, **{":x": N(7), ":y": N(3)}))
    Q("sk-between-equal", "pk = :a AND sk BETWEEN :x AND :x", dict(a, **{":x": N(7)}))
    Q("sk-frac", "pk = :a AND sk < :x", {":a": S("b"), ":x": N("0.50")})
    Q("s-begins", "pk = :a AND begins_with(sk, :p)", dict(a, **{":p": S("ap")}), "qry_s")
    Q("s-begins-all", "pk = :a AND begins_with(sk, :p)", dict(a, **{":p": S("")}), "qry_s")
    Q("s-order", "pk = :a", a, "qry_s")
    Q("s-gt", "pk = :a AND sk > :p", dict(a, **{":p": S("b")}), "qry_s")
    Q("s-desc", "pk = :a", a, "qry_s", ScanIndexForward=False)
    Q("b-order", "pk = :a", a, "qry_b")
    Q("b-begins", "pk = :a AND begins_with(sk, :p)", dict(a, **{":p": {"B": "AQ=="}}), "qry_b")
    Q("b-lt", "pk = :a AND sk < :p", dict(a, **{":p": {"B": "AQ=="}}), "qry_b")
    Q("n-begins", "pk = :a AND begins_with(sk, :p)", dict(a, **{":p": N(1)}))
    Q("n-begins-string", "pk = :a AND begins_with(sk, :p)", dict(a, **{":p": S("1")}))
    Q("names", "#p = :a AND #s > :n", dict(a, **{":n": N(10)}), names={"#p": "pk", "#s": "sk"})
    Q("reversed-operands", ":a = pk AND :n < sk", dict(a, **{":n": N(10)}))
    Q("parens", "(pk = :a) AND (sk > :n)", dict(a, **{":n": N(10)}))
    Q("sk-first", "sk > :n AND pk = :a", dict(a, **{":n": N(10)}))
    Q("hash-only-table", "pk = :h", {":h": S("h1")}, "qry_h")
    Q("desc", "pk = :a", a, ScanIndexForward=False)
    Q("consistent", "pk = :a AND sk <= :n", dict(a, **{":n": N(2)}), ConsistentRead=True)
    Q("page1", "pk = :a", a, Limit=5)
    Q("page2", "pk = :a", a, Limit=5, ExclusiveStartKey={"pk": S("a"), "sk": N(5)})
    Q("page3", "pk = :a", a, Limit=5, ExclusiveStartKey={"pk": S("a"), "sk": N(10)})
    Q("page-exact", "pk = :a", a, Limit=12)
    Q("page-exact-end", "pk = :a", a, Limit=2, ExclusiveStartKey={"pk": S("a"), "sk": N(10)})
    Q("page-desc", "pk = :a", a, Limit=4, ScanIndexForward=False,
      ExclusiveStartKey={"pk": S("a"), "sk": N(9)})
    Q("page-esk-missing-item", "pk = :a", a, Limit=2, ExclusiveStartKey={"pk": S("a"), "sk": N(4.5)})
    Q("page-esk-with-range", "pk = :a AND sk > :n", dict(a, **{":n": N(6)}), Limit=2,
      ExclusiveStartKey={"pk": S("a"), "sk": N(3)})
    Q("page-esk-out-of-range", "pk = :a AND sk < :n", dict(a, **{":n": N(3)}),
      ExclusiveStartKey={"pk": S("a"), "sk": N(8)})
    for i, (lim, fwd) in enumerate([(5, True), (4, False)]):
        prev = None
        for page in range(1, 5):
            extra = {"esk_from": "q-chain%d-p%d" % (i, page - 1), "ExclusiveStartKey": {}} if prev else {}
            Q("chain%d-p%d" % (i, page), "pk = :a", a, Limit=lim, ScanIndexForward=fwd, **extra)
            prev = True
    for page in range(1, 4):
        extra = {"esk_from": "q-fchain-p%d" % (page - 1), "ExclusiveStartKey": {}} if page > 1 else {}
        Q("fchain-p%d" % page, "pk = :a AND sk > :n", dict(a, **{":n": N(1), ":z": N(0)}),
          Limit=4, FilterExpression="v <> :z", **extra)
    Q("page-filter", "pk = :a", dict(a, **{":z": N(0)}), Limit=4, FilterExpression="v = :z")
    Q("page-filter-2", "pk = :a", dict(a, **{":z": N(0)}), Limit=4, FilterExpression="v = :z",
      ExclusiveStartKey={"pk": S("a"), "sk": N(4)})
    Q("filter", "pk = :a", dict(a, **{":z": N(1)}), FilterExpression="v = :z")
    Q("filter-nested", "pk = :a", dict(a, **{":z": N(10)}), FilterExpression="m.x >= :z")
    Q("filter-size", "pk = :a", dict(a, **{":z": N(3)}), FilterExpression="size(t) = :z")
    Q("filter-on-pk", "pk = :a", dict(a, **{":z": S("a")}), FilterExpression="pk = :z")
    Q("filter-on-sk", "pk = :a", dict(a, **{":z": N(1)}), FilterExpression="sk = :z")
    Q("filter-syntax", "pk = :a", a, FilterExpression="v = ")
    Q("filter-undefined", "pk = :a", a, FilterExpression="v = :nope")
    Q("filter-unused-value", "pk = :a", dict(a, **{":u": N(1)}))
    Q("select-count", "pk = :a", a, Select="COUNT")
    Q("select-count-limit", "pk = :a", a, Select="COUNT", Limit=3)
    Q("select-all", "pk = :a AND sk = :n", dict(a, **{":n": N(1)}), Select="ALL_ATTRIBUTES")
    Q("select-specific", "pk = :a AND sk < :n", dict(a, **{":n": N(3)}),
      Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="t, m.x")
    Q("select-specific-no-proj", "pk = :a", a, Select="SPECIFIC_ATTRIBUTES")
    Q("select-all-projected", "pk = :a", a, Select="ALL_PROJECTED_ATTRIBUTES")
    Q("select-count-proj", "pk = :a", a, Select="COUNT", ProjectionExpression="t")
    Q("select-all-proj", "pk = :a", a, Select="ALL_ATTRIBUTES", ProjectionExpression="t")
    Q("select-enum", "pk = :a", a, Select="SOME")
    Q("projection", "pk = :a AND sk > :n", dict(a, **{":n": N(10)}), ProjectionExpression="t, sk")
    Q("err-no-kce", None, None)
    Q("err-empty-kce", "", a)
    Q("err-sk-only", "sk = :n", {":n": N(1)})
    Q("err-non-key", "pk = :a AND v = :n", dict(a, **{":n": N(1)}))
    Q("err-only-non-key", "v = :n", {":n": N(1)})
    Q("err-or", "pk = :a OR sk = :n", dict(a, **{":n": N(1)}))
    Q("err-not", "NOT pk = :a", a)
    Q("err-in", "pk IN (:a)", a)
    Q("err-ne", "pk <> :a", a)
    Q("err-hash-lt", "pk < :a", a)
    Q("err-hash-between", "pk BETWEEN :a AND :b", dict(a, **{":b": S("b")}))
    Q("err-hash-begins", "begins_with(pk, :a)", a)
    Q("err-sk-ne", "pk = :a AND sk <> :n", dict(a, **{":n": N(1)}))
    Q("err-sk-contains", "pk = :a AND contains(sk, :n)", dict(a, **{":n": N(1)}))
    Q("err-sk-exists", "pk = :a AND attribute_exists(sk)", a)
    Q("err-two-sk", "pk = :a AND sk > :n AND sk < :n", dict(a, **{":n": N(1)}))
    Q("err-two-pk", "pk = :a AND pk = :b", dict(a, **{":b": S("b")}))
    Q("err-size", "pk = :a AND size(sk) > :n", dict(a, **{":n": N(1)}))
    Q("err-nested-key", "pk.x = :a", a)
    Q("err-attr-attr", "pk = sk", None)
    Q("err-wrong-type", "pk = :n", {":n": N(1)})
    Q("err-sk-wrong-type", "pk = :a AND sk > :s", dict(a, **{":s": S("1")}))
    Q("err-syntax", "pk = = :a", a)
    Q("err-redundant-parens", "((pk = :a))", a)
    Q("err-reserved", "pk = :a AND name = :a", a)
    Q("err-undefined-value", "pk = :zz", a)
    Q("err-limit-0", "pk = :a", a, Limit=0)
    Q("err-limit-neg", "pk = :a", a, Limit=-1)
    Q("err-esk-missing-sk", "pk = :a", a, ExclusiveStartKey={"pk": S("a")})
    Q("err-esk-other-pk", "pk = :a", a, ExclusiveStartKey={"pk": S("b"), "sk": N(1)})
    Q("err-esk-wrong-type", "pk = :a", a, ExclusiveStartKey={"pk": S("a"), "sk": S("1")})
    Q("err-esk-extra-attr", "pk = :a", a, ExclusiveStartKey={"pk": S("a"), "sk": N(1), "v": N(1)})
    Q("err-no-table", "pk = :a", a, "nope_table")
    Q("err-index", "pk = :a", a, IndexName="idx")
    Q("legacy-keyconditions", None, None, KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("a")]}})
    Q("legacy-keyconditions-mixed", "pk = :a", a, KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("a")]}})
    Q("legacy-queryfilter-mixed", "pk = :a", a, QueryFilter={
        "v": {"ComparisonOperator": "EQ", "AttributeValueList": [N(1)]}})
    Q("legacy-attributestoget-mixed", "pk = :a", a, AttributesToGet=["t"])


def scan(c):
    c.file("scan.jsonl")
    A = c.add
    T = "scan_t"
    A("sc-create", "CreateTable", table(T))
    A("sc-create-empty", "CreateTable", table("sc_empty", "S", "S"))
    for i in range(20):
        A("sc-put-%02d" % i, "PutItem", {"TableName": T, "Item": {
            "pk": S("k%02d" % i), "v": N(i % 4), "tag": S("even" if i % 2 == 0 else "odd")}})

    def Sc(cid, **body):
        extra = {k: body.pop(k) for k in ("loose", "collect", "esk_from") if k in body}
        A("sc-" + cid, "Scan", dict({"TableName": T}, **body), **extra)

    Sc("all")
    Sc("consistent", ConsistentRead=True)
    Sc("count", Select="COUNT")
    Sc("filter", FilterExpression="v = :z", ExpressionAttributeValues={":z": N(0)})
    Sc("filter-on-key", FilterExpression="begins_with(pk, :p)", ExpressionAttributeValues={":p": S("k1")})
    Sc("filter-count", Select="COUNT", FilterExpression="tag = :t", ExpressionAttributeValues={":t": S("odd")})
    Sc("filter-in", FilterExpression="v IN (:a, :b)", ExpressionAttributeValues={":a": N(1), ":b": N(3)})
    Sc("projection", ProjectionExpression="pk, tag")
    Sc("select-specific", Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="v")
    Sc("empty-table", TableName="sc_empty")
    Sc("empty-table-segment", TableName="sc_empty", Segment=1, TotalSegments=3)
    Sc("limit-all", Limit=20, loose="page", collect="limit20")
    Sc("limit-more", Limit=25)
    Sc("page1", Limit=7, loose="page", collect="pages7")
    Sc("page2", Limit=7, loose="page", collect="pages7", esk_from="sc-page1", ExclusiveStartKey={})
    Sc("page3", Limit=7, loose="page", collect="pages7", esk_from="sc-page2", ExclusiveStartKey={})
    for page in range(1, 6):
        extra = {"esk_from": "sc-fchain-p%d" % (page - 1), "ExclusiveStartKey": {}} if page > 1 else {}
        Sc("fchain-p%d" % page, Limit=6, FilterExpression="tag = :t",
           ExpressionAttributeValues={":t": S("odd")}, loose="segment", collect="fchain", **extra)
    Sc("page-filter", Limit=5, FilterExpression="v = :z", ExpressionAttributeValues={":z": N(0)},
       loose="segment")
    for seg in range(4):
        Sc("seg%d-of-4" % seg, Segment=seg, TotalSegments=4, loose="segment", collect="seg4")
    Sc("seg0-of-1", Segment=0, TotalSegments=1)
    for seg in range(2):
        Sc("seg%d-of-2-limit3" % seg, Segment=seg, TotalSegments=2, Limit=3, loose="segment")
    Sc("seg-count", Segment=0, TotalSegments=1, Select="COUNT")
    Sc("esk-static", ExclusiveStartKey={"pk": S("k05")}, loose="segment")
    Sc("err-segment-only", Segment=0)
    Sc("err-total-only", TotalSegments=2)
    Sc("err-segment-eq-total", Segment=4, TotalSegments=4)
    Sc("err-segment-neg", Segment=-1, TotalSegments=2)
    Sc("err-total-0", Segment=0, TotalSegments=0)
    Sc("err-total-1000001", Segment=0, TotalSegments=1000001)
    Sc("total-1000000", Segment=999999, TotalSegments=1000000, loose="segment")
    Sc("err-limit-0", Limit=0)
    Sc("err-esk-wrong-type", ExclusiveStartKey={"pk": N(1)})
    Sc("err-esk-extra", ExclusiveStartKey={"pk": S("k01"), "v": N(1)})
    Sc("err-esk-missing-key", ExclusiveStartKey={"v": N(1)})
    Sc("err-select-count-proj", Select="COUNT", ProjectionExpression="pk")
    Sc("err-select-specific-no-proj", Select="SPECIFIC_ATTRIBUTES")
    Sc("err-select-all-projected", Select="ALL_PROJECTED_ATTRIBUTES")
    Sc("err-filter-syntax", FilterExpression="v = = :z", ExpressionAttributeValues={":z": N(0)})
    Sc("err-filter-empty", FilterExpression="")
    Sc("err-filter-unused", FilterExpression="v = :z", ExpressionAttributeValues={":z": N(0), ":y": N(1)})
    Sc("err-eav-no-filter", ExpressionAttributeValues={":z": N(0)})
    Sc("err-ean-no-expr", ExpressionAttributeNames={"#z": "v"})
    Sc("err-filter-update-fn", FilterExpression="if_not_exists(v, :z) = :z",
       ExpressionAttributeValues={":z": N(0)})
    Sc("err-no-table", TableName="nope_table")
    Sc("err-index", IndexName="idx")
    Sc("legacy-scanfilter", ScanFilter={"v": {"ComparisonOperator": "EQ", "AttributeValueList": [N(0)]}})
    Sc("legacy-scanfilter-mixed", FilterExpression="v = :z", ExpressionAttributeValues={":z": N(0)},
       ScanFilter={"v": {"ComparisonOperator": "EQ", "AttributeValueList": [N(0)]}})
    Sc("legacy-conditionaloperator", ConditionalOperator="OR")
