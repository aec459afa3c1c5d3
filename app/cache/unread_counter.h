// UnreadCounter: each user's count of unread messages (spec §6), kept under `msgs/<handle>`:
// incremented for the receiver of each new message, reset when the user lists the inbox,
// expiring 600 seconds after its last increment. In process by default; in Redis with
// CACHE_URL=redis://host:port[/db]. A counter is a convenience: callers treat its failures as
// "unknown", never as a failed request. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/app_error.h"

namespace cruddur {

inline constexpr std::chrono::seconds kUnreadTtl{600};

class UnreadCounter {
 public:
  virtual ~UnreadCounter() = default;
  virtual AppStatus Increment(const std::string& handle) = 0;
  virtual AppResult<int64_t> Count(const std::string& handle) = 0;
  virtual AppStatus Reset(const std::string& handle) = 0;
  // "in process" or the Redis address, for the health check.
  virtual std::string Describe() const = 0;
};

// The in-process counter. `now` is injectable for tests.
std::unique_ptr<UnreadCounter> InProcessCounter(
    std::chrono::seconds ttl = kUnreadTtl,
    std::function<std::chrono::steady_clock::time_point()> now = nullptr);

// The counter CACHE_URL names: unset or empty = in process; "redis://host:port[/db]" = Redis
// (connection checked now: Unavailable if it does not answer PING). Invalid for other URLs.
AppResult<std::unique_ptr<UnreadCounter>> OpenUnreadCounter(
    const std::optional<std::string>& cache_url);

}  // namespace cruddur
