# Pins that the whole script flow works the same on Amazon DynamoDB Local (the Java reference,
# tests/tools/dynamodb_local.py) as on ddb-server: list-tables, schema-load (twice), describe-table,
# seed (twice), patterns/get-conversation and list-conversations (byte for byte what boto3 reads
# from that server), scan, drop (twice), setup. Each step's exit code, stdout and stderr are
# compared between the two servers after masking times. Marked dynamodb_local; skipped when java
# (apt-get install openjdk-17-jre-headless) or the DynamoDB Local jar is unavailable.
import difflib
import json
import re

import pytest

import cruddur_harness as h

pytestmark = pytest.mark.dynamodb_local

MASKS = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00"), "<TIME>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}"), "<STREAM-LABEL>"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d [AP]M"), "<SHORT-TIME>"),
    (re.compile(r'"CreationDateTime": \d+(\.\d+)?'), '"CreationDateTime": <EPOCH>'),
    # Each server's own size accounting (DynamoDB Local says 32770 for the two group items).
    (re.compile(r'"IndexSizeBytes": \d+'), '"IndexSizeBytes": <SIZE>'),
    # ddb-server words these as the service does, DynamoDB Local in its own way
    # (docs/compatibility.md); the flow is compared, not the words.
    (re.compile(r"Cannot create preexisting table|Table already exists: [\w.-]+"), "<EXISTS>"),
    # DeleteTable's description: the service's status and its newer fields.
    (re.compile(r'"TableStatus": "(ACTIVE|DELETING)"'), '"TableStatus": <STATUS>'),
    (re.compile(r'\n\s*"TableId": "[0-9a-f-]+",'), ""),
    (re.compile(r',\n\s*"WarmThroughput": \{[^}]*\}'), ""),
    (re.compile(r"Cannot do operations on a non-existent table|"
                r"Requested resource not found(: Table: [\w.-]+ not found)?"), "<NO TABLE>"),
]
# Fields of the service's table description that this DynamoDB Local predates.
NEWER_FIELDS = ("TableId", "WarmThroughput")


def without_newer_fields(text):
    """A table description (DescribeTable's or CreateTable's) without NEWER_FIELDS, printed the
    same way for both servers."""
    doc = json.loads(text)
    table = doc.get("Table") or doc.get("TableDescription")
    for t in [table] + table.get("GlobalSecondaryIndexes", []):
        for field in NEWER_FIELDS:
            t.pop(field, None)
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def dynamodb_local():
    yield from h.dynamodb_local(pytest)


def mask(text):
    for pattern, placeholder in MASKS:
        text = pattern.sub(placeholder, text)
    return text


def flow(app):
    """Runs every script once in a fixed order; returns [(step, returncode, stdout, stderr)]
    and checks the pattern scripts against boto3 on the same server."""
    steps = []

    def step(script, *args):
        r = app.run(script, *args)
        out = r.stdout
        if script == "ddb/scan":  # item order is each server's own
            out = "".join(sorted(out.splitlines(keepends=True)))
        if script in ("ddb/describe-table", "ddb/schema-load") and r.returncode == 0:
            out = without_newer_fields(out)
        steps.append((" ".join((script,) + args), r.returncode, mask(out), mask(r.stderr)))
        return r

    client = app.client()
    me = app.users()["andrewbrown"]["uuid"]
    step("ddb/list-tables")
    step("ddb/schema-load")
    step("ddb/schema-load")
    step("ddb/list-tables")
    step("ddb/describe-table", h.TABLE)
    step("ddb/seed")
    step("ddb/seed")
    r = step("ddb/patterns/get-conversation")
    assert r.stdout == h.get_conversation_output(h.newest_twenty(client, "MSG#" + h.GROUP)), r
    r = step("ddb/patterns/list-conversations")
    assert r.stdout == "my-uuid: %s\n%s\n" % (me, h.python_json(
        h.without_metadata(h.newest_twenty(client, "GRP#" + me)))), r
    r = step("ddb/scan")
    assert len(r.stdout.splitlines()) == len(h.scan_all(client)), r
    step("ddb/drop", h.TABLE)
    step("ddb/drop", h.TABLE)
    step("ddb/list-tables")
    step("ddb/setup")
    step("ddb/setup")
    return steps


def test_the_flow_matches_dynamodb_local(tmp_path, ddb_server, dynamodb_local, identities):
    users = "sqlite:" + str(tmp_path / "users.db")
    ours = h.App(tmp_path / "ddb-server", "http://127.0.0.1:%d" % ddb_server.port, users,
                 identities)
    ours.ok("db/setup")
    local = h.App(tmp_path / "dynamodb-local", dynamodb_local, users, identities)
    on_local = flow(local)
    on_ours = flow(ours)
    for theirs, mine in zip(on_local, on_ours):
        assert mine == theirs, "step %s differs:\n%s" % (mine[0], "\n".join(difflib.unified_diff(
            theirs[2].splitlines(), mine[2].splitlines(), "dynamodb-local", "ddb-server",
            lineterm="")))
    assert len(on_local) == len(on_ours)

    by_step = {}
    for name, rc, out, err in on_local:
        by_step.setdefault(name, []).append((rc, out, err))
    assert by_step["ddb/schema-load"][1] == (
        1, "", "cruddur: ResourceInUseException: <EXISTS>\n")
    assert by_step["ddb/seed"] == [(0, h.SEEDED, ""), (0, h.ALREADY_SEEDED, "")]
    conversation = by_step["ddb/patterns/get-conversation"][0][1].splitlines()
    assert sum(line.endswith("...") for line in conversation) == 20
    # 104 messages, 2 inbox rows, the pair item and 2 read markers.
    assert len(by_step["ddb/scan"][0][1].splitlines()) == 109
    assert by_step["ddb/drop cruddur-messages"][1] == (
        1, "deleting table: cruddur-messages\n",
        "cruddur: ResourceNotFoundException: <NO TABLE>\n")
    assert by_step["ddb/setup"] == [
        (0, "created table: cruddur-messages\n" + h.SEEDED, ""),
        (0, "deleting table: cruddur-messages\ncreated table: cruddur-messages\n" + h.SEEDED,
         "")]
