// Backfiller: builds global secondary indexes added by UpdateTable, in the background.
//
// An index added to a table with items starts in status CREATING. Writers maintain it from the
// first moment (index_writer.h), trusting only entries actually stored; the backfiller walks
// the table and, under each item's lock, adds the entry of every item not yet indexed. When the
// walk ends the index becomes ACTIVE. Because both sides check what is stored, an item is
// counted once whichever comes first, and a backfill interrupted by a restart simply resumes
// (any index still CREATING at start is backfilled again).
//
// Lifecycle: Start() once after the store and catalog are open; Notify() after creating an
// index; Stop() before the store closes (also from the destructor). Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "state/engine.h"

namespace ddb::backfill {

class Backfiller {
 public:
  explicit Backfiller(Engine& engine) : engine_(engine) {}
  ~Backfiller() { Stop(); }
  Backfiller(const Backfiller&) = delete;
  Backfiller& operator=(const Backfiller&) = delete;

  void Start();
  void Notify();
  void Stop();

 private:
  void Run();
  // Backfills one CREATING index of `table`; false if stopped or the store failed.
  bool Backfill(const TablePtr& table, const IndexDef& index);
  // False if the catalog could not be written (tried again after Run()'s pause).
  bool MarkActive(const TableDef& table, uint64_t index_id);

  Engine& engine_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = true;  // Guarded by mu_: look for work (true at start: resume backfills).
  std::atomic<bool> stop_{false};
};

}  // namespace ddb::backfill
