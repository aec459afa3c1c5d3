# Pins the users-database scripts of spec §4 on the embedded SQLite backend
# (CONNECTION_URL=sqlite:PATH, default sqlite:data/cruddur-users.db under the cwd): setup (drop +
# create + schema-load + seed + the Cognito ids of the local identity pool), create, schema-load
# (uuid primary key, unique handle and email), seed (idempotent), drop, sessions (no server: one
# line), connect (sqlite3's shell on stdin), read back with Python's sqlite3 module.
import os
import re
import shutil
import sqlite3

import pytest

import cruddur_harness as h

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def db_app(tmp_path, identities):
    return h.App(tmp_path, None, "sqlite:" + str(tmp_path / "nested" / "dir" / "users.db"),
               identities)


def rows(path, sql="SELECT * FROM users ORDER BY handle"):
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(sql)]
    finally:
        db.close()


def test_setup_makes_a_ready_database(db_app):
    out = db_app.ok("db/setup")
    lines = out.splitlines()
    assert lines[0] == "users database ready: %s (3 users)" % db_app.users_path
    subs = {}
    for line in lines[1:]:
        dashes, handle, sub = line.split(" ")
        assert dashes == "----" and sub, line
        subs[handle] = sub
    assert [line.split(" ")[1] for line in lines[1:]] == ["andrewbrown", "bayko", "londo"]
    users = rows(db_app.users_path)
    assert [(u["display_name"], u["handle"], u["email"]) for u in users] == h.SEED_USERS
    assert all(UUID.fullmatch(u["uuid"]) for u in users)
    assert len({u["uuid"] for u in users}) == 3
    assert all(h.ISO_UTC.fullmatch(u["created_at"]) for u in users)
    assert {u["handle"]: u["cognito_user_id"] for u in users} == subs


def test_setup_again_starts_over(db_app):
    db_app.ok("db/setup")
    db = sqlite3.connect(db_app.users_path)
    db.execute("INSERT INTO users (uuid, display_name, handle, email, created_at) "
               "VALUES ('x', 'X', 'extra', 'x@example.com', '2024')")
    db.commit()
    db.close()
    db_app.ok("db/setup")
    assert [u["handle"] for u in rows(db_app.users_path)] == ["andrewbrown", "bayko", "londo"]


def test_create_schema_load_seed_drop(db_app):
    path = db_app.users_path
    assert db_app.ok("db/create") == "created users database: %s\n" % path
    assert os.path.isfile(path)
    assert rows(path, "SELECT name FROM sqlite_master") == []

    r = db_app.run("db/seed")  # no table yet
    line = h.one_line_failure(r)
    assert line.startswith("cruddur: users database %s: " % path) and \
        line.endswith("no such table: users"), r

    assert db_app.ok("db/schema-load") == "loaded the users schema\n"
    assert db_app.ok("db/seed") == (
        "added user andrewbrown\nadded user bayko\nadded user londo\n")
    first = rows(path)
    assert db_app.ok("db/seed") == ("user andrewbrown already present\n"
                                    "user bayko already present\nuser londo already present\n")
    assert rows(path) == first  # idempotent: nothing added, nothing changed

    db = sqlite3.connect(path)
    db.execute("DELETE FROM users WHERE handle = 'bayko'")
    db.commit()
    db.close()
    assert db_app.ok("db/seed") == ("user andrewbrown already present\n"
                                    "added user bayko\nuser londo already present\n")
    assert [u["handle"] for u in rows(path)] == ["andrewbrown", "bayko", "londo"]

    assert db_app.ok("db/schema-load") == "loaded the users schema\n"  # replaces the table
    assert rows(path) == []

    assert db_app.ok("db/drop") == "dropped users database: %s\n" % path
    for suffix in ("", "-wal", "-shm"):
        assert not os.path.exists(path + suffix)
    assert db_app.ok("db/drop") == "dropped users database: %s\n" % path  # nothing to drop


