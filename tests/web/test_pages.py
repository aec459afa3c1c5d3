# The Cruddur web pages in a real browser: start `cruddur serve` (build/release/cruddur, pages
# from web/dist) in a fresh temporary folder on free ports in 9000-9099, run the Playwright tests
# of PAGE_TESTS with Node's test runner against it (headless Debian Chromium), one `node --test`
# per file, one after another in that order (they share the server's data), and stop the server
# with SIGTERM when those tests ask for it (the "server down" test of the last file creates
# STOP_SERVER_FILE). Then start the server again on the same folder and check through the API that
# what the browser sent is still there. Screenshots go to build/screenshots.
#
# Skipped when the server is not built, the pages are not built (npm --prefix web run build),
# or Chromium or Node is missing. `npm ci` runs in tests/web when node_modules is missing.
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CRUDDUR = os.environ.get("CRUDDUR_BIN") or os.path.join(REPO, "build", "release", "cruddur")
WEB_ROOT = os.path.join(REPO, "web", "dist")
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
NODE = shutil.which("node")
NPM = shutil.which("npm")
SCREENSHOT_DIR = os.path.join(REPO, "build", "screenshots")
PASSWORD = "cruddur-demo-password"
PORTS = range(9000, 9100)
NODE_TIMEOUT = 360  # for all the files
# The browser test files, in the order they run: each expects what the ones before it sent, and
# the last one has the server stopped.
PAGE_TESTS = ["signin.test.mjs", "conversation.test.mjs", "people.test.mjs",
              "unread-sessions.test.mjs", "server-down.test.mjs"]
# What they send (SENT_FILE, which each file adds to), for the restart check.
SENT_KEYS = ["bayko_group", "bayko_answer", "bayko_news", "bayko_touch", "links", "slow",
             "lost_answer", "retried", "londo_group", "londo_first", "londo_second", "londo_reply"]


def _missing():
    missing = []
    if not os.access(CRUDDUR, os.X_OK):
        missing.append("%s is not built (tools/dev build)" % CRUDDUR)
    if not os.path.isfile(os.path.join(WEB_ROOT, "index.html")):
        missing.append("web/dist/index.html is not built (npm --prefix web run build)")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append("%s is missing (apt-get install chromium)" % CHROMIUM)
    if not NODE:
        missing.append("node is missing")
    return missing


pytestmark = pytest.mark.skipif(bool(_missing()), reason="; ".join(_missing()))

_handed_out = set()


def free_port():
    """A port in 9000-9099 that nothing listens on and this run has not handed out yet."""
    ports = [p for p in PORTS if p not in _handed_out]
    random.shuffle(ports)
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free port in 9000-9099")


