// PutItem, GetItem, DeleteItem and UpdateItem.
#include <memory>

#include "expr/eval.h"
#include "expr/parser.h"
#include "expr/paths.h"
#include "expr/update.h"
#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "protocol/decode.h"
#include "protocol/encode.h"
#include "txn/rmw.h"

namespace ddb::ops {
namespace {

using protocol::ReturnValues;

expr::ParseContext MakeContext(const protocol::ExpressionAttributes& attrs) {
  expr::ParseContext ctx;
  ctx.names = attrs.names ? &*attrs.names : nullptr;
  ctx.values = attrs.values ? &*attrs.values : nullptr;
  return ctx;
}

Result<std::optional<expr::Condition>> ParseOptionalCondition(
    const std::optional<std::string>& text, expr::ParseContext& pc) {
  if (!text) return std::optional<expr::Condition>();
  DDB_ASSIGN_OR_RETURN(expr::Condition c, expr::ParseCondition(*text, "ConditionExpression", pc));
  return std::optional<expr::Condition>(std::move(c));
}

// Fails the write with ConditionalCheckFailed (carrying the item when asked) unless `current`
// satisfies the condition.
Status CheckCondition(const std::optional<expr::Condition>& condition, const Item* current,
                      bool return_old_on_failure) {
  if (!condition) return Status::OK();
  static const Item kEmpty;
  if (expr::Evaluate(*condition, current ? *current : kEmpty)) return Status::OK();
  std::shared_ptr<const Value> old;
  if (return_old_on_failure && current) old = std::make_shared<const Value>(Value::OfMap(*current));
  return ApiError::ConditionFailed(std::move(old));
}

}  // namespace

Result<TablePtr> FindTable(const RequestContext& ctx, const std::string& name) {
  TablePtr table = ctx.engine.catalog().Find(ctx.ns, name);
  if (!table) return ApiError::NotFound("Cannot do operations on a non-existent table");
  return table;
}

Result<std::string> PutItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::PutItemRequest req, protocol::DecodePutItem(request));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, req.table));
  DDB_ASSIGN_OR_RETURN(KeyRef key, ValidateItem(*table, req.item));
  expr::ParseContext pc = MakeContext(req.attrs);
  DDB_ASSIGN_OR_RETURN(auto condition, ParseOptionalCondition(req.condition, pc));
  DDB_RETURN_IF_ERROR(expr::CheckAllUsed(pc, condition.has_value(), "ConditionExpression is null"));
  std::string storage_key = StorageKey(*table, key);
  DDB_ASSIGN_OR_RETURN(
      txn::WriteResult written,
      txn::ReadModifyWrite(
          ctx.engine, *table, storage_key, [&](const Item* current) -> Result<std::optional<Item>> {
            DDB_RETURN_IF_ERROR(CheckCondition(condition, current, req.return_old_on_failure));
            return std::optional<Item>(req.item);
          }));
  protocol::ItemResponse resp;
  if (req.return_values == ReturnValues::kAllOld) resp.item = std::move(written.old_item);
  resp.capacity =
      WriteCapacity(req.capacity, table->name,
                    WriteUnits(std::max(written.old_size, written.new_size)), written.index_units);
  return protocol::EncodeItemResponse(resp, "Attributes");
}

Result<std::string> GetItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::GetItemRequest req, protocol::DecodeGetItem(request));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, req.table));
  DDB_ASSIGN_OR_RETURN(KeyRef key, ValidateKey(*table, req.key));
  expr::ParseContext pc = MakeContext(req.attrs);
  std::vector<expr::Path> projection;
  if (req.projection) {
    DDB_ASSIGN_OR_RETURN(projection, expr::ParseProjection(*req.projection, pc));
  }
  DDB_RETURN_IF_ERROR(
      expr::CheckAllUsed(pc, req.projection.has_value(), "ProjectionExpression is null"));
  DDB_ASSIGN_OR_RETURN(std::optional<Item> item,
                       txn::ReadItem(ctx.engine, StorageKey(*table, key)));
  protocol::ItemResponse resp;
  size_t size = item ? ItemSize(*item) : 0;
  if (item) resp.item = projection.empty() ? std::move(item) : expr::Project(*item, projection);
  resp.capacity = Capacity(req.capacity, table->name, ReadUnits(size, req.consistent), false);
  return protocol::EncodeItemResponse(resp, "Item");
}

