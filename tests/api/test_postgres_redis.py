# `cruddur serve` with its users in a real PostgreSQL (CONNECTION_URL, the app suite's
# pg_server), its unread counter in a real Redis (CACHE_URL, database 2) and its messages in a
# ddb-server of our own (--endpoint-url, no embedded database): sign-in, sending, the inbox, the
# counter's keys in Redis, health; then Redis is stopped: health is 503 "degraded" naming the
# counter, and sending and reading still work; Redis back, health is ok again.
import os
import shutil
import subprocess

import pytest

import api_harness as a
from api_harness import h

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

REDIS_DB = 2
SECRET = "pg-s3cret-pw"


class Redis:
    """A redis-server on a port of ours, started as tests/app/test_repo.py starts it."""

    def __init__(self, port):
        self.port = port
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        a.test_repo.wait_listening(self.port)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def cli(self, *args):
        r = subprocess.run(["redis-cli", "-p", str(self.port), "-n", str(REDIS_DB)] + list(args),
                           capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, r.stderr
        return r.stdout.strip()


@pytest.fixture(scope="module")
def postgres():
    import pg_server
    reason = pg_server.skip_reason()
    if reason:
        pytest.skip(reason)
    server = pg_server.PostgresServer(a.free_port()).start()
    try:
        server.psql("CREATE DATABASE cruddur")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def redis():
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        pytest.skip("redis-server and redis-cli are needed (apt-get install redis-server)")
    server = Redis(a.free_port()).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def ddb(tmp_path_factory):
    port = a.free_port()
    server = h.Server(["--port", str(port), "--in-memory"], port,
                      str(tmp_path_factory.mktemp("ddb-logs")))
    server.start().wait_ready()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, postgres, redis, ddb):
    root = tmp_path_factory.mktemp("cruddur-pg")
    # A password in the URL (the test server trusts local connections, so any will do): it must
    # never be shown.
    url = postgres.url().replace("postgresql://postgres@", "postgresql://postgres:%s@" % SECRET)
    env = dict(a.base_env(root), CONNECTION_URL=url,
               CACHE_URL="redis://127.0.0.1:%d/%d" % (redis.port, REDIS_DB))
    s = a.start_cruddur(root, env=env, extra=["--endpoint-url", "http://127.0.0.1:%d" % ddb.port])
    s.ddb_url = "http://127.0.0.1:%d" % ddb.port
    try:
        yield s
    finally:
        a.stop_cleanly(s, allowed_5xx=(503,))


def pg_users(postgres):
    out = postgres.psql("SELECT handle, uuid, coalesce(cognito_user_id, '') FROM users "
                        "ORDER BY handle", database="cruddur")
    return {line.split("|")[0]: line.split("|")[1:] for line in out.splitlines()}


def test_users_and_messages_where_they_were_asked_for(server, postgres, ddb):
    assert not os.path.exists(server.users_path), "no SQLite users database"
    assert "embedded" not in server.stdout.split("Cruddur is running")[0]
    users = pg_users(postgres)
    assert sorted(users) == sorted(a.SEED_HANDLES)
    assert all(sub for _, sub in users.values()), users
    assert a.count_messages(ddb.client(), a.GROUP) == 104
    # Nothing listens on the embedded database's port.
    assert h.port_is_free(server.ddb_port)


def test_health(server, redis, ddb):
    r = server.get("/api/health?detail")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["database"]["endpoint"] == server.ddb_url
    assert body["users_db"]["ok"]
    assert body["users_db"]["location"].startswith("postgresql://postgres:***@127.0.0.1:")
    assert SECRET not in r.text
    assert SECRET not in server.stdout, "the start-up banner shows the password"
    assert body["unread_counter"] == {
        "ok": True, "backend": "redis://127.0.0.1:%d/%d" % (redis.port, REDIS_DB)}


def test_sign_in_send_inbox_and_the_counter_in_redis(server, postgres, redis):
    tokens = server.tokens()
    users = pg_users(postgres)
    assert a.decode(tokens["bayko"])[1]["sub"] == users["bayko"][1]
    r = server.get("/api/users/@londo/short")
    assert r.status_code == 200 and r.json()["uuid"] == users["londo"][0]

    server.inbox(tokens["bayko"])
    assert redis.cli("EXISTS", "msgs/bayko") == "0"  # Nothing cached until a count is asked.
    assert server.counter(tokens["bayko"]) == 1  # The seed's last line, added up from the table.
    assert redis.cli("GET", "msgs/bayko") == "1"
    for i in range(2):
        r = server.send(tokens["andrewbrown"], "via postgres %d" % i, group=a.GROUP)
        assert r.status_code == 200, r.text
    assert redis.cli("GET", "msgs/bayko") == "3"
    assert 0 < int(redis.cli("TTL", "msgs/bayko")) <= 600
    assert server.counter(tokens["bayko"]) == 3
    assert redis.cli("EXISTS", "msgs/andrewbrown") == "0"
    row = a.poll(lambda: (lambda rows: rows and rows[0]["message"] == "via postgres 1" and
                          rows[0])(server.inbox(tokens["bayko"])), timeout=1.0)
    assert row and row["uuid"] == a.GROUP and row["handle"] == "andrewbrown"
    assert row["unread"] == 3
    assert redis.cli("GET", "msgs/bayko") == "3"  # Listing the inbox changes nothing.
    server.conversation(tokens["bayko"], a.GROUP)  # Reading it does.
    assert redis.cli("EXISTS", "msgs/bayko") == "0"
    assert server.counter(tokens["bayko"]) == 0

    r = server.send(tokens["londo"], "hi from postgres", handle="bayko")
    assert r.status_code == 201, r.text
    assert redis.cli("GET", "msgs/bayko") == "1"
    assert any(row["handle"] == "londo" for row in server.inbox(tokens["bayko"]))


def test_redis_down_is_degraded_but_sending_works(server, redis):
    tokens = server.tokens()
    before = server.counter(tokens["bayko"])
    redis.stop()
    r = server.get("/api/health?detail")
    assert r.status_code == 503, r.text
    body = r.json()
    assert body["status"] == "degraded"
    assert body["unread_counter"]["ok"] is False and body["unread_counter"]["error"]
    assert body["database"]["ok"] and body["users_db"]["ok"] and body["stream_processor"]["ok"]

    r = server.send(tokens["andrewbrown"], "redis is down", group=a.GROUP)
    assert r.status_code == 200, r.text
    r = server.send(tokens["andrewbrown"], "still down", handle="londo")
    assert r.status_code in (200, 201), r.text
    assert server.counter(tokens["bayko"]) == before + 1  # Added up from the table instead.
    row = a.poll(lambda: (lambda rows: rows and rows[0]["message"] == "redis is down" and
                          rows[0])(server.inbox(tokens["bayko"])), timeout=1.0)
    assert row, server.inbox(tokens["bayko"])
    assert server.conversation(tokens["bayko"], a.GROUP)[-1]["message"] == "redis is down"

    # Redis back (empty): health recovers and counting goes on.
    redis.start()
    r = a.poll(lambda: (lambda r: r.status_code == 200 and r)(server.get("/api/health")),
               timeout=5.0)
    assert r, server.get("/api/health").text
    assert server.send(tokens["andrewbrown"], "redis is back", group=a.GROUP).status_code == 200
    assert redis.cli("EXISTS", "msgs/bayko") == "0"  # An empty cache: nothing to add to.
    # bayko read "redis is down" above: "redis is back" is the conversation's one unread.
    assert server.counter(tokens["bayko"]) == before + 1
    assert redis.cli("GET", "msgs/bayko") == str(before + 1)
