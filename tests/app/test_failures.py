# Pins how the scripts fail: exit 1 and exactly one "cruddur: ..." line on stderr, never a
# traceback, and quickly when nothing listens. Cases: DynamoDB down (closed port), the table
# missing (patterns before schema-load), a seed user missing from the users DB, the users DB file
# missing (and not created by the attempt), PostgreSQL unreachable, and `prod` with no region or
# no credentials (env -i with an empty HOME), where the local endpoint variables are ignored.
import os
import subprocess
import time

import pytest

import cruddur_harness as h

# The service's words: item operations say only this; table operations name the table.
NO_TABLE = "cruddur: ResourceNotFoundException: Requested resource not found"
NO_TABLE_NAMED = NO_TABLE + ": Table: %s not found" % h.TABLE
DDB_SCRIPTS = [("ddb/schema-load",), ("ddb/list-tables",), ("ddb/drop", h.TABLE),
               ("ddb/describe-table", h.TABLE), ("ddb/seed",), ("ddb/setup",), ("ddb/scan",),
               ("ddb/patterns/get-conversation",), ("ddb/patterns/list-conversations",)]


def ids(cases):
    return [" ".join(c) for c in cases]


def delete_user(app, handle):
    import sqlite3
    db = sqlite3.connect(app.users_path)
    db.execute("DELETE FROM users WHERE handle = ?", (handle,))
    db.commit()
    db.close()


@pytest.mark.parametrize("argv", DDB_SCRIPTS, ids=ids(DDB_SCRIPTS))
def test_dynamodb_down(users_ready, argv):
    port = h.free_port()
    env = dict(users_ready.env, AWS_ENDPOINT_URL="http://127.0.0.1:%d" % port)
    r = users_ready.run(*argv, env=env)
    assert h.one_line_failure(r) == (
        "cruddur: cannot connect to http://127.0.0.1:%d: Connection refused" % port)
    assert r.elapsed < 5, r
    expected = {"ddb/drop": "deleting table: cruddur-messages\n",
                "ddb/patterns/list-conversations":
                    "my-uuid: %s\n" % users_ready.users()["andrewbrown"]["uuid"]}
    assert r.stdout == expected.get(argv[0], ""), r


@pytest.mark.parametrize("argv", [("ddb/patterns/get-conversation",), ("ddb/scan",),
                                  ("ddb/seed",), ("ddb/describe-table", h.TABLE)])
def test_table_missing(users_ready, argv):
    r = users_ready.run(*argv)
    table_op = argv[0] == "ddb/describe-table"
    assert h.one_line_failure(r) == (NO_TABLE_NAMED if table_op else NO_TABLE)
    assert r.stdout == "", r


def test_list_conversations_with_the_table_missing(users_ready):
    r = users_ready.run("ddb/patterns/list-conversations")
    assert h.one_line_failure(r) == NO_TABLE
    assert r.stdout == "my-uuid: %s\n" % users_ready.users()["andrewbrown"]["uuid"]


@pytest.mark.parametrize("handle", ["bayko", "andrewbrown"])
def test_seed_with_a_seed_user_missing(users_ready, handle):
    users_ready.ok("ddb/schema-load")
    delete_user(users_ready, handle)
    r = users_ready.run("ddb/seed")
    assert h.one_line_failure(r) == (
        "cruddur: user %s is not in the users database: run bin/db/setup first" % handle)
    assert r.stdout == ""
    assert h.scan_all(users_ready.client()) == []  # nothing written


@pytest.mark.parametrize("argv", [("ddb/seed",), ("ddb/patterns/list-conversations",),
                                  ("db/seed",), ("db/schema-load",)])
def test_users_db_file_missing(app, tmp_path, argv):
    app.ok("ddb/schema-load")
    path = str(tmp_path / "missing" / "users.db")
    r = app.run(*argv, env=dict(app.env, CONNECTION_URL="sqlite:" + path))
    assert h.one_line_failure(r) == (
        "cruddur: cannot open users database %s: unable to open database file "
        "(create it with bin/db/setup)" % path)
    assert r.stdout == ""
    assert not os.path.exists(path) and not os.path.exists(os.path.dirname(path))


