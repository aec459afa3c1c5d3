"""Pins the client's AWS Signature V4 (client/sigv4.cc) to botocore's, byte for byte.

Several hundred requests are generated deterministically (fixed seed): DynamoDB-like POSTs with
odd bodies (multi-byte UTF-8, emoji, control characters, quotes, backslashes, empty, ~100 KB),
odd header values (padding and runs of every character Python's str.split() treats as
whitespace, plus look-alikes it does not), mixed-case and repeated header names, headers botocore
leaves unsigned (User-Agent, Expect, X-Amzn-Trace-Id), with and without session tokens, several
regions, services, hosts (with and without ports) and times (midnights, year and leap-day
boundaries), and GETs with odd paths (dot segments, double slashes, '%', spaces) and query strings.
Each is signed by botocore.auth.SigV4Auth at a frozen time and, all in one run, by
build/release/ddb-sigv4-tool (or $DDB_SIGV4_TOOL); X-Amz-Date, X-Amz-Security-Token and
Authorization must be equal. Run with Debian's python: /usr/bin/python3 -m pytest tests/client.
"""
import calendar
import datetime
import json
import os
import pathlib
import random
import subprocess
import types
from unittest import mock
from urllib.parse import urlsplit

import botocore.auth
import pytest
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

REPO = pathlib.Path(__file__).resolve().parents[2]
TOOL = pathlib.Path(os.environ.get("DDB_SIGV4_TOOL") or REPO / "build/release/ddb-sigv4-tool")
ADDED = ("X-Amz-Date", "X-Amz-Security-Token", "Authorization")
COUNT = 400

# Every character str.split() splits on, except CR and LF (no valid header value holds them).
WHITESPACE = [c for c in map(chr, range(0x110000)) if c.isspace() and c not in "\r\n"]
# Not whitespace to Python, several sharing UTF-8 lead bytes with characters that are.
LOOKALIKES = list("\x00\x01\x08\x7f\u0084\u00a1\u1681\u180e\u200b\u2027\u202a\u205e\u2060"
                  "\u3001\ufeff")
ODD = list("\"\\'{}[]:,/%+=&?#;@!$*()<>|^`~") + list("é€ßΩж中文한😀🚀👩‍💻") + ["\u0301", "\ufffd"]
PLAIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"]
OPS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
       "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "CreateTable",
       "DescribeTable", "ListTables", "DeleteTable", "UpdateTimeToLive"]
ENDPOINTS = [  # (URL, Host header as sent: default ports dropped, as botocore does)
    ("http://localhost:8000", "localhost:8000"),
    ("http://127.0.0.1:8000", "127.0.0.1:8000"),
    ("http://[::1]:8000", "[::1]:8000"),
    ("https://dynamodb.eu-west-1.amazonaws.com", "dynamodb.eu-west-1.amazonaws.com"),
    ("https://dynamodb.us-east-1.amazonaws.com:443", "dynamodb.us-east-1.amazonaws.com"),
    ("https://streams.dynamodb.ap-southeast-2.amazonaws.com",
     "streams.dynamodb.ap-southeast-2.amazonaws.com"),
    ("http://LocalHost:8000", "LocalHost:8000"),
]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "local"]
SERVICES = ["dynamodb", "dynamodb", "dynamodb", "sts", "execute-api", "streams.dynamodb"]
SEGMENTS = ["a", "b", "Table-1", ".", "..", "", "%41", "%2F", "%20", "%", "%%", "%zz", "a b",
            " ", "é", "😀", "~x", "a+b", "c=d", ";p", "@", "!*'()", ",", ":", "$&"]
QUERY_PARTS = ["a", "b", "A", "k", "é", "😀", "%20", "%2B", "+", " ", "x y", "", "a=b", "~", "_"]


def _epoch(*fields):
    return calendar.timegm(datetime.datetime(*fields).timetuple())


SPECIAL_TIMES = [_epoch(*t) for t in [
    (1970, 1, 1), (1999, 12, 31, 23, 59, 59), (2000, 1, 1), (2000, 2, 29, 12),
    (2015, 8, 30, 12, 36), (2023, 12, 31, 23, 59, 59), (2024, 1, 1), (2024, 1, 1, 0, 0, 1),
    (2024, 2, 28, 23, 59, 59), (2024, 2, 29), (2024, 2, 29, 23, 59, 59), (2024, 3, 1),
    (2024, 6, 30, 23, 59, 59), (2025, 11, 24, 0, 0), (2038, 1, 19, 3, 14, 7),
    (2038, 1, 19, 3, 14, 8), (2099, 12, 31, 23, 59, 59), (2100, 2, 28, 23, 59, 59),
    (2100, 3, 1)]]


def _text(rng, n, pools):
    pool = rng.choice(pools)
    return "".join(rng.choice(pool) for _ in range(n))


