#include "ops/partiql_plan.h"

#include <algorithm>

#include "ops/item_key.h"
#include "partiql/columns.h"
#include "partiql/translate.h"

namespace ddb::ops {
namespace {

using partiql::Expr;
using partiql::ExprKind;
using partiql::Placeholders;
using partiql::Statement;
using Action = protocol::TransactWriteRequest::Action;

// The partition-key values one SELECT may read (`pk IN [...]`, a Query each).
constexpr size_t kMaxHashValues = 50;

std::vector<const Expr*> TermsOf(const Statement& s) {
  if (!s.where) return {};
  return partiql::Conjuncts(*s.where);
}

// `terms` rendered and joined with AND, skipping those marked used; nullopt if none is left.
Result<std::optional<std::string>> Remaining(const std::vector<const Expr*>& terms,
                                             const std::vector<bool>& used, Placeholders* p) {
  std::string out;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (used[i]) continue;
    DDB_ASSIGN_OR_RETURN(std::string term, partiql::RenderCondition(*terms[i], p));
    out += (out.empty() ? "(" : " AND (") + term + ")";
  }
  if (out.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(out));
}

void SetAttributes(const Placeholders& p, protocol::ExpressionAttributes* attrs) {
  if (!p.names().empty()) attrs->names = p.names();
  if (!p.values().empty()) attrs->values = p.values();
}

// The ProjectionExpression of a SELECT's paths, or of their top-level attributes when some are
// nested (their answer is named by partiql/columns.h, from the whole attributes).
std::optional<std::string> Projection(const Statement& s, Placeholders* p) {
  if (s.select_all) return std::nullopt;
  std::string projection;
  const bool nested = partiql::HasNestedPaths(s.projection);
  for (const auto& path : nested ? partiql::TopLevelOf(s.projection) : s.projection) {
    projection += (projection.empty() ? "" : ", ") + p->Path(path);
  }
  return projection;
}

// A term on sort key `range` that a KeyConditionExpression may hold: a comparison (not <>),
// BETWEEN or begins_with between the attribute and constants.
bool RangeTerm(const Expr& t, const std::string& range) {
  auto is_key = [&](const Expr& e) {
    return e.kind == ExprKind::kPath && e.path.elements.size() == 1 &&
           e.path.elements[0].name == range;
  };
  auto constant = [](const Expr& e) { return e.kind == ExprKind::kLiteral; };
  switch (t.kind) {
    case ExprKind::kCompare:
      return t.op != expr::CompareOp::kNe && is_key(t.args[0]) && constant(t.args[1]);
    case ExprKind::kBetween:
      return is_key(t.args[0]) && constant(t.args[1]) && constant(t.args[2]);
    case ExprKind::kCall:
      return t.function == "begins_with" && t.args.size() == 2 && is_key(t.args[0]) &&
             constant(t.args[1]);
    default:
      return false;
  }
}

// Whether `e` refers to top-level attribute `name` anywhere.
bool Mentions(const Expr& e, const std::string& name) {
  if (e.kind == ExprKind::kPath && e.path.elements[0].name == name) return true;
  return std::any_of(e.args.begin(), e.args.end(),
                     [&name](const Expr& arg) { return Mentions(arg, name); });
}

// A Query's filter may not name a key attribute (FilterExpression's rule): a WHERE that still
// does after the key condition took its terms is read as a Scan with the whole WHERE.
bool FilterNamesKey(const KeySchema& keys, const std::vector<const Expr*>& terms,
                    const std::vector<bool>& used) {
  for (size_t i = 0; i < terms.size(); ++i) {
    if (used[i]) continue;
    if (Mentions(*terms[i], keys.hash.name)) return true;
    if (keys.range && Mentions(*terms[i], keys.range->name)) return true;
  }
  return false;
}

const KeySchema* KeysOf(const TableDef& table, const std::string& index) {
  if (index.empty()) return &table;
  for (const IndexDef& i : table.indexes) {
    if (i.name == index) return &i;
  }
  return nullptr;  // The read answers the service's error for an unknown index.
}

// The key condition of a SELECT whose WHERE fixes the partition key (an equality, or an IN of
// several values, which plan->hash_values receives, the condition naming the first), marking
// the terms it uses; nullopt for a Scan.
Result<std::optional<std::string>> KeyCondition(const KeySchema* keys,
                                                const std::vector<const Expr*>& terms,
                                                std::vector<bool>* used, Placeholders* p,
                                                SelectPlan* plan) {
  if (keys == nullptr || keys->multi_attribute()) return std::optional<std::string>();
  size_t at = 0;
  // Two different values for the partition key match nothing: a Scan whose filter says so.
  auto equality = partiql::KeyEquality(terms, keys->hash.name, &at);
  if (!equality.ok()) return std::optional<std::string>();
  std::optional<Value> hash = std::move(equality).value();
  if (!hash) {
    auto values = partiql::KeyInList(terms, keys->hash.name, &at);
    if (!values) return std::optional<std::string>();
    for (Value& v : *values) {
      auto& kept = plan->hash_values;
      if (std::find(kept.begin(), kept.end(), v) != kept.end()) {
        return ApiError::Validation(
            "Overlapping conditions with range keys are not supported in where clause");
      }
      kept.push_back(std::move(v));
    }
    if (plan->hash_values.size() > kMaxHashValues) {
      return ApiError::Validation("Too many decomposed read operations for a given query.");
    }
    hash = plan->hash_values.front();
  }
  for (const Value& v : plan->hash_values.empty() ? std::vector<Value>{*hash} : plan->hash_values) {
    if (v.type != keys->hash.type) {
      return ApiError::Validation(
          "Key attribute's data type should match its data type in table's schema: Key " +
          keys->hash.name);
    }
  }
  (*used)[at] = true;
  const std::string value = p->Value(*hash);
  if (!plan->hash_values.empty()) plan->value_placeholder = value;
  std::string condition = p->Name(keys->hash.name) + " = " + value;
  for (size_t i = 0; keys->range && i < terms.size(); ++i) {
    if ((*used)[i] || !RangeTerm(*terms[i], keys->range->name)) continue;
    DDB_ASSIGN_OR_RETURN(std::string term, partiql::RenderCondition(*terms[i], p));
    condition += " AND " + term;
    (*used)[i] = true;
    break;
  }
  return std::optional<std::string>(std::move(condition));
}

// ORDER BY: key attributes of the table or index read, of a Query. The sort key sets the
// direction; the partition key the order of several IN values (which require it) and, when the
// sort key is not named, a descending sort key (as the service answers).
Status OrderBy(const Statement& s, const KeySchema* keys, SelectPlan* plan) {
  if (s.order_by.empty()) return Status::OK();
  if (!s.where) {
    return ApiError::Validation(
        "Must have WHERE clause in the statement when using ORDER BY clause.");
  }
  bool by_hash = false;
  bool by_range = false;
  for (const auto& term : s.order_by) {
    const bool hash = keys && term.attribute == keys->hash.name;
    const bool range = keys && keys->range && term.attribute == keys->range->name;
    if (!hash && !range) {
      return ApiError::Validation("Attribute " + term.attribute +
                                  " in ORDER BY clause must be part of the primary key");
    }
    if (range) plan->read.forward = !term.descending;
    by_range = by_range || range;
    if (!hash) continue;
    by_hash = true;
    std::stable_sort(plan->hash_values.begin(), plan->hash_values.end(),
                     [&term](const Value& a, const Value& b) {
                       const int c = a.type == b.type ? CompareScalar(a, b) : 0;
                       return term.descending ? c > 0 : c < 0;
                     });
  }
  if (!by_range) plan->read.forward = false;
  if (!plan->read.is_query) {
    return ApiError::Validation(
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER "
        "BY clause.");
  }
  if (plan->hash_values.size() > 1 && !by_hash) {
    return ApiError::Validation(
        "Must have hash key in ORDER BY clause when more than one hash key condition specified in "
        "WHERE clause.");
  }
  return Status::OK();
}

// The key a statement names by equalities on the table's key attributes, marking the terms it
// takes in `used`. Without an equality on each, `partial` (or, when `partial` is null, the key
// with the attributes found).
Result<Item> StatementKey(const Statement& s, const TableDef& table,
                          const std::vector<const Expr*>& terms, std::vector<bool>* used,
                          const ApiError* partial) {
  Item key;
  for (const KeyAttribute* attr : {&table.hash, table.range ? &*table.range : nullptr}) {
    if (attr == nullptr) continue;
    size_t at = 0;
    DDB_ASSIGN_OR_RETURN(auto value, partiql::KeyEquality(terms, attr->name, &at));
    if (!value) {
      if (partial) return *partial;
      continue;
    }
    (*used)[at] = true;
    key.emplace(attr->name, std::move(*value));
  }
  if (!s.where && partial) return *partial;
  return key;
}

protocol::ReturnValues ReturnValuesOf(partiql::Returning r) {
  using RV = protocol::ReturnValues;
  switch (r) {
    case partiql::Returning::kAllOld:
      return RV::kAllOld;
    case partiql::Returning::kModifiedOld:
      return RV::kUpdatedOld;
    case partiql::Returning::kAllNew:
      return RV::kAllNew;
    case partiql::Returning::kModifiedNew:
      return RV::kUpdatedNew;
    case partiql::Returning::kNone:
      break;
  }
  return RV::kNone;
}

Action::Kind ActionKind(Statement::Kind kind) {
  switch (kind) {
    case Statement::Kind::kInsert:
      return Action::Kind::kPut;
    case Statement::Kind::kUpdate:
      return Action::Kind::kUpdate;
    case Statement::Kind::kDelete:
      return Action::Kind::kDelete;
    default:
      return Action::Kind::kConditionCheck;
  }
}

}  // namespace

