#include "messaging/ddb_json.h"

#include <simdjson.h>

#include "protocol/json_writer.h"
#include "protocol/value_json.h"

namespace cruddur {
namespace {

AppError Malformed(const std::string& what) {
  return AppError::Internal("unexpected answer from DynamoDB: " + what);
}

AppResult<ddb::Item> DecodeItem(simdjson::dom::element e) {
  auto item = ddb::protocol::DecodeItemJson(e);
  if (!item.ok()) return Malformed(item.error().message);
  return std::move(item).value();
}

}  // namespace

AppResult<ItemPage> ParseItemPage(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(json).get(obj) != simdjson::SUCCESS) return Malformed("not a JSON object");
  ItemPage page;
  simdjson::dom::array items;
  if (obj["Items"].get(items) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : items) {
      DDB_ASSIGN_OR_RETURN(ddb::Item item, DecodeItem(e));
      page.items.push_back(std::move(item));
    }
  }
  simdjson::dom::element last;
  if (obj["LastEvaluatedKey"].get(last) == simdjson::SUCCESS) {
    DDB_ASSIGN_OR_RETURN(ddb::Item key, DecodeItem(last));
    page.last_key = std::move(key);
  }
  return page;
}

AppResult<std::optional<ddb::Item>> ParseGetItem(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(json).get(obj) != simdjson::SUCCESS) return Malformed("not a JSON object");
  simdjson::dom::element e;
  if (obj["Item"].get(e) != simdjson::SUCCESS) return std::optional<ddb::Item>();
  DDB_ASSIGN_OR_RETURN(ddb::Item item, DecodeItem(e));
  return std::optional<ddb::Item>(std::move(item));
}

std::string StringOf(const ddb::Item& item, const std::string& name) {
  auto it = item.find(name);
  if (it == item.end() || it->second.type != ddb::Type::kS) return "";
  return it->second.scalar;
}

std::string ItemJson(const ddb::Item& item) {
  std::string out;
  ddb::protocol::JsonWriter w(&out);
  ddb::protocol::WriteItem(w, item);
  return out;
}

ddb::Value S(std::string text) { return ddb::Value::S(std::move(text)); }

std::string QueryJson(const PartitionQuery& q) {
  std::string body;
  ddb::protocol::JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", q.table);
  w.Member("KeyConditionExpression", "pk = :pk");
  w.Key("ExpressionAttributeValues");
  ddb::protocol::WriteItem(w, {{":pk", S(q.pk)}});
  w.MemberBool("ScanIndexForward", !q.newest_first);
  w.MemberInt("Limit", q.limit);
  if (q.before) {
    w.Key("ExclusiveStartKey");
    ddb::protocol::WriteItem(w, {{"pk", S(q.pk)}, {"sk", S(*q.before)}});
  }
  if (q.total_capacity) w.Member("ReturnConsumedCapacity", "TOTAL");
  w.EndObject();
  return body;
}

std::string TransactWriteJson(const std::string& table,
                              const std::vector<TransactAction>& actions) {
  std::string body;
  ddb::protocol::JsonWriter w(&body);
  w.BeginObject();
  w.Key("TransactItems");
  w.BeginArray();
  for (const auto& a : actions) {
    w.BeginObject();
    w.Key(a.put ? "Put" : "Delete");
    w.BeginObject();
    w.Member("TableName", table);
    w.Key(a.put ? "Item" : "Key");
    ddb::protocol::WriteItem(w, a.item);
    if (!a.condition.empty()) w.Member("ConditionExpression", a.condition);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return body;
}

}  // namespace cruddur
