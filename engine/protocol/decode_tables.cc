#include <set>

#include "protocol/decode.h"
#include "protocol/reader.h"
#include "protocol/table_fields.h"

namespace ddb::protocol {
namespace {

std::optional<Type> KeyType(std::string_view t) {
  if (t == "S") return Type::kS;
  if (t == "N") return Type::kN;
  if (t == "B") return Type::kB;
  return std::nullopt;
}

ApiError NotAStructure() { return ApiError::Serialization("Unexpected value type in payload"); }

Result<std::vector<AttributeDefinition>> Definitions(simdjson::dom::array arr) {
  std::vector<AttributeDefinition> defs;
  std::set<std::string> seen;
  for (simdjson::dom::element e : arr) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) return NotAStructure();
    FieldReader r(o);
    DDB_ASSIGN_OR_RETURN(auto name, r.String("AttributeName"));
    DDB_ASSIGN_OR_RETURN(auto type, r.String("AttributeType"));
    if (!type) {
      return Invalid(
          "Invalid Attribute value. Must contain exactly one of the supported datatypes.");
    }
    if (!KeyType(*type)) return Invalid("Member must satisfy enum value set: [B, N, S]");
    if (!name || name->empty() || name->size() > 255) {
      return Invalid(
          "Names of key attributes and attributes projected into an index must be between 1 and "
          "255 characters, inclusive");
    }
    if (!seen.insert(*name).second) return Invalid("Cannot have two attributes with the same name");
    defs.push_back({*name, *KeyType(*type)});
  }
  return defs;
}

// DynamoDB's key-schema rules, with its wording (two spaces after a period are DynamoDB's).
}  // namespace

Status ParseKeySchema(simdjson::dom::array arr, ddb::KeySchema* def) {
  std::vector<std::pair<std::string, std::string>> elements;
  for (simdjson::dom::element e : arr) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) return NotAStructure();
    FieldReader r(o);
    DDB_ASSIGN_OR_RETURN(auto name, r.String("AttributeName"));
    DDB_ASSIGN_OR_RETURN(auto type, r.String("KeyType"));
    if (!name) return Invalid("Attribute name must be specified.");
    if (!type) return Invalid("One or more keys is not specified as being hash or range.");
    if (name->empty() || name->size() > 255) {
      return Invalid(
          "Names of key attributes and attributes projected into an index must be between 1 and "
          "255 characters, inclusive");
    }
    elements.emplace_back(*name, type.value_or(""));
  }
  if (elements.size() > 2) {
    return Invalid(
        "Key Schema too big.  Key Schema must at most consist of the hash and range key of a "
        "table");
  }
  int hashes = 0;
  for (const auto& [name, type] : elements) hashes += type == "HASH";
  if (hashes == 0) {
    return Invalid(
        "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key");
  }
  if (hashes > 1) {
    return Invalid(
        "Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key");
  }
  if (elements[0].second != "HASH" || (elements.size() == 2 && elements[1].second != "RANGE")) {
    return Invalid(
        "Invalid key order. Hash Key must be specified first in key schema, Range Key must be "
        "specifed second");
  }
  if (elements.size() == 2 && elements[0].first == elements[1].first) {
    return Invalid("Two keys can not have the same name");
  }
  def->hash.name = elements[0].first;
  if (elements.size() == 2) def->range = KeyAttribute{elements[1].first, Type::kS};
  return Status::OK();
}

