# Idempotency-Key on POST /api/messages: a retry with the same key and body gets the first answer
# again (Idempotent-Replayed: true) and stores nothing; concurrent attempts store one message;
# the same key with another body is 409; keys are per user; invalid keys are 400. Messages are
# counted in the embedded database itself (boto3 Query on the --ddb-port) and in the listing.
import threading
import uuid

import pytest

import api_harness as a


def count(server, group=a.GROUP):
    return a.count_messages(server.ddb(), group)


def same_answer(first, other):
    assert other.status_code == first.status_code, (other.status_code, other.text)
    assert other.text == first.text
    assert other.headers["Content-Type"] == first.headers["Content-Type"]


def test_sequential_retries_store_one_message(server, tokens):
    key, text = str(uuid.uuid4()), "retried %s" % uuid.uuid4()
    before = count(server)
    first = server.send(tokens["andrewbrown"], text, group=a.GROUP, key=key)
    assert first.status_code == 200, first.text
    assert "Idempotent-Replayed" not in first.headers
    for _ in range(5):
        retry = server.send(tokens["andrewbrown"], text, group=a.GROUP, key=key)
        same_answer(first, retry)
        assert retry.headers.get("Idempotent-Replayed") == "true"
    assert count(server) == before + 1
    listing = server.conversation(tokens["bayko"], a.GROUP)
    assert [m["uuid"] for m in listing if m["message"] == text] == [first.json()["uuid"]]
    # The counter saw one message too.
    server.inbox(tokens["bayko"])
    server.send(tokens["andrewbrown"], text, group=a.GROUP, key=key)
    assert server.counter(tokens["bayko"]) == 0


def send_at_once(server, token, text, key, n=8):
    """`n` threads send the same message with the same key at the same moment; their answers."""
    barrier = threading.Barrier(n)
    answers = [None] * n

    def attempt(i):
        barrier.wait()
        answers[i] = server.send(token, text, group=a.GROUP, key=key)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return answers


def test_concurrent_retries_store_one_message(server, tokens):
    key, text = str(uuid.uuid4()), "concurrent %s" % uuid.uuid4()
    before = count(server)
    answers = send_at_once(server, tokens["andrewbrown"], text, key)
    assert all(r is not None for r in answers)
    assert count(server) == before + 1
    # Each answer is the stored one, or (the IETF Idempotency-Key draft's answer while the
    # first attempt still runs) 409; never a second message.
    done = [r for r in answers if r.status_code == 200]
    assert done, [(r.status_code, r.text) for r in answers]
    for r in answers:
        assert r.status_code in (200, 409), (r.status_code, r.text)
    assert len({r.text for r in done}) == 1, [r.text for r in done]
    stored = done[0].json()
    assert stored["message"] == text
    # Once done, every retry is that answer.
    retry = server.send(tokens["andrewbrown"], text, group=a.GROUP, key=key)
    assert retry.status_code == 200 and retry.json() == stored
    assert retry.headers.get("Idempotent-Replayed") == "true"
    listing = server.conversation(tokens["andrewbrown"], a.GROUP)
    assert [m["uuid"] for m in listing if m["message"] == text] == [stored["uuid"]]


def test_concurrent_retries_after_the_first_answer_are_identical(server, tokens):
    key, text = str(uuid.uuid4()), "identical %s" % uuid.uuid4()
    first = server.send(tokens["bayko"], text, group=a.GROUP, key=key)
    assert first.status_code == 200
    before = count(server)
    answers = send_at_once(server, tokens["bayko"], text, key)
    for r in answers:
        same_answer(first, r)
        assert r.headers.get("Idempotent-Replayed") == "true"
    assert count(server) == before


def test_new_conversation_replayed_as_201(server, tokens):
    key = str(uuid.uuid4())
    first = server.send(tokens["londo"], "hello bayko", handle="bayko", key=key)
    assert first.status_code == 201, first.text
    group = first.json()["message_group_uuid"]
    for _ in range(3):
        retry = server.send(tokens["londo"], "hello bayko", handle="bayko", key=key)
        same_answer(first, retry)
        assert retry.headers.get("Idempotent-Replayed") == "true"
    assert count(server, group) == 1
    # Without the key it is a new message in the same conversation.
    r = server.send(tokens["londo"], "hello bayko", handle="bayko")
    assert r.status_code == 200 and r.json()["message_group_uuid"] == group
    assert count(server, group) == 2


def test_same_key_other_body_is_409(server, tokens):
    key = str(uuid.uuid4())
    first = server.send(tokens["andrewbrown"], "one body", group=a.GROUP, key=key)
    assert first.status_code == 200
    before = count(server)
    for body in ({"message": "another body", "message_group_uuid": a.GROUP},
                 {"message": "one body", "handle": "bayko"}):
        r = server.post("/api/messages", body, token=tokens["andrewbrown"],
                        headers={"Idempotency-Key": key})
        assert r.status_code == 409, r.text
        assert set(r.json()) == {"error"}
        assert "Idempotent-Replayed" not in r.headers
    assert count(server) == before
    # The original still replays.
    same_answer(first, server.send(tokens["andrewbrown"], "one body", group=a.GROUP, key=key))


def test_keys_are_per_user(server, tokens):
    key, text = str(uuid.uuid4()), "same key, two users"
    before = count(server)
    mine = server.send(tokens["andrewbrown"], text, group=a.GROUP, key=key)
    theirs = server.send(tokens["bayko"], text, group=a.GROUP, key=key)
    assert mine.status_code == theirs.status_code == 200
    assert "Idempotent-Replayed" not in theirs.headers
    assert mine.json()["uuid"] != theirs.json()["uuid"]
    assert theirs.json()["handle"] == "bayko"
    assert count(server) == before + 2


def test_refusals_are_replayed_too(server, tokens):
    key = str(uuid.uuid4())
    first = server.send(tokens["andrewbrown"], "", group=a.GROUP, key=key)
    assert first.status_code == 422 and first.json() == {"errors": ["message_blank"]}
    retry = server.send(tokens["andrewbrown"], "", group=a.GROUP, key=key)
    same_answer(first, retry)


def test_without_a_key_every_send_stores(server, tokens):
    before = count(server)
    for _ in range(3):
        assert server.send(tokens["andrewbrown"], "no key", group=a.GROUP).status_code == 200
    assert count(server) == before + 3


def test_longest_key(server, tokens):
    key = "k" * 254 + "~"
    before = count(server)
    first = server.send(tokens["andrewbrown"], "long key", group=a.GROUP, key=key)
    assert first.status_code == 200, first.text
    same_answer(first, server.send(tokens["andrewbrown"], "long key", group=a.GROUP, key=key))
    assert count(server) == before + 1


@pytest.mark.parametrize("key", ["k" * 256, "a b", "tab\tkey", "caf\u00e9", "x" * 1000],
                         ids=["256-chars", "space", "tab", "latin1", "1000-chars"])
def test_invalid_key_is_400(server, tokens, key):
    before = count(server)
    r = server.send(tokens["andrewbrown"], "bad key", group=a.GROUP, key=key)
    assert r.status_code == 400, r.text
    assert set(r.json()) == {"error"}
    assert count(server) == before
