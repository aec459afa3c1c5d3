// Clock: where the engine and the application read the wall-clock time (time to live, stream
// record times and retention, ClientRequestTokens, Idempotency-Key records, sign-in tokens),
// behind one seam, so that a test can set the time (ManualClock) instead of waiting for it.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ddb {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;

  // Now() as DynamoDB's timestamps: seconds since the epoch, with fractions.
  double EpochSeconds() const {
    return std::chrono::duration<double>(Now().time_since_epoch()).count();
  }
  int64_t EpochMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Now().time_since_epoch()).count();
  }

  // The system's clock; lives for the whole process.
  static const Clock& System();
};

// A clock that stands still until told to move. For tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = std::chrono::system_clock::now())
      : micros_(Micros(start)) {}
  TimePoint Now() const override {
    return TimePoint(std::chrono::microseconds(micros_.load(std::memory_order_relaxed)));
  }
  void Set(TimePoint t) { micros_ = Micros(t); }
  void Advance(std::chrono::microseconds d) { micros_ += d.count(); }

 private:
  static int64_t Micros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  std::atomic<int64_t> micros_;
};

}  // namespace ddb
