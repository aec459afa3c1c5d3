// IdempotencyCache: TransactWriteItems' ClientRequestToken, remembered for 10 minutes.
//
// A token seen again with the same request gets the first response back without re-applying
// the transaction; with a different request it is an IdempotentParameterMismatchException.
// Thread-safe; requests carrying tokens are serialised with each other (they are rare).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/result.h"

namespace ddb::txn {

class IdempotencyCache {
 public:
  static constexpr std::chrono::minutes kLifetime{10};

  // Runs `execute` unless `token` was used in the last 10 minutes. `fingerprint` identifies the
  // request (its canonical JSON). Only successful responses are remembered.
  template <class F>
  Result<std::string> Run(const std::string& token, const std::string& fingerprint, F execute) {
    std::lock_guard lock(mu_);
    Expire();
    auto it = entries_.find(token);
    if (it != entries_.end()) {
      if (it->second.fingerprint != fingerprint) {
        return ApiError{ErrorKind::kIdempotentParameterMismatch, ""};
      }
      return it->second.response;
    }
    Result<std::string> response = execute();
    if (response.ok()) {
      entries_[token] = {fingerprint, response.value(), std::chrono::steady_clock::now()};
    }
    return response;
  }

 private:
  struct Entry {
    std::string fingerprint;
    std::string response;
    std::chrono::steady_clock::time_point at;
  };
  void Expire() {
    auto now = std::chrono::steady_clock::now();
    std::erase_if(entries_, [&](const auto& e) { return now - e.second.at > kLifetime; });
  }

  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace ddb::txn
