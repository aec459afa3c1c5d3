// Query and Scan: one range iteration over the item keys, with filter, projection, Limit, the
// 1 MB page limit and LastEvaluatedKey.
#include "expr/eval.h"
#include "expr/parser.h"
#include "expr/paths.h"
#include "item/codec.h"
#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/key_condition.h"
#include "protocol/decode.h"
#include "protocol/encode.h"
#include "storage/keys.h"

namespace ddb::ops {
namespace {

using protocol::ReadRequest;
using protocol::Select;

constexpr size_t kPageBytes = size_t{1024} * 1024;

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// The parsed expressions of one Query or Scan.
struct ReadPlan {
  std::optional<expr::Condition> key_condition;
  std::optional<expr::Condition> filter;
  std::vector<expr::Path> projection;
  KeyCondition keys;
  std::string lower, upper;  // Item key range to iterate.
  std::string start_after;   // Encoded ExclusiveStartKey, or empty.
};

Status CheckSelect(const ReadRequest& req) {
  if (req.index) return Invalid("The table does not have the specified index: " + *req.index);
  switch (req.select) {
    case Select::kCount:
      if (req.projection) {
        return Invalid(
            "Cannot specify the ProjectionExpression when choosing to get only the Count");
      }
      break;
    case Select::kSpecific:
      if (!req.projection) {
        return Invalid(
            "Must specify the AttributesToGet or ProjectionExpression when choosing to "
            "get SPECIFIC_ATTRIBUTES");
      }
      break;
    case Select::kAllAttributes:
      if (req.projection) {
        return Invalid(
            "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
      }
      break;
    case Select::kAllProjected:
      return Invalid("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    case Select::kDefault:
      break;
  }
  return Status::OK();
}

void CollectPaths(const expr::Operand& op, std::vector<const expr::Path*>* out) {
  if (op.kind == expr::OperandKind::kPath) out->push_back(&op.path);
  for (const auto& a : op.args) CollectPaths(a, out);
}

void CollectPaths(const expr::Condition& c, std::vector<const expr::Path*>* out) {
  for (const auto& op : c.operands) CollectPaths(op, out);
  for (const auto& child : c.children) CollectPaths(child, out);
}

Status CheckFilterKeys(const expr::Condition& filter, const TableDef& table) {
  std::vector<const expr::Path*> paths;
  CollectPaths(filter, &paths);
  for (const auto* p : paths) {
    const std::string& top = p->elements[0].name;
    if (table.IsKeyAttribute(top)) {
      return Invalid(
          "Filter Expression can only contain non-primary key attributes: Primary key "
          "attribute: " +
          top);
    }
  }
  return Status::OK();
}

Status ParseExpressions(const ReadRequest& req, const TableDef& table, ReadPlan* plan) {
  expr::ParseContext pc;
  pc.names = req.attrs.names ? &*req.attrs.names : nullptr;
  pc.values = req.attrs.values ? &*req.attrs.values : nullptr;
  if (req.is_query) {
    if (!req.key_condition) {
      return Invalid(
          "Either the KeyConditions or KeyConditionExpression parameter must be "
          "specified in the request.");
    }
    DDB_ASSIGN_OR_RETURN(plan->key_condition,
                         expr::ParseCondition(*req.key_condition, "KeyConditionExpression", pc));
  }
  if (req.filter) {
    DDB_ASSIGN_OR_RETURN(plan->filter, expr::ParseCondition(*req.filter, "FilterExpression", pc));
  }
  if (req.projection) {
    DDB_ASSIGN_OR_RETURN(plan->projection, expr::ParseProjection(*req.projection, pc));
  }
  DDB_RETURN_IF_ERROR(expr::CheckAllUsed(pc, req.key_condition || req.filter || req.projection,
                                         "FilterExpression is null"));
  DDB_RETURN_IF_ERROR(CheckSelect(req));
  if (plan->key_condition) {
    DDB_ASSIGN_OR_RETURN(plan->keys, AnalyzeKeyCondition(*plan->key_condition, table));
    if (plan->filter) DDB_RETURN_IF_ERROR(CheckFilterKeys(*plan->filter, table));
  }
  return Status::OK();
}

// Validates ExclusiveStartKey and encodes it as the key to resume after.
Status StartKey(const ReadRequest& req, const TableDef& table, ReadPlan* plan) {
  if (!req.start_key) return Status::OK();
  const Item& key = *req.start_key;
  if (key.size() != (table.range ? 2u : 1u)) {
    return Invalid("Exclusive Start Key must have same size as table's key schema");
  }
  if (!key.count(table.hash.name) || (table.range && !key.count(table.range->name))) {
    return Invalid("The provided starting key is invalid");
  }
  auto ref = ValidateKey(table, key);
  if (!ref.ok()) {
    // DynamoDB's wording for a start key whose attribute has the wrong type.
    if (ref.error().message.find("Type mismatch") != std::string::npos) {
      return Invalid("Type mismatch for attribute to update");
    }
    return Invalid("The provided starting key is invalid: " + ref.error().message);
  }
  if (req.is_query && !(*ref->hash == *plan->keys.hash)) {
    return Invalid("The provided starting key does not match the range key predicate");
  }
  plan->start_after = StorageKey(table, *ref);
  // The start key is the last key of the previous page, so it satisfies the key condition.
  if (req.is_query && (plan->start_after < plan->lower || plan->start_after >= plan->upper)) {
    return Invalid("The provided starting key does not match the range key predicate");
  }
  return Status::OK();
}

void ScanRange(const ReadRequest& req, const TableDef& table, ReadPlan* plan) {
  if (!req.segment) {
    plan->lower = storage::TablePrefix(table.id);
    plan->upper = storage::TablePrefix(table.id + 1);
    return;
  }
  // Segments split the 32-bit partition-hash space evenly, so each item is in exactly one.
  const uint64_t space = uint64_t{1} << 32;
  const auto total = static_cast<uint64_t>(*req.total_segments);
  const auto seg = static_cast<uint64_t>(*req.segment);
  plan->lower = storage::HashBoundary(table.id, seg * space / total);
  plan->upper = storage::HashBoundary(table.id, (seg + 1) * space / total);
}

Result<protocol::ReadResponse> Run(const ReadRequest& req, const TableDef& table,
                                   const ReadPlan& plan, storage::Store& store) {
  protocol::ReadResponse resp;
  resp.count_only = req.select == Select::kCount;
  auto it = store.NewIterator(store.items(), plan.lower, plan.upper);
  const bool forward = req.forward;
  if (!plan.start_after.empty()) {
    if (forward) {
      it->Seek(plan.start_after);
      if (it->Valid() && it->key() == plan.start_after) it->Next();
    } else {
      it->SeekForPrev(plan.start_after);
      if (it->Valid() && it->key() == plan.start_after) it->Prev();
    }
  } else if (forward) {
    it->SeekToFirst();
  } else {
    it->SeekToLast();
  }
  size_t bytes = 0;
  Item item;
  for (; it->Valid(); forward ? it->Next() : it->Prev()) {
    if (!DecodeItem(std::string_view(it->value().data(), it->value().size()), &item)) {
      return ApiError::Internal("corrupt item in storage");
    }
    ++resp.scanned;
    bytes += ItemSize(item);
    // The page ends at Limit items read or at 1 MB read, filter or not; the last item read is
    // where the next page starts.
    const bool page_full = (req.limit && resp.scanned >= *req.limit) || bytes >= kPageBytes;
    if (page_full) resp.last_key = KeyOf(table, item);
    if (!plan.filter || expr::Evaluate(*plan.filter, item)) {
      ++resp.count;
      if (!resp.count_only) {
        if (plan.projection.empty()) {
          resp.items.push_back(std::move(item));  // DecodeItem clears it before reuse.
        } else {
          resp.items.push_back(expr::Project(item, plan.projection));
        }
      }
    }
    if (page_full) break;
  }
  if (!it->status().ok())
    return ApiError::Internal("storage read failed: " + it->status().ToString());
  resp.capacity =
      Capacity(req.capacity, table.name, bytes == 0 ? 0 : ReadUnits(bytes, req.consistent), false);
  return resp;
}

Result<std::string> Read(Result<ReadRequest> decoded, RequestContext& ctx) {
  if (!decoded.ok()) return std::move(decoded).error();
  const ReadRequest& req = decoded.value();
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, req.table));
  ReadPlan plan;
  DDB_RETURN_IF_ERROR(ParseExpressions(req, *table, &plan));
  if (req.is_query) {
    KeyRange(*table, plan.keys, &plan.lower, &plan.upper);
  } else {
    ScanRange(req, *table, &plan);
  }
  DDB_RETURN_IF_ERROR(StartKey(req, *table, &plan));
  DDB_ASSIGN_OR_RETURN(protocol::ReadResponse resp, Run(req, *table, plan, ctx.engine.store()));
  return protocol::EncodeRead(resp);
}

}  // namespace

Result<std::string> Query(simdjson::dom::object request, RequestContext& ctx) {
  return Read(protocol::DecodeQuery(request), ctx);
}

Result<std::string> Scan(simdjson::dom::object request, RequestContext& ctx) {
  return Read(protocol::DecodeScan(request), ctx);
}

}  // namespace ddb::ops