def _header_value(rng):
    kind = rng.randrange(7)
    if kind == 0:
        return ""
    if kind == 1:  # whitespace only: botocore signs it as the empty string
        return _text(rng, rng.randint(1, 4), [WHITESPACE])
    pad = lambda: _text(rng, rng.randint(0, 3), [WHITESPACE, [" ", "\t"]])  # noqa: E731
    words = [_text(rng, rng.randint(1, 8), [PLAIN, PLAIN + ODD, PLAIN + LOOKALIKES, ODD])
             for _ in range(rng.randint(1, 4))]
    if kind == 2:  # one separator per gap
        return pad() + " ".join(words) + pad()
    return pad() + "".join(w + (pad() or rng.choice(WHITESPACE)) for w in words) + pad()


def _mixed_case(rng, name):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)


def _headers(rng, host):
    target = "DynamoDB_20120810." + rng.choice(OPS)
    headers = [("Host", host), ("Content-Type", "application/x-amz-json-1.0"),
               ("X-Amz-Target", target)]
    for i in range(rng.choice([0, 0, 1, 2, 4])):
        headers.append((f"X-Custom-{i}", _header_value(rng)))
    for _ in range(rng.choice([0, 0, 1, 3])):  # repeated names, values joined with ','
        name = rng.choice(["X-Repeated", "Accept", "X-Amz-Target"])
        headers.append((name, rng.choice(["", " ", _header_value(rng)])))
    for name in ("User-Agent", "Expect", "X-Amzn-Trace-Id"):  # botocore does not sign these
        if rng.random() < 0.4:
            headers.append((name, _header_value(rng) or "Boto3/1.26 Python/3.11"))
    if rng.random() < 0.3:
        headers.append(("Content-Length", str(rng.randrange(100000))))
    if rng.random() < 0.5:
        headers = [(_mixed_case(rng, n), v) for n, v in headers]
    rng.shuffle(headers)
    return headers


def _body(rng):
    kind = rng.randrange(8)
    if kind == 0:
        return ""
    if kind == 1:
        return _text(rng, rng.randint(90000, 110000), [PLAIN + ODD + CONTROLS + WHITESPACE])
    if kind in (2, 3):
        return _text(rng, rng.randint(1, 300), [CONTROLS + ODD, PLAIN + ODD + LOOKALIKES])
    value = _text(rng, rng.randint(0, 40), [PLAIN + ODD + CONTROLS + WHITESPACE])
    item = {"TableName": "Messages", "Item": {"pk": {"S": value}, "n": {"N": "-1.5e3"}}}
    return json.dumps(item, ensure_ascii=rng.random() < 0.3)


def _path_and_query(rng):
    path = "/" + "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(0, 6)))
    if rng.random() < 0.2:
        path += "/"
    if rng.random() < 0.1:
        path = rng.choice(["", "/", "//", "/./", "/../"])
    pairs = []
    for _ in range(rng.choice([0, 1, 2, 4, 6])):
        key = rng.choice(QUERY_PARTS)
        pairs.append(key if rng.random() < 0.2 else key + "=" + rng.choice(QUERY_PARTS))
    return path, "&".join(pairs)


def _credentials(rng):
    b64 = PLAIN[:-3] + list("+/")
    access = rng.choice(["AKIDEXAMPLE", "AKIA" + _text(rng, 16, [PLAIN[26:]]), "local"])
    secret = rng.choice(["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", _text(rng, 40, [b64])])
    token = ""
    if rng.random() < 0.4:
        token = _text(rng, rng.randint(16, 900), [b64]) + rng.choice(["", "=", "=="])
    return access, secret, token


def _time(rng):
    if rng.random() < 0.3:
        return rng.choice(SPECIAL_TIMES)
    day = rng.randrange(_epoch(1990, 1, 1), _epoch(2100, 1, 1), 86400)
    return day + rng.choice([0, 1, 86399, 86398, rng.randrange(86400)])


def generate(count, seed=20240229):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        url, host = rng.choice(ENDPOINTS)
        access, secret, token = _credentials(rng)
        case = {"method": "POST", "path": "/", "query": "", "headers": _headers(rng, host),
                "body": _body(rng), "access_key": access, "secret_key": secret, "token": token,
                "region": rng.choice(REGIONS), "service": rng.choice(SERVICES),
                "time": _time(rng), "url": url}
        if rng.random() < 0.3:
            case["method"] = "GET"
            case["path"], case["query"] = _path_and_query(rng)
            case["body"] = "" if rng.random() < 0.8 else case["body"]
        cases.append(case)
    return cases


CASES = generate(COUNT)


def full_url(case):
    url = case["url"] + case["path"] + ("?" + case["query"] if case["query"] else "")
    parts = urlsplit(url)  # the test only uses paths and queries urlsplit keeps as they are
    assert (parts.path, parts.query) == (case["path"], case["query"]), url
    return url


