// The typed requests and answers of the DynamoDB operations DynamoDbClient offers
// (client/dynamodb_client.h), built from the core's item model (core/value.h). Plain data
// (thread-compatible); every member not set keeps the service's default, and an empty string
// means "not sent". client/protocol/dynamodb_json.h turns them into the service's JSON and back.
// Every member has an initializer (`{}` at least) so that designated initializers may leave any
// out without GCC's -Wmissing-field-initializers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"

namespace ddb::client {

// ExpressionAttributeNames: "#name" -> attribute name.
using AttributeNames = std::map<std::string, std::string, std::less<>>;

// What a write returns of the item (ReturnValues).
enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };

// The expression members every item operation shares.
struct Expressions {
  AttributeNames names{};
  Item values{};  // ExpressionAttributeValues: ":value" -> value.
};

struct GetItemRequest {
  std::string table{};
  Item key{};
  bool consistent_read = false;
  std::string projection{};  // ProjectionExpression; empty: every attribute.
  Expressions expressions{};
};

struct PutItemRequest {
  std::string table{};
  Item item{};
  std::string condition{};  // ConditionExpression.
  Expressions expressions{};
  ReturnValues return_values = ReturnValues::kNone;  // kNone or kAllOld.
  // ReturnValuesOnConditionCheckFailure ALL_OLD: a failed condition's error carries the item.
  bool item_on_condition_failure = false;
};

struct UpdateItemRequest {
  std::string table{};
  Item key{};
  std::string update{};  // UpdateExpression.
  std::string condition{};
  Expressions expressions{};
  ReturnValues return_values = ReturnValues::kNone;
  bool item_on_condition_failure = false;
};

struct DeleteItemRequest {
  std::string table{};
  Item key{};
  std::string condition{};
  Expressions expressions{};
  ReturnValues return_values = ReturnValues::kNone;  // kNone or kAllOld.
  bool item_on_condition_failure = false;
};

// The answer of PutItem, UpdateItem and DeleteItem: the attributes ReturnValues asked for.
struct WriteAnswer {
  std::optional<Item> attributes{};
};

struct QueryRequest {
  std::string table{};
  std::string index{};  // IndexName; empty: the table.
  std::string key_condition{};
  std::string filter{};
  std::string projection{};
  Expressions expressions{};
  bool forward = true;  // ScanIndexForward.
  int limit = 0;        // 0: no Limit.
  std::optional<Item> start_key{};
  bool consistent_read = false;
  bool total_capacity = false;  // ReturnConsumedCapacity TOTAL.
};

struct ScanRequest {
  std::string table{};
  std::string index{};
  std::string filter{};
  std::string projection{};
  Expressions expressions{};
  int limit = 0;
  std::optional<Item> start_key{};
  bool consistent_read = false;
  int segment = 0;
  int total_segments = 0;  // 0: not a parallel scan.
  bool total_capacity = false;
};

// One page of a Query or Scan.
struct ItemPage {
  std::vector<Item> items{};
  std::optional<Item> last_key{};  // LastEvaluatedKey: more pages follow.
  int64_t scanned_count = 0;
  std::optional<double> capacity_units{};  // ConsumedCapacity's total, when asked for.
};

// One write of a BatchWriteItem: a Put of `item`, or a Delete of key `item`.
struct BatchWrite {
  std::string table{};
  bool put = true;
  Item item{};
};

// One action of a TransactWriteItems.
struct TransactAction {
  enum class Kind { kPut, kUpdate, kDelete, kConditionCheck };
  Kind kind = Kind::kPut;
  std::string table{};
  Item item{};           // kPut: the item; the others: the key.
  std::string update{};  // kUpdate: the UpdateExpression.
  std::string condition{};
  Expressions expressions{};
  bool item_on_condition_failure = false;
};

struct TransactWriteRequest {
  std::vector<TransactAction> actions{};
  std::string client_request_token{};  // Empty: none (no idempotency).
};

// ---- Tables ----

struct KeyElement {
  std::string name{};
  bool hash = true;  // KeyType HASH, else RANGE.
};

struct Throughput {
  int64_t read = 0;
  int64_t write = 0;
};

struct GlobalIndex {
  std::string name{};
  std::vector<KeyElement> key{};
  std::string projection = "ALL";  // ALL, KEYS_ONLY or INCLUDE.
  std::vector<std::string> non_key_attributes{};
  std::optional<Throughput> throughput{};  // For a PROVISIONED table.
};

struct CreateTableRequest {
  std::string table{};
  std::vector<std::pair<std::string, std::string>> attributes{};  // name, type ("S", "N", "B").
  std::vector<KeyElement> key{};
  std::vector<GlobalIndex> global_indexes{};
  std::optional<Throughput> throughput{};  // nullopt: PAY_PER_REQUEST.
  std::string stream_view{};               // StreamViewType; empty: no stream.
};

struct IndexStatus {
  std::string name{};
  std::string status{};  // CREATING, ACTIVE, ...
};

struct TableDescription {
  std::string name{};
  std::string status{};  // CREATING, ACTIVE, DELETING, ...
  std::string arn{};
  std::string latest_stream_arn{};  // Empty without a stream.
  int64_t item_count = 0;
  std::vector<IndexStatus> global_indexes{};
};

struct TimeToLive {
  std::string status{};  // ENABLED, ENABLING, DISABLED, DISABLING.
  std::string attribute{};
};

// ---- DynamoDB Streams ----

struct StreamSummary {
  std::string arn{};
  std::string table{};
  std::string label{};
};

struct Shard {
  std::string id{};
  std::string parent_id{};  // Empty for a shard without a parent.
  std::string starting_sequence{};
  std::string ending_sequence{};  // Empty while the shard is open.
};

struct StreamDescription {
  std::string arn{};
  std::string status{};
  std::string view_type{};
  std::vector<Shard> shards{};
  std::string last_shard_id{};  // LastEvaluatedShardId: more shards follow.
};

enum class IteratorType { kTrimHorizon, kLatest, kAtSequence, kAfterSequence };

struct StreamRecord {
  std::string event_id{};
  std::string event_name{};  // INSERT, MODIFY, REMOVE.
  std::string sequence_number{};
  double created_at = 0;  // ApproximateCreationDateTime, seconds since the epoch.
  Item keys{};
  std::optional<Item> new_image{};
  std::optional<Item> old_image{};
};

struct RecordsPage {
  std::vector<StreamRecord> records{};
  std::string next_iterator{};  // Empty: the shard is closed and read to its end.
};

}  // namespace ddb::client
