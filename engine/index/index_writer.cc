#include "index/index_writer.h"

#include <array>
#include <span>

#include "item/codec.h"
#include "storage/keys.h"

namespace ddb::index {
namespace {

double WriteUnitsFor(size_t bytes) {
  return static_cast<double>(bytes == 0 ? 1 : (bytes + 1023) / 1024);
}

const Value* Find(const Item& item, const std::string& name) {
  auto it = item.find(name);
  return it == item.end() ? nullptr : &it->second;
}

// The entry of one item in one index: key and projected value, if the item is in the index.
// An ALL projection stores the item itself, so the entry refers to it instead of copying it.
struct Entry {
  bool present = false;
  std::string key;
  const Item* item = nullptr;  // The item when projected ALL; otherwise null.
  Item projected;              // The projection otherwise.
  const Item& value() const { return item != nullptr ? *item : projected; }
};

Entry EntryFor(const TableDef& table, const IndexDef& index, const Item* item) {
  Entry e;
  if (item != nullptr && EntryKey(table, index, *item, &e.key)) {
    e.present = true;
    if (index.projection == ProjectionType::kAll) {
      e.item = item;
    } else {
      e.projected = ProjectForIndex(table, index, *item);
    }
  }
  return e;
}

}  // namespace

Item ProjectForIndex(const TableDef& table, const IndexDef& index, const Item& item) {
  if (index.projection == ProjectionType::kAll) return item;
  Item out;
  for (const auto& [name, value] : item) {
    if (index.Projects(name, table)) out.emplace(name, value);
  }
  return out;
}

bool EntryKey(const TableDef& table, const IndexDef& index, const Item& item, std::string* key) {
  // At most four values each (a multi-attribute key's limit).
  std::array<const Value*, 4> ipk{}, isk{};
  for (size_t i = 0; i < index.key_count(); ++i) {
    const bool hash = i < index.hash_count();
    const KeyAttribute& attr = index.key_attr(i);
    const Value* v = Find(item, attr.name);
    if (v == nullptr || v->type != attr.type) return false;
    (hash ? ipk[i] : isk[i - index.hash_count()]) = v;
  }
  const Value* tpk = Find(item, table.hash.name);
  const Value* tsk = table.range ? Find(item, table.range->name) : nullptr;
  *key = storage::IndexEntryKey(index.id, std::span(ipk.data(), index.hash_count()),
                                std::span(isk.data(), index.range_count()), *tpk, tsk);
  return true;
}

Status ValidateIndexKeys(const TableDef& table, const Item& item, bool from_update) {
  for (const auto& index : table.indexes) {
    for (size_t i = 0; i < index.key_count(); ++i) {
      const KeyAttribute* attr = &index.key_attr(i);
      const Value* v = Find(item, attr->name);
      if (v == nullptr) continue;
      if (v->type != attr->type) {
        return ApiError::Validation(
            "One or more parameter values were invalid: Type mismatch for Index Key " + attr->name +
            " Expected: " + std::string(TypeName(attr->type)) +
            " Actual: " + std::string(TypeName(v->type)) + " IndexName: " + index.name);
      }
      if (!v->scalar.empty()) continue;
      std::string kind = v->type == Type::kB ? "binary" : "string";
      if (from_update) {
        return ApiError::Validation(
            "One or more parameter values are not valid. The update expression attempted to "
            "update a secondary index key to a value that is not supported. The AttributeValue "
            "for a key attribute cannot contain an empty " +
            kind + " value.");
      }
      return ApiError::Validation(
          "One or more parameter values are not valid. A value specified for a secondary index "
          "key is not supported. The AttributeValue for a key attribute cannot contain an empty " +
          kind + " value. IndexName: " + index.name + ", IndexKey: " + attr->name);
    }
  }
  return Status::OK();
}

Status UpdateIndexes(const storage::Store& store, const TableDef& table, const Item* before,
                     const Item* after, rocksdb::WriteBatch* batch,
                     std::vector<IndexUnits>* units) {
  for (const auto& index : table.indexes) {
    Entry old_entry = EntryFor(table, index, before);
    Entry new_entry = EntryFor(table, index, after);
    if (index.status == IndexStatus::kCreating && old_entry.present) {
      // The backfill may not have indexed the old item yet: trust only what is stored, so the
      // index's counters stay exact (see backfill/backfill.h).
      std::string stored;
      DDB_ASSIGN_OR_RETURN(old_entry.present, store.Get(store.index(), old_entry.key, &stored));
    }
    if (!old_entry.present && !new_entry.present) continue;
    const bool same_key = old_entry.present && new_entry.present && old_entry.key == new_entry.key;
    if (same_key && old_entry.value() == new_entry.value()) continue;  // Nothing projected changed.
    double cost = 0;
    int64_t items = 0, bytes = 0;
    if (old_entry.present && !same_key) {
      batch->Delete(store.index(), old_entry.key).PermitUncheckedError();
      cost += WriteUnitsFor(ItemSize(old_entry.value()));
    }
    if (old_entry.present) {
      --items;
      bytes -= static_cast<int64_t>(ItemSize(old_entry.value()));
    }
    if (new_entry.present) {
      std::string encoded;
      EncodeItem(new_entry.value(), &encoded);
      batch->Put(store.index(), new_entry.key, encoded).PermitUncheckedError();
      size_t size = ItemSize(new_entry.value());
      cost += WriteUnitsFor(size);
      ++items;
      bytes += static_cast<int64_t>(size);
    }
    store.AddCounters(batch, index.id, items, bytes);
    units->push_back({&index, cost});
  }
  return Status::OK();
}

}  // namespace ddb::index
