# Fixtures of the Cruddur app suite: a fresh in-memory ddb-server per test on a free port in
# 8800-8899 (stopped at teardown), an `app` that runs the bin/ scripts against it with a SQLite
# users database in the test's temporary folder (the scripts' cwd is that folder too, so nothing
# lands in the checkout), and the `users_ready` / `seeded` stages built with the scripts
# themselves (bin/db/setup; bin/ddb/schema-load + bin/ddb/seed), and one PostgreSQL server for
# the session (pg_server.py), started only if a test asks for it.
import os

import pytest

import cruddur_harness as h


@pytest.fixture(scope="session", autouse=True)
def _binaries_exist():
    cruddur = os.environ.get("CRUDDUR_BIN") or os.path.join(h.REPO, "build", "release", "cruddur")
    for path in (h.integration.BIN, cruddur):
        if not os.access(path, os.X_OK):
            pytest.exit("%s not built (tools/dev build)" % path, returncode=2)


@pytest.fixture(scope="session")
def identities(tmp_path_factory):
    """One local identity pool for the session: bin/db/setup signs the seed users up once."""
    return str(tmp_path_factory.mktemp("identities") / "identities.db")


@pytest.fixture
def ddb_server(tmp_path):
    port = h.free_port()
    server = h.Server(["--port", str(port), "--in-memory"], port, str(tmp_path / "logs"))
    try:
        yield server.start().wait_ready()
    finally:
        if server.running():
            server.stop()


@pytest.fixture
def app(tmp_path, ddb_server, identities):
    return h.App(tmp_path, "http://127.0.0.1:%d" % ddb_server.port,
                 "sqlite:" + str(tmp_path / "users.db"), identities)


@pytest.fixture
def users_ready(app):
    app.ok("db/setup")
    assert set(app.users()) == {"andrewbrown", "bayko", "londo"}
    return app


@pytest.fixture
def seeded(users_ready):
    users_ready.ok("ddb/schema-load")
    assert users_ready.ok("ddb/seed") == h.SEEDED
    return users_ready


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the whole session (skipped without its binaries)."""
    import pg_server
    reason = pg_server.skip_reason()
    if reason:
        pytest.skip(reason)
    server = pg_server.PostgresServer(h.free_port()).start()
    yield server
    server.stop()
