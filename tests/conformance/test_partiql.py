# ExecuteStatement: DynamoDB's PartiQL (docs/notes/partiql.md has the sources). SELECT as a
# Query when the WHERE fixes the partition key (with a sort-key range, a filter, a projection,
# ORDER BY the sort key, Limit and NextToken paging) or as a Scan; INSERT that refuses an
# existing key (DuplicateItemException); UPDATE (SET, REMOVE, set_add, list_append, arithmetic,
# RETURNING) of an item that must exist; DELETE with RETURNING ALL OLD *; ? parameters;
# the service's errors for malformed statements, missing keys and parameter counts.
import pytest

from ddbtest import assert_client_error

SYNTAX = "Statement wasn't well formed, can't be processed: "
PARTIAL_KEY = "Where clause does not contain a mandatory equality on all key attributes"


def run(ddb, statement, parameters=None, **kw):
    if parameters is not None:
        kw["Parameters"] = parameters
    return ddb.execute_statement(Statement=statement, **kw)


def fill(ddb, table, pk, n):
    for i in range(n):
        ddb.put_item(TableName=table, Item={"pk": {"S": pk}, "sk": {"S": "%03d" % i},
                                            "n": {"N": str(i)}, "odd": {"BOOL": i % 2 == 1}})


def test_insert_then_select_by_key(ddb, table):
    r = run(ddb, "INSERT INTO \"%s\" VALUE {'pk': 'a', 'sk': '1', 'v': 'it''s', 'n': 1.50, "
                 "'l': [1, 'x'], 'm': {'k': TRUE}, 'ss': <<'p', 'q'>>}" % table)
    assert r["Items"] == []
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"S": "1"}})["Item"]
    assert got["v"] == {"S": "it's"}
    assert got["n"] == {"N": "1.5"}
    assert got["l"] == {"L": [{"N": "1"}, {"S": "x"}]}
    assert got["m"] == {"M": {"k": {"BOOL": True}}}
    assert sorted(got["ss"]["SS"]) == ["p", "q"]
    r = run(ddb, 'SELECT v, m FROM "%s" WHERE pk = ? AND sk = ?' % table,
            [{"S": "a"}, {"S": "1"}])
    assert r["Items"] == [{"v": {"S": "it's"}, "m": {"M": {"k": {"BOOL": True}}}}]


@pytest.mark.local_deviation  # DynamoDB Local's code is DuplicateItem; AWS's DuplicateItemException.
def test_insert_of_an_existing_key_is_a_duplicate(ddb, table):
    run(ddb, "INSERT INTO \"%s\" VALUE {'pk': 'a', 'sk': '1'}" % table)
    assert_client_error(run, "DuplicateItemException", "Duplicate primary key exists in table",
                        ddb=ddb, statement="INSERT INTO \"%s\" VALUE {'pk': 'a', 'sk': '1', "
                                           "'x': 1}" % table)
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"S": "1"}})["Item"]
    assert "x" not in got  # Not an upsert.


@pytest.mark.local_deviation  # DynamoDB Local 2.x fails ORDER BY sk DESC with InternalFailure.
def test_select_query_range_filter_order_and_paging(ddb, table):
    fill(ddb, table, "q", 10)
    fill(ddb, table, "other", 3)
    stmt = ('SELECT sk FROM "%s" WHERE pk = \'q\' AND sk BETWEEN \'002\' AND \'008\' '
            'AND odd = TRUE ORDER BY sk DESC' % table)
    r = run(ddb, stmt)
    assert [i["sk"]["S"] for i in r["Items"]] == ["007", "005", "003"]
    # Limit counts the items read; NextToken continues the same statement.
    seen, token, pages = [], None, 0
    while True:
        kw = {"Limit": 2}
        if token:
            kw["NextToken"] = token
        r = run(ddb, stmt, **kw)
        seen += [i["sk"]["S"] for i in r["Items"]]
        pages += 1
        token = r.get("NextToken")
        if not token:
            break
    assert seen == ["007", "005", "003"]
    assert pages >= 3
    assert_client_error(run, "ValidationException", "NextToken does not match request",
                        ddb=ddb, statement='SELECT * FROM "%s" WHERE pk = \'q\'' % table,
                        NextToken=run(ddb, stmt, Limit=1)["NextToken"])


