# Sending through the API on one server: a reply in the seeded conversation (pattern C) reaches
# the conversation and, through the stream processor, both inboxes within a second; starting a
# conversation by handle (pattern D) answers 201 once and 200 with the same group afterwards, and
# the receiver sees it at once; the unread counter counts the receiver's new messages, never the
# sender's, and the receiver listing the inbox resets it.
import uuid

import api_harness as a

MESSAGE_KEYS = {"uuid", "display_name", "handle", "message", "created_at"}


def inbox_row(server, token, group):
    rows = [row for row in server.inbox(token) if row["uuid"] == group]
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def test_reply_reaches_the_conversation_and_both_inboxes(server, tokens, users):
    text = "reply %s" % uuid.uuid4()
    r = server.send(tokens["andrewbrown"], text, group=a.GROUP)
    assert r.status_code == 200, r.text
    m = r.json()
    assert set(m) == MESSAGE_KEYS, m  # No message_group_uuid in a reply's answer.
    assert m["message"] == text and m["handle"] == "andrewbrown"
    assert m["display_name"] == "Andrew Brown"
    uuid.UUID(m["uuid"])
    assert m["uuid"] not in (users["andrewbrown"]["uuid"], users["bayko"]["uuid"], a.GROUP)
    assert a.ISO_UTC.fullmatch(m["created_at"]), m
    # The conversation: the newest message, for both members.
    for handle in ("andrewbrown", "bayko"):
        r = server.get("/api/messages/" + a.GROUP, token=tokens[handle])
        assert r.status_code == 200
        assert r.json()[-1] == m
    assert a.count_messages(server.ddb(), a.GROUP) == 105
    # The inboxes (updated by the stream processor).
    for owner, other in (("bayko", "andrewbrown"), ("andrewbrown", "bayko")):
        row = a.poll(lambda: (lambda row: row if row and row["message"] == text else None)(
            inbox_row(server, tokens[owner], a.GROUP)), timeout=1.0)
        assert row, (owner, server.inbox(tokens[owner]))
        assert row["created_at"] == m["created_at"]
        assert row["handle"] == other and row["display_name"] == users[other]["display_name"]


def test_second_reply_is_newer(server, tokens):
    first = server.send(tokens["bayko"], "first of two", group=a.GROUP).json()
    second = server.send(tokens["bayko"], "second of two", group=a.GROUP).json()
    assert first["uuid"] != second["uuid"]
    assert first["created_at"] < second["created_at"]
    assert first["handle"] == second["handle"] == "bayko"
    page = server.get("/api/messages/" + a.GROUP, token=tokens["andrewbrown"]).json()
    assert page[-2:] == [first, second]
    row = a.poll(lambda: (lambda row: row if row["message"] == "second of two" else None)(
        inbox_row(server, tokens["andrewbrown"], a.GROUP)), timeout=1.0)
    assert row and row["created_at"] == second["created_at"], \
        inbox_row(server, tokens["andrewbrown"], a.GROUP)


def read_newest(server, token, group=a.GROUP):
    """Opens a conversation: its newest page, which marks it read."""
    r = server.get("/api/messages/" + group, token=token)
    assert r.status_code == 200, r.text


def test_unread_counter_counts_the_receivers_messages(server, tokens):
    read_newest(server, tokens["bayko"])
    read_newest(server, tokens["andrewbrown"])
    assert server.counter(tokens["bayko"]) == 0
    for i in range(3):
        assert server.send(tokens["andrewbrown"], "unread %d" % i, group=a.GROUP).status_code == 200
    assert server.counter(tokens["bayko"]) == 3
    assert server.counter(tokens["andrewbrown"]) == 0  # One's own messages are not unread.
    # Refused sends count nothing.
    assert server.send(tokens["andrewbrown"], "", group=a.GROUP).status_code == 422
    assert server.send(tokens["londo"], "not a member", group=a.GROUP).status_code == 422
    assert server.counter(tokens["bayko"]) == 3
    # Listing the inbox does not reset it; reading the conversation does.
    server.inbox(tokens["bayko"])
    assert server.counter(tokens["bayko"]) == 3
    read_newest(server, tokens["bayko"])
    assert server.counter(tokens["bayko"]) == 0
    assert server.send(tokens["bayko"], "back at you", group=a.GROUP).status_code == 200
    assert server.counter(tokens["andrewbrown"]) == 1
    assert server.counter(tokens["bayko"]) == 0
    read_newest(server, tokens["andrewbrown"])
    assert server.counter(tokens["andrewbrown"]) == 0


