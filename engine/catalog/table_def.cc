// Persisted table definitions are items (item/codec.h) with these attributes:
//   id N, ns S, name S, region S, hash M{name S, type N}, range M?, attrs L[M{name, type}],
//   billing N, rcu N, wcu N, inc N, dec N, decs N, created N, billing_changed N, protect BOOL,
//   indexes L[M{id N, name S, global BOOL, hash M, range M?, hash_more L[M]?, range_more L[M]?,
//               proj N, nonkey L[S], rcu N, wcu N, status N}],
//   stream M{enabled BOOL, view N, id N, label S, created N, disabled N}, ttl S?, ttl_on BOOL,
//   tags L[L[S, S]], pitr BOOL, pitr_at N, uuid S, class S, class_at N, kms S,
//   odr N, odw N, warm_r N, warm_w N (indexes too: odr, odw, warm_r, warm_w).
// New attributes may be added; readers ignore unknown ones and default missing ones.
#include "catalog/table_def.h"

#include <algorithm>
#include <cstdio>

#include "item/codec.h"

namespace ddb {
namespace {

Value Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return Value::N(buf);
}
Value Num(int64_t v) { return Value::N(std::to_string(v)); }

double GetDouble(const Item& m, const char* name) {
  auto it = m.find(name);
  return it == m.end() ? 0 : std::strtod(it->second.scalar.c_str(), nullptr);
}
int64_t GetInt(const Item& m, const char* name) {
  auto it = m.find(name);
  return it == m.end() ? 0 : std::strtoll(it->second.scalar.c_str(), nullptr, 10);
}
std::string GetString(const Item& m, const char* name) {
  auto it = m.find(name);
  return it == m.end() ? std::string() : it->second.scalar;
}

Value EncodeAttr(const std::string& name, Type t) {
  return Value::OfMap({{"name", Value::S(name)}, {"type", Num(static_cast<int64_t>(t))}});
}
void DecodeAttr(const Value& v, std::string* name, Type* t) {
  *name = GetString(v.map, "name");
  *t = static_cast<Type>(GetInt(v.map, "type"));
}

Value EncodeAttrs(const std::vector<KeyAttribute>& attrs) {
  List out;
  for (const auto& a : attrs) out.push_back(EncodeAttr(a.name, a.type));
  return Value::OfList(std::move(out));
}
void DecodeAttrs(const Item& m, const char* name, std::vector<KeyAttribute>* attrs) {
  auto it = m.find(name);
  if (it == m.end()) return;
  for (const auto& v : it->second.list) {
    KeyAttribute& a = attrs->emplace_back();
    DecodeAttr(v, &a.name, &a.type);
  }
}

void EncodeKeySchema(const KeySchema& k, Item* m) {
  (*m)["hash"] = EncodeAttr(k.hash.name, k.hash.type);
  if (k.range) (*m)["range"] = EncodeAttr(k.range->name, k.range->type);
  if (!k.more_hash.empty()) (*m)["hash_more"] = EncodeAttrs(k.more_hash);
  if (!k.more_range.empty()) (*m)["range_more"] = EncodeAttrs(k.more_range);
}

void DecodeKeySchema(const Item& m, KeySchema* k) {
  if (auto it = m.find("hash"); it != m.end()) DecodeAttr(it->second, &k->hash.name, &k->hash.type);
  if (auto it = m.find("range"); it != m.end()) {
    k->range.emplace();
    DecodeAttr(it->second, &k->range->name, &k->range->type);
  }
  DecodeAttrs(m, "hash_more", &k->more_hash);
  DecodeAttrs(m, "range_more", &k->more_range);
}

void EncodeCapacityLimits(const OnDemandCaps& caps, const WarmThroughput& warm, Item* m) {
  (*m)["odr"] = Num(caps.max_read);
  (*m)["odw"] = Num(caps.max_write);
  (*m)["warm_r"] = Num(warm.read);
  (*m)["warm_w"] = Num(warm.write);
}

void DecodeCapacityLimits(const Item& m, OnDemandCaps* caps, WarmThroughput* warm) {
  caps->max_read = GetInt(m, "odr");
  caps->max_write = GetInt(m, "odw");
  warm->read = GetInt(m, "warm_r");
  warm->write = GetInt(m, "warm_w");
}

Value EncodeIndex(const IndexDef& x) {
  Item m;
  m["id"] = Num(static_cast<int64_t>(x.id));
  m["name"] = Value::S(x.name);
  m["global"] = Value::Bool(x.global);
  EncodeKeySchema(x, &m);
  m["proj"] = Num(static_cast<int64_t>(x.projection));
  List non_key;
  for (const auto& a : x.non_key_attributes) non_key.push_back(Value::S(a));
  m["nonkey"] = Value::OfList(std::move(non_key));
  m["rcu"] = Num(x.throughput.read_units);
  m["wcu"] = Num(x.throughput.write_units);
  m["status"] = Num(static_cast<int64_t>(x.status));
  EncodeCapacityLimits(x.on_demand, x.warm, &m);
  return Value::OfMap(std::move(m));
}

IndexDef DecodeIndex(const Item& m) {
  IndexDef x;
  x.id = static_cast<uint64_t>(GetInt(m, "id"));
  x.name = GetString(m, "name");
  auto g = m.find("global");
  x.global = g == m.end() || g->second.boolean;
  DecodeKeySchema(m, &x);
  x.projection = static_cast<ProjectionType>(GetInt(m, "proj"));
  if (auto it = m.find("nonkey"); it != m.end()) {
    for (const auto& a : it->second.list) x.non_key_attributes.push_back(a.scalar);
  }
  x.throughput.read_units = GetInt(m, "rcu");
  x.throughput.write_units = GetInt(m, "wcu");
  x.status = static_cast<IndexStatus>(GetInt(m, "status"));
  DecodeCapacityLimits(m, &x.on_demand, &x.warm);
  return x;
}

}  // namespace

