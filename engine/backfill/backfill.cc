#include "backfill/backfill.h"

#include <chrono>
#include <iostream>

#include "index/index_writer.h"
#include "item/codec.h"
#include "storage/keys.h"

namespace ddb::backfill {

void Backfiller::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Backfiller::Notify() {
  std::lock_guard lock(mu_);
  pending_ = true;
  wake_.notify_one();
}

void Backfiller::Stop() {
  if (!thread_.joinable()) return;
  stop_ = true;
  Notify();
  thread_.join();
}

void Backfiller::Run() {
  bool retry = false;
  while (!stop_) {
    {
      std::unique_lock lock(mu_);
      auto ready = [this] { return pending_ || stop_; };
      // A backfill that failed (a storage error) is tried again after a pause.
      if (retry) {
        wake_.wait_for(lock, std::chrono::seconds(1), ready);
      } else {
        wake_.wait(lock, ready);
      }
      pending_ = false;
    }
    retry = false;
    for (const TablePtr& table : engine_.catalog().AllTables()) {
      for (const IndexDef& index : table->indexes) {
        if (stop_) return;
        if (index.status != IndexStatus::kCreating) continue;
        if (!Backfill(table, index) || !MarkActive(*table, index.id)) retry = true;
      }
    }
  }
}

namespace {

// Logs a failed backfill, which Run() tries again (the index stays CREATING). Returns false.
bool Failed(const IndexDef& index, const std::string& error) {
  std::cerr << "ddb-server: backfill of index " << index.name << " failed: " << error << std::endl;
  return false;
}

}  // namespace

bool Backfiller::Backfill(const TablePtr& table, const IndexDef& index) {
  storage::Store& store = engine_.store();
  const std::string end = storage::TablePrefix(table->id + 1);
  std::string next = storage::TablePrefix(table->id);
  std::string error;
  while (!stop_) {
    // A fresh iterator per item sees every item written before it was created; items written
    // behind it were indexed by their writers.
    auto it = store.NewIterator(store.items(), next, end);
    it->SeekToFirst();
    if (!it->Valid()) {
      Status s = storage::IteratorError(*it);
      return s.ok() || Failed(index, s.error().message);
    }
    const std::string key = it->key().ToString();
    next = key + '\0';
    std::lock_guard lock(engine_.ItemLock(key));
    std::string raw, entry_key, stored;
    Item item;
    Result<bool> found = store.Get(store.items(), key, &raw);
    if (!found.ok()) return Failed(index, found.error().message);
    if (!*found || !DecodeItem(raw, &item)) continue;
    if (!index::EntryKey(*table, index, item, &entry_key)) continue;  // Not in this (sparse) index.
    found = store.Get(store.index(), entry_key, &stored);
    if (!found.ok()) return Failed(index, found.error().message);
    if (*found) continue;  // A writer got there first.
    Item projected = index::ProjectForIndex(*table, index, item);
    std::string encoded;
    EncodeItem(projected, &encoded);
    rocksdb::WriteBatch batch;
    batch.Put(store.index(), entry_key, encoded).PermitUncheckedError();
    store.AddCounters(&batch, index.id, 1, static_cast<int64_t>(ItemSize(projected)));
    if (!store.WriteUnsynced(&batch, &error)) return Failed(index, error);
  }
  return false;
}

bool Backfiller::MarkActive(const TableDef& table, uint64_t index_id) {
  auto updated = engine_.catalog().Update(table.ns, table.name, [&](TableDef& next) {
    // A table dropped and re-created meanwhile has other ids: nothing to mark.
    for (auto& index : next.indexes) {
      if (next.id == table.id && index.id == index_id) index.status = IndexStatus::kActive;
    }
    return Status::OK();
  });
  // A dropped table is fine; a storage error is retried after a pause.
  return updated.ok() || updated.error().kind == ErrorKind::kResourceNotFound;
}

}  // namespace ddb::backfill
