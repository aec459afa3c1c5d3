#include "ops/engine.h"

#include <functional>

namespace ddb::ops {

std::mutex& Engine::ItemLock(std::string_view item_key) {
  return item_locks_[std::hash<std::string_view>{}(item_key) % kStripes];
}

}  // namespace ddb::ops
