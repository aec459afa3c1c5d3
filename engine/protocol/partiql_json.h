// The PartiQL operations' JSON: the requests and answers of ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction (whose answer is TransactGetItems' shape:
// protocol::EncodeTransactGet). The statements themselves are partiql/'s.
// Decoders assume the shape layer (protocol/shape.h) checked the members' types and limits.
// Thread-safe (stateless).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_error.h"
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

// Whether a PartiQL request's body may hold a statement other than a SELECT: a quick look at the
// text of each "Statement" (true when unsure), to choose the threads that run the request; the
// statements are parsed properly when it runs.
bool MayWrite(std::string_view body);

// One statement of BatchExecuteStatement or ExecuteTransaction.
struct BatchStatement {
  std::string statement;
  std::vector<Value> parameters;
  bool consistent = false;             // BatchExecuteStatement only.
  bool return_old_on_failure = false;  // ReturnValuesOnConditionCheckFailure=ALL_OLD.
};

struct BatchExecuteRequest {
  std::vector<BatchStatement> statements;
  CapacityDetail capacity = CapacityDetail::kNone;
};
Result<BatchExecuteRequest> DecodeBatchExecuteStatement(simdjson::dom::object obj);

struct ExecuteTransactionRequest {
  std::vector<BatchStatement> statements;
  std::optional<std::string> token;  // ClientRequestToken.
  // With a token: what identifies the request for it (the statements, minified).
  std::string fingerprint;
  CapacityDetail capacity = CapacityDetail::kNone;
};
Result<ExecuteTransactionRequest> DecodeExecuteTransaction(simdjson::dom::object obj);

// One entry of BatchExecuteStatement's Responses: the table and item of a statement that ran, or
// its error (rendered as a BatchStatementError: Code named after the error's kind, and Message;
// as in the service, never the item a failed condition found).
struct BatchStatementResult {
  std::optional<std::string> table;
  std::optional<Item> item;
  std::optional<ApiError> error;
};
std::string EncodeBatchExecuteResponse(const std::vector<BatchStatementResult>& results,
                                       const std::vector<ConsumedCapacity>& capacity);

}  // namespace ddb::protocol
