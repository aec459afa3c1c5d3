// UpdateTimeToLive and DescribeTimeToLive. The deletions themselves are ttl/sweeper.cc's.
#include "core/json_writer.h"
#include "ops/handlers.h"
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
  // The specification's members are present and typed (protocol/shape.h); the service checks
  // the name before it looks the table up.
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(auto spec, r.Object("TimeToLiveSpecification"));
  if (!spec) return Invalid("TimeToLiveSpecification cannot be null");  // unreachable: the shape
  protocol::FieldReader s(*spec);
  DDB_ASSIGN_OR_RETURN(auto enabled_member, s.Bool("Enabled"));
  DDB_ASSIGN_OR_RETURN(auto attribute_member, s.String("AttributeName"));
  const bool on = enabled_member.value_or(false);
  const std::string attribute = attribute_member.value_or("");
  if (attribute.empty()) return Invalid("TimeToLiveSpecification.AttributeName must be non empty");
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableOf(request, ctx));
  auto updated = ctx.engine.catalog().Update(table->ns, table->name, [&](TableDef& next) -> Status {
    if (next.ttl_enabled && next.ttl_attribute != attribute) {
      return Invalid("TimeToLive is active on a different AttributeName");
    }
    if (on == next.ttl_enabled) {
      return Invalid(on ? "TimeToLive is already enabled" : "TimeToLive is already disabled");
    }
    next.ttl_enabled = on;
    next.ttl_attribute = on ? attribute : std::string();
    return Status::OK();
  });
  if (!updated.ok()) return std::move(updated).error();
  if (on) ctx.engine.NotifyBackgroundWork();
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("TimeToLiveSpecification");
  w.BeginObject();
  w.MemberBool("Enabled", on);
  w.Member("AttributeName", attribute);
  w.EndObject();
  w.EndObject();
  return out;
}

Result<std::string> DescribeTimeToLive(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableOf(request, ctx));
  std::string out;
  JsonWriter w(&out);
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
