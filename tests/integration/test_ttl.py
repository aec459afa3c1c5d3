# Time to live: the background sweeper deletes items whose TTL attribute (epoch seconds) has
# passed, within the configured --ttl-interval; items without the attribute, with a future or
# non-numeric expiry, or expired more than five years ago are kept (as in DynamoDB). Each deletion
# is a stream REMOVE record whose userIdentity is the DynamoDB service, and indexes follow it.
import time

from conftest import all_records, create_table, scan_all


def test_sweeper_deletes_expired_items_with_service_identity(servers, data_dir):
    server = servers(db_path=data_dir, extra=["--ttl-interval", "0.1"])
    ddb = server.client()
    desc = create_table(ddb, "ttl_t", StreamSpecification={"StreamEnabled": True,
                                                           "StreamViewType": "OLD_IMAGE"},
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "g", "AttributeType": "S"}],
                        GlobalSecondaryIndexes=[{"IndexName": "by_g", "KeySchema": [
                            {"AttributeName": "g", "KeyType": "HASH"}],
                            "Projection": {"ProjectionType": "ALL"}}])
    now = int(time.time())
    items = {
        "expired": {"exp": {"N": str(now - 10)}, "g": {"S": "x"}},
        "future": {"exp": {"N": str(now + 3600)}, "g": {"S": "x"}},
        "no_attr": {"g": {"S": "x"}},
        "string": {"exp": {"S": str(now - 10)}},
        "ancient": {"exp": {"N": str(now - 6 * 365 * 24 * 3600)}},
    }
    for pk, attrs in items.items():
        ddb.put_item(TableName="ttl_t", Item=dict(attrs, pk={"S": pk}))
    spec = {"Enabled": True, "AttributeName": "exp"}
    assert ddb.update_time_to_live(TableName="ttl_t", TimeToLiveSpecification=spec)[
        "TimeToLiveSpecification"] == spec
    deadline = time.time() + 10
    while any(i["pk"]["S"] == "expired" for i in scan_all(ddb, "ttl_t")):
        assert time.time() < deadline, "expired item was never deleted"
        time.sleep(0.05)
    assert sorted(i["pk"]["S"] for i in scan_all(ddb, "ttl_t")) == [
        "ancient", "future", "no_attr", "string"]
    index = ddb.query(TableName="ttl_t", IndexName="by_g", KeyConditionExpression="g = :g",
                      ExpressionAttributeValues={":g": {"S": "x"}})
    assert sorted(i["pk"]["S"] for i in index["Items"]) == ["future", "no_attr"]
    removes = [r for r in all_records(server.streams(), desc["LatestStreamArn"])
               if r["eventName"] == "REMOVE"]
    assert len(removes) == 1
    assert removes[0]["dynamodb"]["Keys"] == {"pk": {"S": "expired"}}
    assert removes[0]["userIdentity"] == {"PrincipalId": "dynamodb.amazonaws.com",
                                          "Type": "Service"}


def test_ttl_setting_survives_restart(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "ttl_r")
    ddb.update_time_to_live(TableName="ttl_r",
                            TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    server.stop()
    ddb = servers(db_path=data_dir).client()
    assert ddb.describe_time_to_live(TableName="ttl_r")["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "exp"}
