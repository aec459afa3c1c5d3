# Runs the typed DynamoDB client's C++ tests (client/dynamodb_client_test.cc) against a fresh
# in-memory ddb-server, and against Amazon DynamoDB Local when Java is installed: the client
# speaks the service's API, not our engine's.
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build", "release")
TESTS = os.path.join(BUILD, "ddb_client_tests")
SERVER = os.environ.get("DDB_SERVER_BIN", os.path.join(BUILD, "ddb-server"))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))

from ports import free_port, wait_listening  # noqa: E402

pytestmark = pytest.mark.skipif(not os.path.exists(TESTS), reason=TESTS + " is not built")


def run_tests(port):
    env = dict(os.environ, DDB_TEST_ENDPOINT="http://127.0.0.1:%d" % port)
    r = subprocess.run([TESTS, "--gtest_brief=1", "--gtest_filter=DynamoDbClientTest.*"], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "SKIPPED" not in r.stdout, r.stdout
    assert "5 tests" in r.stdout, r.stdout


def test_typed_client_on_ddb_server():
    port = free_port()
    server = subprocess.Popen([SERVER, "--port", str(port), "--in-memory"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(port)
        run_tests(port)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.skipif(shutil.which("java") is None, reason="Java 17 is needed for DynamoDB Local")
def test_typed_client_on_dynamodb_local():
    import dynamodb_local
    port = free_port()
    local = dynamodb_local.start(port, ["-inMemory"])
    try:
        run_tests(port)
    finally:
        local.terminate()
        local.wait(timeout=30)
