// IdempotencyStore: a POST retried with the same Idempotency-Key header is answered with the
// first attempt's response instead of being done twice (a message is stored once however often
// a client on a flaky network retries).
//
// Keys live in their own DynamoDB table (`<messages table>-idempotency`, key "key" =
// "<user uuid>#<Idempotency-Key>", expiring after 24 hours through the table's TTL) so the
// messages table holds only messages. Begin() writes a pending record with a condition, so of two
// concurrent attempts exactly one runs; the other is told the first is in progress. A pending
// claim older than a minute (its server died mid-request) may be taken over. Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "api/messaging_api.h"
#include "client/dynamodb_client.h"
#include "common/app_error.h"
#include "core/clock.h"

namespace cruddur {

class IdempotencyStore {
 public:
  // `clock` (core/clock.h) times the records' claims and expiry; it must outlive the store.
  IdempotencyStore(ddb::client::DynamoDbClient& client, std::string table,
                   const ddb::Clock& clock = ddb::Clock::System())
      : client_(client), table_(std::move(table)), clock_(clock) {}

  // The table's name for a messages table.
  static std::string TableFor(const std::string& messages_table);
  // Creates the table (with TTL on "expires") when missing.
  AppStatus EnsureTable();

  enum class ClaimState { kClaimed, kInProgress, kDone, kMismatch };
  struct Claim {
    ClaimState state = ClaimState::kClaimed;
    std::string token;   // kClaimed: identifies this claim, for Finish() and Abandon().
    ApiResponse stored;  // kDone: the first attempt's response.
  };
  // Claims `key` of `user_uuid` for a request whose body is `body`. kMismatch: the key was used
  // for a different body.
  AppResult<Claim> Begin(const std::string& user_uuid, const std::string& key,
                         const std::string& body);
  // Records the response of a claimed key (nothing if the claim went stale and was taken over).
  AppStatus Finish(const std::string& user_uuid, const std::string& key, const Claim& claim,
                   const ApiResponse& response);
  // Gives a claim up, so that a retry runs the request again (it failed in a way a retry may
  // fix). Nothing if the claim is no longer ours.
  AppStatus Abandon(const std::string& user_uuid, const std::string& key, const Claim& claim);

  // Whether `key` is an acceptable Idempotency-Key value: 1-255 printable ASCII characters.
  static bool ValidKey(std::string_view key);

 private:
  ddb::client::DynamoDbClient& client_;
  std::string table_;
  const ddb::Clock& clock_;
  std::chrono::seconds lifetime_{24 * 3600};
  std::chrono::seconds stale_{60};
};

}  // namespace cruddur
