# Pins the seed's own scripts, run verbatim (seed_bin/ddb/: schema-load, list-tables, drop, as
# the course wrote them) against ddb-server started as the seed's docker-compose starts
# DynamoDB Local (`-jar DynamoDBLocal.jar -sharedDb -dbPath ./data`, default port 8000, which
# the scripts hard-code): schema-load's printed response, list-tables' ASCII table, drop's
# usage line and its output, and that the table survives a server restart in between.
import datetime
import json
import os
import re
import socket
import subprocess

import pytest
from dateutil.tz import tzlocal

from conftest import HERE, Server, client

SEED_BIN = os.path.join(HERE, "seed_bin")
PORT = 8000
TABLE = "cruddur-messages"
COMMAND_LINE = ["-jar", "DynamoDBLocal.jar", "-sharedDb", "-dbPath", "./data"]

SCHEMA_LOAD_PREFIX = (
    "{'TableDescription': {'AttributeDefinitions': [{'AttributeName': 'pk', 'AttributeType': "
    "'S'}, {'AttributeName': 'sk', 'AttributeType': 'S'}], 'TableName': 'cruddur-messages', "
    "'KeySchema': [{'AttributeName': 'pk', 'KeyType': 'HASH'}, {'AttributeName': 'sk', "
    "'KeyType': 'RANGE'}], 'TableStatus': 'ACTIVE', 'CreationDateTime': datetime.datetime(")
SCHEMA_LOAD_MIDDLE = (
    "tzinfo=tzlocal()), 'ProvisionedThroughput': {'LastIncreaseDateTime': "
    "datetime.datetime(1970, 1, 1, 0, 0, tzinfo=tzlocal()), 'LastDecreaseDateTime': "
    "datetime.datetime(1970, 1, 1, 0, 0, tzinfo=tzlocal()), 'NumberOfDecreasesToday': 0, "
    "'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5}, 'TableSizeBytes': 0, 'ItemCount': 0, "
    "'TableArn': 'arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages', "
    "'TableId': '")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
LIST_TABLES_WITH_MESSAGES = (
    "----------------------\n"
    "|     ListTables     |\n"
    "+--------------------+\n"
    "|  cruddur-messages  |\n"
    "+--------------------+\n")
DROP_USAGE = "No TABLE_NAME argument supplied eg ./bin/ddb/drop cruddur-messages prod \n"


def _something_answers(family, address):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        try:
            return s.connect_ex((address, PORT)) == 0
        except OSError:
            return False


class SeedServer:
    """ddb-server on port 8000, started from a folder as docker-compose starts DynamoDB Local."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.server = None

    def start(self):
        self.server = Server(COMMAND_LINE, PORT, os.path.join(self.workdir, "logs"),
                             cwd=self.workdir).start().wait_ready()
        return self.server

    def restart(self):
        assert self.server.stop() == 0, self.server.describe()
        return self.start()

    def stop(self):
        if self.server is not None and self.server.running():
            self.server.stop()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    if _something_answers(socket.AF_INET, "127.0.0.1") or \
            _something_answers(socket.AF_INET6, "::1"):
        pytest.skip("port 8000, which the seed's scripts hard-code, is taken on this machine")
    s = SeedServer(str(tmp_path_factory.mktemp("seed")))
    s.start()
    yield s
    s.stop()


@pytest.fixture
def seed_env(seed, tmp_path):
    """Starts each test with no tables; the scripts' environment: dummy credentials, no AWS
    config files, /usr/bin first on PATH (aws = CLI v2, python3 = Debian's with boto3)."""
    ddb = client(PORT)
    for name in ddb.list_tables()["TableNames"]:
        ddb.delete_table(TableName=name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": "dummy", "AWS_SECRET_ACCESS_KEY": "dummy",
        "AWS_DEFAULT_REGION": "ca-central-1", "AWS_PAGER": "",
        "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "HOME": str(tmp_path), "PATH": "/usr/bin:/bin:" + os.environ.get("PATH", ""),
    })
    return env


