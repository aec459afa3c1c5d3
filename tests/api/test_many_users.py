# The API under concurrency and with more users than the seed's three: extra users are inserted
# straight into the SQLite users table with a cognito_user_id, and their tokens forged with the
# server's own signing key (iss cruddur-local, aud cruddur-web), as a local sign-in would issue
# them. 200 messages over 10 conversations from 16 threads: every message stored once, and every
# participant's inbox row ends on its conversation's newest message. Two users starting their
# conversation with each other at the same moment end up in one. An inbox of 26 conversations
# pages 20 + 6 with X-Next-Before.
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import api_harness as a


@pytest.fixture(scope="module")
def make_users(server, tokens):
    kid = a.decode(tokens["andrewbrown"])[0]["kid"]

    def make(prefix, n):
        out = []
        for i in range(n):
            handle = "%s%02d" % (prefix, i)
            user_uuid, sub = server.add_user(handle, "User %s %02d" % (prefix, i))
            out.append({"handle": handle, "uuid": user_uuid,
                        "token": a.forge(server.key_path, a.claims(sub), kid)})
        return out

    return make


def test_forged_tokens_of_new_users_work(server, make_users):
    (u,) = make_users("solo", 1)
    assert server.inbox(u["token"]) == []
    assert server.counter(u["token"]) == 0
    r = server.get("/api/users/@%s/short" % u["handle"])
    assert r.status_code == 200 and r.json()["uuid"] == u["uuid"]


def test_200_messages_over_10_conversations(server, make_users):
    people = make_users("conc", 20)
    pairs = [(people[2 * i], people[2 * i + 1]) for i in range(10)]
    groups = []
    for first, second in pairs:
        r = server.send(first["token"], "start", handle=second["handle"])
        assert r.status_code == 201, r.text
        groups.append(r.json()["message_group_uuid"])
    assert len(set(groups)) == 10

    rng = random.Random(7)
    jobs = []
    for n in range(200):
        i = rng.randrange(10)
        sender = pairs[i][rng.randrange(2)]
        jobs.append((i, sender, "msg %03d from %s" % (n, sender["handle"])))

    def send(job):
        i, sender, text = job
        return server.send(sender["token"], text, group=groups[i])

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(send, jobs))
    assert [r.status_code for r in answers] == [200] * 200, \
        [(r.status_code, r.text) for r in answers if r.status_code != 200][:5]
    assert len({r.json()["uuid"] for r in answers}) == 200

    expected = {i: sorted(text for j, _, text in jobs if j == i) for i in range(10)}
    newest = {}
    for i, (first, second) in enumerate(pairs):
        messages = server.conversation(first["token"], groups[i])
        assert sorted(m["message"] for m in messages[1:]) == expected[i]
        assert messages[0]["message"] == "start"
        times = [m["created_at"] for m in messages]
        assert times == sorted(times)
        assert len({m["uuid"] for m in messages}) == len(messages)
        assert a.count_messages(server.ddb(), groups[i]) == len(expected[i]) + 1
        for m in messages[1:]:
            assert m["handle"] == m["message"].rsplit(" ", 1)[1]
        newest[i] = messages[-1]

    def inbox_rows_current():
        stale = []
        for i, pair in enumerate(pairs):
            for me, other in (pair, pair[::-1]):
                rows = [row for row in server.inbox(me["token"]) if row["uuid"] == groups[i]]
                if len(rows) != 1 or rows[0]["message"] != newest[i]["message"] or \
                        rows[0]["created_at"] != newest[i]["created_at"] or \
                        rows[0]["handle"] != other["handle"]:
                    stale.append((me["handle"], rows, newest[i]))
        return stale

    stale = inbox_rows_current()
    if stale:
        a.poll(lambda: not inbox_rows_current(), timeout=3.0, interval=0.1)
        stale = inbox_rows_current()
    assert stale == [], stale[:3]


