// RetryPolicy: which failures the client tries again and how long it waits in between, as the
// AWS SDKs do for DynamoDB: throttling errors, 5xx answers, broken connections, timeouts and
// corrupted answers are retried up to `max_attempts` in all, after exponential backoff with full
// jitter (a random wait up to base x 2^(attempt-1), capped). Thread-safe.
#pragma once

#include <chrono>

#include "client/error.h"

namespace ddb::client {

struct RetryPolicy {
  int max_attempts = 10;  // The SDKs' default for DynamoDB; AWS_MAX_ATTEMPTS overrides it.
  std::chrono::milliseconds base{50};
  std::chrono::milliseconds cap{20000};

  // True if `error` may succeed when sent again.
  static bool Retryable(const ClientError& error);
  // The wait before attempt `attempt` + 1 (attempt >= 1): uniform in [0, min(cap, base*2^(n-1))].
  std::chrono::milliseconds Backoff(int attempt) const;
};

}  // namespace ddb::client