def run(env, script, *args):
    return subprocess.run(["./ddb/" + script] + list(args), cwd=SEED_BIN, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def schema_load(env):
    r = run(env, "schema-load")
    assert r.returncode == 0, r
    assert r.stderr == ""
    return r


def test_scripts_are_the_seeds():
    for name in ("schema-load", "list-tables", "drop"):
        path = os.path.join(SEED_BIN, "ddb", name)
        assert os.access(path, os.X_OK), path
    with open(os.path.join(SEED_BIN, "ddb", "schema-load")) as f:
        text = f.read()
    assert text.startswith("#!/usr/bin/env python3\n")
    assert "  #GlobalSecondaryIndexes=[\n  #],\n" in text
    assert "endpoint_url': 'http://localhost:8000'" in text


def test_schema_load_prints_the_seeds_response(seed_env):
    before = datetime.datetime.now(tzlocal())
    r = schema_load(seed_env)
    after = datetime.datetime.now(tzlocal())
    out = r.stdout
    assert out.endswith("}\n") and out.count("\n") == 1, out
    assert out.startswith(SCHEMA_LOAD_PREFIX), out
    assert SCHEMA_LOAD_MIDDLE in out, out
    assert re.fullmatch(
        re.escape(SCHEMA_LOAD_PREFIX) + r"\d{4}, \d{1,2}, \d{1,2}, \d{1,2}, \d{1,2}(, \d{1,2})?"
        r"(, \d{1,6})?, " + re.escape(SCHEMA_LOAD_MIDDLE) + UUID +
        r"'\}, 'ResponseMetadata': \{'RequestId': '[^']+', 'HTTPStatusCode': 200, "
        r"'HTTPHeaders': \{.*\}, 'RetryAttempts': 0\}\}\n", out), out

    response = eval(out, {"datetime": datetime, "tzlocal": tzlocal})  # noqa: S307 - our output
    desc = response["TableDescription"]
    created = desc.pop("CreationDateTime")
    assert before - datetime.timedelta(seconds=5) <= created <= after + datetime.timedelta(
        seconds=5)
    assert re.fullmatch(UUID, desc.pop("TableId"))  # a new one for every table, as the service
    epoch = datetime.datetime(1970, 1, 1, 0, 0, tzinfo=tzlocal())
    assert desc == {
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"}],
        "TableName": TABLE,
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "TableStatus": "ACTIVE",
        "ProvisionedThroughput": {"LastIncreaseDateTime": epoch, "LastDecreaseDateTime": epoch,
                                  "NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                                  "WriteCapacityUnits": 5},
        "TableSizeBytes": 0, "ItemCount": 0,
        "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages"}
    meta = response["ResponseMetadata"]
    headers = meta["HTTPHeaders"]
    assert meta["HTTPStatusCode"] == 200 and meta["RetryAttempts"] == 0
    assert headers["content-type"] == "application/x-amz-json-1.0"
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                        headers["x-amzn-requestid"]), headers
    assert meta["RequestId"] == headers["x-amzn-requestid"]
    assert re.fullmatch(r"\d+", headers["x-amz-crc32"]), headers  # botocore checked its value
    assert int(headers["content-length"]) > 0


def test_schema_load_twice_fails_like_dynamodb_local(seed_env):
    schema_load(seed_env)
    r = run(seed_env, "schema-load")
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.splitlines()[-1] == (
        "botocore.errorfactory.ResourceInUseException: An error occurred "
        "(ResourceInUseException) when calling the CreateTable operation: "
        "Table already exists: cruddur-messages")


def test_list_tables_prints_the_ascii_table(seed_env):
    r = run(seed_env, "list-tables")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")  # no tables: the CLI draws nothing
    schema_load(seed_env)
    r = run(seed_env, "list-tables")
    assert (r.returncode, r.stdout, r.stderr) == (0, LIST_TABLES_WITH_MESSAGES, "")


def test_drop_without_argument_prints_usage(seed_env):
    r = run(seed_env, "drop")
    assert (r.returncode, r.stdout, r.stderr) == (1, DROP_USAGE, "")


def test_drop_deletes_the_table(seed_env):
    created = eval(schema_load(seed_env).stdout, {"datetime": datetime, "tzlocal": tzlocal})
    r = run(seed_env, "drop", TABLE)
    assert r.returncode == 0, r
    assert r.stderr == ""
    first, rest = r.stdout.split("\n", 1)
    assert first == "deleting table: cruddur-messages"
    desc = json.loads(rest)["TableDescription"]
    assert datetime.datetime.fromisoformat(desc.pop("CreationDateTime")) == \
        created["TableDescription"]["CreationDateTime"]
    assert desc.pop("TableId") == created["TableDescription"]["TableId"]
    assert desc == {
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"}],
        "TableName": TABLE,
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "TableStatus": "DELETING",  # the service's answer (DynamoDB Local says ACTIVE)
        "ProvisionedThroughput": {"LastIncreaseDateTime": "1970-01-01T00:00:00+00:00",
                                  "LastDecreaseDateTime": "1970-01-01T00:00:00+00:00",
                                  "NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                                  "WriteCapacityUnits": 5},
        "TableSizeBytes": 0, "ItemCount": 0,
        "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages"}

    r = run(seed_env, "list-tables")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")

    # Dropping it again: the CLI's error and exit code 254, after the script's echo.
    r = run(seed_env, "drop", TABLE)
    assert r.returncode == 254
    assert r.stdout == "deleting table: cruddur-messages\n"
    assert r.stderr.strip() == (
        "An error occurred (ResourceNotFoundException) when calling the DeleteTable operation: "
        "Requested resource not found: Table: cruddur-messages not found")


def test_table_survives_server_restart(seed, seed_env):
    schema_load(seed_env)
    client(PORT).put_item(TableName=TABLE, Item={"pk": {"S": "MSG#1"}, "sk": {"S": "2023"},
                                                 "message": {"S": "hello"}})
    server = seed.restart()
    assert server.stdout.splitlines()[-1].endswith(", data in ./data (shared-db)")
    assert os.path.isfile(os.path.join(seed.workdir, "data", "CURRENT"))
    r = run(seed_env, "list-tables")
    assert (r.returncode, r.stdout, r.stderr) == (0, LIST_TABLES_WITH_MESSAGES, "")
    item = client(PORT, access_key="other", region="eu-west-1").get_item(
        TableName=TABLE, Key={"pk": {"S": "MSG#1"}, "sk": {"S": "2023"}})["Item"]
    assert item["message"] == {"S": "hello"}
    r = run(seed_env, "drop", TABLE)
    assert r.returncode == 0 and r.stdout.startswith("deleting table: cruddur-messages\n"), r
