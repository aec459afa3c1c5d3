# Pins the users-database scripts of spec §4 against a real PostgreSQL server started by the
# session (CONNECTION_URL=postgresql://postgres@127.0.0.1:<port>/cruddur): create (and create
# twice: one failure line), drop (twice: IF EXISTS), schema-load (uuid primary key, unique handle
# and email), seed (idempotent), setup, sessions (a header then one line per session), connect
# (psql on stdin), and the DynamoDB flow (seed, list-conversations) with the users in
# PostgreSQL. Server NOTICEs ("table users does not exist, skipping") may reach stderr, as they
# did from the seed's psql scripts; nothing else may.
import re
import shutil

import pytest

import cruddur_harness as h

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(tmp_path, postgres, identities):
    postgres.psql("DROP DATABASE IF EXISTS cruddur WITH (FORCE)")
    return h.App(tmp_path, None, postgres.url(), identities)


def pg_ok(r):
    """Success; stderr holds nothing but the server's NOTICE lines."""
    assert r.returncode == 0, r
    assert all(line.startswith("NOTICE:  ") for line in r.stderr.splitlines()), r
    return r.stdout


def users(postgres):
    out = postgres.psql("SELECT uuid, display_name, handle, email, coalesce(cognito_user_id, '') "
                        "FROM users ORDER BY handle", database="cruddur")
    return [tuple(line.split("|")) for line in out.splitlines()]


def test_create_and_drop(pg_app, postgres):
    url = postgres.url()
    assert pg_ok(pg_app.run("db/create")) == "created users database: %s\n" % url
    assert "cruddur" in postgres.databases()
    r = pg_app.run("db/create")
    assert h.one_line_failure(r) == (
        'cruddur: cannot CREATE DATABASE cruddur: ERROR: database "cruddur" already exists')
    assert pg_ok(pg_app.run("db/drop")) == "dropped users database: %s\n" % url
    assert "cruddur" not in postgres.databases()
    assert pg_ok(pg_app.run("db/drop")) == "dropped users database: %s\n" % url


def test_schema_load_needs_the_database(pg_app, postgres):
    r = pg_app.run("db/schema-load")
    assert h.one_line_failure(r) == (
        'cruddur: cannot connect to the users database: connection to server at "127.0.0.1", '
        'port %d failed: FATAL: database "cruddur" does not exist' % postgres.port)


def test_schema_load_and_seed(pg_app, postgres):
    pg_ok(pg_app.run("db/create"))
    assert pg_ok(pg_app.run("db/schema-load")) == "loaded the users schema\n"
    columns = postgres.psql("SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_name = 'users' ORDER BY ordinal_position",
                            database="cruddur").splitlines()
    assert columns == ["uuid|uuid", "display_name|text", "handle|text", "email|text",
                       "cognito_user_id|text", "created_at|timestamp with time zone"]
    indexes = postgres.psql("SELECT indexdef FROM pg_indexes WHERE tablename = 'users'",
                            database="cruddur")
    for column in ("uuid", "handle", "email", "cognito_user_id"):
        assert re.search(r"CREATE UNIQUE INDEX \S+ ON public\.users USING btree \(%s\)" % column,
                         indexes), indexes

    assert pg_ok(pg_app.run("db/seed")) == (
        "added user andrewbrown\nadded user bayko\nadded user londo\n")
    first = users(postgres)
    assert [u[1:4] for u in first] == h.SEED_USERS
    assert pg_ok(pg_app.run("db/seed")) == (
        "user andrewbrown already present\nuser bayko already present\n"
        "user londo already present\n")
    assert users(postgres) == first
    with pytest.raises(RuntimeError, match="duplicate key value violates unique constraint"):
        postgres.psql("INSERT INTO users (uuid, display_name, handle, email) VALUES "
                      "(gen_random_uuid(), 'X', 'bayko', 'other@example.com')", database="cruddur")
    with pytest.raises(RuntimeError, match="duplicate key value violates unique constraint"):
        postgres.psql("INSERT INTO users (uuid, display_name, handle, email) VALUES "
                      "(gen_random_uuid(), 'X', 'other', 'bayko@exampro.co')", database="cruddur")


def test_setup(pg_app, postgres):
    pg_ok(pg_app.run("db/create"))
    postgres.psql("CREATE TABLE users (junk int)", database="cruddur")
    out = pg_ok(pg_app.run("db/setup"))
    lines = out.splitlines()
    assert lines[0] == "users database ready: %s (3 users)" % postgres.url()
    subs = dict(line.split(" ")[1:] for line in lines[1:])
    assert [line.split(" ")[0] for line in lines[1:]] == ["----"] * 3
    rows = users(postgres)
    assert [u[1:4] for u in rows] == h.SEED_USERS
    assert {u[2]: u[4] for u in rows} == subs
    pg_ok(pg_app.run("db/setup"))  # again: starts over
    assert [u[1:4] for u in users(postgres)] == h.SEED_USERS


def test_sessions(pg_app, postgres):
    pg_ok(pg_app.run("db/setup"))
    lines = pg_ok(pg_app.run("db/sessions")).splitlines()
    assert lines[0] == "process_id | user | db | client_addr | app | state"
    assert len(lines) >= 2
    fields = [line.split(" | ") for line in lines[1:]]
    assert all(len(f) == 6 and f[0].isdigit() for f in fields), lines
    assert ["postgres", "cruddur", "127.0.0.1/32"] in [f[1:4] for f in fields], lines


def test_connect_runs_psql(pg_app):
    if not shutil.which("psql", path=pg_app.env["PATH"]):
        pytest.skip("psql not found (apt-get install postgresql-client)")
    pg_ok(pg_app.run("db/setup"))
    out = pg_ok(pg_app.run("db/connect", input="select handle from users order by handle;\n"))
    assert out == ("   handle    \n-------------\n andrewbrown\n bayko\n londo\n(3 rows)\n\n")


def test_ddb_flow_with_users_in_postgres(tmp_path, postgres, ddb_server, identities):
    postgres.psql("DROP DATABASE IF EXISTS cruddur WITH (FORCE)")
    app = h.App(tmp_path, "http://127.0.0.1:%d" % ddb_server.port, postgres.url(), identities)
    pg_ok(app.run("db/setup"))
    app.ok("ddb/schema-load")
    assert app.ok("ddb/seed") == h.SEEDED
    assert app.ok("ddb/seed") == h.ALREADY_SEEDED
    me = {u[2]: u for u in users(postgres)}["andrewbrown"]
    out = app.ok("ddb/patterns/list-conversations")
    first, rest = out.split("\n", 1)
    assert first == "my-uuid: " + me[0]
    response = h.newest_twenty(app.client(), "GRP#" + me[0])
    assert rest == h.python_json(h.without_metadata(response)) + "\n"
    assert response["Count"] == 1
    out = app.ok("ddb/patterns/get-conversation")
    assert out == h.get_conversation_output(h.newest_twenty(app.client(), "MSG#" + h.GROUP))

    postgres.psql("DELETE FROM users WHERE handle = 'bayko'", database="cruddur")
    app.ok("ddb/drop", h.TABLE)
    app.ok("ddb/schema-load")
    r = app.run("ddb/seed")
    assert h.one_line_failure(r) == (
        "cruddur: user bayko is not in the users database: run bin/db/setup first")
    assert h.scan_all(app.client()) == []