def test_start_a_conversation(server, tokens, users):
    assert server.counter(tokens["londo"]) == 0
    r = server.send(tokens["andrewbrown"], "Hello Londo", handle="londo")
    assert r.status_code == 201, r.text
    first = r.json()
    assert set(first) == MESSAGE_KEYS | {"message_group_uuid"}
    group = first["message_group_uuid"]
    uuid.UUID(group)
    assert group != a.GROUP
    assert first["message"] == "Hello Londo" and first["handle"] == "andrewbrown"
    assert first["uuid"] not in (group, users["andrewbrown"]["uuid"], users["londo"]["uuid"])
    assert server.counter(tokens["londo"]) == 1
    # londo sees it within a second.
    row = a.poll(lambda: inbox_row(server, tokens["londo"], group), timeout=1.0)
    assert row, server.inbox(tokens["londo"])
    assert row["handle"] == "andrewbrown" and row["display_name"] == "Andrew Brown"
    assert row["message"] == "Hello Londo" and row["created_at"] == first["created_at"]
    assert row["unread"] == 1 and server.counter(tokens["londo"]) == 1  # Listing changes nothing.
    read_newest(server, tokens["londo"], group)
    assert server.counter(tokens["londo"]) == 0
    row = inbox_row(server, tokens["andrewbrown"], group)
    assert row and row["handle"] == "londo" and row["display_name"] == "Londo Mollari"

    # Starting again: the same conversation, 200.
    r = server.send(tokens["andrewbrown"], "Hello again", handle="londo")
    assert r.status_code == 200, r.text
    again = r.json()
    assert again["message_group_uuid"] == group and again["uuid"] != first["uuid"]
    # From the other side too.
    r = server.send(tokens["londo"], "Greetings", handle="andrewbrown")
    assert r.status_code == 200, r.text
    assert r.json()["message_group_uuid"] == group
    # And by group.
    r = server.send(tokens["londo"], "By group", group=group)
    assert r.status_code == 200, r.text
    assert "message_group_uuid" not in r.json()

    messages = server.conversation(tokens["londo"], group)
    assert [m["message"] for m in messages] == ["Hello Londo", "Hello again", "Greetings",
                                                "By group"]
    assert [m["handle"] for m in messages] == ["andrewbrown", "andrewbrown", "londo", "londo"]
    assert server.conversation(tokens["andrewbrown"], group) == messages
    assert a.count_messages(server.ddb(), group) == 4
    # bayko is not a member.
    r = server.get("/api/messages/" + group, token=tokens["bayko"])
    assert r.status_code == 404 and r.json() == {"error": "message_group_not_found"}
    assert inbox_row(server, tokens["bayko"], group) is None
    # The inboxes follow the last message.
    for owner in ("andrewbrown", "londo"):
        row = a.poll(lambda: (lambda row: row if row["message"] == "By group" else None)(
            inbox_row(server, tokens[owner], group)), timeout=1.0)
        assert row and row["created_at"] == messages[-1]["created_at"], owner
    assert server.counter(tokens["andrewbrown"]) == 0  # Reset by the listing just above.


def test_inbox_is_newest_first(server, tokens):
    rows = server.inbox(tokens["andrewbrown"])
    assert {row["handle"] for row in rows} == {"bayko", "londo"}
    assert [row["created_at"] for row in rows] == sorted(
        [row["created_at"] for row in rows], reverse=True)
    r = server.send(tokens["andrewbrown"], "to the top", group=a.GROUP)
    assert r.status_code == 200
    top = a.poll(lambda: (lambda rows: rows if rows[0]["uuid"] == a.GROUP and
                          rows[0]["message"] == "to the top" else None)(
        server.inbox(tokens["andrewbrown"])), timeout=1.0)
    assert top, server.inbox(tokens["andrewbrown"])
    assert top[1]["handle"] == "londo"
