// Typed requests and responses of the operations this engine serves.
//
// The protocol layer decodes JSON into these structs (decode_*.cc) and encodes the responses
// (encode_*.cc); operations (ops/) see only these types, never JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/value.h"
#include "expr/parser.h"
#include "storage/store.h"

namespace ddb::protocol {

enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
enum class CapacityDetail { kNone, kTotal, kIndexes };
enum class Select { kDefault, kAllAttributes, kAllProjected, kSpecific, kCount };

// ExpressionAttributeNames / ExpressionAttributeValues of one request.
struct ExpressionAttributes {
  std::optional<expr::NameMap> names;
  std::optional<Item> values;
};

struct PutItemRequest {
  std::string table;
  Item item;
  std::optional<std::string> condition;
  ExpressionAttributes attrs;
  ReturnValues return_values = ReturnValues::kNone;
  bool return_old_on_failure = false;
  CapacityDetail capacity = CapacityDetail::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics=SIZE.
};

struct GetItemRequest {
  std::string table;
  Item key;
  std::optional<std::string> projection;
  ExpressionAttributes attrs;
  bool consistent = false;
  CapacityDetail capacity = CapacityDetail::kNone;
};

struct DeleteItemRequest {
  std::string table;
  Item key;
  std::optional<std::string> condition;
  ExpressionAttributes attrs;
  ReturnValues return_values = ReturnValues::kNone;
  bool return_old_on_failure = false;
  CapacityDetail capacity = CapacityDetail::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics=SIZE.
};

struct UpdateItemRequest {
  std::string table;
  Item key;
  std::optional<std::string> update;
  bool legacy_update = false;  // `update` was translated from AttributeUpdates.
  std::optional<std::string> condition;
  ExpressionAttributes attrs;
  ReturnValues return_values = ReturnValues::kNone;
  bool return_old_on_failure = false;
  CapacityDetail capacity = CapacityDetail::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics=SIZE.
};

// Query and Scan share one request shape; Query sets key_condition, Scan the segment fields.
struct ReadRequest {
  bool is_query = false;
  bool legacy =
      false;  // Expressed with KeyConditions / QueryFilter / ScanFilter / AttributesToGet.
  std::string table;
  std::optional<std::string> index;
  std::optional<std::string> key_condition;
  std::optional<std::string> filter;
  std::optional<std::string> projection;
  ExpressionAttributes attrs;
  std::optional<int64_t> limit;
  bool consistent = false;
  bool forward = true;
  Select select = Select::kDefault;
  std::optional<Item> start_key;
  std::optional<int64_t> segment;
  std::optional<int64_t> total_segments;
  CapacityDetail capacity = CapacityDetail::kNone;
};

struct ConsumedCapacity {
  std::string table;
  double units = 0;        // Total: table plus indexes.
  double table_units = 0;  // The table's share (INDEXES detail).
  // Transactions also report their units as read or write units.
  enum class UnitsKind { kNone, kRead, kWrite } units_kind = UnitsKind::kNone;
  // The INDEXES breakdown repeats ReadCapacityUnits too (a replayed TransactWriteItems does;
  // TransactGetItems does not). WriteCapacityUnits are always repeated.
  bool table_read_units = false;
  bool is_write = false;
  CapacityDetail detail = CapacityDetail::kNone;
  std::vector<std::pair<std::string, double>> local_indexes;   // INDEXES detail.
  std::vector<std::pair<std::string, double>> global_indexes;  // INDEXES detail.
};

// ItemCollectionMetrics of one write to a table with local secondary indexes.
struct CollectionMetrics {
  std::string table;  // BatchWriteItem and TransactWriteItems group them by table.
  Item key;           // The partition key attribute.
  int64_t bytes = 0;  // The collection's size after the write.
};

// PutItem, DeleteItem, UpdateItem (Attributes) and GetItem (Item).
struct ItemResponse {
  std::optional<Item> item;
  std::optional<ConsumedCapacity> capacity;
  std::optional<CollectionMetrics> collection;
};

struct ReadResponse {
  std::vector<Item> items;
  // Set instead of `items` when the items were rendered straight from storage: a JSON array.
  std::string items_json;
  bool count_only = false;
  int64_t count = 0;
  int64_t scanned = 0;
  std::optional<Item> last_key;
  std::optional<ConsumedCapacity> capacity;
};

// OnDemandThroughput and WarmThroughput members as sent (a member may be absent; -1 clears an
// on-demand cap in UpdateTable). The operations check them against the billing mode.
struct OnDemandRequest {
  std::optional<int64_t> max_read, max_write;
};
struct WarmRequest {
  std::optional<int64_t> read, write;
};
// SSESpecification as sent.
struct SseRequest {
  std::optional<bool> enabled;
  std::optional<std::string> type;  // AES256 or KMS (the enum is checked by protocol/shape.h)
  std::optional<std::string> key;   // KMSMasterKeyId
};
// The capacity and storage options CreateTable and UpdateTable share, for the table itself.
struct TableOptions {
  std::optional<OnDemandRequest> on_demand;
  std::optional<WarmRequest> warm;
  std::optional<SseRequest> sse;
  std::optional<std::string> table_class;
};

struct CreateTableRequest {
  TableDef def;  // id, ns, region and times are filled in by the operation.
  TableOptions options;
  // Per global index of def.indexes (same order, locals skipped): its options as sent.
  std::vector<std::pair<std::optional<OnDemandRequest>, std::optional<WarmRequest>>> index_options;
};

// One element of UpdateTable's GlobalSecondaryIndexUpdates.
struct IndexUpdate {
  enum class Kind { kCreate, kUpdate, kDelete } kind = Kind::kCreate;
  IndexDef index;  // kCreate: the new index (key types unbound); otherwise its name.
  std::optional<std::pair<int64_t, int64_t>> throughput;  // kUpdate.
  std::optional<OnDemandRequest> on_demand;               // kCreate, kUpdate.
  std::optional<WarmRequest> warm;                        // kCreate, kUpdate.
};

struct UpdateTableRequest {
  std::string table;
  std::vector<IndexUpdate> index_updates;
  std::optional<StreamSpec> stream;
  std::optional<std::vector<AttributeDefinition>> attributes;
  std::optional<BillingMode> billing;
  std::optional<std::pair<int64_t, int64_t>> throughput;  // read, write units
  std::optional<bool> deletion_protection;
  TableOptions options;
};

struct ListTablesRequest {
  std::optional<std::string> exclusive_start;
  int64_t limit = 100;
};

struct ListTablesResponse {
  std::vector<std::string> names;
  std::optional<std::string> last;
};

struct Limits {
  int64_t account_read_units, account_write_units, table_read_units, table_write_units;
};

// DescribeTable and the TableDescription inside Create/Update/DeleteTable responses.
struct TableDescription {
  TablePtr def;
  storage::TableCounters counters;
  std::vector<storage::TableCounters> index_counters;  // Parallel to def->indexes.
  std::string status = "ACTIVE";
  // CreateTable's answer shows WarmThroughput only when the request set it, as DynamoDB's does.
  bool show_warm = true;
};

}  // namespace ddb::protocol
