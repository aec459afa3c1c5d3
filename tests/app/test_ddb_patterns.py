# Pins the access-pattern scripts of spec §4, byte for byte against what boto3 reads with the
# same request: bin/ddb/patterns/get-conversation (the Query answer as json.dumps(sort_keys=True,
# indent=2), its ConsumedCapacity likewise, then one line per message oldest first: handle
# padded to 12, 'YYYY-MM-DD HH:MM AM' padded to 22, the first 40 characters of the text, '...')
# and bin/ddb/patterns/list-conversations ('my-uuid: <andrewbrown's uuid in the users DB>',
# then the JSON).
import json
import re


import cruddur_harness as h

LINE = re.compile(r"(andrewbrown |bayko {7})\d{4}-\d\d-\d\d (0\d|1[0-2]):[0-5]\d [AP]M {3}"
                  r"[^\n]{1,40}\.\.\.")


def put_messages(client, messages):
    """Message items of the seeded group: (handle, sk, text) each."""
    for n, (handle, sk, text) in enumerate(messages):
        client.put_item(TableName=h.TABLE, Item={
            "pk": {"S": "MSG#" + h.GROUP}, "sk": {"S": sk}, "message": {"S": text},
            "message_uuid": {"S": "00000000-0000-4000-8000-%012d" % n},
            "user_uuid": {"S": "u-" + handle}, "user_display_name": {"S": handle.title()},
            "user_handle": {"S": handle}})


def test_get_conversation_prints_the_latest_twenty(seeded):
    out = seeded.ok("ddb/patterns/get-conversation")
    response = h.newest_twenty(seeded.client(), "MSG#" + h.GROUP)
    assert out == h.get_conversation_output(response)

    answer_text = h.python_json(h.without_metadata(response)) + "\n"
    capacity = json.loads(out[len(answer_text):out.index("}\n", len(answer_text)) + 1])
    assert capacity["TableName"] == h.TABLE and capacity["CapacityUnits"] > 0
    lines = out.splitlines()[-20:]
    assert all(LINE.fullmatch(line) for line in lines), lines
    assert not LINE.fullmatch(out.splitlines()[-21])  # exactly 20
    assert [(line[:12].strip(), line[34:-3]) for line in lines] == [
        (handle, text[:40]) for handle, text in h.dialogue()[-20:]]
    times = [line[12:34] for line in lines]
    assert times == [h.short_time(i["sk"]["S"]) + " " * 3 for i in reversed(response["Items"])]
    assert [i["sk"]["S"] for i in response["Items"]] == sorted(
        (i["sk"]["S"] for i in response["Items"]), reverse=True)


def test_get_conversation_lines_count_characters_not_bytes(seeded):
    put_messages(seeded.client(), [
        ("andrewbrown", "2099-01-02T00:05:00.000000+00:00", "Ünïcödé ✓ 🚀 — " * 5),
        ("bayko", "2099-01-02T12:30:00.000000+00:00", "exactly forty characters long, yes sir!!"),
        ("averyverylonghandle", "2099-01-02T13:00:00.000001+00:00", "short é"),
        ("bayko", "2099-01-02T23:59:59.999999+00:00", "漢字かな交じり文" * 6),
    ])
    out = seeded.ok("ddb/patterns/get-conversation")
    response = h.newest_twenty(seeded.client(), "MSG#" + h.GROUP)
    assert out == h.get_conversation_output(response)
    assert out.splitlines()[-4:] == [
        "andrewbrown 2099-01-02 12:05 AM   " + ("Ünïcödé ✓ 🚀 — " * 5)[:40] + "...",
        "bayko       2099-01-02 12:30 PM   exactly forty characters long, yes sir!!...",
        "averyverylonghandle2099-01-02 01:00 PM   short é...",
        "bayko       2099-01-02 11:59 PM   " + ("漢字かな交じり文" * 6)[:40] + "...",
    ]
    assert "\\u00dc" in out and "\\ud83d\\ude80" in out  # json.dumps' ASCII escapes


def test_get_conversation_with_few_messages(app):
    app.ok("ddb/schema-load")
    out = app.ok("ddb/patterns/get-conversation")
    empty = h.newest_twenty(app.client(), "MSG#" + h.GROUP)
    assert empty["Count"] == 0 and out == h.get_conversation_output(empty)
    put_messages(app.client(), [("bayko", "2024-02-29T09:15:00.000000+00:00", "hi"),
                                ("londo", "2024-02-29T09:16:00.000000+00:00", "hello")])
    out = app.ok("ddb/patterns/get-conversation")
    assert out == h.get_conversation_output(h.newest_twenty(app.client(), "MSG#" + h.GROUP))
    assert out.endswith("bayko       2024-02-29 09:15 AM   hi...\n"
                        "londo       2024-02-29 09:16 AM   hello...\n")


def test_list_conversations(seeded):
    out = seeded.ok("ddb/patterns/list-conversations")
    me = seeded.users()["andrewbrown"]
    first, rest = out.split("\n", 1)
    assert first == "my-uuid: " + me["uuid"]
    response = h.newest_twenty(seeded.client(), "GRP#" + me["uuid"])
    assert rest == h.python_json(h.without_metadata(response)) + "\n"
    answer = json.loads(rest)
    assert answer["Count"] == 1
    assert answer["ConsumedCapacity"] == {"CapacityUnits": 0.5, "TableName": h.TABLE}
    [group] = answer["Items"]
    assert group["pk"] == {"S": "GRP#" + me["uuid"]}
    assert group["user_handle"] == {"S": "bayko"}
    assert group["message_group_uuid"] == {"S": h.GROUP}
    assert group["message"] == {"S": h.dialogue()[-1][1]}


def test_list_conversations_without_andrewbrown(seeded):
    import sqlite3
    db = sqlite3.connect(seeded.users_path)
    db.execute("DELETE FROM users WHERE handle = 'andrewbrown'")
    db.commit()
    db.close()
    r = seeded.run("ddb/patterns/list-conversations")
    assert h.one_line_failure(r) == (
        "cruddur: user andrewbrown is not in the users database: run bin/db/setup")
    assert r.stdout == ""


def test_get_conversation_pads_handles_by_characters(app):
    app.ok("ddb/schema-load")
    put_messages(app.client(), [("josé", "2024-05-01T08:00:00.000000+00:00", "olá"),
                                ("小明", "2024-05-01T08:01:00.000000+00:00", "你好")])
    out = app.ok("ddb/patterns/get-conversation")
    assert out.endswith("josé        2024-05-01 08:00 AM   olá...\n"
                        "小明          2024-05-01 08:01 AM   你好...\n")


def test_get_conversation_formats_legacy_sort_keys_as_python_does(app):
    app.ok("ddb/schema-load")
    put_messages(app.client(), [("andrewbrown", "2023-03-27T19:50:10.311780-07:00", "offset"),
                                ("bayko", "2023-03-27T19:50:10+00:00", "no fraction")])
    out = app.ok("ddb/patterns/get-conversation")
    assert out.endswith("bayko       2023-03-27 07:50 PM   no fraction...\n"
                        "andrewbrown 2023-03-27 07:50 PM   offset...\n")
