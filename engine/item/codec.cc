#include "item/codec.h"

#include <cstdint>

namespace ddb {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

void PutValue(const Value& v, std::string* out);

void PutMap(const Map& m, std::string* out) {
  PutVarint(m.size(), out);
  for (const auto& [name, value] : m) {
    PutString(name, out);
    PutValue(value, out);
  }
}

void PutValue(const Value& v, std::string* out) {
  out->push_back(static_cast<char>(v.type));
  switch (v.type) {
    case Type::kS:
    case Type::kN:
    case Type::kB:
      PutString(v.scalar, out);
      break;
    case Type::kBool:
      out->push_back(v.boolean ? 1 : 0);
      break;
    case Type::kNull:
      break;
    case Type::kM:
      PutMap(v.map, out);
      break;
    case Type::kL:
      PutVarint(v.list.size(), out);
      for (const auto& e : v.list) PutValue(e, out);
      break;
    case Type::kSS:
    case Type::kNS:
    case Type::kBS:
      PutVarint(v.set.size(), out);
      for (const auto& m : v.set) PutString(m, out);
      break;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view d) : d_(d) {}

  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64 && !d_.empty(); shift += 7) {
      auto b = static_cast<uint8_t>(d_[0]);
      d_.remove_prefix(1);
      *v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool View(std::string_view* s) {
    uint64_t n;
    if (!Varint(&n) || n > d_.size()) return false;
    *s = d_.substr(0, n);
    d_.remove_prefix(n);
    return true;
  }
  bool String(std::string* s) {
    std::string_view v;
    if (!View(&v)) return false;
    s->assign(v);
    return true;
  }
  bool ReadMap(ddb::Map* m, int depth) {
    uint64_t n;
    if (!Varint(&n) || n > d_.size()) return false;
    for (uint64_t i = 0; i < n; ++i) {
      std::string name;
      ddb::Value v;
      if (!String(&name) || !ReadValue(&v, depth + 1)) return false;
      m->emplace(std::move(name), std::move(v));
    }
    return true;
  }
  bool ReadValue(ddb::Value* v, int depth) {
    if (d_.empty() || depth > 64) return false;
    auto tag = static_cast<uint8_t>(d_[0]);
    d_.remove_prefix(1);
    if (tag < 1 || tag > 10) return false;
    v->type = static_cast<Type>(tag);
    uint64_t n;
    switch (v->type) {
      case Type::kS:
      case Type::kN:
      case Type::kB:
        return String(&v->scalar);
      case Type::kBool:
        if (d_.empty()) return false;
        v->boolean = d_[0] != 0;
        d_.remove_prefix(1);
        return true;
      case Type::kNull:
        return true;
      case Type::kM:
        return ReadMap(&v->map, depth);
      case Type::kL:
        if (!Varint(&n) || n > d_.size()) return false;
        v->list.resize(n);
        for (auto& e : v->list) {
          if (!ReadValue(&e, depth + 1)) return false;
        }
        return true;
      case Type::kSS:
      case Type::kNS:
      case Type::kBS:
        if (!Varint(&n) || n > d_.size()) return false;
        v->set.resize(n);
        for (auto& m : v->set) {
          if (!String(&m)) return false;
        }
        return true;
    }
    return false;
  }
  bool WalkMap(ItemVisitor* v, int depth) {
    uint64_t n;
    return Varint(&n) && n <= d_.size() && WalkMembers(n, v, depth);
  }
  bool WalkMembers(uint64_t n, ItemVisitor* v, int depth) {
    for (uint64_t i = 0; i < n; ++i) {
      std::string_view name;
      if (!View(&name)) return false;
      v->Name(name);
      if (!WalkValue(v, depth + 1)) return false;
    }
    return true;
  }
  bool WalkValue(ItemVisitor* v, int depth) {
    if (d_.empty() || depth > 64) return false;
    auto tag = static_cast<uint8_t>(d_[0]);
    d_.remove_prefix(1);
    if (tag < 1 || tag > 10) return false;
    const auto type = static_cast<Type>(tag);
    std::string_view s;
    switch (type) {
      case Type::kS:
      case Type::kN:
      case Type::kB:
        if (!View(&s)) return false;
        v->Scalar(type, s);
        return true;
      case Type::kBool:
        if (d_.empty()) return false;
        v->Bool(d_[0] != 0);
        d_.remove_prefix(1);
        return true;
      case Type::kNull:
        v->Null();
        return true;
      case Type::kM:
      case Type::kL:
      case Type::kSS:
      case Type::kNS:
      case Type::kBS:
        return WalkContainer(type, v, depth);
    }
    return false;
  }
  bool done() const { return d_.empty(); }
  std::string_view rest() const { return d_; }

 private:
  bool WalkContainer(Type type, ItemVisitor* v, int depth) {
    uint64_t n;
    if (!Varint(&n) || n > d_.size()) return false;
    v->Begin(type, n);
    if (type == Type::kM) {
      if (!WalkMembers(n, v, depth)) return false;
    } else {
      for (uint64_t i = 0; i < n; ++i) {
        std::string_view m;
        if (type == Type::kL ? !WalkValue(v, depth + 1) : !View(&m)) return false;
        if (type != Type::kL) v->SetMember(m);
      }
    }
    v->End(type);
    return true;
  }

  std::string_view d_;
};

// Adds up ItemSize's formula (value.cc) over the walk: names, payloads, and for each list or
// map 3 bytes plus one per element.
class SizeVisitor final : public ItemVisitor {
 public:
  size_t total() const { return total_; }

