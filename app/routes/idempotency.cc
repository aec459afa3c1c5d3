#include "routes/idempotency.h"

#include <simdjson.h>

#include "client/sigv4.h"
#include "common/uuid.h"
#include "messaging/ddb_json.h"
#include "messaging/tables.h"
#include "protocol/json_writer.h"
#include "protocol/value_json.h"

namespace cruddur {
namespace {

using ddb::protocol::JsonWriter;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ddb::Value N(int64_t n) { return ddb::Value::N(std::to_string(n)); }

ddb::Item KeyOf(const std::string& id) { return {{"key", S(id)}}; }

// A request on one record: {"TableName", `key_member`: item} plus `extra` members (raw JSON).
std::string RecordRequest(const std::string& table, const char* key_member, const ddb::Item& item,
                          std::string_view extra = "") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("TableName", table);
  w.Key(key_member);
  ddb::protocol::WriteItem(w, item);
  if (!extra.empty()) w.Raw(extra);
  w.EndObject();
  return out;
}

// `"ExpressionAttributeValues": {...}` for `values`, as a member to append.
std::string Values(const ddb::Item& values) {
  return R"("ExpressionAttributeValues":)" + ItemJson(values);
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
  DDB_RETURN_IF_ERROR(cruddur::EnsureTable(client_, table_, create));
  // Checked on every start: the table may have been made by someone else, or an earlier start
  // may have stopped between creating it and enabling expiry.
  std::string name = R"({"TableName":)";
  ddb::protocol::AppendJsonString(table_, &name);
  name += "}";
  auto described = client_.Call("DescribeTimeToLive", name);
  if (!described.ok()) return AppError::FromClient(described.error());
  simdjson::dom::parser parser;
  std::string_view status;
  if (parser.parse(*described)["TimeToLiveDescription"]["TimeToLiveStatus"].get(status) ==
          simdjson::SUCCESS &&
      (status == "ENABLED" || status == "ENABLING")) {
    return AppStatus::OK();
  }
  std::string ttl = name.substr(0, name.size() - 1) +
                    R"(,"TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"}})";
  auto answer = client_.Call("UpdateTimeToLive", ttl);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return AppStatus::OK();
}

AppResult<IdempotencyStore::Claim> IdempotencyStore::Begin(const std::string& user_uuid,
                                                           const std::string& key,
                                                           const std::string& body) {
  const std::string id = user_uuid + "#" + key;
  const std::string hash = ddb::client::Sha256Hex(body);
  // A record that vanishes between the failed claim and its read (expired, or given up by its
  // owner) is claimed again.
  for (int round = 0; round < 3; ++round) {
    const int64_t now = NowSeconds();
    Claim claim;
    claim.token = ddb::RandomUuid();
    ddb::Item record{{"key", S(id)},
                     {"state", S("pending")},
                     {"request_hash", S(hash)},
                     {"claim", S(claim.token)},
                     {"claimed_at", N(now)},
                     {"expires", N(now + lifetime_.count())}};
    std::string condition =
        R"("ConditionExpression":"attribute_not_exists(#k) OR (#s = :pending AND claimed_at < :stale) OR expires < :now",)"
        R"("ExpressionAttributeNames":{"#k":"key","#s":"state"},)";
    condition +=
        Values({{":pending", S("pending")}, {":stale", N(now - stale_.count())}, {":now", N(now)}});
    auto put = client_.Call("PutItem", RecordRequest(table_, "Item", record, condition));
    if (put.ok()) return claim;
    if (put.error().type != "ConditionalCheckFailedException") {
      return AppError::FromClient(put.error());
    }
    auto got = client_.Call("GetItem",
                            RecordRequest(table_, "Key", KeyOf(id), R"("ConsistentRead":true)"));
    if (!got.ok()) return AppError::FromClient(got.error());
    DDB_ASSIGN_OR_RETURN(std::optional<ddb::Item> stored, ParseGetItem(*got));
    if (!stored) continue;
    if (StringOf(*stored, "request_hash") != hash) {
      claim.state = ClaimState::kMismatch;
    } else if (StringOf(*stored, "state") != "done") {
      claim.state = ClaimState::kInProgress;
    } else {
      claim.state = ClaimState::kDone;
      auto status = stored->find("status");
      int code = status == stored->end() ? 200 : std::atoi(status->second.scalar.c_str());
      claim.stored = ApiResponse{code, StringOf(*stored, "body"), {}};
    }
    return claim;
  }
  return AppError::Unavailable("the record of Idempotency-Key " + key + " keeps changing");
}

AppStatus IdempotencyStore::Finish(const std::string& user_uuid, const std::string& key,
                                   const Claim& claim, const ApiResponse& response) {
  // Only while the claim is still ours: a claim taken over after going stale is the new
  // owner's to finish.
  std::string update = R"("UpdateExpression":"SET #s = :done, #st = :status, body = :body",)"
                       R"("ConditionExpression":"claim = :mine",)"
                       R"("ExpressionAttributeNames":{"#s":"state","#st":"status"},)";
  update += Values({{":done", S("done")},
                    {":status", N(response.status)},
                    {":body", S(response.body)},
                    {":mine", S(claim.token)}});
  auto answer = client_.Call("UpdateItem",
                             RecordRequest(table_, "Key", KeyOf(user_uuid + "#" + key), update));
  if (!answer.ok() && answer.error().type != "ConditionalCheckFailedException") {
    return AppError::FromClient(answer.error());
  }
  return AppStatus::OK();
}

AppStatus IdempotencyStore::Abandon(const std::string& user_uuid, const std::string& key,
                                    const Claim& claim) {
  std::string condition = R"("ConditionExpression":"claim = :mine",)";
  condition += Values({{":mine", S(claim.token)}});
  auto answer = client_.Call("DeleteItem",
                             RecordRequest(table_, "Key", KeyOf(user_uuid + "#" + key), condition));
  if (!answer.ok() && answer.error().type != "ConditionalCheckFailedException") {
    return AppError::FromClient(answer.error());
  }
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
