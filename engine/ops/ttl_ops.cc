// UpdateTimeToLive and DescribeTimeToLive. The deletions themselves are ttl/sweeper.cc's.
#include "ops/handlers.h"
#include "protocol/decode.h"
#include "protocol/settings_json.h"

namespace ddb::ops {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

Result<TablePtr> TableOf(simdjson::dom::object request, const RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(std::string table, protocol::DecodeTableName(request));
  return FindTableByName(ctx, table);
}

}  // namespace

Result<std::string> UpdateTimeToLive(simdjson::dom::object request, RequestContext& ctx) {
  // The specification's members are present and typed (protocol/shape.h); the service checks
  // the name before it looks the table up.
  DDB_ASSIGN_OR_RETURN(protocol::TimeToLiveSpec spec, protocol::DecodeTimeToLiveSpec(request));
  const bool on = spec.enabled;
  const std::string& attribute = spec.attribute;
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
  return protocol::EncodeTimeToLiveSpec(spec);
}

Result<std::string> DescribeTimeToLive(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableOf(request, ctx));
  return protocol::EncodeTimeToLiveDescription(table->ttl_enabled, table->ttl_attribute);
}

}  // namespace ddb::ops
