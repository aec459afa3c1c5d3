#include "ops/engine.h"

#include <functional>

#include "streams/records.h"

namespace ddb::ops {

Engine::Engine(storage::Store* store, Catalog* catalog) : store_(store), catalog_(catalog) {
  std::vector<uint64_t> streams;
  for (const auto& table : catalog->AllTables()) {
    if (table->stream.id != 0) streams.push_back(table->stream.id);
  }
  for (const auto& retired : catalog->RetiredStreams()) streams.push_back(retired->stream.id);
  sequencer_.Reset(streams::MaxStoredSequence(*store, streams) + 1);
}

std::mutex& Engine::ItemLock(std::string_view item_key) {
  return item_locks_[std::hash<std::string_view>{}(item_key) % kStripes];
}

}  // namespace ddb::ops
