#include "catalog/catalog.h"

#include <algorithm>
#include <chrono>

#include "storage/keys.h"

namespace ddb {

std::string Catalog::MapKey(std::string_view ns, std::string_view name) {
  std::string key(1, storage::kMetaTablePrefix);
  key.append(ns);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string Catalog::RetiredKey(uint64_t stream_id) {
  std::string key(1, storage::kMetaRetiredStreamPrefix);
  storage::PutBigEndian64(stream_id, &key);
  return key;
}

namespace {

// False with *error if `it` stopped on a read error: a partial catalog must never be served.
bool ReadAll(const rocksdb::Iterator& it, const char* what, std::string* error) {
  Status s = storage::IteratorError(it);
  if (s.ok()) return true;
  *error = std::string("cannot read the ") + what + ": " + s.error().message;
  return false;
}

}  // namespace

std::unique_ptr<Catalog> Catalog::Load(storage::Store* store, std::string* error) {
  auto catalog = std::make_unique<Catalog>();
  catalog->store_ = store;
  auto map = std::make_shared<TableMap>();
  std::string prefix(1, storage::kMetaTablePrefix), end(1, storage::kMetaTablePrefix + 1);
  auto it = store->NewIterator(store->meta(), prefix, end);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto def = std::make_shared<TableDef>();
    if (!DecodeTableDef(std::string_view(it->value().data(), it->value().size()), def.get())) {
      *error = "corrupt table definition in the data folder";
      return nullptr;
    }
    map->emplace(it->key().ToString(), std::move(def));
  }
  if (!ReadAll(*it, "table definitions", error)) return nullptr;
  auto retired = std::make_shared<StreamMap>();
  prefix.assign(1, storage::kMetaRetiredStreamPrefix);
  end.assign(1, storage::kMetaRetiredStreamPrefix + 1);
  it = store->NewIterator(store->meta(), prefix, end);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto def = std::make_shared<TableDef>();
    if (!DecodeTableDef(std::string_view(it->value().data(), it->value().size()), def.get())) {
      *error = "corrupt stream definition in the data folder";
      return nullptr;
    }
    retired->emplace(def->stream.id, std::move(def));
  }
  if (!ReadAll(*it, "stream definitions", error)) return nullptr;
  catalog->retired_.store(std::move(retired));
  std::string next;
  Result<bool> found = store->Get(store->meta(), storage::kMetaNextTableIdKey, &next);
  if (!found.ok()) {
    *error = "cannot read the next table id: " + found.error().message;
    return nullptr;
  }
  if (*found && next.size() == 8) catalog->next_id_ = storage::GetBigEndian64(next);
  catalog->Publish(std::move(map));
  return catalog;
}

TablePtr Catalog::Find(std::string_view ns, std::string_view name) const {
  auto map = tables_.load();
  auto it = map->find(MapKey(ns, name));
  return it == map->end() ? nullptr : it->second;
}

std::vector<std::string> Catalog::List(std::string_view ns, std::string_view exclusive_start,
                                       size_t limit, bool* more) const {
  auto map = tables_.load();
  std::string prefix = MapKey(ns, "");
  auto it = exclusive_start.empty() ? map->lower_bound(prefix)
                                    : map->upper_bound(MapKey(ns, exclusive_start));
  std::vector<std::string> names;
  *more = false;
  for (; it != map->end() && it->first.starts_with(prefix); ++it) {
    if (names.size() == limit) {
      *more = true;
      break;
    }
    names.push_back(it->second->name);
  }
  return names;
}

void Catalog::PutNextId(uint64_t next_id, rocksdb::WriteBatch* batch) {
  std::string encoded;
  storage::PutBigEndian64(next_id, &encoded);
  batch->Put(store_->meta(), storage::kMetaNextTableIdKey, encoded).PermitUncheckedError();
}

void Catalog::DropIndexData(uint64_t index_id, rocksdb::WriteBatch* batch) {
  batch
      ->DeleteRange(store_->index(), storage::TablePrefix(index_id),
                    storage::TablePrefix(index_id + 1))
      .PermitUncheckedError();
  store_->DeleteCounters(batch, index_id);
}

std::vector<TablePtr> Catalog::AllTables() const {
  auto map = tables_.load();
  std::vector<TablePtr> out;
  out.reserve(map->size());
  for (const auto& [key, table] : *map) out.push_back(table);
  return out;
}

Status Catalog::Persist(rocksdb::WriteBatch* batch) {
  std::string error;
  if (!store_->Write(batch, &error)) return ApiError::Internal("storage write failed: " + error);
  return Status::OK();
}

Result<TablePtr> Catalog::Create(TableDef def) {
  std::lock_guard lock(mutate_mu_);
  auto current = tables_.load();
  std::string key = MapKey(def.ns, def.name);
  if (current->count(key)) {
    return ApiError::InUse("Table already exists: " + def.name);
  }
  uint64_t next_id = next_id_;
  def.id = next_id++;
  for (auto& index : def.indexes) index.id = next_id++;
  if (def.stream.enabled && def.stream.id == 0) def.stream.id = next_id++;
  rocksdb::WriteBatch batch;
  PutNextId(next_id, &batch);
  batch.Put(store_->meta(), key, EncodeTableDef(def)).PermitUncheckedError();
  DDB_RETURN_IF_ERROR(Persist(&batch));
  next_id_ = next_id;
  auto ptr = std::make_shared<const TableDef>(std::move(def));
  auto map = std::make_shared<TableMap>(*current);
  map->emplace(std::move(key), ptr);
  Publish(std::move(map));
  return ptr;
}

