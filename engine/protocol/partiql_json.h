// The PartiQL operations' JSON: ExecuteStatement's request, and the answer it gives (Items, with
// NextToken and ConsumedCapacity). The statements themselves are partiql/'s. Thread-safe
// (stateless).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "protocol/requests.h"

namespace ddb::protocol {

struct ExecuteStatementRequest {
  std::string statement;
  std::vector<Value> parameters;
  bool consistent = false;
  std::optional<std::string> next_token;
  std::optional<int64_t> limit;
  CapacityDetail capacity = CapacityDetail::kNone;
  bool return_old_on_failure = false;  // ReturnValuesOnConditionCheckFailure=ALL_OLD.
};

// The request's members (their types and constraints were checked by protocol/shape.h).
Result<ExecuteStatementRequest> DecodeExecuteStatement(simdjson::dom::object obj);

struct StatementResponse {
  std::vector<Item> items;
  std::string items_json;  // Instead of `items`: a JSON array rendered from storage.
  std::optional<std::string> next_token;
  std::optional<ConsumedCapacity> capacity;
};
std::string EncodeStatementResponse(const StatementResponse& r);

}  // namespace ddb::protocol
