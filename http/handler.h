// Handler: what an HttpServer serves. The server owns connections, parsing, limits, timeouts,
// keep-alive, the Date header, the access log and shutdown; a Handler turns one parsed request
// into one response. ddb-server serves the DynamoDB protocol (dynamodb_handler.h); the cruddur
// application serves its API and web pages with the same server.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/event_stream.h"

namespace ddb::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;

struct Response {
  int status = 200;
  // Not owned: a literal, or text that outlives the server (no allocation per request).
  std::string_view content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Besides Content-Type and Date.
  // Set for a streamed body (Server-Sent Events): `body` is ignored, the connection is not kept
  // alive, and the session writes what the stream receives until it ends (event_stream.h).
  std::shared_ptr<EventStream> stream = nullptr;
};

class Handler {
 public:
  virtual ~Handler() = default;

  // True if Handle(request) may block (waiting for a WAL sync, another server, a database):
  // such requests run on the server's worker pool so that they never stall an I/O thread.
  // Called on an I/O thread; must be cheap.
  virtual bool Blocks(const Request& request) const = 0;

  // The response to `request`. Never throws. Thread-safe: runs on many threads at once.
  virtual Response Handle(const Request& request) = 0;
  // The same, for handlers that need the client's address (`peer`, e.g. "127.0.0.1" or "::1";
  // "" if unknown): the server calls this one. By default the address is not used.
  virtual Response Handle(const Request& request, std::string_view peer) {
    (void)peer;
    return Handle(request);
  }

  // The response to a request whose body is over ServerOptions::max_body_bytes (the body was
  // not read; the connection is closed after it).
  virtual Response TooLarge() const = 0;

  // The response when Handle() broke its promise and threw (the server catches it, so that one
  // bad request never takes the process down).
  virtual Response InternalError() const {
    return Response{500, "application/json", R"({"error":"internal error"})", {}};
  }

  // The value of header `name` in `request`, or "" when absent.
  static std::string_view Header(const Request& request, std::string_view name) {
    auto it = request.find(name);
    if (it == request.end()) return {};
    return {it->value().data(), it->value().size()};
  }
};

}  // namespace ddb::http