namespace {

// Ties the key schemas to the attribute definitions: every key attribute defined, nothing extra.
Status BindKeyTypes(TableDef* def) {
  auto find = [&](const std::string& name) -> const AttributeDefinition* {
    for (const auto& a : def->attributes) {
      if (a.name == name) return &a;
    }
    return nullptr;
  };
  const AttributeDefinition* hash = find(def->hash.name);
  if (!hash) return Invalid("Hash Key not specified in Attribute Definitions.  Type unknown.");
  def->hash.type = hash->type;
  if (def->range) {
    const AttributeDefinition* range = find(def->range->name);
    if (!range) return Invalid("Range Key not specified in Attribute Definitions.  Type unknown.");
    def->range->type = range->type;
  }
  std::set<std::string> key_attributes = {def->hash.name};
  if (def->range) key_attributes.insert(def->range->name);
  for (auto& index : def->indexes) {
    DDB_RETURN_IF_ERROR(BindIndexKeyTypes(def->attributes, &index));
    key_attributes.insert(index.hash.name);
    if (index.range) key_attributes.insert(index.range->name);
  }
  if (def->attributes.size() != key_attributes.size()) {
    return Invalid(
        "The number of attributes in key schema must match the number of attributes defined in "
        "attribute definitions.");
  }
  return Status::OK();
}

}  // namespace

