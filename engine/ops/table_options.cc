#include "ops/table_options.h"

#include <string>

namespace ddb::ops {
namespace {

using protocol::OnDemandRequest;
using protocol::WarmRequest;

constexpr const char* kInvalid = "One or more parameter values were invalid: ";
// Stands for the AWS managed key (alias/aws/dynamodb) in KMSMasterKeyArn.
constexpr const char* kManagedKeyId = "5c6d7a3e-0b1f-4e52-9d1a-ddb000000001";

ApiError Invalid(const std::string& message) { return ApiError::Validation(kInvalid + message); }

// One OnDemandThroughput member: >= 1, or -1 (no cap) in UpdateTable.
Status OnDemandMember(std::optional<int64_t> value, const char* member, const char* scope,
                      bool create, int64_t* out) {
  if (!value) return Status::OK();
  if (*value < 1 && (create || *value != -1)) {
    return Invalid(std::string("Requested ") + member + " for OnDemandThroughput for " + scope +
                   " is outside of valid range");
  }
  *out = *value == -1 ? 0 : *value;
  return Status::OK();
}

Status ApplyOnDemand(const std::optional<OnDemandRequest>& req, BillingMode billing, bool create,
                     const char* scope, OnDemandCaps* caps) {
  if (!req || (!req->max_read && !req->max_write)) return Status::OK();
  if (billing == BillingMode::kProvisioned) {
    const char* member = req->max_read ? "MaxReadRequestUnits" : "MaxWriteRequestUnits";
    return Invalid(
        std::string(member) + " for OnDemandThroughput cannot be specified when " +
        (create ? "table BillingMode is PROVISIONED." : "the table BillingMode is PROVISIONED"));
  }
  DDB_RETURN_IF_ERROR(
      OnDemandMember(req->max_read, "MaxReadRequestUnits", scope, create, &caps->max_read));
  return OnDemandMember(req->max_write, "MaxWriteRequestUnits", scope, create, &caps->max_write);
}

// Checks one requested WarmThroughput member against its floor and why the floor is there.
Status WarmMember(std::optional<int64_t> value, int64_t floor, const char* member,
                  const char* scope, const std::string& reason) {
  if (!value || *value >= floor) return Status::OK();
  return Invalid(std::string("Requested ") + member + " for WarmThroughput for " + scope +
                 " is lower than " + reason);
}

// `floor`: what the request may not go below; `why`: the service's words for each member.
Status ApplyWarm(const std::optional<WarmRequest>& req, const WarmThroughput& floor,
                 const std::string& why_read, const std::string& why_write, const char* scope,
                 WarmThroughput* stored) {
  if (!req) return Status::OK();
  DDB_RETURN_IF_ERROR(WarmMember(req->read, floor.read, "ReadUnitsPerSecond", scope, why_read));
  DDB_RETURN_IF_ERROR(WarmMember(req->write, floor.write, "WriteUnitsPerSecond", scope, why_write));
  stored->Raise(req->read.value_or(0), req->write.value_or(0));
  return Status::OK();
}

constexpr const char* kOnDemandFloor =
    "initial throughput for OnDemand. See: "
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
    "on-demand-capacity-mode.html#on-demand-capacity-mode-initial";

// The floors and reasons of a WarmThroughput given at creation.
Status ApplyCreateWarm(const std::optional<WarmRequest>& req, BillingMode billing,
                       const ProvisionedThroughput& pt, const char* scope, WarmThroughput* stored) {
  if (billing == BillingMode::kPayPerRequest) {
    stored->Raise(kOnDemandWarmRead, kOnDemandWarmWrite);
    return ApplyWarm(req, {kOnDemandWarmRead, kOnDemandWarmWrite}, kOnDemandFloor, kOnDemandFloor,
                     scope, stored);
  }
  stored->Raise(pt.read_units, pt.write_units);
  return ApplyWarm(req, {pt.read_units, pt.write_units},
                   "ReadCapacityUnits of ProvisionedThroughput",
                   "WriteCapacityUnits of ProvisionedThroughput", scope, stored);
}

std::string KmsKeyArn(const std::optional<std::string>& key, const std::string& region) {
  if (key && key->starts_with("arn:")) return *key;
  std::string prefix =
      "arn:aws:kms:" + (region.empty() ? std::string("ddblocal") : region) + ":000000000000:key/";
  if (key && !key->empty() && !key->starts_with("alias/")) return prefix + *key;
  return prefix + kManagedKeyId;
}

Status ApplySse(const std::optional<protocol::SseRequest>& sse, bool create, TableDef* def) {
  if (!sse) return Status::OK();
  bool enabled = sse->enabled.value_or(sse->type.has_value() || sse->key.has_value());
  if (!enabled) {
    if (sse->type) return ApiError::Validation("SSEType can not be specified if Enabled is false");
    if (!create && def->sse_kms_key.empty())
      return Invalid("Table is already encrypted by default");
    def->sse_kms_key.clear();
    return Status::OK();
  }
  def->sse_kms_key = KmsKeyArn(sse->key, def->region);
  return Status::OK();
}

void ApplyTableClass(const std::optional<std::string>& table_class, double now, TableDef* def) {
  if (!table_class) return;
  if (def->table_class != *table_class) def->table_class_changed = now;
  def->table_class = *table_class;
}

}  // namespace

Status ApplyCreateOptions(const protocol::CreateTableRequest& req, double now, TableDef* def) {
  const protocol::TableOptions& o = req.options;
  DDB_RETURN_IF_ERROR(ApplyOnDemand(o.on_demand, def->billing, true, "table", &def->on_demand));
  DDB_RETURN_IF_ERROR(ApplyCreateWarm(o.warm, def->billing, def->throughput, "table", &def->warm));
  size_t next_options = 0;
  for (auto& index : def->indexes) {
    if (!index.global || next_options >= req.index_options.size()) continue;
    const auto& [on_demand, warm] = req.index_options[next_options++];
    DDB_RETURN_IF_ERROR(ApplyOnDemand(on_demand, def->billing, true, "index", &index.on_demand));
    DDB_RETURN_IF_ERROR(
        ApplyCreateWarm(warm, def->billing, index.throughput, "index", &index.warm));
  }
  DDB_RETURN_IF_ERROR(ApplySse(o.sse, true, def));
  ApplyTableClass(o.table_class, now, def);
  return Status::OK();
}

Status ApplyUpdateOptions(const protocol::TableOptions& o, double now, TableDef* next) {
  DDB_RETURN_IF_ERROR(ApplyOnDemand(o.on_demand, next->billing, false, "table", &next->on_demand));
  const std::string decrease = "current WarmThroughput, decreasing WarmThroughput is not supported";
  DDB_RETURN_IF_ERROR(
      ApplyWarm(o.warm, next->EffectiveWarm(), decrease, decrease, "table", &next->warm));
  DDB_RETURN_IF_ERROR(ApplySse(o.sse, false, next));
  ApplyTableClass(o.table_class, now, next);
  return Status::OK();
}

Status ApplyIndexOptions(const std::optional<OnDemandRequest>& on_demand,
                         const std::optional<WarmRequest>& warm, bool create, const TableDef& table,
                         IndexDef* index) {
  DDB_RETURN_IF_ERROR(ApplyOnDemand(on_demand, table.billing, create, "index", &index->on_demand));
  if (create) return ApplyCreateWarm(warm, table.billing, index->throughput, "index", &index->warm);
  const std::string decrease = "current WarmThroughput, decreasing WarmThroughput is not supported";
  return ApplyWarm(warm, table.EffectiveWarm(*index), decrease, decrease, "index", &index->warm);
}

}  // namespace ddb::ops
