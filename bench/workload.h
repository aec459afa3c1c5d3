// Request bodies for each benchmark workload, generated from a counter.
//
// Every request carries a body computed from a global counter k, so that no two requests in a
// run are the same bytes (within the key space loaded by --setup): a server cannot answer from a
// cache of recent bodies, and PutItem/UpdateItem really write a different item each time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ddb::bench {

struct Request {
  std::string op;    // DynamoDB operation name, e.g. "GetItem" (sent as X-Amz-Target).
  std::string body;  // DynamoDB JSON.
};

// Returns the k-th request, or nullopt when a bounded workload (the data load) is done.
using Workload = std::function<std::optional<Request>(uint64_t k)>;

// The data set that --setup loads and that get/query/update read.
struct DataSet {
  std::string table = "bench";
  uint64_t items = 100000;  // Total items loaded, query partitions included.
  uint64_t partitions = 10;
  static constexpr uint64_t kPartitionSize = 200;

  uint64_t query_items() const { return partitions * kPartitionSize; }
  // Single items g0 .. g<n-1> (sort key "s0") used by get and update.
  uint64_t point_items() const { return items > query_items() ? items - query_items() : 0; }
};

// Names accepted by --workload: put, get, query, update, static.
bool IsWorkloadName(const std::string& name);

// The workload called `name`. `tag` makes put's keys distinct across runs on one table.
Workload MakeWorkload(const std::string& name, const DataSet& data, uint64_t tag);

// The bounded workload that loads `data` (PutItem of every item, in order).
Workload MakeLoadWorkload(const DataSet& data);

// CreateTable body for the benchmark's hash+range table (pk S, sk S, on-demand).
std::string CreateTableBody(const std::string& table);

}  // namespace ddb::bench
