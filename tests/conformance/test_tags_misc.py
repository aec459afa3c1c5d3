# Pins the small control-plane operations: DescribeTimeToLive / UpdateTimeToLive (state
# machine and messages as DynamoDB Local gives them: changes take effect at once),
# DescribeLimits, deletion protection blocking DeleteTable until UpdateTable lifts it, and
# - as `local_deviation`, because DynamoDB Local answers them with UnknownOperationException -
# TagResource / UntagResource / ListTagsOfResource (by TableArn, 50-tag limit, tag key/value
# rules and messages as the service gives them), DescribeEndpoints and
# DescribeContinuousBackups / UpdateContinuousBackups (PointInTimeRecoverySpecification).
import pytest

from ddbtest import (LENGTH_MSG, MAX, MIN, NOT_NULL, REQUIRED_MSG, assert_client_error,
                     assert_raw_error, one_violation, table_not_found_msg)



def table_arn(raw, name):
    return raw.ok("DescribeTable", {"TableName": name})["Table"]["TableArn"]


def ttl_spec(enabled, attr="exp"):
    return {"TimeToLiveSpecification": {"Enabled": enabled, "AttributeName": attr}}


# --- TimeToLive ---------------------------------------------------------------------------

def test_ttl_disabled_by_default(raw, table):
    assert raw.ok("DescribeTimeToLive", {"TableName": table}) == {
        "TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}}


def test_ttl_enable_describe_disable(raw, table):
    r = raw.ok("UpdateTimeToLive", dict(ttl_spec(True), TableName=table))
    assert r == {"TimeToLiveSpecification": {"Enabled": True, "AttributeName": "exp"}}
    assert raw.ok("DescribeTimeToLive", {"TableName": table}) == {
        "TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"}}
    r = raw.ok("UpdateTimeToLive", dict(ttl_spec(False), TableName=table))
    assert r == {"TimeToLiveSpecification": {"Enabled": False, "AttributeName": "exp"}}
    assert raw.ok("DescribeTimeToLive", {"TableName": table}) == {
        "TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}}


def test_ttl_reenable_on_another_attribute(raw, table):
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True), TableName=table))
    raw.ok("UpdateTimeToLive", dict(ttl_spec(False), TableName=table))
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True, "other"), TableName=table))
    assert raw.ok("DescribeTimeToLive", {"TableName": table})["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "other"}


def test_ttl_via_boto3(ddb, table):
    r = ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={
        "Enabled": True, "AttributeName": "expires_at"})
    assert r["TimeToLiveSpecification"] == {"Enabled": True, "AttributeName": "expires_at"}
    d = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert d == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}


def test_ttl_already_enabled(raw, table):
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True), TableName=table))
    assert_raw_error(raw.call("UpdateTimeToLive", dict(ttl_spec(True), TableName=table)),
                     "ValidationException", "TimeToLive is already enabled")


@pytest.mark.parametrize("enabled", [True, False])
def test_ttl_active_on_another_attribute(raw, table, enabled):
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True), TableName=table))
    r = raw.call("UpdateTimeToLive", dict(ttl_spec(enabled, "other"), TableName=table))
    assert_raw_error(r, "ValidationException", "TimeToLive is active on a different AttributeName")
    assert raw.ok("DescribeTimeToLive", {"TableName": table})["TimeToLiveDescription"][
        "AttributeName"] == "exp"


def test_ttl_already_disabled(raw, table):
    assert_raw_error(raw.call("UpdateTimeToLive", dict(ttl_spec(False), TableName=table)),
                     "ValidationException", "TimeToLive is already disabled")
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True), TableName=table))
    raw.ok("UpdateTimeToLive", dict(ttl_spec(False), TableName=table))
    assert_raw_error(raw.call("UpdateTimeToLive", dict(ttl_spec(False), TableName=table)),
                     "ValidationException", "TimeToLive is already disabled")


