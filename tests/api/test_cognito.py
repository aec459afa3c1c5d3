# Cognito mode: AWS_COGNITO_USER_POOL_ID / AWS_COGNITO_USER_POOL_CLIENT_ID with the pool's JWKS
# served by a local HTTPS server (python http.server + ssl, a self-signed certificate made with
# openssl, trusted through AWS_CA_BUNDLE). Tokens signed by the pool's key with the pool's issuer
# and the client id are accepted once users.cognito_user_id holds their sub (403 before); other
# clients, issuers, keys are 401; the local sign-in is 404. The JWKS must be fetched over
# verified TLS: without the CA bundle the server must not start.
import http.server
import json
import ssl
import threading
import uuid

import pytest

import api_harness as a

REGION, POOL = "us-east-1", "us-east-1_ApiTest42"
CLIENT = "5abcapitestclient"
ISSUER = "https://cognito-idp.%s.amazonaws.com/%s" % (REGION, POOL)
KID = "pool-key-1"


class JwksServer:
    """Serves {"keys": [...]} at /jwks.json over HTTPS on a port of ours; counts the GETs."""

    def __init__(self, folder, jwks):
        self.folder = folder
        self.cert, self.key = str(folder / "tls-cert.pem"), str(folder / "tls-key.pem")
        a.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.key,
                  "-out", self.cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                  "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
        body = json.dumps(jwks).encode()
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                if self.path != "/jwks.json":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.port = a.free_port()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = "https://127.0.0.1:%d/jwks.json" % self.port

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def pool_key(tmp_path_factory):
    return a.new_key(tmp_path_factory.mktemp("pool") / "pool-key.pem")


@pytest.fixture(scope="module")
def jwks_server(tmp_path_factory, pool_key):
    other = a.new_key(tmp_path_factory.mktemp("pool2") / "unused.pem")
    server = JwksServer(tmp_path_factory.mktemp("tls"),
                        {"keys": [a.jwk(other, "pool-key-0"), a.jwk(pool_key, KID)]})
    server.keys = {"pool-key-0": other, KID: pool_key}
    yield server
    server.stop()


def cognito_env(root, jwks_server, ca=True, pool=POOL, client=CLIENT):
    env = dict(a.base_env(root), AWS_COGNITO_USER_POOL_ID=pool,
               AWS_COGNITO_USER_POOL_CLIENT_ID=client, CRUDDUR_COGNITO_JWKS_URL=jwks_server.url)
    if ca:
        env["AWS_CA_BUNDLE"] = jwks_server.cert
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory, jwks_server):
    root = tmp_path_factory.mktemp("cruddur-cognito")
    s = a.start_cruddur(root, env=cognito_env(root, jwks_server))
    try:
        yield s
    finally:
        a.stop_cleanly(s)


@pytest.fixture(scope="module")
def subs(server):
    """Cognito subs linked to andrewbrown and bayko in the users table (as a sign-up would)."""
    out = {"andrewbrown": str(uuid.uuid4()), "bayko": str(uuid.uuid4())}
    for handle, sub in out.items():
        server.sql("UPDATE users SET cognito_user_id = ? WHERE handle = ?", (sub, handle))
    return out


def token(pool_key, sub, **kw):
    kw.setdefault("issuer", ISSUER)
    kw.setdefault("audience", CLIENT)
    kid = kw.pop("kid", KID)
    return a.forge(pool_key, a.claims(sub, **kw), kid)


def test_started_in_cognito_mode(server, jwks_server):
    banner = server.stdout.split("Cruddur is running")
    assert "Cognito user pool %s" % POOL in banner[0], banner[0]
    assert "sign in as" not in banner[1].splitlines()[0]
    assert "/jwks.json" in jwks_server.hits
    r = server.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok", r.text


def test_no_local_sign_in(server):
    r = server.post("/api/auth/sign_in", {"username": "andrewbrown", "password": a.PASSWORD})
    assert r.status_code == 404, r.text
    assert set(r.json()) == {"error"}


def test_jwks_route_is_json(server):
    """No local key: the JWKS route answers JSON all the same (no key, or 404)."""
    r = server.get("/.well-known/jwks.json")
    assert r.headers["Content-Type"].startswith("application/json")
    try:
        body = r.json()
    except ValueError:
        raise AssertionError("GET /.well-known/jwks.json answered %d with a body that is not "
                             "JSON: %r" % (r.status_code, r.text))
    if r.status_code == 200:
        assert body == {"keys": []}, body
    else:
        assert r.status_code == 404 and set(body) == {"error"}, (r.status_code, body)


def test_unlinked_sub_is_403(server, pool_key):
    r = server.get("/api/message_groups", token=token(pool_key, str(uuid.uuid4())))
    assert r.status_code == 403, r.text
    assert set(r.json()) == {"error"}


