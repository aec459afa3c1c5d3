#include "routes/idempotency.h"

#include <simdjson.h>

#include "client/sigv4.h"
#include "messaging/tables.h"
#include "protocol/json_writer.h"

namespace cruddur {
namespace {

using ddb::protocol::JsonWriter;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void TypedMember(JsonWriter& w, std::string_view name, const char* type, std::string_view value) {
  w.Key(name);
  w.BeginObject();
  w.Member(type, value);
  w.EndObject();
}

// A GetItem or DeleteItem request for record `id`.
std::string KeyJson(const std::string& table, const std::string& id, bool consistent_read) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", table);
  w.Key("Key");
  w.BeginObject();
  TypedMember(w, "key", "S", id);
  w.EndObject();
  if (consistent_read) w.MemberBool("ConsistentRead", true);
  w.EndObject();
  return out;
}

// The stored record, from a GetItem answer.
struct Record {
  bool found = false;
  std::string state, request_hash, body;
  int status = 0;
  int64_t claimed_at = 0;
};

AppResult<Record> ParseRecord(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) {
    return AppError::Internal("GetItem answered with bad JSON");
  }
  Record r;
  simdjson::dom::object item;
  if (doc["Item"].get(item) != simdjson::SUCCESS) return r;
  r.found = true;
  auto text = [&](const char* name, const char* type) {
    std::string_view v;
    return item[name][type].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
  };
  r.state = text("state", "S");
  r.request_hash = text("request_hash", "S");
  r.body = text("body", "S");
  r.status = std::atoi(text("status", "N").c_str());
  r.claimed_at = std::atoll(text("claimed_at", "N").c_str());
  return r;
}

}  // namespace

std::string IdempotencyStore::TableFor(const std::string& messages_table) {
  return messages_table + "-idempotency";
}

AppStatus IdempotencyStore::EnsureTable() {
  std::string create;
  JsonWriter w(&create);
  w.BeginObject();
  w.Member("TableName", table_);
  w.Raw(R"("AttributeDefinitions":[{"AttributeName":"key","AttributeType":"S"}],)"
        R"("KeySchema":[{"AttributeName":"key","KeyType":"HASH"}],)"
        R"("BillingMode":"PAY_PER_REQUEST")");
  w.EndObject();
  DDB_ASSIGN_OR_RETURN(bool created, cruddur::EnsureTable(client_, table_, create));
  if (!created) return AppStatus::OK();
  std::string ttl;
  JsonWriter t(&ttl);
  t.BeginObject();
  t.Member("TableName", table_);
  t.Raw(R"("TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"})");
  t.EndObject();
  auto answer = client_.Call("UpdateTimeToLive", ttl);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return AppStatus::OK();
}

AppResult<IdempotencyStore::Claim> IdempotencyStore::Begin(const std::string& user_uuid,
                                                           const std::string& key,
                                                           const std::string& body) {
  const std::string id = user_uuid + "#" + key;
  const std::string hash = ddb::client::Sha256Hex(body);
  const int64_t now = NowSeconds();
  std::string put;
  JsonWriter w(&put);
  w.BeginObject();
  w.Member("TableName", table_);
  w.Key("Item");
  w.BeginObject();
  TypedMember(w, "key", "S", id);
  TypedMember(w, "state", "S", "pending");
  TypedMember(w, "request_hash", "S", hash);
  TypedMember(w, "claimed_at", "N", std::to_string(now));
  TypedMember(w, "expires", "N", std::to_string(now + lifetime_.count()));
  w.EndObject();
  w.Member("ConditionExpression",
           "attribute_not_exists(#k) OR (#s = :pending AND claimed_at < :stale) OR expires < :now");
  w.Raw(R"("ExpressionAttributeNames":{"#k":"key","#s":"state"})");
  w.Key("ExpressionAttributeValues");
  w.BeginObject();
  TypedMember(w, ":pending", "S", "pending");
  TypedMember(w, ":stale", "N", std::to_string(now - stale_.count()));
  TypedMember(w, ":now", "N", std::to_string(now));
  w.EndObject();
  w.EndObject();
  auto claimed = client_.Call("PutItem", put);
  if (claimed.ok()) return Claim{};
  if (claimed.error().type != "ConditionalCheckFailedException") {
    return AppError::FromClient(claimed.error());
  }
  auto answer = client_.Call("GetItem", KeyJson(table_, id, true));
  if (!answer.ok()) return AppError::FromClient(answer.error());
  DDB_ASSIGN_OR_RETURN(Record r, ParseRecord(*answer));
  Claim c;
  if (r.request_hash != hash) {
    c.state = ClaimState::kMismatch;
  } else if (r.state != "done") {
    c.state = ClaimState::kInProgress;
  } else {
    c.state = ClaimState::kDone;
    c.stored = ApiResponse{r.status, r.body, {}};
  }
  return c;
}

AppStatus IdempotencyStore::Finish(const std::string& user_uuid, const std::string& key,
                                   const ApiResponse& response) {
  std::string update;
  JsonWriter w(&update);
  w.BeginObject();
  w.Member("TableName", table_);
  w.Key("Key");
  w.BeginObject();
  TypedMember(w, "key", "S", user_uuid + "#" + key);
  w.EndObject();
  w.Member("UpdateExpression", "SET #s = :done, #st = :status, body = :body");
  w.Raw(R"("ExpressionAttributeNames":{"#s":"state","#st":"status"})");
  w.Key("ExpressionAttributeValues");
  w.BeginObject();
  TypedMember(w, ":done", "S", "done");
  TypedMember(w, ":status", "N", std::to_string(response.status));
  TypedMember(w, ":body", "S", response.body);
  w.EndObject();
  w.EndObject();
  auto answer = client_.Call("UpdateItem", update);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return AppStatus::OK();
}

AppStatus IdempotencyStore::Abandon(const std::string& user_uuid, const std::string& key) {
  auto answer = client_.Call("DeleteItem", KeyJson(table_, user_uuid + "#" + key, false));
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return AppStatus::OK();
}

bool IdempotencyStore::ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace cruddur