def test_both_start_the_same_conversation_at_once(server, make_users):
    one, two = make_users("race", 2)
    barrier = threading.Barrier(8)

    def start(i):
        me, other = (one, two) if i % 2 == 0 else (two, one)
        barrier.wait()
        return server.send(me["token"], "race %d" % i, handle=other["handle"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(start, range(8)))
    assert sorted(r.status_code for r in answers) == [200] * 7 + [201], \
        [(r.status_code, r.text) for r in answers]
    groups = {r.json()["message_group_uuid"] for r in answers}
    assert len(groups) == 1
    (group,) = groups
    assert a.count_messages(server.ddb(), group) == 8
    for me in (one, two):
        rows = server.inbox(me["token"])
        assert [row["uuid"] for row in rows] == [group], rows


def test_inbox_pages_past_20(server, tokens, make_users):
    people = make_users("inbox", 25)
    me = tokens["andrewbrown"]
    before = server.inbox(me)
    started = []
    for p in people:
        r = server.send(me, "hello %s" % p["handle"], handle=p["handle"])
        assert r.status_code == 201, r.text
        started.append(r.json())
    pages = a.walk(lambda cursor: server.get(
        "/api/message_groups" + ("" if cursor is None else "?before=" + cursor), token=me))
    assert [len(p) for p in pages] == [20, len(before) + 25 - 20]
    rows = [row for page in pages for row in page]
    times = [row["created_at"] for row in rows]
    assert times == sorted(times, reverse=True), "newest first across pages"
    assert len(set(times)) == len(times)
    assert len({row["uuid"] for row in rows}) == len(rows)
    # The 25 new conversations, newest first, then the older ones.
    assert [row["uuid"] for row in rows[:25]] == \
        [s["message_group_uuid"] for s in reversed(started)]
    assert [row["handle"] for row in rows[:25]] == [p["handle"] for p in reversed(people)]
    assert rows[25:] == before
    # The cursor is the oldest row of the page.
    r = server.get("/api/message_groups", token=me)
    assert r.headers["X-Next-Before"] == r.json()[-1]["created_at"]
    # The other side sees one conversation each.
    for p in people[:3]:
        rows = server.inbox(p["token"])
        assert len(rows) == 1 and rows[0]["handle"] == "andrewbrown"
        assert "X-Next-Before" not in server.get("/api/message_groups",
                                                 token=p["token"]).headers


def test_exactly_a_page_of_messages_has_no_cursor(server, make_users):
    """X-Next-Before only when there is more: 20 messages are one page, without a cursor to an
    empty page; 40 are two."""
    one, two = make_users("edge", 2)
    r = server.send(one["token"], "m00", handle=two["handle"])
    group = r.json()["message_group_uuid"]
    for i in range(1, 20):
        assert server.send(two["token"], "m%02d" % i, group=group).status_code == 200
    r = server.get("/api/messages/" + group, token=one["token"])
    assert [m["message"] for m in r.json()] == ["m%02d" % i for i in range(20)]
    assert "X-Next-Before" not in r.headers, r.headers["X-Next-Before"]
    for i in range(20, 40):
        assert server.send(two["token"], "m%02d" % i, group=group).status_code == 200
    pages = a.walk(lambda cursor: server.get(
        "/api/messages/" + group + ("" if cursor is None else "?before=" + cursor),
        token=one["token"]))
    assert [[m["message"] for m in p] for p in pages] == [
        ["m%02d" % i for i in range(20, 40)], ["m%02d" % i for i in range(20)]]


def test_exactly_a_page_of_conversations_has_no_cursor(server, make_users):
    (owner,) = make_users("owner", 1)
    for p in make_users("twenty", 20):
        assert server.send(owner["token"], "hi", handle=p["handle"]).status_code == 201
    r = server.get("/api/message_groups", token=owner["token"])
    assert len(r.json()) == 20
    assert "X-Next-Before" not in r.headers, r.headers["X-Next-Before"]