def test_select_without_the_partition_key_scans(ddb, table):
    fill(ddb, table, "s1", 4)
    fill(ddb, table, "s2", 4)
    r = run(ddb, 'SELECT * FROM "%s" WHERE n >= 2 AND begins_with(pk, \'s\')' % table,
            ConsistentRead=True)
    assert sorted((i["pk"]["S"], i["sk"]["S"]) for i in r["Items"]) == [
        ("s1", "002"), ("s1", "003"), ("s2", "002"), ("s2", "003")]
    r = run(ddb, 'SELECT pk FROM "%s" WHERE x IS MISSING AND NOT n IN [0, 1, 2]' % table)
    assert sorted(i["pk"]["S"] for i in r["Items"]) == ["s1", "s2"]


@pytest.mark.local_deviation  # DynamoDB Local ignores ORDER BY the partition key.
def test_select_in_reads_each_partition_in_turn(ddb, table):
    fill(ddb, table, "a", 3)
    fill(ddb, table, "b", 2)
    fill(ddb, table, "c", 1)
    keys = lambda items: [(i["pk"]["S"], i["sk"]["S"]) for i in items]  # noqa: E731
    r = run(ddb, 'SELECT pk, sk FROM "%s" WHERE pk IN [\'b\', \'a\', \'zz\'] AND n < 2' % table)
    assert keys(r["Items"]) == [("b", "000"), ("b", "001"), ("a", "000"), ("a", "001")]
    stmt = ('SELECT pk, sk FROM "%s" WHERE pk IN [\'a\', \'c\', \'b\'] '
            'ORDER BY pk DESC, sk DESC' % table)
    expected = [("c", "000"), ("b", "001"), ("b", "000"), ("a", "002"), ("a", "001"),
                ("a", "000")]
    assert keys(run(ddb, stmt)["Items"]) == expected
    seen, token = [], None
    while True:
        r = run(ddb, stmt, Limit=2, **({"NextToken": token} if token else {}))
        assert len(r["Items"]) <= 2
        seen += keys(r["Items"])
        token = r.get("NextToken")
        if not token:
            break
    assert seen == expected


ORDER_BY_ERRORS = [
    ("SELECT * FROM \"{t}\" ORDER BY sk",
     "Must have WHERE clause in the statement when using ORDER BY clause."),
    ("SELECT * FROM \"{t}\" WHERE n = 1 ORDER BY sk",
     "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY "
     "clause."),
    ("SELECT * FROM \"{t}\" WHERE pk = 'a' ORDER BY n",
     "Attribute n in ORDER BY clause must be part of the primary key"),
    ("SELECT * FROM \"{t}\" WHERE pk IN ['a', 'b'] ORDER BY sk",
     "Must have hash key in ORDER BY clause when more than one hash key condition specified in "
     "WHERE clause."),
]


@pytest.mark.parametrize("statement,message", [
    pytest.param(*case, marks=pytest.mark.local_deviation)
    if "hash key in ORDER BY" in case[1] or "Attribute" in case[1] else case
    for case in ORDER_BY_ERRORS])
def test_order_by_needs_a_query_and_key_attributes(ddb, table, statement, message):
    assert_client_error(run, "ValidationException", message, ddb=ddb,
                        statement=statement.format(t=table))


@pytest.mark.local_deviation  # DynamoDB Local ascends when ORDER BY names only the partition key.
def test_order_by_the_partition_key_alone_reads_the_sort_key_descending(ddb, table):
    fill(ddb, table, "o", 3)
    r = run(ddb, 'SELECT sk FROM "%s" WHERE pk = \'o\' ORDER BY pk ASC' % table)
    assert [i["sk"]["S"] for i in r["Items"]] == ["002", "001", "000"]
    r = run(ddb, 'SELECT sk FROM "%s" WHERE pk = \'o\' ORDER BY pk, sk' % table)
    assert [i["sk"]["S"] for i in r["Items"]] == ["000", "001", "002"]


LOCAL_DIFFERS = pytest.mark.local_deviation  # DynamoDB Local runs these reads.


