#include "ops/registry.h"

#include <algorithm>
#include <utility>

namespace ddb::ops {
namespace {

struct Entry {
  std::string_view name;
  Operation op;
};

constexpr Entry kOperations[] = {
    {"BatchGetItem", {&BatchGetItem, false}},
    {"BatchWriteItem", {&BatchWriteItem, true}},
    {"CreateTable", {&CreateTable, true}},
    {"DeleteItem", {&DeleteItem, true}},
    {"DeleteTable", {&DeleteTable, true}},
    {"DescribeLimits", {&DescribeLimits, false}},
    {"DescribeTable", {&DescribeTable, false}},
    {"GetItem", {&GetItem, false}},
    {"ListTables", {&ListTables, false}},
    {"PutItem", {&PutItem, true}},
    {"Query", {&Query, false}},
    {"Scan", {&Scan, false}},
    {"TransactGetItems", {&TransactGetItems, false}},
    {"TransactWriteItems", {&TransactWriteItems, true}},
    {"UpdateItem", {&UpdateItem, true}},
    {"UpdateTable", {&UpdateTable, true}},
};

}  // namespace

Operation FindOperation(std::string_view name) {
  for (const auto& entry : kOperations) {
    if (entry.name == name) return entry.op;
  }
  return {};
}

}  // namespace ddb::ops
