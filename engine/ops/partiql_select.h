// ExecuteStatement's SELECT (partiql_ops.cc): its plan (partiql_plan.h) run as a Query or a Scan,
// or as one Query per value of `pk IN [...]`, a page at a time. NextToken continues the same
// statement with the same parameters only ("NextToken does not match request"). Thread-safe.
#pragma once

#include "catalog/table_def.h"
#include "core/result.h"
#include "ops/request_context.h"
#include "partiql/ast.h"
#include "protocol/partiql_json.h"

namespace ddb::ops {

// One page of the SELECT's items: at most `Limit` items read (and 1 MB, as Query and Scan
// read), with a NextToken when more may follow.
Result<protocol::StatementResponse> RunSelect(const partiql::Statement& s,
                                              const protocol::ExecuteStatementRequest& req,
                                              const TableDef& table, RequestContext& ctx);

}  // namespace ddb::ops