  void Name(std::string_view name) override { total_ += name.size(); }
  void Scalar(Type type, std::string_view payload) override {
    Element();
    total_ += type == Type::kN ? NumberSize(payload) : payload.size();
  }
  void Bool(bool) override { Element(), total_ += 1; }
  void Null() override { Element(), total_ += 1; }
  void Begin(Type type, size_t) override {
    Element();
    set_type_ = type;
    if (type == Type::kM || type == Type::kL) total_ += 3;
    ++depth_;
  }
  void SetMember(std::string_view m) override {
    total_ += set_type_ == Type::kNS ? NumberSize(m) : m.size();
  }
  void End(Type) override { --depth_; }

 private:
  // Each element of a list or map costs one byte; attributes of the item itself do not.
  void Element() {
    if (depth_ > 0) ++total_;
  }

  size_t total_ = 0;
  int depth_ = 0;
  Type set_type_ = Type::kSS;
};

}  // namespace

void EncodeItem(const Item& item, std::string* out) { PutMap(item, out); }

bool DecodeItem(std::string_view data, Item* item) {
  item->clear();
  Reader r(data);
  return r.ReadMap(item, 0) && r.done();
}

bool WalkItem(std::string_view data, ItemVisitor* visitor) {
  Reader r(data);
  return r.WalkMap(visitor, 0) && r.done();
}

namespace {

class SkipVisitor final : public ItemVisitor {
 public:
  void Name(std::string_view) override {}
  void Scalar(Type, std::string_view) override {}
  void Bool(bool) override {}
  void Null() override {}
  void Begin(Type, size_t) override {}
  void SetMember(std::string_view) override {}
  void End(Type) override {}
};

}  // namespace

bool SplitItem(std::string_view data,
               std::vector<std::pair<std::string_view, std::string_view>>* members) {
  members->clear();
  Reader r(data);
  uint64_t n;
  if (!r.Varint(&n) || n > data.size()) return false;
  SkipVisitor skip;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view name;
    if (!r.View(&name)) return false;
    const std::string_view start = r.rest();
    if (!r.WalkValue(&skip, 1)) return false;
    members->emplace_back(name, start.substr(0, start.size() - r.rest().size()));
  }
  return r.done();
}

bool DecodeValue(std::string_view data, Value* value) {
  Reader r(data);
  return r.ReadValue(value, 1) && r.done();
}

size_t EncodedItemSize(std::string_view data) {
  SizeVisitor size;
  return WalkItem(data, &size) ? size.total() : 0;
}

}  // namespace ddb
