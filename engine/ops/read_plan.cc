#include "ops/read_plan.h"

#include "expr/parser.h"
#include "index/index_writer.h"
#include "ops/item_key.h"
#include "storage/keys.h"

namespace ddb::ops {
namespace {

using protocol::ReadRequest;
using protocol::Select;

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

Status ChooseSource(const ReadRequest& req, const TableDef& table, const storage::Store& store,
                    ReadPlan* plan) {
  plan->table = &table;
  plan->keys = &table;
  plan->cf = store.items();
  plan->id = table.id;
  if (!req.index) return Status::OK();
  const IndexDef* index = table.FindIndex(*req.index);
  if (index == nullptr)
    return Invalid("The table does not have the specified index: " + *req.index);
  if (index->global && req.consistent) {
    return Invalid(std::string("Consistent read cannot be true when ") +
                   (req.is_query ? "querying" : "scanning") + " a GSI");
  }
  plan->index = index;
  plan->keys = index;
  plan->cf = store.index();
  plan->id = index->id;
  return Status::OK();
}

Status CheckSelect(const ReadRequest& req, const ReadPlan& plan) {
  switch (req.select) {
    case Select::kCount:
      if (req.projection) {
        return Invalid(std::string("Cannot specify the ") +
                       (req.legacy ? "AttributesToGet" : "ProjectionExpression") +
                       " when choosing to get only the Count");
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
        return Invalid(std::string("Cannot specify the ") +
                       (req.legacy ? "AttributesToGet" : "ProjectionExpression") +
                       " when choosing to get ALL_ATTRIBUTES");
      }
      if (plan.index && plan.index->global && plan.index->projection != ProjectionType::kAll) {
        return Invalid(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
            "not supported for global secondary index " +
            plan.index->name + " because its projection type is not ALL");
      }
      break;
    case Select::kAllProjected:
      if (req.projection) {
        return Invalid(
            "Cannot specify the ProjectionExpression when choosing to get "
            "ALL_PROJECTED_ATTRIBUTES");
      }
      if (!plan.index) {
        return Invalid(
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
      }
      break;
    case Select::kDefault:
      break;
  }
  return Status::OK();
}

// Attributes a read through an index asks for but the index does not store: an error on a global
// index; on a local one DynamoDB fetches them from the table.
Status CheckProjected(const ReadRequest& req, ReadPlan* plan) {
  const IndexDef* index = plan->index;
  if (!index || index->projection == ProjectionType::kAll) return Status::OK();
  if (req.select == Select::kAllAttributes) {
    plan->fetch_from_table = true;  // Only a local index gets here (CheckSelect).
    return Status::OK();
  }
  std::vector<std::string> missing;
  for (const auto& path : plan->projection) {
    const std::string& top = path.elements[0].name;
    if (!index->Projects(top, *plan->table)) missing.push_back(top);
  }
  if (missing.empty()) return Status::OK();
  if (!index->global) {
    plan->fetch_from_table = true;
    return Status::OK();
  }
  std::string list;
  for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
  return Invalid("One or more parameter values were invalid: Global secondary index " +
                 index->name + " does not project [" + list + "]");
}

void CollectPaths(const expr::Operand& op, std::vector<const expr::Path*>* out) {
  if (op.kind == expr::OperandKind::kPath) out->push_back(&op.path);
  for (const auto& a : op.args) CollectPaths(a, out);
}

void CollectPaths(const expr::Condition& c, std::vector<const expr::Path*>* out) {
  for (const auto& op : c.operands) CollectPaths(op, out);
  for (const auto& child : c.children) CollectPaths(child, out);
}

Status CheckFilterKeys(const expr::Condition& filter, const KeySchema& keys, bool legacy) {
  std::vector<const expr::Path*> paths;
  CollectPaths(filter, &paths);
  for (const auto* p : paths) {
    const std::string& top = p->elements[0].name;
    if (keys.IsKeyAttribute(top)) {
      return Invalid(std::string(legacy ? "QueryFilter" : "Filter Expression") +
                     " can only contain non-primary key attributes: Primary key attribute: " + top);
    }
  }
  return Status::OK();
}

Status ParseExpressions(const ReadRequest& req, ReadPlan* plan) {
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
  return expr::CheckAllUsed(pc, req.key_condition || req.filter || req.projection,
                            "FilterExpression is null");
}

void ScanRange(const ReadRequest& req, ReadPlan* plan) {
  if (!req.segment) {
    plan->lower = storage::TablePrefix(plan->id);
    plan->upper = storage::TablePrefix(plan->id + 1);
    return;
  }
  // Segments split the 32-bit partition-hash space evenly, so each item is in exactly one.
  const uint64_t space = uint64_t{1} << 32;
  const auto total = static_cast<uint64_t>(*req.total_segments);
  const auto seg = static_cast<uint64_t>(*req.segment);
  plan->lower = storage::HashBoundary(plan->id, seg * space / total);
  plan->upper = storage::HashBoundary(plan->id, (seg + 1) * space / total);
}

// Validates ExclusiveStartKey and encodes it as the storage key to resume after.
Status StartKey(const ReadRequest& req, ReadPlan* plan) {
  if (!req.start_key) return Status::OK();
  const Item& key = *req.start_key;
  const TableDef& table = *plan->table;
  Item expected = KeyOf(table, key);
  size_t size = table.range ? 2 : 1;
  if (plan->index) {
    for (const KeyAttribute* a :
         {&plan->index->hash, plan->index->range ? &*plan->index->range : nullptr}) {
      if (a && !table.IsKeyAttribute(a->name)) ++size;
    }
  }
  if (key.size() != size)
    return Invalid("Exclusive Start Key must have same size as table's key schema");
  if (!key.count(table.hash.name) || (table.range && !key.count(table.range->name))) {
    return Invalid("The provided starting key is invalid");
  }
  auto ref = ValidateKey(table, expected);
  if (!ref.ok()) {
    // DynamoDB's wording for a start key whose attribute has the wrong type.
    if (ref.error().message.find("Type mismatch") != std::string::npos) {
      return Invalid("Type mismatch for attribute to update");
    }
    return Invalid("The provided starting key is invalid: " + ref.error().message);
  }
  if (plan->index) {
    if (!index::EntryKey(table, *plan->index, key, &plan->start_after)) {
      return Invalid("The provided starting key is invalid");
    }
  } else {
    plan->start_after = StorageKey(table, *ref);
  }
  // The start key is the last key of the previous page, so it satisfies the key condition.
  if (req.is_query && (plan->start_after < plan->lower || plan->start_after >= plan->upper)) {
    return Invalid("The provided starting key does not match the range key predicate");
  }
  return Status::OK();
}

}  // namespace

Result<ReadPlan> PlanRead(const ReadRequest& req, const TableDef& table,
                          const storage::Store& store) {
  ReadPlan plan;
  DDB_RETURN_IF_ERROR(ChooseSource(req, table, store, &plan));
  DDB_RETURN_IF_ERROR(ParseExpressions(req, &plan));
  DDB_RETURN_IF_ERROR(CheckSelect(req, plan));
  DDB_RETURN_IF_ERROR(CheckProjected(req, &plan));
  plan.count_only = req.select == Select::kCount;
  if (plan.key_condition) {
    DDB_ASSIGN_OR_RETURN(plan.key_range, AnalyzeKeyCondition(*plan.key_condition, *plan.keys));
    if (plan.filter) DDB_RETURN_IF_ERROR(CheckFilterKeys(*plan.filter, *plan.keys, req.legacy));
    KeyRange(plan.id, *plan.keys, plan.index != nullptr, plan.key_range, &plan.lower, &plan.upper);
  } else {
    ScanRange(req, &plan);
  }
  DDB_RETURN_IF_ERROR(StartKey(req, &plan));
  return plan;
}

Item LastKeyOf(const ReadPlan& plan, const Item& item) {
  Item key = KeyOf(*plan.table, item);
  if (plan.index) {
    for (const KeyAttribute* a :
         {&plan.index->hash, plan.index->range ? &*plan.index->range : nullptr}) {
      if (a == nullptr) continue;
      if (auto it = item.find(a->name); it != item.end()) key.insert(*it);
    }
  }
  return key;
}

}  // namespace ddb::ops
