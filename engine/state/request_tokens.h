// IdempotencyCache: TransactWriteItems' ClientRequestToken, remembered for 10 minutes.
//
// A token seen again with the same request succeeds without re-applying the transaction (its
// response, as in DynamoDB, reports the capacity of reading the items instead of writing them);
// with a different request it is an IdempotentParameterMismatchException.
// Thread-safe; requests carrying tokens are serialised with each other (they are rare).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace ddb {

class IdempotencyCache {
 public:
  static constexpr std::chrono::minutes kLifetime{10};

  // Runs `execute` unless `token` succeeded in the 10 minutes before `now`, else `replay` (both
  // return the same Result type). `fingerprint` identifies the request (its canonical JSON). Only
  // successes are remembered.
  template <class Execute, class Replay>
  auto Run(const std::string& token, const std::string& fingerprint, Clock::TimePoint now,
           Execute execute, Replay replay) -> decltype(execute()) {
    std::lock_guard lock(mu_);
    std::erase_if(entries_, [&](const auto& e) { return now - e.second.at > kLifetime; });
    auto it = entries_.find(token);
    if (it != entries_.end()) {
      if (it->second.fingerprint != fingerprint) {
        return ApiError::IdempotentMismatch();
      }
      return replay();
    }
    auto response = execute();
    if (response.ok()) entries_[token] = {fingerprint, now};
    return response;
  }

 private:
  struct Entry {
    std::string fingerprint;
    Clock::TimePoint at;
  };

  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace ddb
