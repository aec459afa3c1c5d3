// UnreadCounter: a cache of each user's total of unread messages (spec §6), kept under
// `msgs/<handle>` and expiring 600 seconds after it was last set or incremented. The total itself
// comes from the read markers in the table (MessagesRepo::CountUnread); the cache saves adding it
// up on every badge refresh: a new message increments a cached total, reading a conversation
// forgets it, and a total that is not cached is added up again and Set. In process by default; in
// Redis with CACHE_URL=redis://host:port[/db]. A cache is a convenience: callers treat its
// failures as "not cached", never as a failed request. Thread-safe.
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
  // The cached total; nullopt when there is none (never set, forgotten or expired).
  virtual AppResult<std::optional<int64_t>> Count(const std::string& handle) = 0;
  // Caches a total just added up.
  virtual AppStatus Set(const std::string& handle, int64_t count) = 0;
  // One more unread message: adds it to a cached total (renewing its expiry); nothing when there
  // is none, as the next Count adds up the table, which already holds the message.
  virtual AppStatus Increment(const std::string& handle) = 0;
  // Drops the cached total (a conversation was read).
  virtual AppStatus Forget(const std::string& handle) = 0;
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
