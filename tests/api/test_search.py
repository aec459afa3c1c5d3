# GET /api/users/search?q=<text>: for a signed-in caller, up to 10 other users whose handle or
# display name starts with the text (any case), by handle, as {uuid, handle, display_name}.
import api_harness as a


def search(server, token, q):
    r = server.get("/api/users/search?q=" + q, token=token)
    assert r.status_code == 200, r.text
    return r.json()


def test_prefix_of_a_handle_or_a_display_name_in_any_case(server, tokens, users):
    found = search(server, tokens["londo"], "AND")  # andrewbrown; "Andrew Bayko" is bayko's name
    assert [u["handle"] for u in found] == ["andrewbrown", "bayko"]
    assert found[1] == {"uuid": users["bayko"]["uuid"], "handle": "bayko",
                        "display_name": users["bayko"]["display_name"]}
    assert [u["handle"] for u in search(server, tokens["londo"], "bay")] == ["bayko"]
    assert search(server, tokens["londo"], "rew") == []  # Inside a word: not a prefix.


def test_the_caller_is_left_out(server, tokens):
    assert [u["handle"] for u in search(server, tokens["andrewbrown"], "andrew")] == ["bayko"]


def test_empty_text_wildcards_and_long_text(server, tokens):
    assert search(server, tokens["londo"], "") == []
    assert search(server, tokens["londo"], "%25") == []  # '%' is a character, not a wildcard.
    assert search(server, tokens["londo"], "_") == []
    r = server.get("/api/users/search?q=" + "x" * 65, token=tokens["londo"])
    assert r.status_code == 400, r.text


def test_signed_in_only(server):
    r = server.get("/api/users/search?q=a")
    assert r.status_code == 401, r.text
    assert a.SEED_HANDLES  # the seed users exist on this server