bool KeySchema::IsKeyAttribute(std::string_view attr) const {
  if (attr == hash.name || (range && attr == range->name)) return true;
  auto named = [&](const KeyAttribute& k) { return k.name == attr; };
  return std::any_of(more_hash.begin(), more_hash.end(), named) ||
         std::any_of(more_range.begin(), more_range.end(), named);
}

bool IndexDef::Projects(std::string_view attr, const KeySchema& table) const {
  if (projection == ProjectionType::kAll || IsKeyAttribute(attr) || table.IsKeyAttribute(attr)) {
    return true;
  }
  return projection == ProjectionType::kInclude &&
         std::find(non_key_attributes.begin(), non_key_attributes.end(), attr) !=
             non_key_attributes.end();
}

const IndexDef* TableDef::FindIndex(std::string_view index_name) const {
  for (const auto& x : indexes) {
    if (x.name == index_name) return &x;
  }
  return nullptr;
}

WarmThroughput TableDef::EffectiveWarm() const {
  WarmThroughput w = warm;
  if (billing == BillingMode::kPayPerRequest || billing_changed != 0) {
    w.Raise(kOnDemandWarmRead, kOnDemandWarmWrite);
  }
  w.Raise(throughput.read_units, throughput.write_units);
  return w;
}

WarmThroughput TableDef::EffectiveWarm(const IndexDef& index) const {
  WarmThroughput w = index.warm;
  if (billing == BillingMode::kPayPerRequest) w.Raise(kOnDemandWarmRead, kOnDemandWarmWrite);
  w.Raise(index.throughput.read_units, index.throughput.write_units);
  return w;
}

std::string TableDef::Arn() const {
  return "arn:aws:dynamodb:" + (region.empty() ? std::string("ddblocal") : region) +
         ":000000000000:table/" + name;
}

