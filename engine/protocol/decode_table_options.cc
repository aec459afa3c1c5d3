// The capacity and storage options of CreateTable and UpdateTable: OnDemandThroughput,
// WarmThroughput, SSESpecification and TableClass, read as sent (their JSON types and enums are
// checked by protocol/shape.h before this runs; their rules are the operations').
#include "protocol/table_fields.h"

namespace ddb::protocol {

Result<std::optional<OnDemandRequest>> ParseOnDemand(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto obj, r.Object("OnDemandThroughput"));
  if (!obj) return std::optional<OnDemandRequest>();
  FieldReader o(*obj);
  OnDemandRequest out;
  DDB_ASSIGN_OR_RETURN(out.max_read, o.Int("MaxReadRequestUnits"));
  DDB_ASSIGN_OR_RETURN(out.max_write, o.Int("MaxWriteRequestUnits"));
  return std::optional<OnDemandRequest>(out);
}

Result<std::optional<WarmRequest>> ParseWarm(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto obj, r.Object("WarmThroughput"));
  if (!obj) return std::optional<WarmRequest>();
  FieldReader o(*obj);
  WarmRequest out;
  DDB_ASSIGN_OR_RETURN(out.read, o.Int("ReadUnitsPerSecond"));
  DDB_ASSIGN_OR_RETURN(out.write, o.Int("WriteUnitsPerSecond"));
  return std::optional<WarmRequest>(out);
}

Result<TableOptions> ParseTableOptions(const FieldReader& r) {
  TableOptions out;
  DDB_ASSIGN_OR_RETURN(out.on_demand, ParseOnDemand(r));
  DDB_ASSIGN_OR_RETURN(out.warm, ParseWarm(r));
  DDB_ASSIGN_OR_RETURN(out.table_class, r.String("TableClass"));
  DDB_ASSIGN_OR_RETURN(auto sse, r.Object("SSESpecification"));
  if (sse) {
    FieldReader s(*sse);
    SseRequest req;
    DDB_ASSIGN_OR_RETURN(req.enabled, s.Bool("Enabled"));
    DDB_ASSIGN_OR_RETURN(req.type, s.String("SSEType"));
    DDB_ASSIGN_OR_RETURN(req.key, s.String("KMSMasterKeyId"));
    out.sse = req;
  }
  return out;
}

}  // namespace ddb::protocol
