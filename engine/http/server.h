// HttpServer: HTTP/1.1 with keep-alive on Boost.Beast, serving the Dispatcher.
//
// By default one I/O thread per core. Each I/O thread runs its own io_context; accepted
// connections are dealt to them in turn and stay on that thread, so a connection needs no
// strand and the threads share no scheduler lock. Reads are handled on the connection's thread.
// Writes block until the WAL is synced, so they run on a separate, larger pool of writer threads
// (concurrent syncing writers then share one fsync) and their replies are posted back to the
// connection's thread: a burst of writes never stalls the reads. Requests have a size limit and
// slow or half-sent requests a deadline, after which the connection is closed.
#pragma once

#include <memory>
#include <string>

#include "http/dispatcher.h"

namespace ddb::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8000;
  int threads = 0;         // I/O threads; 0 = one per core.
  int write_threads = 32;  // Threads that run writes (and wait for the WAL sync).
  bool cors = false;       // Answer browsers' CORS preflights and allow any origin.
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
