# Pins the DynamoDB client's behaviour on the wire, through the `cruddur` command
# (`cruddur ddb list-tables --endpoint-url URL`) against small real HTTP(S) servers written
# here: a server answering 500 then 200 is retried and succeeds; 4xx service errors are not
# retried and are reported with DynamoDB's type and message; a dropped connection is retried;
# attempts stop at AWS_MAX_ATTEMPTS; an answer whose x-amz-crc32 does not match is refused;
# every request is signed (Signature V4 Authorization with the credential scope); TLS to a
# server with a self-signed certificate is refused, and accepted once AWS_CA_BUNDLE trusts it.
import http.server
import json
import os
import socket
import ssl
import subprocess
import threading
import zlib

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CRUDDUR = os.environ.get("CRUDDUR_BIN", os.path.join(ROOT, "build", "release", "cruddur"))

pytestmark = pytest.mark.skipif(not os.path.exists(CRUDDUR),
                                reason=CRUDDUR + " is missing: build it (tools/dev build)")

TABLES = {"TableNames": ["alpha", "beta"]}


class Script:
    """What the fake server answers, request by request: an (status, body) pair, "drop" (close
    the connection without answering) or "badcrc" (200 with a wrong checksum)."""

    def __init__(self, steps):
        self.steps = list(steps)
        self.requests = []

    def next(self):
        return self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]


def make_handler(script):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            script.requests.append((dict(self.headers), body))
            step = script.next()
            if step == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            status, payload = (200, TABLES) if step == "badcrc" else step
            data = json.dumps(payload).encode()
            crc = zlib.crc32(data) + (1 if step == "badcrc" else 0)
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.0")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-amz-crc32", str(crc & 0xffffffff))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def serve(tmp_path):
    servers = []

    def start(steps, tls_cert=None):
        script = Script(steps)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(script))
        scheme = "http"
        if tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls_cert)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            scheme = "https"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return script, "%s://localhost:%d" % (scheme, server.server_address[1])

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def list_tables(url, **env):
    full = {"PATH": os.environ["PATH"], "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "AKIDTEST",
            "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "eu-west-1"}
    full.update(env)
    return subprocess.run([CRUDDUR, "ddb", "list-tables", "--endpoint-url", url], env=full,
                          capture_output=True, text=True, timeout=60)


def assert_tables(r):
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[3:5] == ["|  alpha   |", "|  beta    |"]


def test_requests_are_signed(serve):
    script, url = serve([(200, TABLES)])
    assert_tables(list_tables(url))
    headers, body = script.requests[0]
    auth = headers["Authorization"]
    assert auth.startswith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
    assert "/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;" \
           "x-amz-target, Signature=" in auth
    assert headers["X-Amz-Target"] == "DynamoDB_20120810.ListTables"
    assert json.loads(body) == {}


def test_server_error_then_success_is_retried(serve):
    script, url = serve([(500, {"__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
                                "message": "boom"}), (200, TABLES)])
    assert_tables(list_tables(url))
    assert len(script.requests) == 2


def test_throttling_is_retried(serve):
    script, url = serve([(400, {"__type": "com.amazonaws.dynamodb.v20120810#"
                                          "ProvisionedThroughputExceededException",
                                "message": "slow down"})] * 2 + [(200, TABLES)])
    assert_tables(list_tables(url))
    assert len(script.requests) == 3


def test_client_errors_are_not_retried(serve):
    script, url = serve([(400, {"__type": "com.amazon.coral.validate#ValidationException",
                                "Message": "bad request"})])
    r = list_tables(url)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "cruddur: ValidationException: bad request\n"
    assert len(script.requests) == 1


def test_dropped_connection_is_retried(serve):
    script, url = serve(["drop", (200, TABLES)])
    assert_tables(list_tables(url))
    assert len(script.requests) == 2


def test_attempts_stop_at_max_attempts(serve):
    script, url = serve([(503, {"__type": "ServiceUnavailable", "message": "down"})])
    r = list_tables(url, AWS_MAX_ATTEMPTS="4")
    assert r.returncode == 1 and r.stderr == "cruddur: ServiceUnavailable: down\n"
    assert len(script.requests) == 4


def test_checksum_mismatch_is_refused(serve):
    script, url = serve(["badcrc"])
    r = list_tables(url, AWS_MAX_ATTEMPTS="2")
    assert r.returncode == 1 and "x-amz-crc32" in r.stderr
    assert len(script.requests) == 2


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def test_tls_with_untrusted_certificate_is_refused(serve, certificate):
    script, url = serve([(200, TABLES)], tls_cert=certificate)
    r = list_tables(url, AWS_MAX_ATTEMPTS="1")
    assert r.returncode == 1
    assert r.stderr.startswith("cruddur: TLS handshake with " + url)
    assert "certificate verify failed" in r.stderr
    assert script.requests == []


def test_tls_with_trusted_certificate_is_accepted(serve, certificate):
    script, url = serve([(200, TABLES)], tls_cert=certificate)
    assert_tables(list_tables(url, AWS_CA_BUNDLE=certificate[0]))
    assert len(script.requests) == 1


def test_tls_host_name_is_checked(serve, certificate):
    # The certificate names localhost, not 127.0.0.1.
    script, url = serve([(200, TABLES)], tls_cert=certificate)
    r = list_tables(url.replace("localhost", "127.0.0.1"), AWS_CA_BUNDLE=certificate[0],
                    AWS_MAX_ATTEMPTS="1")
    assert r.returncode == 1 and "TLS handshake" in r.stderr
    assert script.requests == []