class RecordingSigV4Auth(botocore.auth.SigV4Auth):
    canonical = None

    def canonical_request(self, request):
        self.canonical = super().canonical_request(request)
        return self.canonical


def botocore_sign(case):
    """Signs `case` with botocore at case["time"]; returns (added headers, canonical request)."""
    request = AWSRequest(method=case["method"], url=full_url(case), data=case["body"].encode())
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names are kept
    credentials = Credentials(case["access_key"], case["secret_key"], case["token"] or None)
    auth = RecordingSigV4Auth(credentials, case["service"], case["region"])
    now = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=case["time"])

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return now

    # SigV4Auth.add_auth reads the clock as `datetime.datetime.utcnow()` (`import datetime`).
    with mock.patch.object(botocore.auth, "datetime",
                           types.SimpleNamespace(datetime=FrozenDatetime)):
        auth.add_auth(request)
    added = [(name, request.headers[name]) for name in ADDED if name in request.headers]
    return added, auth.canonical


def run_tool(cases):
    if not TOOL.is_file():
        pytest.skip(f"{TOOL} is missing: build it (tools/dev build) or set DDB_SIGV4_TOOL")
    keys = ("method", "path", "query", "headers", "body", "access_key", "secret_key", "token",
            "region", "service", "time")
    stdin = "".join(json.dumps({k: c[k] for k in keys}) + "\n" for c in cases)
    done = subprocess.run([str(TOOL)], input=stdin, capture_output=True, encoding="utf-8",
                          timeout=300, check=False)
    assert done.returncode == 0, f"{TOOL} exited with {done.returncode}: {done.stderr}"
    lines = done.stdout.splitlines()
    assert len(lines) == len(cases), f"{len(cases)} requests in, {len(lines)} lines out"
    return [[tuple(h) for h in json.loads(line)["headers"]] for line in lines]


@pytest.fixture(scope="module")
def tool_output():
    return run_tool(CASES)


def _shorten(text, limit=400):
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def check(index, case, actual, expected, canonical):
    if actual == expected:
        return
    shown = dict(case, body=_shorten(case["body"]), token=_shorten(case["token"], 40))
    print(f"botocore's canonical request for request #{index}:\n{canonical}")
    pytest.fail(f"request #{index} signed differently\n"
                f"request: {json.dumps(shown, ensure_ascii=True)}\n"
                f"botocore: {expected}\nclient:   {actual}\n"
                f"botocore canonical request (repr):\n{canonical!r}", pytrace=False)


@pytest.mark.parametrize("index", range(COUNT), ids=lambda i: f"req{i:03d}")
def test_signature_matches_botocore(index, tool_output):
    expected, canonical = botocore_sign(CASES[index])
    check(index, CASES[index], tool_output[index], expected, canonical)


def test_cases_cover_the_edges():
    joined = "".join(v for c in CASES for _, v in c["headers"])
    assert set(WHITESPACE) <= set(joined) and set(LOOKALIKES) <= set(joined)
    assert sum(bool(c["token"]) for c in CASES) > COUNT // 4
    assert sum(c["method"] == "GET" for c in CASES) > COUNT // 5
    assert any(len(c["body"]) > 90000 for c in CASES) and any(not c["body"] for c in CASES)
    names = [[n.lower() for n, _ in c["headers"]] for c in CASES]
    assert any(len(n) != len(set(n)) for n in names)  # repeated header names


def test_aws_suite_get_vanilla():
    """AWS's SigV4 test suite case get-vanilla: anchors botocore, the frozen clock and the tool."""
    case = {"method": "GET", "path": "/", "query": "", "body": "", "token": "",
            "headers": [("Host", "example.amazonaws.com")], "access_key": "AKIDEXAMPLE",
            "secret_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "region": "us-east-1",
            "service": "service", "time": _epoch(2015, 8, 30, 12, 36), "url": "https://x"}
    expected, canonical = botocore_sign(case)
    assert expected[1][1].endswith(
        "SignedHeaders=host;x-amz-date, "
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    check("get-vanilla", case, run_tool([case])[0], expected, canonical)


def test_transfer_encoding_is_not_signed():
    """The client leaves Transfer-Encoding unsigned, as botocore does since 1.36 (boto/botocore
    #3351; the proxies in between may rewrite it). Older botocore signs it, so compare against
    botocore with the header added to its list of unsigned ones."""
    case = dict(CASES[0], headers=CASES[0]["headers"] + [("Transfer-Encoding", "chunked")])
    blocked = sorted(set(botocore.auth.SIGNED_HEADERS_BLACKLIST) | {"transfer-encoding"})
    with mock.patch.object(botocore.auth, "SIGNED_HEADERS_BLACKLIST", blocked):
        expected, canonical = botocore_sign(case)
    check("TE", case, run_tool([case])[0], expected, canonical)