@pytest.mark.parametrize("where,message", [
    ("pk = 1", "Key attribute's data type should match its data type in table's schema: Key pk"),
    pytest.param("pk IN ['a', 1]", "Key attribute's data type should match its data type in "
                 "table's schema: Key pk", marks=LOCAL_DIFFERS),
    pytest.param("pk IN ['a', 'a']", "Overlapping conditions with range keys are not supported "
                 "in where clause", marks=LOCAL_DIFFERS),
    pytest.param("pk IN [%s]" % ", ".join("'k%d'" % i for i in range(51)),
                 "Too many decomposed read operations for a given query.", marks=LOCAL_DIFFERS),
    ("n IN [%s]" % ", ".join(str(i) for i in range(101)),
     "The IN operator is provided with too many operands; number of operands: 101"),
])
def test_partition_key_reads_the_service_refuses(ddb, table, where, message):
    assert_client_error(run, "ValidationException", message, ddb=ddb,
                        statement='SELECT * FROM "%s" WHERE %s' % (table, where))


@pytest.mark.local_deviation  # DynamoDB Local nests them in BatchExecuteStatement's answer.
def test_nested_paths_are_named_by_their_last_step(ddb, table):
    ddb.put_item(TableName=table, Item={
        "pk": {"S": "n"}, "sk": {"S": "1"}, "top": {"S": "t"},
        "m": {"M": {"k": {"L": [{"S": "c"}, {"S": "d"}]}, "deep": {"M": {"x": {"N": "5"}}}}},
        "l": {"L": [{"S": "a"}, {"S": "b"}]}})
    expected = {"k[1]": {"S": "d"}, "x": {"N": "5"}, "l[1]": {"S": "b"}, "top": {"S": "t"}}
    stmt = 'SELECT m.k[1], m.deep.x, l[1], top, m.none FROM "%s" WHERE pk = \'n\'' % table
    assert run(ddb, stmt)["Items"] == [expected]  # a Query
    stmt = ('SELECT m.k[1], m.deep.x, l[1], top FROM "%s" WHERE pk = \'n\' AND sk = \'1\''
            % table)
    assert run(ddb, stmt)["Items"] == [expected]  # one item by its key
    r = ddb.batch_execute_statement(Statements=[{"Statement": stmt}])
    assert r["Responses"] == [{"TableName": table, "Item": expected}]
    r = ddb.execute_transaction(TransactStatements=[{"Statement": stmt}])
    assert r["Responses"] == [{"Item": expected}]


def test_two_values_for_the_partition_key_select_nothing(ddb, table):
    fill(ddb, table, "a", 2)
    r = run(ddb, 'SELECT * FROM "%s" WHERE pk = \'a\' AND pk = \'b\'' % table)
    assert r["Items"] == []


def test_update_set_remove_sets_lists_and_returning(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "u"}, "sk": {"S": "1"}, "n": {"N": "1"},
                                        "l": {"L": []}, "gone": {"S": "x"},
                                        "tags": {"SS": ["a"]}})
    r = run(ddb, "UPDATE \"%s\" SET n = n + 2 SET l = list_append(l, ?) "
                 "SET tags = set_add(tags, <<'b'>>) REMOVE gone "
                 "WHERE pk = 'u' AND sk = '1' RETURNING ALL NEW *" % table,
            [{"L": [{"S": "new"}]}])
    item = r["Items"][0]
    assert item["n"] == {"N": "3"}
    assert item["l"] == {"L": [{"S": "new"}]}
    assert sorted(item["tags"]["SS"]) == ["a", "b"]
    assert "gone" not in item
    r = run(ddb, "UPDATE \"%s\" SET n = 10 WHERE pk = 'u' AND sk = '1' RETURNING MODIFIED OLD *"
            % table)
    assert r["Items"] == [{"n": {"N": "3"}}]


def test_update_is_not_an_upsert_and_its_where_is_a_condition(ddb, table):
    assert_client_error(run, "ConditionalCheckFailedException", "The conditional request failed",
                        ddb=ddb, statement="UPDATE \"%s\" SET v = 1 WHERE pk = 'none' AND sk = '1'"
                        % table)
    assert "Item" not in ddb.get_item(TableName=table,
                                      Key={"pk": {"S": "none"}, "sk": {"S": "1"}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "c"}, "sk": {"S": "1"}, "v": {"N": "1"}})
    assert_client_error(run, "ConditionalCheckFailedException", ddb=ddb,
                        statement="UPDATE \"%s\" SET v = 2 WHERE pk = 'c' AND sk = '1' AND v = 5"
                        % table)
    run(ddb, "UPDATE \"%s\" SET v = 2 WHERE pk = 'c' AND sk = '1' AND v = 1" % table)
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "c"}, "sk": {"S": "1"}})["Item"]
    assert got["v"] == {"N": "2"}


