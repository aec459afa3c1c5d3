# Fixtures of the Cruddur HTTP API suite: `cruddur serve` (build/release/cruddur) started in a
# fresh temporary folder on free ports in 8900-8999, one server per test module unless a test
# needs its own; at teardown it must stop on SIGTERM with exit 0 and "cruddur stopped", and its
# access log must show no 5xx the test did not ask for. The whole suite is skipped when the
# binaries are not built (tools/dev build).
import os

import pytest

import api_harness as a
from api_harness import stop_cleanly


@pytest.fixture(scope="session", autouse=True)
def _binaries_exist():
    for path in (a.CRUDDUR, a.DDB_SERVER):
        if not os.access(path, os.X_OK):
            pytest.skip("%s is not built (tools/dev build)" % path)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One `cruddur serve` with its defaults (SQLite users, in-process counter, embedded
    ddb-server) for the module."""
    s = a.start_cruddur(tmp_path_factory.mktemp("cruddur"))
    try:
        yield s
    finally:
        stop_cleanly(s)


@pytest.fixture(scope="module")
def tokens(server):
    """{handle: id_token} of the seed users, signed in on the module's server."""
    return server.tokens()


@pytest.fixture(scope="module")
def users(server):
    """{handle: row} of the users table."""
    return server.users()