def test_id_and_access_tokens_accepted(server, pool_key, subs):
    for use in ("id", "access"):
        t = token(pool_key, subs["andrewbrown"], token_use=use,
                  **{"cognito:username": "andrewbrown"})
        rows = server.inbox(t)
        assert [row["handle"] for row in rows if row["uuid"] == a.GROUP] == ["bayko"], use
        assert server.counter(t) >= 0
    t = token(pool_key, subs["bayko"])
    rows = server.inbox(t)
    assert [row["handle"] for row in rows if row["uuid"] == a.GROUP] == ["andrewbrown"]


def test_send_with_a_cognito_token(server, pool_key, subs):
    me, other = token(pool_key, subs["andrewbrown"]), token(pool_key, subs["bayko"])
    server.inbox(other)
    before = server.counter(other)
    r = server.send(me, "from cognito", group=a.GROUP)
    assert r.status_code == 200, r.text
    assert r.json()["handle"] == "andrewbrown"
    assert server.counter(other) == before + 1
    assert server.conversation(other, a.GROUP)[-1]["message"] == "from cognito"
    # londo has no sub yet: 403; linked, he can start a conversation.
    londo_sub = str(uuid.uuid4())
    londo = token(pool_key, londo_sub)
    assert server.send(londo, "hi", handle="bayko").status_code == 403
    server.sql("UPDATE users SET cognito_user_id = ? WHERE handle = 'londo'", (londo_sub,))
    r = server.send(londo, "hi", handle="bayko")
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("case", ["wrong-client", "access-wrong-client", "local-issuer",
                                  "other-region", "other-pool", "other-key", "unknown-kid",
                                  "expired", "refresh"])
def test_refused_tokens(server, pool_key, subs, tmp_path_factory, case):
    sub = subs["andrewbrown"]
    other_region = "https://cognito-idp.eu-west-1.amazonaws.com/%s" % POOL
    make = {
        "wrong-client": lambda: token(pool_key, sub, audience="another-client"),
        "access-wrong-client": lambda: token(pool_key, sub, token_use="access",
                                             audience="another-client"),
        "local-issuer": lambda: token(pool_key, sub, issuer=a.LOCAL_ISSUER,
                                      audience=a.LOCAL_CLIENT),
        "other-region": lambda: token(pool_key, sub, issuer=other_region),
        "other-pool": lambda: token(pool_key, sub, issuer=ISSUER + "x"),
        "other-key": lambda: a.forge(a.new_key(tmp_path_factory.mktemp("k") / "k.pem"),
                                     a.claims(sub, issuer=ISSUER, audience=CLIENT), KID),
        "unknown-kid": lambda: token(pool_key, sub, kid="pool-key-9"),
        "expired": lambda: token(pool_key, sub, lifetime=-600),
        "refresh": lambda: token(pool_key, sub, token_use="refresh"),
    }
    r = server.get("/api/message_groups", token=make[case]())
    assert r.status_code == 401, (case, r.status_code, r.text)
    assert set(r.json()) == {"error"}


def test_the_kid_chooses_the_key(server, jwks_server, subs):
    """The JWKS holds two keys: a token signed by the first one under its kid is good, and
    under the other key's kid it is not."""
    first = jwks_server.keys["pool-key-0"]
    claims = a.claims(subs["bayko"], issuer=ISSUER, audience=CLIENT)
    r = server.get("/api/message_groups", token=a.forge(first, claims, "pool-key-0"))
    assert r.status_code == 200, r.text
    r = server.get("/api/message_groups", token=a.forge(first, claims, KID))
    assert r.status_code == 401, r.text


def test_user_short_is_public(server):
    r = server.get("/api/users/@bayko/short")
    assert r.status_code == 200 and r.json()["handle"] == "bayko"


def test_untrusted_certificate_stops_the_start(tmp_path, jwks_server):
    """Without AWS_CA_BUNDLE the self-signed JWKS server is not trusted: no start."""
    s = a.Cruddur(tmp_path, env=cognito_env(tmp_path, jwks_server, ca=False)).start()
    code = s.proc.wait(30)
    assert code != 0, s.describe()
    assert "Cruddur is running" not in s.stdout
    assert s.stderr.strip(), s.describe()


@pytest.mark.parametrize("pool,client", [("nounderscore", CLIENT), (POOL, "")],
                         ids=["bad-pool-id", "no-client-id"])
def test_bad_cognito_settings_stop_the_start(tmp_path, jwks_server, pool, client):
    s = a.Cruddur(tmp_path, env=cognito_env(tmp_path, jwks_server, pool=pool,
                                            client=client)).start()
    code = s.proc.wait(30)
    assert code != 0, s.describe()
    assert "Cruddur is running" not in s.stdout
    assert s.stderr.strip(), s.describe()
