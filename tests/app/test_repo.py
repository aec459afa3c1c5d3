# Runs the application's C++ tests (app/*/*_test.cc) with their live servers: the data-access
# layer (patterns A-D, pagination past 20, two users starting one conversation at once) against
# a fresh in-memory ddb-server, and, when Java is installed, against Amazon DynamoDB Local too
# (the layer must not depend on our engine); the unread counter against a real redis-server.
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build", "release")
TESTS = os.path.join(BUILD, "cruddur_tests")
SERVER = os.environ.get("DDB_SERVER_BIN", os.path.join(BUILD, "ddb-server"))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))

from ports import free_port, wait_listening  # noqa: E402

pytestmark = pytest.mark.skipif(not os.path.exists(TESTS), reason=TESTS + " is not built")


def run_tests(port, gtest_filter="*", **extra_env):
    env = dict(os.environ, CRUDDUR_TEST_ENDPOINT="http://127.0.0.1:%d" % port, **extra_env)
    r = subprocess.run([TESTS, "--gtest_brief=1", "--gtest_filter=" + gtest_filter], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "SKIPPED" not in r.stdout, r.stdout


@pytest.mark.skipif(shutil.which("redis-server") is None,
                    reason="redis-server is needed (apt-get install redis-server)")
def test_on_ddb_server_and_redis():
    port, redis_port = free_port(), free_port()
    server = subprocess.Popen([SERVER, "--port", str(port), "--in-memory"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(port)
        wait_listening(redis_port)
        run_tests(port, CRUDDUR_TEST_REDIS="redis://127.0.0.1:%d" % redis_port)
    finally:
        for process in (server, redis):
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.skipif(shutil.which("java") is None, reason="Java 17 is needed for DynamoDB Local")
def test_data_access_layer_on_dynamodb_local():
    import dynamodb_local
    port = free_port()
    local = dynamodb_local.start(port, ["-inMemory"])
    try:
        run_tests(port, "MessagesRepoTest.*:MessagingApiTest.*")
    finally:
        local.terminate()
        local.wait(timeout=30)
