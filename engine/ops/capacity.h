// DynamoDB's capacity-unit arithmetic.
//
// Reads: one unit per 4 KB (rounded up, at least one), halved for eventually consistent reads.
// Writes: one unit per 1 KB (rounded up, at least one) of the larger of the old and new item.
#pragma once

#include <cstddef>
#include <optional>

#include "index/index_writer.h"
#include "protocol/requests.h"

namespace ddb::ops {

inline double ReadUnits(size_t bytes, bool consistent) {
  double units = static_cast<double>(bytes == 0 ? 1 : (bytes + 4095) / 4096);
  return consistent ? units : units / 2;
}

inline double WriteUnits(size_t bytes) {
  return static_cast<double>(bytes == 0 ? 1 : (bytes + 1023) / 1024);
}

inline std::optional<protocol::ConsumedCapacity> Capacity(protocol::CapacityDetail detail,
                                                          const std::string& table, double units,
                                                          bool is_write) {
  if (detail == protocol::CapacityDetail::kNone) return std::nullopt;
  protocol::ConsumedCapacity c;
  c.table = table;
  c.units = c.table_units = units;
  c.is_write = is_write;
  c.detail = detail;
  return c;
}

// A write's capacity: the table's units plus every index the write touched.
inline std::optional<protocol::ConsumedCapacity> WriteCapacity(
    protocol::CapacityDetail detail, const std::string& table, double table_units,
    const std::vector<index::IndexUnits>& indexes) {
  auto c = Capacity(detail, table, table_units, true);
  if (!c) return c;
  for (const auto& [index, units] : indexes) {
    c->units += units;
    (index->global ? c->global_indexes : c->local_indexes).emplace_back(index->name, units);
  }
  return c;
}

// Adds `c` to a per-table capacity list (BatchWriteItem, transactions), merging by table.
inline void AddTableCapacity(std::vector<protocol::ConsumedCapacity>* list,
                             std::optional<protocol::ConsumedCapacity> c) {
  if (!c) return;
  for (auto& existing : *list) {
    if (existing.table != c->table) continue;
    existing.units += c->units;
    existing.table_units += c->table_units;
    for (const auto& [name, units] : c->global_indexes)
      existing.global_indexes.emplace_back(name, units);
    for (const auto& [name, units] : c->local_indexes)
      existing.local_indexes.emplace_back(name, units);
    return;
  }
  list->push_back(std::move(*c));
}

}  // namespace ddb::ops
