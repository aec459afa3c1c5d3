#include "auth/sign_in_gate.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cctype>
#include <future>

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
    if (auto refusal = Throttled(account_key, client_key, Clock::now())) return refusal;
    if (in_flight_ >= limits_.hashers + limits_.queue) {
      return Refusal{std::chrono::seconds(1), true};
    }
    ++in_flight_;
  }
  std::packaged_task<bool()> task(verify);
  std::future<bool> done = task.get_future();
  boost::asio::post(hashers_, [&task] { task(); });
  bool success = false;
  try {
    success = done.get();
  } catch (...) {
    success = false;  // A failed lookup counts as a failed attempt.
  }
  std::lock_guard lock(mu_);
  --in_flight_;
  Remember(account_key, client_key, success, Clock::now());
  return std::nullopt;
}

std::optional<SignInGate::Refusal> SignInGate::Throttled(const std::string& account,
                                                         const std::string& client,
                                                         Clock::time_point now) {
  Clock::time_point until{};
  for (const std::string* key : {&account, &client}) {
    auto it = records_.find(*key);
    if (it != records_.end()) until = std::max(until, it->second.blocked_until);
  }
  if (until <= now) return std::nullopt;
  return Refusal{CeilSeconds(until - now), false};
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

void SignInGate::Remember(const std::string& account, const std::string& client, bool success,
                          Clock::time_point now) {
  if (success) {
    records_.erase(account);
    records_.erase(client);
    return;
  }
  if (records_.size() + 2 > limits_.max_tracked) {
    // Forget the quiet ones; if every one is recent, forget all rather than grow without bound.
    std::erase_if(records_,
                  [&](const auto& e) { return now - e.second.last > limits_.forget_after; });
    if (records_.size() + 2 > limits_.max_tracked) records_.clear();
  }
  Fail(records_[account], now);
  Fail(records_[client], now);
}

}  // namespace cruddur
