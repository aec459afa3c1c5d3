// The HTTP side of the load generator: keep-alive connections driven by one io_context.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "histogram.h"
#include "workload.h"

namespace ddb::bench {

struct Endpoint {
  std::string host = "127.0.0.1";
  std::string port = "8000";
};

// Accepts "http://host:port", "host:port" or "host" (port 80).
bool ParseEndpoint(const std::string& text, Endpoint* out, std::string* error);

struct RunOptions {
  Endpoint endpoint;
  int connections = 1;
  int threads = 1;  // Threads running the io_context.
  std::chrono::milliseconds warmup{0};
  std::chrono::milliseconds duration{0};  // 0: until the workload is exhausted.
  // Initial capacity of each connection's read buffer. Beast reads at most max(512, free
  // capacity) bytes per read_some, and the body parser empties the buffer, so with 0 a response
  // is read 512 bytes (and one timer reset) at a time: fine for the small answers of most
  // workloads, a client-side bottleneck for get-records' ~55 KB ones.
  size_t read_buffer = 0;
};

struct RunResult {
  Histogram latency_us;  // Successful (2xx) requests in the measured window only.
  uint64_t ops = 0;      // Successful requests completed in the measured window.
  uint64_t items = 0;    // Items they wrote or stream records they read (Verdict::items).
  uint64_t errors = 0;   // Non-2xx answers, rejected 2xx answers (Session::Judge) and transport
                         // failures in the measured window.
  uint64_t warmup_errors = 0;
  std::map<int, uint64_t> errors_by_status;  // 0 = transport failure (connect, reset, timeout).
  std::string first_error;                   // Status and body of the first error, for diagnosis.
  double seconds = 0;                        // Length of the measured window.
};

// Runs `workload` over opts.connections connections: first opts.warmup (not measured), then
// opts.duration (measured), or until the workload returns nullopt when duration is 0.
RunResult Run(const RunOptions& opts, const Workload& workload);

// One blocking request on a fresh connection; returns the HTTP status (0 if none) and the body.
int CallOnce(const Endpoint& ep, const std::string& op, const std::string& body,
             std::string* reply);
int CallOnce(const Endpoint& ep, const Request& request, std::string* reply);

}  // namespace ddb::bench
