# Start, stop and start again: what a first start creates (the data folder, the signing key, the
# users and identities, the two tables, the seeded conversation), that /api/health is ok as soon
# as the server says it runs, that SIGTERM stops it with exit 0 and "cruddur stopped", and that a
# second start in the same folder keeps everything (messages, inboxes, the signing key and so the
# tokens already issued, idempotency keys) and seeds nothing twice.
import os
import signal
import sqlite3
import uuid

import api_harness as a
from api_harness import stop_cleanly


def test_healthy_as_soon_as_running(tmp_path):
    server = a.start_cruddur(tmp_path, healthy=False)
    try:
        r = server.get("/api/health")
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "ok"
    finally:
        server.stop()


def test_first_start_creates(tmp_path):
    server = a.start_cruddur(tmp_path)
    try:
        assert "seeded 104 messages" in server.stdout
        for name in ("cruddur-signing-key.pem", "cruddur-users.db", "cruddur-identities.db"):
            assert os.path.isfile(os.path.join(server.data, name)), name
        assert os.stat(server.key_path).st_mode & 0o077 == 0, "the key is private"
        tables = server.ddb().list_tables()["TableNames"]
        assert "cruddur-messages" in tables and "cruddur-messages-idempotency" in tables
        assert a.count_messages(server.ddb(), a.GROUP) == 104
        assert sorted(server.users()) == sorted(a.SEED_HANDLES)
        db = sqlite3.connect(os.path.join(server.data, "cruddur-identities.db"))
        try:
            count = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
            assert count.fetchone()[0] >= 1
        finally:
            db.close()
        assert all(row["cognito_user_id"] for row in server.users().values())
    finally:
        stop_cleanly(server)


def test_sigint_stops_too(tmp_path):
    server = a.start_cruddur(tmp_path)
    assert server.stop(signal.SIGINT) == 0
    assert "cruddur stopped" in server.stdout


def test_restart_keeps_everything(tmp_path):
    first = a.start_cruddur(tmp_path)
    try:
        tokens = first.tokens()
        kid = a.decode(tokens["andrewbrown"])[0]["kid"]
        with open(first.key_path, "rb") as f:
            key_bytes = f.read()
        users = first.users()
        reply = first.send(tokens["andrewbrown"], "before the restart", group=a.GROUP).json()
        r = first.send(tokens["andrewbrown"], "hello londo", handle="londo")
        assert r.status_code == 201
        group = r.json()["message_group_uuid"]
        idem_key = str(uuid.uuid4())
        kept = first.send(tokens["bayko"], "idempotent", group=a.GROUP, key=idem_key)
        assert kept.status_code == 200
        assert a.poll(lambda: first.inbox(tokens["bayko"])[0]["message"] == "idempotent",
                      timeout=1.0)
        conversation = first.conversation(tokens["bayko"], a.GROUP)
        assert len(conversation) == 106
        inboxes = {h: first.inbox(tokens[h]) for h in a.SEED_HANDLES}
        # Read state to keep: londo has not opened andrewbrown's message; bayko read everything.
        assert [row["unread"] for row in inboxes["londo"]] == [1]
        assert [row["unread"] for row in inboxes["bayko"]] == [0]
    finally:
        first.proc.send_signal(signal.SIGTERM)
        assert first.proc.wait(30) == 0, first.describe()
    assert first.stdout.rstrip("\n").endswith("cruddur stopped"), first.stdout[-500:]
    assert first.server_errors() == []

    second = a.start_cruddur(tmp_path, port=a.free_port(), ddb_port=a.free_port())
    try:
        banner = second.stdout.split("Cruddur is running")[0]
        assert "seeded 104" not in banner and "created table" not in banner, banner
        assert "conversation seeded before" in banner, banner
        with open(second.key_path, "rb") as f:
            assert f.read() == key_bytes
        assert second.users() == users
        # The old tokens are still good, and the read state (each row's unread) was kept.
        for handle in a.SEED_HANDLES:
            assert second.inbox(tokens[handle]) == inboxes[handle], handle
        assert second.get("/.well-known/jwks.json").json()["keys"][0]["kid"] == kid
        assert a.decode(second.sign_in("andrewbrown"))[0]["kid"] == kid
        # The messages, once each.
        assert second.conversation(tokens["andrewbrown"], a.GROUP) == conversation
        assert a.count_messages(second.ddb(), a.GROUP) == 106
        assert reply in conversation
        assert a.count_messages(second.ddb(), group) == 1
        # Starting the londo conversation again finds it.
        r = second.send(tokens["londo"], "still here?", handle="andrewbrown")
        assert r.status_code == 200 and r.json()["message_group_uuid"] == group
        # The idempotency key was kept.
        retry = second.send(tokens["bayko"], "idempotent", group=a.GROUP, key=idem_key)
        assert retry.status_code == 200 and retry.text == kept.text
        assert retry.headers.get("Idempotent-Replayed") == "true"
        assert a.count_messages(second.ddb(), a.GROUP) == 106
        # And the stream processor goes on where it was.
        r = second.send(tokens["bayko"], "after the restart", group=a.GROUP)
        assert r.status_code == 200
        row = a.poll(lambda: (lambda rows: rows and rows[0]["message"] == "after the restart"
                              and rows[0])(second.inbox(tokens["andrewbrown"])), timeout=1.0)
        assert row and row["uuid"] == a.GROUP, second.inbox(tokens["andrewbrown"])
    finally:
        stop_cleanly(second)

    # A third start: still no duplicates.
    third = a.start_cruddur(tmp_path)
    try:
        assert a.count_messages(third.ddb(), a.GROUP) == 107
        assert sorted(third.users()) == sorted(a.SEED_HANDLES)
        assert len(third.conversation(tokens["andrewbrown"], a.GROUP)) == 107
    finally:
        stop_cleanly(third)


def test_second_server_on_the_same_ddb_port_fails_cleanly(tmp_path):
    first = a.start_cruddur(tmp_path / "one")
    try:
        other = a.Cruddur(tmp_path / "two", ddb_port=first.ddb_port).start()
        code = other.proc.wait(30)
        assert code != 0
        assert "Cruddur is running" not in other.stdout
        assert other.stderr.strip(), other.describe()
        assert first.get("/api/health").status_code == 200
    finally:
        stop_cleanly(first)
