// TableDef: the immutable description of one table, as the catalog caches and persists it.
//
// A TableDef is never modified after publication; UpdateTable publishes a new one. Shared as
// std::shared_ptr<const TableDef>, so any thread may read it without locks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "item/value.h"

namespace ddb {

// The persisted billing mode. On disk: never renumber.
enum class BillingMode : uint8_t { kProvisioned = 1, kPayPerRequest = 2 };

struct KeyAttribute {
  std::string name;
  Type type = Type::kS;  // S, N or B.
};

struct AttributeDefinition {
  std::string name;
  Type type = Type::kS;
};

struct ProvisionedThroughput {
  int64_t read_units = 0;
  int64_t write_units = 0;
  double last_increase = 0;  // Seconds since the epoch; 0 = never.
  double last_decrease = 0;
  int64_t decreases_today = 0;
};

struct TableDef {
  uint64_t id = 0;  // Unique for the life of the data folder; prefixes the item keys.
  std::string ns;   // Namespace: "<access key>_<region>", or "" with --shared-db.
  std::string name;
  std::string region;  // For the ARN.
  KeyAttribute hash;
  std::optional<KeyAttribute> range;
  std::vector<AttributeDefinition> attributes;
  BillingMode billing = BillingMode::kProvisioned;
  ProvisionedThroughput throughput;
  double created = 0;  // Seconds since the epoch.
  double billing_changed = 0;
  bool deletion_protection = false;

  std::string Arn() const;
  bool IsKeyAttribute(std::string_view attr) const {
    return attr == hash.name || (range && attr == range->name);
  }
};

// Encodes a TableDef as an item (item/codec.h), the catalog's persisted form.
std::string EncodeTableDef(const TableDef& def);
// Decodes; returns false on corrupt input.
[[nodiscard]] bool DecodeTableDef(std::string_view data, TableDef* def);

}  // namespace ddb