def test_ttl_on_key_attribute_is_allowed(raw, table):
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True, "sk"), TableName=table))
    assert raw.ok("DescribeTimeToLive", {"TableName": table})["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "sk"}


@pytest.mark.parametrize("op,payload", [
    ("UpdateTimeToLive", dict(ttl_spec(True), TableName="conf-no-such-table")),
    ("DescribeTimeToLive", {"TableName": "conf-no-such-table"}),
])
@pytest.mark.local_deviation
def test_ttl_nonexistent_table(raw, op, payload):
    assert_raw_error(raw.call(op, payload), "ResourceNotFoundException",
                     table_not_found_msg("conf-no-such-table"))


def ttl_missing(member=None):
    path = "timeToLiveSpecification" + ("." + member if member else "")
    return one_violation(None, path, NOT_NULL)


# docs/notes/service-errors.md §2.16. DynamoDB Local: "Names of key attributes and attributes
# projected into an index must be between 1 and 255 characters, inclusive", "AttributeName cannot
# be null when time to live is being enabled", "TimeToLiveSpecification cannot be null".
@pytest.mark.local_deviation
@pytest.mark.parametrize("spec,message", [
    # Captured from the service (dynalite test/updateTimeToLive.js) for {AttributeName: "",
    # Enabled: true} on a table that does not exist: a semantic message, not a length violation.
    ({"Enabled": True, "AttributeName": ""},
     "TimeToLiveSpecification.AttributeName must be non empty"),
    ({"Enabled": True}, ttl_missing("attributeName")),
    ({"AttributeName": "exp"}, ttl_missing("enabled")),
    # The service's text for a missing specification was not captured; this is the model's.
    (None, ttl_missing()),
], ids=["empty-name", "no-name", "no-enabled", "no-spec"])
def test_ttl_validation(raw, table, spec, message):
    payload = {"TableName": table}
    if spec is not None:
        payload["TimeToLiveSpecification"] = spec
    assert_raw_error(raw.call("UpdateTimeToLive", payload), "ValidationException", message)
    assert raw.ok("DescribeTimeToLive", {"TableName": table})["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "DISABLED"}


@pytest.mark.local_deviation  # Local: its "Invalid table/index name. ..." text for both
@pytest.mark.parametrize("payload,message", [({}, REQUIRED_MSG), ({"TableName": "ab"}, LENGTH_MSG)],
                         ids=["missing", "short"])
def test_describe_ttl_bad_table_name(raw, payload, message):
    assert_raw_error(raw.call("DescribeTimeToLive", payload), "ValidationException", message)


def test_ttl_cli(aws_cli, table):
    r = aws_cli("update-time-to-live", "--table-name", table, "--time-to-live-specification",
                "Enabled=true,AttributeName=ttl")
    assert r.rc == 0, r
    assert r.json == {"TimeToLiveSpecification": {"Enabled": True, "AttributeName": "ttl"}}
    r = aws_cli("describe-time-to-live", "--table-name", table)
    assert r.json == {"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED",
                                                "AttributeName": "ttl"}}


# --- DescribeLimits / DescribeEndpoints ---------------------------------------------------

def test_describe_limits(raw, ddb):
    assert raw.ok("DescribeLimits", {}) == {
        "AccountMaxReadCapacityUnits": 80000, "AccountMaxWriteCapacityUnits": 80000,
        "TableMaxReadCapacityUnits": 40000, "TableMaxWriteCapacityUnits": 40000}
    r = ddb.describe_limits()
    assert r["TableMaxWriteCapacityUnits"] == 40000


@pytest.mark.local_deviation
def test_describe_endpoints(raw):
    r = raw.ok("DescribeEndpoints", {})
    assert set(r) == {"Endpoints"} and len(r["Endpoints"]) == 1
    ep, = r["Endpoints"]
    assert set(ep) == {"Address", "CachePeriodInMinutes"}
    assert isinstance(ep["Address"], str) and ep["Address"]
    assert ep["CachePeriodInMinutes"] == 1440


# --- Deletion protection ------------------------------------------------------------------

def test_delete_table_refused_while_protected(raw, ddb, make_table):
    name = make_table(range_type=None)
    r = raw.ok("UpdateTable", {"TableName": name, "DeletionProtectionEnabled": True})
    assert r["TableDescription"]["DeletionProtectionEnabled"] is True
    raw.ok("UpdateTimeToLive", dict(ttl_spec(True), TableName=name))
    ddb.put_item(TableName=name, Item={"pk": {"S": "still-writable"}})
    assert_raw_error(raw.call("DeleteTable", {"TableName": name}), "ValidationException",
                     "Resource cannot be deleted as it is currently protected against deletion. "
                     "Disable deletion protection first.")
    assert name in ddb.list_tables()["TableNames"]
    r = raw.ok("UpdateTable", {"TableName": name, "DeletionProtectionEnabled": False})
    assert r["TableDescription"]["DeletionProtectionEnabled"] is False
    assert raw.ok("DeleteTable", {"TableName": name})["TableDescription"]["TableName"] == name
    assert_client_error(ddb.describe_table, "ResourceNotFoundException", TableName=name)


# --- Tags (DynamoDB Local: "Tagging is not currently supported in DynamoDB Local.") -------

def list_tags(raw, arn):
    r = raw.ok("ListTagsOfResource", {"ResourceArn": arn})
    assert set(r) == {"Tags"}, r
    return sorted((t["Key"], t["Value"]) for t in r["Tags"])


def tag(raw, arn, tags):
    return raw.call("TagResource", {"ResourceArn": arn, "Tags": [
        {"Key": k, "Value": v} for k, v in tags]})


@pytest.mark.local_deviation
def test_new_table_has_no_tags(raw, table):
    assert raw.ok("ListTagsOfResource", {"ResourceArn": table_arn(raw, table)}) == {"Tags": []}


@pytest.mark.local_deviation
def test_tag_list_overwrite_untag(raw, table):
    arn = table_arn(raw, table)
    r = tag(raw, arn, [("env", "test"), ("team", "db"), ("empty", "")])
    assert r.status == 200 and r.json == {}, r
    assert list_tags(raw, arn) == [("empty", ""), ("env", "test"), ("team", "db")]
    assert tag(raw, arn, [("env", "prod")]).status == 200
    assert list_tags(raw, arn) == [("empty", ""), ("env", "prod"), ("team", "db")]
    r = raw.call("UntagResource", {"ResourceArn": arn, "TagKeys": ["team", "not-there"]})
    assert r.status == 200 and r.json == {}, r
    assert list_tags(raw, arn) == [("empty", ""), ("env", "prod")]


@pytest.mark.local_deviation
def test_tags_via_boto3_and_create_table(ddb, make_table, raw):
    name = make_table(Tags=[{"Key": "created", "Value": "yes"}])
    arn = table_arn(raw, name)
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
    got = ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]
    assert sorted(got, key=lambda t: t["Key"]) == [{"Key": "created", "Value": "yes"},
                                                   {"Key": "k", "Value": "v"}]
    ddb.untag_resource(ResourceArn=arn, TagKeys=["created"])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "k", "Value": "v"}]


