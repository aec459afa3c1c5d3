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
#include "common/result.h"
#include "storage/store.h"

namespace ddb {

using TablePtr = std::shared_ptr<const TableDef>;

class Catalog {
 public:
  // Loads every table definition from `store`. Returns null and sets *error on corrupt metadata.
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

 private:
  using TableMap = std::map<std::string, TablePtr, std::less<>>;
  static std::string MapKey(std::string_view ns, std::string_view name);
  Status Persist(rocksdb::WriteBatch* batch);
  void PutNextId(uint64_t next_id, rocksdb::WriteBatch* batch);
  void DropIndexData(uint64_t index_id, rocksdb::WriteBatch* batch);
  void Publish(std::shared_ptr<const TableMap> next) { tables_.store(std::move(next)); }

  storage::Store* store_ = nullptr;
  std::mutex mutate_mu_;  // Serialises Create/Drop/Update.
  uint64_t next_id_ = 1;  // Guarded by mutate_mu_.
  std::atomic<std::shared_ptr<const TableMap>> tables_;
};

}  // namespace ddb
