// Typed requests and responses of BatchWriteItem, BatchGetItem, TransactWriteItems and
// TransactGetItems (decode_batch.cc, encode_batch.cc).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

#include "protocol/requests.h"

namespace ddb::protocol {

struct BatchWriteRequest {
  struct Write {
    std::string table;
    bool is_put = true;
    Item item;  // The item to put, or the key to delete.
  };
  std::vector<Write> writes;  // In request order, grouped by table.
  CapacityDetail capacity = CapacityDetail::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics=SIZE.
};

struct BatchGetRequest {
  struct TableKeys {
    std::string table;
    std::vector<Item> keys;
    std::optional<std::string> projection;
    ExpressionAttributes attrs;
    bool consistent = false;
  };
  std::vector<TableKeys> tables;
  CapacityDetail capacity = CapacityDetail::kNone;
};

struct TransactWriteRequest {
  struct Action {
    enum class Kind { kConditionCheck, kPut, kUpdate, kDelete } kind = Kind::kPut;
    std::string table;
    Item item;  // kPut: the item; otherwise the key.
    std::optional<std::string> condition;
    std::optional<std::string> update;  // kUpdate.
    ExpressionAttributes attrs;
    bool return_old_on_failure = false;
  };
  std::vector<Action> actions;
  std::optional<std::string> token;  // ClientRequestToken.
  // With a token: what identifies the request for it (the actions, minified; as in DynamoDB,
  // ReturnConsumedCapacity does not count).
  std::string fingerprint;
  CapacityDetail capacity = CapacityDetail::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics=SIZE.
};

struct TransactGetRequest {
  struct Get {
    std::string table;
    Item key;
    std::optional<std::string> projection;
    ExpressionAttributes attrs;
  };
  std::vector<Get> gets;
  CapacityDetail capacity = CapacityDetail::kNone;
};

// BatchWriteItem, TransactWriteItems: per-table capacity (a list in the response).
struct MultiTableCapacity {
  std::vector<ConsumedCapacity> tables;
};

struct BatchGetResponse {
  std::vector<std::pair<std::string, std::vector<Item>>> responses;  // Per table.
  std::vector<ConsumedCapacity> capacity;
};

struct TransactGetResponse {
  std::vector<std::optional<Item>> items;  // One per Get, in order; nullopt if absent.
  std::vector<ConsumedCapacity> capacity;
};

Result<BatchWriteRequest> DecodeBatchWrite(simdjson::dom::object obj);
Result<BatchGetRequest> DecodeBatchGet(simdjson::dom::object obj);
Result<TransactWriteRequest> DecodeTransactWrite(simdjson::dom::object obj);
Result<TransactGetRequest> DecodeTransactGet(simdjson::dom::object obj);

// `collections`: ItemCollectionMetrics, one per write to a table with local indexes.
std::string EncodeBatchWrite(const std::vector<ConsumedCapacity>& capacity,
                             const std::vector<CollectionMetrics>& collections);
std::string EncodeBatchGet(const BatchGetResponse& r);
std::string EncodeTransactWrite(const std::vector<ConsumedCapacity>& capacity,
                                const std::vector<CollectionMetrics>& collections);
std::string EncodeTransactGet(const TransactGetResponse& r);

}  // namespace ddb::protocol
