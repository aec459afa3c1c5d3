# The web pages as `cruddur serve` sends them: a file's precompressed copies (x.js.br, x.js.gz,
# made by the web build) go to clients whose Accept-Encoding takes them, with Content-Encoding and
# Vary: Accept-Encoding; the fingerprinted /assets/ files are immutable, index.html revalidated;
# a copy is never a URL of its own.
import gzip
import os

import pytest
import requests

import api_harness as a
from api_harness import stop_cleanly

SCRIPT = ("console.log('cruddur');\n" * 200).encode()
BROTLI = b"\x1b\x8f\x00not really brotli, but the server sends the bytes it was given"


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    root = tmp_path_factory.mktemp("cruddur")
    pages = os.path.join(str(root), "pages")
    os.makedirs(os.path.join(pages, "assets"))
    files = {"index.html": b"<!doctype html><title>Cruddur</title>",
             "assets/app-1a2b.js": SCRIPT, "assets/app-1a2b.js.gz": gzip.compress(SCRIPT),
             "assets/app-1a2b.js.br": BROTLI, "assets/stray.js.gz": gzip.compress(b"stray")}
    for name, body in files.items():
        with open(os.path.join(pages, name), "wb") as f:
            f.write(body)
    server = a.start_cruddur(root, web_root=pages)
    try:
        yield server
    finally:
        stop_cleanly(server)


def fetch(server, path, accept):
    """The response with its body as sent (not decoded)."""
    with requests.Session() as s:
        s.trust_env = False
        r = s.get(server.url + path, headers={"Accept-Encoding": accept}, stream=True)
        r.sent = r.raw.read(decode_content=False)
        return r


@pytest.mark.parametrize("accept,coding", [
    ("gzip, deflate, br", "br"),
    ("br;q=0, gzip", "gzip"),
    ("GZIP", "gzip"),
    ("identity", None),
    ("", None),
], ids=["br", "br-refused", "gzip-any-case", "identity", "none"])
def test_the_copy_the_client_accepts(web, accept, coding):
    r = fetch(web, "/assets/app-1a2b.js", accept)
    assert r.status_code == 200
    assert r.headers.get("Content-Encoding") == coding
    assert r.headers["Vary"] == "Accept-Encoding"
    assert r.headers["Content-Type"].startswith("text/javascript")
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    if coding == "gzip":
        assert gzip.decompress(r.sent) == SCRIPT
    else:
        assert r.sent == (BROTLI if coding == "br" else SCRIPT)


def test_copies_are_not_urls_and_pages_revalidate(web):
    for path in ("/assets/app-1a2b.js.gz", "/assets/app-1a2b.js.br", "/assets/stray.js.gz",
                 "/assets/stray.js"):
        assert fetch(web, path, "gzip, br").status_code == 404, path
    r = fetch(web, "/messages/some-conversation", "gzip, br")
    assert r.status_code == 200 and r.sent.startswith(b"<!doctype html>")
    assert r.headers["Cache-Control"] == "no-cache"
    assert "Content-Encoding" not in r.headers and "Vary" not in r.headers
