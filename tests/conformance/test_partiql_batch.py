# BatchExecuteStatement: up to 25 PartiQL statements, all reads or all writes, answered in order
# with each statement's table and item or its error (docs/notes/partiql.md has the sources).
# Reads name one item by its whole key; writes are ExecuteStatement's INSERT, UPDATE and DELETE.
# A mixed batch, or two statements on one item, refuses the whole request before anything runs.
import json

import pytest

from ddbtest import assert_client_error
from ddbtest import partiql_statement as st
from ddbtest import stored_item as get
from ddbtest import string_key as key

NOT_ONE_ITEM = ("Select statements within BatchExecuteStatement must specify the primary key "
                "in the where clause.")


def batch(ddb, *statements, **kw):
    return ddb.batch_execute_statement(Statements=list(statements), **kw)


def test_writes_answer_their_table_in_order(ddb, table):
    ddb.put_item(TableName=table, Item={**key("a", "2"), "n": {"N": "1"}})
    ddb.put_item(TableName=table, Item={**key("a", "3")})
    r = batch(ddb,
              st("INSERT INTO \"%s\" VALUE {'pk': 'a', 'sk': '1', 'v': ?}" % table, {"S": "x"}),
              st('UPDATE "%s" SET n = n + 5 WHERE pk = \'a\' AND sk = \'2\'' % table),
              st('DELETE FROM "%s" WHERE pk = ? AND sk = ?' % table, {"S": "a"}, {"S": "3"}))
    assert r["Responses"] == [{"TableName": table}] * 3
    assert get(ddb, table, "a", "1")["v"] == {"S": "x"}
    assert get(ddb, table, "a", "2")["n"] == {"N": "6"}
    assert get(ddb, table, "a", "3") is None


def test_reads_answer_each_item_or_none(ddb, table):
    ddb.put_item(TableName=table, Item={**key("r", "1"), "v": {"S": "one"}, "w": {"N": "2"}})
    ddb.put_item(TableName=table, Item={**key("r", "2"), "v": {"S": "two"}, "w": {"N": "3"}})
    r = batch(ddb,
              st('SELECT * FROM "%s" WHERE pk = \'r\' AND sk = \'1\'' % table),
              st('SELECT v FROM "%s" WHERE sk = ? AND pk = ?' % table, {"S": "2"}, {"S": "r"}),
              st('SELECT * FROM "%s" WHERE pk = \'r\' AND sk = \'missing\'' % table))
    assert r["Responses"] == [
        {"TableName": table, "Item": {**key("r", "1"), "v": {"S": "one"}, "w": {"N": "2"}}},
        {"TableName": table, "Item": {"v": {"S": "two"}}},
        {"TableName": table},
    ]


@pytest.mark.local_deviation  # DynamoDB Local: "Only single item select is supported".
def test_a_one_value_in_names_the_key(ddb, table):
    ddb.put_item(TableName=table, Item={**key("i", "1"), "v": {"S": "in"}})
    r = batch(ddb, st('SELECT v FROM "%s" WHERE pk IN [\'i\'] AND sk = \'1\'' % table))
    assert r["Responses"] == [{"TableName": table, "Item": {"v": {"S": "in"}}}]


@pytest.mark.local_deviation  # DynamoDB Local: "Only single item select is supported".
@pytest.mark.parametrize("where", ["pk = 'r'", "pk = 'r' AND sk = '1' AND v = 'one'",
                                   "sk = '1'", "pk = 'r' AND sk > '0'"])
def test_a_read_must_name_exactly_one_item(ddb, table, where):
    ddb.put_item(TableName=table, Item={**key("r", "1"), "v": {"S": "one"}})
    r = batch(ddb, st('SELECT * FROM "%s" WHERE %s' % (table, where)),
              st('SELECT * FROM "%s" WHERE pk = \'r\' AND sk = \'1\'' % table))
    assert r["Responses"][0] == {"Error": {"Code": "ValidationError", "Message": NOT_ONE_ITEM}}
    assert r["Responses"][1]["Item"]["v"] == {"S": "one"}