std::string EncodeTableDef(const TableDef& d) {
  Item m;
  m["id"] = Num(static_cast<int64_t>(d.id));
  m["ns"] = Value::S(d.ns);
  m["name"] = Value::S(d.name);
  m["region"] = Value::S(d.region);
  EncodeKeySchema(d, &m);
  List indexes;
  for (const auto& x : d.indexes) indexes.push_back(EncodeIndex(x));
  m["indexes"] = Value::OfList(std::move(indexes));
  if (!d.ttl_attribute.empty()) m["ttl"] = Value::S(d.ttl_attribute);
  List tags;
  for (const auto& [k, v] : d.tags) tags.push_back(Value::OfList({Value::S(k), Value::S(v)}));
  m["tags"] = Value::OfList(std::move(tags));
  m["pitr"] = Value::Bool(d.point_in_time_recovery);
  m["pitr_at"] = Num(d.pitr_enabled_at);
  m["ttl_on"] = Value::Bool(d.ttl_enabled);
  if (d.stream.id != 0) {
    m["stream"] = Value::OfMap({{"enabled", Value::Bool(d.stream.enabled)},
                                {"view", Num(static_cast<int64_t>(d.stream.view))},
                                {"id", Num(static_cast<int64_t>(d.stream.id))},
                                {"label", Value::S(d.stream.label)},
                                {"created", Num(d.stream.created)},
                                {"disabled", Num(d.stream.disabled)}});
  }
  List attrs;
  for (const auto& a : d.attributes) attrs.push_back(EncodeAttr(a.name, a.type));
  m["attrs"] = Value::OfList(std::move(attrs));
  m["billing"] = Num(static_cast<int64_t>(d.billing));
  m["rcu"] = Num(d.throughput.read_units);
  m["wcu"] = Num(d.throughput.write_units);
  m["inc"] = Num(d.throughput.last_increase);
  m["dec"] = Num(d.throughput.last_decrease);
  m["decs"] = Num(d.throughput.decreases_today);
  m["created"] = Num(d.created);
  m["billing_changed"] = Num(d.billing_changed);
  m["protect"] = Value::Bool(d.deletion_protection);
  m["uuid"] = Value::S(d.uuid);
  m["class"] = Value::S(d.table_class);
  m["class_at"] = Num(d.table_class_changed);
  m["kms"] = Value::S(d.sse_kms_key);
  EncodeCapacityLimits(d.on_demand, d.warm, &m);
  std::string out;
  EncodeItem(m, &out);
  return out;
}

bool DecodeTableDef(std::string_view data, TableDef* d) {
  Item m;
  if (!DecodeItem(data, &m)) return false;
  d->id = static_cast<uint64_t>(GetInt(m, "id"));
  d->ns = GetString(m, "ns");
  d->name = GetString(m, "name");
  d->region = GetString(m, "region");
  DecodeKeySchema(m, d);
  if (auto it = m.find("indexes"); it != m.end()) {
    for (const auto& x : it->second.list) d->indexes.push_back(DecodeIndex(x.map));
  }
  d->ttl_attribute = GetString(m, "ttl");
  if (auto it = m.find("tags"); it != m.end()) {
    for (const auto& t : it->second.list) {
      if (t.list.size() == 2) d->tags.emplace_back(t.list[0].scalar, t.list[1].scalar);
    }
  }
  auto pitr = m.find("pitr");
  d->point_in_time_recovery = pitr != m.end() && pitr->second.boolean;
  d->pitr_enabled_at = GetDouble(m, "pitr_at");
  auto ttl_on = m.find("ttl_on");
  d->ttl_enabled = ttl_on != m.end() && ttl_on->second.boolean;
  if (auto it = m.find("stream"); it != m.end()) {
    const Item& s = it->second.map;
    auto e = s.find("enabled");
    d->stream.enabled = e != s.end() && e->second.boolean;
    d->stream.view = static_cast<StreamViewType>(GetInt(s, "view"));
    d->stream.id = static_cast<uint64_t>(GetInt(s, "id"));
    d->stream.label = GetString(s, "label");
    d->stream.created = GetDouble(s, "created");
    d->stream.disabled = GetDouble(s, "disabled");
  }
  if (auto it = m.find("attrs"); it != m.end()) {
    for (const auto& a : it->second.list) {
      AttributeDefinition def;
      DecodeAttr(a, &def.name, &def.type);
      d->attributes.push_back(std::move(def));
    }
  }
  d->billing = static_cast<BillingMode>(GetInt(m, "billing"));
  d->throughput.read_units = GetInt(m, "rcu");
  d->throughput.write_units = GetInt(m, "wcu");
  d->throughput.last_increase = GetDouble(m, "inc");
  d->throughput.last_decrease = GetDouble(m, "dec");
  d->throughput.decreases_today = GetInt(m, "decs");
  d->created = GetDouble(m, "created");
  d->billing_changed = GetDouble(m, "billing_changed");
  auto p = m.find("protect");
  d->deletion_protection = p != m.end() && p->second.boolean;
  d->uuid = GetString(m, "uuid");
  d->table_class = GetString(m, "class");
  d->table_class_changed = GetDouble(m, "class_at");
  d->sse_kms_key = GetString(m, "kms");
  DecodeCapacityLimits(m, &d->on_demand, &d->warm);
  return !d->name.empty() && d->id != 0;
}

}  // namespace ddb
