// Store: the RocksDB database behind ddb-server.
//
// Three column families: "default" holds items and "index" secondary-index entries (keys in
// storage/keys.h); "meta" holds the format version, the catalog and per-table and per-index
// counters (keys in store.cc). Every write goes through
// Write(), which syncs the WAL before returning unless the store is in memory: an acknowledged
// write survives a crash. Concurrent syncing writers share one fsync (RocksDB's group commit).
// All methods are thread-safe.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ddb::storage {

// The error of an iterator that stopped (!Valid()): OK at the end of its range, Internal after
// a read error.
Status IteratorError(const rocksdb::Iterator& it);

struct StoreOptions {
  std::string path;        // Data folder; created if missing. Ignored when in_memory.
  bool in_memory = false;  // Keep everything in RAM: nothing is written to disk.
  // The file system RocksDB uses on disk; null = the real one. Not owned; must outlive the
  // store. Tests use it to inject I/O errors.
  rocksdb::Env* env = nullptr;
  // Writes are refused while the data folder's disk has less free space than this, so that
  // RocksDB itself never runs out of space (its flushes and compactions need room, and the
  // Debian build asserts when a log write fails). Opening also needs this much.
  uint64_t min_free_bytes = uint64_t{128} << 20;
};

// Item count and total item bytes of one table, kept exact in the same batch as each write.
struct TableCounters {
  int64_t items = 0;
  int64_t bytes = 0;
};

class Store {
 public:
  // Opens (creating if needed) the store. On failure returns null and sets *error to one line a
  // person can act on (folder not writable, held by another server, wrong format version).
  static std::unique_ptr<Store> Open(const StoreOptions& options, std::string* error);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  rocksdb::ColumnFamilyHandle* items() const { return items_; }
  rocksdb::ColumnFamilyHandle* meta() const { return meta_; }
  rocksdb::ColumnFamilyHandle* index() const { return index_; }
  rocksdb::ColumnFamilyHandle* stream() const { return stream_; }

  // Applies `batch` atomically; durable on return (unless in memory). Returns false and sets
  // *error on an I/O error, or without trying while the disk is short of space
  // (StoreOptions::min_free_bytes). After a failure, writes resume by themselves once the disk
  // has room again.
  [[nodiscard]] bool Write(rocksdb::WriteBatch* batch, std::string* error);
  // As Write, but without waiting for the WAL sync: for rebuildable data (index backfills). A
  // later synced write makes it durable too.
  [[nodiscard]] bool WriteUnsynced(rocksdb::WriteBatch* batch, std::string* error);

  // Point read: true with *value filled if found, false if absent. A read error (I/O,
  // corruption) is an Internal error, never "absent".
  Result<bool> Get(rocksdb::ColumnFamilyHandle* cf, std::string_view key, std::string* value,
                   const rocksdb::Snapshot* snapshot = nullptr) const;

  // An iterator over [lower, upper) of `cf`. The bounds' storage is owned by the iterator. An
  // iterator stops (!Valid()) at the end of the range and at a read error: callers check
  // status() once it stops (IteratorError below).
  std::unique_ptr<rocksdb::Iterator> NewIterator(rocksdb::ColumnFamilyHandle* cf, std::string lower,
                                                 std::string upper) const;

  // Adds deltas to a table's counters inside `batch` (a merge, so concurrent writers compose).
  void AddCounters(rocksdb::WriteBatch* batch, uint64_t table_id, int64_t items,
                   int64_t bytes) const;
  Result<TableCounters> ReadCounters(uint64_t table_id) const;
  // Deletes the counters of a dropped table inside `batch`, its item collections' included.
  void DeleteCounters(rocksdb::WriteBatch* batch, uint64_t table_id) const;

  // The same counters for one item collection (index/item_collection.h), named by the
  // partition's key prefix (keys.h PartitionPrefix).
  void AddCollectionCounters(rocksdb::WriteBatch* batch, std::string_view partition, int64_t items,
                             int64_t bytes) const;
  Result<TableCounters> ReadCollectionCounters(std::string_view partition) const;

  // Flushes memtables and the WAL; called at shutdown.
  void Flush();

  rocksdb::DB* db() const { return db_.get(); }

 private:
  Store() = default;
  bool Init(const StoreOptions& options, std::string* error);
  // False with *error while the disk is short of space; after a failed write, also brings
  // RocksDB out of its error state once there is room (DB::Resume).
  bool ReadyToWrite(std::string* error);

  std::unique_ptr<rocksdb::Env> mem_env_;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* items_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* index_ = nullptr;
  rocksdb::ColumnFamilyHandle* stream_ = nullptr;
  rocksdb::WriteOptions write_options_;
  std::string path_;  // The data folder; empty when in memory.
  uint64_t min_free_bytes_ = 0;
  std::mutex resume_mu_;             // One DB::Resume at a time.
  std::atomic<bool> failed_{false};  // A write failed; RocksDB may be in its error state.
};

// Meta column family keys.
inline constexpr std::string_view kMetaFormatKey = "F";
inline constexpr std::string_view kMetaNextTableIdKey = "N";
inline constexpr char kMetaTablePrefix = 'T';
inline constexpr char kMetaCountersPrefix = 'C';
// 'L' + PartitionPrefix(table id, partition key): an item collection's counters.
inline constexpr char kMetaCollectionPrefix = 'L';
// 'S' + u64be(stream id): a retired stream (catalog.h), as its table's definition.
inline constexpr char kMetaRetiredStreamPrefix = 'S';

}  // namespace ddb::storage
