#include "auth/sign_in_gate.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cctype>
#include <future>
#include <memory>

namespace cruddur {
namespace {

std::string AccountKey(std::string_view account) {
  std::string key = "a:";
  for (char c : account) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::chrono::seconds CeilSeconds(std::chrono::steady_clock::duration d) {
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(d));
}

}  // namespace

SignInGate::SignInGate(Limits limits)
    : limits_(limits), hashers_(static_cast<size_t>(std::max(1, limits.hashers))) {}

SignInGate::~SignInGate() { hashers_.join(); }

std::optional<SignInGate::Refusal> SignInGate::Attempt(std::string_view account,
                                                       std::string_view client,
                                                       const std::function<bool()>& verify) {
  const std::string account_key = AccountKey(account);
  const std::string client_key = "c:" + std::string(client);
  {
    std::lock_guard lock(mu_);
    const Clock::time_point now = Clock::now();
    if (auto refusal = Throttled(account_key, client_key, now)) return refusal;
    if (in_flight_ >= limits_.hashers + limits_.queue || !MakeRoom(now)) {
      return Refusal{std::chrono::seconds(1), true};
    }
    ++in_flight_;
    ++records_[account_key].pending;
    ++records_[client_key].pending;
  }
  // Shared with the hasher: it may still be returning from the task when get() has woken us.
  auto task = std::make_shared<std::packaged_task<bool()>>(verify);
  std::future<bool> done = task->get_future();
  boost::asio::post(hashers_, [task] { (*task)(); });
  bool success = false;
  try {
    success = done.get();
  } catch (...) {
    success = false;  // A failed lookup counts as a failed attempt.
  }
  std::lock_guard lock(mu_);
  --in_flight_;
  Settle(account_key, client_key, success, Clock::now());
  return std::nullopt;
}

std::optional<SignInGate::Refusal> SignInGate::Throttled(const std::string& account,
                                                         const std::string& client,
                                                         Clock::time_point now) const {
  std::optional<Refusal> refusal;
  for (const std::string* key : {&account, &client}) {
    auto it = records_.find(*key);
    if (it == records_.end()) continue;
    const Record& r = it->second;
    std::chrono::seconds wait{0};
    if (r.blocked_until > now) {
      wait = CeilSeconds(r.blocked_until - now);
    } else if (r.failures + r.pending >= limits_.free_failures && r.pending > 0) {
      // At the limit, attempts in flight count as failures: one at a time may test it.
      wait = std::chrono::seconds(1);
    }
    if (wait.count() > 0 && (!refusal || wait > refusal->retry_after)) {
      refusal = Refusal{wait, false};
    }
  }
  return refusal;
}

void SignInGate::Fail(Record& r, Clock::time_point now) const {
  if (now - r.last > limits_.forget_after) r.failures = 0;
  ++r.failures;
  r.last = now;
  const int over = r.failures - limits_.free_failures;
  if (over < 0) return;
  auto backoff = limits_.first_backoff * (int64_t{1} << std::min(over, 20));
  r.blocked_until = now + std::min<std::chrono::seconds>(backoff, limits_.max_backoff);
}

void SignInGate::Settle(const std::string& account, const std::string& client, bool success,
                        Clock::time_point now) {
  Record& a = records_[account];
  Record& c = records_[client];
  --a.pending;
  --c.pending;
  if (success) {
    // The account is cleared; the address is not (one's own account would launder guesses at
    // others'), its failures fade after forget_after.
    a.failures = 0;
    a.blocked_until = {};
    a.last = now;
    return;
  }
  Fail(a, now);
  Fail(c, now);
}

bool SignInGate::MakeRoom(Clock::time_point now) {
  if (records_.size() + 2 <= limits_.max_tracked) return true;
  // First the quiet ones, then any not backing off; a back-off is never forgotten early.
  std::erase_if(records_, [&](const auto& e) {
    return e.second.pending == 0 && now - e.second.last > limits_.forget_after;
  });
  if (records_.size() + 2 > limits_.max_tracked) {
    std::erase_if(records_, [&](const auto& e) {
      return e.second.pending == 0 && e.second.blocked_until <= now;
    });
  }
  return records_.size() + 2 <= limits_.max_tracked;
}

}  // namespace cruddur
