# ExecuteTransaction: up to 100 PartiQL statements, all-or-nothing (docs/notes/partiql.md has the
# sources). Writes (INSERT, UPDATE, DELETE, EXISTS(SELECT ...) as a condition check) commit
# together or not at all, with TransactWriteItems' cancellation reasons and ClientRequestToken;
# reads (SELECTs of one item each by its key) come from one snapshot. Statements of the wrong
# form refuse the request, naming their position.
import json

import pytest

from ddbtest import assert_client_error
from ddbtest import partiql_statement as st
from ddbtest import stored_item as get
from ddbtest import string_key as key

CANCELLED = "Transaction cancelled, please refer cancellation reasons for specific reasons "


def txn(ddb, *statements, **kw):
    return ddb.execute_transaction(TransactStatements=list(statements), **kw)


def cancelled(ddb, statements, **kw):
    """The CancellationReasons of a transaction that must be cancelled."""
    err = assert_client_error(ddb.execute_transaction, "TransactionCanceledException",
                              TransactStatements=statements, **kw)
    reasons = err["CancellationReasons"]
    assert err["Error"]["Message"] == CANCELLED + "[%s]" % ", ".join(r["Code"] for r in reasons)
    return reasons


def test_writes_commit_together(ddb, table):
    ddb.put_item(TableName=table, Item={**key("w", "2"), "n": {"N": "1"}})
    ddb.put_item(TableName=table, Item={**key("w", "3")})
    r = txn(ddb,
            st("INSERT INTO \"%s\" VALUE {'pk': 'w', 'sk': '1', 'v': ?}" % table, {"S": "x"}),
            st('UPDATE "%s" SET n = n + 1 SET l = list_append(?, [2]) WHERE pk = \'w\' '
               'AND sk = \'2\'' % table, {"L": [{"N": "1"}]}),
            st('DELETE FROM "%s" WHERE pk = \'w\' AND sk = \'3\'' % table))
    assert r["Responses"] == []
    assert get(ddb, table, "w", "1")["v"] == {"S": "x"}
    assert get(ddb, table, "w", "2")["n"] == {"N": "2"}
    assert get(ddb, table, "w", "2")["l"] == {"L": [{"N": "1"}, {"N": "2"}]}
    assert get(ddb, table, "w", "3") is None


@pytest.mark.local_deviation  # DynamoDB Local reports the duplicate as a ValidationError.
def test_an_existing_key_cancels_as_duplicate_item(ddb, table):
    ddb.put_item(TableName=table, Item={**key("d", "1")})
    reasons = cancelled(ddb, [
        st("INSERT INTO \"%s\" VALUE {'pk': 'd', 'sk': '1'}" % table),
        st("INSERT INTO \"%s\" VALUE {'pk': 'd', 'sk': '2'}" % table)])
    assert reasons == [{"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"},
                       {"Code": "None"}]
    assert get(ddb, table, "d", "2") is None


@pytest.mark.local_deviation  # DynamoDB Local leaves out the item ALL_OLD asks for.
def test_a_failed_condition_cancels_everything(ddb, raw, table):
    ddb.put_item(TableName=table, Item={**key("c", "1"), "n": {"N": "1"}})
    # Through the raw client: Debian's botocore predates ReturnValuesOnConditionCheckFailure.
    r = raw.call("ExecuteTransaction", {"TransactStatements": [
        st("INSERT INTO \"%s\" VALUE {'pk': 'c', 'sk': '2'}" % table),
        st('UPDATE "%s" SET n = 5 WHERE pk = \'c\' AND sk = \'1\' AND n = 9' % table,
           ReturnValuesOnConditionCheckFailure="ALL_OLD")]})
    assert r.status == 400
    assert r.json["CancellationReasons"] == [
        {"Code": "None"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
         "Item": {**key("c", "1"), "n": {"N": "1"}}}]
    assert get(ddb, table, "c", "2") is None
    # UPDATE is not an upsert: a missing item fails its condition too.
    reasons = cancelled(ddb, [
        st('UPDATE "%s" SET n = 5 WHERE pk = \'c\' AND sk = \'none\'' % table)])
    assert reasons == [{"Code": "ConditionalCheckFailed",
                        "Message": "The conditional request failed"}]


