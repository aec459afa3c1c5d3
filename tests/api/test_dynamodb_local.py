# `cruddur serve --endpoint-url` on Amazon DynamoDB Local (the Java reference implementation),
# so that what the application relies on is known to work on the real service's behaviour and
# not only on ddb-server's: first start (tables, TTL of the idempotency table, the seed), the
# stream processor through the Streams API keeping both inboxes current, a new conversation
# reused on a second start, idempotent retries, and a restart of the app resuming the stream
# from its checkpoint (nothing skipped, nothing re-seeded). Skipped without java or the jar.
import uuid

import pytest

import api_harness as a
from api_harness import h

pytestmark = pytest.mark.dynamodb_local


@pytest.fixture(scope="module")
def dynamodb_local():
    yield from h.dynamodb_local(pytest, a.free_port)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("cruddur-on-local")


def start(root, endpoint):
    return a.start_cruddur(root, extra=["--endpoint-url", endpoint])


def inbox_shows(server, token, group, text):
    return a.poll(lambda: any(row["uuid"] == group and row["message"] == text
                              for row in server.inbox(token)), timeout=3.0)


def test_the_application_on_dynamodb_local(root, dynamodb_local):
    server = start(root, dynamodb_local)
    try:
        assert "embedded" not in server.stdout.split("Cruddur is running")[0]
        assert "seeded 104 messages" in server.stdout
        tokens = server.tokens()
        assert len(server.conversation(tokens["bayko"], a.GROUP)) == 104

        reply = "on DynamoDB Local %s" % uuid.uuid4()
        r = server.send(tokens["andrewbrown"], reply, group=a.GROUP)
        assert r.status_code == 200, r.text
        for owner in ("andrewbrown", "bayko"):
            assert inbox_shows(server, tokens[owner], a.GROUP, reply), server.inbox(tokens[owner])
        assert server.counter(tokens["bayko"]) == 1  # Unread until bayko opens it.

        first = "hello londo %s" % uuid.uuid4()
        key = str(uuid.uuid4())
        r = server.send(tokens["andrewbrown"], first, handle="londo", key=key)
        assert r.status_code == 201, r.text
        again = server.send(tokens["andrewbrown"], first, handle="londo", key=key)
        assert again.status_code == 201 and again.json() == r.json()
        assert again.headers.get("Idempotent-Replayed") == "true"
        group = r.json()["message_group_uuid"]
        assert inbox_shows(server, tokens["londo"], group, first), server.inbox(tokens["londo"])
        assert [m["message"] for m in server.conversation(tokens["londo"], group)] == [first]

        health = server.get("/api/health")
        assert health.status_code == 200 and health.json()["status"] == "ok", health.text
    finally:
        a.stop_cleanly(server)

    # The app restarted on the same database: nothing seeded again, the stream resumed from its
    # checkpoint (a message sent now still reaches the inboxes), the conversation reused.
    server = start(root, dynamodb_local)
    try:
        assert "conversation seeded before" in server.stdout
        tokens = server.tokens()
        assert len(server.conversation(tokens["bayko"], a.GROUP)) == 105
        later = "after the restart %s" % uuid.uuid4()
        r = server.send(tokens["londo"], later, handle="andrewbrown")
        assert r.status_code == 200 and r.json()["message_group_uuid"] == group, r.text
        assert inbox_shows(server, tokens["andrewbrown"], group, later)
    finally:
        a.stop_cleanly(server)
