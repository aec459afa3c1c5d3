// Typed requests -> the DynamoDB and DynamoDB Streams APIs' JSON.
#include "client/protocol/dynamodb_json.h"
#include "core/json_writer.h"
#include "core/value_json.h"

namespace ddb::client {
namespace {

std::string_view ReturnValuesName(ReturnValues v) {
  switch (v) {
    case ReturnValues::kNone:
      return "NONE";
    case ReturnValues::kAllOld:
      return "ALL_OLD";
    case ReturnValues::kUpdatedOld:
      return "UPDATED_OLD";
    case ReturnValues::kAllNew:
      return "ALL_NEW";
    case ReturnValues::kUpdatedNew:
      return "UPDATED_NEW";
  }
  return "NONE";
}

void ItemMember(JsonWriter& w, std::string_view key, const Item& item) {
  w.Key(key);
  WriteItem(w, item);
}

void OptionalMember(JsonWriter& w, std::string_view key, std::string_view value) {
  if (!value.empty()) w.Member(key, value);
}

void ExpressionMembers(JsonWriter& w, const Expressions& e) {
  if (!e.names.empty()) {
    w.Key("ExpressionAttributeNames");
    w.BeginObject();
    for (const auto& [name, attribute] : e.names) w.Member(name, attribute);
    w.EndObject();
  }
  if (!e.values.empty()) ItemMember(w, "ExpressionAttributeValues", e.values);
}

// The members every single-item write shares.
void WriteMembers(JsonWriter& w, std::string_view condition, const Expressions& e,
                  ReturnValues return_values, bool item_on_condition_failure) {
  OptionalMember(w, "ConditionExpression", condition);
  ExpressionMembers(w, e);
  if (return_values != ReturnValues::kNone) {
    w.Member("ReturnValues", ReturnValuesName(return_values));
  }
  if (item_on_condition_failure) w.Member("ReturnValuesOnConditionCheckFailure", "ALL_OLD");
}

void KeySchema(JsonWriter& w, const std::vector<KeyElement>& key) {
  w.Key("KeySchema");
  w.BeginArray();
  for (const auto& k : key) {
    w.BeginObject();
    w.Member("AttributeName", k.name);
    w.Member("KeyType", k.hash ? "HASH" : "RANGE");
    w.EndObject();
  }
  w.EndArray();
}

void ThroughputMember(JsonWriter& w, const Throughput& t) {
  w.Key("ProvisionedThroughput");
  w.BeginObject();
  w.MemberInt("ReadCapacityUnits", t.read);
  w.MemberInt("WriteCapacityUnits", t.write);
  w.EndObject();
}

void GlobalIndexJson(JsonWriter& w, const GlobalIndex& index) {
  w.BeginObject();
  w.Member("IndexName", index.name);
  KeySchema(w, index.key);
  w.Key("Projection");
  w.BeginObject();
  w.Member("ProjectionType", index.projection);
  if (!index.non_key_attributes.empty()) {
    w.Key("NonKeyAttributes");
    w.BeginArray();
    for (const auto& a : index.non_key_attributes) w.String(a);
    w.EndArray();
  }
  w.EndObject();
  if (index.throughput) ThroughputMember(w, *index.throughput);
  w.EndObject();
}

std::string_view IteratorTypeName(IteratorType t) {
  switch (t) {
    case IteratorType::kTrimHorizon:
      return "TRIM_HORIZON";
    case IteratorType::kLatest:
      return "LATEST";
    case IteratorType::kAtSequence:
      return "AT_SEQUENCE_NUMBER";
    case IteratorType::kAfterSequence:
      return "AFTER_SEQUENCE_NUMBER";
  }
  return "TRIM_HORIZON";
}

std::string_view ActionName(TransactAction::Kind kind) {
  switch (kind) {
    case TransactAction::Kind::kPut:
      return "Put";
    case TransactAction::Kind::kUpdate:
      return "Update";
    case TransactAction::Kind::kDelete:
      return "Delete";
    case TransactAction::Kind::kConditionCheck:
      return "ConditionCheck";
  }
  return "Put";
}

}  // namespace

std::string ToJson(const GetItemRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  ItemMember(w, "Key", r.key);
  if (r.consistent_read) w.MemberBool("ConsistentRead", true);
  OptionalMember(w, "ProjectionExpression", r.projection);
  ExpressionMembers(w, r.expressions);
  w.EndObject();
  return out;
}

std::string ToJson(const PutItemRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  ItemMember(w, "Item", r.item);
  WriteMembers(w, r.condition, r.expressions, r.return_values, r.item_on_condition_failure);
  w.EndObject();
  return out;
}

std::string ToJson(const UpdateItemRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  ItemMember(w, "Key", r.key);
  OptionalMember(w, "UpdateExpression", r.update);
  WriteMembers(w, r.condition, r.expressions, r.return_values, r.item_on_condition_failure);
  w.EndObject();
  return out;
}

std::string ToJson(const DeleteItemRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  ItemMember(w, "Key", r.key);
  WriteMembers(w, r.condition, r.expressions, r.return_values, r.item_on_condition_failure);
  w.EndObject();
  return out;
}

std::string ToJson(const QueryRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  OptionalMember(w, "IndexName", r.index);
  w.Member("KeyConditionExpression", r.key_condition);
  OptionalMember(w, "FilterExpression", r.filter);
  OptionalMember(w, "ProjectionExpression", r.projection);
  ExpressionMembers(w, r.expressions);
  if (!r.forward) w.MemberBool("ScanIndexForward", false);
  if (r.limit > 0) w.MemberInt("Limit", r.limit);
  if (r.start_key) ItemMember(w, "ExclusiveStartKey", *r.start_key);
  if (r.consistent_read) w.MemberBool("ConsistentRead", true);
  if (r.total_capacity) w.Member("ReturnConsumedCapacity", "TOTAL");
  w.EndObject();
  return out;
}

std::string ToJson(const ScanRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  OptionalMember(w, "IndexName", r.index);
  OptionalMember(w, "FilterExpression", r.filter);
  OptionalMember(w, "ProjectionExpression", r.projection);
  ExpressionMembers(w, r.expressions);
  if (r.limit > 0) w.MemberInt("Limit", r.limit);
  if (r.start_key) ItemMember(w, "ExclusiveStartKey", *r.start_key);
  if (r.consistent_read) w.MemberBool("ConsistentRead", true);
  if (r.total_segments > 0) {
    w.MemberInt("Segment", r.segment);
    w.MemberInt("TotalSegments", r.total_segments);
  }
  if (r.total_capacity) w.Member("ReturnConsumedCapacity", "TOTAL");
  w.EndObject();
  return out;
}

std::string BatchWriteJson(const std::vector<BatchWrite>& writes) {
  // Grouped by table, each table's writes in the order given.
  std::map<std::string_view, std::vector<const BatchWrite*>> by_table;
  for (const auto& write : writes) by_table[write.table].push_back(&write);
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("RequestItems");
  w.BeginObject();
  for (const auto& [table, list] : by_table) {
    w.Key(table);
    w.BeginArray();
    for (const BatchWrite* write : list) {
      w.BeginObject();
      w.Key(write->put ? "PutRequest" : "DeleteRequest");
      w.BeginObject();
      ItemMember(w, write->put ? "Item" : "Key", write->item);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return out;
}

std::string ToJson(const TransactWriteRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("TransactItems");
  w.BeginArray();
  for (const auto& a : r.actions) {
    w.BeginObject();
    w.Key(ActionName(a.kind));
    w.BeginObject();
    w.Member("TableName", a.table);
    ItemMember(w, a.kind == TransactAction::Kind::kPut ? "Item" : "Key", a.item);
    if (a.kind == TransactAction::Kind::kUpdate) w.Member("UpdateExpression", a.update);
    WriteMembers(w, a.condition, a.expressions, ReturnValues::kNone, a.item_on_condition_failure);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  OptionalMember(w, "ClientRequestToken", r.client_request_token);
  w.EndObject();
  return out;
}

std::string ToJson(const CreateTableRequest& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", r.table);
  w.Key("AttributeDefinitions");
  w.BeginArray();
  for (const auto& [name, type] : r.attributes) {
    w.BeginObject();
    w.Member("AttributeName", name);
    w.Member("AttributeType", type);
    w.EndObject();
  }
  w.EndArray();
  KeySchema(w, r.key);
  if (!r.global_indexes.empty()) {
    w.Key("GlobalSecondaryIndexes");
    w.BeginArray();
    for (const auto& index : r.global_indexes) GlobalIndexJson(w, index);
    w.EndArray();
  }
  if (!r.stream_view.empty()) {
    w.Key("StreamSpecification");
    w.BeginObject();
    w.MemberBool("StreamEnabled", true);
    w.Member("StreamViewType", r.stream_view);
    w.EndObject();
  }
  w.Member("BillingMode", r.throughput ? "PROVISIONED" : "PAY_PER_REQUEST");
  if (r.throughput) ThroughputMember(w, *r.throughput);
  w.EndObject();
  return out;
}

std::string TableNameJson(std::string_view table) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", table);
  w.EndObject();
  return out;
}

std::string ListTablesJson(std::string_view start_table) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  OptionalMember(w, "ExclusiveStartTableName", start_table);
  w.EndObject();
  return out;
}

std::string UpdateTimeToLiveJson(std::string_view table, std::string_view attribute, bool enabled) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", table);
  w.Key("TimeToLiveSpecification");
  w.BeginObject();
  w.MemberBool("Enabled", enabled);
  w.Member("AttributeName", attribute);
  w.EndObject();
  w.EndObject();
  return out;
}

std::string ListStreamsJson(std::string_view table, std::string_view start_stream_arn) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  OptionalMember(w, "TableName", table);
  OptionalMember(w, "ExclusiveStartStreamArn", start_stream_arn);
  w.EndObject();
  return out;
}

std::string DescribeStreamJson(std::string_view stream_arn, std::string_view start_shard_id) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("StreamArn", stream_arn);
  OptionalMember(w, "ExclusiveStartShardId", start_shard_id);
  w.EndObject();
  return out;
}

std::string GetShardIteratorJson(std::string_view stream_arn, std::string_view shard_id,
                                 IteratorType type, std::string_view sequence) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("StreamArn", stream_arn);
  w.Member("ShardId", shard_id);
  w.Member("ShardIteratorType", IteratorTypeName(type));
  OptionalMember(w, "SequenceNumber", sequence);
  w.EndObject();
  return out;
}

std::string GetRecordsJson(std::string_view iterator, int limit) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("ShardIterator", iterator);
  if (limit > 0) w.MemberInt("Limit", limit);
  w.EndObject();
  return out;
}

}  // namespace ddb::client