@pytest.mark.local_deviation
def test_tag_length_limits_accepted(raw, table):
    arn = table_arn(raw, table)
    assert tag(raw, arn, [("k" * 128, "v" * 256), ("a+b-c=d.e_f:g/h@i", "x y")]).status == 200
    assert len(list_tags(raw, arn)) == 2


@pytest.mark.local_deviation
@pytest.mark.parametrize("tags,message,exact", [
    ([], "Atleast one Tag needs to be provided as Input.", True),
    # The model's lengths (Key 1..128, Value 0..256, Value required) come first, as constraint
    # violations of the second tag.
    ([{"Key": "k" * 129, "Value": "v"}], one_violation("k" * 129, "tags.2.member.key", MAX % 128),
     True),
    ([{"Key": "", "Value": "v"}], one_violation("", "tags.2.member.key", MIN % 1), True),
    ([{"Key": "k", "Value": "v" * 257}],
     one_violation("v" * 257, "tags.2.member.value", MAX % 256), True),
    ([{"Key": "k"}], one_violation(None, "tags.2.member.value", NOT_NULL), True),
    ([{"Key": "k", "Value": "100%"}], "The Tag Value provided is invalid, Value: ", False),
    ([{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}],
     "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup", True),
    ([{"Key": "aws:zzz", "Value": "1"}], "Tag Key cannot be prefixed with aws:, Key: aws:zzz",
     True),
], ids=["none", "key-129", "key-empty", "value-257", "value-missing", "value-charset",
        "duplicate", "aws-prefix"])
def test_tag_validation_is_all_or_nothing(raw, table, tags, message, exact):
    arn = table_arn(raw, table)
    r = raw.call("TagResource", {"ResourceArn": arn,
                                 "Tags": [{"Key": "good", "Value": "1"}] + tags if tags else []})
    assert_raw_error(r, "ValidationException", message if exact else None)
    assert r.message.startswith(message), r
    assert list_tags(raw, arn) == []


