// ExecuteStatement: a PartiQL statement (partiql/parser.h) translated into the request of the
// item operation that does the same (partiql/translate.h), and run by that operation's code:
// SELECT is a Query when the WHERE fixes the partition key and a Scan otherwise, INSERT a
// PutItem that must not find the key, UPDATE an UpdateItem of an item that must exist, DELETE a
// DeleteItem. Conditions, indexes, streams, TTL, capacity and errors are therefore those of the
// item operations. docs/notes/partiql.md has the service's behaviour and sources.
#include <algorithm>

#include "core/value_json.h"
#include "ops/handlers.h"
#include "ops/item_requests.h"
#include "partiql/parser.h"
#include "partiql/translate.h"
#include "protocol/partiql_json.h"

namespace ddb::ops {
namespace {

using partiql::Expr;
using partiql::ExprKind;
using partiql::Placeholders;
using partiql::Statement;
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

// The key condition of a SELECT whose WHERE fixes the partition key, marking the terms it
// uses; nullopt for a Scan.
Result<std::optional<std::string>> KeyCondition(const KeySchema* keys,
                                                const std::vector<const Expr*>& terms,
                                                std::vector<bool>* used, Placeholders* p) {
  if (keys == nullptr || keys->multi_attribute()) return std::optional<std::string>();
  size_t at = 0;
  DDB_ASSIGN_OR_RETURN(auto hash, partiql::KeyEquality(terms, keys->hash.name, &at));
  if (!hash) return std::optional<std::string>();
  (*used)[at] = true;
  std::string condition = p->Name(keys->hash.name) + " = " + p->Value(*hash);
  for (size_t i = 0; keys->range && i < terms.size(); ++i) {
    if ((*used)[i] || !RangeTerm(*terms[i], keys->range->name)) continue;
    DDB_ASSIGN_OR_RETURN(std::string term, partiql::RenderCondition(*terms[i], p));
    condition += " AND " + term;
    (*used)[i] = true;
    break;
  }
  return std::optional<std::string>(std::move(condition));
}

Result<StatementResponse> RunSelect(const Statement& s, const ExecuteStatementRequest& req,
                                    const TableDef& table, RequestContext& ctx) {
  protocol::ReadRequest r;
  r.table = s.table;
  if (!s.index.empty()) r.index = s.index;
  Placeholders p;
  std::vector<const Expr*> terms;
  if (s.where) terms = partiql::Conjuncts(*s.where);
  std::vector<bool> used(terms.size(), false);
  const KeySchema* keys = KeysOf(table, s.index);
  DDB_ASSIGN_OR_RETURN(r.key_condition, KeyCondition(keys, terms, &used, &p));
  if (r.key_condition && FilterNamesKey(*keys, terms, used)) {
    r.key_condition.reset();
    p = Placeholders();
    std::fill(used.begin(), used.end(), false);
  }
  r.is_query = r.key_condition.has_value();
  DDB_ASSIGN_OR_RETURN(r.filter, Remaining(terms, used, &p));
  if (!s.select_all) {
    std::string projection;
    for (const auto& path : s.projection)
      projection += (projection.empty() ? "" : ", ") + p.Path(path);
    r.projection = std::move(projection);
  }
  for (const auto& term : s.order_by) {
    if (keys && keys->range && term.attribute == keys->range->name) r.forward = !term.descending;
  }
  SetAttributes(p, &r.attrs);
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

// The key an UPDATE or DELETE names: an equality on every key attribute; the other terms are
// left unmarked in `used`.
Result<Item> FullKey(const Statement& s, const TableDef& table,
                     const std::vector<const Expr*>& terms, std::vector<bool>* used) {
  const ApiError partial = ApiError::Validation(
      "Where clause does not contain a mandatory equality on all key attributes");
  Item key;
  for (const KeyAttribute* attr : {&table.hash, table.range ? &*table.range : nullptr}) {
    if (attr == nullptr) continue;
    size_t at = 0;
    DDB_ASSIGN_OR_RETURN(auto value, partiql::KeyEquality(terms, attr->name, &at));
    if (!value) return partial;
    (*used)[at] = true;
    key.emplace(attr->name, std::move(*value));
  }
  if (!s.where) return partial;
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

StatementResponse FromWrite(protocol::ItemResponse written) {
  StatementResponse out;
  if (written.item) out.items.push_back(std::move(*written.item));
  out.capacity = std::move(written.capacity);
  return out;
}

Result<StatementResponse> RunInsert(const Statement& s, const ExecuteStatementRequest& req,
                                    const TableDef& table, RequestContext& ctx) {
  protocol::PutItemRequest put;
  put.table = s.table;
  put.item = s.item;
  Placeholders p;
  put.condition = "attribute_not_exists(" + p.Name(table.hash.name) + ")";
  SetAttributes(p, &put.attrs);
  put.capacity = req.capacity;
  auto written = ExecutePut(put, ctx);
  if (!written.ok() && written.error().kind == ErrorKind::kConditionalCheckFailed) {
    return ApiError::DuplicateItem();
  }
  if (!written.ok()) return std::move(written).error();
  return FromWrite(std::move(written).value());
}

Result<StatementResponse> RunUpdateOrDelete(const Statement& s, const ExecuteStatementRequest& req,
                                            const TableDef& table, RequestContext& ctx) {
  std::vector<const Expr*> terms;
  if (s.where) terms = partiql::Conjuncts(*s.where);
  std::vector<bool> used(terms.size(), false);
  DDB_ASSIGN_OR_RETURN(Item key, FullKey(s, table, terms, &used));
  Placeholders p;
  DDB_ASSIGN_OR_RETURN(std::optional<std::string> rest, Remaining(terms, used, &p));
  if (s.kind == Statement::Kind::kDelete) {
    protocol::DeleteItemRequest del;
    del.table = s.table;
    del.key = std::move(key);
    // A WHERE that is only the key deletes nothing, without error, when there is no item; other
    // terms are a condition, which an absent item fails (as DynamoDB Local answers; the
    // service's documentation speaks only of the key-only case).
    del.condition = rest;
    SetAttributes(p, &del.attrs);
    del.return_values = ReturnValuesOf(s.returning);
    del.return_old_on_failure = req.return_old_on_failure;
    del.capacity = req.capacity;
    DDB_ASSIGN_OR_RETURN(protocol::ItemResponse written, ExecuteDelete(del, ctx));
    return FromWrite(std::move(written));
  }
  // UPDATE is not an upsert: the item must exist.
  std::string condition = "attribute_exists(" + p.Name(table.hash.name) + ")";
  if (rest) condition += " AND " + *rest;
  protocol::UpdateItemRequest update;
  update.table = s.table;
  update.key = std::move(key);
  DDB_ASSIGN_OR_RETURN(update.update, partiql::RenderUpdate(s.assignments, &p));
  update.condition = std::move(condition);
  SetAttributes(p, &update.attrs);
  update.return_values = ReturnValuesOf(s.returning);
  update.return_old_on_failure = req.return_old_on_failure;
  update.capacity = req.capacity;
  DDB_ASSIGN_OR_RETURN(protocol::ItemResponse written, ExecuteUpdate(update, ctx));
  return FromWrite(std::move(written));
}

}  // namespace

Result<std::string> ExecuteStatement(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(ExecuteStatementRequest req, protocol::DecodeExecuteStatement(request));
  DDB_ASSIGN_OR_RETURN(Statement s, partiql::Parse(req.statement, req.parameters));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, s.table));
  Result<StatementResponse> out = ApiError::Internal("unhandled statement");
  switch (s.kind) {
    case Statement::Kind::kSelect:
      out = RunSelect(s, req, *table, ctx);
      break;
    case Statement::Kind::kInsert:
      out = RunInsert(s, req, *table, ctx);
      break;
    case Statement::Kind::kUpdate:
    case Statement::Kind::kDelete:
      out = RunUpdateOrDelete(s, req, *table, ctx);
      break;
  }
  if (!out.ok()) return std::move(out).error();
  return protocol::EncodeStatementResponse(*out);
}

}  // namespace ddb::ops
