// DynamoDbHandler: the DynamoDB HTTP endpoint around a Dispatcher, as the service presents it.
// POST carries an operation (X-Amz-Target), its body optionally compressed (Content-Encoding
// gzip or deflate); `GET /` answers the service's health line; with CORS origins, browsers'
// preflights are answered. Replies carry x-amzn-RequestId, x-amz-crc32 (of the bytes sent) and
// `Server`, and are gzip-compressed for clients that accept it when large enough to gain.
// Thread-safe, as the Dispatcher is.
#pragma once

#include <string>
#include <vector>

#include "gateway/dispatcher.h"
#include "http/handler.h"

namespace ddb::gateway {

using http::Request;
using http::Response;

// The service's HTTP face: what ddb-server's HttpServer serves (http/handler.h).
class DynamoDbHandler : public http::Handler {
 public:
  // `dispatcher` must outlive the handler. `cors`: "" (off), "*" (any origin) or a
  // comma-separated list of origins. `max_body_bytes` limits a decompressed body as the server
  // limits a plain one.
  DynamoDbHandler(Dispatcher& dispatcher, const std::string& cors, size_t max_body_bytes);

  // Writes block (they wait for the WAL sync); reads do not.
  bool Blocks(const Request& request) const override;
  Response Handle(const Request& request) override;
  Response TooLarge() const override;
  Response InternalError() const override;

 private:
  Response Post(const Request& request);
  Response Preflight(const Request& request) const;
  // The origin to allow for `request` ("" = none): its Origin if listed, "*" for any.
  std::string AllowedOrigin(const Request& request) const;
  // A reply with DynamoDB's headers; gzip'd when `gzip` and worth it.
  Response Make(int status, std::string body, std::string request_id, bool gzip = false,
                const std::string& origin = "") const;
  // The HTTP face's own refusals (before the dispatcher), rendered as every error is.
  Response Refuse(int status, const ApiError& error, const std::string& origin = "") const;

  Dispatcher& dispatcher_;
  bool cors_any_ = false;
  std::vector<std::string> cors_origins_;
  size_t max_body_bytes_;
};

}  // namespace ddb::gateway
