# Every route of `cruddur serve` and every error code, on one server with its defaults (SQLite
# users, in-process unread counter, embedded ddb-server): health, sign-in, the JWKS, the public
# user card, the inbox and a conversation (members only, paginated with ?before= and
# X-Next-Before), sending (422 with every code that applies), tokens (401/403), unknown routes
# (404), wrong methods (405 with Allow), big bodies (413), other content types (415), malformed
# JSON (400), and the access log. Nothing here writes to the seeded conversation, so its 104
# messages can be checked against app/seed/dialogue.txt.
import datetime
import json
import time
import uuid

import pytest

import api_harness as a

MESSAGE_KEYS = {"uuid", "display_name", "handle", "message", "created_at"}
INBOX_KEYS = {"uuid", "display_name", "handle", "message", "created_at", "unread"}


def is_json_error(r, status):
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    body = r.json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    assert isinstance(body["error"], str) and body["error"], body
    return body["error"]


def errors_of(r):
    assert r.status_code == 422, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"errors"}, body
    return body["errors"]


# --- health ---------------------------------------------------------------------------------------

def test_health(server):
    # The public learns only whether the application is healthy.
    r = server.get("/api/health")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ok"}
    # A caller on this machine may ask for the parts.
    r = server.get("/api/health?detail")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["status"] == "ok"
    assert set(body) == {"database", "users_db", "stream_processor", "unread_counter", "status"}
    assert body["database"]["ok"] is True
    assert body["database"]["table"] == "cruddur-messages"
    assert body["database"]["endpoint"] == server.ddb_url
    assert body["users_db"]["ok"] is True
    assert "cruddur-users.db" in body["users_db"]["location"]
    sp = body["stream_processor"]
    assert sp["ok"] is True and sp["running"] is True and sp["in_process"] is True
    assert isinstance(sp["records_processed"], int)
    assert body["unread_counter"] == {"ok": True, "backend": "in process"}
    assert not any("error" in part for part in body.values() if isinstance(part, dict))


# --- sign-in --------------------------------------------------------------------------------------

@pytest.mark.parametrize("handle", a.SEED_HANDLES)
def test_sign_in_by_username(server, users, handle):
    before = int(time.time())
    r = server.post("/api/auth/sign_in", {"username": handle, "password": a.PASSWORD})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"id_token", "expires_in", "refresh_token", "handle"}
    assert body["handle"] == handle and body["expires_in"] == 3600
    header, claims = a.decode(body["id_token"])
    assert header["alg"] == "RS256" and header["kid"]
    assert claims["iss"] == a.LOCAL_ISSUER and claims["aud"] == a.LOCAL_CLIENT
    assert claims["token_use"] == "id"
    assert claims["sub"] == users[handle]["cognito_user_id"] and claims["sub"]
    assert claims["cognito:username"] == handle
    assert claims["email"] == users[handle]["email"]
    assert before - 5 <= claims["iat"] <= time.time() + 5
    assert claims["exp"] - claims["iat"] == 3600
    # The token works.
    assert server.get("/api/messages/counter", token=body["id_token"]).status_code == 200


def test_sign_in_by_email(server):
    r = server.post("/api/auth/sign_in", {"email": "bayko@exampro.co", "password": a.PASSWORD})
    assert r.status_code == 200, r.text
    assert r.json()["handle"] == "bayko"


def test_sign_in_refusals_say_the_same(server):
    wrong = server.post("/api/auth/sign_in", {"username": "andrewbrown", "password": "nope"})
    unknown = server.post("/api/auth/sign_in", {"username": "nobody", "password": a.PASSWORD})
    empty = server.post("/api/auth/sign_in", {"username": "andrewbrown", "password": ""})
    email = server.post("/api/auth/sign_in", {"email": "andrew@exampro.co", "password": "x"})
    messages = {is_json_error(r, 401) for r in (wrong, unknown, empty, email)}
    assert len(messages) == 1, messages  # One message: no hint which part was wrong.


