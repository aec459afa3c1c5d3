#include "ops/write_step.h"

#include <memory>

#include "expr/eval.h"
#include "expr/parser.h"
#include "expr/update.h"
#include "index/index_writer.h"
#include "ops/item_key.h"

namespace ddb::ops {
namespace {

Status CheckKeyNotUpdated(const TableDef& table, const expr::UpdateExpression& update) {
  for (const auto& action : update.actions) {
    const std::string& top = action.path.elements[0].name;
    if (table.IsKeyAttribute(top)) {
      return ApiError::Validation(
          "One or more parameter values were invalid: Cannot update attribute " + top +
          ". This attribute is part of the key");
    }
  }
  return Status::OK();
}

// Fails with ConditionalCheckFailed (carrying the item when asked) unless `current` satisfies
// the condition.
Status CheckCondition(const WriteStep& step, const Item* current) {
  if (!step.condition) return Status::OK();
  static const Item kEmpty;
  if (expr::Evaluate(*step.condition, current ? *current : kEmpty)) return Status::OK();
  std::shared_ptr<const Value> old;
  if (step.return_old_on_failure && current) {
    old = std::make_shared<const Value>(Value::OfMap(*current));
  }
  return ApiError::ConditionFailed(std::move(old));
}

// The item operations' words (docs/notes/service-errors.md §1.9); table operations name the table.
ApiError NoSuchTable() { return ApiError::NotFound("Requested resource not found"); }

}  // namespace

Result<TablePtr> FindTable(const RequestContext& ctx, const std::string& name) {
  TablePtr table = ctx.engine.catalog().Find(ctx.ns, name);
  if (!table) return NoSuchTable();
  return table;
}

Result<TablePtr> FindTableByName(const RequestContext& ctx, const std::string& name) {
  TablePtr table = ctx.engine.catalog().Find(ctx.ns, name);
  if (!table) return ApiError::NoTableNamed(name);
  return table;
}

// A null `table` (none of the request's name) answers ResourceNotFound, but only after the checks
// that need no table: the service makes those first (docs/notes/service-errors.md §1.7), so the
// item's size and the expressions are checked before the key against the table.
Result<WriteStep> PrepareWrite(WriteStep::Kind kind, TablePtr table, const Item& item,
                               const std::optional<std::string>& condition,
                               const std::optional<std::string>& update,
                               const protocol::ExpressionAttributes& attrs,
                               bool return_old_on_failure) {
  WriteStep step;
  step.kind = kind;
  step.item = &item;
  step.return_old_on_failure = return_old_on_failure;
  if (kind == WriteStep::Kind::kPut) DDB_RETURN_IF_ERROR(CheckItemSize(item));
  expr::ParseContext pc;
  pc.names = attrs.names ? &*attrs.names : nullptr;
  pc.values = attrs.values ? &*attrs.values : nullptr;
  if (update) {
    DDB_ASSIGN_OR_RETURN(step.update, expr::ParseUpdate(*update, pc));
  }
  if (condition) {
    DDB_ASSIGN_OR_RETURN(step.condition,
                         expr::ParseCondition(*condition, "ConditionExpression", pc));
  }
  const bool is_update = kind == WriteStep::Kind::kUpdate;
  DDB_RETURN_IF_ERROR(expr::CheckAllUsed(pc, step.update.has_value() || step.condition.has_value(),
                                         is_update
                                             ? "UpdateExpression and ConditionExpression are null"
                                             : "ConditionExpression is null"));
  if (!table) return NoSuchTable();
  KeyRef key;
  if (kind == WriteStep::Kind::kPut) {
    DDB_ASSIGN_OR_RETURN(key, ValidateItem(*table, item));
  } else {
    DDB_ASSIGN_OR_RETURN(key, ValidateKey(*table, item));
  }
  step.storage_key = StorageKey(*table, key);
  step.table = std::move(table);
  return step;
}

std::optional<protocol::CollectionMetrics> CollectionOf(bool wanted, const WriteStep& step,
                                                        const txn::WriteResult& written) {
  if (!wanted || !written.collection_bytes) return std::nullopt;
  const std::string& hash = step.table->hash.name;
  return protocol::CollectionMetrics{step.table->name, Item{{hash, step.item->at(hash)}},
                                     *written.collection_bytes};
}

Result<std::optional<Item>> ApplyStep(const WriteStep& step, const Item* current) {
  DDB_RETURN_IF_ERROR(CheckCondition(step, current));
  switch (step.kind) {
    case WriteStep::Kind::kPut:
      return std::optional<Item>(*step.item);
    case WriteStep::Kind::kDelete:
      return std::optional<Item>();
    case WriteStep::Kind::kConditionCheck:
      return current ? std::optional<Item>(*current) : std::optional<Item>();
    case WriteStep::Kind::kUpdate:
      break;
  }
  if (step.update) DDB_RETURN_IF_ERROR(CheckKeyNotUpdated(*step.table, *step.update));
  Item next = current ? *current : *step.item;
  if (step.update) DDB_RETURN_IF_ERROR(expr::ApplyUpdate(*step.update, next));
  DDB_RETURN_IF_ERROR(index::ValidateIndexKeys(*step.table, next, true));
  if (ItemSize(next) > kMaxItemSize) {
    return ApiError::Validation("Item size to update has exceeded the maximum allowed size");
  }
  return std::optional<Item>(std::move(next));
}

}  // namespace ddb::ops
