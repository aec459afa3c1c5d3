// Catalog: the set of tables, cached in memory and persisted in the store's meta family.
//
// Reads (Find, List) are lock-free: they load an immutable snapshot of the table map through an
// atomic shared_ptr. Mutations (Create, Drop, Update) serialise on one mutex, persist first and
// then publish a new snapshot, so a reader never sees a table that is not on disk.
// Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "core/clock.h"
#include "core/result.h"
#include "storage/store.h"

namespace ddb {

using TablePtr = std::shared_ptr<const TableDef>;

class Catalog {
 public:
  // Loads every table definition from `store`. Returns null and sets *error on corrupt metadata
  // or a read error (never a partial catalog).
  static std::unique_ptr<Catalog> Load(storage::Store* store, std::string* error);

  // The table `name` in namespace `ns`, or null.
  TablePtr Find(std::string_view ns, std::string_view name) const;

  // Up to `limit` table names of `ns` in ascending order, starting after `exclusive_start`.
  // *more is set when further names follow.
  std::vector<std::string> List(std::string_view ns, std::string_view exclusive_start, size_t limit,
                                bool* more) const;

  // Every table of every namespace (for background services).
  std::vector<TablePtr> AllTables() const;

  // Assigns an id, persists and publishes `def`. ResourceInUseException if the name is taken.
  Result<TablePtr> Create(TableDef def);

  // Removes the table and all its items in one atomic write. ResourceNotFoundException if absent.
  Result<TablePtr> Drop(std::string_view ns, std::string_view name);

  // Changes the definition of an existing table: `change` edits a copy of the current one under
  // the catalog's lock (so concurrent changes never overwrite each other), and the result is
  // persisted and published. New indexes and a newly enabled stream (id 0) get ids; the entries
  // of indexes no longer defined are deleted in the same write. Returns the new definition, the
  // error `change` returned, or ResourceNotFoundException if the table is gone.
  Result<TablePtr> Update(std::string_view ns, std::string_view name,
                          const std::function<Status(TableDef&)>& change);

  // Streams that are no longer a table's latest: replaced by a newly enabled stream, or whose
  // table was dropped. DynamoDB keeps them readable for 24 hours. Each is the definition of its
  // table when the stream ended, with `stream` the retired stream (enabled false, disabled set).
  std::vector<TablePtr> RetiredStreams() const;

  // Deletes a retired stream and its records. Not found is not an error.
  Status ForgetStream(uint64_t stream_id);

  // The clock that times a stream's retirement (core/clock.h); the system's by default. Set
  // once at startup (Engine::set_clock), before requests are served; must outlive the catalog.
  void set_clock(const Clock* clock) { clock_ = clock; }

 private:
  using TableMap = std::map<std::string, TablePtr, std::less<>>;
  using StreamMap = std::map<uint64_t, TablePtr>;  // Retired streams by stream id.
  static std::string MapKey(std::string_view ns, std::string_view name);
  Status Persist(rocksdb::WriteBatch* batch);
  void PutNextId(uint64_t next_id, rocksdb::WriteBatch* batch);
  void DropIndexData(uint64_t index_id, rocksdb::WriteBatch* batch);
  void Publish(std::shared_ptr<const TableMap> next) { tables_.store(std::move(next)); }
  // Stages the retirement of `table`'s stream in `batch`; returns the map to publish after it.
  std::shared_ptr<const StreamMap> Retire(const TableDef& table, rocksdb::WriteBatch* batch);
  static std::string RetiredKey(uint64_t stream_id);

  storage::Store* store_ = nullptr;
  std::mutex mutate_mu_;  // Serialises Create/Drop/Update.
  uint64_t next_id_ = 1;  // Guarded by mutate_mu_.
  std::atomic<std::shared_ptr<const TableMap>> tables_;
  std::atomic<std::shared_ptr<const StreamMap>> retired_;
  const Clock* clock_ = &Clock::System();
};

}  // namespace ddb
