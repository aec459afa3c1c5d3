#include <set>

#include "protocol/decode.h"
#include "protocol/reader.h"
#include "protocol/table_fields.h"

namespace ddb::protocol {
namespace {

constexpr int64_t kMaxCapacityUnits = 1000000000000;  // the service's bound on one value

std::optional<Type> KeyType(std::string_view t) {
  if (t == "S") return Type::kS;
  if (t == "N") return Type::kN;
  if (t == "B") return Type::kB;
  return std::nullopt;
}

// Every attribute definition used by a key of the table or of one of its indexes.
Status CheckDefinitionsUsed(const TableDef& def) {
  std::set<std::string> used = {def.hash.name};
  if (def.range) used.insert(def.range->name);
  for (const auto& index : def.indexes) {
    for (size_t i = 0; i < index.key_count(); ++i) used.insert(index.key_attr(i).name);
  }
  if (def.attributes.size() != used.size()) {
    return Invalid(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not "
        "exactly match number of attributes defined in AttributeDefinitions");
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<AttributeDefinition>> ParseDefinitions(simdjson::dom::array arr) {
  std::vector<AttributeDefinition> defs;
  std::set<std::string> seen;
  for (simdjson::dom::element e : arr) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) continue;
    FieldReader r(o);
    DDB_ASSIGN_OR_RETURN(auto name, r.String("AttributeName"));
    DDB_ASSIGN_OR_RETURN(auto type, r.String("AttributeType"));
    if (!seen.insert(name.value_or("")).second) {
      return Invalid("Cannot have two attributes with the same name");
    }
    defs.push_back({name.value_or(""), KeyType(type.value_or("S")).value_or(Type::kS)});
  }
  return defs;
}

Result<std::optional<std::pair<int64_t, int64_t>>> ParseThroughput(const FieldReader& r,
                                                                   std::string_view index) {
  using Out = std::optional<std::pair<int64_t, int64_t>>;
  DDB_ASSIGN_OR_RETURN(auto pt, r.Object("ProvisionedThroughput"));
  if (!pt) return Out();
  FieldReader t(*pt);
  DDB_ASSIGN_OR_RETURN(auto rcu, t.Int("ReadCapacityUnits"));
  DDB_ASSIGN_OR_RETURN(auto wcu, t.Int("WriteCapacityUnits"));
  const std::string suffix = index.empty() ? "" : " for index " + std::string(index);
  // Read before write, whatever the order sent (both present and >= 1: protocol/shape.h).
  for (auto [value, member] :
       {std::pair{*rcu, "ReadCapacityUnits"}, {*wcu, "WriteCapacityUnits"}}) {
    if (value > kMaxCapacityUnits) {
      return Invalid("Given value " + std::to_string(value) + " for " + member +
                     " is out of bounds" + suffix);
    }
  }
  if (*rcu > 40000 || *wcu > 40000) {
    return Invalid("Cannot increase provisioned throughput to more than 40,000 units per table");
  }
  return Out(std::pair<int64_t, int64_t>{*rcu, *wcu});
}

Result<std::optional<StreamSpec>> ParseStreamSpecification(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto spec, r.Object("StreamSpecification"));
  if (!spec) return std::optional<StreamSpec>();
  FieldReader s(*spec);
  DDB_ASSIGN_OR_RETURN(auto enabled, s.Bool("StreamEnabled"));
  DDB_ASSIGN_OR_RETURN(auto view, s.String("StreamViewType"));
  if (!enabled) return Invalid("Stream StreamEnabled was null");
  StreamSpec out;
  out.enabled = *enabled;
  if (!out.enabled) {
    if (view) {
      return Invalid(
          "Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType "
          "was present.");
    }
    return std::optional<StreamSpec>(out);
  }
  if (!view || view->empty()) {
    return Invalid(
        "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.");
  }
  static constexpr std::pair<std::string_view, StreamViewType> kViews[] = {
      {"KEYS_ONLY", StreamViewType::kKeysOnly},
      {"NEW_IMAGE", StreamViewType::kNewImage},
      {"OLD_IMAGE", StreamViewType::kOldImage},
      {"NEW_AND_OLD_IMAGES", StreamViewType::kNewAndOldImages}};
  for (const auto& [name, v] : kViews) {
    if (*view == name) {
      out.view = v;
      return std::optional<StreamSpec>(out);
    }
  }
  return Invalid("Invalid StreamViewType: " + *view);
}

namespace {

// BillingMode (its enum was checked by protocol/shape.h).
Result<std::optional<BillingMode>> Billing(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto mode, r.String("BillingMode"));
  if (!mode) return std::optional<BillingMode>();
  return std::optional<BillingMode>(*mode == "PAY_PER_REQUEST" ? BillingMode::kPayPerRequest
                                                               : BillingMode::kProvisioned);
}

ApiError NoThroughput() { return Invalid("No provisioned throughput specified for the table"); }

ApiError ThroughputOnDemand() {
  return Invalid(
      "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
      "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
}

ApiError NoThroughputWhenProvisioned() {
  return Invalid(
      "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
      "both be specified when BillingMode is PROVISIONED");
}

// The service's checks of a provisioned table's global indexes against its billing mode.
Status CheckIndexThroughput(const TableDef& def) {
  for (const auto& index : def.indexes) {
    if (!index.global) continue;
    bool has_throughput = index.throughput.read_units > 0;
    if (def.billing == BillingMode::kProvisioned && !has_throughput) {
      return Invalid("No provisioned throughput specified for the global secondary index");
    }
    if (def.billing == BillingMode::kPayPerRequest && has_throughput) {
      return Invalid(
          "One or more parameter values were invalid: ProvisionedThroughput should not be "
          "specified for index: " +
          index.name + " when BillingMode is PAY_PER_REQUEST");
    }
  }
  return Status::OK();
}

Status ParseTags(const FieldReader& r, TableDef* def) {
  DDB_ASSIGN_OR_RETURN(auto tags, r.Array("Tags"));
  if (!tags) return Status::OK();
  for (simdjson::dom::element e : *tags) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) continue;
    FieldReader t(o);
    DDB_ASSIGN_OR_RETURN(auto key, t.String("Key"));
    DDB_ASSIGN_OR_RETURN(auto value, t.String("Value"));
    def->tags.emplace_back(key.value_or(""), value.value_or(""));
  }
  return Status::OK();
}

}  // namespace

