// HttpServer: HTTP/1.1 with keep-alive on Boost.Beast, serving the Dispatcher.
//
// A fixed pool of threads runs one io_context; each connection is served on its own strand, and
// a request is handled on the thread that read it (handlers block on RocksDB, so the pool is
// larger than the core count: concurrent durable writes then share one WAL sync). Requests have
// a size limit and slow or half-sent requests a deadline, after which the connection is closed.
#pragma once

#include <memory>
#include <string>

#include "http/dispatcher.h"

namespace ddb::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8000;
  int threads = 16;
  bool cors = false;  // Answer browsers' CORS preflights and allow any origin.
};

class HttpServer {
 public:
  HttpServer(Dispatcher& dispatcher, ServerOptions options);
  ~HttpServer();

  // Binds and listens. Returns false and sets *error (e.g. "address already in use") on failure.
  bool Listen(std::string* error);
  // The port actually bound (useful with port 0).
  unsigned short port() const;
  // Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish and
  // returns. Call once, after Listen succeeded.
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ddb::http
