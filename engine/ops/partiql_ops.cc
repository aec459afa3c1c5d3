// ExecuteStatement: a PartiQL statement (partiql/parser.h) planned as the request of the item
// operation that does the same (ops/partiql_plan.h), and run by that operation's code: SELECT
// is a Query when the WHERE fixes the partition key and a Scan otherwise (ops/partiql_select.h),
// INSERT a PutItem that must not find the key, UPDATE an UpdateItem of an item that must exist,
// DELETE a DeleteItem. Conditions, indexes, streams, TTL, capacity and errors are therefore those
// of the item operations. docs/notes/partiql.md has the service's behaviour and sources.
#include "ops/handlers.h"
#include "ops/item_requests.h"
#include "ops/partiql_plan.h"
#include "ops/partiql_select.h"
#include "partiql/parser.h"
#include "protocol/partiql_json.h"

namespace ddb::ops {

using partiql::Statement;
using Action = protocol::TransactWriteRequest::Action;
using protocol::ExecuteStatementRequest;
using protocol::StatementResponse;

ApiError ExistsRefused() {
  return ApiError::Validation("EXISTS can only be used in ExecuteTransaction write requests.");
}

Result<protocol::ItemResponse> ExecuteWritePlan(WritePlan plan, bool return_old_on_failure,
                                                protocol::CapacityDetail capacity,
                                                RequestContext& ctx) {
  Action& a = plan.action;
  Result<protocol::ItemResponse> written = ApiError::Internal("unplanned write");
  if (a.kind == Action::Kind::kPut) {
    protocol::PutItemRequest put{.table = std::move(a.table),
                                 .item = std::move(a.item),
                                 .condition = std::move(a.condition),
                                 .attrs = std::move(a.attrs),
                                 .capacity = capacity};
    written = ExecutePut(put, ctx);
  } else if (a.kind == Action::Kind::kUpdate) {
    protocol::UpdateItemRequest update{.table = std::move(a.table),
                                       .key = std::move(a.item),
                                       .update = std::move(a.update),
                                       .condition = std::move(a.condition),
                                       .attrs = std::move(a.attrs),
                                       .return_values = plan.returning,
                                       .return_old_on_failure = return_old_on_failure,
                                       .capacity = capacity};
    written = ExecuteUpdate(update, ctx);
  } else if (a.kind == Action::Kind::kDelete) {
    protocol::DeleteItemRequest del{.table = std::move(a.table),
                                    .key = std::move(a.item),
                                    .condition = std::move(a.condition),
                                    .attrs = std::move(a.attrs),
                                    .return_values = plan.returning,
                                    .return_old_on_failure = return_old_on_failure,
                                    .capacity = capacity};
    written = ExecuteDelete(del, ctx);
  } else {
    return ExistsRefused();
  }
  if (plan.insert && !written.ok() && written.error().kind == ErrorKind::kConditionalCheckFailed) {
    return ApiError::DuplicateItem();
  }
  return written;
}

Result<std::string> ExecuteStatement(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(ExecuteStatementRequest req, protocol::DecodeExecuteStatement(request));
  DDB_ASSIGN_OR_RETURN(Statement s, partiql::Parse(req.statement, req.parameters));
  if (s.kind == Statement::Kind::kExists) return ExistsRefused();
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, s.table));
  if (s.kind == Statement::Kind::kSelect) {
    DDB_ASSIGN_OR_RETURN(StatementResponse out, RunSelect(s, req, *table, ctx));
    return protocol::EncodeStatementResponse(out);
  }
  DDB_ASSIGN_OR_RETURN(WritePlan plan, PlanWrite(s, *table, KeyRule::kRefusePartial));
  DDB_ASSIGN_OR_RETURN(
      protocol::ItemResponse written,
      ExecuteWritePlan(std::move(plan), req.return_old_on_failure, req.capacity, ctx));
  StatementResponse out;
  if (written.item) out.items.push_back(std::move(*written.item));
  out.capacity = std::move(written.capacity);
  return protocol::EncodeStatementResponse(out);
}

}  // namespace ddb::ops
