#include "state/engine.h"

#include <functional>

#include "streams/records.h"

namespace ddb {

Result<std::unique_ptr<Engine>> Engine::Open(storage::Store* store, Catalog* catalog) {
  std::vector<uint64_t> streams;
  for (const auto& table : catalog->AllTables()) {
    if (table->stream.id != 0) streams.push_back(table->stream.id);
  }
  for (const auto& retired : catalog->RetiredStreams()) streams.push_back(retired->stream.id);
  DDB_ASSIGN_OR_RETURN(uint64_t last, streams::MaxStoredSequence(*store, streams));
  std::unique_ptr<Engine> engine(new Engine(store, catalog));
  engine->sequencer_.Reset(last + 1);
  return engine;
}

std::mutex& Engine::ItemLock(std::string_view item_key) {
  return item_locks_[std::hash<std::string_view>{}(item_key) % kStripes];
}

}  // namespace ddb
