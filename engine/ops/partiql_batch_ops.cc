// BatchExecuteStatement: up to 25 PartiQL statements, all reads or all writes, each run on its
// own (not atomically) and answered in order with its table and item or its error. A read must
// name one item by its whole key and nothing else; a write is ExecuteStatement's
// (ExecuteWritePlan), so conditions, RETURNING and DuplicateItem are the same. Two statements on
// one item refuse the whole batch before anything runs. docs/notes/partiql.md has the sources.
#include <set>

#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/item_requests.h"
#include "ops/partiql_plan.h"
#include "partiql/columns.h"
#include "partiql/parser.h"
#include "protocol/partiql_json.h"

namespace ddb::ops {
namespace {

using partiql::Statement;
using protocol::BatchStatementResult;

// One statement checked against its table and ready to run, or the error it answers.
struct Prepared {
  std::optional<ApiError> error;
  const Statement* statement = nullptr;
  TablePtr table;
  Item key;                        // A read: the item's key.
  std::optional<WritePlan> write;  // A write.
  std::string storage_key;         // Where the item is, for the duplicate check.
};

bool IsRead(const Result<Statement>& s) { return s.ok() && s->kind == Statement::Kind::kSelect; }
bool IsWrite(const Result<Statement>& s) { return s.ok() && s->kind != Statement::Kind::kSelect; }

Status PrepareRead(Prepared* p) {
  const ApiError not_one_item = ApiError::Validation(
      "Select statements within BatchExecuteStatement must specify the primary key in the where "
      "clause.");
  DDB_ASSIGN_OR_RETURN(p->key, PlanItemKey(*p->statement, *p->table, not_one_item));
  DDB_ASSIGN_OR_RETURN(KeyRef key, ValidateKey(*p->table, p->key));
  p->storage_key = StorageKey(*p->table, key);
  return Status::OK();
}

Status PrepareWrite(Prepared* p) {
  DDB_ASSIGN_OR_RETURN(p->write, PlanWrite(*p->statement, *p->table, KeyRule::kRefusePartial));
  DDB_ASSIGN_OR_RETURN(p->storage_key, WriteKey(*p->write, *p->table));
  return Status::OK();
}

Prepared Prepare(const Result<Statement>& parsed, RequestContext& ctx) {
  Prepared p;
  if (!parsed.ok()) {
    p.error = parsed.error();
    return p;
  }
  p.statement = &*parsed;
  if (parsed->kind == Statement::Kind::kExists) {
    p.error = ExistsRefused();
    return p;
  }
  auto table = FindTable(ctx, parsed->table);
  if (!table.ok()) {
    p.error = std::move(table).error();
    return p;
  }
  p.table = std::move(table).value();
  Status ready = parsed->kind == Statement::Kind::kSelect ? PrepareRead(&p) : PrepareWrite(&p);
  if (!ready.ok()) p.error = ready.error();
  return p;
}

Result<std::optional<Item>> RunRead(const Prepared& p, bool consistent,
                                    protocol::CapacityDetail detail,
                                    std::vector<protocol::ConsumedCapacity>* capacity,
                                    RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::ItemResponse read,
                       ExecuteGet(*p.table, p.key, {}, consistent, detail, ctx));
  AddTableCapacity(capacity, std::move(read.capacity));
  if (!read.item) return std::optional<Item>();
  return std::optional<Item>(partiql::Selected(*p.statement, *read.item));
}

BatchStatementResult Run(Prepared& p, const protocol::BatchStatement& statement,
                         protocol::CapacityDetail detail,
                         std::vector<protocol::ConsumedCapacity>* capacity, RequestContext& ctx) {
  Result<std::optional<Item>> item = std::optional<Item>();
  if (p.error) {
    item = std::move(*p.error);
  } else if (!p.write) {
    item = RunRead(p, statement.consistent, detail, capacity, ctx);
  } else {
    auto written =
        ExecuteWritePlan(std::move(*p.write), statement.return_old_on_failure, detail, ctx);
    if (written.ok()) {
      AddTableCapacity(capacity, std::move(written->capacity));
      item = std::move(written->item);
    } else {
      item = std::move(written).error();
    }
  }
  BatchStatementResult out;
  if (item.ok()) {
    out.item = std::move(item).value();
  } else {
    out.error = std::move(item).error();
    // A batch never returns the item a failed condition found, even with ALL_OLD.
    out.error->item = nullptr;
  }
  // The table is named, except beside a validation error (the statement did not run).
  if (p.statement && (!out.error || out.error->kind != ErrorKind::kValidation)) {
    out.table = p.statement->table;
  }
  return out;
}

}  // namespace

Result<std::string> BatchExecuteStatement(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::BatchExecuteRequest req,
                       protocol::DecodeBatchExecuteStatement(request));
  std::vector<Result<Statement>> parsed;
  for (const auto& statement : req.statements) {
    parsed.push_back(partiql::Parse(statement.statement, statement.parameters));
  }
  if (std::any_of(parsed.begin(), parsed.end(), IsRead) &&
      std::any_of(parsed.begin(), parsed.end(), IsWrite)) {
    return ApiError::Validation(
        "Read and write requests together in the same batch is not supported.");
  }
  std::vector<Prepared> prepared;
  std::set<std::pair<uint64_t, std::string>> items;
  for (const auto& statement : parsed) {
    prepared.push_back(Prepare(statement, ctx));
    const Prepared& p = prepared.back();
    if (!p.error && !items.emplace(p.table->id, p.storage_key).second) {
      return ApiError::Validation("Provided list of item keys contains duplicates");
    }
  }
  std::vector<BatchStatementResult> results;
  std::vector<protocol::ConsumedCapacity> capacity;
  for (size_t i = 0; i < prepared.size(); ++i) {
    results.push_back(Run(prepared[i], req.statements[i], req.capacity, &capacity, ctx));
  }
  return protocol::EncodeBatchExecuteResponse(results, capacity);
}

}  // namespace ddb::ops
