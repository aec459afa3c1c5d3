// The item operations on typed requests (protocol/requests.h): what the JSON handlers run after
// decoding, and what PartiQL statements (ops/partiql_ops.cc) are translated into, so both take
// the same path with the same checks, errors and capacity. Thread-safe.
#pragma once

#include "core/result.h"
#include "ops/request_context.h"
#include "protocol/requests.h"

namespace ddb::ops {

Result<protocol::ItemResponse> ExecutePut(const protocol::PutItemRequest& req, RequestContext& ctx);
Result<protocol::ItemResponse> ExecuteUpdate(const protocol::UpdateItemRequest& req,
                                             RequestContext& ctx);
Result<protocol::ItemResponse> ExecuteDelete(const protocol::DeleteItemRequest& req,
                                             RequestContext& ctx);
// A Query (req.is_query) or a Scan.
Result<protocol::ReadResponse> ExecuteRead(const protocol::ReadRequest& req, RequestContext& ctx);

}  // namespace ddb::ops
