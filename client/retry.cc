#include "client/retry.h"

#include <algorithm>
#include <array>
#include <random>
#include <string_view>

namespace ddb::client {
namespace {

// The error types the SDKs treat as throttling or transient.
constexpr std::array<std::string_view, 16> kRetryableTypes = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "TransactionInProgressException",
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalServerError",
};

}  // namespace

bool RetryPolicy::Retryable(const ClientError& error) {
  switch (error.kind) {
    case ClientError::Kind::kConnection:
    case ClientError::Kind::kTimeout:
    case ClientError::Kind::kBadResponse:
      return true;
    case ClientError::Kind::kConfiguration:
    case ClientError::Kind::kUnprocessed:
      return false;
    case ClientError::Kind::kService:
      break;
  }
  if (error.http_status >= 500) return true;
  return std::find(kRetryableTypes.begin(), kRetryableTypes.end(), error.type) !=
         kRetryableTypes.end();
}

std::chrono::milliseconds RetryPolicy::Backoff(int attempt) const {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const int shift = std::min(attempt - 1, 30);
  const auto ceiling = std::min<int64_t>(cap.count(), base.count() << shift);
  std::uniform_int_distribution<int64_t> jitter(0, std::max<int64_t>(0, ceiling));
  return std::chrono::milliseconds(jitter(rng));
}

}  // namespace ddb::client