def test_schema_has_the_unique_constraints(db_app):
    db_app.ok("db/create")
    db_app.ok("db/schema-load")
    db = sqlite3.connect(db_app.users_path)
    try:
        unique = set()
        for _, name, is_unique, *_ in db.execute("PRAGMA index_list('users')"):
            cols = tuple(r[2] for r in db.execute("PRAGMA index_info('%s')" % name))
            if is_unique:
                unique.add(cols)
        assert {("uuid",), ("handle",), ("email",), ("cognito_user_id",)} <= unique, unique
        columns = {r[1]: r for r in db.execute("PRAGMA table_info('users')")}
        assert set(columns) == {"uuid", "display_name", "handle", "email", "cognito_user_id",
                                "created_at"}
        assert columns["uuid"][5] == 1  # the primary key
        insert = ("INSERT INTO users (uuid, display_name, handle, email, created_at) "
                  "VALUES (?, 'N', ?, ?, '2024')")
        db.execute(insert, ("u1", "h1", "e1@example.com"))
        for values in (("u2", "h1", "e2@example.com"), ("u3", "h3", "e1@example.com"),
                       ("u1", "h4", "e4@example.com")):
            with pytest.raises(sqlite3.IntegrityError):
                db.execute(insert, values)
    finally:
        db.close()


def test_sessions_on_sqlite(db_app):
    db_app.ok("db/setup")
    assert db_app.ok("db/sessions") == (
        "no sessions: %s is an embedded SQLite database (no server)\n" % db_app.users_path)


def test_connect_runs_the_sqlite_shell(db_app):
    if not shutil.which("sqlite3", path=db_app.env["PATH"]):
        pytest.skip("the sqlite3 shell is not installed (apt-get install sqlite3)")
    db_app.ok("db/setup")
    out = db_app.ok("db/connect", input="select handle from users order by handle;\n")
    assert out == "andrewbrown\nbayko\nlondo\n"
    out = db_app.ok("db/connect", input="select email from users where handle = 'londo';")
    assert out == "lmollari@centari.com\n"


def test_default_location_is_under_the_cwd(db_app):
    env = {k: v for k, v in db_app.env.items() if k != "CONNECTION_URL"}
    out = db_app.ok("db/setup", env=env)
    assert out.splitlines()[0] == "users database ready: data/cruddur-users.db (3 users)"
    path = os.path.join(db_app.cwd, "data", "cruddur-users.db")
    assert len(rows(path)) == 3
    assert db_app.ok("db/sessions", env=env) == (
        "no sessions: data/cruddur-users.db is an embedded SQLite database (no server)\n")


def test_sqlite_url_with_three_slashes(db_app, tmp_path):
    path = str(tmp_path / "abs.db")
    env = dict(db_app.env, CONNECTION_URL="sqlite://" + path)
    assert db_app.ok("db/create", env=env) == "created users database: %s\n" % path
    assert os.path.isfile(path)


def test_connection_url_of_another_kind_fails(db_app):
    env = dict(db_app.env, CONNECTION_URL="mysql://root@localhost/cruddur")
    for script in ("db/create", "db/setup", "db/seed", "db/sessions", "db/connect"):
        r = db_app.run(script, env=env)
        assert h.one_line_failure(r) == ("cruddur: CONNECTION_URL must start with postgresql:// "
                                         "or sqlite: (got 'mysql://root@localhost/cruddur')"), r


def test_prod_uses_prod_connection_url(db_app, tmp_path):
    prod = str(tmp_path / "prod-users.db")
    env = dict(db_app.env, PROD_CONNECTION_URL="sqlite:" + prod)
    assert db_app.ok("db/create", "prod", env=env) == "created users database: %s\n" % prod
    assert os.path.isfile(prod) and not os.path.exists(db_app.users_path)
    # The DynamoDB scripts open the same one (here: missing, so nothing reaches AWS).
    env["PROD_CONNECTION_URL"] = "sqlite:" + prod + ".missing"
    r = db_app.run("ddb/seed", "prod", env=env)
    assert h.one_line_failure(r) == (
        "cruddur: cannot open users database %s.missing: unable to open database file "
        "(create it with bin/db/setup)" % prod)
    # Without PROD_CONNECTION_URL, `prod` falls back to CONNECTION_URL.
    assert db_app.ok("db/create", "prod") == "created users database: %s\n" % db_app.users_path


def test_connect_refuses_a_missing_database(db_app, tmp_path):
    if not shutil.which("sqlite3", path=db_app.env["PATH"]):
        pytest.skip("the sqlite3 shell is not installed (apt-get install sqlite3)")
    path = str(tmp_path / "missing-users.db")  # in a folder that exists
    r = db_app.run("db/connect", input="select 1;\n",
                   env=dict(db_app.env, CONNECTION_URL="sqlite:" + path))
    assert not os.path.exists(path), r
    assert h.one_line_failure(r).startswith("cruddur: cannot open users database %s" % path)