@pytest.mark.local_deviation
def test_fifty_tags_limit(raw, table):
    arn = table_arn(raw, table)
    assert tag(raw, arn, [("k%02d" % i, "v") for i in range(50)]).status == 200
    assert tag(raw, arn, [("k00", "overwrite is fine")]).status == 200
    assert_raw_error(tag(raw, arn, [("one-more", "v")]), "ValidationException",
                     "Number of Tags exceed the current limit for the provided ResourceArn")
    assert len(list_tags(raw, arn)) == 50


@pytest.mark.local_deviation
@pytest.mark.parametrize("keys,message,exact", [
    ([], "Atleast one Tag Key needs to be provided as Input.", True),
    (["k" * 129], one_violation("k" * 129, "tagKeys.1.member", MAX % 128), True),
], ids=["none", "key-129"])
def test_untag_validation(raw, table, keys, message, exact):
    r = raw.call("UntagResource", {"ResourceArn": table_arn(raw, table), "TagKeys": keys})
    assert_raw_error(r, "ValidationException", message if exact else None)
    assert r.message.startswith(message), r


@pytest.mark.local_deviation
def test_tag_nonexistent_table(raw, table):
    arn = table_arn(raw, table)
    missing = arn[:arn.rindex("/") + 1] + "conf-no-such-table"
    assert_raw_error(tag(raw, missing, [("a", "b")]), "ResourceNotFoundException",
                     "Requested resource not found: ResourcArn: %s not found" % missing)
    assert_raw_error(raw.call("UntagResource", {"ResourceArn": missing, "TagKeys": ["a"]}),
                     "ResourceNotFoundException")
    assert_raw_error(raw.call("ListTagsOfResource", {"ResourceArn": missing}),
                     "ResourceNotFoundException")


# --- Continuous backups (DynamoDB Local: UnknownOperationException) -----------------------

def pitr(raw, name, enabled):
    return raw.call("UpdateContinuousBackups", {
        "TableName": name, "PointInTimeRecoverySpecification": {
            "PointInTimeRecoveryEnabled": enabled}})


@pytest.mark.local_deviation
def test_continuous_backups_default(raw, table):
    assert raw.ok("DescribeContinuousBackups", {"TableName": table}) == {
        "ContinuousBackupsDescription": {
            "ContinuousBackupsStatus": "ENABLED",
            "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}}}


@pytest.mark.local_deviation
def test_point_in_time_recovery_enable_disable(raw, table):
    r = pitr(raw, table, True)
    assert r.status == 200, r
    d = r.json["ContinuousBackupsDescription"]
    assert d["ContinuousBackupsStatus"] == "ENABLED"
    p = d["PointInTimeRecoveryDescription"]
    assert p["PointInTimeRecoveryStatus"] == "ENABLED"
    assert isinstance(p["EarliestRestorableDateTime"], (int, float))
    assert isinstance(p["LatestRestorableDateTime"], (int, float))
    described = raw.ok("DescribeContinuousBackups", {"TableName": table})
    assert described["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"][
        "PointInTimeRecoveryStatus"] == "ENABLED"
    r = pitr(raw, table, False)
    assert r.status == 200, r
    assert r.json["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"][
        "PointInTimeRecoveryStatus"] == "DISABLED"
    assert raw.ok("DescribeContinuousBackups", {"TableName": table}) == {
        "ContinuousBackupsDescription": {
            "ContinuousBackupsStatus": "ENABLED",
            "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}}}


@pytest.mark.local_deviation
def test_continuous_backups_nonexistent_table(raw):
    assert_raw_error(raw.call("DescribeContinuousBackups", {"TableName": "conf-no-such-table"}),
                     "TableNotFoundException")
    assert_raw_error(pitr(raw, "conf-no-such-table", True), "TableNotFoundException")


@pytest.mark.local_deviation
def test_update_continuous_backups_needs_specification(raw, table):
    assert_raw_error(raw.call("UpdateContinuousBackups", {"TableName": table}),
                     "ValidationException")


# docs/notes/service-errors.md §2.17: a missing ResourceArn is "Invalid TableArn", before the
# constraint list (which would otherwise report the missing Tags or TagKeys as well).
@pytest.mark.local_deviation
@pytest.mark.parametrize("op,payload", [("TagResource", {}), ("UntagResource", {}),
                                        ("ListTagsOfResource", {})])
def test_missing_resource_arn_comes_first(raw, op, payload):
    assert_raw_error(raw.call(op, payload), "ValidationException", "Invalid TableArn")
