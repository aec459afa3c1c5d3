// Engine: the shared state every operation, transaction and background service works on: the
// store, the catalog, the item locks, the stream sequencer, recent ClientRequestTokens. Below the
// folders that use it (txn/, backfill/, ttl/, ops/, gateway/), so none includes upwards.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "index/item_collection.h"
#include "state/request_tokens.h"
#include "storage/store.h"
#include "streams/sequencer.h"

namespace ddb {

// Owned by the server; outlives every request. Thread-safe.
class Engine {
 public:
  // An engine over `store` and `catalog` (which must outlive it), its stream sequencer seeded
  // from the records on disk. Fails on a storage read error: numbering records from a partial
  // view would reuse sequence numbers.
  static Result<std::unique_ptr<Engine>> Open(storage::Store* store, Catalog* catalog);

  storage::Store& store() const { return *store_; }
  Catalog& catalog() const { return *catalog_; }

  // The mutex that serialises writes to the item stored under `item_key`. Striped: unrelated
  // items may share a stripe, which costs only concurrency, never correctness.
  std::mutex& ItemLock(std::string_view item_key);

  // Stream sequence numbers (see streams/sequencer.h).
  streams::Sequencer& sequencer() { return sequencer_; }

  // The item-collection size limit of tables with local indexes (index/item_collection.h).
  // Set once at startup, before requests are served.
  uint64_t item_collection_limit() const { return item_collection_limit_; }
  void set_item_collection_limit(uint64_t bytes) { item_collection_limit_ = bytes; }

  // ClientRequestTokens of recent transactions.
  IdempotencyCache& tokens() { return tokens_; }

  // The time every operation and background service reads (core/clock.h). Set once at
  // startup, before requests are served; the system clock by default. Must outlive the engine.
  const Clock& clock() const { return *clock_; }
  void set_clock(const Clock* clock) {
    clock_ = clock;
    catalog_->set_clock(clock);
  }

  // Wakes the background services (index backfill) after a change that gives them work.
  // `notify` is set once at startup, before requests are served.
  void set_background_notifier(std::function<void()> notify) { notify_ = std::move(notify); }
  void NotifyBackgroundWork() const {
    if (notify_) notify_();
  }

 private:
  Engine(storage::Store* store, Catalog* catalog) : store_(store), catalog_(catalog) {}

  static constexpr size_t kStripes = 4096;
  storage::Store* store_;
  Catalog* catalog_;
  std::array<std::mutex, kStripes> item_locks_;
  std::function<void()> notify_;
  uint64_t item_collection_limit_ = index::kItemCollectionLimit;
  IdempotencyCache tokens_;
  const Clock* clock_ = &Clock::System();
  streams::Sequencer sequencer_;
};

}  // namespace ddb
