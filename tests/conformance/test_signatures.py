# --require-signature: Signature V4 verified as the service verifies it (docs/notes/
# service-surface.md §10), against the credentials of a file in the AWS CLI's format. Each test
# talks to a ddb-server of its own; boto3 and botocore's signer make the requests.
import datetime
import http.client
import json
import urllib.parse
from unittest import mock

import boto3
import botocore.auth
import botocore.exceptions
import pytest
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

import dynamodb_local
from ddbtest import REGION, start_server, stop_server

KEY, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TEMP_KEY, TEMP_SECRET, TOKEN = "ASIATEMP", "temp-secret", "the-session-token"
BAD_SIGNATURE = ("The request signature we calculated does not match the signature you "
                 "provided. Check your AWS Secret Access Key and signing method. Consult the "
                 "service documentation for details.")
SERVICE = "com.amazon.coral.service#"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    creds = tmp_path_factory.mktemp("creds") / "credentials"
    creds.write_text("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n"
                     "[temp]\naws_access_key_id = %s\naws_secret_access_key = %s\n"
                     "aws_session_token = %s\n" % (KEY, SECRET, TEMP_KEY, TEMP_SECRET, TOKEN))
    proc, port = start_server(["--require-signature", "--credentials", str(creds)])
    try:
        dynamodb_local.wait_until_answers(port, proc, timeout=30)
        yield "http://127.0.0.1:%d" % port
    finally:
        stop_server(proc)


def client(endpoint, key=KEY, secret=SECRET, token=None):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        aws_session_token=token, config=Config(retries={"max_attempts": 1}))


def send(endpoint, data="{}", key=KEY, secret=SECRET, when=None, query=False, tamper=None):
    """A ListTables signed by botocore at `when` (default now); returns (status, JSON)."""
    url = endpoint + "/"
    request = AWSRequest(method="POST", url=url, data=data, headers={
        "X-Amz-Target": "DynamoDB_20120810.ListTables",
        "Content-Type": "application/x-amz-json-1.0"})
    signer = (SigV4QueryAuth if query else SigV4Auth)(Credentials(key, secret), "dynamodb",
                                                      REGION, **({"expires": 300} if query else {}))
    if when is None:
        signer.add_auth(request)
    else:  # botocore reads the clock in add_auth
        class Clock(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return when.replace(tzinfo=None)
        with mock.patch.object(botocore.auth.datetime, "datetime", Clock):
            signer.add_auth(request)
    prepared = request.prepare()
    headers = dict(prepared.headers)
    if tamper:
        tamper(headers)
    parsed = urllib.parse.urlparse(prepared.url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    path = parsed.path + ("?" + parsed.query if parsed.query else "")
    conn.request("POST", path, body=prepared.body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, json.loads(data) if data else {}


def error(answer):
    status, body = answer
    return status, body.get("__type"), body.get("message", body.get("Message"))


def test_signed_requests_work(endpoint):
    ddb = client(endpoint)
    assert ddb.list_tables()["TableNames"] == []
    ddb.create_table(TableName="signed", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}])
    ddb.put_item(TableName="signed", Item={"k": {"S": "a"}})
    assert ddb.get_item(TableName="signed", Key={"k": {"S": "a"}})["Item"] == {"k": {"S": "a"}}


def test_query_string_signature(endpoint):
    # botocore presigns this request with an empty payload (and sends none): the signature
    # passes and the empty body is the next thing refused.
    assert error(send(endpoint, data="", query=True)) == (
        400, SERVICE + "SerializationException", None)
    def change_target(headers):
        headers["X-Amz-Target"] = "DynamoDB_20120810.DescribeLimits"
    assert error(send(endpoint, data="", query=True, tamper=change_target))[1] == (
        SERVICE + "InvalidSignatureException")


def test_wrong_secret(endpoint):
    with pytest.raises(botocore.exceptions.ClientError) as info:
        client(endpoint, secret="not-the-secret").list_tables()
    err = info.value.response["Error"]
    assert (err["Code"], err["Message"]) == ("InvalidSignatureException", BAD_SIGNATURE)


def test_unknown_access_key(endpoint):
    assert error(send(endpoint, key="AKIDUNKNOWN")) == (
        400, SERVICE + "UnrecognizedClientException",
        "The security token included in the request is invalid.")


def test_tampered_body_or_header(endpoint):
    def change_target(headers):
        headers["X-Amz-Target"] = "DynamoDB_20120810.DescribeLimits"
    assert error(send(endpoint, tamper=change_target))[1] == SERVICE + "InvalidSignatureException"


def test_expired_and_future_signatures(endpoint):
    now = datetime.datetime.now(datetime.timezone.utc)
    status, kind, message = error(send(endpoint, when=now - datetime.timedelta(minutes=20)))
    assert (status, kind) == (400, SERVICE + "InvalidSignatureException")
    assert message.startswith("Signature expired: ") and message.endswith(" - 15 min.)"), message
    assert " is now earlier than " in message
    status, kind, message = error(send(endpoint, when=now + datetime.timedelta(minutes=20)))
    assert kind == SERVICE + "InvalidSignatureException"
    assert message.startswith("Signature not yet current: ") and " is still later than " in message
    assert send(endpoint, when=now - datetime.timedelta(minutes=10))[0] == 200  # within 15


def test_session_token(endpoint):
    assert "TableNames" in client(endpoint, TEMP_KEY, TEMP_SECRET, TOKEN).list_tables()
    with pytest.raises(botocore.exceptions.ClientError) as info:
        client(endpoint, TEMP_KEY, TEMP_SECRET, "another-token").list_tables()
    assert info.value.response["Error"]["Code"] == "UnrecognizedClientException"


def test_missing_and_incomplete_authorization(endpoint):
    def drop(headers):
        del headers["Authorization"]
    assert error(send(endpoint, tamper=drop)) == (
        400, SERVICE + "MissingAuthenticationTokenException",
        "Request is missing Authentication Token")

    def no_date(headers):
        del headers["X-Amz-Date"]
    status, kind, message = error(send(endpoint, tamper=no_date))
    assert kind == SERVICE + "IncompleteSignatureException"
    assert message.startswith("Authorization header requires existence of either a "
                              "'X-Amz-Date' or a 'Date' header.")


def test_flags_need_a_credentials_file():
    proc, _ = start_server(["--require-signature"], stdout=None)
    assert proc.wait(timeout=10) != 0


def test_authorization_parameters_in_any_order_and_the_algorithm(endpoint):
    def reorder(headers):  # SignedHeaders and Signature before Credential: still valid
        algorithm, rest = headers["Authorization"].split(" ", 1)
        parts = [p.strip() for p in rest.split(",")]
        headers["Authorization"] = algorithm + " " + ", ".join(parts[::-1])
    assert send(endpoint, tamper=reorder)[0] == 200

    def other_algorithm(headers):
        headers["Authorization"] = headers["Authorization"].replace("AWS4-HMAC-SHA256",
                                                                    "AWS4-HMAC-SHA512", 1)
    assert error(send(endpoint, tamper=other_algorithm)) == (
        400, SERVICE + "IncompleteSignatureException",
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ")
