// TableDef: the immutable description of one table, as the catalog caches and persists it.
//
// A TableDef is never modified after publication; UpdateTable publishes a new one. Shared as
// std::shared_ptr<const TableDef>, so any thread may read it without locks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"

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

// A primary key schema: of a table, or of one of its secondary indexes.
struct KeySchema {
  KeyAttribute hash;                  // The partition key (its first attribute).
  std::optional<KeyAttribute> range;  // The sort key (its first attribute), if any.
  // A global index's multi-attribute keys: the partition and sort key attributes after the
  // first, in schema order (at most three each). Always empty for tables and local indexes.
  std::vector<KeyAttribute> more_hash, more_range;

  size_t hash_count() const { return 1 + more_hash.size(); }
  size_t range_count() const { return range ? 1 + more_range.size() : 0; }
  // REQUIRES: i < hash_count() (hash_attr) or i < range_count() (range_attr).
  const KeyAttribute& hash_attr(size_t i) const { return i == 0 ? hash : more_hash[i - 1]; }
  const KeyAttribute& range_attr(size_t i) const { return i == 0 ? *range : more_range[i - 1]; }
  // True if the partition or sort key has more than one attribute.
  bool multi_attribute() const { return !more_hash.empty() || !more_range.empty(); }
  // Every key attribute by position: the partition key's, then the sort key's, in schema order.
  size_t key_count() const { return hash_count() + range_count(); }
  // REQUIRES: i < key_count().
  const KeyAttribute& key_attr(size_t i) const {
    return i < hash_count() ? hash_attr(i) : range_attr(i - hash_count());
  }

  bool IsKeyAttribute(std::string_view attr) const;
};

// OnDemandThroughput: the request-unit caps of an on-demand table or index; 0 = no cap.
struct OnDemandCaps {
  int64_t max_read = 0;
  int64_t max_write = 0;
};

// WarmThroughput: the read and write units per second a table or index is ready to serve at
// once. DynamoDB's are never lowered: the largest of the on-demand baseline (12,000 / 4,000),
// every provisioned capacity the table had, and what UpdateTable asked for.
struct WarmThroughput {
  int64_t read = 0;
  int64_t write = 0;
  // Raises both to at least (read, write).
  void Raise(int64_t r, int64_t w) {
    if (r > read) read = r;
    if (w > write) write = w;
  }
};
inline constexpr int64_t kOnDemandWarmRead = 12000;
inline constexpr int64_t kOnDemandWarmWrite = 4000;

// Persisted projection and status enums. On disk: never renumber.
enum class ProjectionType : uint8_t { kAll = 1, kKeysOnly = 2, kInclude = 3 };
enum class IndexStatus : uint8_t { kActive = 1, kCreating = 2, kDeleting = 3 };

// A global or local secondary index. Its entries live in the index column family under `id`.
struct IndexDef : KeySchema {
  uint64_t id = 0;  // From the same sequence as table ids; never reused.
  std::string name;
  bool global = true;
  ProjectionType projection = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;  // kInclude only.
  ProvisionedThroughput throughput;             // Global indexes on provisioned tables.
  IndexStatus status = IndexStatus::kActive;
  OnDemandCaps on_demand;  // Global indexes on on-demand tables.
  WarmThroughput warm;     // Global indexes.

  // True if the index stores `attr` of its items (keys always; the rest by projection).
  bool Projects(std::string_view attr, const KeySchema& table) const;
};

// Persisted stream view type. On disk: never renumber.
enum class StreamViewType : uint8_t {
  kKeysOnly = 1,
  kNewImage = 2,
  kOldImage = 3,
  kNewAndOldImages = 4
};

// The table's latest stream. Its records live in the stream column family under `id`.
struct StreamSpec {
  bool enabled = false;
  StreamViewType view = StreamViewType::kNewImage;
  uint64_t id = 0;      // From the table-id sequence; 0 = the table never had a stream.
  std::string label;    // Creation time, "2026-11-24T11:45:04.617": part of the ARN.
  double created = 0;   // Seconds since the epoch.
  double disabled = 0;  // When the stream was disabled (seconds since the epoch); 0 if enabled.
};

struct TableDef : KeySchema {
  uint64_t id = 0;  // Unique for the life of the data folder; prefixes the item keys.
  std::string ns;   // Namespace: "<access key>_<region>", or "" with --shared-db.
  std::string name;
  std::string region;  // For the ARN.
  std::vector<AttributeDefinition> attributes;
  std::vector<IndexDef> indexes;  // Local and global secondary indexes.
  StreamSpec stream;
  std::vector<std::pair<std::string, std::string>> tags;  // In insertion order.
  bool point_in_time_recovery = false;
  double pitr_enabled_at = 0;
  std::string ttl_attribute;  // Time to live: the attribute holding expiry epoch seconds.
  bool ttl_enabled = false;
  BillingMode billing = BillingMode::kProvisioned;
  ProvisionedThroughput throughput;
  double created = 0;  // Seconds since the epoch.
  double billing_changed = 0;
  bool deletion_protection = false;
  std::string uuid;         // TableId: a new UUID for every table created.
  std::string table_class;  // "" until a TableClass was given.
  double table_class_changed = 0;
  std::string sse_kms_key;  // The KMS key's ARN when SSE with KMS is enabled; "" = owned key.
  OnDemandCaps on_demand;
  WarmThroughput warm;

  std::string Arn() const;
  // The ARN of the latest stream (REQUIRES: stream.id != 0).
  std::string StreamArn() const { return Arn() + "/stream/" + stream.label; }
  // The index called `name`, or null.
  const IndexDef* FindIndex(std::string_view name) const;
  // The WarmThroughput DynamoDB reports for the table and for one of its global indexes: what
  // was asked for, never below the on-demand baseline of a table that was ever on demand nor
  // below the provisioned capacity.
  WarmThroughput EffectiveWarm() const;
  WarmThroughput EffectiveWarm(const IndexDef& index) const;
};

// Encodes a TableDef as an item (item/codec.h), the catalog's persisted form.
std::string EncodeTableDef(const TableDef& def);
// Decodes; returns false on corrupt input.
[[nodiscard]] bool DecodeTableDef(std::string_view data, TableDef* def);

}  // namespace ddb
