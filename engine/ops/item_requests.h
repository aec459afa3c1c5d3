// The item operations on typed requests (protocol/requests.h): what the JSON handlers run after
// decoding, and what PartiQL statements (ops/partiql_ops.cc) are translated into, so both take
// the same path with the same checks, errors and capacity. Thread-safe.
#pragma once

#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "expr/ast.h"
#include "ops/request_context.h"
#include "protocol/batch_requests.h"
#include "protocol/requests.h"

namespace ddb::ops {

// GetItem once its request is checked: the item at `key` (validated against `table`: "The
// provided key element does not match the schema", ...), projected onto `projection` (empty:
// the whole item), with its read capacity.
Result<protocol::ItemResponse> ExecuteGet(const TableDef& table, const Item& key,
                                          const std::vector<expr::Path>& projection,
                                          bool consistent, protocol::CapacityDetail detail,
                                          RequestContext& ctx);
Result<protocol::ItemResponse> ExecutePut(const protocol::PutItemRequest& req, RequestContext& ctx);
Result<protocol::ItemResponse> ExecuteUpdate(const protocol::UpdateItemRequest& req,
                                             RequestContext& ctx);
Result<protocol::ItemResponse> ExecuteDelete(const protocol::DeleteItemRequest& req,
                                             RequestContext& ctx);
// A Query (req.is_query) or a Scan.
Result<protocol::ReadResponse> ExecuteRead(const protocol::ReadRequest& req, RequestContext& ctx);

// TransactWriteItems (transact_ops.cc): every action in one all-or-nothing commit; with a
// ClientRequestToken that succeeded in the last 10 minutes, a replay that changes nothing and
// reports the capacity of reading the items. TransactionCanceledException (one reason per
// action), IdempotentParameterMismatchException, or the actions' validation errors.
struct TransactWriteResult {
  std::vector<protocol::ConsumedCapacity> capacity;  // Per table.
  std::vector<protocol::CollectionMetrics> collections;
};
Result<TransactWriteResult> ExecuteTransactWrite(const protocol::TransactWriteRequest& req,
                                                 RequestContext& ctx);

}  // namespace ddb::ops
