// HttpServer: HTTP/1.1 with keep-alive on Boost.Beast, serving one Handler (handler.h).
//
// By default one I/O thread per core. Each I/O thread runs its own io_context; accepted
// connections are dealt to them in turn and stay on that thread, so a connection needs no
// strand and the threads share no scheduler lock. Requests the handler answers at once run on
// the connection's thread. Requests that block (Handler::Blocks: writes waiting for the WAL sync,
// calls to other servers) run on a separate, larger pool of worker threads (concurrent syncing
// writers then share one fsync) and their replies are posted back to the connection's thread: a
// burst of writes never stalls the reads. Requests have a size limit and slow or half-sent
// requests a deadline, after which the connection is closed. Connections are capped: beyond the
// cap the longest-idle connection is closed, or the new one refused if none is idle. Failed
// accepts (out of descriptors) are retried with a back-off, never given up.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "http/handler.h"

namespace ddb::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8000;
  int threads = 0;          // I/O threads; 0 = one per core.
  int worker_threads = 32;  // Threads for requests that block (Handler::Blocks).
  // Larger bodies get Handler::TooLarge(). DynamoDB accepts up to 16 MB (a full BatchWriteItem).
  size_t max_body_bytes = 16 * 1024 * 1024 + 64 * 1024;
  bool access_log = false;  // One line per request on stdout: time, method, path, status, ms.
  // A request (and a reply) must be sent whole within this, from its first byte.
  std::chrono::milliseconds request_timeout = std::chrono::seconds(30);
  // A keep-alive connection waiting for its next request is closed after this.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(300);
  // Open connections at most; 0 = three quarters of the process's descriptor limit.
  size_t max_connections = 0;
};

class HttpServer {
 public:
  // `handler` must outlive the server.
  HttpServer(Handler& handler, ServerOptions options);
  ~HttpServer();

  // Binds and listens. Returns false and sets *error (e.g. "address already in use") on failure.
  bool Listen(std::string* error);
  // The port actually bound (useful with port 0).
  unsigned short port() const;
  // Serves until Stop() (which a StopSignal subscription may call: http/stop_signal.h), then
  // stops accepting, lets in-flight requests finish and returns. Call once, after Listen
  // succeeded.
  void Run();
  // Makes Run() return. Thread-safe; harmless before Run() or twice.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ddb::http
