# Read state: each inbox row carries `unread` (the other person's messages since the caller last
# read the conversation); reading the newest page of a conversation marks it read, sending into it
# too; listing the inbox changes nothing; GET /api/messages/counter is the inbox's total, cached
# and rebuilt from the table's read markers. The seed leaves each user having read up to their own
# last message, so bayko has andrewbrown's last line unread.
import api_harness as a


def row(server, token, group):
    rows = [r for r in server.inbox(token) if r["uuid"] == group]
    assert len(rows) == 1, rows
    return rows[0]


def newest_page(server, token, group):
    r = server.get("/api/messages/" + group, token=token)
    assert r.status_code == 200, r.text
    return r


def test_the_seed_leaves_the_last_line_unread(server, tokens):
    assert row(server, tokens["bayko"], a.GROUP)["unread"] == 1
    assert row(server, tokens["andrewbrown"], a.GROUP)["unread"] == 0
    assert server.counter(tokens["bayko"]) == 1
    assert server.counter(tokens["andrewbrown"]) == 0
    assert server.counter(tokens["londo"]) == 0


def test_listing_the_inbox_changes_nothing(server, tokens):
    for _ in range(2):
        server.inbox(tokens["bayko"])
    assert server.counter(tokens["bayko"]) == 1
    assert row(server, tokens["bayko"], a.GROUP)["unread"] == 1


def test_an_older_page_does_not_mark_read_the_newest_does(server, tokens):
    # Any page asked for with a cursor is history, even one that reaches the newest message.
    older = server.get("/api/messages/%s?before=9999-12-31" % a.GROUP, token=tokens["bayko"])
    assert older.status_code == 200, older.text
    assert row(server, tokens["bayko"], a.GROUP)["unread"] == 1
    newest_page(server, tokens["bayko"], a.GROUP)
    assert row(server, tokens["bayko"], a.GROUP)["unread"] == 0
    assert server.counter(tokens["bayko"]) == 0


def test_new_messages_count_until_read(server, tokens):
    assert server.counter(tokens["bayko"]) == 0  # Cached now: the sends below add to it.
    for text in ("one", "two"):
        assert server.send(tokens["andrewbrown"], text, group=a.GROUP).status_code == 200
    # The row moves to the newest message a moment after it is sent (the stream processor).
    assert a.poll(lambda: row(server, tokens["bayko"], a.GROUP)["unread"] == 2, timeout=3.0)
    assert server.counter(tokens["bayko"]) == 2
    # The sender has read what they answer.
    assert row(server, tokens["andrewbrown"], a.GROUP)["unread"] == 0
    assert server.send(tokens["bayko"], "three", group=a.GROUP).status_code == 200
    assert row(server, tokens["bayko"], a.GROUP)["unread"] == 0
    assert server.counter(tokens["bayko"]) == 0
    assert a.poll(lambda: row(server, tokens["andrewbrown"], a.GROUP)["unread"] == 1,
                  timeout=3.0)
    assert server.counter(tokens["andrewbrown"]) == 1


def test_a_new_conversation_is_unread_for_its_receiver(server, tokens):
    before = server.counter(tokens["londo"])
    r = server.send(tokens["bayko"], "hello londo", handle="londo")
    assert r.status_code in (200, 201), r.text
    group = r.json()["message_group_uuid"]
    assert row(server, tokens["londo"], group)["unread"] == 1
    assert row(server, tokens["bayko"], group)["unread"] == 0
    assert server.counter(tokens["londo"]) == before + 1
    newest_page(server, tokens["londo"], group)
    assert row(server, tokens["londo"], group)["unread"] == 0
    assert server.counter(tokens["londo"]) == before
