#include "protocol/partiql_json.h"

#include <cctype>

#include "core/json_writer.h"
#include "core/value_json.h"
#include "protocol/encode.h"
#include "protocol/item_fields.h"
#include "protocol/reader.h"

namespace ddb::protocol {

namespace {

// The members a statement has wherever it is: Statement, Parameters, ConsistentRead (which a
// transaction's statements do not have, and ignore) and ReturnValuesOnConditionCheckFailure.
Status DecodeStatement(const FieldReader& r, BatchStatement* out) {
  DDB_ASSIGN_OR_RETURN(auto statement, r.String("Statement"));
  out->statement = statement.value_or("");
  DDB_ASSIGN_OR_RETURN(auto parameters, r.Array("Parameters"));
  if (parameters) {
    for (simdjson::dom::element e : *parameters) {
      DDB_ASSIGN_OR_RETURN(Value v, DecodeValue(e));
      out->parameters.push_back(std::move(v));
    }
  }
  DDB_ASSIGN_OR_RETURN(auto consistent, r.Bool("ConsistentRead"));
  out->consistent = consistent.value_or(false);
  return OnFailure(r, &out->return_old_on_failure);
}

// The list member `name` of BatchStatement objects (its presence and length are the shape
// layer's to check).
Result<std::vector<BatchStatement>> DecodeStatements(const FieldReader& r, std::string_view name,
                                                     std::string* minified) {
  DDB_ASSIGN_OR_RETURN(auto list, r.Array(name));
  std::vector<BatchStatement> out;
  if (!list) return out;
  for (simdjson::dom::element e : *list) {
    simdjson::dom::object obj;
    if (e.get(obj) != simdjson::SUCCESS) return ApiError::Serialization("");
    BatchStatement statement;
    DDB_RETURN_IF_ERROR(DecodeStatement(FieldReader(obj), &statement));
    out.push_back(std::move(statement));
  }
  if (minified) *minified = simdjson::minify(*list);
  return out;
}

// The Code of a BatchStatementError for `kind`.
const char* BatchErrorCode(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConditionalCheckFailed:
      return "ConditionalCheckFailed";
    case ErrorKind::kItemCollectionSizeLimitExceeded:
      return "ItemCollectionSizeLimitExceeded";
    case ErrorKind::kResourceNotFound:
      return "ResourceNotFound";
    case ErrorKind::kDuplicateItem:
      return "DuplicateItem";
    case ErrorKind::kInternal:
      return "InternalServerError";
    default:
      return "ValidationError";
  }
}

// Whether `text` starts, after spaces, with `word` (lower case) in any case.
bool StartsWithWord(std::string_view text, std::string_view word) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (text.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return true;
}

}  // namespace

bool MayWrite(std::string_view body) {
  constexpr std::string_view kMember = "\"Statement\"";
  bool any = false;
  for (size_t at = body.find(kMember); at != std::string_view::npos;
       at = body.find(kMember, at + 1)) {
    std::string_view rest = body.substr(at + kMember.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != '"') return true;
    if (!StartsWithWord(rest.substr(1), "select")) return true;
    any = true;
  }
  return !any;
}

Result<ExecuteStatementRequest> DecodeExecuteStatement(simdjson::dom::object obj) {
  FieldReader r(obj);
  ExecuteStatementRequest req;
  BatchStatement statement;
  DDB_RETURN_IF_ERROR(DecodeStatement(r, &statement));
  req.statement = std::move(statement.statement);
  req.parameters = std::move(statement.parameters);
  req.consistent = statement.consistent;
  req.return_old_on_failure = statement.return_old_on_failure;
  DDB_ASSIGN_OR_RETURN(req.next_token, r.String("NextToken"));
  DDB_ASSIGN_OR_RETURN(req.limit, r.Int("Limit"));
  DDB_RETURN_IF_ERROR(Capacity(r, &req.capacity));
  return req;
}

Result<BatchExecuteRequest> DecodeBatchExecuteStatement(simdjson::dom::object obj) {
  FieldReader r(obj);
  BatchExecuteRequest req;
  DDB_ASSIGN_OR_RETURN(req.statements, DecodeStatements(r, "Statements", nullptr));
  DDB_RETURN_IF_ERROR(Capacity(r, &req.capacity));
  return req;
}

Result<ExecuteTransactionRequest> DecodeExecuteTransaction(simdjson::dom::object obj) {
  FieldReader r(obj);
  ExecuteTransactionRequest req;
  DDB_ASSIGN_OR_RETURN(req.token, r.String("ClientRequestToken"));
  DDB_ASSIGN_OR_RETURN(req.statements, DecodeStatements(r, "TransactStatements", &req.fingerprint));
  DDB_RETURN_IF_ERROR(Capacity(r, &req.capacity));
  return req;
}

std::string EncodeStatementResponse(const StatementResponse& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Items");
  if (!r.items_json.empty()) {
    w.Raw(r.items_json);
  } else {
    w.BeginArray();
    for (const auto& item : r.items) WriteItem(w, item);
    w.EndArray();
  }
  if (r.next_token) w.Member("NextToken", *r.next_token);
  if (r.capacity) {
    w.Key("ConsumedCapacity");
    WriteCapacityObject(w, *r.capacity);
  }
  w.EndObject();
  return out;
}

std::string EncodeBatchExecuteResponse(const std::vector<BatchStatementResult>& results,
                                       const std::vector<ConsumedCapacity>& capacity) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Responses");
  w.BeginArray();
  for (const auto& result : results) {
    w.BeginObject();
    if (result.error) {
      w.Key("Error");
      w.BeginObject();
      w.Member("Code", BatchErrorCode(result.error->kind));
      w.Member("Message", result.error->message);
      w.EndObject();
    }
    if (result.table) w.Member("TableName", *result.table);
    if (result.item) {
      w.Key("Item");
      WriteItem(w, *result.item);
    }
    w.EndObject();
  }
  w.EndArray();
  WriteCapacityList(w, capacity);
  w.EndObject();
  return out;
}

}  // namespace ddb::protocol