Result<SelectPlan> PlanSelect(const Statement& s, const TableDef& table) {
  SelectPlan plan;
  protocol::ReadRequest& r = plan.read;
  r.table = s.table;
  if (!s.index.empty()) r.index = s.index;
  Placeholders p;
  std::vector<const Expr*> terms = TermsOf(s);
  std::vector<bool> used(terms.size(), false);
  const KeySchema* keys = KeysOf(table, s.index);
  DDB_ASSIGN_OR_RETURN(r.key_condition, KeyCondition(keys, terms, &used, &p, &plan));
  if (r.key_condition && FilterNamesKey(*keys, terms, used)) {
    r.key_condition.reset();
    plan.hash_values.clear();
    p = Placeholders();
    std::fill(used.begin(), used.end(), false);
  }
  r.is_query = r.key_condition.has_value();
  DDB_ASSIGN_OR_RETURN(r.filter, Remaining(terms, used, &p));
  r.projection = Projection(s, &p);
  if (!s.select_all && partiql::HasNestedPaths(s.projection)) plan.columns = s.projection;
  DDB_RETURN_IF_ERROR(OrderBy(s, keys, &plan));
  SetAttributes(p, &r.attrs);
  return plan;
}

Result<Item> PlanItemKey(const Statement& s, const TableDef& table, const ApiError& not_one_item) {
  if (!s.index.empty()) return not_one_item;
  std::vector<const Expr*> terms = TermsOf(s);
  std::vector<bool> used(terms.size(), false);
  auto key = StatementKey(s, table, terms, &used, &not_one_item);
  if (!key.ok() || std::find(used.begin(), used.end(), false) != used.end()) return not_one_item;
  return key;
}

