#include "partiql/columns.h"

#include <algorithm>

#include "expr/paths.h"

namespace ddb::partiql {

std::string ColumnName(const expr::Path& path) {
  size_t last = 0;  // The last name; the indexes after it stay in the name.
  for (size_t i = 0; i < path.elements.size(); ++i) {
    if (!path.elements[i].is_index()) last = i;
  }
  std::string name = path.elements[last].name;
  for (size_t i = last + 1; i < path.elements.size(); ++i) {
    name += "[" + std::to_string(path.elements[i].index) + "]";
  }
  return name;
}

bool HasNestedPaths(const std::vector<expr::Path>& paths) {
  return std::any_of(paths.begin(), paths.end(),
                     [](const expr::Path& p) { return p.elements.size() > 1; });
}

std::vector<expr::Path> TopLevelOf(const std::vector<expr::Path>& paths) {
  std::vector<expr::Path> out;
  for (const expr::Path& path : paths) {
    expr::Path top;
    top.elements.push_back(path.elements.front());
    if (std::find(out.begin(), out.end(), top) == out.end()) out.push_back(std::move(top));
  }
  return out;
}

Item SelectColumns(const Item& item, const std::vector<expr::Path>& paths) {
  Item out;
  for (const expr::Path& path : paths) {
    if (const Value* v = expr::ResolvePath(item, path)) out.insert_or_assign(ColumnName(path), *v);
  }
  return out;
}

Item Selected(const Statement& s, const Item& whole) {
  if (s.select_all) return whole;
  if (HasNestedPaths(s.projection)) return SelectColumns(whole, s.projection);
  return expr::Project(whole, s.projection);
}

}  // namespace ddb::partiql