// The service's order (docs/notes/service-errors.md §2.1): billing and throughput, the table's
// key schema, local then global indexes, then the rest.
Result<CreateTableRequest> DecodeCreateTable(simdjson::dom::object obj) {
  FieldReader r(obj);
  CreateTableRequest req;
  TableDef& def = req.def;
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_ASSIGN_OR_RETURN(def.name, TableNameOf(name));
  DDB_ASSIGN_OR_RETURN(auto billing, Billing(r));
  def.billing = billing.value_or(BillingMode::kProvisioned);
  const bool has_throughput = r.Has("ProvisionedThroughput");
  if (def.billing == BillingMode::kPayPerRequest && has_throughput) return ThroughputOnDemand();
  if (def.billing == BillingMode::kProvisioned && !has_throughput) {
    return NoThroughputWhenProvisioned();
  }
  DDB_ASSIGN_OR_RETURN(auto throughput, ParseThroughput(r));
  if (throughput) {
    def.throughput.read_units = throughput->first;
    def.throughput.write_units = throughput->second;
  }
  DDB_ASSIGN_OR_RETURN(auto attrs, r.Array("AttributeDefinitions"));
  if (attrs) {
    DDB_ASSIGN_OR_RETURN(def.attributes, ParseDefinitions(*attrs));
  }
  DDB_ASSIGN_OR_RETURN(auto keys, r.Array("KeySchema"));
  std::vector<KeyElement> elements = keys ? ReadKeySchema(*keys) : std::vector<KeyElement>{};
  if (elements.size() > def.attributes.size()) {
    return Invalid("Invalid KeySchema: Some index key attribute have no definition");
  }
  DDB_RETURN_IF_ERROR(CheckKeySchema(elements, def.attributes, false, &def));
  if (!r.Has("LocalSecondaryIndexes") && !r.Has("GlobalSecondaryIndexes")) {
    DDB_RETURN_IF_ERROR(CheckDefinitionsUsed(def));
  }
  DDB_RETURN_IF_ERROR(DecodeIndexes(r, &req));
  DDB_RETURN_IF_ERROR(CheckDefinitionsUsed(def));
  DDB_RETURN_IF_ERROR(CheckIndexThroughput(def));
  DDB_ASSIGN_OR_RETURN(auto stream, ParseStreamSpecification(r));
  if (stream) def.stream = *stream;
  DDB_ASSIGN_OR_RETURN(auto protect, r.Bool("DeletionProtectionEnabled"));
  def.deletion_protection = protect.value_or(false);
  DDB_RETURN_IF_ERROR(ParseTags(r, &def));
  DDB_ASSIGN_OR_RETURN(req.options, ParseTableOptions(r));
  return req;
}