@pytest.mark.parametrize("body", [
    '{"username": "andrewbrown", "password": ',
    'not json',
    '[]',
    '"andrewbrown"',
    '{}',
    '{"username": "andrewbrown"}',
    '{"password": "cruddur-demo-password"}',
    '{"username": 5, "password": "cruddur-demo-password"}',
    '{"username": "andrewbrown", "password": null}',
], ids=["truncated", "not-json", "array", "string", "empty-object", "no-password",
        "no-username", "username-not-string", "password-null"])
def test_sign_in_malformed(server, body):
    r = server.post("/api/auth/sign_in", data=body,
                    headers={"Content-Type": "application/json"})
    is_json_error(r, 400)


def test_sign_in_accepts_a_charset(server):
    r = server.post("/api/auth/sign_in",
                    data=json.dumps({"username": "londo", "password": a.PASSWORD}),
                    headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "application/jsonx", "multipart/form-data"])
def test_sign_in_other_content_type(server, content_type):
    r = server.post("/api/auth/sign_in",
                    data=json.dumps({"username": "londo", "password": a.PASSWORD}),
                    headers={"Content-Type": content_type})
    is_json_error(r, 415)


# --- the JWKS -------------------------------------------------------------------------------------

def test_jwks_is_the_signing_key(server, tokens):
    r = server.get("/.well-known/jwks.json")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    keys = r.json()["keys"]
    assert len(keys) == 1
    key = keys[0]
    assert key["kty"] == "RSA" and key["e"] == "AQAB"
    assert key.get("alg", "RS256") == "RS256"
    assert key["kid"] == a.decode(tokens["andrewbrown"])[0]["kid"]
    assert a.b64url_decode(key["n"]) == a.rsa_modulus(server.key_path)
    with open(server.key_path) as f:
        assert "PRIVATE KEY-----" in f.read()


# --- the public user card -------------------------------------------------------------------------

@pytest.mark.parametrize("handle", a.SEED_HANDLES)
def test_user_short(server, users, handle):
    r = server.get("/api/users/@%s/short" % handle)  # No token: public.
    assert r.status_code == 200, r.text
    row = users[handle]
    assert r.json() == {"uuid": row["uuid"], "handle": handle,
                        "display_name": row["display_name"]}


def test_user_short_display_names(server):
    names = {h: server.get("/api/users/@%s/short" % h).json()["display_name"]
             for h in a.SEED_HANDLES}
    assert names == {"andrewbrown": "Andrew Brown", "bayko": "Andrew Bayko",
                     "londo": "Londo Mollari"}


@pytest.mark.parametrize("handle", ["nobody", "ANDREWBROWN", "andrewbrown%20"])
def test_user_short_unknown(server, handle):
    r = server.get("/api/users/@%s/short" % handle)
    is_json_error(r, 404)


def test_user_short_without_at_is_no_route(server):
    is_json_error(server.get("/api/users/andrewbrown/short"), 404)


# --- the inbox and the counter --------------------------------------------------------------------

def test_inbox_of_the_seeded_users(server, tokens, users):
    dialogue = a.h.dialogue()
    for owner, other in (("andrewbrown", "bayko"), ("bayko", "andrewbrown")):
        r = server.get("/api/message_groups", token=tokens[owner])
        assert r.status_code == 200, r.text
        rows = [row for row in r.json() if row["uuid"] == a.GROUP]
        assert len(rows) == 1, r.json()
        row = rows[0]
        assert set(row) == INBOX_KEYS
        assert row["handle"] == other
        assert row["display_name"] == users[other]["display_name"]
        assert row["message"] == dialogue[-1][1]
        assert a.ISO_UTC.fullmatch(row["created_at"]), row
    assert all(row["uuid"] != a.GROUP for row in server.inbox(tokens["londo"]))