Result<std::optional<std::pair<int64_t, int64_t>>> ParseThroughput(const FieldReader& r,
                                                                   bool for_index) {
  using Out = std::optional<std::pair<int64_t, int64_t>>;
  DDB_ASSIGN_OR_RETURN(auto pt, r.Object("ProvisionedThroughput"));
  if (!pt) return Out();
  FieldReader t(*pt);
  DDB_ASSIGN_OR_RETURN(auto rcu, t.Int("ReadCapacityUnits"));
  DDB_ASSIGN_OR_RETURN(auto wcu, t.Int("WriteCapacityUnits"));
  if (!rcu || !wcu || *rcu < 1 || *wcu < 1) {
    return Invalid(for_index ? "Global Secondary Index's read and write throughput must be at "
                               "least 1, and cannot be null"
                             : "Table read and write throughput must be at least 1, and cannot be "
                               "null");
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

Result<std::optional<BillingMode>> Billing(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto mode, r.String("BillingMode"));
  if (!mode) return std::optional<BillingMode>();
  if (*mode == "PROVISIONED") return std::optional<BillingMode>(BillingMode::kProvisioned);
  if (*mode == "PAY_PER_REQUEST") return std::optional<BillingMode>(BillingMode::kPayPerRequest);
  ValidationErrors errors;
  errors.Constraint(Quote(*mode), "billingMode",
                    "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  return errors.Finish();
}

ApiError NoThroughput() { return Invalid("No provisioned throughput specified for the table"); }

ApiError ThroughputOnDemand() {
  return Invalid(
      "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
      "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
}

Status Unsupported(const FieldReader& r, std::initializer_list<std::string_view> fields) {
  for (auto f : fields) {
    if (r.Has(f)) {
      return Invalid(std::string(f) +
                     " is not supported by this server yet (secondary indexes and streams "
                     "arrive in a later release)");
    }
  }
  return Status::OK();
}

}  // namespace

Result<CreateTableRequest> DecodeCreateTable(simdjson::dom::object obj) {
  FieldReader r(obj);
  CreateTableRequest req;
  TableDef& def = req.def;
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_RETURN_IF_ERROR(CheckTableName(name));
  def.name = *name;
  DDB_ASSIGN_OR_RETURN(auto keys, r.Array("KeySchema"));
  if (!keys) {
    return Invalid(
        "No defined key schema.  A key schema containing at least a hash key must be defined for "
        "all tables");
  }
  DDB_RETURN_IF_ERROR(ParseKeySchema(*keys, &def));
  DDB_ASSIGN_OR_RETURN(auto attrs, r.Array("AttributeDefinitions"));
  if (!attrs) return Invalid("No Attribute Schema Defined");
  DDB_ASSIGN_OR_RETURN(def.attributes, Definitions(*attrs));
  DDB_ASSIGN_OR_RETURN(auto stream, ParseStreamSpecification(r));
  if (stream) def.stream = *stream;
  DDB_RETURN_IF_ERROR(DecodeIndexes(r, &def));
  DDB_RETURN_IF_ERROR(BindKeyTypes(&def));
  DDB_ASSIGN_OR_RETURN(auto billing, Billing(r));
  DDB_ASSIGN_OR_RETURN(auto throughput, ParseThroughput(r));
  def.billing = billing.value_or(BillingMode::kProvisioned);
  if (def.billing == BillingMode::kProvisioned) {
    if (!throughput) return NoThroughput();
    def.throughput.read_units = throughput->first;
    def.throughput.write_units = throughput->second;
  } else if (throughput) {
    return ThroughputOnDemand();
  }
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
  DDB_ASSIGN_OR_RETURN(auto protect, r.Bool("DeletionProtectionEnabled"));
  def.deletion_protection = protect.value_or(false);
  DDB_ASSIGN_OR_RETURN(auto tags, r.Array("Tags"));
  if (tags) {
    for (simdjson::dom::element e : *tags) {
      simdjson::dom::object o;
      if (e.get(o) != simdjson::SUCCESS) return NotAStructure();
      FieldReader t(o);
      DDB_ASSIGN_OR_RETURN(auto key, t.String("Key"));
      DDB_ASSIGN_OR_RETURN(auto value, t.String("Value"));
      def.tags.emplace_back(key.value_or(""), value.value_or(""));
    }
  }
  return req;
}

Result<UpdateTableRequest> DecodeUpdateTable(simdjson::dom::object obj) {
  FieldReader r(obj);
  UpdateTableRequest req;
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_RETURN_IF_ERROR(CheckTableName(name));
  req.table = *name;
  DDB_RETURN_IF_ERROR(Unsupported(r, {"ReplicaUpdates"}));
  DDB_ASSIGN_OR_RETURN(req.stream, ParseStreamSpecification(r));
  if (req.stream && r.Has("ProvisionedThroughput")) {
    return Invalid("Cannot change IOPS and Streams at the same time.");
  }
  DDB_RETURN_IF_ERROR(DecodeIndexUpdates(r, &req));
  DDB_ASSIGN_OR_RETURN(auto definitions, r.Array("AttributeDefinitions"));
  for (auto& change : req.index_updates) {
    if (change.kind != IndexUpdate::Kind::kCreate) continue;
    if (!definitions) return Invalid("No Attribute Schema Defined");
    DDB_ASSIGN_OR_RETURN(auto attributes, Definitions(*definitions));
    DDB_RETURN_IF_ERROR(BindIndexKeyTypes(attributes, &change.index));
  }
  DDB_ASSIGN_OR_RETURN(req.billing, Billing(r));
  DDB_ASSIGN_OR_RETURN(req.throughput, ParseThroughput(r));
  DDB_ASSIGN_OR_RETURN(req.deletion_protection, r.Bool("DeletionProtectionEnabled"));
  DDB_ASSIGN_OR_RETURN(auto attrs, r.Array("AttributeDefinitions"));
  if (attrs) {
    DDB_ASSIGN_OR_RETURN(req.attributes, Definitions(*attrs));
  }
  if (req.billing == BillingMode::kPayPerRequest && req.throughput) return ThroughputOnDemand();
  if (req.billing == BillingMode::kProvisioned && !req.throughput) return NoThroughput();
  if (!req.billing && !req.throughput && !req.deletion_protection && req.index_updates.empty() &&
      !req.stream) {
    return Invalid("Nothing to update");
  }
  return req;
}

Result<ListTablesRequest> DecodeListTables(simdjson::dom::object obj) {
  FieldReader r(obj);
  ListTablesRequest req;
  DDB_ASSIGN_OR_RETURN(req.exclusive_start, r.String("ExclusiveStartTableName"));
  if (req.exclusive_start) DDB_RETURN_IF_ERROR(CheckTableName(req.exclusive_start));
  DDB_ASSIGN_OR_RETURN(auto limit, r.Int("Limit"));
  if (limit) {
    if (*limit < 1) return Invalid("Limit must be greater than or equal to 1");
    if (*limit > 100) return Invalid("Limit in ListTables must be <= 100");
    req.limit = *limit;
  }
  return req;
}

Result<std::string> DecodeTableName(simdjson::dom::object obj) {
  FieldReader r(obj);
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_RETURN_IF_ERROR(CheckTableName(name));
  return *name;
}

}  // namespace ddb::protocol
