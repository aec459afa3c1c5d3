// ExecuteTransaction: up to 100 PartiQL statements run all-or-nothing. Reads (SELECTs naming one
// item each by its whole key) are answered from one snapshot, as TransactGetItems answers;
// writes (INSERT, UPDATE, DELETE, and EXISTS(SELECT ...) as a condition check) are the actions
// of a TransactWriteItems, run by its code (ExecuteTransactWrite): one commit, the same
// cancellation reasons, ClientRequestToken idempotency and capacity.
//
// As the service answers: a statement of the wrong form refuses the request ("Validation failed
// in TransactStatements[i]: ..."); a missing table or a key that does not fit its table cancels
// the transaction, with a reason for every statement. docs/notes/partiql.md has the sources.
#include <set>

#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/item_requests.h"
#include "ops/partiql_plan.h"
#include "partiql/columns.h"
#include "partiql/parser.h"
#include "protocol/batch_requests.h"
#include "protocol/partiql_json.h"
#include "txn/snapshot.h"

namespace ddb::ops {
namespace {

using partiql::Statement;

ApiError Refused(size_t i, const std::string& message) {
  return ApiError::Validation("Validation failed in TransactStatements[" + std::to_string(i) +
                              "]: " + message);
}

// Per statement, the error that cancels the transaction (none: nullopt).
using Failures = std::vector<std::optional<ApiError>>;

// TransactionCanceledException if any statement failed, naming each one's reason.
Status CancelIfFailed(const Failures& failures) {
  if (std::none_of(failures.begin(), failures.end(), [](const auto& f) { return f.has_value(); })) {
    return Status::OK();
  }
  std::vector<CancellationReason> reasons;
  for (const auto& f : failures) {
    if (!f) {
      reasons.push_back({"None", "", nullptr});
    } else {
      const char* code =
          f->kind == ErrorKind::kResourceNotFound ? "ResourceNotFound" : "ValidationError";
      reasons.push_back({code, f->message, nullptr});
    }
  }
  return ApiError::TransactionCanceled(std::move(reasons));
}

struct Read {
  TablePtr table;
  std::string storage_key;
};

Result<std::string> RunReads(const protocol::ExecuteTransactionRequest& req,
                             const std::vector<Statement>& statements, RequestContext& ctx) {
  std::vector<Read> reads(statements.size());
  Failures failures(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    const Statement& s = statements[i];
    auto table = FindTable(ctx, s.table);
    if (!table.ok()) {
      failures[i] = std::move(table).error();
      continue;
    }
    if (!s.index.empty())
      return Refused(i, "Reads on indices are not supported within transactions.");
    const ApiError not_one_item = Refused(
        i,
        "Select statements within ExecuteTransaction must specify the primary key in the where "
        "clause.");
    DDB_ASSIGN_OR_RETURN(Item key, PlanItemKey(s, **table, not_one_item));
    auto ref = ValidateKey(**table, key);
    if (!ref.ok()) {
      failures[i] = std::move(ref).error();
      continue;
    }
    reads[i] = {*table, StorageKey(**table, *ref)};
  }
  DDB_RETURN_IF_ERROR(CancelIfFailed(failures));
  std::set<std::pair<uint64_t, std::string>> seen;
  std::vector<std::string> keys;
  for (const Read& r : reads) {
    if (!seen.emplace(r.table->id, r.storage_key).second) {
      return ApiError::Validation(
          "Transaction request cannot include multiple operations on one item");
    }
    keys.push_back(r.storage_key);
  }
  DDB_ASSIGN_OR_RETURN(auto items, txn::ReadSnapshot(ctx.engine, keys));
  protocol::TransactGetResponse resp;
  for (size_t i = 0; i < reads.size(); ++i) {
    size_t size = items[i] ? ItemSize(*items[i]) : 0;
    auto c = Capacity(req.capacity, reads[i].table->name, 2 * ReadUnits(size, true), false);
    if (c) c->units_kind = protocol::ConsumedCapacity::UnitsKind::kRead;
    AddTableCapacity(&resp.capacity, std::move(c));
    if (items[i]) items[i] = partiql::Selected(statements[i], *items[i]);
  }
  resp.items = std::move(items);
  return protocol::EncodeTransactGet(resp);
}

// The cancellation reasons as the service words them for statements: an INSERT whose key
// exists is a DuplicateItem, not the failed condition it was translated into, and a failed
// EXISTS says "The conditional request failed" without ConditionCheck's final period.
ApiError WordReasons(ApiError error, const std::vector<Statement>& statements) {
  if (error.kind != ErrorKind::kTransactionCanceled || !error.reasons) return error;
  std::vector<CancellationReason> reasons = *error.reasons;
  for (size_t i = 0; i < reasons.size() && i < statements.size(); ++i) {
    if (reasons[i].code != "ConditionalCheckFailed") continue;
    if (statements[i].kind == Statement::Kind::kInsert) {
      reasons[i] = {"DuplicateItem", "Duplicate primary key exists in table", nullptr};
    } else if (statements[i].kind == Statement::Kind::kExists) {
      reasons[i].message = "The conditional request failed";
    }
  }
  return ApiError::TransactionCanceled(std::move(reasons));
}

// The statement as a transaction action, or (in *failure) the error that cancels the
// transaction; a statement of the wrong form refuses the request.
Result<WritePlan> PlanAction(size_t i, const Statement& s, RequestContext& ctx,
                             std::optional<ApiError>* failure) {
  if (s.returning != partiql::Returning::kNone) {
    return Refused(i, "RETURNING clause is not supported in ExecuteTransaction.");
  }
  auto table = FindTable(ctx, s.table);
  if (!table.ok()) {
    *failure = std::move(table).error();
    return WritePlan();
  }
  if (!s.index.empty())
    return Refused(i, "Reads on indices are not supported within transactions.");
  auto plan = PlanWrite(s, **table, KeyRule::kValidateLater);
  if (!plan.ok() && s.kind == Statement::Kind::kExists) return Refused(i, plan.error().message);
  if (!plan.ok()) return std::move(plan).error();
  auto key = WriteKey(*plan, **table);
  if (!key.ok()) *failure = std::move(key).error();
  return plan;
}

Result<std::string> RunWrites(const protocol::ExecuteTransactionRequest& req,
                              const std::vector<Statement>& statements, RequestContext& ctx) {
  protocol::TransactWriteRequest write;
  write.token = req.token;
  write.fingerprint = req.fingerprint;
  write.capacity = req.capacity;
  Failures failures(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    DDB_ASSIGN_OR_RETURN(WritePlan plan, PlanAction(i, statements[i], ctx, &failures[i]));
    plan.action.return_old_on_failure = req.statements[i].return_old_on_failure;
    write.actions.push_back(std::move(plan.action));
  }
  DDB_RETURN_IF_ERROR(CancelIfFailed(failures));
  auto written = ExecuteTransactWrite(write, ctx);
  if (!written.ok()) return WordReasons(std::move(written).error(), statements);
  // A write transaction answers no items: "Responses": [].
  protocol::TransactGetResponse resp;
  resp.capacity = std::move(written->capacity);
  return protocol::EncodeTransactGet(resp);
}

}  // namespace

Result<std::string> ExecuteTransaction(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::ExecuteTransactionRequest req,
                       protocol::DecodeExecuteTransaction(request));
  std::vector<Statement> statements;
  size_t reads = 0;
  for (size_t i = 0; i < req.statements.size(); ++i) {
    const auto& statement = req.statements[i];
    auto s = partiql::Parse(statement.statement, statement.parameters);
    // A syntax error is answered as it is; the other refusals name the statement.
    if (!s.ok() && partiql::IsSyntaxError(s.error())) {
      return std::move(s).error();
    }
    if (!s.ok()) return Refused(i, s.error().message);
    if (s->kind == Statement::Kind::kSelect) ++reads;
    statements.push_back(std::move(s).value());
  }
  if (reads == statements.size()) return RunReads(req, statements, ctx);
  if (reads > 0) {
    return ApiError::Validation(
        "ExecuteTransaction API does not support both read and write operations in the same "
        "request.");
  }
  return RunWrites(req, statements, ctx);
}

}  // namespace ddb::ops
