# Pins the data scripts of spec §4: bin/ddb/seed (104 message items, one per dialogue line, a
# minute apart and in the past, plus the two group items holding the last line; a second run
# prints the "already" line and writes nothing), bin/ddb/setup (drop if present + create +
# seed), and bin/ddb/scan (every item of every page, one line each, as Python's repr of the
# plain values boto3's resource API reads, keys sorted).
import datetime
import decimal

from boto3.dynamodb.types import Binary

import cruddur_harness as h


def plain_repr(value):
    """Python's repr of boto3's plain value, with every map's keys sorted."""
    if isinstance(value, dict):
        return "{" + ", ".join("%r: %s" % (k, plain_repr(value[k])) for k in sorted(value)) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(plain_repr(v) for v in value) + "]"
    return repr(value)


def items_by_key(items):
    return {(i["pk"]["S"], i["sk"]["S"]): i for i in items}


def test_seed_writes_the_conversation(users_ready):
    app = users_ready
    app.ok("ddb/schema-load")
    before = datetime.datetime.now(datetime.timezone.utc)
    assert app.ok("ddb/seed") == h.SEEDED
    users = app.users()
    me, other = users["andrewbrown"], users["bayko"]
    items = h.scan_all(app.client())
    messages = sorted((i for i in items if i["pk"]["S"] == "MSG#" + h.GROUP),
                      key=lambda i: i["sk"]["S"])
    assert len(messages) == 104
    assert [(m["user_handle"]["S"], m["message"]["S"]) for m in messages] == h.dialogue()
    times = [datetime.datetime.fromisoformat(m["sk"]["S"]) for m in messages]
    assert all(h.ISO_UTC.fullmatch(m["sk"]["S"]) for m in messages)
    assert all(b - a == datetime.timedelta(minutes=1) for a, b in zip(times, times[1:]))
    assert times[-1] < before  # the seed is in the past, so new messages sort after it
    for m in messages:
        sender = users[m["user_handle"]["S"]]
        assert m["user_uuid"]["S"] == sender["uuid"]
        assert m["user_display_name"]["S"] == sender["display_name"]
        assert "message_group_uuid" not in m  # the index stays sparse
    assert len({m["message_uuid"]["S"] for m in messages}) == 104

    groups = {i["pk"]["S"]: i for i in items if i["pk"]["S"].startswith("GRP#")}
    assert set(groups) == {"GRP#" + me["uuid"], "GRP#" + other["uuid"]}
    for owner, peer in ((me, other), (other, me)):
        g = groups["GRP#" + owner["uuid"]]
        assert g["message_group_uuid"]["S"] == h.GROUP
        assert (g["user_uuid"]["S"], g["user_handle"]["S"], g["user_display_name"]["S"]) == (
            peer["uuid"], peer["handle"], peer["display_name"])
        assert g["sk"] == messages[-1]["sk"] and g["message"] == messages[-1]["message"]
    # Querying the index by the group returns exactly the two group items.
    via_index = app.client().query(
        TableName=h.TABLE, IndexName=h.INDEX, KeyConditionExpression="message_group_uuid = :g",
        ExpressionAttributeValues={":g": {"S": h.GROUP}})["Items"]
    assert sorted(i["pk"]["S"] for i in via_index) == sorted(groups)


def test_seed_twice_writes_nothing(seeded):
    before = h.scan_all(seeded.client())
    assert seeded.ok("ddb/seed") == h.ALREADY_SEEDED
    after = h.scan_all(seeded.client())
    assert len(after) == len(before)
    assert items_by_key(after) == items_by_key(before)


def test_seed_with_users_recreated_under_other_ids_writes_nothing(seeded, tmp_path):
    # Another users database where the same handles have other uuids: the conversation exists
    # already, so nothing is added (a second copy would show twice in the group).
    import sqlite3
    db = sqlite3.connect(seeded.users_path)
    db.execute("UPDATE users SET uuid = 'other-' || handle")
    db.commit()
    db.close()
    before = h.scan_all(seeded.client())
    out = seeded.ok("ddb/seed")
    assert out == ("conversation %s already has messages: run bin/ddb/setup to start over\n"
                   % h.GROUP)
    assert items_by_key(h.scan_all(seeded.client())) == items_by_key(before)


