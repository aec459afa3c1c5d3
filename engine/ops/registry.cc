#include "ops/registry.h"

#include <algorithm>
#include <utility>

namespace ddb::ops {
namespace {

constexpr std::pair<std::string_view, Handler> kOperations[] = {
    {"CreateTable", &CreateTable},
    {"DeleteItem", &DeleteItem},
    {"DeleteTable", &DeleteTable},
    {"DescribeLimits", &DescribeLimits},
    {"DescribeTable", &DescribeTable},
    {"GetItem", &GetItem},
    {"ListTables", &ListTables},
    {"PutItem", &PutItem},
    {"Query", &Query},
    {"Scan", &Scan},
    {"UpdateItem", &UpdateItem},
    {"UpdateTable", &UpdateTable},
};

}  // namespace

Handler FindOperation(std::string_view operation) {
  for (const auto& [name, handler] : kOperations) {
    if (name == operation) return handler;
  }
  return nullptr;
}

}  // namespace ddb::ops
