# Pins the table scripts of spec §4: bin/ddb/schema-load (the CreateTable answer as sorted,
# indent-2 JSON, with the GSI message-group-sk-index and the NEW_IMAGE stream; a second run fails
# with one "cruddur: ResourceInUseException: ..." line), bin/ddb/list-tables (the AWS CLI's ASCII
# table, byte for byte the same as `aws dynamodb list-tables --query TableNames --output table`,
# across name lengths and more than one page), bin/ddb/drop and bin/ddb/describe-table (usage
# line, "deleting table: X", the AWS CLI's JSON, one failure line), and how the endpoint is chosen
# (--endpoint-url, then AWS_ENDPOINT_URL_DYNAMODB, then AWS_ENDPOINT_URL).
import json

import pytest

import cruddur_harness as h

LIST_TABLES_WITH_MESSAGES = (
    "----------------------\n"
    "|     ListTables     |\n"
    "+--------------------+\n"
    "|  cruddur-messages  |\n"
    "+--------------------+\n")
DESCRIBE_USAGE = ("No TABLE_NAME argument supplied eg ./bin/ddb/describe-table cruddur-messages "
                  "prod \n")
KEYS = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
THROUGHPUT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def make_tables(client, names):
    for name in names:
        client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])


def test_schema_load_prints_the_create_table_answer(app):
    out = app.ok("ddb/schema-load")
    answer = json.loads(out)
    assert out == h.python_json(answer) + "\n"  # sorted keys, indent 2
    d = answer["TableDescription"]
    assert d["TableName"] == h.TABLE and d["TableStatus"] == "ACTIVE"
    assert d["KeySchema"] == KEYS
    assert d["AttributeDefinitions"] == [
        {"AttributeName": n, "AttributeType": "S"} for n in ("message_group_uuid", "pk", "sk")]
    assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 5
    [gsi] = d["GlobalSecondaryIndexes"]
    assert gsi["IndexName"] == h.INDEX
    assert gsi["KeySchema"] == [{"AttributeName": "message_group_uuid", "KeyType": "HASH"},
                                {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert gsi["Projection"] == {"ProjectionType": "ALL"}
    assert gsi["ProvisionedThroughput"] == THROUGHPUT
    assert d["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    assert d["LatestStreamArn"].startswith(d["TableArn"] + "/stream/")

    # The table really is there, as the answer says.
    t = app.client().describe_table(TableName=h.TABLE)["Table"]
    assert t["GlobalSecondaryIndexes"][0]["IndexName"] == h.INDEX
    assert t["StreamSpecification"]["StreamViewType"] == "NEW_IMAGE"
    assert t["LatestStreamArn"] == d["LatestStreamArn"]


def test_schema_load_twice_fails_with_one_line(app):
    app.ok("ddb/schema-load")
    r = app.run("ddb/schema-load")
    assert h.one_line_failure(r) == (
        "cruddur: ResourceInUseException: Table already exists: " + h.TABLE)
    assert r.stdout == ""


def test_list_tables_prints_the_ascii_table(app):
    assert app.ok("ddb/list-tables") == ""  # no tables: the CLI draws nothing
    app.ok("ddb/schema-load")
    assert app.ok("ddb/list-tables") == LIST_TABLES_WITH_MESSAGES


@pytest.mark.parametrize("names", [
    [],
    ["abc"],
    ["abcd"],
    ["abcdefghij"],
    ["abcdefghijk"],
    ["abc", "cruddur-messages", "x" * 40, "y" * 41],
    ["T.a_b-c", "zz" * 60 + "z"],
    ["n-%03d" % i for i in range(105)],  # more than ListTables' page of 100
], ids=["none", "3", "4", "10", "11", "mixed", "long", "paged"])
def test_list_tables_is_the_aws_clis_table(app, names):
    if not h.aws_cli():
        pytest.skip("AWS CLI not installed (apt-get install awscli)")
    make_tables(app.client(), names)
    cli = h.run_aws_cli(app.env, app.cwd, app.endpoint, "dynamodb", "list-tables", "--query",
                        "TableNames", "--output", "table")
    assert app.ok("ddb/list-tables") == cli
    if names:
        assert cli.splitlines()[1].strip("| ") == "ListTables"
        assert len(cli.splitlines()) == len(names) + 4


def test_drop_without_argument_prints_usage(app):
    r = app.run("ddb/drop")
    assert (r.returncode, r.stdout, r.stderr) == (1, h.DROP_USAGE, ""), r
    r = app.run("ddb/drop", "prod")  # `prod` is not a table name
    assert (r.returncode, r.stdout, r.stderr) == (1, h.DROP_USAGE, ""), r


def test_drop_deletes_the_table(app):
    app.ok("ddb/schema-load")
    before = app.client().describe_table(TableName=h.TABLE)["Table"]
    out = app.ok("ddb/drop", h.TABLE)
    first, rest = out.split("\n", 1)
    assert first == "deleting table: cruddur-messages"
    answer = json.loads(rest)
    assert rest == json.dumps(answer, indent=4, ensure_ascii=False) + "\n"  # the AWS CLI's JSON
    d = answer["TableDescription"]
    assert d["TableName"] == h.TABLE and d["TableArn"] == before["TableArn"]
    assert d["KeySchema"] == KEYS
    assert app.client().list_tables()["TableNames"] == []
    assert app.ok("ddb/list-tables") == ""


def test_drop_of_a_missing_table_fails_with_one_line(app):
    r = app.run("ddb/drop", "nosuch-table")
    assert r.stdout == "deleting table: nosuch-table\n", r
    assert h.one_line_failure(r) == (
        "cruddur: ResourceNotFoundException: Requested resource not found: Table: nosuch-table "
        "not found")


def test_drop_leaves_other_tables(app):
    make_tables(app.client(), ["keep-me"])
    app.ok("ddb/schema-load")
    app.ok("ddb/drop", h.TABLE)
    assert app.client().list_tables()["TableNames"] == ["keep-me"]


def test_describe_table(app):
    r = app.run("ddb/describe-table")
    assert (r.returncode, r.stdout, r.stderr) == (1, DESCRIBE_USAGE, ""), r
    r = app.run("ddb/describe-table", h.TABLE)
    assert h.one_line_failure(r) == (
        "cruddur: ResourceNotFoundException: Requested resource not found: Table: %s not found"
        % h.TABLE)
    app.ok("ddb/schema-load")
    out = app.ok("ddb/describe-table", h.TABLE)
    t = json.loads(out)["Table"]
    assert out == json.dumps({"Table": t}, indent=4, ensure_ascii=False) + "\n"
    assert t["TableName"] == h.TABLE and t["KeySchema"] == KEYS
    assert t["GlobalSecondaryIndexes"][0]["IndexName"] == h.INDEX
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}


def test_describe_table_is_the_aws_clis_json(app):
    if not h.aws_cli():
        pytest.skip("AWS CLI not installed (apt-get install awscli)")
    app.ok("ddb/schema-load")
    cli = h.run_aws_cli(app.env, app.cwd, app.endpoint, "dynamodb", "describe-table",
                        "--table-name", h.TABLE, "--output", "json")
    mine = json.loads(app.ok("ddb/describe-table", h.TABLE))
    known = json.loads(cli)["Table"]
    # Fields newer than the installed CLI's service model are not the CLI's to print.
    mine["Table"] = {k: v for k, v in mine["Table"].items() if k in known}
    for index, cli_index in zip(mine["Table"].get("GlobalSecondaryIndexes", []),
                                known.get("GlobalSecondaryIndexes", [])):
        for k in [k for k in index if k not in cli_index]:
            del index[k]
    assert json.dumps(mine, indent=4, ensure_ascii=False) + "\n" == cli


def test_endpoint_precedence(app):
    app.ok("ddb/schema-load")
    closed = "http://127.0.0.1:%d" % h.free_port()
    env = dict(app.env, AWS_ENDPOINT_URL=closed)
    r = app.run("ddb/list-tables", env=env)
    assert h.one_line_failure(r).startswith("cruddur: cannot connect to %s" % closed)
    # AWS_ENDPOINT_URL_DYNAMODB beats AWS_ENDPOINT_URL...
    env["AWS_ENDPOINT_URL_DYNAMODB"] = app.endpoint
    assert app.ok("ddb/list-tables", env=env) == LIST_TABLES_WITH_MESSAGES
    # ...and --endpoint-url (either spelling, anywhere on the line) beats both.
    env = dict(app.env, AWS_ENDPOINT_URL=closed, AWS_ENDPOINT_URL_DYNAMODB=closed)
    assert app.ok("ddb/list-tables", "--endpoint-url", app.endpoint,
                  env=env) == LIST_TABLES_WITH_MESSAGES
    out = app.ok("ddb/describe-table", "--endpoint-url=" + app.endpoint, h.TABLE, env=env)
    assert json.loads(out)["Table"]["TableName"] == h.TABLE