@pytest.mark.local_deviation  # DynamoDB Local ends a failed EXISTS's message with a period.
def test_exists_is_a_condition_check(ddb, table):
    ddb.put_item(TableName=table, Item={**key("x", "1"), "state": {"S": "open"}})
    exists = 'EXISTS(SELECT * FROM "%s" WHERE pk = \'x\' AND sk = \'1\' AND state = ?)' % table
    txn(ddb, st(exists, {"S": "open"}),
        st("INSERT INTO \"%s\" VALUE {'pk': 'x', 'sk': '2'}" % table))
    assert get(ddb, table, "x", "2") is not None
    reasons = cancelled(ddb, [st(exists, {"S": "closed"}),
                              st("INSERT INTO \"%s\" VALUE {'pk': 'x', 'sk': '3'}" % table)])
    assert reasons == [{"Code": "ConditionalCheckFailed",
                        "Message": "The conditional request failed"}, {"Code": "None"}]
    missing = ('EXISTS(SELECT * FROM "%s" WHERE pk = \'x\' AND sk = \'none\' AND state = '
               '\'open\')' % table)
    reasons = cancelled(ddb, [st(missing),
                              st("INSERT INTO \"%s\" VALUE {'pk': 'x', 'sk': '3'}" % table)])
    assert reasons[0]["Code"] == "ConditionalCheckFailed"
    assert get(ddb, table, "x", "3") is None


def test_exists_needs_the_key_and_a_condition(ddb, table):
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "Validation failed in TransactStatements[1]: EXISTS() must contain a single item read "
        "with additional condition",
        TransactStatements=[
            st("INSERT INTO \"%s\" VALUE {'pk': 'x', 'sk': '2'}" % table),
            st('EXISTS(SELECT * FROM "%s" WHERE pk = \'x\' AND sk = \'1\')' % table)])


def test_reads_come_from_one_snapshot(ddb, table):
    ddb.put_item(TableName=table, Item={**key("r", "1"), "v": {"S": "one"}, "w": {"N": "1"}})
    r = txn(ddb, st('SELECT v FROM "%s" WHERE pk = \'r\' AND sk = \'1\'' % table),
            st('SELECT * FROM "%s" WHERE pk = ? AND sk = ?' % table, {"S": "r"}, {"S": "none"}))
    assert r["Responses"] == [{"Item": {"v": {"S": "one"}}}, {}]


@pytest.mark.parametrize("where", ["pk = 'r'", "pk = 'r' AND sk = '1' AND v = 'one'"])
def test_a_read_must_name_exactly_one_item(ddb, table, where):
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "Validation failed in TransactStatements[1]: Select statements within ExecuteTransaction "
        "must specify the primary key in the where clause.",
        TransactStatements=[st('SELECT * FROM "%s" WHERE pk = \'r\' AND sk = \'0\'' % table),
                            st('SELECT * FROM "%s" WHERE %s' % (table, where))])


