// UpdateTimeToLive and DescribeTimeToLive. The deletions themselves are ttl/sweeper.cc's.
#include "ops/handlers.h"
#include "protocol/json_writer.h"
#include "protocol/reader.h"

namespace ddb::ops {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

Result<TablePtr> TableOf(simdjson::dom::object request, const RequestContext& ctx) {
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_ASSIGN_OR_RETURN(std::string table, protocol::TableNameOf(name));
  return FindTableByName(ctx, table);
}

}  // namespace

Result<std::string> UpdateTimeToLive(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableOf(request, ctx));
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(auto spec, r.Object("TimeToLiveSpecification"));
  if (!spec) return Invalid("TimeToLiveSpecification cannot be null");
  protocol::FieldReader s(*spec);
  DDB_ASSIGN_OR_RETURN(auto enabled, s.Bool("Enabled"));
  DDB_ASSIGN_OR_RETURN(auto attribute, s.String("AttributeName"));
  if (!enabled || !attribute) {
    return Invalid("AttributeName cannot be null when time to live is being enabled");
  }
  if (attribute->empty() || attribute->size() > 255) {
    return Invalid(
        "Names of key attributes and attributes projected into an index must be "
        "between 1 and 255 characters, inclusive");
  }
  auto updated = ctx.engine.catalog().Update(table->ns, table->name, [&](TableDef& next) -> Status {
    if (next.ttl_enabled && next.ttl_attribute != *attribute) {
      return Invalid("TimeToLive is active on a different AttributeName");
    }
    if (*enabled == next.ttl_enabled) {
      return Invalid(*enabled ? "TimeToLive is already enabled" : "TimeToLive is already disabled");
    }
    next.ttl_enabled = *enabled;
    next.ttl_attribute = *enabled ? *attribute : std::string();
    return Status::OK();
  });
  if (!updated.ok()) return std::move(updated).error();
  if (*enabled) ctx.engine.NotifyBackgroundWork();
  std::string out;
  protocol::JsonWriter w(&out);
  w.BeginObject();
  w.Key("TimeToLiveSpecification");
  w.BeginObject();
  w.MemberBool("Enabled", *enabled);
  w.Member("AttributeName", *attribute);
  w.EndObject();
  w.EndObject();
  return out;
}

Result<std::string> DescribeTimeToLive(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableOf(request, ctx));
  std::string out;
  protocol::JsonWriter w(&out);
  w.BeginObject();
  w.Key("TimeToLiveDescription");
  w.BeginObject();
  w.Member("TimeToLiveStatus", table->ttl_enabled ? "ENABLED" : "DISABLED");
  if (table->ttl_enabled) w.Member("AttributeName", table->ttl_attribute);
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace ddb::ops