Result<std::string> DeleteItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::DeleteItemRequest req, protocol::DecodeDeleteItem(request));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, req.table));
  DDB_ASSIGN_OR_RETURN(KeyRef key, ValidateKey(*table, req.key));
  expr::ParseContext pc = MakeContext(req.attrs);
  DDB_ASSIGN_OR_RETURN(auto condition, ParseOptionalCondition(req.condition, pc));
  DDB_RETURN_IF_ERROR(expr::CheckAllUsed(pc, condition.has_value(), "ConditionExpression is null"));
  DDB_ASSIGN_OR_RETURN(
      txn::WriteResult written,
      txn::ReadModifyWrite(ctx.engine, *table, StorageKey(*table, key),
                           [&](const Item* current) -> Result<std::optional<Item>> {
                             DDB_RETURN_IF_ERROR(
                                 CheckCondition(condition, current, req.return_old_on_failure));
                             return std::optional<Item>();
                           }));
  protocol::ItemResponse resp;
  if (req.return_values == ReturnValues::kAllOld) resp.item = std::move(written.old_item);
  resp.capacity =
      WriteCapacity(req.capacity, table->name, WriteUnits(written.old_size), written.index_units);
  return protocol::EncodeItemResponse(resp, "Attributes");
}

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

std::optional<Item> UpdateReturn(ReturnValues rv, const txn::WriteResult& w,
                                 const std::vector<expr::Path>& updated) {
  std::optional<Item> out;
  switch (rv) {
    case ReturnValues::kNone:
      return std::nullopt;
    case ReturnValues::kAllOld:
      out = w.old_item;
      break;
    case ReturnValues::kAllNew:
      out = w.new_item;
      break;
    case ReturnValues::kUpdatedOld:
      if (w.old_item) out = expr::Project(*w.old_item, updated);
      break;
    case ReturnValues::kUpdatedNew:
      if (w.new_item) out = expr::Project(*w.new_item, updated);
      break;
  }
  if (out && out->empty() && rv != ReturnValues::kAllNew) out.reset();
  return out;
}

}  // namespace

Result<std::string> UpdateItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::UpdateItemRequest req, protocol::DecodeUpdateItem(request));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, req.table));
  DDB_ASSIGN_OR_RETURN(KeyRef key, ValidateKey(*table, req.key));
  expr::ParseContext pc = MakeContext(req.attrs);
  std::optional<expr::UpdateExpression> update;
  if (req.update) {
    DDB_ASSIGN_OR_RETURN(update, expr::ParseUpdate(*req.update, pc));
  }
  DDB_ASSIGN_OR_RETURN(auto condition, ParseOptionalCondition(req.condition, pc));
  DDB_RETURN_IF_ERROR(expr::CheckAllUsed(pc, update.has_value() || condition.has_value(),
                                         "UpdateExpression and ConditionExpression are null"));
  if (update) DDB_RETURN_IF_ERROR(CheckKeyNotUpdated(*table, *update));
  DDB_ASSIGN_OR_RETURN(
      txn::WriteResult written,
      txn::ReadModifyWrite(ctx.engine, *table, StorageKey(*table, key),
                           [&](const Item* current) -> Result<std::optional<Item>> {
                             DDB_RETURN_IF_ERROR(
                                 CheckCondition(condition, current, req.return_old_on_failure));
                             Item next = current ? *current : req.key;
                             if (update) DDB_RETURN_IF_ERROR(expr::ApplyUpdate(*update, next));
                             DDB_RETURN_IF_ERROR(index::ValidateIndexKeys(*table, next, true));
                             if (ItemSize(next) > kMaxItemSize) {
                               return ApiError::Validation(
                                   "Item size to update has exceeded the maximum allowed size");
                             }
                             return std::optional<Item>(std::move(next));
                           }));
  std::vector<expr::Path> updated;
  if (update) {
    for (const auto& a : update->actions) updated.push_back(a.path);
  }
  protocol::ItemResponse resp;
  resp.item = UpdateReturn(req.return_values, written, updated);
  resp.capacity =
      WriteCapacity(req.capacity, table->name,
                    WriteUnits(std::max(written.old_size, written.new_size)), written.index_units);
  return protocol::EncodeItemResponse(resp, "Attributes");
}

}  // namespace ddb::ops