def test_inbox_cursor_mechanics(server, tokens):
    r = server.get("/api/message_groups", token=tokens["andrewbrown"])
    rows = r.json()
    assert rows, "andrewbrown has a conversation"
    assert "X-Next-Before" not in r.headers  # Everything fits on one page.
    times = [row["created_at"] for row in rows]
    assert times == sorted(times, reverse=True), "newest first"
    # Before the oldest row: nothing older, and no cursor.
    r = server.get("/api/message_groups?before=" + times[-1], token=tokens["andrewbrown"])
    assert r.status_code == 200 and r.json() == [], r.text
    assert "X-Next-Before" not in r.headers
    # Before the newest: the others.
    r = server.get("/api/message_groups?before=" + times[0], token=tokens["andrewbrown"])
    assert r.status_code == 200
    assert [row["created_at"] for row in r.json()] == [t for t in times if t < times[0]]
    # A cursor after everything lists everything.
    r = server.get("/api/message_groups?before=9999-12-31T00:00:00.000000%2B00:00",
                   token=tokens["andrewbrown"])
    assert r.status_code == 200 and [row["created_at"] for row in r.json()] == times


def test_counter_shape(server, tokens):
    for handle in a.SEED_HANDLES:
        r = server.get("/api/messages/counter", token=tokens[handle])
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"count"} and isinstance(body["count"], int) and body["count"] >= 0


# --- a conversation -------------------------------------------------------------------------------

def test_seeded_conversation_pages(server, tokens, users):
    def fetch(before):
        path = "/api/messages/" + a.GROUP + ("" if before is None else "?before=" + before)
        return server.get(path, token=tokens["bayko"])

    pages = a.walk(fetch)
    assert [len(p) for p in pages] == [20, 20, 20, 20, 20, 4]
    for page in pages:
        times = [m["created_at"] for m in page]
        assert times == sorted(times), "each page oldest first"
        assert len(set(times)) == len(times)
        for m in page:
            assert set(m) == MESSAGE_KEYS, m
            assert a.ISO_UTC.fullmatch(m["created_at"]), m
    for newer, older in zip(pages, pages[1:]):
        assert older[-1]["created_at"] < newer[0]["created_at"], "pages newest first"
    messages = [m for page in reversed(pages) for m in page]
    assert len(messages) == 104
    assert len({m["uuid"] for m in messages}) == 104, "each message exactly once"
    assert [(m["handle"], m["message"]) for m in messages] == a.h.dialogue()
    for m in messages:
        assert m["display_name"] == users[m["handle"]]["display_name"]
        assert m["uuid"] not in (users["andrewbrown"]["uuid"], users["bayko"]["uuid"], a.GROUP)


def test_conversation_cursor_is_the_oldest_of_the_page(server, tokens):
    r = server.get("/api/messages/" + a.GROUP, token=tokens["andrewbrown"])
    assert r.status_code == 200
    assert r.headers["X-Next-Before"] == r.json()[0]["created_at"]
    # The last page has no cursor.
    r = server.get("/api/messages/%s?before=%s" % (a.GROUP, "2000-01-01T00:00:00.000000%2B00:00"),
                   token=tokens["andrewbrown"])
    assert r.status_code == 200 and r.json() == []
    assert "X-Next-Before" not in r.headers


@pytest.mark.parametrize("cursor", ["", "x" * 2000, "%FF", "%C3%28", "%00"],
                         ids=["empty", "2000-chars", "invalid-utf8", "invalid-utf8-pair", "nul"])
@pytest.mark.parametrize("route", ["/api/message_groups", "/api/messages/" + a.GROUP],
                         ids=["inbox", "conversation"])
