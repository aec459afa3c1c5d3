// ddb-loadgen: a closed-loop load generator for DynamoDB-JSON endpoints. See bench/README.md.
//
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --setup --connections 32
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --workload get --connections 32 --duration 10
//   ddb-loadgen --endpoint http://127.0.0.1:8500 --wait-ready 60
//
// Prints one JSON line per run on stdout (for scripts) and one human line on stderr.
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <chrono>
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
  double wait_ready = 0;
  DataSet data;
};

// Returns 0 to go on, otherwise the exit code (1 for bad usage, 0 after --help).
int ParseOptions(int argc, char** argv, Options* o) {
  po::options_description desc("ddb-loadgen: closed-loop DynamoDB load generator\n\nOptions");
  desc.add_options()("help,h", "print this help")("endpoint", po::value(&o->endpoint),
                                                  "server URL (default http://127.0.0.1:8000)")(
      "workload", po::value(&o->workload), "put | get | query | update | static")(
      "connections", po::value(&o->connections), "keep-alive connections (default 1)")(
      "threads", po::value(&o->threads), "client threads running the io_context (default 1)")(
      "duration", po::value(&o->duration), "measured seconds (default 10)")(
      "warmup", po::value(&o->warmup), "unmeasured seconds before (default 1)")(
      "table", po::value(&o->data.table), "table name (default bench)")(
      "setup", po::bool_switch(&o->setup), "create the table and load the data set first")(
      "items", po::value(&o->data.items), "items loaded by --setup (default 100000)")(
      "partitions", po::value(&o->data.partitions),
      "200-item partitions for query, part of --items (default 10)")(
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
  if (o.workload.empty() && !o.setup && o.wait_ready <= 0)
    return "nothing to do: give --workload, --setup or --wait-ready";
  if (o.connections < 1 || o.threads < 1) return "--connections and --threads must be >= 1";
  if (o.duration <= 0 || o.warmup < 0) return "--duration must be > 0 and --warmup >= 0";
  if (o.data.partitions < 1 || o.data.point_items() < 1)
    return "--items must exceed --partitions * 200";
  return "";
}

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// Emits the run's JSON line (stdout) and human line (stderr).
void Report(const std::string& name, int connections, const RunResult& r) {
  double ops_per_s = r.seconds > 0 ? static_cast<double>(r.ops) / r.seconds : 0;
  boost::json::object errors;
  for (const auto& [status, n] : r.errors_by_status) errors[std::to_string(status)] = n;
  boost::json::object line{{"workload", name},
                           {"connections", connections},
                           {"seconds", r.seconds},
                           {"ops", r.ops},
                           {"ops_per_s", ops_per_s},
                           {"p50_us", r.latency_us.Quantile(0.50)},
                           {"p99_us", r.latency_us.Quantile(0.99)},
                           {"max_us", r.latency_us.max()},
                           {"errors", r.errors},
                           {"warmup_errors", r.warmup_errors},
                           {"errors_by_status", errors},
                           {"first_error", r.first_error}};
  std::cout << boost::json::serialize(line) << std::endl;
  std::fprintf(stderr,
               "%-7s conns=%-3d %10.0f ops/s  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  "
               "errors %llu (warmup %llu)\n",
               name.c_str(), connections, ops_per_s, r.latency_us.Quantile(0.50) / 1000,
               r.latency_us.Quantile(0.99) / 1000, static_cast<double>(r.latency_us.max()) / 1000,
               static_cast<unsigned long long>(r.errors),
               static_cast<unsigned long long>(r.warmup_errors));
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

// CreateTable (an existing table is fine), then wait until DescribeTable says ACTIVE.
bool CreateTable(const Endpoint& ep, const std::string& table) {
  std::string reply;
  int status = CallOnce(ep, "CreateTable", CreateTableBody(table), &reply);
  if (status != 200 && reply.find("ResourceInUseException") == std::string::npos) {
    std::cerr << "ddb-loadgen: CreateTable failed: " << status << " " << reply << "\n";
    return false;
  }
  std::string describe = R"({"TableName":")" + table + R"("})";
  for (int i = 0; i < 600; ++i) {
    if (CallOnce(ep, "DescribeTable", describe, &reply) == 200) {
      auto doc = boost::json::parse(reply);
      if (doc.at("Table").at("TableStatus").as_string() == "ACTIVE") return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cerr << "ddb-loadgen: table " << table << " not ACTIVE: " << reply << "\n";
  return false;
}

// Creates the table and loads the data set over all connections; false on any error.
bool Setup(const Options& o, const RunOptions& base) {
  if (!CreateTable(base.endpoint, o.data.table)) return false;
  RunOptions load = base;
  load.warmup = load.duration = std::chrono::milliseconds(0);
  RunResult r = Run(load, MakeLoadWorkload(o.data));
  Report("load", load.connections, r);
  if (r.errors > 0 || r.ops != o.data.items) {
    std::cerr << "ddb-loadgen: load incomplete: " << r.ops << " of " << o.data.items
              << " items stored\n";
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
  if (o.setup && !Setup(o, run)) return 1;
  if (o.workload.empty()) return 0;
  run.warmup = Millis(o.warmup);
  run.duration = Millis(o.duration);
  // A fresh tag per invocation keeps put's keys distinct across runs against one table.
  uint64_t tag = std::random_device{}() % 1000000;
  RunResult r = Run(run, MakeWorkload(o.workload, o.data, tag));
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