Result<UpdateTableRequest> DecodeUpdateTable(simdjson::dom::object obj) {
  FieldReader r(obj);
  UpdateTableRequest req;
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_ASSIGN_OR_RETURN(req.table, TableNameOf(name));
  if (r.Has("ReplicaUpdates")) {
    return Invalid("ReplicaUpdates is not supported: this server has no global tables");
  }
  DDB_ASSIGN_OR_RETURN(auto attrs, r.Array("AttributeDefinitions"));
  if (attrs) {
    DDB_ASSIGN_OR_RETURN(req.attributes, ParseDefinitions(*attrs));
  }
  DDB_ASSIGN_OR_RETURN(req.billing, Billing(r));
  DDB_ASSIGN_OR_RETURN(req.stream, ParseStreamSpecification(r));
  DDB_ASSIGN_OR_RETURN(req.deletion_protection, r.Bool("DeletionProtectionEnabled"));
  DDB_ASSIGN_OR_RETURN(req.options, ParseTableOptions(r));
  const TableOptions& o = req.options;
  DDB_ASSIGN_OR_RETURN(auto index_updates, r.Array("GlobalSecondaryIndexUpdates"));
  const bool updates_indexes = index_updates && index_updates->size() > 0;
  if (!req.billing && !r.Has("ProvisionedThroughput") && !req.stream && !updates_indexes &&
      !req.deletion_protection && !o.on_demand && !o.warm && !o.sse && !o.table_class) {
    return Invalid(
        "At least one of ProvisionedThroughput, UpdateStreamEnabled, GlobalSecondaryIndexUpdates "
        "or SSESpecification is required");
  }
  // These two changes run on their own in the service (docs/notes/service-surface.md §1, §3).
  const int changes = (req.billing ? 1 : 0) + r.Has("ProvisionedThroughput") +
                      (req.stream ? 1 : 0) + updates_indexes + (req.deletion_protection ? 1 : 0) +
                      (o.on_demand ? 1 : 0) + (o.warm ? 1 : 0) + (o.sse ? 1 : 0) +
                      (o.table_class ? 1 : 0);
  if (req.deletion_protection && changes > 1) {
    return Invalid("DeletionProtection modification must be the only operation in the request");
  }
  if (o.warm && changes > 1) {
    return Invalid("WarmThroughput modification must be the only operation in the request");
  }
  DDB_ASSIGN_OR_RETURN(req.throughput, ParseThroughput(r));
  if (req.stream && req.throughput) {
    return Invalid("Cannot change IOPS and Streams at the same time.");
  }
  DDB_RETURN_IF_ERROR(DecodeIndexUpdates(r, req.attributes, &req));
  if (req.billing == BillingMode::kPayPerRequest && req.throughput) return ThroughputOnDemand();
  if (req.billing == BillingMode::kProvisioned && !req.throughput) return NoThroughput();
  return req;
}

// Limit (1..100) and the start name were checked by protocol/shape.h.
Result<ListTablesRequest> DecodeListTables(simdjson::dom::object obj) {
  FieldReader r(obj);
  ListTablesRequest req;
  DDB_ASSIGN_OR_RETURN(req.exclusive_start, r.String("ExclusiveStartTableName"));
  DDB_ASSIGN_OR_RETURN(auto limit, r.Int("Limit"));
  if (limit) req.limit = *limit;
  return req;
}

Result<std::string> DecodeTableName(simdjson::dom::object obj) {
  FieldReader r(obj);
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  return TableNameOf(name);
}

}  // namespace ddb::protocol
