#include "ops/registry.h"

#include <algorithm>
#include <utility>

#include "protocol/partiql_json.h"

namespace ddb::ops {
namespace {

struct Entry {
  std::string_view name;
  Operation op;
};

constexpr Entry kOperations[] = {
    {"BatchExecuteStatement", {&BatchExecuteStatement, true, &protocol::MayWrite}},
    {"BatchGetItem", {&BatchGetItem, false}},
    {"BatchWriteItem", {&BatchWriteItem, true}},
    {"CreateTable", {&CreateTable, true}},
    {"DeleteItem", {&DeleteItem, true}},
    {"DeleteTable", {&DeleteTable, true}},
    {"DescribeContinuousBackups", {&DescribeContinuousBackups, false}},
    {"DescribeEndpoints", {&DescribeEndpoints, false}},
    {"DescribeLimits", {&DescribeLimits, false}},
    {"DescribeTable", {&DescribeTable, false}},
    {"DescribeTimeToLive", {&DescribeTimeToLive, false}},
    {"ExecuteStatement", {&ExecuteStatement, true, &protocol::MayWrite}},
    {"ExecuteTransaction", {&ExecuteTransaction, true, &protocol::MayWrite}},
    {"GetItem", {&GetItem, false}},
    {"ListTables", {&ListTables, false}},
    {"ListTagsOfResource", {&ListTagsOfResource, false}},
    {"PutItem", {&PutItem, true}},
    {"Query", {&Query, false}},
    {"Scan", {&Scan, false}},
    {"TagResource", {&TagResource, true}},
    {"TransactGetItems", {&TransactGetItems, false}},
    {"TransactWriteItems", {&TransactWriteItems, true}},
    {"UntagResource", {&UntagResource, true}},
    {"UpdateContinuousBackups", {&UpdateContinuousBackups, true}},
    {"UpdateItem", {&UpdateItem, true}},
    {"UpdateTable", {&UpdateTable, true}},
    {"UpdateTimeToLive", {&UpdateTimeToLive, true}},
};

constexpr Entry kStreamOperations[] = {
    {"DescribeStream", {&DescribeStream, false}},
    {"GetRecords", {&GetRecords, false}},
    {"GetShardIterator", {&GetShardIterator, false}},
    {"ListStreams", {&ListStreams, false}},
};

constexpr std::string_view kDynamoDbPrefix = "DynamoDB_20120810.";
constexpr std::string_view kStreamsPrefix = "DynamoDBStreams_20120810.";

template <size_t N>
Operation Lookup(const Entry (&table)[N], std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.op;
  }
  return {};
}

}  // namespace

Operation FindOperation(std::string_view target) {
  if (target.starts_with(kDynamoDbPrefix)) {
    return Lookup(kOperations, target.substr(kDynamoDbPrefix.size()));
  }
  if (target.starts_with(kStreamsPrefix)) {
    return Lookup(kStreamOperations, target.substr(kStreamsPrefix.size()));
  }
  return {};
}

}  // namespace ddb::ops
