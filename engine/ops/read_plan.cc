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
    return Invalid("Consistent reads are not supported on global secondary indexes");
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
  if (req.key_condition) {
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

// ExclusiveStartKey is checked as the service checks it (docs/notes/service-errors.md §2.9-2.10;
// dynalite test/query.js and test/scan.js): first its size, then each key attribute of what is
// read (a Query's or an index Scan's) around the key condition's checks, then the table's key,
// then its place in the query or segment.

// The number of attributes a start key has: the table's key and the index's.
size_t StartKeySize(const ReadPlan& plan) {
  const TableDef& table = *plan.table;
  size_t size = table.range ? 2 : 1;
  if (plan.index) {
    for (size_t i = 0; i < plan.index->key_count(); ++i) {
      if (!table.IsKeyAttribute(plan.index->key_attr(i).name)) ++size;
    }
  }
  return size;
}

Status CheckStartKeySize(const ReadRequest& req, const ReadPlan& plan) {
  if (!req.start_key || req.start_key->size() == StartKeySize(plan)) return Status::OK();
  if (req.is_query || plan.index) return Invalid("The provided starting key is invalid");
  return Invalid(
      "The provided starting key is invalid: The provided key element does not match "
      "the schema");
}

// The partition (`hash`) or sort key attributes of what is read (Query, or Scan of an index) in
// the start key.
Status CheckStartKeyAttributes(const ReadRequest& req, const ReadPlan& plan, bool hash) {
  if (!req.start_key || (!req.is_query && !plan.index)) return Status::OK();
  const KeySchema& keys = *plan.keys;
  for (size_t i = 0; i < (hash ? keys.hash_count() : keys.range_count()); ++i) {
    const KeyAttribute& attr = hash ? keys.hash_attr(i) : keys.range_attr(i);
    auto it = req.start_key->find(attr.name);
    if (it == req.start_key->end()) return Invalid("The provided starting key is invalid");
    DDB_RETURN_IF_ERROR(ValidateKeyAttribute(attr, it->second, hash));
  }
  return Status::OK();
}

// Whether `v` satisfies the sort key predicate of `kc`.
bool SortMatches(const KeyCondition& kc, const Value& v) {
  using Sort = KeyCondition::Sort;
  switch (kc.sort) {
    case Sort::kNone:
      return true;
    case Sort::kEq:
      return CompareScalar(v, *kc.a) == 0;
    case Sort::kLt:
      return CompareScalar(v, *kc.a) < 0;
    case Sort::kLe:
      return CompareScalar(v, *kc.a) <= 0;
    case Sort::kGt:
      return CompareScalar(v, *kc.a) > 0;
    case Sort::kGe:
      return CompareScalar(v, *kc.a) >= 0;
    case Sort::kBetween:
      return CompareScalar(v, *kc.a) >= 0 && CompareScalar(v, *kc.b) <= 0;
    case Sort::kBeginsWith:
      return v.scalar.starts_with(kc.a->scalar);
  }
  return false;
}

// The start key within what the query or the scan segment reads (a page's last key is).
Status CheckStartKeyPlace(const ReadRequest& req, const ReadPlan& plan) {
  if (req.is_query) {
    const KeyCondition& kc = plan.key_range;
    const KeySchema& keys = *plan.keys;
    const Item& start = *req.start_key;
    bool same_hash = start.at(keys.hash.name) == *kc.hash;
    for (size_t i = 0; i < kc.more_hash.size(); ++i) {
      same_hash = same_hash && start.at(keys.hash_attr(i + 1).name) == *kc.more_hash[i];
    }
    if (kc.sort == KeyCondition::Sort::kNone) {
      if (same_hash) return Status::OK();
      return Invalid(
          "The provided starting key is outside query boundaries based on provided conditions");
    }
    bool matches = SortMatches(kc, start.at(keys.range_attr(kc.sort_eq.size()).name));
    for (size_t i = 0; i < kc.sort_eq.size(); ++i) {
      matches = matches && start.at(keys.range_attr(i).name) == *kc.sort_eq[i];
    }
    if (!matches) {
      return Invalid("The provided starting key does not match the range key predicate");
    }
    if (!same_hash) return Invalid("The query can return at most one row and cannot be restarted");
    return Status::OK();
  }
  if (req.segment && (plan.start_after < plan.lower || plan.start_after >= plan.upper)) {
    return Invalid(
        "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
        "ExclusiveStartKey with correct Segment. TotalSegments: " +
        std::to_string(*req.total_segments) + " Segment: " + std::to_string(*req.segment));
  }
  return Status::OK();
}

// Validates the table's key in ExclusiveStartKey and encodes it as the storage key to resume
// after.
Status StartKey(const ReadRequest& req, ReadPlan* plan) {
  if (!req.start_key) return Status::OK();
  const TableDef& table = *plan->table;
  const Item key = KeyOf(table, *req.start_key);  // outlives `ref`, which points into it
  auto ref = ValidateKey(table, key);
  if (!ref.ok()) return Invalid("The provided starting key is invalid: " + ref.error().message);
  if (plan->index) {
    if (!index::EntryKey(table, *plan->index, *req.start_key, &plan->start_after)) {
      return Invalid("The provided starting key is invalid");
    }
  } else {
    plan->start_after = StorageKey(table, *ref);
  }
  return CheckStartKeyPlace(req, *plan);
}

}  // namespace

Result<ReadPlan> PlanRead(const ReadRequest& req, const TableDef& table,
                          const storage::Store& store) {
  ReadPlan plan;
  // The expressions need no table: the service checks them first (query_scan.cc does when there
  // is no table).
  DDB_RETURN_IF_ERROR(ParseExpressions(req, &plan));
  DDB_RETURN_IF_ERROR(ChooseSource(req, table, store, &plan));
  DDB_RETURN_IF_ERROR(CheckSelect(req, plan));
  DDB_RETURN_IF_ERROR(CheckProjected(req, &plan));
  plan.count_only = req.select == Select::kCount;
  DDB_RETURN_IF_ERROR(CheckStartKeySize(req, plan));
  DDB_RETURN_IF_ERROR(CheckStartKeyAttributes(req, plan, true));
  if (plan.key_condition) {
    DDB_ASSIGN_OR_RETURN(plan.key_range, AnalyzeKeyCondition(*plan.key_condition, *plan.keys));
  }
  DDB_RETURN_IF_ERROR(CheckStartKeyAttributes(req, plan, false));
  if (plan.key_condition) {
    KeyRange(plan.id, *plan.keys, plan.index != nullptr, plan.key_range, &plan.lower, &plan.upper);
  } else {
    ScanRange(req, &plan);
  }
  DDB_RETURN_IF_ERROR(StartKey(req, &plan));
  if (plan.key_condition && plan.filter) {
    DDB_RETURN_IF_ERROR(CheckFilterKeys(*plan.filter, *plan.keys, req.legacy));
  }
  return plan;
}

Item LastKeyOf(const ReadPlan& plan, const Item& item) {
  Item key = KeyOf(*plan.table, item);
  if (plan.index) {
    for (size_t i = 0; i < plan.index->key_count(); ++i) {
      if (auto it = item.find(plan.index->key_attr(i).name); it != item.end()) key.insert(*it);
    }
  }
  return key;
}

}  // namespace ddb::ops
