// CreateTable, DeleteTable, DescribeTable, ListTables and UpdateTable.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/uuid.h"
#include "ops/handlers.h"
#include "ops/table_options.h"
#include "protocol/decode.h"
#include "protocol/encode.h"

namespace ddb::ops {
namespace {

// DynamoDB reports times with millisecond precision.
double Now(const RequestContext& ctx) {
  return static_cast<double>(ctx.engine.clock().EpochMillis()) / 1000.0;
}

// DynamoDB labels a stream with its creation time: "2026-11-24T11:45:04.617".
std::string StreamLabel(double seconds) {
  auto whole = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&whole, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(
      out, sizeof(out), "%s.%03d", buf,
      static_cast<int>(std::lround((seconds - static_cast<double>(whole)) * 1000) % 1000));
  return out;
}

// Enables or disables the table's stream as UpdateTable asks.
Status ApplyStreamUpdate(const std::optional<StreamSpec>& spec, double now, TableDef* next) {
  if (!spec) return Status::OK();
  if (spec->enabled) {
    if (next->stream.enabled) return ApiError::Validation("Table already has an enabled stream");
    next->stream = *spec;
    next->stream.id = 0;  // A new stream: the catalog assigns its id.
    next->stream.created = now;
    next->stream.label = StreamLabel(now);
    return Status::OK();
  }
  if (!next->stream.enabled) return ApiError::Validation("Table has no stream to disable");
  next->stream.enabled = false;
  next->stream.disabled = now;
  return Status::OK();
}

Result<protocol::TableDescription> Describe(const RequestContext& ctx, TablePtr def) {
  protocol::TableDescription d;
  DDB_ASSIGN_OR_RETURN(d.counters, ctx.engine.store().ReadCounters(def->id));
  for (const auto& index : def->indexes) {
    DDB_ASSIGN_OR_RETURN(auto counters, ctx.engine.store().ReadCounters(index.id));
    d.index_counters.push_back(counters);
  }
  d.def = std::move(def);
  return d;
}

// Keeps exactly the attribute definitions some key schema (table or index) uses.
void KeepKeyAttributes(const std::vector<AttributeDefinition>& added, TableDef* def) {
  std::vector<AttributeDefinition> all = def->attributes;
  all.insert(all.end(), added.begin(), added.end());
  def->attributes.clear();
  auto used = [&](const std::string& name) {
    if (def->IsKeyAttribute(name)) return true;
    for (const auto& index : def->indexes) {
      if (index.IsKeyAttribute(name)) return true;
    }
    return false;
  };
  for (const auto& a : all) {
    bool seen = false;
    for (const auto& b : def->attributes) seen = seen || b.name == a.name;
    if (!seen && used(a.name)) def->attributes.push_back(a);
  }
}

// Applies GlobalSecondaryIndexUpdates to `next`; sets *created when an index was added.
Status ApplyIndexUpdates(const protocol::UpdateTableRequest& req, TableDef* next, bool* created,
                         std::vector<IndexDef>* deleted) {
  using Kind = protocol::IndexUpdate::Kind;
  std::vector<AttributeDefinition> added;
  for (const auto& change : req.index_updates) {
    auto it = std::find_if(next->indexes.begin(), next->indexes.end(),
                           [&](const IndexDef& x) { return x.name == change.index.name; });
    if (change.kind == Kind::kUpdate && (it == next->indexes.end() || !it->global)) {
      return ApiError::Validation("Invalid global secondary index name");
    }
    if (change.kind == Kind::kDelete && (it == next->indexes.end() || !it->global)) {
      return ApiError::NotFound("Requested resource not found");
    }
    switch (change.kind) {
      case Kind::kCreate: {
        if (it != next->indexes.end()) {
          return ApiError::Validation(
              "One or more parameter values were invalid: Index already exists: " +
              change.index.name);
        }
        IndexDef index = change.index;
        bool has_throughput = index.throughput.read_units > 0;
        if (next->billing == BillingMode::kProvisioned && !has_throughput) {
          return ApiError::Validation(
              "No provisioned throughput specified for the global secondary index");
        }
        if (next->billing == BillingMode::kPayPerRequest && has_throughput) {
          return ApiError::Validation(
              "One or more parameter values were invalid: ProvisionedThroughput should not be "
              "specified for index: " +
              index.name + " when BillingMode is PAY_PER_REQUEST");
        }
        DDB_RETURN_IF_ERROR(ApplyIndexOptions(change.on_demand, change.warm, true, *next, &index));
        index.status = IndexStatus::kCreating;
        for (size_t i = 0; i < index.key_count(); ++i) {
          added.push_back({index.key_attr(i).name, index.key_attr(i).type});
        }
        next->indexes.push_back(std::move(index));
        *created = true;
        break;
      }
      case Kind::kDelete:
        deleted->push_back(*it);
        deleted->back().status = IndexStatus::kDeleting;
        next->indexes.erase(it);
        break;
      case Kind::kUpdate:
        if (change.throughput) {
          it->throughput.read_units = change.throughput->first;
          it->throughput.write_units = change.throughput->second;
          it->warm.Raise(it->throughput.read_units, it->throughput.write_units);
        }
        DDB_RETURN_IF_ERROR(ApplyIndexOptions(change.on_demand, change.warm, false, *next, &*it));
        break;
    }
  }
  for (const auto& a : added) {
    for (const auto& existing : next->attributes) {
      if (existing.name == a.name && existing.type != a.type) {
        return ApiError::Validation(
            "invalid attribute, SchemaElement redefined should be of same type as previously "
            "defined");
      }
    }
  }
  KeepKeyAttributes(added, next);
  return Status::OK();
}

// Applies UpdateTable's changes to `next` (the current definition, edited under the catalog's
// lock); *created / *deleted report index creations and removals.
Status ApplyTableUpdate(const protocol::UpdateTableRequest& req, double now, TableDef* next,
                        bool* created, std::vector<IndexDef>* deleted) {
  if (req.billing && *req.billing != next->billing) {
    next->billing = *req.billing;
    if (next->billing == BillingMode::kPayPerRequest) {
      next->billing_changed = now;
      next->throughput.read_units = next->throughput.write_units = 0;
      // Warm throughput never goes down: an index keeps the on-demand baseline it now gets.
      for (auto& index : next->indexes) index.warm.Raise(kOnDemandWarmRead, kOnDemandWarmWrite);
    }
  }
  if (req.throughput) {
    if (next->billing == BillingMode::kPayPerRequest) {
      return ApiError::Validation(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
          "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    auto [rcu, wcu] = *req.throughput;
    auto& t = next->throughput;
    if (rcu == t.read_units && wcu == t.write_units && !req.billing && !req.deletion_protection) {
      return ApiError::Validation(
          "The provisioned throughput for the table will not change. The requested value equals "
          "the current value. Current ReadCapacityUnits provisioned for the table: " +
          std::to_string(t.read_units) + ". Requested ReadCapacityUnits: " + std::to_string(rcu) +
          ". Current WriteCapacityUnits provisioned for the table: " +
          std::to_string(t.write_units) + ". Requested WriteCapacityUnits: " + std::to_string(wcu) +
          ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request "
          "higher limits.");
    }
    if (rcu > t.read_units || wcu > t.write_units) t.last_increase = now;
    if (rcu < t.read_units || wcu < t.write_units) {
      t.last_decrease = now;
      ++t.decreases_today;
    }
    t.read_units = rcu;
    t.write_units = wcu;
    next->warm.Raise(rcu, wcu);  // warm throughput remembers the highest capacity
  }
  if (req.deletion_protection) next->deletion_protection = *req.deletion_protection;
  DDB_RETURN_IF_ERROR(ApplyUpdateOptions(req.options, now, next));
  DDB_RETURN_IF_ERROR(ApplyIndexUpdates(req, next, created, deleted));
  return ApplyStreamUpdate(req.stream, now, next);
}

}  // namespace

Result<std::string> CreateTable(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::CreateTableRequest req, protocol::DecodeCreateTable(request));
  req.def.ns = ctx.ns;
  req.def.region = ctx.region;
  req.def.created = Now(ctx);
  req.def.uuid = RandomUuid();
  DDB_RETURN_IF_ERROR(ApplyCreateOptions(req, req.def.created, &req.def));
  if (req.def.billing == BillingMode::kPayPerRequest) req.def.billing_changed = req.def.created;
  const bool warm_requested = req.options.warm.has_value();
  if (req.def.stream.enabled) {
    req.def.stream.created = req.def.created;
    req.def.stream.label = StreamLabel(req.def.created);
  }
  DDB_ASSIGN_OR_RETURN(TablePtr table, ctx.engine.catalog().Create(std::move(req.def)));
  DDB_ASSIGN_OR_RETURN(protocol::TableDescription d, Describe(ctx, std::move(table)));
  d.show_warm = warm_requested;  // as the service's CreateTable answer
  return protocol::EncodeTable(d, "TableDescription");
}

Result<std::string> DeleteTable(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(std::string name, protocol::DecodeTableName(request));
  DDB_ASSIGN_OR_RETURN(TablePtr existing, FindTableByName(ctx, name));
  if (existing->deletion_protection) {
    return ApiError::Validation(
        "Resource cannot be deleted as it is currently protected against deletion. Disable "
        "deletion protection first.");
  }
  DDB_ASSIGN_OR_RETURN(protocol::TableDescription d, Describe(ctx, existing));
  d.status = "DELETING";  // the service answers before the table is gone
  DDB_ASSIGN_OR_RETURN(TablePtr dropped, ctx.engine.catalog().Drop(ctx.ns, name));
  (void)dropped;
  return protocol::EncodeTable(d, "TableDescription");
}

Result<std::string> DescribeTable(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(std::string name, protocol::DecodeTableName(request));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTableByName(ctx, name));
  DDB_ASSIGN_OR_RETURN(protocol::TableDescription d, Describe(ctx, std::move(table)));
  return protocol::EncodeTable(d, "Table");
}

Result<std::string> ListTables(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::ListTablesRequest req, protocol::DecodeListTables(request));
  protocol::ListTablesResponse resp;
  bool more = false;
  resp.names = ctx.engine.catalog().List(ctx.ns, req.exclusive_start.value_or(""),
                                         static_cast<size_t>(req.limit), &more);
  if (more && !resp.names.empty()) resp.last = resp.names.back();
  return protocol::EncodeListTables(resp);
}

