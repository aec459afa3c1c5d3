#include "protocol/partiql_json.h"

#include "core/json_writer.h"
#include "core/value_json.h"
#include "protocol/encode.h"
#include "protocol/item_fields.h"
#include "protocol/reader.h"

namespace ddb::protocol {

Result<ExecuteStatementRequest> DecodeExecuteStatement(simdjson::dom::object obj) {
  FieldReader r(obj);
  ExecuteStatementRequest req;
  DDB_ASSIGN_OR_RETURN(auto statement, r.String("Statement"));
  req.statement = statement.value_or("");
  DDB_ASSIGN_OR_RETURN(auto parameters, r.Array("Parameters"));
  if (parameters) {
    for (simdjson::dom::element e : *parameters) {
      DDB_ASSIGN_OR_RETURN(Value v, DecodeValue(e));
      req.parameters.push_back(std::move(v));
    }
  }
  DDB_ASSIGN_OR_RETURN(auto consistent, r.Bool("ConsistentRead"));
  req.consistent = consistent.value_or(false);
  DDB_ASSIGN_OR_RETURN(req.next_token, r.String("NextToken"));
  DDB_ASSIGN_OR_RETURN(req.limit, r.Int("Limit"));
  DDB_RETURN_IF_ERROR(Capacity(r, &req.capacity));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure));
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

}  // namespace ddb::protocol
