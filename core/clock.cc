#include "core/clock.h"

namespace ddb {
namespace {

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace

const Clock& Clock::System() {
  static const SystemClock kSystem;
  return kSystem;
}

}  // namespace ddb