def server_env(root):
    """The server's environment: nothing inherited that would choose another database, users
    database, identity pool, Cognito pool or cache."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "CRUDDUR_")) and k not in (
               "CONNECTION_URL", "PROD_CONNECTION_URL", "CACHE_URL", "PORT", "HOST")}
    home = os.path.join(root, "home")
    os.makedirs(home, exist_ok=True)
    env.update({"HOME": home, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_CONFIG_FILE": os.path.join(home, "no-aws-config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "no-aws-credentials")})
    return env


class Server:
    """`cruddur serve` with cwd `root` (its data in root/data), output in a log file."""

    def __init__(self, root, name):
        self.root = root
        self.port = free_port()
        self.ddb_port = free_port()
        self.log_path = os.path.join(root, "%s.log" % name)
        self.proc = None
        self.url = "http://127.0.0.1:%d" % self.port

    def start(self, timeout=30):
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [CRUDDUR, "serve", "--port", str(self.port), "--ddb-port", str(self.ddb_port),
             "--web-root", WEB_ROOT],
            cwd=self.root, env=server_env(self.root), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + timeout
        while "Cruddur is running: " not in self.output():
            if self.proc.poll() is not None:
                raise AssertionError("cruddur serve exited with %s before it was ready:\n%s"
                                     % (self.proc.returncode, self.output()))
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError("cruddur serve was not ready within %ds:\n%s"
                                     % (timeout, self.output()))
            time.sleep(0.05)
        return self

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=20):
        """SIGTERM; the exit code."""
        if self.running():
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("cruddur serve did not stop within %ds of SIGTERM:\n%s"
                                 % (timeout, self.output()[-4000:]))

    def kill(self):
        if self.running():
            self.proc.kill()
            self.proc.wait()

    def assert_stopped_cleanly(self, code):
        out = self.output()
        assert code == 0, "cruddur serve exited with %s after SIGTERM:\n%s" % (code, out[-4000:])
        assert "cruddur stopped" in out, "no 'cruddur stopped' line:\n%s" % out[-4000:]

    # The API through urllib.
    def call(self, method, path, body=None, token=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        req = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                return res.status, json.loads(res.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"null")

    def sign_in(self, handle):
        status, body = self.call("POST", "/api/auth/sign_in",
                                 {"username": handle, "password": PASSWORD})
        assert status == 200, (status, body)
        return body["id_token"]


def ensure_node_modules():
    if os.path.isdir(os.path.join(HERE, "node_modules", "playwright-core")):
        return
    if not NPM:
        pytest.skip("tests/web/node_modules is missing and there is no npm to install it")
    done = subprocess.run([NPM, "ci", "--no-audit", "--no-fund"], cwd=HERE,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    assert done.returncode == 0, "npm ci in tests/web failed:\n%s" % done.stdout.decode(
        "utf-8", "replace")


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory):
    """Runs the files of PAGE_TESTS once each, in order, against a fresh server; stops the server
    when the tests ask."""
    ensure_node_modules()
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    root = str(tmp_path_factory.mktemp("cruddur-web"))
    stop_file = os.path.join(root, "stop-server")
    sent_file = os.path.join(root, "sent.json")
    server = Server(root, "serve").start()
    env = dict(os.environ, BASE_URL=server.url, SCREENSHOT_DIR=SCREENSHOT_DIR,
               STOP_SERVER_FILE=stop_file, SENT_FILE=sent_file, CHROMIUM=CHROMIUM,
               TEST_RUN="%x" % time.time_ns())
    stop_code = None
    codes = {}  # file: exit code, None when it ran out of time
    outputs = []
    deadline = time.monotonic() + NODE_TIMEOUT
    try:
        for name in PAGE_TESTS:
            node_log = os.path.join(root, "node-%s.log" % name)
            with open(node_log, "wb") as log:
                node = subprocess.Popen([NODE, "--test", "--test-reporter=spec",
                                         os.path.join(HERE, name)],
                                        cwd=HERE, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
            try:
                while node.poll() is None:
                    if stop_code is None and os.path.exists(stop_file):
                        stop_code = server.stop()
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
            finally:
                if node.poll() is None:
                    node.kill()
                    node.wait()
                    codes[name] = None
                else:
                    codes[name] = node.returncode
            with open(node_log, "rb") as f:
                outputs.append("==== node --test %s: %s\n%s" % (
                    name, "out of time" if codes[name] is None else "exit %d" % codes[name],
                    f.read().decode("utf-8", "replace")))
            if codes[name] is None:
                break
    finally:
        # The tests did not get as far as the "server down" test: stop it here.
        if stop_code is None:
            stop_code = server.stop()
    sent = None
    if os.path.exists(sent_file):
        with open(sent_file) as f:
            sent = json.load(f)
    return {"root": root, "server": server, "stop_code": stop_code, "node_codes": codes,
            "node_output": "\n".join(outputs), "asked_to_stop": os.path.exists(stop_file),
            "sent": sent}


def test_pages_in_chromium(browser_run):
    r = browser_run
    failed = {name: code for name, code in r["node_codes"].items() if code != 0}
    assert not failed and list(r["node_codes"]) == PAGE_TESTS, \
        "node --test failed (exit codes %s; None: out of time):\n%s" % (
            r["node_codes"], r["node_output"])
    assert r["asked_to_stop"], "the server-down test did not run:\n%s" % r["node_output"]
    names = ["%s-%s" % (name, width)
             for name in ("sign-in", "inbox", "conversation", "new-conversation")
             for width in ("desktop", "phone")]
    names += ["new-messages-desktop", "composer-touch-phone", "message-pending-desktop",
              "message-failed-desktop", "suggestions-desktop", "inbox-unread-desktop",
              "session-ended-desktop", "not-sent-desktop"]
    for name in names:
        path = os.path.join(SCREENSHOT_DIR, "%s.png" % name)
        assert os.path.getsize(path) > 1000, path


def test_server_stops_on_sigterm(browser_run):
    browser_run["server"].assert_stopped_cleanly(browser_run["stop_code"])
    out = browser_run["server"].output()
    assert " 500 " not in out, "the access log shows a 500:\n%s" % out[-4000:]


def test_restart_keeps_what_the_browser_sent(browser_run):
    sent = browser_run["sent"]
    missing = [key for key in SENT_KEYS if key not in (sent or {})]
    if missing:
        pytest.fail("the browser tests did not record %s as sent:\n%s"
                    % (", ".join(missing), browser_run["node_output"]))
    server = Server(browser_run["root"], "restart").start()
    try:
        assert "seeded 104 messages" not in server.output(), "the data was seeded again"
        token = server.sign_in("andrewbrown")
        status, groups = server.call("GET", "/api/message_groups", token=token)
        assert status == 200, (status, groups)
        by_handle = {g["handle"]: g for g in groups}
        assert by_handle["londo"]["uuid"] == sent["londo_group"]
        assert by_handle["londo"]["message"] == sent["londo_reply"]
        assert by_handle["bayko"]["uuid"] == sent["bayko_group"]

        status, londo = server.call("GET", "/api/messages/%s" % sent["londo_group"], token=token)
        assert status == 200, (status, londo)
        assert [(m["handle"], m["message"]) for m in londo] == [
            ("andrewbrown", sent["londo_first"]),
            ("andrewbrown", sent["londo_second"]),
            ("londo", sent["londo_reply"]),
        ]
        status, bayko = server.call("GET", "/api/messages/%s" % sent["bayko_group"], token=token)
        assert status == 200, (status, bayko)
        assert (bayko[-1]["handle"], bayko[-1]["message"]) == ("andrewbrown", sent["bayko_answer"])
        # What the browser sent after the seed, in order and each once (the retried sends too).
        expected = [("bayko", text) for text in sent["bayko_news"]] + [
            ("bayko", sent["bayko_touch"]),
            ("andrewbrown", sent["links"]),
            ("andrewbrown", sent["slow"]),
            ("andrewbrown", sent["lost_answer"]),
            ("andrewbrown", sent["retried"]),
            ("andrewbrown", sent["bayko_answer"]),
        ]
        assert [(m["handle"], m["message"]) for m in bayko[-len(expected):]] == expected
        texts = [m["message"] for m in bayko]
        assert all(texts.count(text) == 1 for _, text in expected), texts[-len(expected):]
        assert not any("server is down" in m["message"].lower() for m in londo + bayko)
    finally:
        code = server.stop()
    server.assert_stopped_cleanly(code)
