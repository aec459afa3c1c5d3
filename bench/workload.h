// Request bodies for each benchmark workload, generated from a counter.
//
// Every request carries a body computed from a global counter k, so that no two requests in a
// run are the same bytes (within the key space loaded by --setup): a server cannot answer from a
// cache of recent bodies, and PutItem/UpdateItem really write a different item each time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ddb::bench {

struct Request {
  std::string op;        // Operation name, e.g. "GetItem" (sent in X-Amz-Target).
  std::string body;      // DynamoDB JSON.
  bool streams = false;  // DynamoDB Streams API: DynamoDBStreams_20120810.<op>.
  // False for bookkeeping (a fresh shard iterator): never throughput nor a latency sample, but a
  // failure is still counted as an error.
  bool counted = true;
};

// What a 2xx answer amounts to.
struct Verdict {
  bool ok = true;      // False: counted as an error (e.g. UnprocessedItems), never as throughput.
  uint64_t items = 0;  // Items written or stream records read, for items/s.
  std::string error;   // Why not ok.
};

// One connection's source of requests. Most workloads are a pure function of the global counter
// k; get-records also keeps its shard iterator between requests, hence one Session per
// connection. A connection sends Next(k), then hands the answer to Judge (2xx) or Failed.
class Session {
 public:
  virtual ~Session() = default;
  // The k-th request of the run, or nullopt when a bounded workload (the data load) is done.
  virtual std::optional<Request> Next(uint64_t k) = 0;
  virtual Verdict Judge(const std::string& body) = 0;
  // The last request got a non-2xx answer or none at all.
  virtual void Failed() {}
};

// Makes one Session per connection (called before the run starts, from one thread).
using Workload = std::function<std::unique_ptr<Session>()>;

using RequestFn = std::function<std::optional<Request>(uint64_t k)>;
using JudgeFn = std::function<Verdict(const std::string& body)>;
// A stateless workload: each 2xx answer is one op of `items` items, unless `judge` says otherwise.
Workload Stateless(RequestFn next, uint64_t items = 1, JudgeFn judge = nullptr);

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

// The Cruddur-style data set that --setup-messages loads (workload_messages.cc): a table with
// the message-group-sk-index GSI and a NEW_IMAGE stream, read by gsi-query and get-records and
// written by transact-write.
struct MessageSet {
  std::string table = "bench_messages";
  uint64_t items = 20000;  // Total items loaded (= stream records), index partitions included.
  uint64_t groups = 10;    // Index partitions of kGroupSize group items each, for gsi-query.
  static constexpr uint64_t kGroupSize = 200;
  static constexpr const char* kIndex = "message-group-sk-index";

  uint64_t group_items() const { return groups * kGroupSize; }
};

// A table's stream and its shards, found by the load generator before a get-records run.
struct StreamShards {
  std::string arn;
  std::vector<std::string> shards;
};

// What a workload needs; `tag` makes written keys distinct across runs on one table.
struct WorkloadConfig {
  DataSet data;
  MessageSet messages;
  uint64_t tag = 0;
  StreamShards stream;  // get-records only.
};

// Names accepted by --workload: put, get, query, update, static, batch-write (workload.cc),
// gsi-query, transact-write, get-records (workload_messages.cc).
bool IsWorkloadName(const std::string& name);
bool IsMessagesWorkload(const std::string& name);

// The workload called `name`.
Workload MakeWorkload(const std::string& name, const WorkloadConfig& config);
Workload MakeMessagesWorkload(const std::string& name, const WorkloadConfig& config);

// The bounded workloads that load `data` / `messages` (PutItem of every item, in order).
Workload MakeLoadWorkload(const DataSet& data);
Workload MakeMessagesLoadWorkload(const MessageSet& messages);

// CreateTable body for the benchmark's hash+range table (pk S, sk S, on-demand).
std::string CreateTableBody(const std::string& table);
// The same, plus the GSI message-group-sk-index and a NEW_IMAGE stream (cruddur-messages).
std::string CreateMessagesTableBody(const MessageSet& messages);

}  // namespace ddb::bench
