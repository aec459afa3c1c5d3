// Persisted table definitions are items (item/codec.h) with these attributes:
//   id N, ns S, name S, region S, hash M{name S, type N}, range M?, attrs L[M{name, type}],
//   billing N, rcu N, wcu N, inc N, dec N, decs N, created N, billing_changed N, protect BOOL.
// New attributes may be added; readers ignore unknown ones and default missing ones.
#include "catalog/table_def.h"

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

}  // namespace

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
  m["hash"] = EncodeAttr(d.hash.name, d.hash.type);
  if (d.range) m["range"] = EncodeAttr(d.range->name, d.range->type);
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
  if (auto it = m.find("hash"); it != m.end()) DecodeAttr(it->second, &d->hash.name, &d->hash.type);
  if (auto it = m.find("range"); it != m.end()) {
    d->range.emplace();
    DecodeAttr(it->second, &d->range->name, &d->range->type);
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
  return !d->name.empty() && d->id != 0;
}

}  // namespace ddb
