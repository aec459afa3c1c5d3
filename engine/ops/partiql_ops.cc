// ExecuteStatement: a PartiQL statement (partiql/parser.h) translated into the request of the
// item operation that does the same (partiql/translate.h), and run by that operation's code:
// SELECT is a Query when the WHERE fixes the partition key and a Scan otherwise, INSERT a
// PutItem that must not find the key, UPDATE an UpdateItem of an item that must exist, DELETE a
// DeleteItem. Conditions, indexes, streams, TTL, capacity and errors are therefore those of the
// item operations. docs/notes/partiql.md has the service's behaviour and sources.
#include "core/value_json.h"
#include "ops/handlers.h"
#include "ops/item_requests.h"
#include "ops/partiql_plan.h"
#include "partiql/parser.h"
#include "protocol/partiql_json.h"

namespace ddb::ops {
namespace {

using partiql::Statement;
using Action = protocol::TransactWriteRequest::Action;
using protocol::ExecuteStatementRequest;
using protocol::StatementResponse;

// A NextToken names the statement it continues (FNV-1a of its text and parameters) and the
// key where the next page starts: base64("1|<hash>|<LastEvaluatedKey JSON>").
std::string Fingerprint(const ExecuteStatementRequest& req) {
  std::string text = req.statement;
  JsonWriter w(&text);
  w.BeginArray();
  for (const Value& v : req.parameters) WriteValue(w, v);
  w.EndArray();
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return std::to_string(h);
}

std::string MakeToken(const ExecuteStatementRequest& req, const Item& last_key) {
  std::string text = "1|" + Fingerprint(req) + "|";
  JsonWriter w(&text);
  WriteItem(w, last_key);
  return Base64Encode(text);
}

Result<std::optional<Item>> StartKey(const ExecuteStatementRequest& req) {
  if (!req.next_token) return std::optional<Item>();
  std::string text;
  const ApiError invalid = ApiError::Validation("Invalid NextToken");
  if (!Base64Decode(*req.next_token, &text) || !text.starts_with("1|")) return invalid;
  const size_t bar = text.find('|', 2);
  if (bar == std::string::npos) return invalid;
  if (text.substr(2, bar - 2) != Fingerprint(req)) {
    return ApiError::Validation("NextToken does not match request");
  }
  simdjson::dom::parser parser;
  simdjson::dom::element json;
  if (parser.parse(text.substr(bar + 1)).get(json) != simdjson::SUCCESS) return invalid;
  auto key = DecodeItemJson(json);
  if (!key.ok()) return invalid;
  return std::optional<Item>(std::move(key).value());
}

Result<StatementResponse> RunSelect(const Statement& s, const ExecuteStatementRequest& req,
                                    const TableDef& table, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::ReadRequest r, PlanSelect(s, table));
  r.limit = req.limit;
  r.consistent = req.consistent;
  r.capacity = req.capacity;
  DDB_ASSIGN_OR_RETURN(r.start_key, StartKey(req));
  DDB_ASSIGN_OR_RETURN(protocol::ReadResponse read, ExecuteRead(r, ctx));
  StatementResponse out;
  out.items = std::move(read.items);
  out.items_json = std::move(read.items_json);
  if (read.last_key) out.next_token = MakeToken(req, *read.last_key);
  out.capacity = std::move(read.capacity);
  return out;
}

}  // namespace

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