def test_malformed_cursor(server, tokens, route, cursor):
    """A cursor the client made up is the client's error (400) or no cursor at all (200), never
    a 500 (the database's ValidationException passed on)."""
    marker = uuid.uuid4().hex
    server.asserted.add(marker)  # A 5xx here is this test's failure, not the module's.
    r = server.get("%s?before=%s&probe=%s" % (route, cursor, marker), token=tokens["bayko"])
    assert r.status_code in (200, 400), (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    if r.status_code == 200:
        assert isinstance(body, list)
    else:
        assert set(body) == {"error"}


def test_non_member_cannot_read(server, tokens):
    r = server.get("/api/messages/" + a.GROUP, token=tokens["londo"])
    assert r.status_code == 404
    assert r.json() == {"error": "message_group_not_found"}
    r = server.get("/api/messages/%s?before=9999" % a.GROUP, token=tokens["londo"])
    assert r.status_code == 404 and r.json() == {"error": "message_group_not_found"}


def test_unknown_group_is_not_found(server, tokens):
    r = server.get("/api/messages/" + str(uuid.uuid4()), token=tokens["andrewbrown"])
    assert r.status_code == 404 and r.json() == {"error": "message_group_not_found"}


@pytest.mark.parametrize("group", ["x" * 3000, "not-a-uuid", a.GROUP.upper() + "0"])
def test_a_group_id_that_is_no_uuid_is_not_found(server, tokens, group):
    # Never used as a key (the real service refuses keys over 2048 bytes with a 400 of its own).
    r = server.get("/api/messages/" + group, token=tokens["andrewbrown"])
    assert r.status_code == 404 and r.json() == {"error": "message_group_not_found"}
    r = server.send(tokens["andrewbrown"], "hi", group=group)
    assert r.status_code == 422 and r.json() == {"errors": ["message_group_not_found"]}


# --- sending: validation --------------------------------------------------------------------------

@pytest.mark.parametrize("body,codes", [
    ({}, ["message_blank", "message_group_uuid_blank", "user_receiver_handle_blank"]),
    ({"message": "hi"}, ["message_group_uuid_blank", "user_receiver_handle_blank"]),
    ({"message": "", "message_group_uuid": "", "handle": ""},
     ["message_blank", "message_group_uuid_blank", "user_receiver_handle_blank"]),
    ({"message": " \t\n ", "message_group_uuid": a.GROUP}, ["message_blank"]),
    ({"message": 5, "message_group_uuid": a.GROUP}, ["message_blank"]),
    ({"message": "é" * 1025, "message_group_uuid": a.GROUP}, ["message_exceed_max_chars"]),
    ({"message": "x" * 1025, "handle": "bayko"}, ["message_exceed_max_chars"]),
    ({"message": "hi", "handle": "nobody"}, ["user_receiver_not_found"]),
    ({"message": "", "handle": "nobody"}, ["message_blank", "user_receiver_not_found"]),
    ({"message": "hi", "handle": "andrewbrown"}, ["user_receiver_is_self"]),
    ({"message": "  ", "handle": "andrewbrown"}, ["message_blank", "user_receiver_is_self"]),
    ({"message": "hi", "message_group_uuid": "no-such-group"}, ["message_group_not_found"]),
    ({"message": "", "message_group_uuid": str(uuid.uuid4())},
     ["message_blank", "message_group_not_found"]),
], ids=["empty", "no-receiver", "all-blank", "blank", "message-not-string", "1025-chars",
        "1025-chars-new", "unknown-handle", "blank-unknown-handle", "self", "blank-self",
        "unknown-group", "blank-unknown-group"])
def test_send_unprocessable(server, tokens, body, codes):
    before = a.count_messages(server.ddb(), a.GROUP)
    r = server.post("/api/messages", body, token=tokens["andrewbrown"])
    assert sorted(errors_of(r)) == sorted(codes)
    assert a.count_messages(server.ddb(), a.GROUP) == before


def test_non_member_cannot_post(server, tokens):
    r = server.send(tokens["londo"], "let me in", group=a.GROUP)
    assert errors_of(r) == ["message_group_not_found"]
    assert a.count_messages(server.ddb(), a.GROUP) == 104


def test_1024_unicode_characters_are_accepted(server, tokens):
    text = "é" * 1023 + "🙂"  # 1024 characters, 2050 bytes in UTF-8.
    r = server.send(tokens["andrewbrown"], text, handle="londo")
    assert r.status_code in (200, 201), r.text
    assert r.json()["message"] == text


@pytest.mark.parametrize("body", ['{"message": "hi", "handle": "bayko"', "hello", "[]", "42",
                                  '"text"', ""], ids=["truncated", "word", "array", "number",
                                                      "string", "empty"])
def test_send_malformed_json(server, tokens, body):
    r = server.post("/api/messages", data=body, token=tokens["andrewbrown"],
                    headers={"Content-Type": "application/json"})
    is_json_error(r, 400)


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml",
                                          "application/x-www-form-urlencoded"])