def test_a_read_of_an_index_is_refused(ddb, make_table):
    t = make_table(AttributeDefinitions=[
        {"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
        {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": [
            {"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "Validation failed in TransactStatements[0]: Reads on indices are not supported within "
        "transactions.",
        TransactStatements=[st('SELECT * FROM "%s"."byg" WHERE g = \'x\'' % t)])


def test_reads_and_writes_together_are_refused(ddb, table):
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "ExecuteTransaction API does not support both read and write operations in the same "
        "request.",
        TransactStatements=[st("INSERT INTO \"%s\" VALUE {'pk': 'm', 'sk': '1'}" % table),
                            st('SELECT * FROM "%s" WHERE pk = \'m\' AND sk = \'2\'' % table)])
    assert get(ddb, table, "m", "1") is None


@pytest.mark.parametrize("second", [
    "UPDATE \"{t}\" SET v = 1 WHERE pk = 'o' AND sk = '1'",
    "DELETE FROM \"{t}\" WHERE sk = '1' AND pk = 'o'"])
def test_two_statements_on_one_item_are_refused(ddb, table, second):
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "Transaction request cannot include multiple operations on one item",
        TransactStatements=[st("INSERT INTO \"%s\" VALUE {'pk': 'o', 'sk': '1'}" % table),
                            st(second.format(t=table))])
    assert get(ddb, table, "o", "1") is None


@pytest.mark.local_deviation  # DynamoDB Local answers ResourceNotFoundException for the request.
def test_a_missing_table_cancels_with_its_reason(ddb, table):
    reasons = cancelled(ddb, [
        st("INSERT INTO \"%s\" VALUE {'pk': 't', 'sk': '1'}" % table),
        st("INSERT INTO \"no_such_table\" VALUE {'pk': 't', 'sk': '1'}")])
    assert reasons == [{"Code": "None"}, {"Code": "ResourceNotFound",
                                          "Message": "Requested resource not found"}]
    assert get(ddb, table, "t", "1") is None


@pytest.mark.local_deviation  # DynamoDB Local answers a ValidationException for the request.
def test_a_key_that_does_not_fit_cancels_with_its_reason(ddb, table):
    reasons = cancelled(ddb, [
        st("INSERT INTO \"%s\" VALUE {'pk': 'k', 'sk': '1'}" % table),
        st('UPDATE "%s" SET v = 1 WHERE pk = 1 AND sk = \'1\'' % table),
        st("INSERT INTO \"%s\" VALUE {'pk': 'k'}" % table)])
    assert reasons == [
        {"Code": "None"},
        {"Code": "ValidationError", "Message": "The provided key element does not match the schema"},
        {"Code": "ValidationError",
         "Message": "One or more parameter values were invalid: Missing the key sk in the item"}]


def test_a_parameter_count_mismatch_names_the_statement(ddb, table):
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "Validation failed in TransactStatements[1]: Number of parameters in request and "
        "statement don't match.",
        TransactStatements=[st("INSERT INTO \"%s\" VALUE {'pk': 'p', 'sk': '1'}" % table),
                            st("INSERT INTO \"%s\" VALUE {'pk': ?, 'sk': '2'}" % table)])


def test_returning_is_refused(ddb, table):
    assert_client_error(
        ddb.execute_transaction, "ValidationException",
        "Validation failed in TransactStatements[0]: RETURNING clause is not supported in "
        "ExecuteTransaction.",
        TransactStatements=[st('UPDATE "%s" SET v = 1 WHERE pk = \'a\' AND sk = \'1\' '
                               'RETURNING ALL NEW *' % table)])


def test_client_request_token_makes_it_idempotent(ddb, table):
    ddb.put_item(TableName=table, Item={**key("i", "1"), "n": {"N": "0"}})
    bump = [st('UPDATE "%s" SET n = n + 1 WHERE pk = \'i\' AND sk = \'1\'' % table)]
    txn(ddb, *bump, ClientRequestToken="token-1")
    txn(ddb, *bump, ClientRequestToken="token-1")
    assert get(ddb, table, "i", "1")["n"] == {"N": "1"}
    other = [st('UPDATE "%s" SET n = n + 2 WHERE pk = \'i\' AND sk = \'1\'' % table)]
    assert_client_error(ddb.execute_transaction, "IdempotentParameterMismatchException",
                        TransactStatements=other, ClientRequestToken="token-1")
    txn(ddb, *bump, ClientRequestToken="token-2")
    assert get(ddb, table, "i", "1")["n"] == {"N": "2"}


@pytest.mark.local_deviation  # DynamoDB Local returns no ConsumedCapacity for PartiQL.
def test_capacity_is_twice_the_plain_operations(ddb, table):
    r = txn(ddb, st("INSERT INTO \"%s\" VALUE {'pk': 'u', 'sk': '1'}" % table),
            st("INSERT INTO \"%s\" VALUE {'pk': 'u', 'sk': '2'}" % table),
            ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 4.0,
                                      "WriteCapacityUnits": 4.0}]
    r = txn(ddb, st('SELECT * FROM "%s" WHERE pk = \'u\' AND sk = \'1\'' % table),
            ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 2.0,
                                      "ReadCapacityUnits": 2.0}]


def test_statement_count_limit(ddb, table):
    statements = [st("INSERT INTO \"%s\" VALUE {'pk': 'n', 'sk': '%03d'}" % (table, i))
                  for i in range(101)]
    err = assert_client_error(ddb.execute_transaction, "ValidationException",
                              TransactStatements=statements)
    assert "Member must have length less than or equal to 100" in err["Error"]["Message"]
    txn(ddb, *statements[:100])
    assert get(ddb, table, "n", "099") is not None


def test_aws_cli_execute_transaction(aws_cli, ddb, table, tmp_path):
    statements = tmp_path / "statements.json"
    statements.write_text(json.dumps([
        {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'cli', 'sk': '1'}" % table},
        {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'cli', 'sk': '2'}" % table}]))
    r = aws_cli("execute-transaction", "--transact-statements", "file://%s" % statements)
    assert r.rc == 0, r.stderr
    assert r.json == {"Responses": []}
    assert get(ddb, table, "cli", "2") is not None
