#include "routes/idempotency.h"

#include "client/sigv4.h"
#include "core/uuid.h"
#include "messaging/tables.h"

namespace cruddur {
namespace {

using ddb::StringOf;

ddb::Value S(std::string text) { return ddb::Value::S(std::move(text)); }
ddb::Value N(int64_t n) { return ddb::Value::N(std::to_string(n)); }

ddb::Item KeyOf(const std::string& id) { return {{"key", S(id)}}; }

// The condition of Finish and Abandon: the claim is still ours.
constexpr const char* kStillOurs = "claim = :mine";

}  // namespace

std::string IdempotencyStore::TableFor(const std::string& messages_table) {
  return messages_table + "-idempotency";
}

AppStatus IdempotencyStore::EnsureTable() {
  ddb::client::CreateTableRequest create;
  create.table = table_;
  create.attributes = {{"key", "S"}};
  create.key = {{"key", true}};
  DDB_RETURN_IF_ERROR(cruddur::EnsureTable(client_, create));
  // Checked on every start: the table may have been made by someone else, or an earlier start
  // may have stopped between creating it and enabling expiry.
  auto ttl = client_.DescribeTimeToLive(table_);
  if (!ttl.ok()) return AppError::FromClient(ttl.error());
  if (ttl->status == "ENABLED" || ttl->status == "ENABLING") return AppStatus::OK();
  auto enabled = client_.UpdateTimeToLive(table_, "expires", true);
  if (!enabled.ok()) return AppError::FromClient(enabled.error());
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
    const int64_t now = clock_.EpochMillis() / 1000;
    Claim claim;
    claim.token = ddb::RandomUuid();
    ddb::Item record{{"key", S(id)},
                     {"state", S("pending")},
                     {"request_hash", S(hash)},
                     {"claim", S(claim.token)},
                     {"claimed_at", N(now)},
                     {"expires", N(now + lifetime_.count())}};
    auto put = client_.PutItem(
        {.table = table_,
         .item = std::move(record),
         .condition = "attribute_not_exists(#k) OR (#s = :pending AND claimed_at < :stale) OR "
                      "expires < :now",
         .expressions = {
             {{"#k", "key"}, {"#s", "state"}},
             {{":pending", S("pending")}, {":stale", N(now - stale_.count())}, {":now", N(now)}}}});
    if (put.ok()) return claim;
    if (!put.error().IsConditionFailed()) return AppError::FromClient(put.error());
    auto got = client_.GetItem({.table = table_, .key = KeyOf(id), .consistent_read = true});
    if (!got.ok()) return AppError::FromClient(got.error());
    std::optional<ddb::Item>& stored = *got;
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
  auto answer = client_.UpdateItem({.table = table_,
                                    .key = KeyOf(user_uuid + "#" + key),
                                    .update = "SET #s = :done, #st = :status, body = :body",
                                    .condition = kStillOurs,
                                    .expressions = {{{"#s", "state"}, {"#st", "status"}},
                                                    {{":done", S("done")},
                                                     {":status", N(response.status)},
                                                     {":body", S(response.body)},
                                                     {":mine", S(claim.token)}}}});
  if (!answer.ok() && !answer.error().IsConditionFailed()) {
    return AppError::FromClient(answer.error());
  }
  return AppStatus::OK();
}

AppStatus IdempotencyStore::Abandon(const std::string& user_uuid, const std::string& key,
                                    const Claim& claim) {
  auto answer = client_.DeleteItem({.table = table_,
                                    .key = KeyOf(user_uuid + "#" + key),
                                    .condition = kStillOurs,
                                    .expressions = {{}, {{":mine", S(claim.token)}}}});
  if (!answer.ok() && !answer.error().IsConditionFailed()) {
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