def test_send_other_content_type(server, tokens, content_type):
    r = server.post("/api/messages", data=json.dumps({"message": "hi", "handle": "bayko"}),
                    token=tokens["andrewbrown"], headers={"Content-Type": content_type})
    is_json_error(r, 415)
    # Without a token too: the body is refused before anything else.
    r = server.post("/api/messages", data="hi", headers={"Content-Type": content_type})
    is_json_error(r, 415)


def body_of_size(size):
    """A send body of exactly `size` bytes (JSON padded with spaces): a message too long."""
    text = json.dumps({"message": "x" * 2000, "message_group_uuid": a.GROUP})
    assert len(text) < size
    return text[:-1] + " " * (size - len(text)) + "}"


def test_body_of_64_kib_is_read(server, tokens):
    r = server.post("/api/messages", data=body_of_size(64 * 1024), token=tokens["andrewbrown"],
                    headers={"Content-Type": "application/json"})
    assert errors_of(r) == ["message_exceed_max_chars"]


@pytest.mark.parametrize("path", ["/api/messages", "/api/auth/sign_in"])
def test_body_over_64_kib(server, tokens, path):
    r = server.post(path, data=body_of_size(64 * 1024 + 1), token=tokens["andrewbrown"],
                    headers={"Content-Type": "application/json"})
    is_json_error(r, 413)
    r = server.post(path, data=body_of_size(1024 * 1024), token=tokens["andrewbrown"],
                    headers={"Content-Type": "application/json"})
    is_json_error(r, 413)
    assert a.count_messages(server.ddb(), a.GROUP) == 104
    assert server.get("/api/health").status_code == 200


# --- tokens ---------------------------------------------------------------------------------------

PROTECTED = [("GET", "/api/message_groups", None, 200),
             ("GET", "/api/messages/counter", None, 200),
             ("GET", "/api/messages/" + a.GROUP, None, 200),
             # A blank message: accepted tokens get as far as validation, and nothing is stored.
             ("POST", "/api/messages", {"message": "", "message_group_uuid": a.GROUP}, 422)]


@pytest.fixture(scope="module")
def forged(server, users, tmp_path_factory):
    """Tokens made with openssl: {case: (token, expected status or None for the route's)}."""
    key, kid = server.key_path, a.decode(server.sign_in("andrewbrown"))[0]["kid"]
    other_key = a.new_key(tmp_path_factory.mktemp("keys") / "other.pem")
    sub = users["andrewbrown"]["cognito_user_id"]
    real = server.sign_in("andrewbrown")
    head, payload, signature = real.split(".")
    tampered = json.loads(a.b64url_decode(payload))
    tampered["sub"] = users["bayko"]["cognito_user_id"]
    no_exp = a.claims(sub)
    del no_exp["exp"]
    no_sub = a.claims(sub)
    del no_sub["sub"]
    now = int(time.time())
    return {
        "valid-id": (a.forge(key, a.claims(sub), kid), None),
        "valid-access": (a.forge(key, a.claims(sub, token_use="access"), kid), None),
        "within-leeway": (a.forge(key, a.claims(sub, lifetime=-5), kid), None),
        "signed-in": (real, None),
        "expired": (a.forge(key, a.claims(sub, lifetime=-3600, now=now), kid), 401),
        "expired-past-leeway": (a.forge(key, a.claims(sub, lifetime=-120), kid), 401),
        "bad-signature": (a.forge(other_key, a.claims(sub), kid), 401),
        "unknown-kid": (a.forge(key, a.claims(sub), "no-such-kid"), 401),
        "wrong-audience": (a.forge(key, a.claims(sub, audience="someone-else"), kid), 401),
        "access-wrong-client": (a.forge(key, a.claims(sub, token_use="access",
                                                      audience="someone-else"), kid), 401),
        "wrong-issuer": (a.forge(key, a.claims(sub, issuer="https://evil.example"), kid), 401),
        "token-use-refresh": (a.forge(key, a.claims(sub, token_use="refresh"), kid), 401),
        "alg-none": (a.b64url(json.dumps({"alg": "none", "kid": kid})) + "." +
                     a.b64url(json.dumps(a.claims(sub))) + ".", 401),
        "alg-hs256": (a.forge(key, a.claims(sub), kid, alg="HS256"), 401),
        "tampered-payload": (head + "." + a.b64url(json.dumps(tampered)) + "." + signature,
                             401),
        "truncated-signature": (real[:-10], 401),
        "no-exp": (a.forge(key, no_exp, kid), 401),
        "no-sub": (a.forge(key, no_sub, kid), 401),
        "garbage": ("abc", 401),
        "three-garbage-parts": ("a.b.c", 401),
        "empty": ("", 401),
        "unknown-sub": (a.forge(key, a.claims(str(uuid.uuid4())), kid), 403),
    }


