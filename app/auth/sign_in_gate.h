// SignInGate: what stands between the public sign-in route and password hashing, so that
// password guessing can neither find a password nor slow the people who are reading messages.
//
//  - Throttling: after a few failed sign-ins in a row for one account, or from one client
//    address, further attempts are refused for a back-off that doubles with each failure (1 s
//    up to 5 min), without hashing anything; attempts still being checked count as failures,
//    so concurrent guesses cannot slip past the limit. A success clears the account (not the
//    address). The right password works again as soon as the back-off has passed.
//  - A bounded pool: hashing runs on its own few threads (never on the threads that serve
//    messages), with a short queue; beyond it an attempt is refused at once ("busy").
//
// Thread-safe.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cruddur {

class SignInGate {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int hashers = 2;        // Threads that hash passwords.
    int queue = 4;          // Attempts that may wait for one.
    int free_failures = 5;  // Failures in a row before the back-off starts.
    std::chrono::seconds first_backoff{1};
    std::chrono::seconds max_backoff{300};
    std::chrono::minutes forget_after{15};  // A quiet account or address starts afresh.
    size_t max_tracked = 100000;            // Accounts and addresses remembered at most.
  };

  explicit SignInGate(Limits limits);
  SignInGate() : SignInGate(Limits{}) {}
  ~SignInGate();

  // The outcome of Attempt: the verification's result, or how long to wait before trying again
  // (throttled, or every hasher busy).
  struct Refusal {
    std::chrono::seconds retry_after;
    bool busy;  // True: the pool was full; false: this account or address is backing off.
  };

  // Runs `verify` (true = the password was right) on the hashing pool, unless `account` (as
  // typed; compared without case) or `client` (its address) is backing off or the pool is full.
  // Blocks the caller until `verify` has run; records its outcome.
  std::optional<Refusal> Attempt(std::string_view account, std::string_view client,
                                 const std::function<bool()>& verify);

 private:
  struct Record {
    int failures = 0;  // In a row (forgotten after forget_after).
    int pending = 0;   // Attempts admitted and not yet settled.
    Clock::time_point blocked_until{};
    Clock::time_point last{};
  };
  std::optional<Refusal> Throttled(const std::string& account, const std::string& client,
                                   Clock::time_point now) const;
  void Settle(const std::string& account, const std::string& client, bool success,
              Clock::time_point now);
  void Fail(Record& r, Clock::time_point now) const;
  // Room for two more records; false if every tracked one is backing off or in flight.
  bool MakeRoom(Clock::time_point now);

  const Limits limits_;
  boost::asio::thread_pool hashers_;
  std::mutex mu_;
  int in_flight_ = 0;                                // Attempts hashing or waiting for a hasher.
  std::unordered_map<std::string, Record> records_;  // "a:" account, "c:" client address.
};

}  // namespace cruddur
