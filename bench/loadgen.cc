// ddb-loadgen: a closed-loop load generator for DynamoDB-JSON endpoints. See bench/README.md.
//
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --setup --connections 32
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --workload get --connections 32 --duration 10
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --setup-messages --connections 32
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --workload get-records --connections 32
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --wait-ready 60
//
// Prints one JSON line per run on stdout (for scripts) and one human line on stderr.
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "client.h"
#include "workload.h"

namespace ddb::bench {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string endpoint = "http://127.0.0.1:8000";
  std::string workload;
  int connections = 1;
  int threads = 1;
  double duration = 10;
  double warmup = 1;
  bool setup = false;
  bool setup_messages = false;
  double wait_ready = 0;
  DataSet data;
  MessageSet messages;
};

// Returns 0 to go on, otherwise the exit code (1 for bad usage, 0 after --help).
int ParseOptions(int argc, char** argv, Options* o) {
  po::options_description desc("ddb-loadgen: closed-loop DynamoDB load generator\n\nOptions");
  desc.add_options()("help,h", "print this help")("endpoint", po::value(&o->endpoint),
                                                  "server URL (default http://127.0.0.1:8000)")(
      "workload", po::value(&o->workload),
      "put | get | query | update | batch-write | static (table --table); gsi-query | "
      "transact-write | get-records (table --messages-table)")(
      "connections", po::value(&o->connections), "keep-alive connections (default 1)")(
      "threads", po::value(&o->threads), "client threads running the io_context (default 1)")(
      "duration", po::value(&o->duration), "measured seconds (default 10)")(
      "warmup", po::value(&o->warmup), "unmeasured seconds before (default 1)")(
      "table", po::value(&o->data.table), "table name (default bench)")(
      "setup", po::bool_switch(&o->setup), "create the table and load the data set first")(
      "items", po::value(&o->data.items), "items loaded by --setup (default 100000)")(
      "partitions", po::value(&o->data.partitions),
      "200-item partitions for query, part of --items (default 10)")(
      "setup-messages", po::bool_switch(&o->setup_messages),
      "create the messages table (GSI, stream) and load its data set first")(
      "messages-table", po::value(&o->messages.table),
      "messages table name (default bench_messages)")(
      "messages-items", po::value(&o->messages.items),
      "items loaded by --setup-messages, 2000 index items included (default 20000)")(
      "wait-ready", po::value(&o->wait_ready),
      "only poll ListTables until it succeeds, at most this many seconds; print the wait");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return -1;
    }
  } catch (const po::error& e) {
    std::cerr << "ddb-loadgen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

std::string Validate(const Options& o) {
  if (!o.workload.empty() && !IsWorkloadName(o.workload)) return "unknown --workload " + o.workload;
  if (o.workload.empty() && !o.setup && !o.setup_messages && o.wait_ready <= 0)
    return "nothing to do: give --workload, --setup, --setup-messages or --wait-ready";
  if (o.connections < 1 || o.threads < 1) return "--connections and --threads must be >= 1";
  if (o.duration <= 0 || o.warmup < 0) return "--duration must be > 0 and --warmup >= 0";
  if (o.data.partitions < 1 || o.data.point_items() < 1)
    return "--items must exceed --partitions * 200";
  if (o.messages.items < o.messages.group_items())
    return "--messages-items must be at least " + std::to_string(o.messages.group_items());
  return "";
}

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// Emits the run's JSON line (stdout) and human line (stderr).
void Report(const std::string& name, int connections, const RunResult& r) {
  double ops_per_s = r.seconds > 0 ? static_cast<double>(r.ops) / r.seconds : 0;
  double items_per_s = r.seconds > 0 ? static_cast<double>(r.items) / r.seconds : 0;
  boost::json::object errors;
  for (const auto& [status, n] : r.errors_by_status) errors[std::to_string(status)] = n;
  boost::json::object line{{"workload", name},
                           {"connections", connections},
                           {"seconds", r.seconds},
                           {"ops", r.ops},
                           {"ops_per_s", ops_per_s},
                           {"items", r.items},
                           {"items_per_s", items_per_s},
                           {"p50_us", r.latency_us.Quantile(0.50)},
                           {"p99_us", r.latency_us.Quantile(0.99)},
                           {"max_us", r.latency_us.max()},
                           {"errors", r.errors},
                           {"warmup_errors", r.warmup_errors},
                           {"errors_by_status", errors},
                           {"first_error", r.first_error}};
  std::cout << boost::json::serialize(line) << std::endl;
  std::string items =
      r.items != r.ops ? " (" + std::to_string(std::lround(items_per_s)) + " items/s)" : "";
  std::fprintf(
      stderr,
      "%-14s conns=%-3d %10.0f ops/s%s  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  "
      "errors %llu (warmup %llu)\n",
      name.c_str(), connections, ops_per_s, items.c_str(), r.latency_us.Quantile(0.50) / 1000,
      r.latency_us.Quantile(0.99) / 1000, static_cast<double>(r.latency_us.max()) / 1000,
      static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(r.warmup_errors));
  if (!r.first_error.empty()) std::fprintf(stderr, "  first error: %s\n", r.first_error.c_str());
}

// Polls ListTables until it answers 2xx; prints the wait in ms. Connection refusals come back at
// once, so a 2 ms pause keeps the measurement fine-grained without spinning a core.
int WaitReady(const Endpoint& ep, double timeout_s) {
  auto start = Clock::now();
  auto deadline = start + Millis(timeout_s);
  std::string reply;
  while (Clock::now() < deadline) {
    if (CallOnce(ep, "ListTables", "{}", &reply) / 100 == 2) {
      auto ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      std::cout << boost::json::serialize(boost::json::object{{"ready_ms", ms}}) << std::endl;
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::cerr << "ddb-loadgen: no successful ListTables within " << timeout_s << " s: " << reply
            << "\n";
  return 1;
}

// True if DescribeTable's answer shows the table and all its GSIs ACTIVE.
bool Active(const std::string& reply) {
  auto doc = boost::json::parse(reply);
  const auto& table = doc.at("Table").as_object();
  if (table.at("TableStatus").as_string() != "ACTIVE") return false;
  if (const auto* indexes = table.if_contains("GlobalSecondaryIndexes")) {
    for (const auto& index : indexes->as_array()) {
      if (index.at("IndexStatus").as_string() != "ACTIVE") return false;
    }
  }
  return true;
}

// CreateTable (an existing table is fine), then wait until DescribeTable says ACTIVE.
bool CreateTable(const Endpoint& ep, const std::string& table, const std::string& body) {
  std::string reply;
  int status = CallOnce(ep, "CreateTable", body, &reply);
  if (status != 200 && reply.find("ResourceInUseException") == std::string::npos) {
    std::cerr << "ddb-loadgen: CreateTable failed: " << status << " " << reply << "\n";
    return false;
  }
  std::string describe = R"({"TableName":")" + table + R"("})";
  for (int i = 0; i < 600; ++i) {
    if (CallOnce(ep, "DescribeTable", describe, &reply) == 200 && Active(reply)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cerr << "ddb-loadgen: table " << table << " not ACTIVE: " << reply << "\n";
  return false;
}

// Creates a table and loads a data set over all connections; false on any error.
bool Setup(const RunOptions& base, const std::string& table, const std::string& create_body,
           const Workload& load_workload, uint64_t items, const std::string& name) {
  if (!CreateTable(base.endpoint, table, create_body)) return false;
  RunOptions load = base;
  load.warmup = load.duration = std::chrono::milliseconds(0);
  RunResult r = Run(load, load_workload);
  Report(name, load.connections, r);
  if (r.errors > 0 || r.ops != items) {
    std::cerr << "ddb-loadgen: " << name << " incomplete: " << r.ops << " of " << items
              << " items stored\n";
    return false;
  }
  return true;
}

// The stream of `table` and its shards (DescribeTable, then DescribeStream page by page).
bool FindStream(const Endpoint& ep, const std::string& table, StreamShards* out) {
  std::string reply;
  if (CallOnce(ep, "DescribeTable", R"({"TableName":")" + table + R"("})", &reply) != 200) {
    std::cerr << "ddb-loadgen: DescribeTable " << table << " failed: " << reply << "\n";
    return false;
  }
  auto table_doc = boost::json::parse(reply);
  const auto* arn = table_doc.at("Table").as_object().if_contains("LatestStreamArn");
  if (!arn) {
    std::cerr << "ddb-loadgen: table " << table << " has no stream (run --setup-messages)\n";
    return false;
  }
  out->arn = arn->as_string();
  std::string start;
  do {
    std::string body = R"({"StreamArn":)" + boost::json::serialize(boost::json::string(out->arn));
    if (!start.empty()) body += R"(,"ExclusiveStartShardId":")" + start + R"(")";
    body += "}";
    if (CallOnce(ep, Request{"DescribeStream", body, true}, &reply) != 200) {
      std::cerr << "ddb-loadgen: DescribeStream failed: " << reply << "\n";
      return false;
    }
    auto doc = boost::json::parse(reply);
    const auto& description = doc.at("StreamDescription").as_object();
    for (const auto& shard : description.at("Shards").as_array()) {
      out->shards.emplace_back(shard.at("ShardId").as_string());
    }
    const auto* last = description.if_contains("LastEvaluatedShardId");
    start = last ? std::string(last->as_string()) : "";
  } while (!start.empty());
  if (out->shards.empty()) {
    std::cerr << "ddb-loadgen: the stream of " << table << " has no shards\n";
    return false;
  }
  return true;
}

int Main(int argc, char** argv) {
  Options o;
  if (int rc = ParseOptions(argc, argv, &o); rc != 0) return rc < 0 ? 0 : rc;
  if (auto err = Validate(o); !err.empty()) {
    std::cerr << "ddb-loadgen: " << err << "\n";
    return 1;
  }
  RunOptions run;
  std::string err;
  if (!ParseEndpoint(o.endpoint, &run.endpoint, &err)) {
    std::cerr << "ddb-loadgen: " << err << "\n";
    return 1;
  }
  if (o.wait_ready > 0) return WaitReady(run.endpoint, o.wait_ready);
  run.connections = o.connections;
  run.threads = o.threads;
  if (o.setup && !Setup(run, o.data.table, CreateTableBody(o.data.table), MakeLoadWorkload(o.data),
                        o.data.items, "load")) {
    return 1;
  }
  if (o.setup_messages &&
      !Setup(run, o.messages.table, CreateMessagesTableBody(o.messages),
             MakeMessagesLoadWorkload(o.messages), o.messages.items, "load-messages")) {
    return 1;
  }
  if (o.workload.empty()) return 0;
  run.warmup = Millis(o.warmup);
  run.duration = Millis(o.duration);
  WorkloadConfig config;
  config.data = o.data;
  config.messages = o.messages;
  // A fresh tag per invocation keeps written keys distinct across runs against one table.
  config.tag = std::random_device{}() % 1000000;
  if (o.workload == "get-records") {
    if (!FindStream(run.endpoint, o.messages.table, &config.stream)) return 1;
  }
  // Room for a whole answer per read (a 100-record GetRecords page is ~55 KB): reading 512 bytes
  // at a time costs the client CPU that the server under test then lacks.
  run.read_buffer = size_t{64} * 1024;
  RunResult r = Run(run, MakeWorkload(o.workload, config));
  Report(o.workload, o.connections, r);
  return 0;
}

}  // namespace
}  // namespace ddb::bench

int main(int argc, char** argv) {
  try {
    return ddb::bench::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ddb-loadgen: " << e.what() << "\n";
    return 1;
  }
}