TOKEN_CASES = ["valid-id", "valid-access", "within-leeway", "signed-in", "expired",
               "expired-past-leeway", "bad-signature", "unknown-kid", "wrong-audience",
               "access-wrong-client", "wrong-issuer", "token-use-refresh", "alg-none",
               "alg-hs256", "tampered-payload", "truncated-signature", "no-exp", "no-sub",
               "garbage", "three-garbage-parts", "empty", "unknown-sub"]


@pytest.mark.parametrize("case", TOKEN_CASES)
@pytest.mark.parametrize("method,path,body,accepted", PROTECTED,
                         ids=["inbox", "counter", "conversation", "send"])
def test_tokens(server, forged, case, method, path, body, accepted):
    token, expected = forged[case]
    r = server.request(method, path, token=token, json_body=body)
    if expected is None:
        assert r.status_code == accepted, (case, r.status_code, r.text)
    else:
        is_json_error(r, expected)


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", "Basic YTpi",
                                           "Token abc"])
@pytest.mark.parametrize("method,path,body,accepted", PROTECTED,
                         ids=["inbox", "counter", "conversation", "send"])
def test_no_bearer_token(server, method, path, body, accepted, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}
    r = server.request(method, path, json_body=body, headers=headers)
    is_json_error(r, 401)


def test_a_token_for_another_user_is_that_user(server, users, forged):
    """The control of the forged tokens: one for bayko's sub lists bayko's inbox."""
    kid = a.decode(forged["valid-id"][0])[0]["kid"]
    token = a.forge(server.key_path, a.claims(users["bayko"]["cognito_user_id"]), kid)
    rows = server.inbox(token)
    assert [row["handle"] for row in rows if row["uuid"] == a.GROUP] == ["andrewbrown"]


# --- routes and methods ---------------------------------------------------------------------------

@pytest.mark.parametrize("method,path", [
    ("GET", "/api/nope"), ("GET", "/api"), ("GET", "/api/"), ("POST", "/api/nope"),
    ("GET", "/api/messages"), ("GET", "/api/messages/%s/extra" % a.GROUP),
    ("GET", "/api/users/@andrewbrown"), ("GET", "/api/users/@/short"),
    ("GET", "/api/health/deep"), ("DELETE", "/api/nope"), ("PATCH", "/api/auth"),
    ("GET", "/api/message_groups/x"),
])
def test_unknown_api_route(server, tokens, method, path):
    r = server.request(method, path, token=tokens["andrewbrown"])
    if path == "/api/messages" and method == "GET":
        # /api/messages exists (POST): a wrong method, not an unknown route.
        assert r.status_code == 405, r.text
        return
    is_json_error(r, 404)


