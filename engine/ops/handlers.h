// The operation handlers. Each decodes its request (protocol/decode.h), runs it against the
// engine and encodes the response (protocol/encode.h); errors are returned, never thrown.
#pragma once

#include <simdjson.h>

#include "common/result.h"
#include "ops/engine.h"

namespace ddb::ops {

using Handler = Result<std::string> (*)(simdjson::dom::object request, RequestContext& ctx);

// item_ops.cc
Result<std::string> PutItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> GetItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> DeleteItem(simdjson::dom::object request, RequestContext& ctx);
Result<std::string> UpdateItem(simdjson::dom::object request, RequestContext& ctx);
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

// The table `name` of the caller's namespace, or ResourceNotFoundException.
Result<TablePtr> FindTable(const RequestContext& ctx, const std::string& name);

}  // namespace ddb::ops