def test_setup_creates_and_seeds(users_ready):
    app = users_ready
    assert app.ok("ddb/setup") == "created table: cruddur-messages\n" + h.SEEDED
    items = h.scan_all(app.client())
    assert sum(i["pk"]["S"] == "MSG#" + h.GROUP for i in items) == 104
    t = app.client().describe_table(TableName=h.TABLE)["Table"]
    assert t["GlobalSecondaryIndexes"][0]["IndexName"] == h.INDEX
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}


def test_setup_drops_what_was_there(seeded):
    app = seeded
    count = len(h.scan_all(app.client()))
    app.client().put_item(TableName=h.TABLE, Item={"pk": {"S": "junk"}, "sk": {"S": "1"}})
    assert app.ok("ddb/setup") == ("deleting table: cruddur-messages\n"
                                   "created table: cruddur-messages\n" + h.SEEDED)
    items = h.scan_all(app.client())
    assert len(items) == count
    assert not any(i["pk"]["S"] == "junk" for i in items)


def test_scan_prints_every_item_of_every_page(seeded):
    app = seeded
    table = h.ddb_table(app.endpoint)
    big = "x" * 100_000
    with table.batch_writer() as batch:
        for n in range(30):  # 3 MB more: DynamoDB's 1 MB pages make the scan take several
            batch.put_item(Item={"pk": "BIG#%02d" % n, "sk": "0", "blob": big,
                                 "n": decimal.Decimal(n)})
    first = app.client().scan(TableName=h.TABLE)
    # The seed's 104 messages, 2 inbox rows, pair item and 2 read markers, and the 30 BIG items.
    assert "LastEvaluatedKey" in first and len(first["Items"]) < 139
    out = app.ok("ddb/scan")
    assert out.endswith("\n")
    lines = out[:-1].split("\n")
    items = []
    start = None
    while True:
        page = table.scan(**({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert len(items) == 139 and len(lines) == 139
    assert sorted(lines) == sorted(plain_repr(i) for i in items)


def test_scan_of_an_empty_table_prints_nothing(app):
    app.ok("ddb/schema-load")
    assert app.ok("ddb/scan") == ""


PLAIN = {
    "pk": "T#1", "sk": "plain",
    "s": "it's \"quoted\" \\ back\nslash\ttab é ü 漢字 🚀",
    "only_single": "it's", "only_double": 'say "hi"', "empty": "",
    "int": decimal.Decimal("5"), "neg": decimal.Decimal("-3.25"),
    "big": decimal.Decimal("12345678901234567890123456789012345678"),
    "yes": True, "no": False, "nothing": None,
    "map": {"z": decimal.Decimal("1"), "a": [decimal.Decimal("1"), "two", {"k": "v"}]},
    "list": [], "empty_map": {}, "set": {"one"},
}


def test_scan_prints_plain_values_as_python_does(app):
    app.ok("ddb/schema-load")
    table = h.ddb_table(app.endpoint)
    table.put_item(Item=PLAIN)
    item = table.get_item(Key={"pk": "T#1", "sk": "plain"})["Item"]
    assert app.ok("ddb/scan") == plain_repr(item) + "\n"


def test_scan_prints_binary_as_boto3_does(app):
    app.ok("ddb/schema-load")
    table = h.ddb_table(app.endpoint)
    table.put_item(Item={"pk": "T#2", "sk": "bin", "b": Binary(b"\x00\x01\xff'q")})
    item = table.get_item(Key={"pk": "T#2", "sk": "bin"})["Item"]
    r = app.run("ddb/scan")
    assert r.returncode == 0, r
    assert r.stdout == plain_repr(item) + "\n"


def test_scan_prints_small_numbers_and_invisible_characters_as_python_does(app):
    app.ok("ddb/schema-load")
    table = h.ddb_table(app.endpoint)
    table.put_item(Item={"pk": "T#3", "sk": "odd", "n": decimal.Decimal("0.0000001"),
                         "s": "a\xa0b\u200bc\u2028"})
    item = table.get_item(Key={"pk": "T#3", "sk": "odd"})["Item"]
    assert app.ok("ddb/scan") == plain_repr(item) + "\n"
