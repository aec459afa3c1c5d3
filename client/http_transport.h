// HttpTransport: HTTP/1.1 exchanges with one endpoint over pooled keep-alive connections, plain
// or TLS (certificates verified against the system's trust store, or AWS_CA_BUNDLE's file, and
// the host name checked), each step bounded by a timeout.
//
// Send() is synchronous and thread-safe: a caller takes an idle connection (or opens one), runs
// the exchange on that connection's own io_context and returns the connection to the pool if
// the server keeps it alive. A reused connection that the server had already closed is retried
// once on a fresh one before a failure is reported.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "client/config.h"
#include "client/error.h"

namespace ddb::client {

struct HttpRequest {
  bool get = false;  // GET instead of POST (e.g. a Cognito pool's JWKS); no body then.
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;  // Host and Content-Length are set.
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The first header called `name` (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{30000};  // Writing the request and reading the answer.
  std::string ca_file;                               // Trusted CAs instead of the system's.
  size_t max_idle = 16;                              // Idle connections kept.
};

class HttpTransport {
 public:
  // Fails (Configuration) only if the TLS settings cannot be loaded.
  static ClientResult<std::unique_ptr<HttpTransport>> Create(Endpoint endpoint,
                                                             TransportOptions options);
  ~HttpTransport();

  // Sends `request` (a POST, or a GET). Connection or Timeout errors when no answer could be read;
  // any answer, whatever its status, is a response.
  ClientResult<HttpResponse> Send(const HttpRequest& request);

  const Endpoint& endpoint() const { return endpoint_; }

 private:
  class Connection;
  HttpTransport(Endpoint endpoint, TransportOptions options);
  ClientResult<std::unique_ptr<Connection>> Open();
  std::unique_ptr<Connection> TakeIdle();
  void GiveBack(std::unique_ptr<Connection> c);

  Endpoint endpoint_;
  TransportOptions options_;
  struct Tls;
  std::unique_ptr<Tls> tls_;  // Null for http://.
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // Guarded by mu_.
};

}  // namespace ddb::client