def test_users_db_without_the_users_table(app):
    app.ok("db/create")
    app.ok("ddb/schema-load")
    r = app.run("ddb/seed")
    line = h.one_line_failure(r)
    assert line.startswith("cruddur: users database %s: " % app.users_path), r
    assert line.endswith("no such table: users"), r


PG_SCRIPTS = [("db/create",), ("db/drop",), ("db/schema-load",), ("db/seed",), ("db/setup",),
              ("db/sessions",), ("ddb/seed",), ("ddb/patterns/list-conversations",)]


@pytest.mark.parametrize("argv", PG_SCRIPTS, ids=ids(PG_SCRIPTS))
def test_postgres_unreachable(app, argv):
    app.ok("ddb/schema-load")
    port = h.free_port()
    env = dict(app.env, CONNECTION_URL="postgresql://postgres@127.0.0.1:%d/cruddur" % port)
    r = app.run(*argv, env=env)
    assert h.one_line_failure(r) == (
        'cruddur: cannot connect to the users database: connection to server at "127.0.0.1", '
        'port %d failed: Connection refused Is the server running on that host and accepting '
        'TCP/IP connections?' % port)
    assert r.elapsed < 5 and r.stdout == "", r


def run_bare(script, *args, env_vars=(), cwd):
    """`env -i HOME=<empty> [VAR=value...] bin/<script> args`: nothing from this machine."""
    argv = ["env", "-i"] + ["%s=%s" % kv for kv in env_vars] + [
        os.path.join(h.BIN, script)] + list(args)
    start = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    return h.Ran(argv, proc, time.monotonic() - start)


NO_REGION = ("cruddur: no AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or `region` in "
             "~/.aws/config")
PROD_SCRIPTS = [a for a in DDB_SCRIPTS if a[0] != "ddb/patterns/list-conversations"]


@pytest.fixture
def empty_home(tmp_path):
    home = tmp_path / "empty-home"
    home.mkdir()
    return str(home)


@pytest.mark.parametrize("argv", PROD_SCRIPTS, ids=ids(PROD_SCRIPTS))
def test_prod_without_region(empty_home, argv):
    r = run_bare(argv[0], *argv[1:], "prod", env_vars=[("HOME", empty_home)], cwd=empty_home)
    assert h.one_line_failure(r) == NO_REGION
    assert r.elapsed < 5, r
    assert r.stdout == ("deleting table: cruddur-messages\n" if argv[0] == "ddb/drop" else "")


def test_prod_without_credentials(empty_home):
    r = run_bare("ddb/list-tables", "prod", cwd=empty_home,
                 env_vars=[("HOME", empty_home), ("AWS_REGION", "us-east-1")])
    assert h.one_line_failure(r) == (
        "cruddur: no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add "
        "profile 'default' to %s/.aws/credentials" % empty_home)
    assert r.elapsed < 5 and r.stdout == "", r


def test_prod_list_conversations_needs_the_users_db(empty_home):
    r = run_bare("ddb/patterns/list-conversations", "prod", env_vars=[("HOME", empty_home)],
                 cwd=empty_home)
    assert h.one_line_failure(r) == (
        "cruddur: cannot open users database data/cruddur-users.db: unable to open database "
        "file (create it with bin/db/setup)")


def test_prod_ignores_the_local_endpoint(ddb_server, empty_home):
    local = ("AWS_ENDPOINT_URL", "http://127.0.0.1:%d" % ddb_server.port)
    r = run_bare("ddb/list-tables", env_vars=[("HOME", empty_home), local], cwd=empty_home)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", ""), r  # local: no region needed
    r = run_bare("ddb/list-tables", "prod", env_vars=[("HOME", empty_home), local],
                 cwd=empty_home)
    assert h.one_line_failure(r) == NO_REGION
