# The AWS SDK for JavaScript v3 against ddb-server: runs sdk.test.mjs with Node's test runner.
# Each of its tests starts its own `ddb-server --in-memory` (free ports in 9100-9199, --cors where
# the test needs it) and stops it with SIGTERM:
# - Node.js: CreateTable, PutItem, GetItem, BatchWriteItem, Query, DescribeTable; typed errors;
#   the client's request compression options; a gzip request body and a gzip'd Scan answer through
#   middleware, with x-amz-crc32 over the compressed bytes;
# - headless Debian Chromium: the SDK's browser build (bundled by esbuild) in a page served from
#   another origin, allowed by --cors <that origin> and refused with --cors http://other.example.
#
# Skipped when the server is not built, or Chromium or Node is missing. `npm ci` runs in tests/js
# when node_modules is missing or older than package-lock.json.
import os
import shutil
import signal
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DDB_SERVER = os.environ.get("DDB_SERVER_BIN") or os.path.join(REPO, "build", "release", "ddb-server")
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
NODE = shutil.which("node")
NPM = shutil.which("npm")
PACKAGES = ("@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "esbuild", "playwright-core")
NODE_TIMEOUT = 180


def _missing():
    missing = []
    if not os.access(DDB_SERVER, os.X_OK):
        missing.append("%s is not built (tools/dev build)" % DDB_SERVER)
    if not os.access(CHROMIUM, os.X_OK):
        missing.append("%s is missing (apt-get install chromium)" % CHROMIUM)
    if not NODE:
        missing.append("node is missing")
    return missing


pytestmark = pytest.mark.skipif(bool(_missing()), reason="; ".join(_missing()))


def ensure_node_modules():
    """`npm ci` from package-lock.json unless node_modules already holds what it pins."""
    installed = os.path.join(HERE, "node_modules", ".package-lock.json")  # written by npm ci
    lock = os.path.join(HERE, "package-lock.json")
    if (os.path.exists(installed) and os.path.getmtime(installed) >= os.path.getmtime(lock)
            and all(os.path.isdir(os.path.join(HERE, "node_modules", p)) for p in PACKAGES)):
        return
    if not NPM:
        pytest.skip("tests/js/node_modules is missing and there is no npm to install it")
    done = subprocess.run([NPM, "ci", "--prefer-offline", "--no-audit", "--no-fund"], cwd=HERE,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    assert done.returncode == 0, "npm ci in tests/js failed:\n%s" % done.stdout.decode(
        "utf-8", "replace")


def node_env(tmp):
    """Nothing inherited that would point the SDK at other credentials, settings or endpoints
    (AWS_ENDPOINT_URL, a profile's request_min_compression_size_bytes, ...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"DDB_SERVER_BIN": DDB_SERVER, "CHROMIUM": CHROMIUM,
                "AWS_CONFIG_FILE": os.path.join(tmp, "no-aws-config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(tmp, "no-aws-credentials"),
                # SDK releases after early 2027 need Node 22; the locked one runs on Node 20.
                "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED": "true"})
    return env


def test_js_sdk_v3(tmp_path):
    ensure_node_modules()
    log_path = tmp_path / "node.log"
    with open(log_path, "wb") as log:
        # Its own process group, so that a timeout also ends the servers and the browser it started.
        node = subprocess.Popen([NODE, "--test", "--test-reporter=spec",
                                 os.path.join(HERE, "sdk.test.mjs")],
                                cwd=HERE, env=node_env(str(tmp_path)), stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            code = node.wait(NODE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(node.pid, signal.SIGKILL)
            node.wait()
            code = "a timeout (%ds)" % NODE_TIMEOUT
    output = log_path.read_text("utf-8", "replace")
    assert code == 0, "node --test sdk.test.mjs exited with %s:\n%s" % (code, output)
    for line in ("ℹ fail 0", "ℹ cancelled 0", "ℹ skipped 0"):
        assert line in output, "no %r in the summary:\n%s" % (line, output)
