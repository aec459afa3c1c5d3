// DynamoDbHandler: the DynamoDB HTTP endpoint as DynamoDB Local presents it, around a Dispatcher.
// POST carries an operation (X-Amz-Target); GET answers the health line DynamoDB Local answers;
// any other method is refused with DynamoDB's JSON error; with `cors`, browsers' preflights are
// answered and any origin is allowed. Every reply carries x-amzn-RequestId and x-amz-crc32.
// Thread-safe, as the Dispatcher is.
#pragma once

#include "http/dispatcher.h"
#include "http/handler.h"

namespace ddb::http {

class DynamoDbHandler : public Handler {
 public:
  // `dispatcher` must outlive the handler.
  DynamoDbHandler(Dispatcher& dispatcher, bool cors) : dispatcher_(dispatcher), cors_(cors) {}

  // Writes block (they wait for the WAL sync); reads do not.
  bool Blocks(const Request& request) const override;
  Response Handle(const Request& request) override;
  Response TooLarge() const override;
  Response InternalError() const override;

 private:
  // A reply with DynamoDB's headers (request id, x-amz-crc32 of `body`, CORS when enabled).
  Response Make(int status, std::string body, std::string request_id) const;
  Dispatcher& dispatcher_;
  bool cors_;
};

}  // namespace ddb::http