Result<WritePlan> PlanWrite(const Statement& s, const TableDef& table, KeyRule rule) {
  WritePlan plan;
  plan.action.kind = ActionKind(s.kind);
  plan.action.table = s.table;
  plan.returning = ReturnValuesOf(s.returning);
  Placeholders p;
  if (s.kind == Statement::Kind::kInsert) {
    plan.insert = true;
    plan.action.item = s.item;
    plan.action.condition = "attribute_not_exists(" + p.Name(table.hash.name) + ")";
    SetAttributes(p, &plan.action.attrs);
    return plan;
  }
  std::vector<const Expr*> terms = TermsOf(s);
  std::vector<bool> used(terms.size(), false);
  const ApiError partial =
      s.kind == Statement::Kind::kExists
          ? ApiError::Validation(
                "EXISTS() must contain a single item read with additional condition")
          : ApiError::Validation(
                "Where clause does not contain a mandatory equality on all key attributes");
  const bool refuse = rule == KeyRule::kRefusePartial || s.kind == Statement::Kind::kExists;
  DDB_ASSIGN_OR_RETURN(plan.action.item,
                       StatementKey(s, table, terms, &used, refuse ? &partial : nullptr));
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> rest, Remaining(terms, used, &p));
  if (s.kind == Statement::Kind::kExists && !rest) return partial;
  if (s.kind == Statement::Kind::kDelete) {
    // A WHERE that is only the key deletes nothing, without error, when there is no item; other
    // terms are a condition, which an absent item fails (as DynamoDB Local answers; the
    // service's documentation speaks only of the key-only case).
    plan.action.condition = std::move(rest);
  } else {
    // UPDATE is not an upsert, and EXISTS is true only of an item that is there.
    const std::string exists = "attribute_exists(" + p.Name(table.hash.name) + ")";
    plan.action.condition = rest ? exists + " AND " + *rest : exists;
  }
  if (s.kind == Statement::Kind::kUpdate) {
    DDB_ASSIGN_OR_RETURN(plan.action.update, partiql::RenderUpdate(s.assignments, &p));
  }
  SetAttributes(p, &plan.action.attrs);
  return plan;
}

Result<std::string> WriteKey(const WritePlan& plan, const TableDef& table) {
  KeyRef key;
  if (plan.insert) {
    DDB_ASSIGN_OR_RETURN(key, ValidateItem(table, plan.action.item));
  } else {
    DDB_ASSIGN_OR_RETURN(key, ValidateKey(table, plan.action.item));
  }
  return StorageKey(table, key);
}

}  // namespace ddb::ops
