# Sessions that last: sign-in returns a refresh token beside the one-hour ID token (as Cognito
# does); POST /api/auth/refresh trades it for a new ID token; a refresh token is never a bearer
# token, and an ID token is not a refresh token.
import api_harness as a


def sign_in(server, handle):
    r = server.post("/api/auth/sign_in", {"username": handle, "password": a.PASSWORD})
    assert r.status_code == 200, r.text
    return r.json()


def test_sign_in_returns_a_refresh_token_that_gives_new_id_tokens(server):
    body = sign_in(server, "bayko")
    assert set(body) == {"id_token", "expires_in", "refresh_token", "handle"}
    r = server.post("/api/auth/refresh", {"refresh_token": body["refresh_token"]})
    assert r.status_code == 200, r.text
    fresh = r.json()
    assert set(fresh) == {"id_token", "expires_in", "handle"}
    assert fresh["handle"] == "bayko" and fresh["expires_in"] == 3600
    assert server.get("/api/message_groups", token=fresh["id_token"]).status_code == 200


def test_tokens_keep_to_their_use(server):
    body = sign_in(server, "londo")
    r = server.get("/api/message_groups", token=body["refresh_token"])
    assert r.status_code == 401, r.text
    r = server.post("/api/auth/refresh", {"refresh_token": body["id_token"]})
    assert r.status_code == 401, r.text
    r = server.post("/api/auth/refresh", {"refresh_token": body["refresh_token"][:-4] + "AAAA"})
    assert r.status_code == 401, r.text
    r = server.post("/api/auth/refresh", {})
    assert r.status_code == 400, r.text
