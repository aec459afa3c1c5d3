# Pins what the AWS CLI v2 (`aws dynamodb ...`) sees from the server: create-table,
# list-tables (JSON and the ASCII `--output table` headed ListTables, as the seed's
# bin/ddb/list-tables prints it), describe-table, put-item, get-item, query, scan (the CLI
# pages through everything) and delete-table, plus the CLI's exit code 254 and stderr text
# for a service error.
import json

import pytest

from ddbtest import table_not_found_msg, unique_name


@pytest.fixture
def cli_table(aws_cli, ddb):
    name = unique_name("cli")
    r = aws_cli("create-table", "--table-name", name,
                "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                "AttributeName=sk,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5")
    assert r.rc == 0, r
    yield name, r
    try:
        ddb.delete_table(TableName=name)
    except ddb.exceptions.ResourceNotFoundException:
        pass


def test_create_table(cli_table):
    name, r = cli_table
    d = r.json["TableDescription"]
    assert d["TableName"] == name
    assert d["TableStatus"] == "ACTIVE"
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert d["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"},
                              {"AttributeName": "sk", "KeyType": "RANGE"}]


def test_describe_table(aws_cli, cli_table):
    name, _ = cli_table
    r = aws_cli("describe-table", "--table-name", name)
    assert r.rc == 0, r
    t = r.json["Table"]
    assert t["TableName"] == name and t["ItemCount"] == 0
    assert t["TableArn"].endswith(":table/" + name)


def test_list_tables_json(aws_cli, cli_table):
    name, _ = cli_table
    r = aws_cli("list-tables")
    assert r.rc == 0, r
    assert name in r.json["TableNames"]
    assert r.json["TableNames"] == sorted(r.json["TableNames"])


def test_list_tables_ascii_table(aws_cli, cli_table):
    name, _ = cli_table
    r = aws_cli("list-tables", output="table")
    assert r.rc == 0, r
    lines = r.stdout.splitlines()
    assert lines[0].startswith("---") and lines[0].strip("-") == ""
    assert lines[1].strip("| ").strip() == "ListTables"
    assert any(line.strip("| ").strip() == "TableNames" for line in lines)
    rows = [line.strip("|").strip() for line in lines if line.startswith("||  ")]
    assert name in rows


def test_put_get_item(aws_cli, cli_table):
    name, _ = cli_table
    item = {"pk": {"S": "a"}, "sk": {"S": "1"}, "n": {"N": "1.50"}, "l": {"L": [{"BOOL": True}]}}
    r = aws_cli("put-item", "--table-name", name, "--item", json.dumps(item))
    assert r.rc == 0, r
    assert r.stdout.strip() == ""
    r = aws_cli("get-item", "--table-name", name, "--key",
                json.dumps({"pk": {"S": "a"}, "sk": {"S": "1"}}), "--consistent-read")
    assert r.rc == 0, r
    assert r.json["Item"] == dict(item, n={"N": "1.5"})


def test_put_item_return_values_and_capacity(aws_cli, cli_table):
    name, _ = cli_table
    item = {"pk": {"S": "a"}, "sk": {"S": "1"}}
    aws_cli("put-item", "--table-name", name, "--item", json.dumps(item))
    r = aws_cli("put-item", "--table-name", name, "--item", json.dumps(item),
                "--return-values", "ALL_OLD", "--return-consumed-capacity", "TOTAL")
    assert r.rc == 0, r
    assert r.json["Attributes"] == item
    assert r.json["ConsumedCapacity"] == {"TableName": name, "CapacityUnits": 1.0}


def test_query(aws_cli, cli_table):
    name, _ = cli_table
    for sk in ["3", "1", "2"]:
        aws_cli("put-item", "--table-name", name, "--item",
                json.dumps({"pk": {"S": "q"}, "sk": {"S": sk}}))
    r = aws_cli("query", "--table-name", name, "--key-condition-expression", "pk = :p",
                "--expression-attribute-values", json.dumps({":p": {"S": "q"}}),
                "--no-scan-index-forward")
    assert r.rc == 0, r
    assert [i["sk"]["S"] for i in r.json["Items"]] == ["3", "2", "1"]
    assert r.json["Count"] == 3 and r.json["ScannedCount"] == 3


def test_scan_pages_through_everything(aws_cli, cli_table):
    name, _ = cli_table
    for i in range(5):
        aws_cli("put-item", "--table-name", name, "--item",
                json.dumps({"pk": {"S": "s%d" % i}, "sk": {"S": "x"}}))
    r = aws_cli("scan", "--table-name", name, "--page-size", "2")
    assert r.rc == 0, r
    assert sorted(i["pk"]["S"] for i in r.json["Items"]) == ["s%d" % i for i in range(5)]
    assert r.json["Count"] == 5


@pytest.mark.local_deviation
def test_delete_table(aws_cli, cli_table):
    name, _ = cli_table
    r = aws_cli("delete-table", "--table-name", name)
    assert r.rc == 0, r
    assert r.json["TableDescription"]["TableName"] == name
    r = aws_cli("describe-table", "--table-name", name)
    assert r.rc == 254
    assert "ResourceNotFoundException" in r.stderr
    assert table_not_found_msg(name) in r.stderr


@pytest.mark.local_deviation
def test_cli_error_exit_code_and_message(aws_cli):
    name = unique_name("missing")
    r = aws_cli("describe-table", "--table-name", name)
    assert r.rc == 254
    assert r.stdout == ""
    assert r.stderr.strip() == ("An error occurred (ResourceNotFoundException) when calling the "
                                "DescribeTable operation: " + table_not_found_msg(name))


def test_cli_conditional_failure(aws_cli, cli_table):
    name, _ = cli_table
    item = json.dumps({"pk": {"S": "c"}, "sk": {"S": "1"}})
    assert aws_cli("put-item", "--table-name", name, "--item", item).rc == 0
    r = aws_cli("put-item", "--table-name", name, "--item", item,
                "--condition-expression", "attribute_not_exists(pk)")
    assert r.rc == 254
    assert r.stderr.strip() == ("An error occurred (ConditionalCheckFailedException) when "
                                "calling the PutItem operation: The conditional request failed")