def test_delete_with_returning_and_of_a_missing_item(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "d"}, "sk": {"S": "1"}, "v": {"S": "x"}})
    r = run(ddb, "DELETE FROM \"%s\" WHERE pk = 'd' AND sk = '1' RETURNING ALL OLD *" % table)
    assert r["Items"] == [{"pk": {"S": "d"}, "sk": {"S": "1"}, "v": {"S": "x"}}]
    assert run(ddb, "DELETE FROM \"%s\" WHERE pk = 'd' AND sk = '1'" % table)["Items"] == []
    # Other terms are a condition: a present item is deleted only when they hold, and an absent
    # one fails them.
    assert_client_error(run, "ConditionalCheckFailedException", ddb=ddb,
                        statement="DELETE FROM \"%s\" WHERE pk = 'd' AND sk = '1' AND v = 'y'"
                        % table)
    ddb.put_item(TableName=table, Item={"pk": {"S": "d"}, "sk": {"S": "2"}, "v": {"S": "x"}})
    assert_client_error(run, "ConditionalCheckFailedException", ddb=ddb,
                        statement="DELETE FROM \"%s\" WHERE pk = 'd' AND sk = '2' AND v = 'y'"
                        % table)


@pytest.mark.ddb_only  # DynamoDB Local answers this statement with a 500.
def test_deep_nesting_is_refused_not_a_crash(ddb, table):
    deep = 'SELECT * FROM "%s" WHERE ' % table + "(" * 4000 + "a = 1" + ")" * 4000
    err = assert_client_error(run, "ValidationException", ddb=ddb, statement=deep)
    assert err["Error"]["Message"].startswith(SYNTAX), err
    lists = "INSERT INTO \"%s\" VALUE {'pk': 'n', 'sk': '1', 'l': " % table + "[" * 40 + \
        "]" * 40 + "}"
    assert_client_error(run, "ValidationException", ddb=ddb, statement=lists)
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "n"}, "sk": {"S": "1"}})


# DynamoDB Local repeats the whole statement after "can't be processed: "; AWS gives the
# parser's detail (docs/notes/partiql.md §4).
LOCAL_SYNTAX = pytest.mark.local_deviation


@pytest.mark.parametrize("statement,message", [
    ("UPDATE \"{t}\" SET v = 1 WHERE pk = 'a'", PARTIAL_KEY),
    ("DELETE FROM \"{t}\" WHERE sk = '1'", PARTIAL_KEY),
    ("UPDATE \"{t}\" SET v = 1", PARTIAL_KEY),
    pytest.param("UPDATE Payment-x SET v = 1 WHERE pk = 'a'", SYNTAX + "Expected data manipulation",
                 marks=LOCAL_SYNTAX),
    pytest.param("INSERT INTO \"{t}\" (pk) VALUES ('a')", SYNTAX + "Unexpected keyword",
                 marks=LOCAL_SYNTAX),
    ("SELECT * FROM \"{t}\" WHERE pk = ?", "Number of parameters in request and statement "
                                          "don't match."),
    ("SELECT * FROM \"{t}\", \"{t}\"", "Only select from a single table or index is supported."),
])
def test_errors(ddb, table, statement, message):
    assert_client_error(run, "ValidationException", message, ddb=ddb,
                        statement=statement.format(t=table))


@pytest.mark.local_deviation  # "Cannot do operations on a non-existent table" in DynamoDB Local.
def test_unknown_table(ddb):
    assert_client_error(run, "ResourceNotFoundException", "Requested resource not found",
                        ddb=ddb, statement='SELECT * FROM "no_such_table_x"')


def test_aws_cli_execute_statement(aws_cli, table, ddb):
    run(ddb, "INSERT INTO \"%s\" VALUE {'pk': 'cli', 'sk': '1', 'v': 7}" % table)
    r = aws_cli("execute-statement", "--statement",
                "SELECT v FROM \"%s\" WHERE pk = 'cli'" % table)
    assert r.rc == 0, r.stderr
    assert r.json["Items"] == [{"v": {"N": "7"}}]


def test_two_conditions_on_the_sort_key(ddb, table):
    fill(ddb, table, "r", 6)
    r = run(ddb, 'SELECT sk FROM "%s" WHERE pk = \'r\' AND sk > \'001\' AND sk < \'004\''
            % table)
    assert sorted(i["sk"]["S"] for i in r["Items"]) == ["002", "003"]