@pytest.mark.local_deviation  # DynamoDB Local: "Only single item select is supported".
def test_a_read_of_an_index_is_refused(ddb, make_table):
    t = make_table(AttributeDefinitions=[
        {"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
        {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": [
            {"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
    r = batch(ddb, st('SELECT * FROM "%s"."byg" WHERE g = \'x\'' % t))
    assert r["Responses"] == [{"Error": {"Code": "ValidationError", "Message": NOT_ONE_ITEM}}]


@pytest.mark.local_deviation  # DynamoDB Local's codes end in Exception and it names no table.
def test_each_statement_fails_alone(ddb, raw, table):
    ddb.put_item(TableName=table, Item={**key("e", "1"), "n": {"N": "1"}})
    ddb.put_item(TableName=table, Item={**key("e", "2"), "n": {"N": "1"}})
    # Through the raw client: Debian's botocore predates ReturnValuesOnConditionCheckFailure.
    r = raw.call("BatchExecuteStatement", {"Statements": [
        st("INSERT INTO \"%s\" VALUE {'pk': 'e', 'sk': '1'}" % table),
        st('UPDATE "%s" SET n = 2 WHERE pk = \'e\' AND sk = \'2\' AND n = 5' % table,
           ReturnValuesOnConditionCheckFailure="ALL_OLD"),
        st('UPDATE "%s" SET n = 3 WHERE pk = \'e\' AND sk = \'nothing\'' % table),
        st('INSERT INTO "no_such_table" VALUE {\'pk\': \'x\', \'sk\': \'y\'}'),
        st("INSERT INTO \"%s\" VALUES {'pk': 'e', 'sk': '4'}" % table),
        st("INSERT INTO \"%s\" VALUE {'pk': 'e', 'sk': '3'}" % table)]}).json
    assert r["Responses"] == [
        {"TableName": table, "Error": {"Code": "DuplicateItem",
                                       "Message": "Duplicate primary key exists in table"}},
        # No item beside a failed condition, even with ALL_OLD.
        {"TableName": table, "Error": {"Code": "ConditionalCheckFailed",
                                       "Message": "The conditional request failed"}},
        {"TableName": table, "Error": {"Code": "ConditionalCheckFailed",
                                       "Message": "The conditional request failed"}},
        {"TableName": "no_such_table", "Error": {"Code": "ResourceNotFound",
                                                 "Message": "Requested resource not found"}},
        {"Error": {"Code": "ValidationError", "Message": r["Responses"][4]["Error"]["Message"]}},
        {"TableName": table},
    ]
    assert r["Responses"][4]["Error"]["Message"].startswith(
        "Statement wasn't well formed, can't be processed: ")
    assert get(ddb, table, "e", "1")["n"] == {"N": "1"}
    assert get(ddb, table, "e", "2")["n"] == {"N": "1"}
    assert get(ddb, table, "e", "3") is not None


def test_reads_and_writes_together_are_refused(ddb, table):
    assert_client_error(
        ddb.batch_execute_statement, "ValidationException",
        "Read and write requests together in the same batch is not supported.",
        Statements=[st("INSERT INTO \"%s\" VALUE {'pk': 'm', 'sk': '1'}" % table),
                    st('SELECT * FROM "%s" WHERE pk = \'m\' AND sk = \'1\'' % table)])
    assert get(ddb, table, "m", "1") is None


@pytest.mark.local_deviation  # DynamoDB Local runs the statements before it looks for duplicates.
def test_two_statements_on_one_item_refuse_the_batch(ddb, table):
    assert_client_error(
        ddb.batch_execute_statement, "ValidationException",
        "Provided list of item keys contains duplicates",
        Statements=[st("INSERT INTO \"%s\" VALUE {'pk': 'd', 'sk': '1'}" % table),
                    st('UPDATE "%s" SET v = 1 WHERE pk = \'d\' AND sk = \'1\'' % table)])
    assert get(ddb, table, "d", "1") is None


def test_exists_belongs_to_transactions(ddb, table):
    r = batch(ddb, st('EXISTS(SELECT * FROM "%s" WHERE pk = \'x\' AND sk = \'1\' AND v = 1)'
                      % table))
    assert r["Responses"] == [{"Error": {
        "Code": "ValidationError",
        "Message": "EXISTS can only be used in ExecuteTransaction write requests."}}]


@pytest.mark.local_deviation  # DynamoDB Local: "BatchGetItem cannot fetch more than 25 items".
def test_statement_count_limits(ddb, table):
    too_many = [st('SELECT * FROM "%s" WHERE pk = \'x\' AND sk = \'%d\'' % (table, i))
                for i in range(26)]
    err = assert_client_error(ddb.batch_execute_statement, "ValidationException",
                              Statements=too_many)
    assert "Member must have length less than or equal to 25" in err["Error"]["Message"]
    r = ddb.batch_execute_statement(Statements=too_many[:25])
    assert len(r["Responses"]) == 25


@pytest.mark.local_deviation  # DynamoDB Local returns no ConsumedCapacity for PartiQL.
def test_capacity_is_one_entry_per_table(ddb, table):
    ddb.put_item(TableName=table, Item={**key("c", "1"), "v": {"S": "x"}})
    r = batch(ddb, st('SELECT * FROM "%s" WHERE pk = \'c\' AND sk = \'1\'' % table),
              st('SELECT * FROM "%s" WHERE pk = \'c\' AND sk = \'2\'' % table,
                 ConsistentRead=True),
              ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 1.5}]
    r = batch(ddb, st("INSERT INTO \"%s\" VALUE {'pk': 'c', 'sk': '3'}" % table),
              st("INSERT INTO \"%s\" VALUE {'pk': 'c', 'sk': '4'}" % table),
              ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 2.0}]
    # A batch whose every statement failed consumed nothing it reports.
    r = batch(ddb, st("INSERT INTO \"%s\" VALUE {'pk': 'c', 'sk': '3'}" % table),
              ReturnConsumedCapacity="TOTAL")
    assert "ConsumedCapacity" not in r


def test_aws_cli_batch_execute_statement(aws_cli, ddb, table, tmp_path):
    statements = tmp_path / "statements.json"
    statements.write_text(json.dumps([
        {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'cli', 'sk': '1', 'v': 7}" % table},
        {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'cli', 'sk': '2'}" % table}]))
    r = aws_cli("batch-execute-statement", "--statements",
                "file://%s" % statements)
    assert r.rc == 0, r.stderr
    assert r.json["Responses"] == [{"TableName": table}, {"TableName": table}]
    assert get(ddb, table, "cli", "1")["v"] == {"N": "7"}