Result<std::string> UpdateTable(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::UpdateTableRequest req, protocol::DecodeUpdateTable(request));
  const double now = Now(ctx);
  bool created = false;
  std::vector<IndexDef> deleted;  // Reported as DELETING in this response, as DynamoDB does.
  std::string old_class;          // A class change shows the old class until it is done.
  DDB_ASSIGN_OR_RETURN(TablePtr updated,
                       ctx.engine.catalog().Update(ctx.ns, req.table, [&](TableDef& next) {
                         created = false;
                         deleted.clear();
                         old_class = next.table_class;
                         return ApplyTableUpdate(req, now, &next, &created, &deleted);
                       }));
  if (created) ctx.engine.NotifyBackgroundWork();
  // The response shows the change as requested: new indexes CREATING (even if an empty table's
  // backfill already finished), removed ones DELETING.
  TableDef shown = *updated;
  for (auto& index : shown.indexes) {
    for (const auto& change : req.index_updates) {
      if (change.kind == protocol::IndexUpdate::Kind::kCreate && change.index.name == index.name) {
        index.status = IndexStatus::kCreating;
      }
    }
  }
  shown.indexes.insert(shown.indexes.end(), deleted.begin(), deleted.end());
  // As the service answers: the table class being left, and -1 for the on-demand caps cleared.
  if (req.options.table_class && !old_class.empty()) shown.table_class = old_class;
  if (const auto& od = req.options.on_demand) {
    if (od->max_read == -1) shown.on_demand.max_read = -1;
    if (od->max_write == -1) shown.on_demand.max_write = -1;
  }
  DDB_ASSIGN_OR_RETURN(protocol::TableDescription d,
                       Describe(ctx, std::make_shared<const TableDef>(std::move(shown))));
  return protocol::EncodeTable(d, "TableDescription");
}

Result<std::string> DescribeLimits(simdjson::dom::object /*request*/, RequestContext& /*ctx*/) {
  // DynamoDB's default account and table quotas; this server enforces the table ones.
  return protocol::EncodeLimits({80000, 80000, 40000, 40000});
}

}  // namespace ddb::ops