Result<TablePtr> Catalog::Drop(std::string_view ns, std::string_view name) {
  std::lock_guard lock(mutate_mu_);
  auto current = tables_.load();
  std::string key = MapKey(ns, name);
  auto it = current->find(key);
  if (it == current->end()) {
    return ApiError::NoTableNamed(name);
  }
  TablePtr def = it->second;
  rocksdb::WriteBatch batch;
  batch.Delete(store_->meta(), key).PermitUncheckedError();
  batch
      .DeleteRange(store_->items(), storage::TablePrefix(def->id),
                   storage::TablePrefix(def->id + 1))
      .PermitUncheckedError();
  store_->DeleteCounters(&batch, def->id);
  for (const auto& index : def->indexes) DropIndexData(index.id, &batch);
  // A dropped table's stream stays readable for 24 hours, as in DynamoDB.
  auto retired = def->stream.id != 0 ? Retire(*def, &batch) : nullptr;
  DDB_RETURN_IF_ERROR(Persist(&batch));
  auto map = std::make_shared<TableMap>(*current);
  map->erase(key);
  Publish(std::move(map));
  if (retired) retired_.store(std::move(retired));
  return def;
}

Result<TablePtr> Catalog::Update(std::string_view ns, std::string_view name,
                                 const std::function<Status(TableDef&)>& change) {
  std::lock_guard lock(mutate_mu_);
  auto current = tables_.load();
  std::string key = MapKey(ns, name);
  auto it = current->find(key);
  if (it == current->end()) {
    // Table operations name the table (UpdateTable, UpdateTimeToLive; the tag operations have
    // found it before).
    return ApiError::NoTableNamed(name);
  }
  TableDef def = *it->second;
  DDB_RETURN_IF_ERROR(change(def));
  rocksdb::WriteBatch batch;
  uint64_t next_id = next_id_;
  for (auto& index : def.indexes) {
    if (index.id == 0) index.id = next_id++;
  }
  if (def.stream.enabled && def.stream.id == 0) def.stream.id = next_id++;
  // Indexes that the new definition no longer has lose their entries in the same batch.
  for (const auto& index : it->second->indexes) {
    bool kept = std::any_of(def.indexes.begin(), def.indexes.end(),
                            [&](const IndexDef& x) { return x.id == index.id; });
    if (!kept) DropIndexData(index.id, &batch);
  }
  // A stream replaced by a newly enabled one stays readable for 24 hours.
  const TableDef& before = *it->second;
  std::shared_ptr<const StreamMap> retired;
  if (before.stream.id != 0 && before.stream.id != def.stream.id) retired = Retire(before, &batch);
  if (next_id != next_id_) PutNextId(next_id, &batch);
  batch.Put(store_->meta(), key, EncodeTableDef(def)).PermitUncheckedError();
  DDB_RETURN_IF_ERROR(Persist(&batch));
  next_id_ = next_id;
  auto updated = std::make_shared<const TableDef>(std::move(def));
  auto map = std::make_shared<TableMap>(*current);
  (*map)[key] = updated;
  Publish(std::move(map));
  if (retired) retired_.store(std::move(retired));
  return updated;
}

std::shared_ptr<const Catalog::StreamMap> Catalog::Retire(const TableDef& table,
                                                          rocksdb::WriteBatch* batch) {
  auto snapshot = std::make_shared<TableDef>(table);
  snapshot->stream.enabled = false;
  if (snapshot->stream.disabled == 0) {
    snapshot->stream.disabled = clock_->EpochSeconds();
  }
  batch->Put(store_->meta(), RetiredKey(snapshot->stream.id), EncodeTableDef(*snapshot))
      .PermitUncheckedError();
  auto next = std::make_shared<StreamMap>(*retired_.load());
  (*next)[snapshot->stream.id] = std::move(snapshot);
  return next;
}

std::vector<TablePtr> Catalog::RetiredStreams() const {
  auto map = retired_.load();
  std::vector<TablePtr> out;
  out.reserve(map->size());
  for (const auto& [id, table] : *map) out.push_back(table);
  return out;
}

Status Catalog::ForgetStream(uint64_t stream_id) {
  std::lock_guard lock(mutate_mu_);
  auto current = retired_.load();
  if (!current->count(stream_id)) return Status::OK();
  rocksdb::WriteBatch batch;
  batch.Delete(store_->meta(), RetiredKey(stream_id)).PermitUncheckedError();
  batch
      .DeleteRange(store_->stream(), storage::TablePrefix(stream_id),
                   storage::TablePrefix(stream_id + 1))
      .PermitUncheckedError();
  DDB_RETURN_IF_ERROR(Persist(&batch));
  auto next = std::make_shared<StreamMap>(*current);
  next->erase(stream_id);
  retired_.store(std::move(next));
  return Status::OK();
}

}  // namespace ddb
