// The operation handlers. Each decodes its request (protocol/decode.h), runs it against the
// engine and encodes the response (protocol/encode.h); errors are returned, never thrown.
#pragma once

#include <simdjson.h>

#include "core/result.h"
#include "ops/request_context.h"
#include "ops/write_step.h"

namespace ddb::ops {

// One operation: its request (validated by the shape layer) in, its answer's JSON out.
using OperationFn = Result<std::string> (*)(simdjson::dom::object request, RequestContext& ctx);

// item_ops.cc
Result<std::string> PutItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> GetItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DeleteItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> UpdateItem(simdjson::dom::object request, RequestContext& ctx);
// partiql_ops.cc, partiql_batch_ops.cc, partiql_transaction_ops.cc
Result<std::string> ExecuteStatement(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> BatchExecuteStatement(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> ExecuteTransaction(simdjson::dom::object request, RequestContext& ctx);
// query_scan.cc
Result<std::string> Query(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> Scan(simdjson::dom::object request, RequestContext& ctx);
// table_ops.cc
Result<std::string> CreateTable(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DeleteTable(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DescribeTable(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> ListTables(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> UpdateTable(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DescribeLimits(simdjson::dom::object request, RequestContext& ctx);
// batch_ops.cc
Result<std::string> BatchWriteItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> BatchGetItem(simdjson::dom::object request, RequestContext& ctx);
// stream_ops.cc (DynamoDBStreams_20120810.*)
Result<std::string> ListStreams(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DescribeStream(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> GetShardIterator(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> GetRecords(simdjson::dom::object request, RequestContext& ctx);
// tag_ops.cc
Result<std::string> TagResource(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> UntagResource(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> ListTagsOfResource(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DescribeEndpoints(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DescribeContinuousBackups(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> UpdateContinuousBackups(simdjson::dom::object request, RequestContext& ctx);
// ttl_ops.cc
Result<std::string> UpdateTimeToLive(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DescribeTimeToLive(simdjson::dom::object request, RequestContext& ctx);
// transact_ops.cc
Result<std::string> TransactWriteItems(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> TransactGetItems(simdjson::dom::object request, RequestContext& ctx);

}  // namespace ddb::ops