@pytest.mark.parametrize("method,path,allow", [
    ("POST", "/api/health", ["GET"]),
    ("GET", "/api/auth/sign_in", ["POST"]),
    ("PUT", "/api/messages", ["POST"]),
    ("GET", "/api/messages", ["POST"]),
    ("DELETE", "/api/message_groups", ["GET"]),
    ("POST", "/api/message_groups", ["GET"]),
    ("POST", "/api/messages/counter", ["GET"]),
    ("DELETE", "/api/messages/" + a.GROUP, ["GET"]),
    ("PUT", "/api/users/@bayko/short", ["GET"]),
    ("POST", "/.well-known/jwks.json", ["GET"]),
])
def test_wrong_method(server, tokens, method, path, allow):
    r = server.request(method, path, token=tokens["andrewbrown"],
                       headers={"Content-Type": "application/json"}, data="{}")
    is_json_error(r, 405)
    assert [m.strip() for m in r.headers["Allow"].split(",")] == allow, r.headers["Allow"]


# --- the access log -------------------------------------------------------------------------------

def test_access_log_one_line_per_request(server, tokens):
    marker = uuid.uuid4().hex
    started = datetime.datetime.now(datetime.timezone.utc)
    requests_made = [
        ("GET", "/api/users/@u%s/short" % marker, 404, lambda p: server.get(p)),
        ("GET", "/api/nope-%s" % marker, 404, lambda p: server.get(p)),
        ("DELETE", "/api/messages/g%s" % marker, 405,
         lambda p: server.request("DELETE", p, token=tokens["bayko"])),
        ("GET", "/api/messages/g%s" % marker, 404,
         lambda p: server.get(p, token=tokens["bayko"])),
        ("GET", "/api/messages/h%s" % marker, 401, lambda p: server.get(p)),
        ("POST", "/api/nope-%s" % marker, 404,
         lambda p: server.post(p, {"a": 1})),
    ]
    for method, path, status, call in requests_made:
        assert call(path).status_code == status, (method, path)
    twice = "/api/users/@t%s/short" % marker
    server.get(twice)
    server.get(twice)

    def lines():
        return [e for e in server.access_log() if marker in e[2]]

    seen = a.poll(lambda: len(lines()) >= len(requests_made) + 2 and lines(), timeout=3)
    assert seen, server.stdout[-3000:]
    for method, path, status, _ in requests_made:
        mine = [e for e in seen if e[2] == path and e[1] == method]
        assert len(mine) == 1, (path, mine)
        when, logged_method, _, logged_status, ms = mine[0]
        assert logged_method == method and logged_status == status, mine
        t = datetime.datetime.strptime(when, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=datetime.timezone.utc)
        assert started - datetime.timedelta(seconds=2) <= t
        assert t <= datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
        assert 0 <= ms < 10000
    assert len([e for e in seen if e[2] == twice]) == 2
    assert len(seen) == len(requests_made) + 2


def test_access_log_of_each_kind(server, tokens):
    """Sign-in, health, the JWKS, 413 and 415 are logged with their method and path too."""
    before = len(server.access_log())
    server.get("/api/health")
    server.get("/.well-known/jwks.json")
    server.post("/api/auth/sign_in", {"username": "bayko", "password": "wrong"})
    server.post("/api/auth/sign_in", data="x", headers={"Content-Type": "text/plain"})
    server.post("/api/messages", data=body_of_size(70000), token=tokens["andrewbrown"],
                headers={"Content-Type": "application/json"})
    server.get("/api/message_groups?before=2000-01-01", token=tokens["andrewbrown"])
    expected = [("GET", "/api/health", 200), ("GET", "/.well-known/jwks.json", 200),
                ("POST", "/api/auth/sign_in", 401), ("POST", "/api/auth/sign_in", 415),
                ("POST", "/api/messages", 413),
                ("GET", "/api/message_groups?before=2000-01-01", 200)]
    got = a.poll(lambda: len(server.access_log()) >= before + len(expected) and
                 server.access_log()[before:], timeout=3)
    assert got, server.stdout[-3000:]
    assert [(e[1], e[2], e[3]) for e in got] == expected, server.stdout[-3000:]


def test_no_server_errors_so_far(server):
    assert server.server_errors() == []
    assert server.running()
