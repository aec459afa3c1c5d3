#include "ops/partiql_select.h"

#include "core/value_json.h"
#include "ops/capacity.h"
#include "ops/item_requests.h"
#include "ops/partiql_plan.h"
#include "partiql/columns.h"

namespace ddb::ops {
namespace {

using protocol::ExecuteStatementRequest;
using protocol::StatementResponse;

// Where a page starts: the IN value whose Query it continues (0 for a single read) and the key
// after which it reads.
struct Position {
  size_t value = 0;
  std::optional<Item> key;
};

// A NextToken names the statement it continues (FNV-1a of its text and parameters) and the
// position of the next page: base64("2|<hash>|<value index>|<LastEvaluatedKey JSON or empty>").
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

std::string MakeToken(const ExecuteStatementRequest& req, const Position& next) {
  std::string text = "2|" + Fingerprint(req) + "|" + std::to_string(next.value) + "|";
  JsonWriter w(&text);
  if (next.key) WriteItem(w, *next.key);
  return Base64Encode(text);
}

Result<Position> StartOf(const ExecuteStatementRequest& req, size_t values) {
  if (!req.next_token) return Position();
  std::string text;
  const ApiError invalid = ApiError::Validation("Invalid NextToken");
  if (!Base64Decode(*req.next_token, &text) || !text.starts_with("2|")) return invalid;
  const size_t bar = text.find('|', 2);
  const size_t bar2 = bar == std::string::npos ? bar : text.find('|', bar + 1);
  if (bar2 == std::string::npos) return invalid;
  if (text.substr(2, bar - 2) != Fingerprint(req)) {
    return ApiError::Validation("NextToken does not match request");
  }
  Position at;
  const std::string index = text.substr(bar + 1, bar2 - bar - 1);
  if (index.empty() || index.size() > 3 ||
      index.find_first_not_of("0123456789") != std::string::npos)
    return invalid;
  at.value = std::stoul(index);
  if (at.value >= std::max<size_t>(values, 1)) return invalid;
  if (bar2 + 1 == text.size()) return at;
  simdjson::dom::parser parser;
  simdjson::dom::element json;
  if (parser.parse(text.substr(bar2 + 1)).get(json) != simdjson::SUCCESS) return invalid;
  auto key = DecodeItemJson(json);
  if (!key.ok()) return invalid;
  at.key = std::move(key).value();
  return at;
}

// The items a read found, answered as the SELECT names its paths.
void NameColumns(const SelectPlan& plan, protocol::ReadResponse* read) {
  if (plan.columns.empty()) return;
  for (Item& item : read->items) item = partiql::SelectColumns(item, plan.columns);
}

// A read's items as the elements of a JSON array, without the brackets.
std::string ElementsOf(protocol::ReadResponse& read) {
  if (!read.items_json.empty()) return read.items_json.substr(1, read.items_json.size() - 2);
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const Item& item : read.items) WriteItem(w, item);
  w.EndArray();
  return out.substr(1, out.size() - 2);
}

// One Query per IN value from `at`, until the values, the Limit or a page's worth run out.
Result<StatementResponse> RunPerValue(SelectPlan& plan, const ExecuteStatementRequest& req,
                                      const Position& at, RequestContext& ctx) {
  constexpr size_t kPageBytes = size_t{1024} * 1024;
  std::optional<int64_t> left = req.limit;
  std::string elements;
  std::vector<protocol::ConsumedCapacity> capacity;
  StatementResponse out;
  for (size_t i = at.value; i < plan.hash_values.size(); ++i) {
    plan.read.attrs.values->insert_or_assign(plan.value_placeholder, plan.hash_values[i]);
    plan.read.start_key = i == at.value ? at.key : std::nullopt;
    plan.read.limit = left;
    DDB_ASSIGN_OR_RETURN(protocol::ReadResponse read, ExecuteRead(plan.read, ctx));
    NameColumns(plan, &read);
    const std::string page = ElementsOf(read);
    elements += (elements.empty() || page.empty() ? "" : ",") + page;
    AddTableCapacity(&capacity, std::move(read.capacity));
    if (left) *left -= read.scanned;
    Position next{i + 1, std::nullopt};
    if (read.last_key) next = {i, std::move(read.last_key)};
    const bool more = next.value < plan.hash_values.size();
    if (more && (read.last_key || (left && *left <= 0) || elements.size() >= kPageBytes)) {
      out.next_token = MakeToken(req, next);
      break;
    }
  }
  out.items_json = "[" + elements + "]";
  if (!capacity.empty()) out.capacity = std::move(capacity.front());
  return out;
}

// A SELECT of one item by its whole key, read as GetItem reads it (the Query it also is would
// answer the same, at twice the cost); nullopt when the statement is not one or its key does not
// fit the table (the Query then answers the Query's error).
std::optional<StatementResponse> ReadOneItem(const partiql::Statement& s,
                                             const ExecuteStatementRequest& req,
                                             const TableDef& table, RequestContext& ctx) {
  if (req.limit || req.next_token || !s.order_by.empty()) return std::nullopt;
  auto key = PlanItemKey(s, table, ApiError::Validation("not one item"));
  if (!key.ok()) return std::nullopt;
  auto read = ExecuteGet(table, *key, {}, req.consistent, req.capacity, ctx);
  if (!read.ok()) return std::nullopt;
  StatementResponse out;
  if (read->item) out.items.push_back(partiql::Selected(s, *read->item));
  out.capacity = std::move(read->capacity);
  return out;
}

}  // namespace

Result<StatementResponse> RunSelect(const partiql::Statement& s, const ExecuteStatementRequest& req,
                                    const TableDef& table, RequestContext& ctx) {
  if (auto one = ReadOneItem(s, req, table, ctx)) return std::move(*one);
  DDB_ASSIGN_OR_RETURN(SelectPlan plan, PlanSelect(s, table));
  plan.read.consistent = req.consistent;
  plan.read.capacity = req.capacity;
  DDB_ASSIGN_OR_RETURN(Position at, StartOf(req, plan.hash_values.size()));
  if (!plan.hash_values.empty()) return RunPerValue(plan, req, at, ctx);
  plan.read.limit = req.limit;
  plan.read.start_key = std::move(at.key);
  DDB_ASSIGN_OR_RETURN(protocol::ReadResponse read, ExecuteRead(plan.read, ctx));
  NameColumns(plan, &read);
  StatementResponse out;
  out.items = std::move(read.items);
  out.items_json = std::move(read.items_json);
  if (read.last_key) out.next_token = MakeToken(req, {0, std::move(read.last_key)});
  out.capacity = std::move(read.capacity);
  return out;
}

}  // namespace ddb::ops
