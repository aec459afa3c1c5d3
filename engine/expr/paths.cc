#include "expr/paths.h"

#include <map>

namespace ddb::expr {
namespace {

const Value* Step(const Value& v, const PathElement& e) {
  if (e.is_index()) {
    if (v.type != Type::kL || e.index >= static_cast<int64_t>(v.list.size())) return nullptr;
    return &v.list[static_cast<size_t>(e.index)];
  }
  if (v.type != Type::kM) return nullptr;
  auto it = v.map.find(e.name);
  return it == v.map.end() ? nullptr : &it->second;
}

Value* MutableStep(Value& v, const PathElement& e) { return const_cast<Value*>(Step(v, e)); }

ApiError InvalidForUpdate() {
  return ApiError::Validation(
      "The document path provided in the update expression is invalid for update");
}

// A tree of projected paths: `whole` takes the entire value below this node.
struct ProjectionNode {
  bool whole = false;
  std::map<std::string, ProjectionNode, std::less<>> fields;
  std::map<int64_t, ProjectionNode> indexes;
};

bool ProjectValue(const Value& v, const ProjectionNode& node, Value* out) {
  if (node.whole) {
    *out = v;
    return true;
  }
  if (v.type == Type::kM && !node.fields.empty()) {
    Map m;
    for (const auto& [name, child] : node.fields) {
      auto it = v.map.find(name);
      Value projected;
      if (it != v.map.end() && ProjectValue(it->second, child, &projected)) {
        m.emplace(name, std::move(projected));
      }
    }
    if (m.empty()) return false;
    *out = Value::OfMap(std::move(m));
    return true;
  }
  if (v.type == Type::kL && !node.indexes.empty()) {
    List l;
    for (const auto& [index, child] : node.indexes) {
      Value projected;
      if (index < static_cast<int64_t>(v.list.size()) &&
          ProjectValue(v.list[static_cast<size_t>(index)], child, &projected)) {
        l.push_back(std::move(projected));
      }
    }
    if (l.empty()) return false;
    *out = Value::OfList(std::move(l));
    return true;
  }
  return false;
}

}  // namespace

const Value* ResolvePath(const Item& item, const Path& path) {
  const auto& first = path.elements.front();
  auto it = item.find(first.name);
  if (it == item.end()) return nullptr;
  const Value* v = &it->second;
  for (size_t i = 1; i < path.elements.size() && v != nullptr; ++i) v = Step(*v, path.elements[i]);
  return v;
}

Status SetPath(Item& item, const Path& path, Value value) {
  const auto& els = path.elements;
  if (els.size() == 1) {
    item.insert_or_assign(els[0].name, std::move(value));
    return Status::OK();
  }
  auto it = item.find(els[0].name);
  if (it == item.end()) return InvalidForUpdate();
  Value* v = &it->second;
  for (size_t i = 1; i + 1 < els.size(); ++i) {
    v = MutableStep(*v, els[i]);
    if (v == nullptr) return InvalidForUpdate();
  }
  const auto& last = els.back();
  if (last.is_index()) {
    if (v->type != Type::kL) return InvalidForUpdate();
    if (last.index >= static_cast<int64_t>(v->list.size())) {
      v->list.push_back(std::move(value));
    } else {
      v->list[static_cast<size_t>(last.index)] = std::move(value);
    }
  } else {
    if (v->type != Type::kM) return InvalidForUpdate();
    v->map.insert_or_assign(last.name, std::move(value));
  }
  return Status::OK();
}

void RemovePath(Item& item, const Path& path) {
  const auto& els = path.elements;
  if (els.size() == 1) {
    item.erase(els[0].name);
    return;
  }
  auto it = item.find(els[0].name);
  if (it == item.end()) return;
  Value* v = &it->second;
  for (size_t i = 1; i + 1 < els.size() && v != nullptr; ++i) v = MutableStep(*v, els[i]);
  if (v == nullptr) return;
  const auto& last = els.back();
  if (last.is_index() && v->type == Type::kL) {
    if (last.index < static_cast<int64_t>(v->list.size()))
      v->list.erase(v->list.begin() + last.index);
  } else if (!last.is_index() && v->type == Type::kM) {
    v->map.erase(last.name);
  }
}

Item Project(const Item& item, const std::vector<Path>& paths) {
  std::map<std::string, ProjectionNode, std::less<>> roots;
  for (const auto& p : paths) {
    ProjectionNode* node = &roots[p.elements[0].name];
    for (size_t i = 1; i < p.elements.size(); ++i) {
      const auto& e = p.elements[i];
      node = e.is_index() ? &node->indexes[e.index] : &node->fields[e.name];
    }
    node->whole = true;
  }
  Item out;
  for (const auto& [name, node] : roots) {
    auto it = item.find(name);
    Value projected;
    if (it != item.end() && ProjectValue(it->second, node, &projected)) {
      out.emplace(name, std::move(projected));
    }
  }
  return out;
}

}  // namespace ddb::expr
